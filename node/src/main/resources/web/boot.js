// Starts the first page's requests as soon as this small module and its three imports are in. The
// page's other scripts form one module graph, and a graph runs only once every module in it has
// arrived and been compiled: the results, the code names and the interface's words need not wait
// for that. Loaded by its own async script tag; app.js and search.js import the same instance.
import {getJson} from './api.js';
import {chooseLanguage, loadStrings} from './i18n.js';
import {FILTERS, URL_FILTERS, readState} from './state.js';

/** Results per page. */
export const PAGE = 20;

const codesUrl = document.documentElement.dataset.codes;
/** The versioned folder of every asset. */
export const assets = codesUrl.slice(0, codesUrl.lastIndexOf('/') + 1);
/** The names of sectors, organisation types, roles (and fallbacks for countries and languages). */
export const codes = getJson(codesUrl).catch(() => ({}));

const opened = readState(new URL(location.href));
loadStrings(assets, chooseLanguage(opened.lang));
let early = opened.view === 'search' ? fetchSearch(opened.filters) : null;
if (early) early.page.catch(() => {}); // an error is shown when the page takes the search up

export function searchKey(filters) {
  return JSON.stringify(['q', ...FILTERS, ...URL_FILTERS].map(name => filters[name] || ''));
}

/**
 * A search's first page, its filter counts, and the map's aggregates and the network of the same
 * search, all asked for at once under one controller (the map and the network are painted after the
 * results, but need not be asked for after them): {key, controller, page, facets, aggregates, network}.
 */
export function fetchSearch(filters) {
  const controller = new AbortController();
  const query = Object.assign({}, filters, {limit: PAGE});
  const later = promise => {
    promise.catch(() => {}); // shown (or ignored when cancelled) by whichever panel awaits it
    return promise;
  };
  return {
    key: searchKey(filters),
    controller,
    page: getJson('/v1/directory/organizations', query, controller.signal),
    facets: getJson('/v1/directory/facets', filters, controller.signal).catch(() => null),
    aggregates: later(getJson('/v1/directory/aggregates', filters, controller.signal)),
    network: later(getJson('/v1/directory/network', filters, controller.signal)),
  };
}

/** The search started at load, once, if it is the one wanted; otherwise it is cancelled. */
export function takeEarlySearch(filters) {
  const taken = early;
  early = null;
  if (taken && taken.key !== searchKey(filters)) {
    taken.controller.abort();
    return null;
  }
  return taken;
}

// Everything the page shows is named by its URL, so a search, a filtered list or an organisation
// can be bookmarked and shared: /?q=…&country=…&sector=…&language=…&hub=…&lang=…&org=origin/id,
// /crisis?country=…&sector=…&region=… for the crisis view, and /hubs for the hubs page; map=operations shades the map by where organisations work. lang is the interface language the viewer chose (absent: the
// browser's); links made before it existed said hl=, which is still read.
import {supported} from './i18n.js';

export const FILTERS = ['country', 'sector', 'language', 'hub'];
/**
 * Filters a URL carries without a control of their own on the form: operates_in=CC, organisations
 * based in CC or working there, as the API and the crisis view take it. Shown as a chip; a new search
 * from the form keeps it, as it keeps the search text.
 */
export const URL_FILTERS = ['operates_in'];
const ALL_FILTERS = [...FILTERS, ...URL_FILTERS];

export function readState(url) {
  const params = url.searchParams;
  const filters = {q: (params.get('q') || '').trim()};
  for (const name of ALL_FILTERS) filters[name] = (params.get(name) || '').trim();
  const view = url.pathname === '/hubs' ? 'hubs' : url.pathname === '/crisis' ? 'crisis' : params.get('org') ? 'detail' : 'search';
  const lang = supported(params.get('lang')) || supported(params.get('hl'));
  const map = params.get('map') === 'operations' ? 'operations' : '';
  const region = (params.get('region') || '').trim();
  return {view, filters, org: params.get('org') || '', lang, map, region};
}

/** The URL of a state; empty values are left out so shared links stay short. */
export function urlFor(state) {
  const params = new URLSearchParams();
  if (state.view !== 'hubs') {
    for (const name of ['q', ...ALL_FILTERS]) {
      if (state.filters && state.filters[name]) params.set(name, state.filters[name]);
    }
    if (state.view === 'detail' && state.org) params.set('org', state.org);
    if (state.map && state.view === 'search') params.set('map', state.map);
    if (state.view === 'crisis' && state.region) params.set('region', state.region);
  }
  if (state.lang) params.set('lang', state.lang);
  const query = params.toString();
  const path = state.view === 'hubs' ? '/hubs' : state.view === 'crisis' ? '/crisis' : '/';
  return path + (query ? '?' + query : '');
}

export function hasFilters(filters) {
  return ['q', ...ALL_FILTERS].some(name => filters[name]);
}

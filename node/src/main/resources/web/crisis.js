// The crisis view, /crisis?country=MM[&region=…][&sector=…]: for a regional forum's "who does what
// where" question, every organisation this node holds for the place (from every hub), the
// partnerships among them, and how fresh each hub's data is. One URL to share and print; the same
// query's HXL export is linked. Organisations are those working in the country (operates_in: based
// there, or naming it among their countries of operation, each row saying which: a responder needs
// both); a region narrows them to those whose locations name it.
import {exportUrl, getJson, itemsOf} from './api.js';
import {clear, h} from './dom.js';
import {formatCount, t} from './i18n.js';
import {countryName, displayName, formatTs, sectorLabel} from './lang.js';
import {errorNote, loading} from './common.js';
import {drawNetwork} from './network.js';
import {urlFor} from './state.js';

const $ = id => document.getElementById(id);
/** Organisations read for one view at most: a crisis view is a table to print, not the directory. */
const MAX = 500;
const PAGE = 100;
/** Organisations named in one /v1/directory/partnerships request (the server takes up to 100). */
const PARTIES = 100;

let controller = null;

/** Every page of a list (up to {@code max} items): {items, more}. */
async function pages(path, params, signal, max = Infinity) {
  const items = [];
  let cursor = null;
  do {
    const page = await getJson(path, Object.assign({}, params, {limit: PAGE, cursor}), signal);
    items.push(...itemsOf(page));
    cursor = page.next_cursor || null;
  } while (cursor && items.length < max);
  return {items: items.slice(0, max), more: Boolean(cursor) || items.length > max};
}

function regionsOf(record) {
  return (Array.isArray(record.locations) ? record.locations : [])
    .map(l => [l.region, l.city].filter(Boolean).join(' · ')).filter(Boolean);
}

function inRegion(record, region) {
  const wanted = region.toLowerCase();
  return (Array.isArray(record.locations) ? record.locations : [])
    .some(l => String(l.region || '').toLowerCase() === wanted);
}

export async function showCrisis(state, navigate) {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const view = clear($('crisis-view'));
  const {country, sector} = state.filters;
  const region = state.region;
  const place = country ? countryName(country) + (region ? ' · ' + region : '') : '';
  document.title = t('crisis.title', {place}) + ' · ' + t('app.title');
  view.appendChild(h('h1', {id: 'crisis-title', tabindex: '-1'}, t('crisis.title', {place})));
  if (!country) {
    view.appendChild(h('p', {class: 'muted'}, t('crisis.needCountry')));
    return;
  }
  const query = {operates_in: country, sector};
  const searchHref = urlFor({view: 'search', filters: {q: '', country, sector}, lang: state.lang});
  view.appendChild(h('p', {class: 'crisis-scope'},
    sector ? t('crisis.sectors', {sectors: sectorLabel(sector)}) : t('crisis.allSectors')));
  view.appendChild(h('p', {class: 'crisis-actions no-print'},
    h('a', {id: 'crisis-hxl', href: exportUrl('/v1/directory/export.hxl.csv', query)}, t('crisis.hxl')), ' · ',
    h('a', {href: searchHref, on: {click: event => navigate(event, searchHref)}}, t('crisis.search')), ' · ',
    h('button', {type: 'button', class: 'link-button', on: {click: () => window.print()}}, t('crisis.print'))));
  const body = view.appendChild(h('div', {class: 'crisis-body'}, loading()));
  let found;
  let hubs;
  try {
    [found, hubs] = await Promise.all([
      pages('/v1/directory/organizations', query, signal, MAX),
      getJson('/v1/directory/hub-status', null, signal).then(itemsOf).catch(() => []),
    ]);
  } catch (error) {
    if (error.name !== 'AbortError') clear(body).appendChild(errorNote(error));
    return;
  }
  const items = region ? found.items.filter(item => inRegion(item.record || {}, region)) : found.items;
  const ids = new Set(items.map(item => item.global_id || item.origin + '/' + item.id));
  // Partnerships of the listed organisations, each once (it names two or more of them): a hundred
  // organisations a request (the server's limit), every page of each.
  const partnerships = new Map();
  const batches = [];
  const all = [...ids];
  for (let i = 0; i < all.length; i += PARTIES) batches.push(all.slice(i, i + PARTIES));
  await Promise.all(batches.map(batch => pages('/v1/directory/partnerships', {organization: batch}, signal)
    .then(found => found.items.forEach(p => partnerships.set(p.global_id || p.origin + '/' + p.id, p)))
    .catch(() => {})));
  if (signal.aborted) return;
  clear(body);
  const byHub = new Map();
  for (const item of items) {
    if (!byHub.has(item.origin)) byHub.set(item.origin, []);
    byHub.get(item.origin).push(item);
  }
  body.appendChild(h('p', {id: 'crisis-summary', class: 'status'},
    t('crisis.summary', {n: items.length, hubs: byHub.size}) + (found.more ? ' ' + t('crisis.more', {max: MAX}) : '')));
  body.appendChild(freshness(byHub, hubs));
  body.appendChild(h('h2', null, t('crisis.organisations')));
  if (items.length === 0) body.appendChild(h('p', {class: 'muted'}, t('status.noMatch')));
  for (const [hub, group] of byHub) {
    body.appendChild(h('h3', {class: 'crisis-hub'}, hub, ' ', h('span', {class: 'muted'}, '(' + formatCount(group.length) + ')')));
    body.appendChild(h('table', {class: 'crisis-table', 'data-hub': hub},
      h('thead', null, h('tr', null, [t('crisis.col.name'), t('crisis.col.presence'), t('crisis.col.sectors'), t('crisis.col.where')]
        .map(text => h('th', {scope: 'col'}, text)))),
      h('tbody', null, group.map(item => organisationRow(item, country, state, navigate)))));
  }
  body.appendChild(h('h2', null, t('crisis.partnerships')));
  const list = [...partnerships.values()];
  if (items.length > 1) body.appendChild(drawNetwork(networkOf(items, list), 'crisis-network', state, navigate));
  body.appendChild(list.length === 0 ? h('p', {class: 'muted'}, t('partnership.none'))
    : h('ul', {id: 'crisis-partnerships', class: 'partnership-list'}, list.map(p => partnershipRow(p, ids))));
}

function freshness(byHub, hubs) {
  const known = new Map(hubs.map(hub => [hub.hub, hub]));
  return h('table', {id: 'crisis-hubs', class: 'crisis-table'},
    h('caption', null, t('crisis.freshness')),
    h('thead', null, h('tr', null, h('th', {scope: 'col'}, t('hubs.col.hub')), h('th', {scope: 'col'}, t('hubs.col.last')),
      h('th', {scope: 'col'}, t('hubs.col.lag')))),
    h('tbody', null, [...byHub.keys()].map(hub => {
      const status = known.get(hub) || {};
      const lag = status.lag || {};
      return h('tr', {'data-hub': hub}, h('td', null, hub),
        h('td', null, status.last_signed_at ? formatTs(status.last_signed_at) : '—'),
        h('td', null, status.self ? t('crisis.thisHub') : typeof lag.updates === 'number' ? t('crisis.lag', {n: lag.updates}) : '—'));
    })));
}

function organisationRow(item, country, state, navigate) {
  const record = item.record || {};
  const based = String(record.country || '').toUpperCase() === country;
  const globalId = item.global_id || item.origin + '/' + item.id;
  const href = urlFor({view: 'detail', filters: {}, org: globalId, lang: state.lang});
  const name = displayName(record);
  const sealed = record.sealed !== undefined;
  return h('tr', {'data-org': globalId, 'data-presence': based ? 'based' : 'operating'},
    h('td', null, h('a', {href, on: {click: event => navigate(event, href)}, lang: name.shownLang}, name.shown),
      sealed ? h('span', {class: 'pill'}, ' ' + t('crisis.sealed')) : null,
      h('div', {class: 'mono small'}, globalId)),
    h('td', null, h('span', {class: 'pill ' + (based ? 'pill-based' : 'pill-operating')},
      based ? t('crisis.basedHere') : t('crisis.worksHere', {country: record.country ? countryName(record.country) : '—'}))),
    h('td', null, (Array.isArray(record.sectors) ? record.sectors : []).map(code => h('div', {title: code}, sectorLabel(code)))),
    h('td', null, regionsOf(record).map(text => h('div', null, text))));
}

/**
 * The listed organisations and the partnerships among them in /v1/directory/network's shape, for
 * drawNetwork: built here from what the view already read, since a region narrows the list in the page.
 */
function networkOf(items, partnerships) {
  const nodes = items.map(item => {
    const record = item.record || {};
    return {id: item.global_id || item.origin + '/' + item.id, hub: item.origin, name: record.name, names: record.names, country: record.country};
  });
  const listed = new Set(nodes.map(node => node.id));
  const edges = [];
  for (const p of partnerships) {
    if (p.status === 'retracted') continue;
    const parties = ((p.record || {}).parties || []).map(party => party.organization).filter(id => listed.has(id));
    for (let a = 0; a < parties.length; a++) {
      for (let b = a + 1; b < parties.length; b++) {
        edges.push({from: parties[a], to: parties[b], status: p.status, partnership: p.global_id || p.origin + '/' + p.id,
          hub: p.origin, title: (p.record || {}).title || p.id});
      }
    }
  }
  return {grouped_by: 'organization', nodes, edges};
}

function partnershipRow(p, ids) {
  const record = p.record || {};
  const status = p.status || 'announced';
  const parties = Array.isArray(record.parties) ? record.parties : [];
  return h('li', {class: 'partnership status-' + status, 'data-status': status},
    h('span', {class: 'pill pill-' + status}, t('partnership.pill.' + status)), ' ',
    h('strong', null, record.title || p.id), ' ',
    h('span', {class: 'muted small'}, parties.map(party => party.organization + (ids.has(party.organization) ? '' : ' *')).join(' · ')));
}

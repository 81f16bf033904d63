// The crisis view, /crisis?country=MM[&region=…][&sector=…]: for a regional forum's "who does what
// where" question, every organisation this node holds for the place (from every hub), the
// partnerships among them, and how fresh each hub's data is. One URL to share and print; the same
// query's HXL export is linked. Organisations are those based in the country (the directory's
// country filter); a region narrows them to those whose locations name it.
import {exportUrl, getJson, itemsOf} from './api.js';
import {clear, h, svg} from './dom.js';
import {formatCount, t} from './i18n.js';
import {countryName, displayName, formatTs, sectorLabel} from './lang.js';
import {errorNote, loading} from './common.js';
import {urlFor} from './state.js';

const $ = id => document.getElementById(id);
/** Organisations read for one view at most: a crisis view is a table to print, not the directory. */
const MAX = 500;
const PAGE = 100;

let controller = null;

async function organizations(filters, signal) {
  const items = [];
  let cursor = null;
  do {
    const page = await getJson('/v1/directory/organizations', Object.assign({}, filters, {limit: PAGE, cursor}), signal);
    items.push(...itemsOf(page));
    cursor = page.next_cursor || null;
  } while (cursor && items.length < MAX);
  return {items: items.slice(0, MAX), more: Boolean(cursor) || items.length > MAX};
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
  const query = {country, sector};
  const searchHref = urlFor({view: 'search', filters: Object.assign({q: ''}, query), lang: state.lang});
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
      organizations(query, signal),
      getJson('/v1/directory/hub-status', null, signal).then(itemsOf).catch(() => []),
    ]);
  } catch (error) {
    if (error.name !== 'AbortError') clear(body).appendChild(errorNote(error));
    return;
  }
  const items = region ? found.items.filter(item => inRegion(item.record || {}, region)) : found.items;
  const ids = new Set(items.map(item => item.global_id || item.origin + '/' + item.id));
  // Partnerships of the listed organisations, each once (it names two or more of them).
  const partnerships = new Map();
  await Promise.all([...ids].map(id => getJson('/v1/directory/partnerships', {organization: id, limit: 100}, signal)
    .then(page => itemsOf(page).forEach(p => partnerships.set(p.global_id || p.origin + '/' + p.id, p)))
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
      h('thead', null, h('tr', null, [t('crisis.col.name'), t('crisis.col.sectors'), t('crisis.col.where')].map(text => h('th', {scope: 'col'}, text)))),
      h('tbody', null, group.map(item => organisationRow(item, state, navigate)))));
  }
  body.appendChild(h('h2', null, t('crisis.partnerships')));
  const list = [...partnerships.values()];
  if (items.length > 1) body.appendChild(network(items, list, state, navigate));
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

function organisationRow(item, state, navigate) {
  const record = item.record || {};
  const globalId = item.global_id || item.origin + '/' + item.id;
  const href = urlFor({view: 'detail', filters: {}, org: globalId, lang: state.lang});
  const name = displayName(record);
  const sealed = record.sealed !== undefined;
  return h('tr', {'data-org': globalId},
    h('td', null, h('a', {href, on: {click: event => navigate(event, href)}, lang: name.shownLang}, name.shown),
      sealed ? h('span', {class: 'pill'}, ' ' + t('crisis.sealed')) : null,
      h('div', {class: 'mono small'}, globalId)),
    h('td', null, (Array.isArray(record.sectors) ? record.sectors : []).map(code => h('div', {title: code}, sectorLabel(code)))),
    h('td', null, regionsOf(record).map(text => h('div', null, text))));
}

/**
 * The partnership network of the listed organisations: a node per organisation on a circle, grouped
 * by hub (each hub its colour), an edge per pair of listed parties of a partnership, coloured by the
 * announcing hub, solid once confirmed and dashed while awaiting co-signatures. A click on a node
 * opens the organisation. Fixed layout: the same URL draws the same picture, on screen and on paper.
 */
function network(items, partnerships, state, navigate) {
  const size = 520;
  const radius = size / 2 - 60;
  const hubs = [...new Set(items.map(item => item.origin))].sort();
  const position = new Map();
  items.forEach((item, i) => {
    const angle = 2 * Math.PI * i / items.length - Math.PI / 2;
    position.set(item.global_id || item.origin + '/' + item.id,
      {x: size / 2 + radius * Math.cos(angle), y: size / 2 + radius * Math.sin(angle), item});
  });
  const root = svg('svg', {id: 'crisis-network', class: 'network', viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': t('crisis.network')});
  const edges = svg('g', {class: 'edges'});
  for (const p of partnerships) {
    if (p.status === 'retracted') continue;
    const parties = ((p.record || {}).parties || []).map(party => party.organization).filter(id => position.has(id));
    for (let a = 0; a < parties.length; a++) {
      for (let b = a + 1; b < parties.length; b++) {
        const from = position.get(parties[a]);
        const to = position.get(parties[b]);
        edges.appendChild(svg('line', {class: 'edge edge-' + (p.status === 'confirmed' ? 'confirmed' : 'pending') + ' hub-' + (hubs.indexOf(p.origin) % 6 + 6) % 6,
          x1: from.x.toFixed(1), y1: from.y.toFixed(1), x2: to.x.toFixed(1), y2: to.y.toFixed(1), 'data-partnership': p.global_id || p.origin + '/' + p.id},
        svg('title', null, ((p.record || {}).title || p.id) + ' · ' + t('partnership.pill.' + (p.status || 'announced')))));
      }
    }
  }
  root.appendChild(edges);
  for (const [id, {x, y, item}] of position) {
    const name = displayName(item.record || {});
    const node = svg('g', {class: 'node hub-' + hubs.indexOf(item.origin) % 6, 'data-org': id},
      svg('circle', {cx: x.toFixed(1), cy: y.toFixed(1), r: 7}),
      svg('text', {x: x.toFixed(1), y: (y + (y < size / 2 ? -12 : 20)).toFixed(1), 'text-anchor': 'middle'}, String(name.shown || id)),
      svg('title', null, id));
    const href = urlFor({view: 'detail', filters: {}, org: id, lang: state.lang});
    node.addEventListener('click', () => navigate(null, href));
    root.appendChild(node);
  }
  const legend = h('p', {class: 'small muted'}, t('crisis.networkLegend'), ' ',
    hubs.map((hub, i) => h('span', {class: 'hub-key hub-' + i % 6}, '● ' + hub + ' ')));
  return h('figure', {class: 'network-panel'}, root, legend);
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

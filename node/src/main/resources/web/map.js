// The map of the current search: countries shaded by how many matching organisations are based
// there (or, switched, work there), from the server's aggregates (/v1/directory/aggregates), never
// from the records themselves; points for the shown results' geocoded locations. Outlines are
// Natural Earth's (countries.topo.json, ids already ISO alpha-2), projected by d3-geo, which the
// page loads from the jar as classic scripts (window.d3). A click on a country filters the search
// to it; a list under the map (folded, so keyboard users reach the results in a few tabs) names
// every counted country, so states too small to see (or with no outline at this scale, such as
// Tuvalu) are still found and chosen.
import {getJson} from './api.js';
import {assets} from './boot.js';
import {clear, h, svg} from './dom.js';
import {formatCount, t} from './i18n.js';
import {countryName} from './lang.js';
import {urlFor} from './state.js';

const $ = id => document.getElementById(id);
const WIDTH = 960;
const HEIGHT = 470;
/** Outlines smaller than this on screen (px², at the map's own size) also get a circle. */
const TINY = 40;
const SHADES = 5;

let drawn = null; // Promise of {svg, countries: Map code -> {paths, dot}, projection}
let outlines = null; // Promise of the TopoJSON outlines, fetched once

/**
 * Starts fetching the outlines while the search is still on its way, so the map is drawn as soon as
 * the results are on screen. Only the fetch: projecting the outlines takes the main thread, which
 * the results need first.
 */
export function prefetchOutlines() {
  if (!outlines) outlines = getJson(assets + 'countries.topo.json').catch(error => { outlines = null; throw error; });
  outlines.catch(() => {}); // shown by the map when it is drawn
}
let shown = null; // the search the map shows: {state, navigate}

/** TopoJSON arcs to longitude/latitude rings (quantised, delta-encoded: the format's own rules). */
function features(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map(arc => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => [(x += dx) * sx + tx, (y += dy) * sy + ty]);
  });
  const ring = indexes => {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      // Consecutive arcs share their joining point: keep it once.
      for (let k = points.length ? 1 : 0; k < arc.length; k++) points.push(arc[k]);
    }
    return points;
  };
  return topology.objects.countries.geometries.map(g => ({
    type: 'Feature',
    id: g.id || '',
    properties: g.properties || {},
    geometry: g.type === 'Polygon' ? {type: 'Polygon', coordinates: g.arcs.map(ring)}
      : g.type === 'MultiPolygon' ? {type: 'MultiPolygon', coordinates: g.arcs.map(p => p.map(ring))}
        : null,
  })).filter(f => f.geometry);
}

/** How long the projection holds the main thread at most before it lets other tasks run. */
const SLICE_MS = 50;

/**
 * Resolves in a task of its own, after the tasks already queued. A message, not setTimeout(0):
 * browsers clamp nested timeouts to 4 ms, which the projection's slices would pay each time.
 */
const yieldChannel = new MessageChannel();
function nextTask() {
  return new Promise(resolve => {
    yieldChannel.port1.onmessage = () => resolve();
    yieldChannel.port2.postMessage(null);
  });
}

async function draw() {
  const d3 = window.d3;
  if (!d3 || !d3.geoPath) throw new Error('d3-geo did not load');
  prefetchOutlines();
  const topology = await outlines;
  // One task's wait before the projection: an answer already in but parsed in a task of its own (the
  // network's) is painted first, not after it. The projection then yields every SLICE_MS (below), so
  // an answer that arrives while it runs (tens of ms with 110m outlines, a few hundred with 50m alone) waits one slice, not all
  // of it (at 1,000,000 the network's p95 was 341-354 ms in 2 of 3 runs, painted after the map).
  await nextTask();
  // Centred on the Pacific, where the directory's forums are: Asia and the islands stay whole.
  const projection = d3.geoEqualEarth().rotate([-150, 0]);
  projection.fitSize([WIDTH, HEIGHT], {type: 'Sphere'});
  const path = d3.geoPath(projection);
  const root = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'map-svg', role: 'img', 'aria-labelledby': 'map-title'});
  root.appendChild(svg('path', {class: 'sphere', d: path({type: 'Sphere'})}));
  const countries = new Map();
  const dots = svg('g', {class: 'dots'});
  let slice = performance.now();
  for (const feature of features(topology)) {
    if (performance.now() - slice > SLICE_MS) {
      await nextTask();
      slice = performance.now();
    }
    const d = path(feature);
    if (!d) continue;
    const element = svg('path', {class: 'country', d});
    root.appendChild(element);
    if (!feature.id) continue;
    element.setAttribute('data-country', feature.id);
    const entry = countries.get(feature.id) || {paths: [], dot: null};
    entry.paths.push(element);
    if (path.area(feature) < TINY) {
      const [x, y] = path.centroid(feature);
      if (Number.isFinite(x) && Number.isFinite(y)) {
        entry.dot = svg('circle', {class: 'country-dot', cx: x.toFixed(1), cy: y.toFixed(1), r: 4, 'data-country': feature.id});
        dots.appendChild(entry.dot);
      }
    }
    countries.set(feature.id, entry);
  }
  root.appendChild(dots);
  const points = svg('g', {class: 'points'});
  root.appendChild(points);
  root.addEventListener('click', event => {
    const code = event.target.getAttribute && event.target.getAttribute('data-country');
    if (code && event.target.classList.contains('shaded') && shown) {
      shown.navigate(null, urlFor({view: 'search', filters: Object.assign({}, shown.state.filters, {country: code}), lang: shown.state.lang}));
    }
  });
  clear($('map')).appendChild(root);
  return {root, countries, points, projection};
}

/** Counts of the chosen kind: {code: n}. */
function countsOf(aggregates, mode) {
  const raw = aggregates && aggregates[mode === 'operations' ? 'countries_of_operation' : 'country'];
  return raw && typeof raw === 'object' ? raw : {};
}

/** 1..SHADES on a log scale, so one large country does not leave every other one pale. */
function shade(n, max) {
  if (max <= 1) return SHADES;
  return 1 + Math.min(SHADES - 1, Math.floor((SHADES - 1) * Math.log(n) / Math.log(max) + 1e-9));
}

/**
 * Shows the map for a search. {@code items} are the results on screen (their geocoded locations
 * become points); {@code signal} cancels a map for a search already left; {@code started}, the
 * search's aggregates already asked for (with its first page), else they are asked for here.
 */
export async function showMap(state, navigate, items, signal, started) {
  shown = {state, navigate};
  const panel = $('map-panel');
  panel.hidden = false;
  const mode = state.map === 'operations' ? 'operations' : 'country';
  for (const button of panel.querySelectorAll('[data-map-mode]')) {
    const href = urlFor(Object.assign({}, state, {view: 'search', map: button.dataset.mapMode === 'operations' ? 'operations' : ''}));
    button.setAttribute('href', href);
    button.toggleAttribute('aria-current', button.dataset.mapMode === mode);
    button.onclick = event => navigate(event, href);
  }
  let aggregates;
  let map;
  try {
    if (!drawn) drawn = draw().catch(error => { drawn = null; throw error; });
    [aggregates, map] = await Promise.all([started || getJson('/v1/directory/aggregates', state.filters, signal), drawn]);
  } catch (error) {
    if (error.name === 'AbortError') return;
    $('map-note').textContent = t('map.failed', {error: error.message});
    return;
  }
  if (signal && signal.aborted) return;
  const counts = countsOf(aggregates, mode);
  const max = Math.max(0, ...Object.values(counts));
  for (const [code, entry] of map.countries) {
    const n = counts[code] || 0;
    for (const element of [...entry.paths, entry.dot]) {
      if (!element) continue;
      element.setAttribute('class', (element === entry.dot ? 'country-dot' : 'country') + (n > 0 ? ' shaded shade-' + shade(n, max) : ''));
      if (element === entry.dot) element.toggleAttribute('data-hidden', n === 0);
      let title = element.querySelector('title');
      if (!title) title = element.appendChild(svg('title'));
      title.textContent = countryName(code) + (n > 0 ? ' · ' + t('status.total', {n}) : '');
    }
  }
  renderPoints(map, items);
  renderList(counts, state, navigate, map);
  $('map-title').textContent = mode === 'operations' ? t('map.titleOperations') : t('map.titleBased');
  $('map-note').textContent = aggregates.complete === false ? t('map.lowerBound', {counted: aggregates.counted}) : '';
  $('map-legend').textContent = max > 0 ? t('map.legend', {max}) : t('map.none');
  document.documentElement.dataset.mapMs = String(Math.round(performance.now()));
}

function renderPoints(map, items) {
  const points = clear(map.points);
  for (const item of items || []) {
    const record = item.record || {};
    for (const location of Array.isArray(record.locations) ? record.locations : []) {
      if (typeof location.latitude !== 'number' || typeof location.longitude !== 'number') continue;
      const xy = map.projection([location.longitude, location.latitude]);
      if (!xy) continue;
      points.appendChild(svg('circle', {class: 'org-point', cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: 3},
        svg('title', null, String(record.name || item.id) + (location.city ? ' · ' + location.city : ''))));
    }
  }
}

/** Every counted country, largest first, as links: the map's keyboard and small-state access. */
function renderList(counts, state, navigate, map) {
  const list = clear($('map-list'));
  const entries = Object.entries(counts).filter(([, n]) => n > 0)
    .sort((a, b) => (b[1] - a[1]) || countryName(a[0]).localeCompare(countryName(b[0])));
  for (const [code, n] of entries) {
    const href = urlFor({view: 'search', filters: Object.assign({}, state.filters, {country: code}), lang: state.lang, map: state.map});
    const outline = map.countries.get(code);
    list.appendChild(h('li', {'data-country': code},
      h('a', {href, on: {click: event => navigate(event, href)}},
        countryName(code), ' ', h('span', {class: 'count'}, formatCount(n)),
        outline ? null : h('span', {class: 'muted small'}, ' ' + t('map.noOutline')))));
  }
  $('map-summary').textContent = t('map.list') + ' (' + formatCount(entries.length) + ')';
}

export function hideMap() {
  $('map-panel').hidden = true;
}

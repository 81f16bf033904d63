// The partnership network, drawn from /v1/directory/network's shape: organisations as nodes (each
// hub its colour), partnerships as edges (solid once confirmed, dashed while awaiting
// co-signatures, coloured by the announcing hub), a click on a node opening the organisation. Past
// the server's limit (500) the server groups by hub: a node per hub sized by its matches, an edge per
// pair of hubs labelled with how many partnerships join them, a click filtering the search to the
// hub. Fixed layouts (a circle, grouped by hub): the same URL draws the same picture, also on paper.
// The search page shows it under the map for the current search; the crisis view for its place.
import {getJson} from './api.js';
import {clear, h, svg} from './dom.js';
import {formatCount, t} from './i18n.js';
import {displayName} from './lang.js';
import {urlFor} from './state.js';

const $ = id => document.getElementById(id);
/** Labels are written next to nodes up to this many; beyond, a node's name is its tooltip. */
const LABELLED = 60;

const colour = (hubs, hub) => 'hub-' + ((hubs.indexOf(hub) % 6) + 6) % 6;

/**
 * A figure for {grouped_by, nodes, edges}; {@code id} names the svg (crisis-network, search-network).
 * {@code state} and {@code navigate} make the nodes' links.
 */
export function drawNetwork(data, id, state, navigate) {
  const grouped = data.grouped_by === 'hub';
  const nodes = [...data.nodes];
  const hubs = [...new Set(nodes.map(node => node.hub))].sort();
  // Grouped by hub around the circle; inside a hub, in the search's order.
  const order = new Map(nodes.map((node, i) => [node.id, i]));
  nodes.sort((a, b) => hubs.indexOf(a.hub) - hubs.indexOf(b.hub) || order.get(a.id) - order.get(b.id));
  const size = grouped ? 520 : Math.max(520, Math.min(1000, nodes.length * 3));
  const radius = size / 2 - (nodes.length > LABELLED ? 20 : 70);
  const position = new Map();
  nodes.forEach((node, i) => {
    const angle = 2 * Math.PI * i / nodes.length - Math.PI / 2;
    position.set(node.id, {x: size / 2 + radius * Math.cos(angle), y: size / 2 + radius * Math.sin(angle), node});
  });
  const root = svg('svg', {id, class: 'network' + (grouped ? ' network-grouped' : ''), viewBox: `0 0 ${size} ${size}`,
    role: 'img', 'aria-label': t('crisis.network'), 'data-grouped-by': data.grouped_by || 'organization'});
  const edges = svg('g', {class: 'edges'});
  const within = new Map();
  const most = Math.max(1, ...data.edges.map(edge => edge.count || 1));
  for (const edge of data.edges) {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) continue;
    const status = edge.status === 'confirmed' ? 'confirmed' : 'pending';
    if (edge.from === edge.to) { // grouped: partnerships inside one hub
      within.set(edge.from, (within.get(edge.from) || 0) + edge.count);
      continue;
    }
    const attrs = {class: 'edge edge-' + status + ' ' + colour(hubs, edge.hub || edge.from),
      x1: from.x.toFixed(1), y1: from.y.toFixed(1), x2: to.x.toFixed(1), y2: to.y.toFixed(1)};
    if (grouped) {
      attrs['data-count'] = edge.count;
      attrs['stroke-width'] = (1.5 + 6 * Math.log1p(edge.count) / Math.log1p(most)).toFixed(1);
    } else {
      attrs['data-partnership'] = edge.partnership;
    }
    const title = grouped
      ? t('network.between', {a: edge.from, b: edge.to, n: edge.count}) + ' · ' + t('partnership.pill.' + (status === 'confirmed' ? 'confirmed' : 'announced'))
      : (edge.title || edge.partnership) + ' · ' + t('partnership.pill.' + (edge.status || 'announced'));
    edges.appendChild(svg('line', attrs, svg('title', null, title)));
  }
  root.appendChild(edges);
  const biggest = Math.max(1, ...nodes.map(node => node.count || 1));
  for (const [nodeId, {x, y, node}] of position) {
    const label = grouped ? node.hub + ' (' + formatCount(node.count) + ')' : String(displayName(node).shown || nodeId);
    // Long names are cut on the drawing (never past its edge); the tooltip keeps them whole.
    const short = label.length > 24 ? label.slice(0, 23) + '…' : label;
    const r = grouped ? 8 + 22 * Math.sqrt((node.count || 1) / biggest) : nodes.length > LABELLED ? 4 : 7;
    const g = svg('g', {class: 'node ' + colour(hubs, node.hub), [grouped ? 'data-hub' : 'data-org']: nodeId},
      svg('circle', {cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1)}),
      svg('title', null, grouped
        ? label + (within.get(nodeId) ? ' · ' + t('network.within', {n: within.get(nodeId)}) : '')
        : label + ' · ' + nodeId));
    if (grouped || nodes.length <= LABELLED) {
      g.appendChild(svg('text', {x: x.toFixed(1), y: (y + (y < size / 2 ? -(r + 5) : r + 13)).toFixed(1), 'text-anchor': 'middle'}, short));
    }
    const href = grouped
      ? urlFor({view: 'search', filters: Object.assign({}, state.filters, {hub: nodeId}), lang: state.lang, map: state.map})
      : urlFor({view: 'detail', filters: {}, org: nodeId, lang: state.lang});
    g.addEventListener('click', () => navigate(null, href));
    root.appendChild(g);
  }
  const legend = h('p', {class: 'small muted'}, grouped ? t('network.groupedLegend', {max: data.max_organizations || 500}) : t('crisis.networkLegend'), ' ',
    hubs.map(hub => h('span', {class: 'hub-key ' + colour(hubs, hub)}, '● ' + hub + ' ')));
  return h('figure', {class: 'network-panel'}, root, legend);
}

/**
 * The search's network under the map, from the server; hidden when the search's organisations have
 * no partnership among them. {@code signal} cancels it for a search already left; {@code started},
 * the network already asked for with the search's first page, else it is asked for here.
 */
export async function showNetwork(state, navigate, signal, started) {
  const panel = $('network-panel');
  let data;
  try {
    data = await (started || getJson('/v1/directory/network', state.filters, signal));
  } catch (error) {
    if (error.name !== 'AbortError') panel.hidden = true;
    return;
  }
  if (signal && signal.aborted) return;
  const box = clear($('network'));
  const drawable = data.edges.filter(edge => edge.from !== edge.to).length > 0;
  panel.hidden = !drawable;
  if (drawable) box.appendChild(drawNetwork(data, 'search-network', state, navigate));
  const confirmed = data.edges.filter(edge => edge.status === 'confirmed').reduce((n, edge) => n + (edge.count || 1), 0);
  $('network-note').textContent = t('network.summary', {n: confirmed});
  document.documentElement.dataset.networkMs = String(Math.round(performance.now()));
}

export function hideNetwork() {
  $('network-panel').hidden = true;
}

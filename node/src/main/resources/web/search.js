// The search view: search box, filters with counts, results, "show more" and export links.
import {exportUrl, getJson} from './api.js';
import {PAGE, fetchSearch, takeEarlySearch} from './boot.js';
import {append, clear, h} from './dom.js';
import {formatCount, t} from './i18n.js';
import {countryName, displayDescription, languageName, organizationTypeName, sectorLabel} from './lang.js';
import {errorNote, nameBlock, provenanceBadge} from './common.js';
import {prefetchOutlines, showMap} from './map.js';
import {showNetwork} from './network.js';
import {FILTERS, URL_FILTERS, hasFilters, urlFor} from './state.js';

const $ = id => document.getElementById(id);

let current = null; // {state, controller, cursor}
let firstResultsMarked = false;

export function valueLabel(filter, value) {
  switch (filter) {
    case 'country':
    case 'operates_in': return countryName(value);
    case 'sector': return sectorLabel(value);
    case 'language': return languageName(value);
    default: return value;
  }
}

/** Facets as [{value, count}] whether the server sends a list or a {value: count} map. */
function facetList(facets, name) {
  const raw = facets && facets[name];
  if (Array.isArray(raw)) return raw.filter(e => e && e.value !== undefined);
  if (raw && typeof raw === 'object') return Object.entries(raw).map(([value, count]) => ({value, count}));
  return [];
}

export async function showSearch(state, navigate) {
  if (current && current.controller) current.controller.abort();
  const started = takeEarlySearch(state.filters) || fetchSearch(state.filters);
  const {controller, facets} = started;
  prefetchOutlines();
  current = {state, controller, cursor: null, total: undefined};
  fillForm(state);
  renderChips(state, navigate);
  updateExports(state.filters);
  const status = $('status');
  status.textContent = t('status.searching');
  try {
    const page = await started.page;
    performance.mark('tsunagu:results-json');
    if (controller.signal.aborted) return;
    clear($('results'));
    renderPage(page, state, navigate);
    markFirstResults();
    showMap(state, navigate, (page && page.items) || [], controller.signal, started.aggregates);
    showNetwork(state, navigate, controller.signal, started.network);
  } catch (error) {
    if (error.name === 'AbortError') return;
    clear($('results'));
    status.textContent = '';
    $('results').appendChild(h('li', null, errorNote(error)));
    $('more').hidden = true;
  }
  const counts = await facets;
  if (!controller.signal.aborted) {
    renderFacets(counts, state);
    refineStatus(counts);
  }
}

/** The search gives a total only for one-page results; the facet counts know the exact total. */
function refineStatus(counts) {
  const note = $('facet-note');
  note.hidden = !counts || counts.complete !== false;
  if (!counts) return;
  note.textContent = t('facets.lowerBound', {counted: counts.counted, total: counts.total});
  const shown = $('results').children.length;
  if (current.total !== null || shown === 0 || typeof counts.total !== 'number') return;
  current.total = counts.total;
  $('status').textContent = totalText(counts.total, shown);
}

export async function showMore(navigate) {
  if (!current || !current.cursor) return;
  const {state, controller} = current;
  const button = $('more');
  button.disabled = true;
  try {
    const query = Object.assign({}, state.filters, {limit: PAGE, cursor: current.cursor});
    const page = await getJson('/v1/directory/organizations', query, controller.signal);
    const firstNew = renderPage(page, state, navigate);
    // Keyboard users continue from the first new result rather than the top of the page.
    if (firstNew) firstNew.focus();
  } catch (error) {
    if (error.name !== 'AbortError') $('status').textContent = t('status.moreFailed', {error: error.message});
  } finally {
    button.disabled = false;
  }
}

function markFirstResults() {
  if (firstResultsMarked) return;
  firstResultsMarked = true;
  // Read by scripts/bench-web: milliseconds from navigation start to the first results on screen.
  performance.mark('tsunagu:first-results');
  document.documentElement.dataset.firstResultsMs = String(Math.round(performance.now()));
}

function renderPage(page, state, navigate) {
  const list = $('results');
  const items = (page && page.items) || [];
  let firstLink = null;
  for (const item of items) {
    const li = resultItem(item, state, navigate);
    if (!firstLink) firstLink = li.querySelector('a');
    list.appendChild(li);
  }
  current.cursor = page && page.next_cursor ? page.next_cursor : null;
  $('more').hidden = !current.cursor;
  const shown = list.children.length;
  // The page's own total (one-page results), else what the counts said, else unknown (null).
  if (page && typeof page.total === 'number') current.total = page.total;
  else if (current.total === undefined) current.total = null;
  const total = current.total;
  const status = $('status');
  if (shown === 0) {
    status.textContent = hasFilters(state.filters) ? t('status.noMatch') : t('status.empty');
  } else if (total !== null) {
    status.textContent = totalText(total, shown);
  } else {
    status.textContent = t('status.shownOnly', {n: shown});
  }
  return firstLink;
}

/** "1,234 organisations · showing 20" in the interface language. */
function totalText(total, shown) {
  return t('status.total', {n: total}) + (shown < total ? t('status.showing', {n: shown}) : '');
}

function resultItem(item, state, navigate) {
  const record = item.record || {};
  const globalId = item.global_id || item.origin + '/' + item.id;
  const href = urlFor({view: 'detail', filters: state.filters, org: globalId, lang: state.lang});
  const link = h('a', {href, class: 'result-link', on: {click: event => navigate(event, href)}});
  append(link, [nameBlock(record, 'span')]);
  const meta = [h('span', {class: 'mono'}, globalId)];
  if (record.country) meta.push(h('span', null, countryName(record.country)));
  const type = organizationTypeName(record.organization_type);
  if (type) meta.push(h('span', null, type));
  if (record.status && record.status !== 'active') {
    meta.push(h('span', {class: 'status-flag'}, t('value.status.' + record.status)));
  }
  const sectors = Array.isArray(record.sectors) ? record.sectors : [];
  const description = displayDescription(record);
  return h('li', {class: 'result'},
    h('h3', null, link),
    h('p', {class: 'meta'}, meta.map((part, i) => [i ? h('span', {class: 'sep', 'aria-hidden': 'true'}, ' · ') : null, part])),
    sectors.length ? h('ul', {class: 'tags', 'aria-label': t('results.sectors')},
      sectors.slice(0, 3).map(code => h('li', {title: code}, sectorLabel(code))),
      sectors.length > 3 ? h('li', {class: 'tag-more'}, '+' + (sectors.length - 3)) : null) : null,
    description ? h('p', {class: 'summary', lang: description.lang}, description.text) : null,
    item.sealed && !item.sealed.opened ? h('p', {class: 'summary sealed-notice'}, t('detail.sealed')) : null,
    provenanceBadge(item.provenance));
}

function fillForm(state) {
  const form = $('search');
  form.elements.q.value = state.filters.q;
  for (const name of FILTERS) {
    const select = form.elements[name];
    // Keep the current value selectable before the counts arrive.
    if (![...select.options].some(o => o.value === state.filters[name])) {
      select.appendChild(h('option', {value: state.filters[name]}, valueLabel(name, state.filters[name])));
    }
    select.value = state.filters[name];
  }
}

function renderFacets(facets, state) {
  const form = $('search');
  const exact = !facets || facets.complete !== false;
  for (const name of FILTERS) {
    const select = form.elements[name];
    const selected = state.filters[name];
    const entries = facetList(facets, name)
      .map(e => ({value: String(e.value), count: e.count, exact, label: valueLabel(name, String(e.value))}))
      .sort((a, b) => (b.count - a.count) || a.label.localeCompare(b.label));
    if (selected && !entries.some(e => e.value === selected)) {
      entries.unshift({value: selected, count: 0, label: valueLabel(name, selected)});
    }
    clear(select);
    select.appendChild(h('option', {value: ''}, t('filter.all.' + name)));
    if (name === 'sector') {
      // Categories (3 digits) hold the sectors (5 digits): offer both, in two groups.
      for (const [label, length] of [[t('filter.sectorCategories'), 3], [t('filter.sectors'), 5]]) {
        const group = entries.filter(e => e.value.length === length);
        if (group.length) select.appendChild(h('optgroup', {label}, group.map(facetOption)));
      }
    } else {
      for (const entry of entries) select.appendChild(facetOption(entry));
    }
    select.value = selected;
  }
}

function facetOption(entry) {
  // A lower bound (a search too large to count in full) says so: "(≥ 1,234)".
  const count = typeof entry.count === 'number' && entry.count > 0
    ? ' (' + (entry.exact ? '' : '≥ ') + formatCount(entry.count) + ')' : '';
  return h('option', {value: entry.value, title: entry.value}, entry.label + count);
}

function renderChips(state, navigate) {
  const chips = clear($('chips'));
  const active = ['q', ...FILTERS, ...URL_FILTERS].filter(name => state.filters[name]);
  chips.hidden = active.length === 0;
  for (const name of active) {
    const without = Object.assign({}, state.filters, {[name]: ''});
    const href = urlFor({view: 'search', filters: without, lang: state.lang});
    const label = name === 'q' ? t('chips.query', {q: state.filters.q})
      : t('chips.filter', {filter: t('filter.' + name), value: valueLabel(name, state.filters[name])});
    chips.appendChild(h('li', null,
      h('a', {href, class: 'chip', on: {click: event => navigate(event, href)}},
        h('span', null, label), h('span', {class: 'chip-x', 'aria-hidden': 'true'}, '×'),
        h('span', {class: 'visually-hidden'}, t('chips.remove')))));
  }
  if (active.length > 1) {
    const href = urlFor({view: 'search', filters: {}, lang: state.lang});
    chips.appendChild(h('li', null, h('a', {href, class: 'chip chip-clear', on: {click: event => navigate(event, href)}}, t('chips.clear'))));
  }
}

function updateExports(filters) {
  $('export-csv').setAttribute('href', exportUrl('/v1/directory/export.csv', filters));
  $('export-hsds').setAttribute('href', exportUrl('/v1/directory/export.hsds.json', filters));
  $('export-hxl').setAttribute('href', exportUrl('/v1/directory/export.hxl.csv', filters));
  // With a country chosen, the same place and sector open as a crisis view (a page to share and print).
  $('crisis-link-wrap').hidden = !filters.country;
  $('crisis-link').setAttribute('href', urlFor({view: 'crisis', filters: {country: filters.country, sector: filters.sector}}));
}

// Entry point: reads the URL, shows the matching view, and keeps the URL in step with the page.
import {getJson} from './api.js';
import {h} from './dom.js';
import {autonym, setCodes, setViewerLanguage} from './lang.js';
import {showDetail} from './detail.js';
import {showHubs} from './hubs.js';
import {showMore, showSearch, startSearch} from './search.js';
import {FILTERS, readState, urlFor} from './state.js';

const DISPLAY_LANGUAGES = ['en', 'ja', 'zh', 'ko', 'th', 'vi', 'id', 'ms', 'fil', 'km', 'lo', 'my', 'ne', 'hi', 'bn', 'si', 'ur', 'mn', 'fr', 'es', 'ar'];
const $ = id => document.getElementById(id);
const codes = getJson(document.documentElement.dataset.codes).catch(() => ({}));
let state = readState(new URL(location.href));
if (state.view === 'search') startSearch(state);

/** Follows an in-page link without reloading; modified clicks (new tab…) are left to the browser. */
function navigate(event, href) {
  if (event && (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) return;
  if (event) event.preventDefault();
  history.pushState(null, '', href);
  render();
}

async function render() {
  const previous = state;
  state = readState(new URL(location.href));
  setViewerLanguage(state.hl);
  setCodes(await codes);
  performance.mark('tsunagu:codes');
  $('hl').value = state.hl;
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.toggleAttribute('aria-current', link.dataset.nav === (state.view === 'hubs' ? 'hubs' : 'search'));
  }
  $('search-view').hidden = state.view !== 'search';
  $('detail-view').hidden = state.view !== 'detail';
  $('hubs-view').hidden = state.view !== 'hubs';
  if (state.view === 'hubs') {
    document.title = 'Hubs · Tsunagu directory';
    await showHubs();
  } else if (state.view === 'detail') {
    await showDetail(state, navigate);
  } else {
    document.title = state.filters.q ? state.filters.q + ' · Tsunagu directory' : 'Tsunagu directory';
    const sameSearch = previous.view === 'detail' && JSON.stringify(previous.filters) === JSON.stringify(state.filters)
      && previous.hl === state.hl && $('results').children.length > 0;
    if (sameSearch) {
      // Back from a detail: the list is still there; return focus to the organisation just seen.
      const link = [...document.querySelectorAll('#results a.result-link')]
        .find(a => new URL(a.href).searchParams.get('org') === previous.org);
      if (link) link.focus();
    } else {
      await showSearch(state, navigate);
    }
  }
}

function formFilters(form) {
  const filters = {q: form.elements.q.value.trim()};
  for (const name of FILTERS) filters[name] = form.elements[name].value;
  return filters;
}

function init() {
  const form = $('search');
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate(null, urlFor({view: 'search', filters: formFilters(form), hl: state.hl}));
  });
  // A filter applies as soon as it is chosen; the search text waits for Enter or the button.
  for (const name of FILTERS) {
    form.elements[name].addEventListener('change', () =>
      navigate(null, urlFor({view: 'search', filters: Object.assign(formFilters(form), {q: state.filters.q}), hl: state.hl})));
  }
  const hl = $('hl');
  for (const tag of DISPLAY_LANGUAGES) hl.appendChild(h('option', {value: tag, lang: tag}, autonym(tag)));
  hl.addEventListener('change', () => {
    history.replaceState(null, '', urlFor(Object.assign({}, state, {hl: hl.value})));
    render();
  });
  $('more').addEventListener('click', () => showMore(navigate));
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.addEventListener('click', event => navigate(event, link.dataset.nav === 'hubs'
      ? urlFor({view: 'hubs', hl: state.hl}) : urlFor({view: 'search', filters: {}, hl: state.hl})));
  }
  window.addEventListener('popstate', render);
  render();
}

init();

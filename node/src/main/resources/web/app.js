// Entry point: reads the URL, shows the matching view, and keeps the URL in step with the page.
import {assets, codes} from './boot.js';
import {chooseLanguage, t, translatePage, useLanguage} from './i18n.js';
import {setCodes, setViewerLanguage} from './lang.js';
import {showDetail} from './detail.js';
import {showCrisis} from './crisis.js';
import {showHubs} from './hubs.js';
import {showMore, showSearch} from './search.js';
import {FILTERS, URL_FILTERS, readState, urlFor} from './state.js';

const $ = id => document.getElementById(id);
// boot.js has already asked for the code names, the interface's words and the first results.
let state = readState(new URL(location.href));

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
  const lang = chooseLanguage(state.lang);
  const [loaded] = await Promise.all([codes, useLanguage(assets, lang)]);
  setCodes(loaded);
  performance.mark('tsunagu:codes');
  setViewerLanguage(lang);
  translatePage(document);
  $('lang').value = lang;
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.toggleAttribute('aria-current', link.dataset.nav === (state.view === 'hubs' ? 'hubs' : 'search'));
  }
  $('search-view').hidden = state.view !== 'search';
  $('detail-view').hidden = state.view !== 'detail';
  $('hubs-view').hidden = state.view !== 'hubs';
  $('crisis-view').hidden = state.view !== 'crisis';
  if (state.view === 'crisis') {
    await showCrisis(state, navigate);
  } else if (state.view === 'hubs') {
    document.title = t('hubs.title') + ' · ' + t('app.title');
    await showHubs();
  } else if (state.view === 'detail') {
    await showDetail(state, navigate);
  } else {
    document.title = state.filters.q ? state.filters.q + ' · ' + t('app.title') : t('app.title');
    const sameSearch = previous.view === 'detail' && JSON.stringify(previous.filters) === JSON.stringify(state.filters)
      && previous.lang === state.lang && $('results').children.length > 0;
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
  for (const name of URL_FILTERS) filters[name] = state.filters[name] || '';
  return filters;
}

function init() {
  const form = $('search');
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate(null, urlFor({view: 'search', filters: formFilters(form), lang: state.lang}));
  });
  // A filter applies as soon as it is chosen; the search text waits for Enter or the button.
  for (const name of FILTERS) {
    form.elements[name].addEventListener('change', () =>
      navigate(null, urlFor({view: 'search', filters: Object.assign(formFilters(form), {q: state.filters.q}), lang: state.lang})));
  }
  // Choosing a language puts it in the URL, so a link shared from here opens in it too.
  const picker = $('lang');
  picker.addEventListener('change', () => {
    history.replaceState(null, '', urlFor(Object.assign({}, state, {lang: picker.value})));
    render();
  });
  $('more').addEventListener('click', () => showMore(navigate));
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.addEventListener('click', event => navigate(event, link.dataset.nav === 'hubs'
      ? urlFor({view: 'hubs', lang: state.lang}) : urlFor({view: 'search', filters: {}, lang: state.lang})));
  }
  window.addEventListener('popstate', render);
  render();
}

init();

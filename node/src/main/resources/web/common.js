// Pieces shared by the result list, the detail view and the hubs page.
import {h} from './dom.js';
import {displayName, formatDate, formatTs} from './lang.js';

/** Title of a record: the name in the viewer's language, with the original beside it. */
export function nameBlock(record, tag, attrs) {
  const name = displayName(record);
  return h(tag, Object.assign({class: 'org-name'}, attrs || {}),
    h('span', {class: 'name', lang: name.shownLang}, name.shown),
    name.original ? h('span', {class: 'original', lang: name.originalLang},
      h('span', {class: 'visually-hidden'}, ' (original: '), name.original,
      h('span', {class: 'visually-hidden'}, ')')) : null);
}

/** ed25519:AbCdEf…WxYz: enough to compare by eye, the whole key in the title. */
export function shortKey(key) {
  if (!key) return '';
  const [alg, value] = key.includes(':') ? key.split(':', 2) : ['', key];
  const shortened = value.length > 14 ? value.slice(0, 6) + '…' + value.slice(-6) : value;
  return (alg ? alg + ':' : '') + shortened;
}

/** The one-line badge on a result: "Signed by jp-janic · 2026-11-29 · verified". */
export function provenanceBadge(provenance) {
  if (!provenance) return null;
  const verified = provenance.verified === true;
  return h('p', {
      class: 'badge ' + (verified ? 'badge-verified' : 'badge-unverified'),
      title: 'Signed ' + formatTs(provenance.ts) + ' with key ' + (provenance.key || '') + ', update #' + provenance.seq,
    },
    h('span', {class: 'badge-mark', 'aria-hidden': 'true'}, verified ? '✓' : '!'),
    'Signed by ', h('strong', null, provenance.origin), ' · ', formatDate(provenance.ts), ' · ',
    verified ? 'verified' : 'not verified');
}

/** The full provenance statement of the detail view. */
export function provenanceBox(provenance) {
  if (!provenance) return null;
  const verified = provenance.verified === true;
  return h('section', {class: 'provenance ' + (verified ? 'is-verified' : 'is-unverified'), 'aria-labelledby': 'prov-title'},
    h('h2', {id: 'prov-title'},
      h('span', {class: 'badge-mark', 'aria-hidden': 'true'}, verified ? '✓' : '!'),
      verified ? 'Signature verified' : 'Signature not verified'),
    h('p', {class: 'provenance-line'},
      'Signed by ', h('strong', null, provenance.origin), ', ', formatDate(provenance.ts),
      ', key ', h('code', {title: provenance.key}, shortKey(provenance.key)),
      ', ', verified ? 'verified' : 'not verified', '.'),
    h('dl', {class: 'kv small'},
      h('dt', null, 'Origin hub'), h('dd', null, provenance.origin),
      h('dt', null, 'Update'), h('dd', null, '#' + provenance.seq),
      h('dt', null, 'Signed at'), h('dd', null, h('time', {datetime: provenance.ts}, formatTs(provenance.ts))),
      h('dt', null, 'Key'), h('dd', null, h('code', {class: 'break'}, provenance.key)),
      h('dt', null, 'Envelope hash'), h('dd', null, h('code', {class: 'break'}, provenance.hash))),
    h('p', {class: 'small'},
      h('a', {href: '/v1/feeds/' + encodeURIComponent(provenance.origin) + '?after=' + Math.max(0, provenance.seq - 1) + '&limit=1'},
        'View the signed update')));
}

export function loading(text) {
  return h('p', {class: 'loading', role: 'status'}, text || 'Loading…');
}

export function errorNote(error) {
  return h('p', {class: 'error', role: 'alert'}, 'Could not load: ', error.message || String(error));
}

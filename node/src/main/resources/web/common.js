// Pieces shared by the result list, the detail view and the hubs page.
import {h} from './dom.js';
import {t, tParts} from './i18n.js';
import {displayName, formatDate, formatTs} from './lang.js';

/** Title of a record: the name in the viewer's language, with the original beside it. */
export function nameBlock(record, tag, attrs) {
  const name = displayName(record);
  return h(tag, Object.assign({class: 'org-name'}, attrs || {}),
    h('span', {class: 'name', lang: name.shownLang}, name.shown),
    name.original ? h('span', {class: 'original', lang: name.originalLang},
      h('span', {class: 'visually-hidden'}, t('name.originalBefore')), name.original,
      h('span', {class: 'visually-hidden'}, t('name.originalAfter'))) : null);
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
      title: t('prov.title', {ts: formatTs(provenance.ts), key: provenance.key || '', seq: String(provenance.seq)}),
    },
    h('span', {class: 'badge-mark', 'aria-hidden': 'true'}, verified ? '✓' : '!'),
    tParts('prov.badge', {
      origin: h('strong', null, provenance.origin),
      date: formatDate(provenance.ts),
      verified: verified ? t('prov.verified') : t('prov.notVerified'),
    }));
}

/** The full provenance statement of the detail view. */
export function provenanceBox(provenance) {
  if (!provenance) return null;
  const verified = provenance.verified === true;
  return h('section', {class: 'provenance ' + (verified ? 'is-verified' : 'is-unverified'), 'aria-labelledby': 'prov-title'},
    h('h2', {id: 'prov-title'},
      h('span', {class: 'badge-mark', 'aria-hidden': 'true'}, verified ? '✓' : '!'),
      verified ? t('prov.boxVerified') : t('prov.boxNotVerified')),
    h('p', {class: 'provenance-line'}, tParts('prov.line', {
      origin: h('strong', null, provenance.origin),
      date: formatDate(provenance.ts),
      key: h('code', {title: provenance.key}, shortKey(provenance.key)),
      verified: verified ? t('prov.verified') : t('prov.notVerified'),
    })),
    h('dl', {class: 'kv small'},
      h('dt', null, t('prov.origin')), h('dd', null, provenance.origin),
      h('dt', null, t('prov.update')), h('dd', null, '#' + provenance.seq),
      h('dt', null, t('prov.signedAt')), h('dd', null, h('time', {datetime: provenance.ts}, formatTs(provenance.ts))),
      h('dt', null, t('prov.key')), h('dd', null, h('code', {class: 'break'}, provenance.key)),
      h('dt', null, t('prov.hash')), h('dd', null, h('code', {class: 'break'}, provenance.hash))),
    h('p', {class: 'small'},
      h('a', {href: '/v1/feeds/' + encodeURIComponent(provenance.origin) + '?after=' + Math.max(0, provenance.seq - 1) + '&limit=1'},
        t('prov.view'))));
}

export function loading(text) {
  return h('p', {class: 'loading', role: 'status'}, text || t('common.loading'));
}

export function errorNote(error) {
  return h('p', {class: 'error', role: 'alert'}, t('common.loadFailed', {error: error.message || String(error)}));
}

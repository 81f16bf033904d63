// The hubs page: every hub this node knows, its key, how fresh its log is here, whether this node
// follows it, and anything an operator must look at (equivocation, key changes, erasures it has not
// acknowledged: then the update number is this node's erase).
import {getJson, itemsOf} from './api.js';
import {clear, externalLink, h} from './dom.js';
import {formatCount, t} from './i18n.js';
import {countryName, formatTs, pick} from './lang.js';
import {errorNote, loading, shortKey} from './common.js';

const FOLLOW = ['self', 'following', 'active', 'pending', 'failed', 'refused', 'not_followed', 'relayed', 'halted'];
const ALERTS = ['equivocation', 'key_change', 'key_rotation', 'erasure_waiting'];
const EXPLAINED = ['equivocation', 'erasure_waiting'];
const COLUMNS = ['hubs.col.hub', 'hubs.col.key', 'hubs.col.last', 'hubs.col.follow', 'hubs.col.lag', 'hubs.col.alerts'];

let controller = null;

export async function showHubs() {
  if (controller) controller.abort();
  controller = new AbortController();
  const view = clear(document.getElementById('hubs-view'));
  view.appendChild(h('h1', {id: 'hubs-title', tabindex: '-1'}, t('hubs.title')));
  view.appendChild(h('p', {class: 'muted'}, t('hubs.intro')));
  const body = view.appendChild(h('div', null, loading()));
  let hubs;
  try {
    hubs = itemsOf(await getJson('/v1/directory/hub-status', null, controller.signal));
  } catch (error) {
    if (error.name === 'AbortError') return;
    clear(body).appendChild(errorNote(error));
    return;
  }
  clear(body);
  if (hubs.length === 0) {
    body.appendChild(h('p', null, t('hubs.none')));
    return;
  }
  const alerting = hubs.filter(hub => (hub.alerts || []).length > 0);
  if (alerting.length) {
    body.appendChild(h('section', {class: 'alert-box', role: 'alert', 'aria-labelledby': 'alerts-title'},
      h('h2', {id: 'alerts-title'}, t('hubs.attention')),
      h('ul', null, alerting.flatMap(hub => hub.alerts.map(alert =>
        h('li', null, h('strong', null, hub.hub), ': ', alertText(alert)))))));
  }
  body.appendChild(h('table', {class: 'hubs'},
    h('caption', {class: 'visually-hidden'}, t('hubs.caption')),
    h('thead', null, h('tr', null, COLUMNS.map(key => h('th', {scope: 'col'}, t(key))))),
    h('tbody', null, hubs.map(hubRow))));
  document.getElementById('hubs-title').focus();
}

/** "Equivocation at update #78 (2026-11-29 01:00 UTC): two different updates …". */
function alertText(alert) {
  const parts = [ALERTS.includes(alert.kind) ? t('alert.' + alert.kind) : alert.kind];
  if (alert.seq) parts.push(t('alert.atUpdate', {seq: String(alert.seq)}));
  if (alert.at) parts.push(t('alert.at', {at: formatTs(alert.at)}));
  if (alert.key) parts.push(t('alert.newKey', {key: shortKey(alert.key)}));
  const explained = EXPLAINED.includes(alert.kind) ? t('alert.' + alert.kind + '.explained') : alert.message;
  if (explained) parts.push(t('alert.explained', {text: explained}));
  return parts.join('');
}

function hubRow(hub) {
  const name = pick(hub.names) || {text: hub.name, lang: null};
  const follow = hub.follow || {};
  const status = follow.status || 'not_followed';
  const alerts = hub.alerts || [];
  const none = () => h('span', {class: 'muted'}, t('hubs.noneValue'));
  return h('tr', {class: alerts.length ? 'has-alert' : null, 'data-hub': hub.hub},
    h('td', {'data-label': t('hubs.col.hub')},
      h('strong', {lang: name.lang}, name.text || hub.hub), h('br'),
      h('span', {class: 'mono small'}, hub.hub),
      hub.country ? h('span', {class: 'small muted'}, ' · ', countryName(hub.country)) : null,
      hub.url ? [h('br'), h('span', {class: 'small'}, externalLink(hub.url))] : null),
    h('td', {'data-label': t('hubs.col.key')},
      hub.key_fingerprint ? h('code', {class: 'fingerprint', title: hub.key}, hub.key_fingerprint)
        : h('code', {title: hub.key}, shortKey(hub.key))),
    h('td', {'data-label': t('hubs.col.last')},
      hub.head_seq ? ['#' + formatCount(hub.head_seq), h('br'),
        h('span', {class: 'small muted'}, t('hubs.signed', {ts: formatTs(hub.last_signed_at)}))] : none(),
      hub.last_received_at ? [h('br'), h('span', {class: 'small muted'}, t('hubs.received', {ts: formatTs(hub.last_received_at)}))] : null),
    h('td', {'data-label': t('hubs.col.follow')},
      h('span', {class: 'pill pill-follow-' + status}, FOLLOW.includes(status) ? t('follow.' + status) : status),
      follow.last_pull_at ? [h('br'), h('span', {class: 'small muted'}, t('hubs.lastPull', {ts: formatTs(follow.last_pull_at)}))] : null,
      follow.last_error ? [h('br'), h('span', {class: 'small warn'}, follow.last_error)] : null),
    h('td', {'data-label': t('hubs.col.lag'), class: 'lag'}, lagText(hub.lag)),
    h('td', {'data-label': t('hubs.col.alerts')},
      alerts.length ? h('ul', {class: 'plain'}, alerts.map(alert => h('li', {class: 'warn'}, alertText(alert)))) : none()));
}

/** "3 updates behind, 2 min since last update", or "up to date, …": how far this node is behind. */
function lagText(lag) {
  if (!lag) return h('span', {class: 'muted'}, '–');
  const parts = [];
  if (typeof lag.updates === 'number') {
    parts.push(lag.updates === 0 ? t('lag.upToDate') : t('lag.behind', {n: lag.updates}));
  }
  if (typeof lag.seconds === 'number') parts.push(t('lag.since', {duration: duration(lag.seconds)}));
  return parts.length ? parts.join(t('lag.join')) : h('span', {class: 'muted'}, '–');
}

function duration(seconds) {
  if (seconds < 90) return t('duration.s', {n: Math.round(seconds)});
  if (seconds < 5400) return t('duration.min', {n: Math.round(seconds / 60)});
  if (seconds < 172800) return t('duration.h', {n: Math.round(seconds / 3600)});
  return t('duration.days', {n: Math.round(seconds / 86400)});
}

// The hubs page: every hub this node knows, its key, how fresh its log is here, whether this node
// follows it, and anything an operator must look at (equivocation, key changes).
import {getJson, itemsOf} from './api.js';
import {clear, externalLink, formatCount, h} from './dom.js';
import {countryName, formatTs, pick} from './lang.js';
import {errorNote, loading, shortKey} from './common.js';

const FOLLOW_TEXT = {
  self: 'This node', following: 'Following', active: 'Following', pending: 'Waiting for approval',
  failed: 'Failing', refused: 'Refused', not_followed: 'Not followed', relayed: 'Via another hub',
  halted: 'Halted',
};
const ALERT_TEXT = {
  equivocation: 'Equivocation',
  key_change: 'Key changed',
  key_rotation: 'Key changed',
};
const ALERT_EXPLAINED = {
  equivocation: 'two different updates were signed with the same number; nothing more from this hub is applied',
};

let controller = null;

export async function showHubs() {
  if (controller) controller.abort();
  controller = new AbortController();
  const view = clear(document.getElementById('hubs-view'));
  view.appendChild(h('h1', {id: 'hubs-title', tabindex: '-1'}, 'Hubs'));
  view.appendChild(h('p', {class: 'muted'},
    'Every hub whose signed log this node holds. A hub is known by its key: compare the fingerprint with the one the hub publishes.'));
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
    body.appendChild(h('p', null, 'No hub yet.'));
    return;
  }
  const alerting = hubs.filter(hub => (hub.alerts || []).length > 0);
  if (alerting.length) {
    body.appendChild(h('section', {class: 'alert-box', role: 'alert', 'aria-labelledby': 'alerts-title'},
      h('h2', {id: 'alerts-title'}, 'Needs attention'),
      h('ul', null, alerting.flatMap(hub => hub.alerts.map(alert =>
        h('li', null, h('strong', null, hub.hub), ': ', alertText(alert)))))));
  }
  body.appendChild(h('table', {class: 'hubs'},
    h('caption', {class: 'visually-hidden'}, 'Known hubs'),
    h('thead', null, h('tr', null, ['Hub', 'Key fingerprint', 'Last update seen', 'Follow status', 'Lag', 'Alerts']
      .map(label => h('th', {scope: 'col'}, label)))),
    h('tbody', null, hubs.map(hubRow))));
  document.getElementById('hubs-title').focus();
}

/** "Equivocation at update #78 (2026-11-29 01:00 UTC): two different updates …". */
function alertText(alert) {
  const parts = [ALERT_TEXT[alert.kind] || alert.kind];
  if (alert.seq) parts.push(' at update #' + alert.seq);
  if (alert.at) parts.push(' (' + formatTs(alert.at) + ')');
  if (alert.key) parts.push(', new key ' + shortKey(alert.key));
  const explained = ALERT_EXPLAINED[alert.kind] || alert.message;
  if (explained) parts.push(': ' + explained);
  return parts.join('');
}

function hubRow(hub) {
  const name = pick(hub.names) || {text: hub.name, lang: null};
  const follow = hub.follow || {};
  const status = follow.status || 'not_followed';
  const alerts = hub.alerts || [];
  return h('tr', {class: alerts.length ? 'has-alert' : null, 'data-hub': hub.hub},
    h('td', {'data-label': 'Hub'},
      h('strong', {lang: name.lang}, name.text || hub.hub), h('br'),
      h('span', {class: 'mono small'}, hub.hub),
      hub.country ? h('span', {class: 'small muted'}, ' · ', countryName(hub.country)) : null,
      hub.url ? [h('br'), h('span', {class: 'small'}, externalLink(hub.url))] : null),
    h('td', {'data-label': 'Key fingerprint'},
      hub.key_fingerprint ? h('code', {class: 'fingerprint', title: hub.key}, hub.key_fingerprint)
        : h('code', {title: hub.key}, shortKey(hub.key))),
    h('td', {'data-label': 'Last update seen'},
      hub.head_seq ? ['#' + formatCount(hub.head_seq), h('br'),
        h('span', {class: 'small muted'}, 'signed ', formatTs(hub.last_signed_at))] : h('span', {class: 'muted'}, 'none'),
      hub.last_received_at ? [h('br'), h('span', {class: 'small muted'}, 'received ', formatTs(hub.last_received_at))] : null),
    h('td', {'data-label': 'Follow status'},
      h('span', {class: 'pill pill-follow-' + status}, FOLLOW_TEXT[status] || status),
      follow.last_pull_at ? [h('br'), h('span', {class: 'small muted'}, 'last pull ', formatTs(follow.last_pull_at))] : null,
      follow.last_error ? [h('br'), h('span', {class: 'small warn'}, follow.last_error)] : null),
    h('td', {'data-label': 'Lag'}, lagText(hub.lag)),
    h('td', {'data-label': 'Alerts'},
      alerts.length ? h('ul', {class: 'plain'}, alerts.map(alert => h('li', {class: 'warn'}, alertText(alert))))
        : h('span', {class: 'muted'}, 'none')));
}

function lagText(lag) {
  if (!lag) return h('span', {class: 'muted'}, '–');
  const parts = [];
  if (typeof lag.updates === 'number') parts.push(lag.updates === 0 ? 'up to date' : formatCount(lag.updates) + ' updates behind');
  if (typeof lag.seconds === 'number') parts.push(duration(lag.seconds) + ' since last update');
  return parts.length ? parts.join(', ') : h('span', {class: 'muted'}, '–');
}

function duration(seconds) {
  if (seconds < 90) return Math.round(seconds) + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' days';
}

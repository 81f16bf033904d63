// The staff console: one page that logs in at /admin/session and then calls the admin API with the
// session cookie (HttpOnly: this script never sees it) and the CSRF token the login answered. Every
// value from the server is rendered as text (dom.js); the page holds no secret but the CSRF token.
import {h, clear} from './dom.js';
import {audiencePicker} from './audience.js';

const ASSETS = document.body.dataset.assets;
const LANGUAGES = ['en', 'ja', 'th'];
const ADMIN_VIEWS = new Set(['federation', 'operations', 'accounts', 'audit']);
const MEMBER_FIELDS = [
  ['id', 'text'], ['name', 'text'], ['names.en', 'text'], ['names.ja', 'text'], ['names.th', 'text'],
  ['country', 'text'], ['sectors', 'text'], ['languages', 'text'], ['website', 'url'], ['email', 'email'],
  ['description', 'textarea'],
];
const LIST_FIELDS = new Set(['sectors', 'languages']);

let table = {};
let me = null;
let self = '';
let editing = null; // the record being edited, kept whole so fields the form lacks are not lost
let memberAudience = null; // the members form's audience picker, built with the form

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => {
  let text = table[key] || key;
  args.forEach((arg, i) => { text = text.replace('{' + i + '}', String(arg)); });
  return text;
};

async function loadLanguage() {
  const wanted = new URLSearchParams(location.search).get('lang');
  const browser = (navigator.languages || [navigator.language]).map((tag) => String(tag).slice(0, 2).toLowerCase());
  const lang = [wanted, ...browser].find((tag) => LANGUAGES.includes(tag)) || 'en';
  const r = await fetch(ASSETS + 'strings-' + lang + '.json');
  table = await r.json();
  document.documentElement.lang = lang;
  $('lang').value = lang;
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
}

async function api(method, path, body, type) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = type || 'application/json';
    payload = type ? body : JSON.stringify(body);
  }
  const r = await fetch(path, {method, headers, body: payload, credentials: 'same-origin', cache: 'no-store'});
  const text = await r.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = {detail: text}; }
  }
  if (r.status === 401 && path !== '/admin/session') {
    me = null;
    showLogin(t('login.expired'));
  }
  return {status: r.status, ok: r.ok, data: data || {}};
}

function flash(text, isError) {
  const node = $('flash');
  node.textContent = text || '';
  node.className = isError ? 'flash error' : 'flash';
}

function problemText(res) {
  return t('common.failed', res.status) + (res.data.detail ? ': ' + res.data.detail : '');
}

// ---- log in / out ----

function showLogin(message) {
  for (const view of document.querySelectorAll('main > section')) view.hidden = true;
  $('nav').hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  $('login-username').focus();
}

async function login(event) {
  event.preventDefault();
  const res = await api('POST', '/admin/session', {username: $('login-username').value, password: $('login-password').value});
  $('login-password').value = '';
  if (!res.ok) {
    $('login-error').textContent = res.status === 429 ? t('login.tooMany') : t('login.wrong');
    return;
  }
  me = res.data;
  await enter();
}

async function logout() {
  await api('DELETE', '/admin/session');
  me = null;
  showLogin(t('login.loggedOut'));
}

async function enter() {
  $('login-view').hidden = true;
  $('nav').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = me.username;
  $('who-role').textContent = t('role.' + me.role);
  // Admin-only sections are not offered to editors (the server answers 403 to them anyway).
  for (const link of document.querySelectorAll('#nav [data-admin]')) link.hidden = me.role !== 'admin';
  const hub = await fetch('/.well-known/tsunagu').then((r) => r.json());
  self = hub.hub;
  $('export-csv').setAttribute('href', '/v1/directory/export.csv?hub=' + encodeURIComponent(self));
  $('export-hsds').setAttribute('href', '/v1/directory/export.hsds.json?hub=' + encodeURIComponent(self));
  route();
}

// ---- views ----

function route() {
  if (!me) return;
  let view = location.hash.slice(1) || 'members';
  if (!VIEWS[view] || (ADMIN_VIEWS.has(view) && me.role !== 'admin')) view = 'members';
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== view + '-view';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  VIEWS[view]();
}

function cell(value) {
  return h('td', null, value === null || value === undefined ? '' : value);
}

function button(label, onClick, cls) {
  return h('button', {type: 'button', class: cls || null, on: {click: onClick}}, label);
}

/** A table of rows; columns are [header key, row => cell content]. */
function dataTable(caption, columns, rows) {
  return h('div', {class: 'table-wrap'}, h('table', null,
    h('caption', {class: 'visually-hidden'}, caption),
    h('thead', null, h('tr', null, columns.map(([key]) => h('th', {scope: 'col'}, t(key))))),
    h('tbody', null, rows.map((row) => h('tr', null, columns.map(([, get]) => {
      const content = get(row);
      return content instanceof Node && content.tagName === 'TD' ? content : cell(content);
    }))))));
}

// Members

function buildMemberFields() {
  const fields = $('member-fields');
  if (fields.childElementCount) return;
  for (const [name, type] of MEMBER_FIELDS) {
    const id = 'f-' + name.replace('.', '-');
    const input = type === 'textarea'
      ? h('textarea', {id, name, rows: 3, 'aria-describedby': id + '-error'})
      : h('input', {id, name, type, 'aria-describedby': id + '-error', spellcheck: 'false'});
    fields.appendChild(h('p', null,
      h('label', {for: id, 'data-i18n': 'field.' + name}, t('field.' + name)),
      input,
      LIST_FIELDS.has(name) ? h('span', {class: 'small muted'}, t('field.listHint')) : null,
      h('p', {id: id + '-error', class: 'field-error'})));
  }
  memberAudience = audiencePicker('', t, () => self, {legend: t('audience.legend'), listed: t('audience.listed'),
    unlisted: t('audience.unlisted'), help: t('audience.hubsHelp')});
  fields.after(memberAudience.element);
}

function fieldOf(path) {
  // "$.names.ja" -> names.ja, "$.sectors[1]" -> sectors, "$.name" -> name
  const bare = String(path || '').replace(/^\$\.?/, '').replace(/\[\d+\]/g, '');
  if (bare.startsWith('names.')) return bare.split('.').slice(0, 2).join('.');
  return bare.split('.')[0];
}

function clearFieldErrors() {
  for (const node of document.querySelectorAll('#member-form .field-error')) node.textContent = '';
  for (const node of document.querySelectorAll('#member-fields [aria-invalid]')) node.removeAttribute('aria-invalid');
  $('member-form-errors').textContent = '';
}

function openMemberForm(record, sealed) {
  buildMemberFields();
  clearFieldErrors();
  editing = record;
  memberAudience.open(sealed);
  $('member-form').hidden = false;
  $('member-form-title').textContent = record ? t('members.formEdit', record.name) : t('members.formNew');
  for (const [name] of MEMBER_FIELDS) {
    const input = $('f-' + name.replace('.', '-'));
    const [top, sub] = name.split('.');
    let value = record ? (sub ? (record[top] || {})[sub] : record[top]) : '';
    if (Array.isArray(value)) value = value.join(', ');
    input.value = value === undefined || value === null ? '' : String(value);
    input.readOnly = Boolean(record) && name === 'id';
  }
  $('f-' + (record ? 'name' : 'id')).focus();
}

function memberFromForm() {
  const record = editing ? JSON.parse(JSON.stringify(editing)) : {};
  for (const [name] of MEMBER_FIELDS) {
    const value = $('f-' + name.replace('.', '-')).value.trim();
    const [top, sub] = name.split('.');
    if (sub) {
      record[top] = record[top] || {};
      if (value) record[top][sub] = value; else delete record[top][sub];
      if (!Object.keys(record[top]).length) delete record[top];
    } else if (LIST_FIELDS.has(name)) {
      const items = value.split(/[,;\s]+/).filter(Boolean);
      if (items.length) record[name] = items; else delete record[name];
    } else if (value) {
      record[name] = value;
    } else {
      delete record[name];
    }
  }
  record.audience = memberAudience.value();
  return record;
}

async function saveMember(event) {
  event.preventDefault();
  clearFieldErrors();
  const record = memberFromForm();
  const res = editing
    ? await api('PUT', '/admin/v1/organizations/' + encodeURIComponent(editing.id), record)
    : await api('POST', '/admin/v1/organizations', record);
  if (res.status === 422) {
    const general = [];
    let first = null;
    for (const error of res.data.errors || []) {
      const field = fieldOf(error.path);
      const note = $('f-' + field.replace('.', '-') + '-error');
      if (note) {
        note.textContent = (note.textContent ? note.textContent + ' ' : '') + error.message;
        const input = $('f-' + field.replace('.', '-'));
        if (input.tagName !== 'FIELDSET') input.setAttribute('aria-invalid', 'true');
        first = first || input;
      } else {
        general.push(error.path + ': ' + error.message);
      }
    }
    $('member-form-errors').textContent = t('members.invalid') + (general.length ? ' ' + general.join('; ') : '');
    if (first) first.focus();
    return;
  }
  if (!res.ok) {
    $('member-form-errors').textContent = problemText(res);
    return;
  }
  $('member-form').hidden = true;
  editing = null;
  flash(t('members.saved', res.data.global_id, res.data.seq));
  await listMembers();
}

/**
 * A destructive button that asks for an optional reason first: the first press shows a reason field
 * beside it (focused; Enter confirms) and turns the button into "confirm"; the second press acts.
 */
function reasonButton(label, confirmLabel, action) {
  const b = button(label, async () => {
    if (!b.dataset.armed) {
      b.dataset.armed = '1';
      b.textContent = confirmLabel;
      const reason = h('input', {class: 'reason', maxlength: 500, 'aria-label': t('common.reason'), placeholder: t('common.reason'),
        on: {keydown: (event) => { if (event.key === 'Enter') { event.preventDefault(); b.click(); } }}});
      b.before(reason);
      reason.focus();
      return;
    }
    const reason = b.previousElementSibling && b.previousElementSibling.classList.contains('reason') ? b.previousElementSibling.value.trim() : '';
    await action(reason);
  }, 'danger');
  return b;
}

async function deleteMember(record, reason) {
  const res = await api('DELETE', '/admin/v1/organizations/' + encodeURIComponent(record.id) + (reason ? '?reason=' + encodeURIComponent(reason) : ''));
  if (!res.ok) { flash(problemText(res), true); return; }
  flash(t('members.deleted', record.id));
  await listMembers();
}

async function eraseMember(record, reason) {
  const res = await api('POST', '/admin/v1/organizations/' + encodeURIComponent(record.id) + '/erase', reason ? {reason} : {});
  if (!res.ok) { flash(problemText(res), true); return; }
  flash(t('members.erased', record.id));
  await listMembers();
}

async function listMembers() {
  const q = $('member-q').value.trim();
  const url = '/v1/directory/organizations?limit=100&hub=' + encodeURIComponent(self) + (q ? '&q=' + encodeURIComponent(q) : '');
  const data = await fetch(url).then((r) => r.json());
  const body = $('members-table').tBodies[0];
  clear(body);
  for (const item of data.items || []) {
    const record = item.record;
    const remove = reasonButton(t('members.delete'), t('members.confirmDelete'), (reason) => deleteMember(record, reason));
    const erase = reasonButton(t('members.erase'), t('members.confirmErase'), (reason) => eraseMember(record, reason));
    body.appendChild(h('tr', null,
      cell(record.name), h('td', {class: 'mono'}, record.id), cell(record.country),
      cell(item.sealed ? t('audience.' + item.sealed.audience) : t('audience.public')),
      h('td', {class: 'actions'}, button(t('members.edit'), () => openMemberForm(record, item.sealed), 'secondary'), remove, erase)));
  }
}

function membersView() {
  $('member-form').hidden = true;
  listMembers();
}

// Import

async function runImport(event) {
  event.preventDefault();
  const file = $('import-file').files[0];
  const out = clear($('import-result'));
  if (!file) return;
  const json = /\.json$/i.test(file.name) || file.type === 'application/json';
  const partial = $('import-partial').checked;
  const res = await api('POST', '/admin/v1/import/organizations' + (partial ? '?partial=true' : ''),
    await file.arrayBuffer(), json ? 'application/json' : 'text/csv');
  const errors = res.ok ? res.data.errors || [] : res.data.errors || [];
  if (res.ok) {
    out.appendChild(h('p', {role: 'status'}, t('import.done', res.data.records, res.data.created, res.data.updated, res.data.unchanged, res.data.failed)));
  } else {
    out.appendChild(h('p', {class: 'error', role: 'alert'}, res.status === 422 ? t('import.refused', errors.length) : problemText(res)));
  }
  if (errors.length) {
    out.appendChild(dataTable(t('import.errors'), [
      ['import.line', (e) => e.line], ['import.column', (e) => e.field || e.path], ['import.message', (e) => e.message],
    ], errors));
  }
}

// Partnerships

function orgPicker(id, label) {
  const input = h('input', {id: id + '-q', type: 'search', 'aria-describedby': id + '-chosen'});
  const chosen = h('p', {id: id + '-chosen', class: 'small'}, t('partnerships.none'));
  const results = h('ul', {class: 'picker-results', 'aria-label': label});
  const hidden = h('input', {id, type: 'hidden'});
  const search = async () => {
    const data = await fetch('/v1/directory/organizations?limit=10&q=' + encodeURIComponent(input.value)).then((r) => r.json());
    clear(results);
    for (const item of data.items || []) {
      results.appendChild(h('li', null, button(item.record.name + ' (' + item.global_id + ')', () => {
        hidden.value = item.global_id;
        chosen.textContent = t('partnerships.chosen', item.global_id);
        clear(results);
      }, 'secondary')));
    }
  };
  return h('div', null, h('label', {for: id + '-q'}, label), h('div', {class: 'search-row'}, input,
    button(t('members.searchButton'), search, 'secondary')), results, chosen, hidden);
}

async function partnershipsView() {
  const view = clear($('partnerships-view'));
  view.appendChild(h('h1', {id: 'partnerships-title'}, t('nav.partnerships')));
  // Sealed (SPEC §6.5): the server requires every party's hub among the named hubs, and says so at
  // $.audience.hubs, shown beside the picker.
  const audience = audiencePicker('p-', t, () => self, {legend: t('audience.partnershipLegend'),
    listed: t('audience.partnershipListed'), unlisted: t('audience.unlisted'), help: t('audience.partnershipHelp')});
  audience.open(null);
  const form = h('form', {class: 'card', id: 'announce'},
    h('h2', {id: 'announce-title'}, t('partnerships.announce')),
    h('p', {class: 'muted'}, t('partnerships.announceHelp')),
    h('p', null, h('label', {for: 'p-id'}, t('field.id')), h('input', {id: 'p-id'})),
    h('p', null, h('label', {for: 'p-title'}, t('partnerships.titleField')), h('input', {id: 'p-title'})),
    h('p', null, h('label', {for: 'p-kind'}, t('partnerships.kind')),
      h('select', {id: 'p-kind'}, ['mou', 'joint_response', 'implementing', 'consortium', 'funding', 'network_membership', 'other'].map((k) => h('option', {value: k}, k)))),
    orgPicker('p-a', t('partnerships.partyA')), orgPicker('p-b', t('partnerships.partyB')),
    audience.element,
    h('p', {id: 'p-errors', class: 'error', role: 'alert'}),
    h('button', {type: 'submit', id: 'p-submit'}, t('partnerships.announceButton')));
  let reannouncing = null; // the partnership being re-announced, kept whole so fields the form lacks stay
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = [$('p-a').value, $('p-b').value];
    const body = reannouncing ? JSON.parse(JSON.stringify(reannouncing)) : {};
    const kept = (body.parties || []).slice(2);
    Object.assign(body, {id: $('p-id').value.trim(), kind: $('p-kind').value, title: $('p-title').value.trim(),
      parties: picked.filter(Boolean).map((organization) => ({organization})).concat(kept), audience: audience.value()});
    audience.error.textContent = '';
    $('p-errors').textContent = '';
    const res = reannouncing
      ? await api('PUT', '/admin/v1/partnerships/' + encodeURIComponent(reannouncing.id), body)
      : await api('POST', '/admin/v1/partnerships', body);
    if (!res.ok) {
      const errors = res.data.errors || [];
      const about = (e) => String(e.path).startsWith('$.audience');
      audience.error.textContent = errors.filter(about).map((e) => e.message).join(' ');
      $('p-errors').textContent = problemText(res) + ' ' + errors.filter((e) => !about(e)).map((e) => e.path + ': ' + e.message).join('; ');
      if (audience.error.textContent) audience.element.focus();
      return;
    }
    const id = (res.data.write || {}).global_id || res.data.global_id || self + '/' + body.id;
    flash(t(reannouncing ? 'partnerships.reannounced' : 'partnerships.announced', id));
    partnershipsView();
  });
  const reannounce = (p) => {
    reannouncing = p.record;
    $('announce-title').textContent = t('partnerships.reannounceTitle', p.global_id);
    $('p-id').value = p.record.id;
    $('p-id').readOnly = true;
    $('p-title').value = p.record.title || '';
    $('p-kind').value = p.record.kind;
    ['p-a', 'p-b'].forEach((picker, i) => {
      const party = (p.record.parties || [])[i];
      $(picker).value = party ? party.organization : '';
      $(picker + '-chosen').textContent = party ? t('partnerships.chosen', party.organization) : t('partnerships.none');
    });
    audience.open(p.sealed);
    $('p-submit').textContent = t('partnerships.reannounceButton');
    $('p-title').focus();
  };
  view.appendChild(form);
  const data = await fetch('/v1/directory/partnerships?limit=100&hub=' + encodeURIComponent(self)).then((r) => r.json());
  const items = data.items || [];
  const waiting = items.filter((p) => p.status === 'announced' && !(p.endorsed_by || []).includes(self));
  const title = (p) => (p.record ? p.record.title : '');
  const parties = (p) => ((p.record && p.record.parties) || []).map((party) => party.organization).join(', ');
  view.appendChild(h('h2', null, t('partnerships.waiting')));
  view.appendChild(waiting.length ? dataTable(t('partnerships.waiting'), [
    ['partnerships.titleField', title], ['field.id', (p) => h('td', {class: 'mono'}, p.global_id)],
    ['partnerships.parties', parties],
    ['common.actions', (p) => h('td', {class: 'actions'}, button(t('partnerships.endorse'), async () => {
      const res = await api('POST', '/admin/v1/partnerships/' + p.global_id + '/endorse', {});
      flash(res.ok ? t('partnerships.endorsed', p.global_id) : problemText(res), !res.ok);
      partnershipsView();
    }))],
  ], waiting) : h('p', {class: 'muted'}, t('partnerships.nothingWaiting')));
  view.appendChild(h('h2', null, t('partnerships.list')));
  view.appendChild(dataTable(t('partnerships.list'), [
    ['partnerships.titleField', title], ['field.id', (p) => h('td', {class: 'mono'}, p.global_id)],
    ['partnerships.parties', parties], ['partnerships.status', (p) => t('status.' + p.status)],
    ['common.actions', (p) => h('td', {class: 'actions'},
      p.origin === self && p.status !== 'retracted' ? button(t('partnerships.reannounce'), () => reannounce(p), 'secondary') : null,
      p.origin === self && p.status !== 'retracted' ? reasonButton(t('partnerships.retract'), t('partnerships.confirmRetract'), async (reason) => {
        const res = await api('POST', '/admin/v1/partnerships/' + p.global_id + '/retract', reason ? {reason} : {});
        flash(res.ok ? t('partnerships.retracted', p.global_id) : problemText(res), !res.ok);
        partnershipsView();
      }) : null)],
  ], items));
}

// Federation (admins)

/** A button that asks once more before acting: the first press arms it and says so. */
function confirmButton(label, confirmLabel, action, cls) {
  const b = button(label, async () => {
    if (!b.dataset.armed) { b.dataset.armed = '1'; b.textContent = confirmLabel; return; }
    await action();
  }, cls);
  return b;
}

/** The server's words for states and kinds, in the page's language (the raw word if unknown). */
function word(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = prefix + '.' + value;
  return table[key] ? t(key) : String(value);
}

async function federationView() {
  const view = clear($('federation-view'));
  view.appendChild(h('h1', {id: 'federation-title'}, t('nav.federation')));
  const result = h('div', {role: 'status'});
  // The key is optional: staff given the hub's key ahead (by letter, on a call) paste it and the
  // server pins nothing unless the hub serves that very key; otherwise they compare the fingerprint.
  const follow = h('form', {class: 'card', id: 'follow-form'},
    h('h2', null, t('federation.follow')),
    h('p', null, h('label', {for: 'follow-url'}, t('federation.url')),
      h('input', {id: 'follow-url', type: 'url', placeholder: 'https://hub.example.org/', 'aria-describedby': 'follow-url-error'}),
      h('p', {id: 'follow-url-error', class: 'field-error'})),
    h('p', null, h('label', {for: 'follow-key'}, t('federation.expectKey')),
      h('span', {id: 'follow-key-help', class: 'small muted block'}, t('federation.expectKeyHelp')),
      h('input', {id: 'follow-key', spellcheck: 'false', autocomplete: 'off', placeholder: 'ed25519:…', 'aria-describedby': 'follow-key-help follow-key-error'}),
      h('p', {id: 'follow-key-error', class: 'field-error'})),
    h('button', {type: 'submit'}, t('federation.fetchKey')), result);
  follow.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = {'$.url': 'follow-url', '$.expect_key': 'follow-key'};
    for (const id of Object.values(fields)) { $(id + '-error').textContent = ''; $(id).removeAttribute('aria-invalid'); }
    const body = {url: $('follow-url').value.trim()};
    if ($('follow-key').value.trim()) body.expect_key = $('follow-key').value.trim();
    const res = await api('POST', '/admin/v1/peers', body);
    clear(result);
    if (!res.ok) {
      // A problem that names a field (a key that is not the hub's: 409 on $.expect_key) shows beside it.
      let first = null;
      for (const error of res.data.errors || []) {
        const id = fields[error.path];
        if (!id) continue;
        $(id + '-error').textContent = error.message;
        $(id).setAttribute('aria-invalid', 'true');
        first = first || $(id);
      }
      if (first) first.focus();
      else result.appendChild(h('p', {class: 'error', role: 'alert'}, problemText(res)));
      return;
    }
    // With the key given, the server has checked it already: the fingerprint is shown for the record.
    result.appendChild(h('p', {id: 'peer-compare'}, body.expect_key ? t('federation.keyMatched', res.data.hub) : t('federation.compare', res.data.hub)));
    result.appendChild(h('p', {class: 'mono', id: 'peer-fingerprint'}, res.data.fingerprint));
    // POST /peers has pinned the key already: a fingerprint that does not match is unpinned again.
    result.appendChild(h('p', {class: 'actions'}, button(t('federation.followButton'), async () => {
      const sub = await api('POST', '/admin/v1/subscriptions', {peer: res.data.hub, origins: ['*']});
      flash(sub.ok ? t('federation.following', res.data.hub) : problemText(sub), !sub.ok);
      federationView();
    }), button(t('federation.mismatch'), async () => {
      const gone = await api('DELETE', '/admin/v1/peers/' + encodeURIComponent(res.data.hub));
      flash(gone.ok ? t('federation.unpinned', res.data.hub) : problemText(gone), !gone.ok);
      federationView();
    }, 'danger')));
  });
  view.appendChild(follow);

  const [subscribers, subscriptions, peers, blocks, alerts, keys] = await Promise.all([
    api('GET', '/admin/v1/subscribers'), api('GET', '/admin/v1/subscriptions'), api('GET', '/admin/v1/peers'),
    api('GET', '/admin/v1/blocks'), api('GET', '/admin/v1/alerts'), api('GET', '/admin/v1/keys')]);
  const act = (label, method, path, cls) => button(label, async () => {
    const res = await api(method, path, method === 'DELETE' ? undefined : {});
    flash(res.ok ? t('common.done') : problemText(res), !res.ok);
    federationView();
  }, cls);
  const hubPath = (prefix, hub, suffix) => prefix + encodeURIComponent(hub) + (suffix || '');
  const blockLater = (hub) => button(t('federation.block'), () => {
    $('block-hub').value = hub;
    $('block-reason').focus();
  }, 'danger');

  view.appendChild(h('h2', null, t('federation.requests')));
  view.appendChild(dataTable(t('federation.requests'), [
    ['federation.hub', (s) => s.hub], ['federation.fingerprint', (s) => h('td', {class: 'mono'}, s.fingerprint)],
    ['partnerships.status', (s) => word('state', s.status)], ['federation.failures', (s) => s.failures],
    ['federation.lastContact', (s) => s.lastDeliveryAt || ''],
    ['common.actions', (s) => h('td', {class: 'actions'},
      s.status === 'pending' || s.status === 'refused' ? act(t('federation.approve'), 'POST', hubPath('/admin/v1/subscribers/', s.hub, '/approve')) : null,
      s.status !== 'refused' ? act(t('federation.refuse'), 'POST', hubPath('/admin/v1/subscribers/', s.hub, '/refuse'), 'danger') : null,
      act(t('federation.forget'), 'DELETE', hubPath('/admin/v1/subscribers/', s.hub), 'secondary'))],
  ], subscribers.data.items || []));

  view.appendChild(h('h2', null, t('federation.peers')));
  view.appendChild(dataTable(t('federation.peers'), [
    ['federation.hub', (s) => s.hub], ['partnerships.status', (s) => word('state', s.status)],
    ['federation.lastContact', (s) => s.last_pull_at || ''], ['federation.lastError', (s) => s.last_error || ''],
    ['common.actions', (s) => h('td', {class: 'actions'},
      act(t('federation.unfollow'), 'DELETE', hubPath('/admin/v1/subscriptions/', s.hub), 'secondary'), blockLater(s.hub))],
  ], subscriptions.data.items || []));

  const followed = new Set((subscriptions.data.items || []).map((s) => s.hub));
  view.appendChild(h('h2', null, t('federation.pinned')));
  view.appendChild(h('p', {class: 'muted'}, t('federation.pinnedHelp')));
  view.appendChild(dataTable(t('federation.pinned'), [
    ['federation.hub', (p) => p.hub], ['federation.url', (p) => h('td', {class: 'mono'}, p.url)],
    ['federation.fingerprint', (p) => h('td', {class: 'mono'}, p.fingerprint)],
    ['common.actions', (p) => h('td', {class: 'actions'},
      followed.has(p.hub) ? null : button(t('federation.followButton'), async () => {
        const sub = await api('POST', '/admin/v1/subscriptions', {peer: p.hub, origins: ['*']});
        flash(sub.ok ? t('federation.following', p.hub) : problemText(sub), !sub.ok);
        federationView();
      }, 'secondary'),
      confirmButton(t('federation.unpin'), t('operations.confirm'), async () => {
        const res = await api('DELETE', hubPath('/admin/v1/peers/', p.hub));
        flash(res.ok ? t('federation.unpinned', p.hub) : problemText(res), !res.ok);
        federationView();
      }, 'danger'), blockLater(p.hub))],
  ], peers.data.items || []));

  view.appendChild(blockForm());
  view.appendChild(h('h2', null, t('federation.blocks')));
  view.appendChild(dataTable(t('federation.blocks'), [
    ['federation.hub', (b) => b.hub], ['federation.reason', (b) => b.reason || ''],
    ['federation.logKept', (b) => (b.purged ? t('federation.logPurged') : t('federation.logKeptYes'))],
    ['federation.when', (b) => b.blockedAt || ''],
    ['common.actions', (b) => h('td', {class: 'actions'}, act(t('federation.unblock'), 'DELETE', hubPath('/admin/v1/blocks/', b.hub)))],
  ], blocks.data.items || []));

  view.appendChild(keysSection(keys.data.items || [], peers.data.items || []));

  const items = alerts.data.items || [];
  view.appendChild(h('h2', null, t('federation.alerts')));
  const open = items.filter((a) => !a.acknowledged_at);
  const kinds = [...new Set(open.map((a) => a.kind))];
  if (kinds.length) {
    const bulk = h('form', {class: 'search-row', id: 'ack-kind-form'},
      h('label', {for: 'ack-kind', class: 'visually-hidden'}, t('federation.kind')),
      h('select', {id: 'ack-kind'}, kinds.map((k) => h('option', {value: k}, word('alert', k)))),
      h('button', {type: 'submit', class: 'secondary'}, t('federation.acknowledgeKind')));
    bulk.addEventListener('submit', async (event) => {
      event.preventDefault();
      const kind = $('ack-kind').value;
      const through = Math.max(...open.filter((a) => a.kind === kind).map((a) => a.id));
      const res = await api('POST', '/admin/v1/alerts/acknowledge', {kind, through});
      flash(res.ok ? t('common.done') : problemText(res), !res.ok);
      federationView();
    });
    view.appendChild(bulk);
  }
  view.appendChild(dataTable(t('federation.alerts'), [
    ['federation.kind', (a) => word('alert', a.kind)], ['federation.hub', (a) => a.origin || a.peer || a.address || ''],
    ['federation.message', (a) => a.message], ['federation.count', (a) => a.count],
    ['federation.when', (a) => a.last_seen_at || a.created_at],
    ['common.actions', (a) => h('td', {class: 'actions'}, a.acknowledged_at ? t('federation.acknowledged')
      : act(t('federation.acknowledge'), 'POST', '/admin/v1/alerts/' + a.id + '/acknowledge', 'secondary'))],
  ], items));
}

/** Block a hub by id, with a reason and whether its log is dropped too (it is kept by default). */
function blockForm() {
  const errors = h('p', {class: 'error', role: 'alert', id: 'block-errors'});
  const form = h('form', {class: 'card', id: 'block-form'},
    h('h2', null, t('federation.blockTitle')),
    h('p', null, h('label', {for: 'block-hub'}, t('federation.hubId')), h('input', {id: 'block-hub', required: true, spellcheck: 'false', autocomplete: 'off'})),
    h('p', null, h('label', {for: 'block-reason'}, t('federation.reason')), h('input', {id: 'block-reason', maxlength: 500})),
    h('p', null, h('input', {id: 'block-purge', type: 'checkbox'}), ' ', h('label', {for: 'block-purge'}, t('federation.purge'))),
    errors, h('button', {type: 'submit', class: 'danger'}, t('federation.blockButton')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {hub: $('block-hub').value.trim()};
    if ($('block-reason').value.trim()) body.reason = $('block-reason').value.trim();
    if ($('block-purge').checked) body.purge_log = true;
    const res = await api('POST', '/admin/v1/blocks', body);
    if (!res.ok) { errors.textContent = problemText(res); return; }
    flash(t('federation.blocked', body.hub));
    federationView();
  });
  return form;
}

/**
 * Every key this node trusts, per hub and seq range, and the out-of-band replacement of a peer's
 * pinned key (SPEC §8, a stolen key): the new key is read out by the peer's admin and pasted here.
 */
function keysSection(keys, peers) {
  const errors = h('p', {class: 'error', role: 'alert', id: 'replace-errors'});
  const form = h('form', {class: 'card', id: 'replace-key-form'},
    h('h3', null, t('keys.replaceTitle')), h('p', {class: 'muted'}, t('keys.replaceHelp')),
    h('p', null, h('label', {for: 'replace-hub'}, t('federation.hub')),
      h('select', {id: 'replace-hub'}, peers.map((p) => h('option', {value: p.hub}, p.hub)))),
    h('p', null, h('label', {for: 'replace-key'}, t('keys.newKey')), h('input', {id: 'replace-key', required: true, spellcheck: 'false', autocomplete: 'off', placeholder: 'ed25519:…'})),
    errors, h('button', {type: 'submit', class: 'danger'}, t('keys.replace')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const hub = $('replace-hub').value;
    const res = await api('PUT', '/admin/v1/keys/' + encodeURIComponent(hub), {key: $('replace-key').value.trim()});
    if (!res.ok) {
      errors.textContent = problemText(res) + ' ' + (res.data.errors || []).map((e) => e.path + ': ' + e.message).join('; ');
      return;
    }
    flash(t('keys.replaced', hub));
    federationView();
  });
  return h('section', {'aria-labelledby': 'keys-title'},
    h('h2', {id: 'keys-title'}, t('keys.title')),
    dataTable(t('keys.title'), [
      ['federation.hub', (k) => k.hub], ['federation.fingerprint', (k) => h('td', {class: 'mono'}, k.fingerprint)],
      ['keys.seqs', (k) => (k.to_seq === undefined || k.to_seq === null ? t('keys.fromOn', k.from_seq) : t('keys.range', k.from_seq, k.to_seq))],
      ['keys.source', (k) => word('source', k.source)], ['federation.when', (k) => k.added_at],
    ], keys),
    peers.length ? form : null);
}

// Accounts and audit (admins)

async function accountsView() {
  const view = clear($('accounts-view'));
  view.appendChild(h('h1', {id: 'accounts-title'}, t('nav.accounts')));
  const errors = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'card', id: 'account-form'},
    h('h2', null, t('accounts.add')),
    h('p', null, h('label', {for: 'a-username'}, t('login.username')), h('input', {id: 'a-username', autocomplete: 'off'})),
    h('p', null, h('label', {for: 'a-role'}, t('accounts.role')), h('select', {id: 'a-role'},
      h('option', {value: 'editor'}, t('role.editor')), h('option', {value: 'admin'}, t('role.admin')))),
    h('p', null, h('label', {for: 'a-password'}, t('login.password')), h('input', {id: 'a-password', type: 'password', autocomplete: 'new-password'})),
    errors, h('button', {type: 'submit'}, t('accounts.create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const res = await api('POST', '/admin/v1/accounts', {username: $('a-username').value.trim(), role: $('a-role').value, password: $('a-password').value});
    $('a-password').value = '';
    if (!res.ok) { errors.textContent = problemText(res) + ' ' + (res.data.errors || []).map((e) => e.message).join('; '); return; }
    flash(t('accounts.created', res.data.username));
    accountsView();
  });
  view.appendChild(form);
  const res = await api('GET', '/admin/v1/accounts');
  view.appendChild(dataTable(t('nav.accounts'), [
    ['login.username', (a) => a.username], ['accounts.role', (a) => t('role.' + a.role)], ['federation.when', (a) => a.created_at],
    ['common.actions', (a) => h('td', {class: 'actions'}, a.username === me.username ? null : button(t('members.delete'), async () => {
      const r = await api('DELETE', '/admin/v1/accounts/' + encodeURIComponent(a.username));
      flash(r.ok ? t('common.done') : problemText(r), !r.ok);
      accountsView();
    }, 'danger'))],
  ], Array.isArray(res.data) ? res.data : []));
}

async function auditView() {
  const view = clear($('audit-view'));
  view.appendChild(h('h1', {id: 'audit-title'}, t('nav.audit')));
  const res = await api('GET', '/admin/v1/audit?limit=200');
  view.appendChild(dataTable(t('nav.audit'), [
    ['federation.when', (e) => e.at], ['audit.who', (e) => e.actor], ['audit.what', (e) => e.action],
    ['partnerships.status', (e) => e.status], ['audit.envelopes', (e) => h('td', {class: 'mono'}, e.envelopes.join('\n'))],
  ], Array.isArray(res.data) ? res.data : []));
}

async function erasuresView() {
  const view = clear($('erasures-view'));
  view.appendChild(h('h1', {id: 'erasures-title'}, t('nav.erasures')));
  view.appendChild(h('p', {class: 'muted'}, t('erasures.intro')));
  const res = await api('GET', '/admin/v1/erasures');
  view.appendChild(dataTable(t('nav.erasures'), [
    ['field.id', (e) => h('td', {class: 'mono'}, e.id)], ['erasures.receipts', (e) => (e.expected === undefined ? e.summary || ''
      : t('erasures.summary', e.acknowledged, e.expected) + ((e.waiting || []).length ? ' ' + t('erasures.waitingFor', e.waiting.join(', ')) : ''))],
    ['federation.when', (e) => e.ts || e.erased_at || ''],
  ], res.data.items || []));
}

async function operationsView() {
  const view = clear($('operations-view'));
  view.appendChild(h('h1', {id: 'operations-title'}, t('nav.operations')));
  view.appendChild(h('section', {class: 'card', 'aria-labelledby': 'ops-backup'},
    h('h2', {id: 'ops-backup'}, t('operations.backup')), h('p', null, t('operations.backupHelp')),
    h('p', null, h('a', {href: '/admin/v1/backup', id: 'backup-link', download: ''}, t('operations.backupLink')),
      ' · ', h('a', {href: '/admin/v1/bundles', id: 'bundle-link', download: ''}, t('operations.bundleLink')))));
  const bundleResult = h('p', {role: 'status'});
  const bundle = h('form', {class: 'card', id: 'bundle-form'},
    h('h2', null, t('operations.bundleImport')),
    h('p', null, h('label', {for: 'bundle-file'}, t('operations.bundleFile')),
      h('input', {id: 'bundle-file', type: 'file', accept: '.gz,application/gzip'})),
    h('button', {type: 'submit'}, t('import.submit')), bundleResult);
  bundle.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('bundle-file').files[0];
    if (!file) return;
    const res = await api('POST', '/admin/v1/bundles', await file.arrayBuffer(), 'application/gzip');
    bundleResult.textContent = res.ok ? t('operations.bundleDone', JSON.stringify(res.data)) : problemText(res);
    // A bundle that carries a second version of an update held here is refused, and its origin halted
    // by the same import: the halt is shown at once, beside the refusal.
    await loadHalts();
  });
  view.appendChild(bundle);

  const [protocol, sealing] = await Promise.all([api('GET', '/admin/v1/protocol'), api('GET', '/admin/v1/encryption-keys')]);
  const keys = h('section', {class: 'card', 'aria-labelledby': 'ops-keys'},
    h('h2', {id: 'ops-keys'}, t('operations.keys')),
    h('p', {id: 'protocol-version'}, t('operations.protocol', protocol.data.version)),
    protocol.data.version === 1 ? h('p', null, t('operations.v2Help')) : null,
    protocol.data.version === 1 ? confirmButton(t('operations.moveV2'), t('operations.confirm'), async () => {
      const res = await api('POST', '/admin/v1/protocol', {version: 2});
      flash(res.ok ? t('operations.movedV2') : problemText(res), !res.ok);
      operationsView();
    }, 'secondary') : null,
    h('p', null, t('operations.rotateHelp')),
    confirmButton(t('operations.rotate'), t('operations.confirm'), async () => {
      // Never keep_old_key: the console must not receive a private key.
      const res = await api('POST', '/admin/v1/keys/rotate', {});
      flash(res.ok ? t('operations.rotated', res.data.new_key_fingerprint) : problemText(res), !res.ok);
    }, 'danger'));
  view.appendChild(keys);
  view.appendChild(encryptionKeys(sealing.data, protocol.data.version));
  view.appendChild(h('section', {'aria-labelledby': 'halts-title'},
    h('h2', {id: 'halts-title'}, t('operations.halts')),
    h('p', {class: 'muted'}, t('operations.haltsHelp')),
    h('div', {id: 'halts'})));
  await loadHalts();
}

/**
 * Halted origins (SPEC §7): an origin that signed two versions of one update, both shown side by side
 * (hash, what it says, who delivered it) for staff to compare and keep one branch; asks once more.
 */
async function loadHalts() {
  const res = await api('GET', '/admin/v1/halts');
  const box = $('halts');
  if (!box) return; // the view was left meanwhile
  // Who delivered it is told for the other version only: the held one's "from" is this log (the column says so).
  const version = (side, delivered) => (side ? h('td', null, h('span', {class: 'mono'}, side.hash.slice(0, 19) + '…'),
    h('br'), (side.envelope && side.envelope.body && side.envelope.body.name) || word('type', side.envelope && side.envelope.type),
    delivered && side.from ? h('span', {class: 'small muted'}, ' ' + t('operations.from', side.from)) : null) : h('td'));
  const keep = (f, side, label) => confirmButton(label, t('operations.confirm'), async () => {
    const r = await api('POST', '/admin/v1/halts/' + encodeURIComponent(f.origin) + '/resume', {keep: side.hash});
    flash(r.ok ? t('operations.resumed', f.origin) : problemText(r), !r.ok);
    await loadHalts();
  }, 'secondary');
  const items = res.data.items || [];
  clear(box).appendChild(items.length ? dataTable(t('operations.halts'), [
    ['federation.hub', (f) => f.origin], ['operations.seq', (f) => f.seq],
    ['operations.held', (f) => version(f.held, false)], ['operations.conflicting', (f) => version(f.conflicting, true)],
    ['common.actions', (f) => h('td', {class: 'actions'},
      f.held ? keep(f, f.held, t('operations.keepHeld')) : null,
      f.conflicting ? keep(f, f.conflicting, t('operations.keepOther')) : null)],
  ], items) : h('p', {class: 'muted', id: 'no-halts'}, t('operations.noHalts')));
}

/**
 * The hub's X25519 keys for sealed records: the current one (named in its signed profile) and the
 * older ones kept to open what was sealed to them. Only public key ids reach the page.
 */
function encryptionKeys(data, version) {
  const all = data.keys || [];
  return h('section', {class: 'card', 'aria-labelledby': 'ops-sealing', id: 'encryption-keys'},
    h('h2', {id: 'ops-sealing'}, t('sealing.title')), h('p', null, t('sealing.help')),
    h('ul', {id: 'encryption-key-list'}, all.slice().reverse().map((key) => h('li', null,
      h('span', {class: 'mono'}, key), ' ', key === data.current ? h('span', {class: 'badge'}, t('sealing.current')) : h('span', {class: 'muted'}, t('sealing.kept'))))),
    version === 1 ? h('p', {class: 'muted'}, t('sealing.needsV2')) : confirmButton(t('sealing.rotate'), t('operations.confirm'), async () => {
      const res = await api('POST', '/admin/v1/encryption-keys/rotate');
      flash(res.ok ? t('sealing.rotated', res.data.current) : problemText(res), !res.ok);
      operationsView();
    }, 'secondary'));
}

const VIEWS = {members: membersView, import: () => {}, partnerships: partnershipsView, federation: federationView,
  accounts: accountsView, audit: auditView, erasures: erasuresView, operations: operationsView};

async function start() {
  await loadLanguage();
  $('lang').addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('lang', $('lang').value);
    location.assign(url.toString());
  });
  $('login').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('member-search').addEventListener('submit', (event) => { event.preventDefault(); listMembers(); });
  $('member-add').addEventListener('click', () => openMemberForm(null));
  $('member-cancel').addEventListener('click', () => { $('member-form').hidden = true; editing = null; });
  $('member-form').addEventListener('submit', saveMember);
  $('import-form').addEventListener('submit', runImport);
  window.addEventListener('hashchange', () => { flash(''); route(); });
  const res = await api('GET', '/admin/session');
  if (res.ok) {
    me = res.data;
    await enter();
  } else {
    showLogin('');
  }
  document.body.dataset.ready = '1';
}

start();

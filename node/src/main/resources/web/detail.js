// One organisation: every field of its signed record, its partnerships and its provenance.
import {ApiError, getJson, itemsOf} from './api.js';
import {clear, externalLink, h, safeHref} from './dom.js';
import {
  countryName, displayDescription, displayName, formatDate, languageName, organizationTypeName, pick, roleName,
  sectorName,
} from './lang.js';
import {errorNote, loading, nameBlock, provenanceBadge, provenanceBox} from './common.js';
import {t} from './i18n.js';
import {urlFor} from './state.js';

const STATUS_ORDER = ['confirmed', 'announced', 'retracted'];
const KINDS = ['consortium', 'implementing', 'funding', 'network_membership', 'mou', 'joint_response', 'other'];

let controller = null;

function splitGlobalId(globalId) {
  const slash = globalId.indexOf('/');
  return slash > 0 ? [globalId.slice(0, slash), globalId.slice(slash + 1)] : [null, null];
}

export function organizationPath(globalId) {
  const [origin, id] = splitGlobalId(globalId);
  return '/v1/directory/organizations/' + encodeURIComponent(origin) + '/' + encodeURIComponent(id);
}

export async function showDetail(state, navigate) {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const view = clear(document.getElementById('detail-view'));
  const backHref = urlFor({view: 'search', filters: state.filters, lang: state.lang});
  view.appendChild(h('p', {class: 'back'},
    h('a', {href: backHref, on: {click: event => navigate(event, backHref)}}, t('detail.back'))));
  const body = view.appendChild(h('div', {class: 'detail-body'}, loading()));
  const [origin, id] = splitGlobalId(state.org);
  if (!origin || !id) {
    clear(body).appendChild(h('p', {class: 'error', role: 'alert'}, t('detail.badId', {id: state.org})));
    return;
  }
  const partnerships = getJson('/v1/directory/partnerships', {organization: state.org, limit: 100}, signal)
    .catch(error => error);
  let item;
  try {
    item = await getJson(organizationPath(state.org), null, signal);
  } catch (error) {
    if (error.name === 'AbortError') return;
    clear(body).appendChild(error instanceof ApiError && error.status === 404
      ? h('p', {class: 'error', role: 'alert'}, t('detail.notFound'))
      : errorNote(error));
    return;
  }
  if (signal.aborted) return;
  const record = item.record || {};
  document.title = displayName(record).shown + ' · ' + t('app.title');
  const heading = nameBlock(record, 'h1', {id: 'detail-title', tabindex: '-1'});
  const partnershipSection = h('section', {class: 'partnerships', 'aria-labelledby': 'partners-title'},
    h('h2', {id: 'partners-title'}, t('detail.partnerships')), loading());
  clear(body).append(
    h('div', {class: 'detail-head'}, heading,
      h('p', {class: 'meta'}, h('span', {class: 'mono'}, item.global_id || state.org)),
      provenanceBadge(item.provenance)),
    h('div', {class: 'detail-grid'},
      h('div', {class: 'detail-main'}, sealedNotice(item.sealed), descriptionSection(record), fieldsSection(record, item.sealed),
        partnershipSection),
      h('aside', {class: 'detail-side'}, provenanceBox(item.provenance))));
  heading.focus();
  const result = await partnerships;
  if (signal.aborted) return;
  renderPartnerships(partnershipSection, result, state, navigate, signal);
}

/** A sealed record this node cannot open: only its clear members are here (SPEC §6.10). */
function sealedNotice(sealed) {
  if (!sealed || sealed.opened) return null;
  return h('p', {class: 'sealed-notice', role: 'note'}, t('detail.sealed'));
}

function descriptionSection(record) {
  const main = displayDescription(record);
  if (!main) return null;
  const others = Object.entries(record.descriptions || {}).filter(([tag, text]) => text !== main.text && tag !== main.lang);
  const original = record.description && record.description !== main.text ? record.description : null;
  return h('section', {class: 'description', 'aria-label': t('detail.description')},
    h('p', {lang: main.lang}, main.text),
    original || others.length ? h('details', null,
      h('summary', null, t('detail.otherLanguages')),
      original ? h('p', null, original) : null,
      others.map(([tag, text]) => h('div', {class: 'other-lang'},
        h('p', {class: 'small muted'}, languageName(tag)), h('p', {lang: tag}, text)))) : null);
}

/** Rows of [label, value] for every member of the record that has a value. */
function fieldsSection(record, sealed) {
  const rows = [];
  const add = (label, value) => {
    if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) rows.push([label, value]);
  };
  add(t('field.name'), record.name);
  if (record.names) {
    add(t('field.names'), h('ul', {class: 'plain'}, Object.entries(record.names).map(([tag, text]) =>
      h('li', null, h('span', {class: 'muted'}, languageName(tag) + ': '), h('span', {lang: tag}, text)))));
  }
  add(t('field.alternateNames'), listOf(record.alternate_names));
  add(t('field.identifiers'), listOf(record.identifiers, identifier => h('code', null, identifier)));
  add(t('field.country'), record.country ? countryName(record.country) + ' (' + record.country + ')' : null);
  add(t('field.countries'), listOf(record.countries_of_operation, code => countryName(code) + ' (' + code + ')'));
  add(t('field.type'), record.organization_type
    ? (organizationTypeName(record.organization_type) || t('field.typeUnknown')) + ' (' + record.organization_type + ')' : null);
  add(t('field.sectors'), listOf(record.sectors,
    code => [sectorName(code) || t('field.sectorUnknown'), ' ', h('span', {class: 'muted mono'}, code)]));
  add(t('field.languages'), listOf(record.languages, tag => languageName(tag) + ' (' + tag + ')'));
  add(t('field.website'), record.website ? externalLink(record.website) : null);
  add(t('field.email'), record.email ? (safeHref('mailto:' + record.email) ? h('a', {href: 'mailto:' + record.email}, record.email) : record.email) : null);
  add(t('field.phones'), listOf(record.phones, phone => [phone.number, phone.type ? h('span', {class: 'muted'}, ' (' + phone.type + ')') : null]));
  add(t('field.contacts'), listOf(record.contacts, contact => [contact.name, contact.title ? ', ' + contact.title : null,
    contact.email ? [' · ', contact.email] : null, contact.phone ? [' · ', contact.phone] : null]));
  add(t('field.locations'), listOf(record.locations, location));
  add(t('field.year'), record.year_incorporated);
  add(t('field.legalStatus'), record.legal_status);
  // A sealed record read here without its sealed members says nothing about its status.
  add(t('field.status'), sealed && !sealed.opened ? null : t('value.status.' + (record.status || 'active')));
  add(t('field.visibility'), sealed ? t('value.visibility.sealed')
    : t('value.visibility.' + (record.visibility === 'limited' ? 'limited' : 'public')));
  return h('section', {class: 'fields', 'aria-labelledby': 'fields-title'},
    h('h2', {id: 'fields-title'}, t('detail.record')),
    h('dl', {class: 'kv'}, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value)])));
}

function listOf(values, render) {
  if (!Array.isArray(values) || values.length === 0) return null;
  return h('ul', {class: 'plain'}, values.map(value => h('li', null, render ? render(value) : value)));
}

function location(loc) {
  const parts = [loc.address, loc.city, loc.region, loc.postal_code, loc.country ? countryName(loc.country) : null]
    .filter(part => part !== undefined && part !== null && part !== '');
  const coordinates = typeof loc.latitude === 'number' && typeof loc.longitude === 'number'
    ? ' (' + loc.latitude + ', ' + loc.longitude + ')' : '';
  return [loc.name ? h('strong', null, loc.name) : null, loc.name && parts.length ? ': ' : null, parts.join(', '), coordinates];
}

function renderPartnerships(section, result, state, navigate, signal) {
  const title = section.firstChild;
  clear(section).appendChild(title);
  if (result instanceof Error) {
    section.appendChild(errorNote(result));
    return;
  }
  const items = itemsOf(result);
  if (items.length === 0) {
    section.appendChild(h('p', {class: 'muted'}, t('partnership.none')));
    return;
  }
  const pendingNames = [];
  for (const status of STATUS_ORDER) {
    const group = items.filter(p => (p.status || 'announced') === status);
    if (group.length === 0) continue;
    section.appendChild(h('h3', {class: 'status-' + status}, t('partnership.status.' + status), ' (', String(group.length), ')'));
    section.appendChild(h('ul', {class: 'partnership-list'},
      group.map(p => partnershipItem(p, state, navigate, pendingNames))));
  }
  fillPartyNames(pendingNames, signal);
}

function partnershipItem(p, state, navigate, pendingNames) {
  const record = p.record || p;
  const title = pick(record.titles) || {text: record.title, lang: null};
  const parties = p.parties || record.parties || [];
  const status = p.status || 'announced';
  const endorsedBy = Array.isArray(p.endorsed_by) ? p.endorsed_by : [];
  const dates = [record.start_date, record.end_date].filter(Boolean);
  return h('li', {class: 'partnership status-' + status},
    h('p', {class: 'partnership-title'},
      h('span', {class: 'pill pill-' + status}, t('partnership.pill.' + status)), ' ',
      h('span', {lang: title.lang}, title.text || p.global_id || ''),
      h('span', {class: 'muted'}, ' · ', KINDS.includes(record.kind) ? t('partnership.kind.' + record.kind) : record.kind || '')),
    dates.length ? h('p', {class: 'small muted'}, dates.map(formatDate).join(' – ')) : null,
    h('ul', {class: 'parties'}, parties.map(party => {
      const href = urlFor({view: 'detail', filters: state.filters, org: party.organization, lang: state.lang});
      const label = h('span', {class: 'party-name'}, party.organization);
      pendingNames.push({globalId: party.organization, label});
      // Who has signed this announcement: the announcer's own counts; the others co-sign it.
      const endorsed = endorsedBy.includes(party.hub)
        ? h('span', {class: 'small ok'}, t('partnership.endorsed', {hub: party.hub}))
        : status === 'retracted' ? null : h('span', {class: 'small warn'}, t('partnership.awaiting', {hub: party.hub}));
      return h('li', null,
        h('a', {href, on: {click: event => navigate(event, href)}}, label),
        party.role ? h('span', {class: 'muted'}, ' · ', roleName(party.role)) : null,
        endorsed);
    })));
}

/** Replace party ids by names once known; a party this node does not hold keeps its id. */
async function fillPartyNames(pending, signal) {
  const byId = new Map();
  for (const entry of pending) {
    if (!byId.has(entry.globalId)) byId.set(entry.globalId, []);
    byId.get(entry.globalId).push(entry.label);
  }
  await Promise.all([...byId.entries()].slice(0, 20).map(async ([globalId, labels]) => {
    try {
      const item = await getJson(organizationPath(globalId), null, signal);
      const name = displayName(item.record || {});
      for (const label of labels) {
        clear(label).append(h('span', {lang: name.shownLang}, name.shown), h('span', {class: 'muted mono small'}, ' ' + globalId));
      }
    } catch (e) {
      // Unknown here (not followed, or removed): the id stays.
    }
  }));
}

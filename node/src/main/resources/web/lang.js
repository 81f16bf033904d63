// Which language to show a record in, and how to name countries, languages and sectors: the
// interface language first (i18n.js), then the browser's other languages.

let viewer = navigatorLanguages();
let codes = {sectors: {}, organization_types: {}, organization_roles: {}, countries: {}, languages: {}};

function navigatorLanguages() {
  const list = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  return list.map(tag => tag.toLowerCase());
}

/** The interface language comes first, so names, countries and languages follow the same choice. */
export function setViewerLanguage(lang) {
  viewer = lang ? [lang.toLowerCase(), ...navigatorLanguages().filter(tag => tag !== lang.toLowerCase())]
    : navigatorLanguages();
}

export function viewerLanguage() {
  return viewer[0];
}

export function setCodes(loaded) {
  codes = Object.assign(codes, loaded);
}

/**
 * The best text of a {bcp47: text} map for the viewer: an exact tag, then the same primary
 * language ("ja" for "ja-JP"), in the viewer's order of preference. Returns {text, lang} or null.
 */
export function pick(map) {
  if (!map || typeof map !== 'object') return null;
  const entries = Object.entries(map).filter(([, text]) => typeof text === 'string' && text);
  for (const wanted of viewer) {
    const exact = entries.find(([tag]) => tag.toLowerCase() === wanted);
    if (exact) return {text: exact[1], lang: exact[0]};
    const primary = wanted.split('-')[0];
    const close = entries.find(([tag]) => tag.toLowerCase().split('-')[0] === primary);
    if (close) return {text: close[1], lang: close[0]};
  }
  return null;
}

/** The language tag under which a map holds exactly this text (to mark the original's lang). */
export function tagOf(map, text) {
  if (!map) return null;
  const found = Object.entries(map).find(([, value]) => value === text);
  return found ? found[0] : null;
}

/**
 * A record's display name: {shown, shownLang, original, originalLang}, where original is set only
 * when the viewer's language differs from the record's primary name.
 */
export function displayName(record) {
  const originalLang = tagOf(record.names, record.name);
  const chosen = pick(record.names);
  if (chosen && chosen.text !== record.name) {
    return {shown: chosen.text, shownLang: chosen.lang, original: record.name, originalLang};
  }
  return {shown: record.name, shownLang: originalLang, original: null, originalLang: null};
}

/**
 * The description to show: {text, lang} in the viewer's language, or the record's own description.
 * That one is taken to be in the language of the record's own name (when its names say which), so a
 * Japanese viewer of a Japanese record reads the original rather than its English translation.
 */
export function displayDescription(record) {
  const map = Object.assign({}, record.descriptions || {});
  const ownLang = tagOf(record.names, record.name);
  if (record.description && ownLang && !map[ownLang]) map[ownLang] = record.description;
  return pick(map) || (record.description ? {text: record.description, lang: ownLang} : null);
}

const displayNames = new Map();

function intlName(type, code) {
  const key = type + ' ' + viewer.join(',');
  try {
    if (!displayNames.has(key)) displayNames.set(key, new Intl.DisplayNames(viewer, {type, fallback: 'none'}));
    return displayNames.get(key).of(code) || null;
  } catch (e) {
    return null;
  }
}

export function countryName(code) {
  if (!code) return '';
  return intlName('region', code) || codes.countries[code] || code;
}

export function languageName(tag) {
  if (!tag) return '';
  return intlName('language', tag) || codes.languages[tag.split('-')[0].toLowerCase()] || tag;
}

export function sectorName(code) {
  return codes.sectors[code] || null;
}

export function organizationTypeName(code) {
  return codes.organization_types[code] || null;
}

/** A partner's role: IATI OrganisationRole codes ("4" = Implementing) by name, free text as it is. */
export function roleName(role) {
  return codes.organization_roles[role] || role;
}

/** "15160 · Human rights" when the name is known, the bare code otherwise. */
export function sectorLabel(code) {
  const name = sectorName(code);
  return name ? name : code;
}

/** Date and time of a signed "ts", in a form readable everywhere: 2026-11-29 02:00 UTC. */
export function formatTs(ts) {
  if (!ts) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(ts);
  return match ? match[1] + ' ' + match[2] + ' UTC' : ts;
}

export function formatDate(ts) {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(ts || '');
  return match ? match[1] : ts || '';
}

// The interface's words in the viewer's language: English, Japanese and Thai, one JSON table per
// language (strings-<lang>.json, shipped with the page, keys the same in each). The language is the
// one chosen with the switcher (kept in the URL as ?lang=) or else the first of the browser's
// languages the page speaks; record names follow the same choice (lang.js).
import {getJson} from './api.js';

export const LANGUAGES = ['en', 'ja', 'th'];
/** Each language in its own words, for the switcher: the same whatever the interface language. */
export const AUTONYMS = {en: 'English', ja: '日本語', th: 'ไทย'};

const tables = new Map();
let language = 'en';
let table = {};
let numbers = new Intl.NumberFormat('en');
let plurals = new Intl.PluralRules('en');

/** A supported interface language ('ja' for 'ja-JP'), or '' for anything else. */
export function supported(tag) {
  const primary = String(tag || '').toLowerCase().split('-')[0];
  return LANGUAGES.includes(primary) ? primary : '';
}

/** The chosen language if the page speaks it, else the browser's first one it speaks, else English. */
export function chooseLanguage(chosen) {
  const browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of [chosen, ...browser]) {
    if (supported(tag)) return supported(tag);
  }
  return 'en';
}

/** Starts loading a language's table (at most once); {@link useLanguage} waits for it. */
export function loadStrings(assets, lang) {
  if (!tables.has(lang)) tables.set(lang, getJson(assets + 'strings-' + lang + '.json').catch(() => ({})));
  return tables.get(lang);
}

/** Makes {@code lang} the interface language once its table is in. */
export async function useLanguage(assets, lang) {
  const loaded = await loadStrings(assets, lang);
  language = lang;
  table = loaded;
  numbers = new Intl.NumberFormat(lang);
  plurals = new Intl.PluralRules(lang);
}

export function uiLanguage() {
  return language;
}

export function formatCount(n) {
  return numbers.format(n);
}

/**
 * The text of {@code key} with {name} placeholders filled from {@code params} (numbers formatted in
 * the interface language). A table entry may be {one, other}: chosen by params.n. A missing key
 * shows as itself, which the string tables' test keeps from happening.
 */
export function t(key, params) {
  return tParts(key, params).join('');
}

/** Like t, but a placeholder may be given a DOM node: returns the parts, for h(tag, attrs, parts). */
export function tParts(key, params) {
  let text = table[key];
  if (text && typeof text === 'object') {
    const n = params && typeof params.n === 'number' ? params.n : 0;
    text = text[plurals.select(n)] || text.other;
  }
  if (typeof text !== 'string') return [key];
  const parts = [];
  let last = 0;
  text.replace(/\{(\w+)\}/g, (match, name, offset) => {
    if (!params || !(name in params)) return match;
    parts.push(text.slice(last, offset));
    const value = params[name];
    parts.push(typeof value === 'number' ? formatCount(value) : value);
    last = offset + match.length;
    return match;
  });
  parts.push(text.slice(last));
  return parts.filter(part => part !== '');
}

/** Translates the page's fixed text: data-i18n (text), data-i18n-placeholder, -aria-label, -label. */
export function translatePage(root) {
  document.documentElement.lang = language;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('label', t(node.dataset.i18nLabel));
}

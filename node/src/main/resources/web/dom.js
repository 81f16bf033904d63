// Building DOM nodes without HTML strings: every value from data becomes a text node or an
// attribute set through setAttribute, so nothing a record contains is ever parsed as markup.
// The page's CSP also requires Trusted Types for script sinks, so an accidental HTML sink fails
// loudly instead of rendering.

/**
 * h('a', {href: url, class: 'x'}, 'text', child, [more]) -> Element.
 * Attributes: 'class', 'lang', 'dir', 'title', aria-*, data-*, and the usual form/link ones.
 * Event handlers are passed as on: {click: fn}. Children: strings, numbers, nodes, arrays, null.
 */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'on') {
        for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      } else if (name === 'href') {
        const safe = safeHref(value);
        if (safe !== null) node.setAttribute('href', safe);
      } else if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') {
        throw new Error('refusing attribute ' + name);
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Same-origin paths, http(s) and mailto links only: a record's "website" cannot run script. */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith('/') && !text.startsWith('//')) return text;
  try {
    const url = new URL(text);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ? url.href : null;
  } catch (e) {
    return null;
  }
}

/** An external link that does not leak the page it was opened from. */
export function externalLink(url, text) {
  const href = safeHref(url);
  if (href === null) return document.createTextNode(String(text ?? url));
  return h('a', {href, rel: 'noopener noreferrer nofollow', target: '_blank'}, text ?? url);
}

/**
 * svg('path', {d, class}, child…) -> SVG element, for the map and the network. Attributes are set
 * with setAttribute (callers pass geometry, classes and codes, never markup); children are nodes or
 * text.
 */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (/^on/i.test(name) || name === 'style' || name === 'href') throw new Error('refusing attribute ' + name);
    node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

// DOM helpers. Everything that comes from the data — article text, titles,
// names, URLs — goes into the page through textContent, text nodes or
// setAttribute, never through innerHTML: an article holding markup shows it
// as text.

/**
 * h builds an element: h('a', {href: '#/x', class: 'y'}, 'text', child).
 * Attributes: class, text (textContent), dataset (object), on* (listeners);
 * the others are set with setAttribute. null, undefined and false values and
 * children are skipped; strings and numbers become text nodes.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** svg builds an SVG element the same way. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'href' || k === 'src') el.setAttribute(k, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** append adds children: nodes as they are, other values as text. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** clear empties an element. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

/**
 * safeURL returns the URL when it is http or https, else null: a report's
 * link from an article ("javascript:...") must not become a live link.
 */
export function safeURL(u) {
  if (typeof u !== 'string' || u === '') return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** extLink links to an outside page in a new tab, or shows the text when the URL is not http(s). */
export function extLink(u, text) {
  const href = safeURL(u);
  if (!href) return text ? h('span', null, text) : null;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer external', class: 'ext' }, text || hostOf(href));
}

function hostOf(href) {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
}

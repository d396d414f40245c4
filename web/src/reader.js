// The article reader: the clean text with its entities, places, quotes,
// figures and events highlighted from the document's spans, each linked to
// its detail, and what the reader removed from the page, folded away.
import { h, clear, extLink } from './dom.js';
import { get } from './api.js';
import { classLabel } from './classes.js';
import { annotations, nest, paragraphs } from './highlight.js';
import { countryName, figureText, fmtDate, plural } from './format.js';
import { href } from './state.js';
import { typeLabel } from './views.js';

function spanHref(s) {
  switch (s.kind) {
    case 'evidence':
    case 'figure':
      return s.eventID != null ? href(`/event/${s.eventID}`) : null;
    case 'quote':
      return s.speakerID != null ? href(`/entity/${s.speakerID}`) : null;
    default:
      return s.entityID != null ? href(`/entity/${s.entityID}`) : null;
  }
}

function hasLinkBelow(node) {
  return node.children.some((c) => spanHref(c.span) != null || hasLinkBelow(c));
}

function describe(s) {
  switch (s.kind) {
    case 'evidence':
      return `Event: ${classLabel(s.event.class)}${s.event.summary ? ` — ${s.event.summary}` : ''}`;
    case 'quote':
      return `Quote — speaker: ${s.speakerName || 'not identified'}`;
    case 'figure': {
      const f = s.figure;
      return `Figure: ${f.category} ${figureText(f)} — claimed by ${f.claimed_by_name || 'no one named'}`;
    }
    default: {
      const parts = [];
      if (s.entity) {
        parts.push(`${typeLabel(s.entity.type)}: ${s.entity.name}`);
        if (s.entity.titles?.length) parts.push(s.entity.titles.join(', '));
      }
      if (s.place) {
        const p = s.place;
        const where = [p.name, p.admin1, countryName(p.country)].filter(Boolean).join(', ');
        parts.push(`place: ${where}${p.lat != null && p.lon != null ? ` (${p.lat.toFixed(3)}, ${p.lon.toFixed(3)})` : ''}`);
      }
      return parts.join(' — ');
    }
  }
}

function classesOf(s) {
  switch (s.kind) {
    case 'evidence':
      return 'hl hl-event';
    case 'quote':
      return 'hl hl-quote';
    case 'figure':
      return `hl hl-figure hl-cat-${s.figure.category}`;
    default:
      return `hl hl-name${s.entity ? ` hl-${s.entity.type}` : ''}${s.place ? ' hl-place' : ''}`;
  }
}

function dataOf(s) {
  switch (s.kind) {
    case 'evidence':
      return { kind: 'event', event: s.event.id };
    case 'quote':
      return { kind: 'quote', quote: s.quote.id, speaker: s.speakerName || '' };
    case 'figure':
      return { kind: 'figure', figure: s.figure.id };
    default:
      return { kind: s.place && !s.entity ? 'place' : 'entity', entity: s.entity?.id || '', place: s.place?.id || '' };
  }
}

// The small link after a highlighted span whose own words cannot be a link
// (it holds links of its own, or it is a quote or an event sentence).
function tail(s, link) {
  switch (s.kind) {
    case 'quote': {
      const who = s.speakerName || 'speaker not identified';
      return link
        ? h('a', { class: 'tail tail-speaker', href: link, title: `Quotes of ${who}` }, `— ${who}`)
        : h('span', { class: 'tail tail-speaker' }, `— ${who}`);
    }
    case 'evidence':
      return link ? h('a', { class: 'tail tail-event', href: link, title: describe(s), 'aria-label': `Event: ${classLabel(s.event.class)}` }, classLabel(s.event.class)) : null;
    default:
      return link ? h('a', { class: 'tail', href: link, title: describe(s), 'aria-label': describe(s) }, '↗') : null;
  }
}

function renderChildren(node, text, parent) {
  let pos = node.start;
  for (const c of node.children) {
    if (c.start > pos) parent.append(text.slice(pos, c.start));
    parent.append(...renderSpan(c, text));
    pos = c.end;
  }
  if (pos < node.end) parent.append(text.slice(pos, node.end));
}

function renderSpan(node, text) {
  const s = node.span;
  const link = spanHref(s);
  const asLink = link != null && s.kind !== 'quote' && s.kind !== 'evidence' && !hasLinkBelow(node);
  const title = describe(s);
  const attrs = { class: classesOf(s), title, dataset: dataOf(s) };
  if (asLink) attrs.href = link;
  if (s.kind === 'quote') {
    attrs.role = 'group';
    attrs['aria-label'] = `Quote by ${s.speakerName || 'a speaker not identified'}`;
  }
  const el = h(asLink ? 'a' : 'span', attrs);
  renderChildren(node, text, el);
  const out = [el];
  if (node.last && !asLink) {
    const t = tail(s, link);
    if (t) out.push(t);
  }
  return out;
}

/** highlighted renders text with spans (string offsets) into parent, paragraph by paragraph. */
function highlighted(text, spans, parent, tag = 'p') {
  for (const [a, b] of paragraphs(text)) {
    const p = h(tag);
    renderChildren(nest(spans, a, b), text, p);
    parent.append(p);
  }
}

function inline(text, spans, el) {
  renderChildren(nest(spans, 0, text.length), text, el);
  return el;
}

const LAYERS = [
  ['event', 'Events (evidence)'],
  ['quote', 'Quotes'],
  ['figure', 'Figures'],
  ['name', 'Names and places'],
];

/** renderArticle shows an article in the reader. */
export async function renderArticle(panel, id, { signal }) {
  clear(panel);
  const loading = h('h2', { tabindex: '-1' }, 'Loading the article…');
  panel.append(loading);
  let a;
  try {
    a = await get(`/api/articles/${encodeURIComponent(id)}`, null, signal);
  } catch (err) {
    if (signal.aborted) return null;
    clear(panel);
    const head = h('h2', { tabindex: '-1' }, 'The article could not be loaded');
    panel.append(head, h('p', { class: 'error', role: 'alert' }, String(err?.message || err)));
    return head;
  }
  if (signal.aborted) return null;
  const doc = a.document || {};
  const ann = annotations(doc, { events: a.event_ids || {}, entities: a.entity_ids || {} });
  clear(panel);
  panel.append(h('p', { class: 'back' }, h('a', { href: href('/articles') }, '← All articles'), ' · ', h('a', { href: href('/') }, 'All events')));

  const article = h('article', { class: 'reader', id: 'reader', lang: doc.language && doc.language !== 'und' ? doc.language : null });
  const head = inline(doc.title || a.title || '(untitled)', ann.title, h('h2', { tabindex: '-1', class: 'reader-title' }));
  article.append(head);
  if (doc.deck) article.append(inline(doc.deck, ann.deck, h('p', { class: 'deck' })));
  const meta = [doc.outlet || a.outlet, fmtDate(doc.published || a.published)];
  if (doc.byline?.length) meta.push(`by ${doc.byline.join(', ')}`);
  if (doc.dateline?.text) meta.push(`dateline ${doc.dateline.text}`);
  article.append(h('p', { class: 'byline' }, meta.filter(Boolean).join(' · '), doc.url ? [' · ', extLink(doc.url, 'original page')] : null));
  if (a.duplicate_of) {
    article.append(h('p', { class: 'note' }, 'This article nearly duplicates ', h('a', { href: href(`/article/${a.duplicate_of}`) }, 'an earlier one'), '.'));
  }
  if (a.duplicates?.length) {
    article.append(h('p', { class: 'note' }, `Nearly duplicated by ${plural(a.duplicates.length, 'later article')}: `,
      a.duplicates.map((d, i) => [i ? ', ' : '', h('a', { href: href(`/article/${d}`) }, String(i + 1))])));
  }

  // The key doubles as a switch for each kind of highlight.
  const key = h('fieldset', { class: 'hl-key' }, h('legend', null, 'Highlighted'));
  for (const [k, label] of LAYERS) {
    const box = h('input', { type: 'checkbox', checked: true, id: `show-${k}` });
    box.addEventListener('change', () => body.classList.toggle(`hide-${k}`, !box.checked));
    key.append(h('label', { class: `key-${k}` }, box, h('span', { class: `hl hl-sample hl-${k === 'event' ? 'event' : k === 'name' ? 'name' : k}` }, label)));
  }
  article.append(key);

  const body = h('div', { class: 'reader-body', id: 'reader-body' });
  highlighted(ann.text, ann.body, body);
  if (!ann.text) body.append(h('p', { class: 'muted' }, 'This article has no text.'));
  article.append(body);

  const counts = [
    plural((doc.entities || []).length, 'entity', 'entities'), plural((doc.places || []).length, 'place'),
    plural((doc.quotes || []).length, 'quote'), plural((doc.events || []).length, 'event'), plural((doc.figures || []).length, 'figure'),
  ];
  article.append(h('p', { class: 'muted' }, `Found: ${counts.join(', ')}.`));

  const events = doc.events || [];
  if (events.length) {
    article.append(h('h3', null, 'Events in this article'));
    article.append(h('ul', { class: 'doc-events' }, events.map((ev) => {
      const fused = a.event_ids?.[ev.id];
      const label = `${classLabel(ev.class)}${ev.summary ? ` — ${ev.summary}` : ''}`;
      return h('li', null, fused != null ? h('a', { href: href(`/event/${fused}`) }, label) : label, ev.status && ev.status !== 'asserted' ? h('span', { class: 'tag' }, ev.status) : null);
    })));
  }

  const removed = doc.removed || [];
  const det = h('details', { class: 'removed', id: 'removed' },
    h('summary', null, `What the reader removed from the page (${removed.length})`));
  if (removed.length) {
    det.append(h('ul', null, removed.map((r) => h('li', null, h('span', { class: 'tag' }, r.kind), ' ', r.text))));
  } else {
    det.append(h('p', { class: 'muted' }, 'Nothing was removed.'));
  }
  article.append(det);
  if (doc.warnings?.length) {
    article.append(h('details', { class: 'warnings' }, h('summary', null, `Warnings (${doc.warnings.length})`), h('ul', null, doc.warnings.map((w) => h('li', null, w)))));
  }
  panel.append(article);
  return head;
}

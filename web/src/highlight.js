// The reader's highlighting, without the DOM: a document's spans (UTF-8 byte
// offsets into its text) turned into JavaScript string offsets, and the
// overlapping spans nested into a tree that renders as nested elements.

/**
 * byteOffsets returns a function mapping a UTF-8 byte offset of text to the
 * UTF-16 index JavaScript strings use. An offset inside a character maps to
 * that character's start; offsets past the end map to text.length.
 */
export function byteOffsets(text) {
  // idx[b] is the UTF-16 index at byte b.
  const idx = [];
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) idx[b + k] = i;
    b += bytes;
    i += cp > 0xffff ? 2 : 1;
  }
  idx[b] = text.length;
  const total = b;
  return (off) => {
    if (!Number.isFinite(off) || off <= 0) return 0;
    if (off >= total) return text.length;
    return idx[Math.floor(off)];
  };
}

/**
 * Layers, outer to inner: an event's evidence sentence holds quotes, a quote
 * holds figures, and the innermost are the names of entities and places.
 */
export const LAYER = { evidence: 0, quote: 1, figure: 2, mention: 3 };

/**
 * nest arranges spans {start, end, layer, ...} over [from, to) into a tree.
 * Spans are clipped to [from, to); a span that crosses the end of an outer
 * one is split in pieces, each nested where it lies. Every node is
 * {span, start, end, first, last, children}: first and last tell whether the
 * piece holds the start and the end of its span. The root has span null.
 */
export function nest(spans, from, to) {
  const queue = [];
  for (const s of spans) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end > start) queue.push({ span: s, start, end, first: start === s.start, last: end === s.end });
  }
  const order = (a, b) => a.start - b.start || b.end - a.end || a.span.layer - b.span.layer;
  queue.sort(order);
  const root = { span: null, start: from, end: to, first: true, last: true, children: [] };
  const stack = [root];
  while (queue.length) {
    let p = queue.shift();
    while (stack.length > 1 && p.start >= stack[stack.length - 1].end) stack.pop();
    const top = stack[stack.length - 1];
    if (p.end > top.end) {
      // Crosses the end of the span it starts in: keep the part inside and
      // queue the rest.
      const rest = { span: p.span, start: top.end, end: p.end, first: false, last: p.last };
      p = { ...p, end: top.end, last: false };
      let i = 0;
      while (i < queue.length && order(queue[i], rest) <= 0) i++;
      queue.splice(i, 0, rest);
    }
    const node = { ...p, children: [] };
    top.children.push(node);
    stack.push(node);
  }
  return root;
}

/**
 * paragraphs splits text at blank lines and returns [start, end) ranges of
 * the non-blank paragraphs.
 */
export function paragraphs(text) {
  const out = [];
  const re = /\n\s*\n/g;
  let at = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, text.length);
  return out;

  function push(a, b) {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push([a, b]);
  }
}

/**
 * annotations reads a document's spans for the reader: the evidence of its
 * events, its quotes, its figures, and the mentions of its entities and
 * places. ids maps the document's local ids to the store's:
 * {events: {"V1": 12}, entities: {"E1": 3}}. Offsets are converted to
 * string indices. Quotes in the title or deck are returned apart, with
 * offsets into those fields. A place mention over the same words as an
 * entity mention is merged into it.
 */
export function annotations(doc, ids = {}) {
  const text = doc.text || '';
  const at = byteOffsets(text);
  const evIDs = ids.events || {};
  const entIDs = ids.entities || {};
  const entities = new Map((doc.entities || []).map((e) => [e.id, e]));
  const events = new Map((doc.events || []).map((e) => [e.id, e]));
  const body = [];
  const title = [];
  const deck = [];
  const ok = (s, e) => Number.isFinite(s) && Number.isFinite(e) && e > s;

  for (const ev of doc.events || []) {
    for (const sp of ev.evidence || []) {
      if (!ok(sp.start, sp.end)) continue;
      body.push({
        layer: LAYER.evidence, kind: 'evidence', start: at(sp.start), end: at(sp.end),
        event: ev, eventID: evIDs[ev.id] ?? null,
      });
    }
  }

  for (const q of doc.quotes || []) {
    if (!ok(q.start, q.end)) continue;
    const speaker = q.speaker ? entities.get(q.speaker) : null;
    const a = {
      layer: LAYER.quote, kind: 'quote', quote: q,
      speakerName: q.speaker_name || speaker?.name || '',
      speakerID: q.speaker ? entIDs[q.speaker] ?? null : null,
    };
    if (q.in === 'title' || q.in === 'deck') {
      const field = q.in === 'title' ? doc.title || '' : doc.deck || '';
      const fat = byteOffsets(field);
      (q.in === 'title' ? title : deck).push({ ...a, start: fat(q.start), end: fat(q.end) });
    } else {
      body.push({ ...a, start: at(q.start), end: at(q.end) });
    }
  }

  for (const f of doc.figures || []) {
    if (!ok(f.start, f.end)) continue;
    const ev = f.event ? events.get(f.event) : null;
    body.push({
      layer: LAYER.figure, kind: 'figure', start: at(f.start), end: at(f.end), figure: f,
      event: ev, eventID: f.event ? evIDs[f.event] ?? null : null,
    });
  }

  const mentions = new Map();
  for (const e of doc.entities || []) {
    for (const m of e.mentions || []) {
      if (!ok(m.start, m.end)) continue;
      const s = at(m.start);
      const t = at(m.end);
      const key = `${s}:${t}`;
      if (mentions.has(key)) continue;
      mentions.set(key, {
        layer: LAYER.mention, kind: 'entity', start: s, end: t, entity: e,
        entityID: entIDs[e.id] ?? null, place: null,
      });
    }
  }
  for (const p of doc.places || []) {
    const ent = p.entity ? entities.get(p.entity) : null;
    for (const m of p.mentions || []) {
      if (!ok(m.start, m.end)) continue;
      const s = at(m.start);
      const t = at(m.end);
      const key = `${s}:${t}`;
      const had = mentions.get(key);
      if (had) {
        had.place = p;
        continue;
      }
      mentions.set(key, {
        layer: LAYER.mention, kind: 'place', start: s, end: t, entity: ent, place: p,
        entityID: p.entity ? entIDs[p.entity] ?? null : null,
      });
    }
  }
  for (const m of mentions.values()) body.push(m);

  return { text, body, title, deck };
}

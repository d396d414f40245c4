// Tests of the reader's span handling (no DOM): node --test test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteOffsets, nest, paragraphs, annotations, LAYER } from '../src/highlight.js';

const utf8len = (s) => new TextEncoder().encode(s).length;

test('byteOffsets maps UTF-8 offsets to string indices', () => {
  const text = 'Kyiv — “ça” 😀 end';
  const at = byteOffsets(text);
  for (const word of ['Kyiv', '—', 'ça', '😀', 'end']) {
    const i = text.indexOf(word);
    const b = utf8len(text.slice(0, i));
    assert.equal(at(b), i, word);
    assert.equal(at(b + utf8len(word)), i + word.length, word + ' end');
  }
  assert.equal(at(0), 0);
  assert.equal(at(-5), 0);
  assert.equal(at(10_000), text.length);
});

const flat = (node, text) => node.children.map((c) => ({
  s: text.slice(c.start, c.end), first: c.first, last: c.last, kids: flat(c, text),
}));

test('nest puts inner spans inside outer ones', () => {
  const text = 'Police said 12 people died in Kyiv.';
  const spans = [
    { layer: LAYER.evidence, start: 0, end: text.length },
    { layer: LAYER.figure, start: 12, end: 26 },
    { layer: LAYER.mention, start: 30, end: 34 },
    { layer: LAYER.mention, start: 0, end: 6 },
  ];
  const got = flat(nest(spans, 0, text.length), text);
  assert.equal(got.length, 1);
  assert.deepEqual(got[0].kids.map((k) => k.s), ['Police', '12 people died', 'Kyiv']);
});

test('nest splits a span that crosses the end of another', () => {
  const text = 'aaaa bbbb cccc';
  const spans = [
    { layer: LAYER.quote, start: 0, end: 9 },
    { layer: LAYER.figure, start: 5, end: 14 },
  ];
  const got = flat(nest(spans, 0, text.length), text);
  assert.deepEqual(got.map((g) => g.s), ['aaaa bbbb', ' cccc']);
  assert.deepEqual(got[0].kids.map((k) => [k.s, k.first, k.last]), [['bbbb', true, false]]);
  assert.deepEqual([got[1].first, got[1].last], [false, true]);
});

test('nest clips spans to the range and orders equal spans by layer', () => {
  const text = 'one two three';
  const spans = [
    { layer: LAYER.mention, start: 4, end: 7 },
    { layer: LAYER.quote, start: 4, end: 7 },
    { layer: LAYER.evidence, start: 0, end: 100 },
  ];
  const root = nest(spans, 4, 13);
  assert.equal(root.children.length, 1);
  const ev = root.children[0];
  assert.equal(ev.span.layer, LAYER.evidence);
  assert.equal(ev.first, false);
  assert.equal(ev.children[0].span.layer, LAYER.quote);
  assert.equal(ev.children[0].children[0].span.layer, LAYER.mention);
});

test('paragraphs split at blank lines', () => {
  assert.deepEqual(paragraphs('a b\n\n c\n \nd\n'), [[0, 3], [6, 7], [10, 11]]);
  assert.deepEqual(paragraphs(''), []);
});

test('annotations convert offsets and merge places into entity mentions', () => {
  const text = 'In Kyiv — “we will stay,” Zelensky said. 12 killed.';
  const b = (s) => utf8len(text.slice(0, text.indexOf(s)));
  const e = (s) => b(s) + utf8len(s);
  const doc = {
    text,
    title: 'Title “quoted”',
    entities: [
      { id: 'E1', type: 'PERSON', name: 'Volodymyr Zelensky', mentions: [{ start: b('Zelensky'), end: e('Zelensky'), text: 'Zelensky' }] },
      { id: 'E2', type: 'GPE', name: 'Kyiv', mentions: [{ start: b('Kyiv'), end: e('Kyiv'), text: 'Kyiv' }] },
    ],
    places: [{ id: 'P1', name: 'Kyiv', entity: 'E2', mentions: [{ start: b('Kyiv'), end: e('Kyiv'), text: 'Kyiv' }] }],
    quotes: [
      { id: 'Q1', speaker: 'E1', speaker_name: 'Volodymyr Zelensky', start: b('“we'), end: e('stay,”') },
      { id: 'Q2', speaker: null, speaker_name: null, in: 'title', start: utf8len('Title '), end: utf8len('Title “quoted”') },
    ],
    figures: [{ id: 'F1', category: 'killed', min: 12, max: 12, event: 'V1', start: b('12'), end: e('12 killed') }],
    events: [{ id: 'V1', class: 'attack', evidence: [{ start: b('12'), end: e('killed.') }] }],
  };
  const a = annotations(doc, { events: { V1: 7 }, entities: { E1: 3, E2: 4 } });
  const bykind = (k) => a.body.filter((s) => s.kind === k);
  assert.equal(text.slice(bykind('quote')[0].start, bykind('quote')[0].end), '“we will stay,”');
  assert.equal(bykind('quote')[0].speakerID, 3);
  assert.equal(bykind('figure')[0].eventID, 7);
  assert.equal(bykind('place').length, 0, 'the place mention is merged');
  const kyiv = bykind('entity').find((m) => m.entity.id === 'E2');
  assert.equal(kyiv.place.id, 'P1');
  assert.equal(text.slice(kyiv.start, kyiv.end), 'Kyiv');
  assert.equal(doc.title.slice(a.title[0].start, a.title[0].end), '“quoted”');
});

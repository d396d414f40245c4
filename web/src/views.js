// The panel's views: the event list, an event's detail with its claims
// table, an entity (a person's quotes over time, a place's events) and the
// list of articles. The reader is in reader.js.
import { h, clear, extLink } from './dom.js';
import { get } from './api.js';
import { classKey, classLabel } from './classes.js';
import {
  countryName, day, figureText, figureValue, fmtDate, geoPrecisionText, num, plural, precisionText,
  timePrecisionText,
} from './format.js';
import { href } from './state.js';

/** swatch is the colour chip of a class, hidden from screen readers (the label says the class). */
export function swatch(cls) {
  const s = h('span', { class: `swatch ev-${classKey(cls)}`, 'aria-hidden': 'true' });
  return s;
}

function place(e) {
  return [e.location, e.admin1 && e.admin1 !== e.location ? e.admin1 : '', countryName(e.country)].filter(Boolean).join(', ');
}

/** eventItem is one event in a list: a link to its detail. */
export function eventItem(e) {
  const where = place(e) || 'place unknown';
  const facts = [fmtDate(e.date), where];
  if (e.fatalities != null) facts.push(`${num(e.fatalities)} killed`);
  facts.push(plural(e.report_count || 0, 'report'));
  return h('li', { class: 'event-item', dataset: { id: String(e.id) } },
    h('a', { href: href(`/event/${e.id}`) },
      h('span', { class: 'ev-class' }, swatch(e.class), classLabel(e.class)),
      h('span', { class: 'ev-facts' }, facts.join(' · ')),
      e.summary ? h('span', { class: 'ev-summary' }, e.summary) : null,
    ),
    e.lat == null ? h('span', { class: 'tag', title: 'This event has no coordinates, so it is not on the map' }, 'not on map') : null,
  );
}

const PAGE = 200;

/** renderList shows the events the filters select. */
export function renderList(panel, { events, located, loading, error, truncated }) {
  clear(panel);
  const head = h('h2', { tabindex: '-1' }, loading ? 'Loading events…' : plural(events.length, 'event'));
  panel.append(head);
  if (error) {
    panel.append(h('p', { class: 'error', role: 'alert' }, `The events could not be loaded: ${error}`));
    return head;
  }
  if (loading) return head;
  const off = events.length - located;
  panel.append(h('p', { class: 'muted', id: 'list-summary' },
    `${plural(located, 'event')} on the map${off ? `, ${num(off)} without a place` : ''}. Newest first.`,
    truncated ? ' Only the newest events are loaded: narrow the filters to see the rest.' : ''));
  if (events.length === 0) {
    panel.append(h('p', null, 'No event matches the filters.'));
    return head;
  }
  const ul = h('ul', { class: 'event-list', id: 'event-list' });
  panel.append(ul);
  let shown = 0;
  const more = h('button', { type: 'button', class: 'more' });
  const showMore = () => {
    const next = events.slice(shown, shown + PAGE);
    for (const e of next) ul.append(eventItem(e));
    shown += next.length;
    more.hidden = shown >= events.length;
    more.textContent = `Show ${num(Math.min(PAGE, events.length - shown))} more of ${num(events.length - shown)}`;
  };
  more.addEventListener('click', () => {
    const first = shown;
    showMore();
    ul.children[first]?.querySelector('a')?.focus();
  });
  panel.append(more);
  showMore();
  return head;
}

function dl(rows) {
  const d = h('dl', { class: 'facts' });
  for (const [k, v] of rows) {
    if (v == null || v === '') continue;
    d.append(h('dt', null, k), h('dd', null, v));
  }
  return d;
}

function loadingView(panel, what) {
  clear(panel);
  const head = h('h2', { tabindex: '-1' }, `Loading ${what}…`);
  panel.append(head);
  return head;
}

function errorView(panel, what, err) {
  clear(panel);
  const head = h('h2', { tabindex: '-1' }, `${what} could not be loaded`);
  panel.append(head, h('p', { class: 'error', role: 'alert' }, String(err?.message || err)),
    h('p', null, h('a', { href: href('/') }, 'Back to the events')));
  return head;
}

function back() {
  return h('p', { class: 'back' }, h('a', { href: href('/') }, '← All events'));
}

const CATEGORY_ORDER = ['killed', 'injured', 'casualties', 'missing', 'detained', 'displaced', 'refugees', 'evacuated', 'affected', 'population', 'other'];

/**
 * compareClaims annotates each claim of one category, in the order they
 * were reported: the first figure; a figure higher or lower than the
 * highest said before (a rising count); one that differs from another
 * claim reported the same day (a conflict).
 */
export function compareClaims(claims) {
  const sorted = [...claims].sort((a, b) => (a.published || '').localeCompare(b.published || '') ||
    (a.date || '').localeCompare(b.date || '') || a.id - b.id);
  const rows = [];
  let best = null;
  for (const c of sorted) {
    const v = figureValue(c);
    const sameDay = sorted.filter((o) => o !== c && day(o.published) === day(c.published) && figureValue(o) !== v && figureValue(o) != null && v != null);
    let change = '';
    let kind = '';
    if (v == null) {
      change = 'no number';
    } else if (best == null) {
      change = 'first figure';
      kind = 'first';
    } else if (v > best) {
      change = `↑ up from ${num(best)}`;
      kind = 'rise';
    } else if (v < best) {
      change = `↓ below the ${num(best)} reported before`;
      kind = 'lower';
    } else {
      change = 'same as before';
      kind = 'same';
    }
    if (sameDay.length) {
      change += `; conflicts with ${[...new Set(sameDay.map((o) => num(figureValue(o))))].join(', ')} the same day`;
      kind += ' conflict';
    }
    if (v != null) best = best == null ? v : Math.max(best, v);
    rows.push({ claim: c, change, kind });
  }
  return rows;
}

function claimsTable(claims) {
  const byCat = new Map();
  for (const c of claims) {
    if (!byCat.has(c.category)) byCat.set(c.category, []);
    byCat.get(c.category).push(c);
  }
  const cats = [...byCat.keys()].sort((a, b) => {
    const i = CATEGORY_ORDER.indexOf(a);
    const j = CATEGORY_ORDER.indexOf(b);
    return (i < 0 ? 99 : i) - (j < 0 ? 99 : j) || a.localeCompare(b);
  });
  const table = h('table', { class: 'claims', id: 'claims-table' },
    h('caption', { class: 'visually-hidden' }, 'Figures claimed about this event, by category, in the order they were reported'),
    h('thead', null, h('tr', null,
      ['Category', 'Figure', 'Claimed by', 'Reported', 'Refers to', 'Change'].map((t) => h('th', { scope: 'col' }, t)))),
  );
  for (const cat of cats) {
    const tb = h('tbody', { dataset: { category: cat } });
    const rows = compareClaims(byCat.get(cat));
    rows.forEach(({ claim: c, change, kind }, i) => {
      const tr = h('tr', { class: `claim ${kind}`, dataset: { id: String(c.id) } });
      if (i === 0) tr.append(h('th', { scope: 'rowgroup', rowspan: String(rows.length) }, cat));
      tr.append(
        h('td', null, h('span', { class: 'num' }, figureText(c)), c.phrase ? h('span', { class: 'phrase' }, `“${c.phrase}”`) : null),
        h('td', null, c.claimant_id != null ? h('a', { href: href(`/entity/${c.claimant_id}`) }, c.claimant || 'unnamed') : (c.claimant || h('span', { class: 'muted' }, 'not said'))),
        h('td', null, c.outlet || h('span', { class: 'muted' }, 'outlet unknown'), h('br'),
          h('a', { href: href(`/article/${c.article_id}`), title: 'Read the article' }, fmtDate(c.published))),
        h('td', null, c.date ? fmtDate(c.date) : ''),
        h('td', { class: 'change' }, change),
      );
      tb.append(tr);
    });
    table.append(tb);
  }
  const key = h('p', { class: 'muted claims-key' }, 'Every figure as each source gives it, in the order they were reported: ',
    h('span', { class: 'key rise' }, 'a rising count'), ', ', h('span', { class: 'key conflict' }, 'figures that conflict on the same day'), '.');
  return [key, h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Claims table', tabindex: '0' }, table)];
}

function quoteItem(q, { speaker = true } = {}) {
  const who = q.speaker_id != null
    ? h('a', { href: href(`/entity/${q.speaker_id}`) }, q.speaker_name || 'speaker')
    : h('span', null, q.speaker_name || 'speaker unknown');
  return h('li', { class: 'quote-item' },
    h('blockquote', null, q.text),
    h('p', { class: 'cite' },
      speaker ? [who, ' · '] : null,
      q.outlet ? `${q.outlet} · ` : '',
      h('a', { href: href(`/article/${q.article_id}`) }, fmtDate(q.published)),
      q.kind && q.kind !== 'direct' ? ` · ${q.kind}` : ''),
  );
}

/** renderEvent shows one event: what, where, when, its reports, claims, quotes and evidence. */
export async function renderEvent(panel, id, { signal, onEvent }) {
  loadingView(panel, `event ${id}`);
  let e;
  try {
    e = await get(`/api/events/${encodeURIComponent(id)}`, null, signal);
  } catch (err) {
    if (signal.aborted) return null;
    return errorView(panel, `Event ${id}`, err);
  }
  if (signal.aborted) return null;
  onEvent?.(e);
  clear(panel);
  const head = h('h2', { tabindex: '-1', class: 'detail-title' }, swatch(e.class), `${classLabel(e.class)}${e.location ? ` in ${e.location}` : ''}`);
  panel.append(back(), head);
  panel.append(h('p', { class: 'summary' }, e.summary || 'No summary.'));
  const coords = e.lat != null && e.lon != null ? `${e.lat.toFixed(4)}, ${e.lon.toFixed(4)}` : 'none (not on the map)';
  panel.append(dl([
    ['Date', `${fmtDate(e.date)} — ${precisionText(e.date_precision)}; ACLED time precision ${timePrecisionText(e.time_precision)}`],
    ['Place', place(e) || 'unknown'],
    ['Coordinates', `${coords}; ACLED geo-precision ${geoPrecisionText(e.geo_precision)}`],
    ['Actors', [e.actor1, e.actor2].filter(Boolean).join(' — ') || null],
    ['ACLED type', [e.acled_type, e.acled_sub_type].filter(Boolean).join(': ') || null],
    ['Fatalities', e.fatalities != null ? `${num(e.fatalities)} (the most conservative of the latest claims)` : 'no count given'],
    ['Injured', e.injured != null ? num(e.injured) : null],
    ['Reported', `${plural(e.report_count, 'report')} from ${fmtDate(e.first_reported)} to ${fmtDate(e.last_reported)}`],
  ]));

  const reports = e.reports || [];
  panel.append(h('h3', null, `Reports (${reports.length})`));
  const rt = h('table', { class: 'reports', id: 'reports-table' },
    h('thead', null, h('tr', null, ['Published', 'Outlet', 'Title', 'Status', 'Source'].map((t) => h('th', { scope: 'col' }, t)))));
  const rb = h('tbody');
  for (const r of reports) {
    rb.append(h('tr', null,
      h('td', null, fmtDate(r.published)),
      h('td', null, r.outlet || '—'),
      h('td', null, h('a', { href: href(`/article/${r.article_id}`) }, r.title || '(untitled)')),
      h('td', null, r.status || ''),
      h('td', null, extLink(r.url, 'original') || '—'),
    ));
  }
  rt.append(rb);
  panel.append(h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Reports', tabindex: '0' }, rt));

  const claims = e.claims || [];
  panel.append(h('h3', null, `Figures claimed (${claims.length})`));
  if (claims.length) panel.append(...claimsTable(claims));
  else panel.append(h('p', { class: 'muted' }, 'No report gives a figure for this event.'));

  const quotes = e.quotes || [];
  panel.append(h('h3', null, `Quotes (${quotes.length})`));
  if (quotes.length) panel.append(h('ul', { class: 'quotes' }, quotes.map((q) => quoteItem(q))));
  else panel.append(h('p', { class: 'muted' }, 'No quote in the sentences that report it.'));

  panel.append(h('h3', null, 'Evidence'));
  const ev = h('ul', { class: 'evidence' });
  for (const r of reports) {
    for (const s of r.evidence || []) {
      ev.append(h('li', null, h('blockquote', null, s),
        h('p', { class: 'cite' }, `${r.outlet || 'unknown outlet'} · `, h('a', { href: href(`/article/${r.article_id}`) }, r.title || fmtDate(r.published)))));
    }
  }
  if (ev.children.length) panel.append(ev);
  else panel.append(h('p', { class: 'muted' }, 'No evidence sentence stored.'));
  return head;
}

const TYPES = { PERSON: 'Person', ORG: 'Organisation', MEDIA: 'Media outlet', GPE: 'Place (country, region or town)', LOC: 'Place', FAC: 'Facility', NORP: 'Group (nationality, religion or party)' };

/** typeLabel names an entity type. */
export function typeLabel(t) {
  return TYPES[t] || t || 'Entity';
}

function quotesOverTime(quotes) {
  // One row per day, the quotes of that day under it, oldest first.
  const days = new Map();
  for (const q of [...quotes].sort((a, b) => (a.published || '').localeCompare(b.published || '') || a.id - b.id)) {
    const d = day(q.published) || 'undated';
    if (!days.has(d)) days.set(d, []);
    days.get(d).push(q);
  }
  const ol = h('ol', { class: 'over-time', id: 'quotes-over-time' });
  for (const [d, qs] of days) {
    ol.append(h('li', null, h('h4', null, d === 'undated' ? 'Undated' : fmtDate(d), h('span', { class: 'muted' }, ` · ${plural(qs.length, 'quote')}`)),
      h('ul', { class: 'quotes' }, qs.map((q) => quoteItem(q, { speaker: false })))));
  }
  return ol;
}

/** renderEntity shows an entity: a person's quotes over time, a place's (or an actor's) events. */
export async function renderEntity(panel, id, { signal, onEntity }) {
  loadingView(panel, `entity ${id}`);
  let e;
  try {
    e = await get(`/api/entities/${encodeURIComponent(id)}`, null, signal);
  } catch (err) {
    if (signal.aborted) return null;
    return errorView(panel, `Entity ${id}`, err);
  }
  if (signal.aborted) return null;
  onEntity?.(e);
  clear(panel);
  const head = h('h2', { tabindex: '-1' }, e.name);
  panel.append(back(), head);
  const aliases = (e.aliases || []).filter((a) => a !== e.name);
  panel.append(dl([
    ['Type', typeLabel(e.type)],
    ['Titles', (e.titles || []).join('; ') || null],
    ['Also named', aliases.join('; ') || null],
    ['Named in', `${plural(e.articles, 'article')}, ${plural(e.mentions, 'mention')}`],
  ]));
  const quotes = e.quotes || [];
  const events = e.events || [];
  const sections = [];
  const quoteSection = () => {
    sections.push(h('h3', null, `Quotes over time (${quotes.length})`));
    sections.push(quotes.length ? quotesOverTime(quotes) : h('p', { class: 'muted' }, 'No quote.'));
  };
  const eventSection = () => {
    const onMap = events.filter((x) => x.lat != null).length;
    sections.push(h('h3', null, `Events (${events.length})`));
    if (events.length) {
      sections.push(h('p', { class: 'muted' }, `${plural(onMap, 'event')} on the map; the map is zoomed to them.`));
      sections.push(h('ul', { class: 'event-list', id: 'entity-events' }, events.map(eventItem)));
    } else sections.push(h('p', { class: 'muted' }, 'No event.'));
  };
  if (e.type === 'PERSON' || (quotes.length && !events.length)) {
    quoteSection();
    if (events.length) eventSection();
  } else {
    eventSection();
    if (quotes.length) quoteSection();
  }
  panel.append(...sections);
  return head;
}

/** renderArticles lists the stored articles, newest first. */
export async function renderArticles(panel, { signal }) {
  loadingView(panel, 'articles');
  let page;
  try {
    page = await get('/api/articles', { limit: 100 }, signal);
  } catch (err) {
    if (signal.aborted) return null;
    return errorView(panel, 'The articles', err);
  }
  if (signal.aborted) return null;
  clear(panel);
  const head = h('h2', { tabindex: '-1' }, 'Articles');
  const ul = h('ul', { class: 'article-list', id: 'article-list' });
  const more = h('button', { type: 'button', class: 'more' }, 'More articles');
  let next = page.next;
  const add = (items) => {
    for (const a of items) {
      ul.append(h('li', null,
        h('a', { href: href(`/article/${a.id}`) }, a.title || '(untitled)'),
        h('span', { class: 'muted' }, ` ${[a.outlet, fmtDate(a.published)].filter(Boolean).join(' · ')} · ${plural(a.events, 'event')}, ${plural(a.quotes, 'quote')}, ${plural(a.claims, 'figure')}`),
        a.duplicate_of ? h('span', { class: 'tag' }, 'near-duplicate') : null));
    }
    more.hidden = !next;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const p = await get('/api/articles', { limit: 100, cursor: next });
      next = p.next;
      add(p.items || []);
    } finally {
      more.disabled = false;
    }
  });
  panel.append(head, ul, more);
  add(page.items || []);
  if (!(page.items || []).length) panel.append(h('p', null, 'No article is stored yet. Ingest some with sitrep ingest.'));
  return head;
}

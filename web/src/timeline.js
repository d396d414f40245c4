// The timeline: events per day (per week over long spans), stacked by class,
// drawn in SVG. Dragging across it (mouse, pen or touch) chooses a date
// range, which filters the map and the list; a click chooses one bar. With
// the keyboard: focus it, ← and → move the range by a bar, Shift+← and
// Shift+→ widen or narrow it, Escape clears it. The date fields of the
// filters do the same.
import { svg, h, clear } from './dom.js';
import { CLASSES, classKey, classLabel } from './classes.js';
import { dateSpan, fmtDate, plural } from './format.js';

const DAY = 86400000;
const margin = { top: 8, right: 10, bottom: 22, left: 34 };

function toMs(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function toISO(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function tickLabel(ms, spanDays) {
  const d = new Date(ms);
  if (spanDays > 540) return `${shortMonths[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${shortMonths[d.getUTCMonth()]}`;
}

/**
 * bin counts events per bar and class. Events dated to the day or month
 * are placed on their first day; events dated only to the year are left
 * out (and counted), as they would pile up on the 1st of January.
 */
export function bin(events) {
  const dated = [];
  let undated = 0;
  for (const e of events) {
    const span = e.date && e.date_precision !== 'year' && e.date.length >= 7 ? dateSpan(e.date) : null;
    if (!span) {
      undated++;
      continue;
    }
    dated.push([toMs(span[0]), e.class]);
  }
  if (dated.length === 0) return { bins: [], undated, binDays: 1, start: 0, end: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const [ms] of dated) {
    if (ms < lo) lo = ms;
    if (ms > hi) hi = ms;
  }
  const spanDays = Math.round((hi - lo) / DAY) + 1;
  const binDays = spanDays <= 400 ? 1 : spanDays <= 2800 ? 7 : 30;
  if (binDays === 7) lo -= ((new Date(lo).getUTCDay() + 6) % 7) * DAY; // weeks start on Monday
  let n = Math.floor((hi - lo) / DAY / binDays) + 1;
  // A short span gets a few empty days on each side, so that one day is
  // not the whole width.
  let pad = 0;
  if (binDays === 1 && n < 14) {
    pad = Math.ceil((14 - n) / 2);
    lo -= pad * DAY;
    n += 2 * pad;
  }
  const bins = Array.from({ length: n }, (_, i) => ({ start: lo + i * binDays * DAY, total: 0, byClass: new Map() }));
  for (const [ms, cls] of dated) {
    const b = bins[Math.floor((ms - lo) / DAY / binDays)];
    b.total++;
    b.byClass.set(cls, (b.byClass.get(cls) || 0) + 1);
  }
  return { bins, undated, binDays, start: lo, end: lo + n * binDays * DAY };
}

const order = new Map(CLASSES.map(([c], i) => [c, i]));

/**
 * createTimeline draws into el. onRange(since, until) is called with the
 * chosen range (ISO days), or ("", "") when it is cleared.
 */
export function createTimeline(el, { onRange }) {
  let data = { bins: [], undated: 0, binDays: 1, start: 0, end: 0 };
  let range = { since: '', until: '' };
  let width = 0;
  let drag = null;

  const heading = h('h2', { class: 'tl-heading', id: 'tl-heading' }, 'Timeline');
  const note = h('p', { class: 'tl-note', 'aria-live': 'polite' });
  const clearBtn = h('button', { type: 'button', class: 'tl-clear', onclick: () => onRange('', '') }, 'Clear dates');
  const plot = svg('svg', {
    class: 'tl-svg',
    role: 'group',
    'aria-roledescription': 'timeline',
    tabindex: '0',
    'aria-labelledby': 'tl-heading',
    'aria-describedby': 'tl-help',
  });
  const help = h('p', { id: 'tl-help', class: 'visually-hidden' },
    'Drag across the timeline to choose dates. Keys: left and right arrows move the range, with Shift they widen or narrow it, Escape clears it.');
  clear(el).append(h('div', { class: 'tl-head' }, heading, note, clearBtn), plot, help);

  const ro = new ResizeObserver(() => {
    const w = Math.round(el.clientWidth);
    if (w !== width) {
      width = w;
      draw();
    }
  });
  ro.observe(el);

  function plotWidth() {
    return Math.max(60, width - margin.left - margin.right);
  }
  function xOf(ms) {
    if (data.end === data.start) return margin.left;
    return margin.left + ((ms - data.start) / (data.end - data.start)) * plotWidth();
  }
  function binAt(clientX) {
    const r = plot.getBoundingClientRect();
    const x = clientX - r.left - margin.left;
    const i = Math.floor((x / plotWidth()) * data.bins.length);
    return Math.max(0, Math.min(data.bins.length - 1, i));
  }
  function choose(a, b) {
    if (data.bins.length === 0) return;
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    onRange(toISO(data.bins[i].start), toISO(data.bins[j].start + (data.binDays - 1) * DAY));
  }
  function rangeBins() {
    if (!range.since && !range.until) return null;
    const n = data.bins.length;
    let i = 0;
    let j = n - 1;
    if (range.since) {
      const s = toMs(range.since);
      while (i < n - 1 && data.bins[i].start + data.binDays * DAY <= s) i++;
    }
    if (range.until) {
      const u = toMs(range.until);
      while (j > 0 && data.bins[j].start > u) j--;
    }
    return [i, Math.max(i, j)];
  }

  plot.addEventListener('pointerdown', (ev) => {
    if (data.bins.length === 0 || ev.button !== 0) return;
    plot.setPointerCapture(ev.pointerId);
    drag = { x0: ev.clientX, b0: binAt(ev.clientX), b1: binAt(ev.clientX) };
    drawBrush();
  });
  plot.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    drag.b1 = binAt(ev.clientX);
    drawBrush();
  });
  const end = (ev) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (ev.type === 'pointercancel') {
      drawBrush();
      return;
    }
    choose(d.b0, binAt(ev.clientX));
  };
  plot.addEventListener('pointerup', end);
  plot.addEventListener('pointercancel', end);
  plot.addEventListener('keydown', (ev) => {
    if (data.bins.length === 0) return;
    const n = data.bins.length;
    const cur = rangeBins();
    if (ev.key === 'Escape') {
      if (cur) onRange('', '');
      ev.preventDefault();
      return;
    }
    const step = ev.key === 'ArrowLeft' ? -1 : ev.key === 'ArrowRight' ? 1 : 0;
    if (ev.key === 'Home' || ev.key === 'End') {
      const k = ev.key === 'Home' ? 0 : n - 1;
      choose(k, k);
      ev.preventDefault();
      return;
    }
    if (!step) return;
    ev.preventDefault();
    if (!cur) {
      const k = step < 0 ? n - 1 : 0;
      choose(k, k);
      return;
    }
    let [i, j] = cur;
    if (ev.shiftKey) j = Math.max(i, Math.min(n - 1, j + step));
    else if (i + step >= 0 && j + step < n) {
      i += step;
      j += step;
    }
    choose(i, j);
  });

  let brushRect = null;
  function drawBrush() {
    if (!brushRect) return;
    let sel = null;
    if (drag) sel = [Math.min(drag.b0, drag.b1), Math.max(drag.b0, drag.b1)];
    else sel = rangeBins();
    if (!sel || data.bins.length === 0) {
      brushRect.setAttribute('visibility', 'hidden');
      return;
    }
    const x0 = xOf(data.bins[sel[0]].start);
    const x1 = xOf(data.bins[sel[1]].start + data.binDays * DAY);
    brushRect.setAttribute('visibility', 'visible');
    brushRect.setAttribute('x', x0.toFixed(1));
    brushRect.setAttribute('width', Math.max(2, x1 - x0).toFixed(1));
  }

  function draw() {
    const H = 120;
    plot.setAttribute('width', String(width));
    plot.setAttribute('height', String(H));
    plot.setAttribute('viewBox', `0 0 ${width} ${H}`);
    clear(plot);
    brushRect = null;
    const n = data.bins.length;
    const total = data.bins.reduce((s, b) => s + b.total, 0);
    const per = data.binDays === 1 ? 'day' : data.binDays === 7 ? 'week' : '30 days';
    heading.textContent = `Events per ${per}, by class`;
    const notes = [];
    if (n) notes.push(`${plural(total, 'event')} from ${fmtDate(toISO(data.bins[0].start))} to ${fmtDate(toISO(data.end - DAY))}`);
    if (data.undated) notes.push(`${plural(data.undated, 'event')} without a day or month not shown`);
    if (range.since || range.until) notes.push(`chosen: ${range.since ? fmtDate(range.since) : '…'} – ${range.until ? fmtDate(range.until) : '…'}`);
    note.textContent = notes.join('; ');
    clearBtn.hidden = !(range.since || range.until);
    if (!n || width === 0) {
      plot.append(svg('text', { x: margin.left, y: 40, class: 'tl-empty' }, 'No dated events'));
      return;
    }
    const innerH = H - margin.top - margin.bottom;
    const maxTotal = Math.max(1, ...data.bins.map((b) => b.total));
    const y = (v) => margin.top + innerH - (v / maxTotal) * innerH;
    const bw = plotWidth() / n;
    const gap = bw > 4 ? 1 : 0;

    // Axes: the count at the top and the bottom, a few dates.
    plot.append(
      svg('line', { x1: margin.left, x2: margin.left + plotWidth(), y1: y(0), y2: y(0), class: 'tl-axis' }),
      svg('text', { x: margin.left - 4, y: y(maxTotal) + 4, class: 'tl-ylabel', 'text-anchor': 'end' }, String(maxTotal)),
      svg('text', { x: margin.left - 4, y: y(0), class: 'tl-ylabel', 'text-anchor': 'end' }, '0'),
    );
    const spanDays = (data.end - data.start) / DAY;
    const ticks = Math.max(2, Math.min(8, Math.floor(plotWidth() / 90)));
    for (let t = 0; t < ticks; t++) {
      const i = Math.round((t / (ticks - 1)) * (n - 1));
      const x = xOf(data.bins[i].start) + bw / 2;
      plot.append(
        svg('line', { x1: x, x2: x, y1: y(0), y2: y(0) + 4, class: 'tl-axis' }),
        svg('text', { x, y: H - 6, class: 'tl-xlabel', 'text-anchor': t === 0 ? 'start' : t === ticks - 1 ? 'end' : 'middle' },
          tickLabel(data.bins[i].start, spanDays)),
      );
    }

    const bars = svg('g', { class: 'tl-bars' });
    data.bins.forEach((b, i) => {
      if (b.total === 0) return;
      const x = margin.left + i * bw;
      const g = svg('g', { class: 'tl-bin' });
      let acc = 0;
      const classes = [...b.byClass.entries()].sort((p, q) => (order.get(p[0]) ?? 99) - (order.get(q[0]) ?? 99));
      for (const [cls, c] of classes) {
        const y1 = y(acc + c);
        const y0 = y(acc);
        g.append(svg('rect', {
          x: x.toFixed(1), y: y1.toFixed(1), width: Math.max(0.5, bw - gap).toFixed(1),
          height: Math.max(0.5, y0 - y1).toFixed(1), class: `ev-${classKey(cls)}`,
        }));
        acc += c;
      }
      const label = data.binDays === 1 ? fmtDate(toISO(b.start)) : `${fmtDate(toISO(b.start))} – ${fmtDate(toISO(b.start + (data.binDays - 1) * DAY))}`;
      g.append(svg('title', null, `${label}: ${plural(b.total, 'event')} (${classes.map(([c, k]) => `${k} ${classLabel(c).toLowerCase()}`).join(', ')})`));
      bars.append(g);
    });
    plot.append(bars);
    brushRect = svg('rect', { class: 'tl-brush', y: margin.top, height: innerH, x: 0, width: 0, visibility: 'hidden' });
    plot.append(brushRect);
    drawBrush();
  }

  /** update draws events, with the chosen range since..until. */
  function update(events, since, until) {
    data = bin(events);
    range = { since: since || '', until: until || '' };
    width = Math.round(el.clientWidth);
    draw();
  }

  return { update };
}

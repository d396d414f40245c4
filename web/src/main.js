// The situation page: filters, map, timeline and the panel of views, all
// driven by the URL's hash (see state.js).
import { h, clear } from './dom.js';
import { allEvents } from './api.js';
import { CLASSES, classKey } from './classes.js';
import { allCountries, inRange, num, plural } from './format.js';
import { createMap } from './map.js';
import { createTimeline } from './timeline.js';
import { current, format, href, parse, serverKey } from './state.js';
import { renderArticles, renderEntity, renderEvent, renderList } from './views.js';
import { renderArticle } from './reader.js';
// After Leaflet's styles (imported by map.js), so that these win.
import './style.css';

// What the page's tests read: when the markers were drawn (performance.now(),
// milliseconds since navigation), how many, and whether work is pending.
const probe = {
  ready: false,
  busy: 0,
  timings: {},
  events: 0,
  located: 0,
  view: '',
  loads: 0,
  hash: null, // the hash last routed
  zoom: 0,
  moving: false,
};
window.__sitrep = probe;
probe.timings.scriptStart = performance.now();

const app = {
  key: null, // the server filters of the loaded events
  all: [],
  shown: [],
  located: 0,
  truncated: false,
  loading: false,
  error: '',
  loadCtl: null,
  viewCtl: null,
  path: null,
  dates: null, // the since and until the map shows
};

const $ = (id) => document.getElementById(id);

function navigate(hash, { replace = false } = {}) {
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    route();
  } else {
    location.hash = hash;
  }
}

function setFilters(patch, opts) {
  const { filters } = current();
  const next = { ...filters, ...patch };
  for (const k of Object.keys(next)) if (!next[k]) delete next[k];
  if (next.since && next.until && next.since > next.until) [next.since, next.until] = [next.until, next.since];
  navigate(format('/', next), opts);
}

function initFilters() {
  const cls = $('f-class');
  for (const [c, label] of CLASSES) cls.append(h('option', { value: c }, label));
  const country = $('f-country');
  for (const [code, name] of allCountries()) country.append(h('option', { value: code }, name));

  const form = $('filters');
  let timer = 0;
  const typed = (name) => (ev) => {
    clearTimeout(timer);
    const v = ev.target.value.trim();
    timer = setTimeout(() => setFilters({ [name]: v }, { replace: true }), 450);
  };
  $('f-text').addEventListener('input', typed('text'));
  $('f-actor').addEventListener('input', typed('actor'));
  for (const id of ['f-class', 'f-country', 'f-since', 'f-until']) {
    $(id).addEventListener('change', (ev) => setFilters({ [ev.target.name]: ev.target.value }));
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    const fd = new FormData(form);
    const patch = {};
    for (const [k, v] of fd.entries()) patch[k] = String(v).trim();
    setFilters(patch);
  });
  $('f-clear').addEventListener('click', () => {
    clearTimeout(timer);
    navigate(format('/', {}));
  });
  $('skip').addEventListener('click', () => {
    const target = $('panel').querySelector('h2') || $('panel');
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  });
}

function syncForm(filters) {
  for (const k of ['text', 'class', 'country', 'actor', 'since', 'until']) {
    const el = $(`f-${k}`);
    if (document.activeElement === el && (k === 'text' || k === 'actor')) continue;
    if (el.value !== (filters[k] || '')) el.value = filters[k] || '';
  }
}

function renderLegend(filters) {
  const legend = $('legend');
  const counts = new Map();
  for (const e of app.shown) counts.set(e.class, (counts.get(e.class) || 0) + 1);
  const items = CLASSES.filter(([c]) => counts.has(c) || filters.class === c);
  clear(legend);
  if (!items.length) return;
  legend.append(h('span', { class: 'legend-title', id: 'legend-title' }, 'Classes (press to filter):'));
  const ul = h('ul', { 'aria-labelledby': 'legend-title' });
  for (const [c, label] of items) {
    const on = filters.class === c;
    const sw = h('span', { class: `swatch ev-${classKey(c)}`, 'aria-hidden': 'true' });
    ul.append(h('li', null, h('button', {
      type: 'button', 'aria-pressed': on ? 'true' : 'false', dataset: { class: c },
      onclick: () => setFilters({ class: on ? '' : c }),
    }, sw, `${label} ${num(counts.get(c) || 0)}`)));
  }
  legend.append(ul);
  legend.append(h('span', { class: 'legend-note' }, 'Marker size grows with the number killed.'));
}

function status(text) {
  $('status').textContent = text;
}

async function load(filters) {
  app.loadCtl?.abort();
  const ctl = new AbortController();
  app.loadCtl = ctl;
  app.key = serverKey(filters);
  app.loading = true;
  app.error = '';
  probe.busy++;
  status('Loading events…');
  try {
    const server = {};
    for (const k of ['text', 'class', 'country', 'actor']) if (filters[k]) server[k] = filters[k];
    const { items, truncated } = await allEvents(server, ctl.signal, (_, n) => status(`Loading events… ${num(n)}`));
    if (ctl.signal.aborted) return;
    if (probe.timings.eventsLoaded == null) probe.timings.eventsLoaded = performance.now();
    app.all = items;
    app.truncated = truncated;
    app.loading = false;
    probe.loads++;
    await applyDates(current().filters, { fit: true });
  } catch (err) {
    if (ctl.signal.aborted) return;
    app.loading = false;
    app.all = [];
    app.error = String(err?.message || err);
    status('The events could not be loaded.');
    await applyDates(current().filters, {});
  } finally {
    probe.busy--;
  }
}

function dateKey(filters) {
  return `${filters.since || ''}..${filters.until || ''}`;
}

function frame() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/**
 * applyDates shows the loaded events that fall in the dates of filters: on
 * the map, the list, the legend and the timeline.
 */
async function applyDates(filters, { fit = false } = {}) {
  probe.busy++;
  app.dates = dateKey(filters);
  try {
    app.shown = filters.since || filters.until ? app.all.filter((e) => inRange(e.date, filters.since, filters.until)) : app.all;
    app.located = app.shown.reduce((n, e) => n + (e.lat != null && e.lon != null ? 1 : 0), 0);
    probe.events = app.shown.length;
    probe.located = app.located;
    if (!app.error) status(`${plural(app.shown.length, 'event')}, ${num(app.located)} on the map`);
    map.setEvents(app.shown, { fit });
    if (probe.timings.markersAdded == null) probe.timings.markersAdded = performance.now();
    // The map is painted first, then the list and the rest.
    await frame();
    if (probe.timings.markersDrawn == null) probe.timings.markersDrawn = performance.now();
    probe.timings.lastDrawn = performance.now();
    if (current().path === '/') renderPanel();
    renderLegend(filters);
    if (probe.timings.mapDrawn == null) {
      // The first whole map: markers and country borders.
      await map.bordersReady;
      probe.timings.mapDrawn = Math.max(probe.timings.markersDrawn, probe.timings.bordersDrawn ?? 0);
    }
    timeline.update(app.all, filters.since, filters.until);
    updateReportLink(filters);
    probe.ready = true;
  } finally {
    probe.busy--;
  }
}

// The longest period a situation report covers (the API refuses more).
const REPORT_DAYS = 366;

/**
 * updateReportLink points the Report link at the situation report of what
 * the page shows: the country filter (else the country with most events on
 * view) over the dates on view, at most the last REPORT_DAYS of them.
 */
function updateReportLink(filters) {
  const link = $('nav-report');
  let region = filters.country;
  if (!region) {
    const counts = new Map();
    for (const e of app.shown) if (e.country) counts.set(e.country, (counts.get(e.country) || 0) + 1);
    let best = 0;
    for (const [c, n] of counts) if (n > best || (n === best && c < region)) [region, best] = [c, n];
  }
  const days = app.shown.map((e) => (e.date || '').slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  let until = filters.until || days[days.length - 1];
  let since = filters.since || days[0];
  if (!region || !since || !until) {
    link.removeAttribute('href');
    link.setAttribute('aria-disabled', 'true');
    link.title = 'No events on view to report on';
    return;
  }
  const earliest = new Date(Date.parse(until) - (REPORT_DAYS - 1) * 86400000).toISOString().slice(0, 10);
  if (since < earliest) since = earliest;
  const q = new URLSearchParams({ region, since, until, format: 'html' });
  link.href = `/api/report?${q}`;
  link.removeAttribute('aria-disabled');
  link.title = `Situation report: ${region}, ${since} to ${until}`;
}

async function renderPanel() {
  const { path } = current();
  const panel = $('panel');
  app.viewCtl?.abort();
  const ctl = new AbortController();
  app.viewCtl = ctl;
  const moved = app.path !== null && app.path !== path;
  app.path = path;
  const [, kind, id] = path.split('/');
  for (const [nav, on] of [['nav-events', kind !== 'articles' && kind !== 'article'], ['nav-articles', kind === 'articles' || kind === 'article']]) {
    if (on) $(nav).setAttribute('aria-current', 'page');
    else $(nav).removeAttribute('aria-current');
  }
  probe.busy++;
  let head = null;
  try {
    if (!kind) {
      map.select(null);
      head = renderList(panel, { events: app.shown, located: app.located, loading: app.loading, error: app.error, truncated: app.truncated });
      probe.view = 'list';
      document.title = 'sitrep — events';
    } else if (kind === 'event' && id) {
      head = await renderEvent(panel, id, { signal: ctl.signal, onEvent: (e) => map.select(e.id, { show: e.lat != null }) });
      probe.view = `event:${id}`;
      document.title = `sitrep — event ${id}`;
    } else if (kind === 'article' && id) {
      head = await renderArticle(panel, id, { signal: ctl.signal });
      probe.view = `article:${id}`;
      document.title = 'sitrep — article';
    } else if (kind === 'entity' && id) {
      head = await renderEntity(panel, id, { signal: ctl.signal, onEntity: (e) => map.focusOn(e.events || []) });
      probe.view = `entity:${id}`;
      document.title = 'sitrep — entity';
    } else if (kind === 'articles') {
      head = await renderArticles(panel, { signal: ctl.signal });
      probe.view = 'articles';
      document.title = 'sitrep — articles';
    } else {
      clear(panel);
      head = h('h2', { tabindex: '-1' }, 'No such view');
      panel.append(head, h('p', null, h('a', { href: href('/') }, 'Back to the events')));
      probe.view = 'unknown';
    }
    if (ctl.signal.aborted) return;
    if (moved && head) {
      head.focus({ preventScroll: true });
      panel.scrollTop = 0;
      if (window.matchMedia('(max-width: 900px)').matches) panel.scrollIntoView({ block: 'start' });
    }
  } finally {
    probe.busy--;
  }
}

function route() {
  probe.hash = location.hash;
  const { filters } = parse(location.hash);
  syncForm(filters);
  if (serverKey(filters) !== app.key) {
    load(filters);
  } else if (!app.loading && app.dates !== dateKey(filters)) {
    applyDates(filters, { fit: true });
  }
  renderPanel();
}

initFilters();
const map = createMap($('map'), { onSelect: (id) => navigate(href(`/event/${id}`)) });
const timeline = createTimeline($('timeline'), {
  onRange: (since, until) => setFilters({ since, until }),
});
new ResizeObserver(() => map.invalidate()).observe($('map'));
map.map.on('movestart zoomstart', () => {
  probe.moving = true;
});
map.map.on('moveend zoomend', () => {
  probe.moving = false;
  probe.zoom = map.map.getZoom();
});
// For the tests: where on the map's container a point is.
probe.pointOf = (lat, lon) => {
  const p = map.map.latLngToContainerPoint([lat, lon]);
  const r = $('map').getBoundingClientRect();
  return { x: r.left + p.x, y: r.top + p.y };
};
window.addEventListener('hashchange', route);
route();

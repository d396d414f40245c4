// The map: country borders from Natural Earth (world-atlas, bundled as
// files of the page, so the map works with no tile server and no network),
// a marker per located event coloured by class and sized by fatalities,
// clustered when dense. The clusters come from supercluster, which indexes
// 10,000 events in a few tens of milliseconds; only the markers and
// clusters in view are drawn.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import Supercluster from 'supercluster';
import { feature } from 'topojson-client';
import coarseBorders from 'world-atlas/countries-110m.json';
import fineBorders from 'world-atlas/countries-50m.json';
import { classKey, classLabel } from './classes.js';
import { fmtDate, num, countryName } from './format.js';

// Past zoom 8 there is little more to see without a tile server, and the
// borders that give the context drop out of view. Below MAX_ZOOM points are
// clustered; at MAX_ZOOM every event has its own marker, and events at the
// same place are set around it in a ring.
const MAX_ZOOM = 8;
const CLUSTER_RADIUS = 60; // pixels

/** markerSize is the diameter of an event's marker: larger with more fatalities. */
export function markerSize(fatalities) {
  if (!fatalities || fatalities < 1) return 14;
  return Math.min(44, Math.round(16 + 5 * Math.log2(1 + fatalities)));
}

let selectedId = null;

// An event's marker keeps the event id on its element, for the page's
// tests and for styling the chosen one.
const EventMarker = L.Marker.extend({
  _initIcon() {
    L.Marker.prototype._initIcon.call(this);
    this._icon.dataset.id = String(this.options.eventId);
    this._icon.setAttribute('aria-label', this.options.title);
    this._icon.classList.toggle('selected', this.options.eventId === selectedId);
  },
});

// A cluster's marker says how many events it holds.
const ClusterMarker = L.Marker.extend({
  _initIcon() {
    L.Marker.prototype._initIcon.call(this);
    const n = this.options.count;
    this._icon.dataset.count = String(n);
    this._icon.setAttribute('aria-label', `${num(n)} events here: press Enter to zoom in`);
  },
});

const icons = new Map();

function iconFor(e) {
  const size = markerSize(e.fatalities);
  const key = `${classKey(e.class)}:${size}`;
  let icon = icons.get(key);
  if (!icon) {
    icon = L.divIcon({
      className: `ev-marker ev-${classKey(e.class)}${e.fatalities ? ' ev-deadly' : ''}`,
      html: '',
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    icons.set(key, icon);
  }
  return icon;
}

function clusterIcon(n) {
  const size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
  const span = document.createElement('span');
  span.textContent = num(n);
  return L.divIcon({ html: span, className: 'ev-cluster', iconSize: [size, size] });
}

function markerTitle(e) {
  const parts = [classLabel(e.class)];
  const where = [e.location, countryName(e.country)].filter(Boolean).join(', ');
  if (where) parts.push(where);
  parts.push(fmtDate(e.date));
  if (e.fatalities != null) parts.push(`${num(e.fatalities)} killed`);
  return parts.join(' — ');
}

// unwrapRing makes a ring's longitudes continuous: a ring that crosses the
// antimeridian (Fiji, Chukotka, Antarctica) otherwise draws a line across
// the whole map.
function unwrapRing(ring) {
  let prev = ring[0][0];
  let off = 0;
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0] + off;
    while (lon - prev > 180) {
      lon -= 360;
      off -= 360;
    }
    while (prev - lon > 180) {
      lon += 360;
      off += 360;
    }
    ring[i][0] = lon;
    prev = lon;
  }
}

function unwrap(fc) {
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') g.coordinates.forEach(unwrapRing);
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates) p.forEach(unwrapRing);
  }
  return fc;
}

// wrapLng moves a longitude by whole turns to lie within 180° of ref, so
// that markers show on the copy of the world in view.
function wrapLng(lng, ref) {
  while (lng - ref > 180) lng -= 360;
  while (ref - lng > 180) lng += 360;
  return lng;
}

/**
 * createMap makes the map in el. onSelect(id) is called when an event's
 * marker is chosen (click, or Enter on the focused marker).
 */
export function createMap(el, { onSelect }) {
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(el, {
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: MAX_ZOOM,
    zoomSnap: 1,
    keyboard: true,
    zoomAnimation: !reduceMotion,
    fadeAnimation: !reduceMotion,
    markerZoomAnimation: !reduceMotion,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Borders: Natural Earth (public domain)');
  map.setView([20, 15], 2);

  const borders = L.geoJSON(null, {
    interactive: false,
    style: { color: '#8a94a0', weight: 0.8, fillColor: '#f4f1e8', fillOpacity: 1 },
  }).addTo(map);
  // The borders at 1:110m first, at 1:50m once the map is zoomed in.
  let fine = false;
  const loadBorders = (file) =>
    fetch(new URL(file, import.meta.url))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`borders: ${r.status}`))))
      .then((topo) => {
        borders.clearLayers();
        borders.addData(unwrap(feature(topo, topo.objects.countries)));
        borders.bringToBack();
        if (window.__sitrep) window.__sitrep.timings.bordersDrawn ??= performance.now();
      })
      .catch((err) => console.warn('sitrep: the country borders did not load', err));
  const bordersReady = loadBorders(coarseBorders);

  const layer = L.layerGroup().addTo(map);
  let events = [];
  let index = null;
  let shown = new Map(); // key → marker drawn now

  function render() {
    if (!index) return;
    const z = Math.round(map.getZoom());
    const b = map.getBounds().pad(0.25);
    const centerLng = map.getCenter().lng;
    let west = b.getWest();
    let east = b.getEast();
    if (east - west >= 360) {
      west = -180;
      east = 180;
    } else {
      west = wrapLng(west, 0);
      east = wrapLng(east, 0);
    }
    const items = index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], Math.min(z, MAX_ZOOM));
    const next = new Map();
    const singles = [];
    for (const f of items) {
      const [lng, lat] = f.geometry.coordinates;
      const ll = L.latLng(lat, wrapLng(lng, centerLng));
      if (f.properties.cluster) {
        const n = f.properties.point_count;
        const key = `c${z}:${f.properties.cluster_id}:${ll.lng.toFixed(3)}`;
        let m = shown.get(key);
        if (!m) {
          m = new ClusterMarker(ll, { icon: clusterIcon(n), keyboard: true, title: `${num(n)} events`, count: n, clusterId: f.properties.cluster_id });
          m.on('click', () => zoomInto(m));
        }
        next.set(key, m);
      } else {
        singles.push([f.properties.i, ll]);
      }
    }
    // At the deepest zoom, events at one place are set around it in a ring.
    const rings = new Map();
    if (z >= MAX_ZOOM) {
      for (const s of singles) {
        const p = map.project(s[1], z);
        const k = `${Math.round(p.x / 10)},${Math.round(p.y / 10)}`;
        if (!rings.has(k)) rings.set(k, []);
        rings.get(k).push(s);
      }
      for (const group of rings.values()) {
        if (group.length < 2) continue;
        const c = map.project(group[0][1], z);
        const r = Math.max(18, group.length * 5);
        group.forEach((s, j) => {
          const a = (2 * Math.PI * j) / group.length;
          s[1] = map.unproject(c.add([r * Math.cos(a), r * Math.sin(a)]), z);
        });
      }
    }
    for (const [i, ll] of singles) {
      const e = events[i];
      const key = `e${e.id}`;
      let m = shown.get(key);
      if (m) m.setLatLng(ll);
      else {
        m = new EventMarker(ll, { icon: iconFor(e), title: markerTitle(e), keyboard: true, riseOnHover: true, eventId: e.id });
        m.on('click', () => onSelect(e.id));
      }
      next.set(key, m);
    }
    for (const [key, m] of shown) if (!next.has(key)) layer.removeLayer(m);
    for (const [key, m] of next) if (!shown.has(key)) layer.addLayer(m);
    shown = next;
  }

  function zoomInto(m) {
    const z = Math.min(index.getClusterExpansionZoom(m.options.clusterId), MAX_ZOOM);
    map.setView(m.getLatLng(), Math.max(z, map.getZoom() + 1), { animate: !reduceMotion });
  }

  map.on('moveend', render);
  map.on('zoomend', () => {
    if (!fine && map.getZoom() >= 4) {
      fine = true;
      bordersReady.then(() => loadBorders(fineBorders));
    }
  });

  // Enter or Space on a focused marker or cluster acts as a click.
  el.addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (!(t instanceof HTMLElement)) return;
    if ((ev.key === 'Enter' || ev.key === ' ') && (t.classList.contains('ev-marker') || t.classList.contains('ev-cluster'))) {
      ev.preventDefault();
      ev.stopPropagation();
      t.click();
    }
  });

  /**
   * setEvents replaces the markers with the located events among list and
   * returns how many there are; fit zooms the map to them. The markers are
   * drawn when it returns.
   */
  function setEvents(list, { fit = false } = {}) {
    events = list;
    const points = [];
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.lat == null || e.lon == null) continue;
      points.push({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [e.lon, e.lat] } });
    }
    index = new Supercluster({ radius: CLUSTER_RADIUS, maxZoom: MAX_ZOOM - 1, minZoom: 0 });
    index.load(points);
    layer.clearLayers();
    shown = new Map();
    if (fit && points.length) {
      fitTo(points.map((p) => [p.geometry.coordinates[1], p.geometry.coordinates[0]]));
    }
    render();
    return points.length;
  }

  function fitTo(latlngs) {
    if (latlngs.length === 0) return;
    const b = L.latLngBounds(latlngs);
    if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), 7, { animate: false });
    else map.fitBounds(b, { padding: [30, 30], maxZoom: 7, animate: false });
  }

  // The zoom at which an event has a marker of its own.
  function ownZoom(e) {
    for (let z = Math.round(map.getZoom()); z < MAX_ZOOM; z++) {
      const d = 1e-6;
      const f = index.getClusters([e.lon - d, e.lat - d, e.lon + d, e.lat + d], z);
      if (f.some((x) => !x.properties.cluster && events[x.properties.i]?.id === e.id)) return z;
    }
    return MAX_ZOOM;
  }

  /** select marks an event's marker as chosen (null for none); show zooms to it. */
  function select(id, { show = false } = {}) {
    selectedId = id;
    for (const n of el.querySelectorAll('.ev-marker.selected')) n.classList.remove('selected');
    if (id == null || !index) return;
    const m = shown.get(`e${id}`);
    if (m) m.getElement()?.classList.add('selected');
    if (!show) return;
    const e = events.find((x) => x.id === id);
    if (!e || e.lat == null) return;
    const z = Math.max(Math.round(map.getZoom()), ownZoom(e));
    const bounds = map.getBounds().pad(-0.1);
    if (!m || !bounds.contains(m.getLatLng()) || z !== Math.round(map.getZoom())) {
      map.setView([e.lat, wrapLng(e.lon, map.getCenter().lng)], z, { animate: !reduceMotion });
    }
  }

  /** focusOn zooms to a set of events (an entity's). */
  function focusOn(list) {
    fitTo(list.filter((e) => e.lat != null && e.lon != null).map((e) => [e.lat, e.lon]));
  }

  return { map, setEvents, select, focusOn, bordersReady, invalidate: () => map.invalidateSize() };
}

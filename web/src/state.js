// The view and the filters live in the URL's hash, so that a view can be
// shared as a link: #/PATH?text=…&class=…&country=…&actor=…&since=…&until=…
// PATH is "/" (the event list), "/event/ID", "/article/ID", "/entity/ID" or
// "/articles".

export const FILTER_KEYS = ['text', 'class', 'country', 'actor', 'since', 'until'];

/** SERVER_KEYS are the filters the API applies; since and until are applied on the page, so that the timeline keeps its context while a range is brushed. */
export const SERVER_KEYS = ['text', 'class', 'country', 'actor'];

/** parse reads a hash into {path, filters}. */
export function parse(hash) {
  let s = String(hash || '').replace(/^#/, '');
  if (!s.startsWith('/')) s = '/' + s;
  const qi = s.indexOf('?');
  const path = qi < 0 ? s : s.slice(0, qi);
  const q = new URLSearchParams(qi < 0 ? '' : s.slice(qi + 1));
  const filters = {};
  for (const k of FILTER_KEYS) {
    const v = (q.get(k) || '').trim();
    if (v) filters[k] = v;
  }
  if (filters.since && !/^\d{4}-\d{2}-\d{2}$/.test(filters.since)) delete filters.since;
  if (filters.until && !/^\d{4}-\d{2}-\d{2}$/.test(filters.until)) delete filters.until;
  if (filters.country && !/^[A-Za-z]{2}$/.test(filters.country)) delete filters.country;
  if (filters.country) filters.country = filters.country.toUpperCase();
  return { path: path.replace(/\/+$/, '') || '/', filters };
}

/** format writes {path, filters} as a hash. */
export function format(path, filters) {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    if (filters?.[k]) q.set(k, filters[k]);
  }
  const qs = q.toString();
  return '#' + (path || '/') + (qs ? '?' + qs : '');
}

/** current is the state of the page's URL. */
export function current() {
  return parse(location.hash);
}

/** href links to a view, keeping the current filters. */
export function href(path) {
  return format(path, current().filters);
}

/** serverKey is the part of the filters that needs a new load from the API. */
export function serverKey(filters) {
  return SERVER_KEYS.map((k) => `${k}=${filters[k] || ''}`).join('&');
}

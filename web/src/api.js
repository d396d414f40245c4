// The JSON API under /api/: small fetch helpers.

/** ApiError is an answer that is not 2xx. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** get fetches a JSON route with the query params that are set. */
export async function get(path, params, signal) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v != null && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  const res = await fetch(qs ? `${path}?${qs}` : path, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    throw new ApiError(res.status, body?.error || `${res.status} ${res.statusText}`);
  }
  return body;
}

/** MAX_EVENTS bounds what the page loads for the map; past it the page says so. */
export const MAX_EVENTS = 50000;

/**
 * allEvents reads every page of /api/events for the filters, 1000 at a
 * time, up to MAX_EVENTS, calling onPage(page, total) as each comes. It
 * returns {items, truncated}.
 */
export async function allEvents(filters, signal, onPage) {
  const items = [];
  let cursor = '';
  for (;;) {
    const page = await get('/api/events', { ...filters, limit: 1000, cursor }, signal);
    const got = page.items || [];
    for (const e of got) items.push(e);
    onPage?.(got, items.length);
    cursor = page.next || '';
    if (!cursor) return { items, truncated: false };
    if (items.length >= MAX_EVENTS) return { items, truncated: true };
  }
}

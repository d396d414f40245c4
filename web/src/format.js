// Formatting of dates, countries and figures for the page.

let regionNames = null;
try {
  regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
} catch {
  regionNames = null;
}

/** countryName gives the English name of an ISO 3166-1 alpha-2 code. */
export function countryName(code) {
  if (!code) return '';
  try {
    const n = regionNames?.of(String(code).toUpperCase());
    if (n && n !== code) return n;
  } catch {
    // not a code Intl knows
  }
  return String(code);
}

/** countries lists every region code Intl names, sorted by name. */
export function allCountries() {
  const out = [];
  if (!regionNames) return out;
  const A = 65;
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      let name;
      try {
        name = regionNames.of(code);
      } catch {
        continue;
      }
      if (name && name !== code && !/^Unknown/i.test(name) && !['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ'].includes(code)) {
        out.push([code, name]);
      }
    }
  }
  out.sort((a, b) => a[1].localeCompare(b[1], 'en'));
  return out;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** fmtDate writes an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or a datetime) for people: "2 May 2024", "May 2024". */
export function fmtDate(iso) {
  if (!iso) return 'date unknown';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(iso));
  if (!m) return String(iso);
  const [, y, mo, d] = m;
  if (!mo) return y;
  const month = months[Number(mo) - 1] ?? mo;
  if (!d) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/** day is the YYYY-MM-DD part of an ISO date or datetime. */
export function day(iso) {
  return iso ? String(iso).slice(0, 10) : '';
}

/** dateSpan gives the first and last day an ISO date of any precision covers. */
export function dateSpan(iso) {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(iso));
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return [`${y}-${mo}-${d}`, `${y}-${mo}-${d}`];
  if (mo) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    return [`${y}-${mo}-01`, `${y}-${mo}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}

/** inRange tells whether an event's date overlaps [since, until] (either may be empty). */
export function inRange(iso, since, until) {
  if (!since && !until) return true;
  const s = dateSpan(iso);
  if (!s) return false;
  if (since && s[1] < since) return false;
  if (until && s[0] > until) return false;
  return true;
}

const precisionWords = { day: 'to the day', month: 'to the month', year: 'to the year' };

/** precisionText words a date precision. */
export function precisionText(p) {
  return precisionWords[p] ?? (p ? String(p) : 'precision unknown');
}

const geoWords = { 1: 'the town itself', 2: 'near a town, or a province', 3: 'a region or a country' };

/** geoPrecisionText words ACLED's geo-precision. */
export function geoPrecisionText(p) {
  return geoWords[p] ? `${p} (${geoWords[p]})` : 'unknown';
}

const timeWords = { 1: 'the day', 2: 'the week or month', 3: 'a longer period' };

/** timePrecisionText words ACLED's time precision. */
export function timePrecisionText(p) {
  return timeWords[p] ? `${p} (${timeWords[p]})` : 'unknown';
}

const nf = new Intl.NumberFormat('en');

/** num writes a whole number with thousands separators. */
export function num(n) {
  return n == null ? '' : nf.format(n);
}

/**
 * figureText writes a figure claim: "12", "10–12", "more than 500,000",
 * "dozens".
 */
export function figureText(f) {
  if (!f) return '';
  const { min, max, approx, vague } = f;
  if (min == null && max == null) return vague || 'unknown';
  let n;
  if (min != null && max != null && min !== max) n = `${num(min)}–${num(max)}`;
  else n = num(min ?? max);
  if (approx && approx !== 'exact') return `${approx} ${n}`;
  return n;
}

/** figureValue is the number a claim is compared by: its least count. */
export function figureValue(f) {
  if (f.min != null) return f.min;
  if (f.max != null) return f.max;
  return null;
}

/** plural writes "1 event", "2 events". */
export function plural(n, one, many = one + 's') {
  return `${num(n)} ${n === 1 ? one : many}`;
}

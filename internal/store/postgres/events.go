package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// query runs a read with ? placeholders.
func (db *DB) query(ctx context.Context, q string, args ...any) (pgx.Rows, error) {
	return db.pool.Query(ctx, bind(q), txts(args)...)
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return db.pool.QueryRow(ctx, bind(q), txts(args)...)
}

const eventCols = `e.id, e.class, coalesce(e.acled_type, ''), coalesce(e.acled_sub_type, ''), e.date, e.date_precision, e.date_lo, e.date_hi,
	coalesce(e.location, ''), coalesce(e.country, ''), coalesce(e.admin1, ''), e.lat, e.lon, coalesce(e.geo_precision, 0),
	coalesce(e.actor1, ''), coalesce(e.actor2, ''), e.fatalities, e.injured, e.summary, e.reports, e.claims, e.first_reported, e.last_reported`

func scanEvent(sc pgx.Row) (store.Event, error) {
	e, _, err := scanEventKey(sc)
	return e, err
}

// scanEventKey scans an event and its sort key, the first day of its date.
func scanEventKey(sc pgx.Row) (store.Event, string, error) {
	var e store.Event
	var lo, hi string
	var lat, lon *float64
	err := sc.Scan(&e.ID, &e.Class, &e.ACLEDType, &e.ACLEDSubType, &e.Date, &e.DatePrecision, &lo, &hi,
		&e.Location, &e.Country, &e.Admin1, &lat, &lon, &e.GeoPrecision,
		&e.Actor1, &e.Actor2, &e.Fatalities, &e.Injured, &e.Summary, &e.ReportCount, &e.ClaimCount, &e.FirstReported, &e.LastReported)
	if lat != nil && lon != nil {
		e.Lat, e.Lon = lat, lon
	}
	e.TimePrecision = fusion.TimePrecision(lo, hi)
	return e, lo, err
}

// kmExpr is the great-circle distance in km from the event e to the point
// (?, ?), latitude and longitude: fusion.Km written in SQL, operation for
// operation.
const kmExpr = `(2 * 6371::float8 * asin(least(1::float8, sqrt(
	sin((?::float8 * pi() / 180 - e.lat * pi() / 180) / 2) * sin((?::float8 * pi() / 180 - e.lat * pi() / 180) / 2) +
	cos(e.lat * pi() / 180) * cos(?::float8 * pi() / 180) * sin(((?::float8 - e.lon) * pi() / 180) / 2) * sin(((?::float8 - e.lon) * pi() / 180) / 2)))))`

// eventWhere turns an event filter into SQL conditions on events e. The
// planner chooses between reading events in date order and testing each,
// and collecting the matches of an index (the GIN index of the events'
// text, the (lat, lon) index) first; the SQLite store makes that choice
// itself.
func eventWhere(f store.EventFilter) (*where, error) {
	w := &where{}
	if f.Text != "" {
		q, ok, err := tsquery(f.Text)
		if err != nil {
			return nil, err
		}
		if ok {
			w.Add(`e.tsv @@ ?::text::tsquery`, q)
		} else {
			w.Add(`false`)
		}
	}
	if f.Class != "" {
		w.Add(`e.class = ?`, f.Class)
	}
	if f.Country != "" {
		w.Add(`e.country = ?`, f.Country)
	}
	if f.Admin1 != "" {
		w.Add(`e.admin1 = ?`, f.Admin1)
	}
	if err := store.CheckDate("since", f.Since); err != nil {
		return nil, err
	}
	if err := store.CheckDate("until", f.Until); err != nil {
		return nil, err
	}
	if f.Since != "" {
		w.Add(`e.date_lo >= ?`, f.Since)
	}
	if f.Until != "" {
		w.Add(`e.date_lo <= ?`, store.UntilBound(f.Until))
	}
	if c := f.Near; c != nil {
		if !validPoint(c.Lat, c.Lon) || c.Km <= 0 || c.Km > 20000 || math.IsNaN(c.Km) {
			return nil, fmt.Errorf("%w: near needs a latitude in [-90, 90], a longitude in [-180, 180] and a distance in (0, 20000] km", store.ErrBadQuery)
		}
		s, n, west, east := fusion.SearchBox(c.Lat, c.Lon, c.Km)
		w.Add(`e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?`, s, n, west, east)
		w.Add(kmExpr+` <= ?`, c.Lat, c.Lat, c.Lat, c.Lon, c.Lon, c.Km)
	}
	if b := f.BBox; b != nil {
		if !validPoint(b.South, b.West) || !validPoint(b.North, b.East) || b.South > b.North || b.West > b.East {
			return nil, fmt.Errorf("%w: bbox needs west,south,east,north with west ≤ east and south ≤ north", store.ErrBadQuery)
		}
		w.Add(`e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?`, b.South, b.North, b.West, b.East)
	}
	if f.Actor != "" {
		w.Add(`(e.actor1 ILIKE ? OR e.actor2 ILIKE ?)`, likeArg(f.Actor), likeArg(f.Actor))
	}
	if f.Speaker != "" {
		w.Add(`e.id IN (SELECT r.event_id FROM reports r JOIN quotes q ON q.article_id = r.article_id
			WHERE q.speaker_name ILIKE ? AND q.in_field = '' AND q.span_start < r.ev_end AND q.span_end > r.ev_start)`, likeArg(f.Speaker))
	}
	if f.Article != "" {
		w.Add(`e.id IN (SELECT event_id FROM reports WHERE article_id = ?)`, f.Article)
	}
	return w, nil
}

func validPoint(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// Events lists fused events, newest first.
func (db *DB) Events(ctx context.Context, f store.EventFilter) (store.Page[store.Event], error) {
	page := store.Page[store.Event]{Items: []store.Event{}}
	w, err := eventWhere(f)
	if err != nil {
		return page, err
	}
	if f.Cursor != "" {
		k, id, err := store.DecodeCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		w.Add(`(e.date_lo < ? OR (e.date_lo = ? AND e.id < ?))`, k, k, id)
	}
	limit := store.Limit(f.Limit, 100, 1000)
	rows, err := db.query(ctx, `SELECT `+eventCols+` FROM events e`+w.String()+` ORDER BY e.date_lo DESC, e.id DESC LIMIT ?`,
		append(w.Args, limit+1)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		e, lo, err := scanEventKey(rows)
		if err != nil {
			return page, err
		}
		if len(page.Items) == limit {
			page.Next = store.EncodeCursor(last, page.Items[limit-1].ID)
			break
		}
		page.Items = append(page.Items, e)
		last = lo
	}
	return page, rows.Err()
}

// Event returns one fused event with its reports, claims and quotes.
func (db *DB) Event(ctx context.Context, id int64) (*store.EventDetail, error) {
	e, err := scanEvent(db.queryRow(ctx, `SELECT `+eventCols+` FROM events e WHERE e.id = ?`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("event %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	d := &store.EventDetail{Event: e, Reports: []store.Report{}, Claims: []store.Claim{}, Quotes: []store.Quote{}}
	if d.Reports, err = db.reports(ctx, id); err != nil {
		return nil, err
	}
	cl, err := db.Claims(ctx, store.ClaimFilter{EventID: id, Limit: 1000})
	if err != nil {
		return nil, err
	}
	d.Claims = cl.Items
	d.Quotes, err = db.queryQuotes(ctx, `SELECT DISTINCT `+quoteCols+` FROM quotes q JOIN articles a ON a.id = q.article_id JOIN reports r ON r.article_id = q.article_id
		WHERE r.event_id = ? AND q.in_field = '' AND q.span_start < r.ev_end AND q.span_end > r.ev_start
		ORDER BY q.published, q.id LIMIT 200`, id)
	return d, err
}

func (db *DB) reports(ctx context.Context, id int64) ([]store.Report, error) {
	rows, err := db.query(ctx, `SELECT r.article_id, r.local_id, coalesce(a.outlet, ''), a.title, coalesce(a.url, ''), r.published,
		coalesce(r.date, ''), coalesce(r.location, ''), r.summary, r.status, r.evidence
		FROM reports r JOIN articles a ON a.id = r.article_id WHERE r.event_id = ? ORDER BY r.published, r.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Report{}
	for rows.Next() {
		var r store.Report
		var ev string
		if err := rows.Scan(&r.ArticleID, &r.LocalID, &r.Outlet, &r.Title, &r.URL, &r.Published, &r.Date, &r.Location, &r.Summary, &r.Status, &ev); err != nil {
			return nil, err
		}
		if json.Unmarshal([]byte(ev), &r.Evidence) != nil || r.Evidence == nil {
			r.Evidence = []string{}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

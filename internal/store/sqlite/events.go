package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

const eventCols = `e.id, e.class, coalesce(e.acled_type, ''), coalesce(e.acled_sub_type, ''), e.date, e.date_precision, e.date_lo, e.date_hi,
	coalesce(e.location, ''), coalesce(e.country, ''), coalesce(e.admin1, ''), e.lat, e.lon, coalesce(e.geo_precision, 0),
	coalesce(e.actor1, ''), coalesce(e.actor2, ''), e.fatalities, e.injured, e.summary, e.reports, e.claims, e.first_reported, e.last_reported`

func scanEvent(sc interface{ Scan(...any) error }) (store.Event, error) {
	e, _, err := scanEventKey(sc)
	return e, err
}

// scanEventKey scans an event and its sort key, the first day of its date.
func scanEventKey(sc interface{ Scan(...any) error }) (store.Event, string, error) {
	var e store.Event
	var lo, hi string
	var lat, lon sql.NullFloat64
	var fat, inj sql.NullInt64
	err := sc.Scan(&e.ID, &e.Class, &e.ACLEDType, &e.ACLEDSubType, &e.Date, &e.DatePrecision, &lo, &hi,
		&e.Location, &e.Country, &e.Admin1, &lat, &lon, &e.GeoPrecision,
		&e.Actor1, &e.Actor2, &fat, &inj, &e.Summary, &e.ReportCount, &e.ClaimCount, &e.FirstReported, &e.LastReported)
	if lat.Valid && lon.Valid {
		e.Lat, e.Lon = &lat.Float64, &lon.Float64
	}
	e.Fatalities, e.Injured = ptrInt(fat), ptrInt(inj)
	e.TimePrecision = fusion.TimePrecision(lo, hi)
	return e, lo, err
}

// denseBox and denseText are the numbers of spatial and full-text matches
// above which an event query reads events in date order and tests each
// against the condition, rather than collecting every match and sorting it:
// with many matches the first page fills after a few rows. Measured on a
// million events, collecting and sorting 10,000 text matches took 30–40 ms
// and reading in date order 9 ms; 1,000 matches sort in 3 ms.
const (
	denseBox  = 2000
	denseText = 3000
)

// eventWhere turns an event filter into SQL conditions on events e.
func (db *DB) eventWhere(ctx context.Context, f store.EventFilter) (*where, error) {
	w := &where{}
	if f.Text != "" {
		q, err := ftsQuery(f.Text)
		if err != nil {
			return nil, err
		}
		dense, err := db.dense(ctx, denseText, `SELECT rowid FROM events_fts WHERE events_fts MATCH ?`, q)
		if err != nil {
			return nil, err
		}
		if dense {
			// The matches are collected once (the IN list is not
			// correlated) and each event read in date order is looked up
			// in them; "+" keeps the planner from driving by the list.
			w.Add(`+e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`, q)
		} else {
			w.Add(`e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`, q)
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
		if err := db.box(ctx, w, s, n, west, east); err != nil {
			return nil, err
		}
		w.Add(`km(e.lat, e.lon, ?, ?) <= ?`, c.Lat, c.Lon, c.Km)
	}
	if b := f.BBox; b != nil {
		if !validPoint(b.South, b.West) || !validPoint(b.North, b.East) || b.South > b.North || b.West > b.East {
			return nil, fmt.Errorf("%w: bbox needs west,south,east,north with west ≤ east and south ≤ north", store.ErrBadQuery)
		}
		if err := db.box(ctx, w, b.South, b.North, b.West, b.East); err != nil {
			return nil, err
		}
	}
	if f.Actor != "" {
		w.Add(`(e.actor1 LIKE ? ESCAPE '\' OR e.actor2 LIKE ? ESCAPE '\')`, likeArg(f.Actor), likeArg(f.Actor))
	}
	if f.Speaker != "" {
		w.Add(`e.id IN (SELECT r.event_id FROM reports r JOIN quotes q ON q.article_id = r.article_id
			WHERE q.speaker_name LIKE ? ESCAPE '\' AND q.in_field = '' AND q.span_start < r.ev_end AND q.span_end > r.ev_start)`, likeArg(f.Speaker))
	}
	if f.Article != "" {
		w.Add(`e.id IN (SELECT event_id FROM reports WHERE article_id = ?)`, f.Article)
	}
	return w, nil
}

// box adds the condition that an event lies in a box: through the R*Tree
// when few events do, else as a plain test on each event read in date order.
func (db *DB) box(ctx context.Context, w *where, south, north, west, east float64) error {
	const q = `SELECT id FROM events_rtree WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?`
	dense, err := db.dense(ctx, denseBox, q, south, north, west, east)
	if err != nil {
		return err
	}
	if dense {
		w.Add(`e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?`, south, north, west, east)
	} else {
		w.Add(`e.id IN (`+q+`)`, south, north, west, east)
	}
	return nil
}

// dense reports whether a query of ids has more than limit rows.
func (db *DB) dense(ctx context.Context, limit int, q string, args ...any) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+` LIMIT ?)`, append(args, limit+1)...).Scan(&n)
	return n > limit, err
}

func validPoint(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// Events lists fused events, newest first.
func (db *DB) Events(ctx context.Context, f store.EventFilter) (store.Page[store.Event], error) {
	page := store.Page[store.Event]{Items: []store.Event{}}
	w, err := db.eventWhere(ctx, f)
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
	rows, err := db.r.QueryContext(ctx, `SELECT `+eventCols+` FROM events e`+w.String()+` ORDER BY e.date_lo DESC, e.id DESC LIMIT ?`,
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
	e, err := scanEvent(db.r.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events e WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	d.Quotes, err = db.queryQuotes(ctx, `FROM quotes q JOIN articles a ON a.id = q.article_id JOIN reports r ON r.article_id = q.article_id
		WHERE r.event_id = ? AND q.in_field = '' AND q.span_start < r.ev_end AND q.span_end > r.ev_start
		ORDER BY q.published, q.id LIMIT 200`, id)
	return d, err
}

func (db *DB) reports(ctx context.Context, id int64) ([]store.Report, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT r.article_id, r.local_id, coalesce(a.outlet, ''), a.title, coalesce(a.url, ''), r.published,
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

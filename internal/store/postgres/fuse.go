package postgres

import (
	"encoding/json"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/fusion"
)

// The fusion of events follows the SQLite store statement for statement
// (store/sqlite/fuse.go); only the SQL dialect differs.

// events fuses each event of the document with a stored one or stores it
// as a new one, records the report, and returns the fused id of each local
// event id.
func (w *writer) events(d *document.Document) (map[string]int64, error) {
	ids := make(map[string]int64, len(d.Events))
	for _, e := range d.Events {
		m, date, prec, ok := fusion.MentionOf(d, e)
		if !ok {
			continue // an event without a date cannot be placed in time or fused
		}
		id, f, err := w.fuseWith(m)
		if err != nil {
			return nil, err
		}
		if id == 0 {
			if id, err = w.newEvent(d, e, m, date, prec); err != nil {
				return nil, err
			}
		} else if err := w.joinEvent(d, e, id, f, m); err != nil {
			return nil, err
		}
		if err := w.report(d, e, id, m); err != nil {
			return nil, err
		}
		ids[e.ID] = id
	}
	return ids, nil
}

// fuseWith finds the stored event m reports: the candidates of the same
// class and country whose dates overlap, checked with fusion.SameEvent;
// among several, the one with most reports.
func (w *writer) fuseWith(m fusion.Mention) (int64, fusion.Mention, error) {
	if !m.Located() {
		return 0, m, nil
	}
	country, args := `country = ?`, []any{m.Class, m.Country}
	if m.Country == "" {
		country, args = `country IS NULL`, []any{m.Class}
	}
	rows, err := w.query(`SELECT id, date_lo, date_hi, coalesce(location, ''), coalesce(admin1, ''), lat, lon, coalesce(geo_precision, 0)
		FROM events WHERE class = ? AND `+country+` AND date_lo <= ? AND date_lo >= ? AND date_hi >= ? ORDER BY reports DESC, id LIMIT 200`,
		append(args, m.DateHi, fusion.DaysBefore(m.DateLo, fusion.MaxSpanDays), m.DateLo)...)
	if err != nil {
		return 0, m, err
	}
	defer rows.Close()
	for rows.Next() {
		c := fusion.Mention{Class: m.Class, Country: m.Country}
		var id int64
		var lat, lon *float64
		if err := rows.Scan(&id, &c.DateLo, &c.DateHi, &c.Location, &c.Admin1, &lat, &lon, &c.GeoPrecision); err != nil {
			return 0, m, err
		}
		if lat != nil && lon != nil {
			c.Lat, c.Lon = lat, lon
		}
		if fusion.SameEvent(c, m) {
			return id, c, nil
		}
	}
	return 0, m, rows.Err()
}

func (w *writer) newEvent(d *document.Document, e document.Event, m fusion.Mention, date, prec string) (int64, error) {
	var id int64
	err := w.queryRow(`INSERT INTO events (class, acled_type, acled_sub_type, date, date_precision, date_lo, date_hi,
		location, country, admin1, lat, lon, geo_precision, actor1, actor2, summary, first_reported, last_reported)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.Class, e.ACLEDType, e.ACLEDSubType, date, prec, m.DateLo, m.DateHi,
		nullStr(m.Location), nullStr(m.Country), nullStr(m.Admin1), m.Lat, m.Lon, nullInt(m.GeoPrecision),
		e.Actor1, e.Actor2, e.Summary, d.Published, d.Published).Scan(&id)
	return id, err
}

// joinEvent folds a new report into a fused event: date and place become
// the more precise of the two, missing actors and types are filled in.
func (w *writer) joinEvent(d *document.Document, e document.Event, id int64, f, m fusion.Mention) error {
	g := fusion.Merge(f, m)
	date, prec := g.DateLo, "day"
	if g.DateLo != g.DateHi {
		date, prec = g.DateLo+"/"+g.DateHi, "range"
		if f.DateLo == g.DateLo && f.DateHi == g.DateHi {
			date, prec = "", "" // unchanged: keep the stored form ("2022-02")
		}
	}
	_, err := w.exec(`UPDATE events SET
		date = coalesce(nullif(?::text, ''), date), date_precision = coalesce(nullif(?::text, ''), date_precision), date_lo = ?, date_hi = ?,
		location = ?, country = ?, admin1 = ?, lat = ?, lon = ?, geo_precision = ?,
		acled_type = coalesce(acled_type, ?), acled_sub_type = coalesce(acled_sub_type, ?),
		actor1 = coalesce(actor1, ?), actor2 = coalesce(actor2, ?),
		first_reported = least(first_reported, ?), last_reported = greatest(last_reported, ?)
		WHERE id = ?`,
		date, prec, g.DateLo, g.DateHi,
		nullStr(g.Location), nullStr(g.Country), nullStr(g.Admin1), g.Lat, g.Lon, nullInt(g.GeoPrecision),
		e.ACLEDType, e.ACLEDSubType, e.Actor1, e.Actor2, d.Published, d.Published, id)
	return err
}

// report records the article's mention of a fused event and adds its
// summary and evidence to the event's full-text vector.
func (w *writer) report(d *document.Document, e document.Event, id int64, m fusion.Mention) error {
	spans := make([][2]int, 0, len(e.Evidence))
	var sentences []string
	lo, hi := -1, -1
	for _, s := range e.Evidence {
		if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
			continue
		}
		spans = append(spans, [2]int{s.Start, s.End})
		sentences = append(sentences, d.Text[s.Start:s.End])
		if lo < 0 || s.Start < lo {
			lo = s.Start
		}
		if s.End > hi {
			hi = s.End
		}
	}
	sp, _ := json.Marshal(spans)
	ev, _ := json.Marshal(nonNil(sentences))
	// The report, and the event's count and full-text vector, which gains
	// the report's tokens as the SQLite store rewrites the event's entry
	// with all its reports' text: one round trip.
	b := &pgx.Batch{}
	b.Queue(bind(`INSERT INTO reports (event_id, article_id, local_id, date, location, summary, status, evidence, spans, ev_start, ev_end, published)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		txts([]any{id, d.ID, e.ID, e.Date, nullStr(m.Location), e.Summary, e.Status, string(ev), string(sp), lo, hi, d.Published})...)
	b.Queue(bind(`UPDATE events SET reports = reports + 1,
		tsv = CASE WHEN length(tsv) < ? THEN tsv || ?::text::tsvector ELSE tsv END WHERE id = ?`),
		maxEventLexemes, tsvector(e.Summary+"\n"+strings.Join(sentences, "\n")), id)
	return w.tx.SendBatch(w.ctx, b).Close()
}

func nullInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

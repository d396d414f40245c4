package sqlite

import (
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/fusion"
)

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
	rows, err := w.query(`SELECT id, date_lo, date_hi, coalesce(location, ''), coalesce(admin1, ''), lat, lon, coalesce(geo_precision, 0)
		FROM events WHERE class = ? AND country IS ? AND date_lo <= ? AND date_lo >= ? AND date_hi >= ? ORDER BY reports DESC, id LIMIT 200`,
		m.Class, nullStr(m.Country), m.DateHi, fusion.DaysBefore(m.DateLo, fusion.MaxSpanDays), m.DateLo)
	if err != nil {
		return 0, m, err
	}
	defer rows.Close()
	for rows.Next() {
		c := fusion.Mention{Class: m.Class, Country: m.Country}
		var id int64
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&id, &c.DateLo, &c.DateHi, &c.Location, &c.Admin1, &lat, &lon, &c.GeoPrecision); err != nil {
			return 0, m, err
		}
		if lat.Valid && lon.Valid {
			c.Lat, c.Lon = &lat.Float64, &lon.Float64
		}
		if fusion.SameEvent(c, m) {
			return id, c, nil
		}
	}
	return 0, m, rows.Err()
}

func (w *writer) newEvent(d *document.Document, e document.Event, m fusion.Mention, date, prec string) (int64, error) {
	r, err := w.exec(`INSERT INTO events (class, acled_type, acled_sub_type, date, date_precision, date_lo, date_hi,
		location, country, admin1, lat, lon, geo_precision, actor1, actor2, summary, first_reported, last_reported)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Class, e.ACLEDType, e.ACLEDSubType, date, prec, m.DateLo, m.DateHi,
		nullStr(m.Location), nullStr(m.Country), nullStr(m.Admin1), m.Lat, m.Lon, nullInt(m.GeoPrecision),
		e.Actor1, e.Actor2, e.Summary, d.Published, d.Published)
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, w.locate(id, m)
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
		date = coalesce(nullif(?, ''), date), date_precision = coalesce(nullif(?, ''), date_precision), date_lo = ?, date_hi = ?,
		location = ?, country = ?, admin1 = ?, lat = ?, lon = ?, geo_precision = ?,
		acled_type = coalesce(acled_type, ?), acled_sub_type = coalesce(acled_sub_type, ?),
		actor1 = coalesce(actor1, ?), actor2 = coalesce(actor2, ?),
		first_reported = min(first_reported, ?), last_reported = max(last_reported, ?)
		WHERE id = ?`,
		date, prec, g.DateLo, g.DateHi,
		nullStr(g.Location), nullStr(g.Country), nullStr(g.Admin1), g.Lat, g.Lon, nullInt(g.GeoPrecision),
		e.ACLEDType, e.ACLEDSubType, e.Actor1, e.Actor2, d.Published, d.Published, id)
	if err != nil {
		return err
	}
	if g.Lat != f.Lat || g.Lon != f.Lon {
		return w.locate(id, g)
	}
	return nil
}

// locate keeps the event's point in the spatial index.
func (w *writer) locate(id int64, m fusion.Mention) error {
	if m.Lat == nil || m.Lon == nil {
		return nil
	}
	_, err := w.exec(`INSERT OR REPLACE INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)`,
		id, *m.Lat, *m.Lat, *m.Lon, *m.Lon)
	return err
}

// report records the article's mention of a fused event, with the evidence
// in the full-text index.
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
	_, err := w.exec(`INSERT INTO reports (event_id, article_id, local_id, date, location, summary, status, evidence, spans, ev_start, ev_end, published)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, d.ID, e.ID, e.Date, nullStr(m.Location), e.Summary, e.Status, string(ev), string(sp), lo, hi, d.Published)
	if err != nil {
		return err
	}
	if err := w.index(id); err != nil {
		return err
	}
	_, err = w.exec(`UPDATE events SET reports = reports + 1 WHERE id = ?`, id)
	return err
}

func nullInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// index rewrites the full-text entry of an event: the summaries and
// evidence of all its reports.
func (w *writer) index(id int64) error {
	rows, err := w.query(`SELECT summary, evidence FROM reports WHERE event_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	var sb strings.Builder
	for rows.Next() {
		var summary, evidence string
		if err := rows.Scan(&summary, &evidence); err != nil {
			rows.Close()
			return err
		}
		var sentences []string
		_ = json.Unmarshal([]byte(evidence), &sentences)
		sb.WriteString(summary)
		for _, s := range sentences {
			sb.WriteByte('\n')
			sb.WriteString(s)
		}
		sb.WriteByte('\n')
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := w.exec(`DELETE FROM events_fts WHERE rowid = ?`, id); err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO events_fts (rowid, text) VALUES (?, ?)`, id, sb.String())
	return err
}

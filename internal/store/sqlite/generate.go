package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// genPlaces are the towns synthetic events happen in: name, country,
// region, latitude, longitude.
var genPlaces = []struct {
	name, country, admin1 string
	lat, lon              float64
}{
	{"Kharkiv", "UA", "Kharkiv", 49.98, 36.25}, {"Kyiv", "UA", "Kyiv City", 50.45, 30.52},
	{"Mariupol", "UA", "Donetsk", 47.1, 37.55}, {"Kherson", "UA", "Kherson", 46.64, 32.61},
	{"Gaza", "PS", "Gaza Strip", 31.5, 34.47}, {"Khartoum", "SD", "Khartoum", 15.55, 32.53},
	{"Bamako", "ML", "Bamako", 12.65, -8.0}, {"Goma", "CD", "North Kivu", -1.68, 29.22},
	{"Lima", "PE", "Lima", -12.05, -77.04}, {"Dhaka", "BD", "Dhaka", 23.81, 90.41},
	{"Port-au-Prince", "HT", "Ouest", 18.54, -72.34}, {"Mogadishu", "SO", "Banaadir", 2.04, 45.34},
}

var genClasses = []string{"attack", "clash", "protest", "displacement", "talks", "arrest", "disaster", "aid"}
var genActors = []string{"Russian forces", "Ukrainian forces", "police", "protesters", "RSF", "army", "M23", "al-Shabab", ""}

// Generate adds n synthetic events (each with one report in the full-text
// index) to the store, for benchmarks of queries over large stores. They
// are spread over 12 towns and their surroundings, 8 classes and five years.
func (db *DB) Generate(ctx context.Context, n int, seed uint64) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	const article = "0000000000000000000000000000000000000000000000000000000000000000"
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO articles (id, title, published, language, ingested_at, n_sentences, n_events, n_quotes, n_claims, doc)
		VALUES (?, 'generated events', '2020-01-01', 'en', ?, 0, 0, 0, 0, '{}')`, article, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	ev, err := tx.PrepareContext(ctx, `INSERT INTO events (class, date, date_precision, date_lo, date_hi, location, country, admin1, lat, lon, geo_precision,
		actor1, actor2, fatalities, summary, reports, claims, first_reported, last_reported) VALUES (?, ?, 'day', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1, 0, ?, ?)`)
	if err != nil {
		return err
	}
	rt, err := tx.PrepareContext(ctx, `INSERT INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	rep, err := tx.PrepareContext(ctx, `INSERT INTO reports (event_id, article_id, local_id, date, location, summary, status, evidence, spans, ev_start, ev_end, published)
		VALUES (?, ?, ?, ?, ?, ?, 'asserted', '[]', '[]', 0, 0, ?)`)
	if err != nil {
		return err
	}
	fts, err := tx.PrepareContext(ctx, `INSERT INTO events_fts (rowid, text) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		p := genPlaces[rng.IntN(len(genPlaces))]
		lat, lon := p.lat+rng.NormFloat64()*0.3, p.lon+rng.NormFloat64()*0.3
		class := genClasses[rng.IntN(len(genClasses))]
		a1, a2 := genActors[rng.IntN(len(genActors))], genActors[rng.IntN(len(genActors))]
		day := start.AddDate(0, 0, rng.IntN(5*365)).Format("2006-01-02")
		var fat any
		if class == "attack" || class == "clash" {
			fat = rng.IntN(30)
		}
		summary := fmt.Sprintf("%s in %s on %s.", class, p.name, day)
		r, err := ev.ExecContext(ctx, class, day, day, day, p.name, p.country, p.admin1, lat, lon, nullStr(a1), nullStr(a2), fat, summary, day, day)
		if err != nil {
			return err
		}
		id, _ := r.LastInsertId()
		if _, err := rt.ExecContext(ctx, id, lat, lat, lon, lon); err != nil {
			return err
		}
		if _, err = rep.ExecContext(ctx, id, article, fmt.Sprintf("G%d", id), day, p.name, summary, day); err != nil {
			return err
		}
		if _, err := fts.ExecContext(ctx, id, summary+" "+a1+" "+a2); err != nil {
			return err
		}
	}
	return tx.Commit()
}

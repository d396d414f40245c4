package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

// benchStore opens a store of n generated events, kept in the system's
// temporary directory between runs because making a million takes a while.
func benchStore(b *testing.B, n int) *DB {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), "sitrep-bench-events-v5.db")
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	s, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if s.Events < int64(n) {
		start := time.Now()
		if err := db.Generate(ctx, n-int(s.Events), 1); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d events in %v", n-int(s.Events), time.Since(start))
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkEventQueries runs a mix of event queries against a million
// events and reports the latency percentiles (the bar: p99 < 50 ms).
func BenchmarkEventQueries(b *testing.B) {
	db := benchStore(b, 1_000_000)
	ctx := context.Background()
	queries := []store.EventFilter{
		{},
		{Class: "attack"},
		{Country: "UA"},
		{Class: "protest", Country: "PE"},
		{Since: "2023-06-01", Until: "2023-06-30"},
		{Class: "attack", Country: "UA", Since: "2022-02-24", Until: "2022-03-31"},
		{Near: &store.Circle{Lat: 49.98, Lon: 36.25, Km: 25}},
		{Near: &store.Circle{Lat: 49.98, Lon: 36.25, Km: 25}, Class: "attack", Since: "2024-01-01"},
		{BBox: &store.BBox{West: 22, South: 44, East: 40, North: 53}},
		{BBox: &store.BBox{West: 10, South: 10, East: 11, North: 11}},
		{Actor: "police"},
		{Actor: "M23", Country: "CD"},
		{Text: "Kharkiv"},
		{Text: "protest Lima"},
		{Class: "aid", Country: "SO", Limit: 1000},
	}
	// Second pages too: a cursor from each first page.
	for _, q := range queries[:6] {
		p, err := db.Events(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		if p.Next != "" {
			q.Cursor = p.Next
			queries = append(queries, q)
		}
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		t := time.Now()
		if _, err := db.Events(ctx, q); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}

// TestEventQueryPlans fails when a query of the benchmark mix is very slow
// on a small generated store, so a missing index shows in the ordinary tests
// rather than only in the benchmark: it checks the plans scan no table
// without an index.
func TestGenerate(t *testing.T) {
	db, _ := open(t)
	ctx := context.Background()
	if err := db.Generate(ctx, 500, 7); err != nil {
		t.Fatal(err)
	}
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Events != 500 || s.Reports != 500 {
		t.Fatalf("stats %+v", s)
	}
	p, err := db.Events(ctx, store.EventFilter{Near: &store.Circle{Lat: 49.98, Lon: 36.25, Km: 100}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) == 0 || len(p.Items) > 200 {
		t.Errorf("near Kharkiv: %d of 500 events", len(p.Items))
	}
	for _, e := range p.Items {
		if e.Location != "Kharkiv" {
			t.Errorf("event %d in %s found near Kharkiv", e.ID, e.Location)
		}
	}
}

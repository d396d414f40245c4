package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// benchDay is the day of the synthetic country-day.
const benchDay = "2024-03-05"

// benchClasses are the classes of the synthetic events: 125 towns of each
// make 1,000 events that fusion keeps apart.
var benchClasses = []string{"attack", "armed_clash", "displacement", "protest", "arrest", "negotiation", "aid", "disaster"}

var benchClaimants = []string{"the regional governor", "police", "the health ministry", "the mayor", "local officials"}

// countryDay stores n synthetic articles, each reporting three events of
// one country on one day — 1,000 distinct events in 125 towns, most
// reported twice — with figure claims that rise and disagree, and a quote.
func countryDay(t testing.TB, articles int) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "bench.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	const events = 1000
	towns := events / len(benchClasses)
	var batch []store.Item
	for j := range articles {
		d := document.New()
		d.Title = fmt.Sprintf("Synthetic report %d on the fighting", j)
		d.Outlet = document.Str("Outlet " + letters(j%17))
		d.URL = document.Str(fmt.Sprintf("https://example.org/news/%d", j))
		d.Published = []string{benchDay, "2024-03-06", "2024-03-07"}[j%3]
		d.Language = "en"
		var text strings.Builder
		for k, ev := range []int{j % events, (j + 333) % events, (j + 666) % events} {
			town, class := ev%towns, benchClasses[ev/towns]
			lat, lon := 45.5+0.6*float64(town%5), 23+0.6*float64(town/5)
			name := "Town " + letters(town)
			pid, vid := fmt.Sprintf("P%d", k+1), fmt.Sprintf("V%d", k+1)
			start := text.Len()
			fmt.Fprintf(&text, "An event of the kind %s hit %s on Tuesday, officials said in report %d. ", class, name, j)
			end := text.Len()
			d.Places = append(d.Places, document.Place{ID: pid, Name: name, Lat: &lat, Lon: &lon, Country: "UA",
				Admin1: "Region " + letters(town%24), Precision: 1, Mentions: []document.Mention{}})
			day := benchDay
			e := document.Event{ID: vid, Class: class, Place: document.Str(pid), Date: &day, DatePrecision: "day", Status: "asserted",
				Actor1: document.Str("Armed group " + string(rune('A'+town%5))), Figures: []string{},
				Evidence: []document.Span{{Start: start, End: end}}, Summary: fmt.Sprintf("%s in %s on %s.", class, name, benchDay)}
			if class == "attack" || class == "armed_clash" || class == "disaster" {
				for c, cat := range []string{"killed", "injured"} {
					n := int64(1 + (ev*7+j)%40 + 10*c)
					fid := fmt.Sprintf("F%d", len(d.Figures)+1)
					d.Figures = append(d.Figures, document.Figure{ID: fid, Category: cat, Min: &n, Max: &n, Approx: "exact",
						Phrase: fmt.Sprintf("%d people", n), ClaimedByName: document.Str(benchClaimants[(j+c)%len(benchClaimants)]),
						Event: document.Str(vid), Date: &day, Start: start, End: end})
					e.Figures = append(e.Figures, fid)
				}
			}
			if class == "displacement" {
				n := int64(100 * (1 + (ev+j)%50))
				fid := fmt.Sprintf("F%d", len(d.Figures)+1)
				d.Figures = append(d.Figures, document.Figure{ID: fid, Category: "displaced", Min: &n, Approx: "more than",
					Phrase: fmt.Sprintf("more than %d", n), ClaimedByName: document.Str("the UN"), Event: document.Str(vid), Date: &day, Start: start, End: end})
				e.Figures = append(e.Figures, fid)
			}
			d.Events = append(d.Events, e)
			if k == 0 {
				qs := text.Len()
				fmt.Fprintf(&text, "\"We have never seen anything like this in %s,\" said a resident. ", name)
				d.Quotes = append(d.Quotes, document.Quote{ID: "Q1", Kind: "direct", Text: "We have never seen anything like this in " + name,
					SpeakerName: document.Str("Resident " + letters(j%40)), Start: qs, End: text.Len()})
			}
		}
		d.Text = text.String()
		sum := sha256.Sum256([]byte(d.Text))
		d.ID = hex.EncodeToString(sum[:])
		batch = append(batch, store.Item{Doc: d, Source: fmt.Sprintf("synthetic/%d", j)})
		if len(batch) == 100 || j == articles-1 {
			if _, err := st.Put(ctx, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return st
}

// letters names a number with letters (0 "Aa", 27 "Bb"), so that the
// numbers a report states are its figures only.
func letters(n int) string {
	return string(rune('A'+n/26%26)) + string(rune('a'+n%26))
}

// BenchmarkReportCountryDay builds and writes (Markdown and HTML) the
// report on one country and day with 1,000 events; the bar is 1 s. It
// reports the process's CPU time per report too, which other work on the
// machine does not inflate the way it does the wall time.
func BenchmarkReportCountryDay(b *testing.B) {
	start := time.Now()
	st := countryDay(b, 1800)
	b.Logf("stored 1,800 synthetic articles in %v", time.Since(start).Round(time.Millisecond))
	q, err := ParseQuery("UA", benchDay, "", "")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var r *Report
	cpu := cpuTime()
	for b.Loop() {
		if r, err = Build(ctx, st, q); err != nil {
			b.Fatal(err)
		}
		if err := r.Markdown(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := r.HTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	if c := cpuTime() - cpu; c > 0 {
		b.ReportMetric(float64(c.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	if r.Events != 1000 {
		b.Fatalf("%d events in the country-day, want 1,000", r.Events)
	}
	b.ReportMetric(float64(r.Events), "events")
	b.ReportMetric(float64(len(r.Sources)), "sources")
}

// TestCountryDay is the benchmark's store at a tenth of the size, so the
// generator and the report on many events stay checked by the ordinary
// tests: fusion keeps the events apart, and the report traces.
func TestCountryDay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a store of synthetic articles")
	}
	st := countryDay(t, 180)
	r := build(t, st, "UA", benchDay, benchDay)
	if r.Events < 400 {
		t.Errorf("%d events, want about 540", r.Events)
	}
	for _, s := range r.Sections {
		if len(s.Lines) > DefaultPerSection {
			t.Errorf("section %s lists %d events", s.Key, len(s.Lines))
		}
	}
	trace(t, st, markdown(t, r))
}

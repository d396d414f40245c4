package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/samples"
)

// devCorpus is the shared dev set, relative to this package directory.
const devCorpus = "../../../../shared/corpus/dev"

// corpusItems extracts the sample articles and, when the shared directory
// is there, the dev corpus: the items of the parity and concurrency tests.
func corpusItems(t testing.TB, withDev bool) []store.Item {
	t.Helper()
	opt := func(name string) extract.Options {
		return extract.Options{Meta: reader.Meta{Name: name}, Now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	}
	var items []store.Item
	for _, name := range samples.Articles() {
		b, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Extract(b, opt(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		items = append(items, store.Item{Doc: d, Source: "samples/" + name, SourceKey: "samples/" + name})
	}
	if !withDev {
		return items
	}
	files, _ := filepath.Glob(filepath.Join(devCorpus, "*"))
	if len(files) == 0 {
		t.Skipf("no dev corpus at %s (the shared directory is absent)", devCorpus)
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Extract(b, opt(f))
		if err != nil {
			t.Logf("%s: %v (left out)", f, err)
			continue
		}
		items = append(items, store.Item{Doc: d, Source: filepath.Base(f), SourceKey: "dev/" + filepath.Base(f)})
	}
	return items
}

// exported is an event as the exports give it, with its reports and
// claims, without the ids a store assigns (fused event, claim and entity
// ids), so that two stores can be compared.
type exported struct {
	Class, ACLEDType, ACLEDSubType, Date, DatePrecision string
	TimePrecision                                       int
	Location, Country, Admin1                           string
	Lat, Lon                                            *float64
	GeoPrecision                                        int
	Actor1, Actor2                                      string
	Fatalities, Injured                                 *int64
	Summary                                             string
	ReportCount, ClaimCount                             int
	FirstReported, LastReported                         string
	Reports                                             []store.Report
	Claims                                              []exportedClaim
	Quotes                                              []string
}

type exportedClaim struct {
	ArticleID, LocalID, Category string
	Min, Max                     *int64
	Approx, Vague, Phrase        string
	Claimant                     string
	HasClaimant                  bool
	Outlet, Published, Date      string
	Location                     string
}

// exportEvents walks every page of the events (pageSize at a time) and
// reads each event's detail.
func exportEvents(t testing.TB, st store.Store, f store.EventFilter, pageSize int) []exported {
	t.Helper()
	ctx := context.Background()
	var out []exported
	f.Limit = pageSize
	for pages := 0; ; pages++ {
		p, err := st.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			d, err := st.Event(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Event, e) {
				t.Errorf("event %d: the list says %+v, the detail %+v", e.ID, e, d.Event)
			}
			x := exported{e.Class, e.ACLEDType, e.ACLEDSubType, e.Date, e.DatePrecision, e.TimePrecision, e.Location, e.Country, e.Admin1,
				e.Lat, e.Lon, e.GeoPrecision, e.Actor1, e.Actor2, e.Fatalities, e.Injured, e.Summary, e.ReportCount, e.ClaimCount,
				e.FirstReported, e.LastReported, d.Reports, nil, nil}
			for _, c := range d.Claims {
				if c.EventID == nil || *c.EventID != e.ID {
					t.Errorf("claim %d of event %d has event %v", c.ID, e.ID, c.EventID)
				}
				x.Claims = append(x.Claims, exportedClaim{c.ArticleID, c.LocalID, c.Category, c.Min, c.Max, c.Approx, c.Vague, c.Phrase,
					c.Claimant, c.ClaimantID != nil, c.Outlet, c.Published, c.Date, c.Location})
			}
			for _, q := range d.Quotes {
				x.Quotes = append(x.Quotes, q.ArticleID+"/"+q.LocalID+": "+q.Text)
			}
			out = append(out, x)
		}
		if p.Next == "" {
			break
		}
		if pages > 100000 {
			t.Fatal("the event pages do not end")
		}
		f.Cursor = p.Next
	}
	return out
}

// sameList reports the first difference of two lists, compared as JSON.
func sameList[T any](t testing.TB, what string, a, b []T) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: SQLite gives %d, PostgreSQL %d", what, len(a), len(b))
	}
	for i := range min(len(a), len(b)) {
		ja, _ := json.Marshal(a[i])
		jb, _ := json.Marshal(b[i])
		if string(ja) != string(jb) {
			t.Errorf("%s: item %d differs:\nSQLite:     %s\nPostgreSQL: %s", what, i, ja, jb)
			return
		}
	}
}

// The same articles put into SQLite and PostgreSQL in the same order give
// the same answers: the exported events with their reports, claims and
// quotes, the articles with their near-duplicate links, the entities, and
// filtered queries.
func TestParityWithSQLite(t *testing.T) {
	ctx := context.Background()
	pg, _ := open(t)
	items := corpusItems(t, true)
	// Republished copies (other outlets, a day later), one of a copy: near
	// duplicates linked to the first of them.
	for i, n := range []int{len(items) - 1, 3, len(items) + 1} {
		d := *items[n].Doc
		outlet := fmt.Sprintf("Copydesk %d", i)
		d.ID, d.Outlet, d.Title = fmt.Sprintf("%064x", i+1), &outlet, "Republished: "+d.Title
		d.Published = nextDay(d.Published)
		items = append(items, store.Item{Doc: &d, Source: outlet, SourceKey: outlet})
	}
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parity.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	const batch = 8
	for i := 0; i < len(items); i += batch {
		part := items[i:min(i+batch, len(items))]
		rl, err := lite.Put(ctx, part)
		if err != nil {
			t.Fatal(err)
		}
		rp, err := pg.Put(ctx, part)
		if err != nil {
			t.Fatal(err)
		}
		for j := range rl {
			if rl[j].New != rp[j].New || rl[j].DuplicateOf != rp[j].DuplicateOf || len(rl[j].Events) != len(rp[j].Events) {
				t.Errorf("put %s: SQLite %+v, PostgreSQL %+v", part[j].Source, rl[j], rp[j])
			}
		}
	}
	// Again: nothing is new.
	if rp, err := pg.Put(ctx, items[:3]); err != nil || rp[0].New {
		t.Errorf("second put: %+v, %v", rp, err)
	}
	sl, err := lite.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := pg.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if *sl != *sp {
		t.Errorf("stats: SQLite %+v, PostgreSQL %+v", *sl, *sp)
	}
	t.Logf("%d items: %+v", len(items), *sp)
	if sp.Events < 10 || sp.Duplicates < 4 || sp.Claims == 0 {
		t.Errorf("too little to compare: %+v", *sp)
	}

	el := exportEvents(t, lite, store.EventFilter{}, 1000)
	ep := exportEvents(t, pg, store.EventFilter{}, 7)
	sameList(t, "events", el, ep)

	// Filtered event lists, compared as exports.
	filters := []store.EventFilter{
		{Class: "attack"}, {Class: "protest"}, {Country: "UA"}, {Country: "KE"},
		{Since: "2024-01-01"}, {Until: "2023-12"}, {Since: "2024-03", Until: "2025"},
		{Near: &store.Circle{Lat: 48.53, Lon: 37.7, Km: 50}}, {Near: &store.Circle{Lat: -0.45, Lon: 39.65, Km: 300}},
		{BBox: &store.BBox{West: 20, South: -40, East: 55, North: 15}},
		{Text: "killed"}, {Text: "police"}, {Text: "flood displaced"}, {Text: "Kostiantynivka"}, {Text: "tear-gas"},
		{Actor: "police"}, {Speaker: "minister"}, {Article: items[0].Doc.ID},
		{Class: "attack", Country: "UA", Since: "2020-01-01"},
	}
	for _, f := range filters {
		a := exportEvents(t, lite, f, 1000)
		b := exportEvents(t, pg, f, 3)
		sameList(t, fmt.Sprintf("events %+v", f), a, b)
	}

	// Articles, newest first, with their duplicate links.
	arts := func(st store.Store, f store.ArticleFilter) []store.Article {
		var out []store.Article
		for {
			p, err := st.Articles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range p.Items {
				a.IngestedAt = ""
				out = append(out, a)
			}
			if p.Next == "" {
				return out
			}
			f.Cursor = p.Next
		}
	}
	for _, f := range []store.ArticleFilter{{Limit: 5}, {Text: "killed", Limit: 4}, {Since: "2024-06", Limit: 3}} {
		sameList(t, fmt.Sprintf("articles %+v", f), arts(lite, f), arts(pg, f))
	}

	// Entities, most mentioned first, without their ids.
	ents := func(st store.Store, f store.EntityFilter) []store.Entity {
		var out []store.Entity
		for {
			p, err := st.Entities(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Items {
				e.ID = 0
				out = append(out, e)
			}
			if p.Next == "" {
				return out
			}
			f.Cursor = p.Next
		}
	}
	for _, f := range []store.EntityFilter{{Limit: 50}, {Name: "police", Limit: 5}, {Type: "PERSON", Limit: 7}} {
		sameList(t, fmt.Sprintf("entities %+v", f), ents(lite, f), ents(pg, f))
	}

	// Quotes and claims, newest first.
	quotes := func(st store.Store, f store.QuoteFilter) []string {
		var out []string
		for {
			p, err := st.Quotes(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range p.Items {
				out = append(out, fmt.Sprintf("%s/%s %s %q %s %v", q.ArticleID, q.LocalID, q.Published, q.Text, q.SpeakerName, q.SpeakerID != nil))
			}
			if p.Next == "" {
				return out
			}
			f.Cursor = p.Next
		}
	}
	for _, f := range []store.QuoteFilter{{Limit: 9}, {Text: "said", Limit: 4}, {Speaker: "minister", Limit: 2}} {
		sameList(t, fmt.Sprintf("quotes %+v", f), quotes(lite, f), quotes(pg, f))
	}
	claims := func(st store.Store, f store.ClaimFilter) []string {
		var out []string
		for {
			p, err := st.Claims(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range p.Items {
				out = append(out, fmt.Sprintf("%s/%s %s %v %v %s %q %q %v", c.ArticleID, c.LocalID, c.Category, ptr(c.Min), ptr(c.Max), c.Vague, c.Claimant, c.Phrase, c.EventID != nil))
			}
			if p.Next == "" {
				return out
			}
			f.Cursor = p.Next
		}
	}
	for _, f := range []store.ClaimFilter{{Limit: 11}, {Category: "killed", Limit: 3}, {Claimant: "police", Limit: 2}} {
		sameList(t, fmt.Sprintf("claims %+v", f), claims(lite, f), claims(pg, f))
	}

	// Search finds the same articles, quotes and events; only the order
	// of the best matches may differ (bm25 against ts_rank).
	for _, q := range []string{"floods", "police said", "Lusaka", "toll"} {
		a, err := lite.Search(ctx, store.SearchQuery{Text: q, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		b, err := pg.Search(ctx, store.SearchQuery{Text: q, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(r *store.SearchResult) []string {
			var out []string
			for _, x := range r.Articles {
				out = append(out, "a "+x.ID)
			}
			for _, x := range r.Quotes {
				out = append(out, "q "+x.ArticleID+"/"+x.LocalID)
			}
			for _, x := range r.Events {
				out = append(out, fmt.Sprintf("e %s %s %s", x.Class, x.Date, x.Location))
			}
			slices.Sort(out)
			return out
		}
		if ia, ib := ids(a), ids(b); !slices.Equal(ia, ib) {
			t.Errorf("search %q: SQLite %d hits, PostgreSQL %d:\n%s\n%s", q, len(ia), len(ib), strings.Join(ia, ", "), strings.Join(ib, ", "))
		}
	}
}

func nextDay(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, 1).Format("2006-01-02")
}

func ptr(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
)

// The tests run against a real PostgreSQL: SITREP_TEST_POSTGRES, or the
// local server with trust authentication. TestMain makes a database of its
// own for the run and drops it at the end; each test gets a fresh schema in
// it. Without a reachable server every test that needs one skips, saying
// why.
const defaultTestDSN = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var (
	testDB   string // the database's DSN, "" without a server
	skipWhy  string
	schemaNo atomic.Int64
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	admin := os.Getenv("SITREP_TEST_POSTGRES")
	if admin == "" {
		admin = defaultTestDSN
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		skipWhy = fmt.Sprintf("no PostgreSQL at %s (set SITREP_TEST_POSTGRES to a server's URL): %v", redact(admin), err)
		return m.Run()
	}
	dropStale(ctx, conn)
	name := fmt.Sprintf("sitrep_test_%d_%d", time.Now().UnixNano(), os.Getpid())
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		conn.Close(ctx)
		skipWhy = fmt.Sprintf("cannot create a test database on %s: %v", redact(admin), err)
		return m.Run()
	}
	conn.Close(ctx)
	u, err := url.Parse(admin)
	if err != nil || u.Scheme == "" {
		fmt.Fprintf(os.Stderr, "SITREP_TEST_POSTGRES must be a postgres:// URL: %q\n", redact(admin))
		return 1
	}
	u.Path = "/" + name
	testDB = u.String()
	code := m.Run()
	dctx, dcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer dcancel()
	if conn, err := pgx.Connect(dctx, admin); err == nil {
		if _, err := conn.Exec(dctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			fmt.Fprintf(os.Stderr, "drop test database %s: %v\n", name, err)
		}
		conn.Close(dctx)
	}
	return code
}

// dropStale drops the databases of runs that ended without dropping theirs
// (killed, timed out) more than an hour ago.
func dropStale(ctx context.Context, conn *pgx.Conn) {
	rows, err := conn.Query(ctx, `SELECT datname FROM pg_database d WHERE datname LIKE 'sitrep\_test\_%'
		AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`)
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, n := range names {
		var ns, pid int64
		if _, err := fmt.Sscanf(n, "sitrep_test_%d_%d", &ns, &pid); err != nil || time.Since(time.Unix(0, ns)) < time.Hour {
			continue
		}
		conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{n}.Sanitize())
	}
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable DSN)"
	}
	return u.Redacted()
}

// freshDSN makes a new schema in the test database and returns a DSN whose
// connections use it.
func freshDSN(t testing.TB) string {
	t.Helper()
	if testDB == "" {
		t.Skip(skipWhy)
	}
	ctx := context.Background()
	schema := fmt.Sprintf("t%d", schemaNo.Add(1))
	conn, err := pgx.Connect(ctx, testDB)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(testDB)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB) (*DB, string) {
	t.Helper()
	dsn := freshDSN(t)
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dsn
}

// Two outlets' reports of one shelling, written for these tests (the SQLite
// store's), and an unrelated protest.
const (
	reportA = `Shelling kills 12 in Kostiantynivka, governor says

KOSTIANTYNIVKA, Ukraine (Wire) -- Russian artillery shelled the city of Kostiantynivka in eastern Ukraine on Tuesday, killing at least 12 people and wounding 31 others, the regional governor said.

Rescue workers searched the ruins of two apartment blocks through the night. "We are still pulling people out from under the rubble," the governor told reporters on Tuesday evening.

The city lies about 20 kilometres from the front line and has been hit repeatedly in recent months.`
	reportB = `Death toll in Kostiantynivka strike rises

KOSTIANTYNIVKA, Ukraine (Courier) -- Russian artillery shelled Kostiantynivka in eastern Ukraine on Tuesday, killing 14 people and injuring 40, the State Emergency Service said on Wednesday.

Emergency crews worked through the night at the site of the shelling, clearing debris from a market and nearby homes. Officials said more people could be trapped.

Residents said the shelling began early in the morning and lasted for more than an hour.`
	protest = `Thousands protest in Lima

LIMA, Peru (Wire) -- Thousands of people marched through central Lima on Saturday to demand early elections, and police fired tear gas near Congress.

Police said 20 officers were injured in clashes with protesters. Organisers said dozens of demonstrators were hurt.`
)

func doc(t testing.TB, text, outlet, published string) *document.Document {
	t.Helper()
	d, err := extract.Extract([]byte(text), extract.Options{Meta: reader.Meta{Name: outlet, Outlet: outlet, Published: published}})
	if err != nil {
		t.Fatalf("extract %s: %v", outlet, err)
	}
	return d
}

func TestPutIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	items := []store.Item{
		{Doc: doc(t, reportA, "Wire", "2024-03-05"), Source: "a.txt", SourceKey: "a.txt:1"},
		{Doc: doc(t, protest, "Wire", "2024-03-09"), Source: "c.txt", SourceKey: "c.txt:1"},
	}
	res, err := db.Put(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if !r.New {
			t.Errorf("first put of %s not new", r.ArticleID)
		}
	}
	before, _ := db.Stats(ctx)
	if before.Articles != 2 || before.Sources != 2 || before.Events == 0 {
		t.Fatalf("stats after first put: %+v", before)
	}
	// The same items again, the same article under another source key,
	// and a reopened store: nothing changes.
	if res, err = db.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.New {
			t.Errorf("second put of %s stored it again", r.ArticleID)
		}
	}
	db.Close()
	db2, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if _, err := db2.Put(ctx, []store.Item{{Doc: items[0].Doc, Source: "copy.txt", SourceKey: "copy.txt:1"}}); err != nil {
		t.Fatal(err)
	}
	after, _ := db2.Stats(ctx)
	if after.Articles != before.Articles || after.Events != before.Events || after.Claims != before.Claims || after.Quotes != before.Quotes || after.Entities != before.Entities {
		t.Errorf("stats changed on re-ingest: %+v → %+v", before, after)
	}
	if ok, _ := db2.HasSource(ctx, "copy.txt:1"); !ok {
		t.Error("the new source key of a known article was not recorded")
	}
	if ok, _ := db2.HasSource(ctx, "never.txt:1"); ok {
		t.Error("HasSource of an unknown key")
	}
	if v, _ := db2.Version(ctx); v != 1 {
		t.Errorf("schema version %d", v)
	}
}

func TestFusionAcrossOutlets(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	a := doc(t, reportA, "Wire", "2024-03-05")
	b := doc(t, reportB, "Courier", "2024-03-06")
	res, err := db.Put(ctx, []store.Item{{Doc: a}, {Doc: b}})
	if err != nil {
		t.Fatal(err)
	}
	attack := func(r store.PutResult, d *document.Document) int64 {
		for i, e := range d.Events {
			if e.Class == "attack" {
				return r.Events[i]
			}
		}
		t.Fatalf("no attack event in %s: %+v", d.Title, d.Events)
		return 0
	}
	ea, eb := attack(res[0], a), attack(res[1], b)
	if ea != eb || ea == 0 {
		t.Fatalf("the two reports of the shelling were not fused: events %d and %d", ea, eb)
	}
	ev, err := db.Event(ctx, ea)
	if err != nil {
		t.Fatal(err)
	}
	if ev.ReportCount != 2 || len(ev.Reports) != 2 {
		t.Errorf("fused event has %d reports", len(ev.Reports))
	}
	killed := map[int64]string{}
	for _, c := range ev.Claims {
		if c.Category == "killed" && c.Min != nil {
			killed[*c.Min] = c.Outlet
		}
	}
	if killed[12] != "Wire" || killed[14] != "Courier" {
		t.Errorf("claims of the fused event: %+v", ev.Claims)
	}
	// The latest report's count wins (ACLED: tolls are revised upwards).
	if ev.Fatalities == nil || *ev.Fatalities != 14 {
		t.Errorf("fatalities = %v, want 14", ev.Fatalities)
	}
	if ev.Location != "Kostiantynivka" || ev.Country != "UA" || ev.Lat == nil {
		t.Errorf("place of the fused event: %q %q %v", ev.Location, ev.Country, ev.Lat)
	}
	for _, r := range ev.Reports {
		if len(r.Evidence) == 0 || !strings.Contains(strings.Join(r.Evidence, " "), "Kostiantynivka") {
			t.Errorf("report %s evidence %q", r.Outlet, r.Evidence)
		}
	}
	if len(ev.Quotes) == 0 {
		t.Errorf("no quotes in the reporting sentences of the fused event")
	}
	// Entities merge by name across the articles.
	ents, err := db.Entities(ctx, store.EntityFilter{Name: "Kostiantynivka"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents.Items) != 1 || ents.Items[0].Articles != 2 {
		t.Fatalf("entity Kostiantynivka: %+v", ents.Items)
	}
	ent, err := db.Entity(ctx, ents.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ent.Events) == 0 {
		t.Errorf("entity %s has no events located there", ent.Name)
	}
	if _, err := db.Entity(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing entity: %v", err)
	}
}

func TestNearDuplicateArticles(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	copyText := strings.Replace(reportA, "Shelling kills 12 in Kostiantynivka, governor says", "Twelve dead as shells hit eastern Ukrainian city", 1)
	copyText = strings.Replace(copyText, "has been hit repeatedly in recent months", "has been hit many times this year", 1)
	res, err := db.Put(ctx, []store.Item{{Doc: doc(t, reportA, "Wire", "2024-03-05")}, {Doc: doc(t, copyText, "Daily", "2024-03-05")}, {Doc: doc(t, reportB, "Courier", "2024-03-06")}})
	if err != nil {
		t.Fatal(err)
	}
	if res[1].DuplicateOf != res[0].ArticleID {
		t.Errorf("the edited wire copy is not linked to the original: %+v", res[1])
	}
	if res[2].DuplicateOf != "" {
		t.Errorf("a separately written report was linked as a duplicate of %s", res[2].DuplicateOf)
	}
	a, err := db.Article(ctx, res[0].ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Duplicates) != 1 || a.Document == nil || a.Document.Title == "" || len(a.EventIDs) == 0 || len(a.EntityIDs) == 0 {
		t.Errorf("article detail: duplicates %v, events %v, entities %v", a.Duplicates, a.EventIDs, a.EntityIDs)
	}
	if a.Document.ID != res[0].ArticleID || a.Document.Text == "" {
		t.Errorf("stored document: id %q, %d bytes of text", a.Document.ID, len(a.Document.Text))
	}
}

func TestQueries(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	if _, err := db.Put(ctx, []store.Item{{Doc: doc(t, reportA, "Wire", "2024-03-05")}, {Doc: doc(t, reportB, "Courier", "2024-03-06")}, {Doc: doc(t, protest, "Wire", "2024-03-09")}}); err != nil {
		t.Fatal(err)
	}
	count := func(f store.EventFilter) int {
		t.Helper()
		p, err := db.Events(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		return len(p.Items)
	}
	all := count(store.EventFilter{})
	if all < 2 {
		t.Fatalf("%d events", all)
	}
	tests := []struct {
		name string
		f    store.EventFilter
		want func(n int) bool
	}{
		{"class attack", store.EventFilter{Class: "attack"}, func(n int) bool { return n >= 1 && n < all }},
		{"country PE", store.EventFilter{Country: "PE"}, func(n int) bool { return n >= 1 && n < all }},
		{"near Kostiantynivka", store.EventFilter{Near: &store.Circle{Lat: 48.53, Lon: 37.7, Km: 30}}, func(n int) bool { return n >= 1 && n < all }},
		{"bbox of Peru", store.EventFilter{BBox: &store.BBox{West: -82, South: -19, East: -68, North: 0}}, func(n int) bool { return n >= 1 && n < all }},
		{"since", store.EventFilter{Since: "2024-03-08"}, func(n int) bool { return n >= 1 && n < all }},
		{"until", store.EventFilter{Until: "2024-03-06"}, func(n int) bool { return n >= 1 && n < all }},
		{"until month", store.EventFilter{Until: "2024-03"}, func(n int) bool { return n == all }},
		{"text", store.EventFilter{Text: "artillery"}, func(n int) bool { return n >= 1 && n < all }},
		{"text, any case and accents", store.EventFilter{Text: "ARTÍLLERY"}, func(n int) bool { return n >= 1 && n < all }},
		{"text no match", store.EventFilter{Text: "volcano"}, func(n int) bool { return n == 0 }},
		{"text without tokens", store.EventFilter{Text: "\u0301"}, func(n int) bool { return n == 0 }},
		{"far away", store.EventFilter{Near: &store.Circle{Lat: 0, Lon: 0, Km: 10}}, func(n int) bool { return n == 0 }},
		{"actor", store.EventFilter{Actor: "military FORCES"}, func(n int) bool { return n >= 1 && n < all }},
		{"article", store.EventFilter{Article: doc(t, protest, "Wire", "2024-03-09").ID}, func(n int) bool { return n >= 1 && n < all }},
		{"wildcards are text", store.EventFilter{Actor: "%"}, func(n int) bool { return n == 0 }},
	}
	for _, tc := range tests {
		if n := count(tc.f); !tc.want(n) {
			t.Errorf("%s: %d of %d events", tc.name, n, all)
		}
	}
	// Pagination walks every event once, in order.
	seen := map[int64]bool{}
	f := store.EventFilter{Limit: 1}
	var prev *store.Event
	for pages := 0; ; pages++ {
		p, err := db.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Errorf("event %d on two pages", e.ID)
			}
			seen[e.ID] = true
			if prev != nil && prev.Date < e.Date && len(prev.Date) == len(e.Date) {
				t.Errorf("event %s after %s", e.Date, prev.Date)
			}
			e := e
			prev = &e
		}
		if p.Next == "" || pages > all {
			break
		}
		f.Cursor = p.Next
	}
	if len(seen) != all {
		t.Errorf("pagination saw %d of %d events", len(seen), all)
	}
	bad := []store.EventFilter{
		{Cursor: "!!!"}, {Cursor: "YWJj"}, {Cursor: "_w"}, {Since: "yesterday"}, {Until: "2024-3-1"}, {Text: "!!! ???"},
		{Near: &store.Circle{Lat: 91, Lon: 0, Km: 5}}, {Near: &store.Circle{Lat: 0, Lon: 0, Km: -1}},
		{BBox: &store.BBox{West: 10, South: 0, East: 5, North: 1}},
	}
	for _, f := range bad {
		if _, err := db.Events(ctx, f); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("%+v: error %v, want ErrBadQuery", f, err)
		}
	}
	for _, f := range []store.EventFilter{{Class: "\xff\x00"}, {Actor: "a\x00b"}} {
		if _, err := db.Events(ctx, f); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
	if _, err := db.Event(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
	if _, err := db.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	s, err := db.Search(ctx, store.SearchQuery{Text: "tear gas"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || !strings.Contains(s.Articles[0].Title, "Lima") || len(s.Events) == 0 {
		t.Errorf("search articles: %+v, events %+v", s.Articles, s.Events)
	}
	if _, err := db.Search(ctx, store.SearchQuery{Text: "?"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("search without words: %v", err)
	}
	q, err := db.Quotes(ctx, store.QuoteFilter{Text: "rubble"})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Items) != 1 {
		t.Errorf("quotes about rubble: %+v", q.Items)
	}
	cl, err := db.Claims(ctx, store.ClaimFilter{Category: "injured"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cl.Items) < 2 {
		t.Errorf("injured claims: %+v", cl.Items)
	}
	arts, err := db.Articles(ctx, store.ArticleFilter{Outlet: "Wire"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts.Items) != 2 || arts.Items[0].Published < arts.Items[1].Published {
		t.Errorf("articles of Wire, newest first: %+v", arts.Items)
	}
	arts, err = db.Articles(ctx, store.ArticleFilter{Text: "rubble", Since: "2024-03"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts.Items) != 1 {
		t.Errorf("articles about rubble: %+v", arts.Items)
	}
	// Every list pages through all of its items one at a time.
	walk := func(name string, total int, page func(cursor string) (n int, next string, err error)) {
		t.Helper()
		got, cursor := 0, ""
		for i := 0; i <= total+1; i++ {
			n, next, err := page(cursor)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got += n
			if next == "" {
				break
			}
			cursor = next
		}
		if got != total {
			t.Errorf("%s: pages hold %d of %d", name, got, total)
		}
	}
	st, _ := db.Stats(ctx)
	walk("articles", int(st.Articles), func(c string) (int, string, error) {
		p, err := db.Articles(ctx, store.ArticleFilter{Limit: 1, Cursor: c})
		return len(p.Items), p.Next, err
	})
	walk("quotes", int(st.Quotes), func(c string) (int, string, error) {
		p, err := db.Quotes(ctx, store.QuoteFilter{Limit: 1, Cursor: c})
		return len(p.Items), p.Next, err
	})
	walk("claims", int(st.Claims), func(c string) (int, string, error) {
		p, err := db.Claims(ctx, store.ClaimFilter{Limit: 1, Cursor: c})
		return len(p.Items), p.Next, err
	})
	walk("entities", int(st.Entities), func(c string) (int, string, error) {
		p, err := db.Entities(ctx, store.EntityFilter{Limit: 2, Cursor: c})
		return len(p.Items), p.Next, err
	})
}

// Readers see committed state while a writer is busy.
func TestConcurrentReadsDuringWrites(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	base := doc(t, reportA, "Wire", "2024-03-05")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 8)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Events(ctx, store.EventFilter{Class: "attack"}); err != nil {
					errs <- err
					return
				}
				if _, err := db.Stats(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := 0; i < 40; i++ {
		d := *base
		d.ID = fmt.Sprintf("%064d", i)
		if _, err := db.Put(ctx, []store.Item{{Doc: &d}}); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(10 * time.Millisecond)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("reader: %v", err)
	}
	s, _ := db.Stats(ctx)
	if s.Articles != 40 || s.Duplicates != 39 {
		t.Errorf("%d articles, %d duplicates", s.Articles, s.Duplicates)
	}
}

func TestOpenBadDSN(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := Open(ctx, "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		t.Error("opening a store on a closed port succeeded")
	}
	if _, err := Open(ctx, "postgres://%zz"); err == nil {
		t.Error("opening a malformed DSN succeeded")
	}
}

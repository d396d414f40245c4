package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// Four workers, each with its own pool as separate processes would have,
// open the store at once (the migrations run once) and put the same
// articles in different orders and batches. Every article is stored once,
// and the store is the one a single writer makes putting the batches one
// after another in the order they took the write lock: the same events
// with the same reports, claims and quotes, the same near-duplicate links,
// the same entities.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	dsn := freshDSN(t)
	items := corpusItems(t, false)
	copyText := strings.Replace(reportA, "Shelling kills 12 in Kostiantynivka, governor says", "Twelve dead as shells hit eastern Ukrainian city", 1)
	copyText = strings.Replace(copyText, "has been hit repeatedly in recent months", "has been hit many times this year", 1)
	for _, x := range []struct{ text, outlet, day string }{
		{reportA, "Wire", "2024-03-05"}, {reportB, "Courier", "2024-03-06"}, {protest, "Wire", "2024-03-09"}, {copyText, "Daily", "2024-03-05"},
	} {
		items = append(items, store.Item{Doc: doc(t, x.text, x.outlet, x.day), Source: x.outlet + x.day, SourceKey: x.outlet + x.day})
	}

	const workers, batch = 4, 3
	dbs := make([]*DB, workers)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[w], errs[w] = Open(ctx, dsn)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, db := range dbs {
		defer db.Close()
	}
	var n int
	if err := dbs[0].pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("schema_migrations: %d rows, %v", n, err)
	}

	// The order the batches took the write lock in: the hook runs inside
	// the transaction, under the lock.
	var mu sync.Mutex
	var order [][]store.Item
	var news, puts int
	var retried atomic.Int64
	for w, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := slices.Clone(items)
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			rng.Shuffle(len(mine), func(i, j int) { mine[i], mine[j] = mine[j], mine[i] })
			var cur []store.Item
			db.afterItem = func(attempt, i int, _ pgx.Tx) {
				if i == 0 {
					mu.Lock()
					if attempt > 1 { // the try before was rolled back
						retried.Add(1)
						order = slices.DeleteFunc(order, func(b []store.Item) bool { return &b[0] == &cur[0] })
					}
					order = append(order, cur)
					mu.Unlock()
				}
			}
			for i := 0; i < len(mine); i += batch {
				cur = mine[i:min(i+batch, len(mine))]
				res, err := db.Put(ctx, cur)
				if err != nil {
					errs[w] = err
					return
				}
				mu.Lock()
				puts++
				for _, r := range res {
					if r.New {
						news++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if news != len(items) || len(order) != puts {
		t.Errorf("%d items stored as new, want %d; %d batches recorded of %d", news, len(items), len(order), puts)
	}
	st, err := dbs[1].Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != int64(len(items)) || st.Sources != int64(len(items)) {
		t.Errorf("stats %+v for %d items", *st, len(items))
	}
	seen := map[string]bool{}
	for f := (store.ArticleFilter{Limit: 7}); ; {
		p, err := dbs[2].Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Items {
			if seen[a.ID] {
				t.Errorf("article %s listed twice", a.ID)
			}
			seen[a.ID] = true
		}
		if f.Cursor = p.Next; f.Cursor == "" {
			break
		}
	}
	if len(seen) != len(items) {
		t.Errorf("%d articles listed of %d", len(seen), len(items))
	}

	// One writer, the same batches in the same order.
	seq, _ := open(t)
	for _, b := range order {
		if _, err := seq.Put(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	ss, _ := seq.Stats(ctx)
	if *ss != *st {
		t.Errorf("stats: concurrent %+v, sequential %+v", *st, *ss)
	}
	sameList(t, "events (concurrent, sequential)", exportEvents(t, dbs[3], store.EventFilter{}, 50), exportEvents(t, seq, store.EventFilter{}, 50))
	articles := func(st store.Store) []string {
		p, err := st.Articles(ctx, store.ArticleFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range p.Items {
			out = append(out, fmt.Sprintf("%s %s dup %q", a.ID, a.Published, a.DuplicateOf))
		}
		return out
	}
	sameList(t, "articles (concurrent, sequential)", articles(dbs[0]), articles(seq))
	entities := func(st store.Store) []string {
		p, err := st.Entities(ctx, store.EntityFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range p.Items {
			out = append(out, fmt.Sprintf("%s %s %v %d %d", e.Type, e.Name, e.Aliases, e.Articles, e.Mentions))
		}
		slices.Sort(out) // ids, and so the order of ties, follow the order of storing
		return out
	}
	sameList(t, "entities (concurrent, sequential)", entities(dbs[0]), entities(seq))

	// The SQLite store, the batches in the same order: the same again.
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "order.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	for _, b := range order {
		if _, err := lite.Put(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	sameList(t, "events (SQLite, PostgreSQL)", exportEvents(t, lite, store.EventFilter{}, 1000), exportEvents(t, dbs[0], store.EventFilter{}, 1000))
	t.Logf("%d batches from %d writers, %d retried; %+v", len(order), workers, retried.Load(), *st)
}

package report

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// DetailStore is a store that reads the details of many events in one go.
// Build uses it when the store has it; otherwise it asks st.Event for each
// event, several at a time. The SQLite store could implement it with one
// query per table for a whole page of events.
type DetailStore interface {
	// EventDetails returns the detail of each id, in the order of ids.
	EventDetails(ctx context.Context, ids []int64) ([]*store.EventDetail, error)
}

// ClaimStore is a store that lists the figure claims of many articles in
// one go; Build uses it when the store has it, otherwise st.Claims for each
// article.
type ClaimStore interface {
	// ArticleClaims returns the claims of the articles, by article id.
	ArticleClaims(ctx context.Context, articles []string) (map[string][]store.Claim, error)
}

// workers is how many store reads Build runs at once.
const workers = 8

// facts are what a report is made of.
type facts struct {
	q Query
	// events are the events in scope, each with what was said about it,
	// in the store's order (newest first, then by id).
	events []*event
	// loose are figure claims that articles reporting the events give
	// without tying them to an event, in the period and the region's places.
	loose []store.Claim
	// articles are the reporting articles by id.
	articles map[string]article
}

// event is a fused event in scope.
type event struct {
	*store.EventDetail
	// planned is true when every report of the event tells of it as
	// planned or expected, none as having happened.
	planned bool
	// reports are the reports the report cites: those that assert the
	// event, or those that announce it when it is planned.
	reports []store.Report
	// byCat are its claims by category, each in claimOrder.
	byCat map[string][]store.Claim
}

type article struct {
	ID, Outlet, Title, URL, Published string
}

// gather reads the events of the query and their details.
func gather(ctx context.Context, st store.Store, q Query) (*facts, error) {
	f := q.filter()
	var list []store.Event
	for {
		page, err := st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Items {
			if inPeriod(e, q) {
				list = append(list, e)
			}
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	details, err := eventDetails(ctx, st, list)
	if err != nil {
		return nil, err
	}
	fx := &facts{q: q, articles: map[string]article{}}
	for _, d := range details {
		ev := &event{EventDetail: d}
		var future []store.Report
		for _, r := range d.Reports {
			switch r.Status {
			case "asserted":
				ev.reports = append(ev.reports, r)
			case "future":
				future = append(future, r)
			}
		}
		if len(ev.reports) == 0 {
			if len(future) == 0 {
				continue // told only as negated or hypothetical: not a happening
			}
			ev.planned, ev.reports = true, future
		}
		for _, r := range d.Reports {
			if _, ok := fx.articles[r.ArticleID]; !ok {
				fx.articles[r.ArticleID] = article{ID: r.ArticleID, Outlet: r.Outlet, Title: r.Title, URL: r.URL, Published: r.Published}
			}
		}
		cs := slices.Clone(d.Claims)
		slices.SortFunc(cs, claimOrder)
		ev.byCat = byCategory(cs)
		fx.events = append(fx.events, ev)
	}
	fx.loose, err = looseClaims(ctx, st, fx)
	if err != nil {
		return nil, err
	}
	return fx, nil
}

// inPeriod tells whether all of an event's date lies in the period: an event
// dated only to a month or a year that reaches beyond it is not news of
// these days.
func inPeriod(e store.Event, q Query) bool {
	prec := e.DatePrecision
	lo, hi, ok := fusion.DateRange(e.Date, prec)
	return ok && lo >= q.Since && hi <= q.Until
}

// eventDetails reads the detail of each event, in order.
func eventDetails(ctx context.Context, st store.Store, list []store.Event) ([]*store.EventDetail, error) {
	ids := make([]int64, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	if ds, ok := st.(DetailStore); ok {
		return ds.EventDetails(ctx, ids)
	}
	out := make([]*store.EventDetail, len(ids))
	err := parallel(ctx, len(ids), func(ctx context.Context, i int) error {
		d, err := st.Event(ctx, ids[i])
		out[i] = d
		return err
	})
	return out, err
}

// parallel runs fn for 0..n-1 on a few goroutines and returns the first
// error, cancelling the rest.
func parallel(ctx context.Context, n int, fn func(context.Context, int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		first error
		next  int
		wg    sync.WaitGroup
	)
	for range min(workers, n) {
		wg.Go(func() {
			for {
				mu.Lock()
				if first != nil || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := fn(ctx, i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
						cancel()
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// looseClaims are the claims of the reporting articles tied to no event
// that fall in the period and the region: their day (or the article's, when
// the claim has none) is in the period, and they name no place or the place
// of one of the article's events in scope.
func looseClaims(ctx context.Context, st store.Store, fx *facts) ([]store.Claim, error) {
	places := map[string]map[string]bool{} // article → locations of its events in scope
	for _, e := range fx.events {
		for _, r := range e.Reports {
			if places[r.ArticleID] == nil {
				places[r.ArticleID] = map[string]bool{}
			}
			places[r.ArticleID][e.Location] = true
			places[r.ArticleID][r.Location] = true
		}
	}
	attached := map[string]int{} // article → its claims on events in scope
	for _, e := range fx.events {
		for _, c := range e.Claims {
			attached[c.ArticleID]++
		}
	}
	complete, err := withoutLoose(ctx, st, fx, attached)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(places))
	for id := range places {
		if !complete[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var byArticle map[string][]store.Claim
	if cs, ok := st.(ClaimStore); ok {
		if byArticle, err = cs.ArticleClaims(ctx, ids); err != nil {
			return nil, err
		}
	} else {
		lists := make([][]store.Claim, len(ids))
		err := parallel(ctx, len(ids), func(ctx context.Context, i int) error {
			p, err := st.Claims(ctx, store.ClaimFilter{Article: ids[i], Limit: 1000})
			lists[i] = p.Items
			return err
		})
		if err != nil {
			return nil, err
		}
		byArticle = make(map[string][]store.Claim, len(ids))
		for i, id := range ids {
			byArticle[id] = lists[i]
		}
	}
	var out []store.Claim
	for _, id := range ids {
		for _, c := range byArticle[id] {
			if c.EventID != nil || categoryIndex(c.Category) < 0 {
				continue
			}
			d := c.Date
			if d == "" {
				d = c.Published
			}
			lo, hi, ok := fusion.DateRange(dayOf(d), precisionOf(d))
			if !ok || lo < fx.q.Since || hi > fx.q.Until {
				continue
			}
			if c.Location != "" && !places[id][c.Location] {
				continue
			}
			out = append(out, c)
		}
	}
	slices.SortFunc(out, claimOrder)
	return out, nil
}

// withoutLoose finds the articles all of whose claims are on events in
// scope, which need not be asked for claims tied to no event: it lists the
// articles published on the days the reporting articles were, and compares
// each one's count of claims with its claims on the events. It gives up
// (and finds none) when that would list many more articles than report
// the events.
func withoutLoose(ctx context.Context, st store.Store, fx *facts, attached map[string]int) (map[string]bool, error) {
	out := map[string]bool{}
	if len(fx.articles) < 8 {
		return out, nil // as cheap to ask each one for its claims
	}
	lo, hi := "", ""
	for _, a := range fx.articles {
		d := dayOf(a.Published)
		if lo == "" || d < lo {
			lo = d
		}
		hi = max(hi, d)
	}
	if len(lo) != len(day) || len(hi) != len(day) {
		return out, nil
	}
	budget := 4*len(fx.articles) + 1000
	f := store.ArticleFilter{Since: lo, Until: hi, Limit: 1000}
	found := map[string]bool{}
	for listed := 0; ; {
		page, err := st.Articles(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Items {
			if _, ok := fx.articles[a.ID]; ok && a.Claims == attached[a.ID] {
				found[a.ID] = true
			}
		}
		listed += len(page.Items)
		if page.Next == "" {
			return found, nil
		}
		if listed > budget {
			return out, nil
		}
		f.Cursor = page.Next
	}
}

// claimOrder orders claims by publication, then id.
func claimOrder(a, b store.Claim) int {
	return cmp.Or(cmp.Compare(dayOf(a.Published), dayOf(b.Published)), cmp.Compare(a.ID, b.ID))
}

// dayOf is the date part of an ISO date or datetime.
func dayOf(s string) string {
	if len(s) > 10 && s[10] == 'T' || len(s) > 10 && s[10] == ' ' {
		return s[:10]
	}
	return s
}

func precisionOf(d string) string {
	switch len(d) {
	case 4:
		return "year"
	case 7:
		return "month"
	}
	return "day"
}

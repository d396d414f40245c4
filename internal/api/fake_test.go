package api

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/store"
)

// fakeStore is an in-memory store.Store for the tests that need to steer
// the store: faults, panics, exact contents. Lists page by offset cursors.
type fakeStore struct {
	mu       sync.Mutex
	articles []store.ArticleDetail
	events   []store.EventDetail
	entities []store.EntityDetail
	quotes   []store.Quote
	claims   []store.Claim
	puts     []store.Item
	// err, when set, is returned by every query; panic makes every query
	// panic with it.
	err   error
	panic string
	// block makes Events wait for its context to end.
	block bool
	// filters records the last filter each list was asked with.
	lastEvents store.EventFilter
	lastSearch store.SearchQuery
}

var _ store.Store = (*fakeStore)(nil)

func (f *fakeStore) check() error {
	if f.panic != "" {
		panic(f.panic)
	}
	return f.err
}

// fakePage pages a list with an offset cursor ("o" + base64 of the offset).
func fakePage[T any](items []T, limit int, cursor string) (store.Page[T], error) {
	limit = store.Limit(limit, 100, 1000)
	off := 0
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err == nil {
			off, err = strconv.Atoi(string(b))
		}
		if err != nil || off < 0 || off > len(items) {
			return store.Page[T]{}, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
		}
	}
	end := min(off+limit, len(items))
	p := store.Page[T]{Items: slices.Clone(items[off:end])}
	if end < len(items) {
		p.Next = base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
	}
	return p, nil
}

func has(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }

func (f *fakeStore) Put(_ context.Context, items []store.Item) ([]store.PutResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(); err != nil {
		return nil, err
	}
	var out []store.PutResult
	for _, it := range items {
		f.puts = append(f.puts, it)
		res := store.PutResult{ArticleID: it.Doc.ID, Events: []int64{}}
		if !slices.ContainsFunc(f.articles, func(a store.ArticleDetail) bool { return a.ID == it.Doc.ID }) {
			res.New = true
			f.articles = append(f.articles, store.ArticleDetail{Article: store.Article{ID: it.Doc.ID, Title: it.Doc.Title}, Document: it.Doc})
		}
		out = append(out, res)
	}
	return out, nil
}

func (f *fakeStore) HasSource(context.Context, string) (bool, error) { return false, f.check() }

func (f *fakeStore) Article(_ context.Context, id string) (*store.ArticleDetail, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	for i := range f.articles {
		if f.articles[i].ID == id {
			return &f.articles[i], nil
		}
	}
	return nil, store.ErrNotFound
}

func (f *fakeStore) Articles(_ context.Context, fl store.ArticleFilter) (store.Page[store.Article], error) {
	if err := f.check(); err != nil {
		return store.Page[store.Article]{}, err
	}
	var out []store.Article
	for _, a := range f.articles {
		if has(a.Title, fl.Text) && has(a.Outlet, fl.Outlet) {
			out = append(out, a.Article)
		}
	}
	return fakePage(out, fl.Limit, fl.Cursor)
}

func (f *fakeStore) Event(_ context.Context, id int64) (*store.EventDetail, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	for i := range f.events {
		if f.events[i].ID == id {
			return &f.events[i], nil
		}
	}
	return nil, store.ErrNotFound
}

func (f *fakeStore) Events(ctx context.Context, fl store.EventFilter) (store.Page[store.Event], error) {
	f.mu.Lock()
	f.lastEvents = fl
	f.mu.Unlock()
	if f.block {
		<-ctx.Done()
		return store.Page[store.Event]{}, ctx.Err()
	}
	if err := f.check(); err != nil {
		return store.Page[store.Event]{}, err
	}
	var out []store.Event
	for _, e := range f.events {
		if (fl.Class == "" || e.Class == fl.Class) && (fl.Country == "" || e.Country == fl.Country) && has(e.Summary, fl.Text) {
			out = append(out, e.Event)
		}
	}
	return fakePage(out, fl.Limit, fl.Cursor)
}

func (f *fakeStore) Entity(_ context.Context, id int64) (*store.EntityDetail, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	for i := range f.entities {
		if f.entities[i].ID == id {
			return &f.entities[i], nil
		}
	}
	return nil, store.ErrNotFound
}

func (f *fakeStore) Entities(_ context.Context, fl store.EntityFilter) (store.Page[store.Entity], error) {
	if err := f.check(); err != nil {
		return store.Page[store.Entity]{}, err
	}
	var out []store.Entity
	for _, e := range f.entities {
		if has(e.Name, fl.Name) && (fl.Type == "" || e.Type == fl.Type) {
			out = append(out, e.Entity)
		}
	}
	return fakePage(out, fl.Limit, fl.Cursor)
}

func (f *fakeStore) Quotes(_ context.Context, fl store.QuoteFilter) (store.Page[store.Quote], error) {
	if err := f.check(); err != nil {
		return store.Page[store.Quote]{}, err
	}
	var out []store.Quote
	for _, q := range f.quotes {
		if has(q.Text, fl.Text) && has(q.SpeakerName, fl.Speaker) {
			out = append(out, q)
		}
	}
	return fakePage(out, fl.Limit, fl.Cursor)
}

func (f *fakeStore) Claims(_ context.Context, fl store.ClaimFilter) (store.Page[store.Claim], error) {
	if err := f.check(); err != nil {
		return store.Page[store.Claim]{}, err
	}
	var out []store.Claim
	for _, c := range f.claims {
		if fl.Category == "" || c.Category == fl.Category {
			out = append(out, c)
		}
	}
	return fakePage(out, fl.Limit, fl.Cursor)
}

func (f *fakeStore) Search(_ context.Context, q store.SearchQuery) (*store.SearchResult, error) {
	f.mu.Lock()
	f.lastSearch = q
	f.mu.Unlock()
	if err := f.check(); err != nil {
		return nil, err
	}
	res := &store.SearchResult{}
	for _, a := range f.articles {
		if has(a.Title, q.Text) {
			res.Articles = append(res.Articles, a.Article)
		}
	}
	return res, nil
}

func (f *fakeStore) Stats(context.Context) (*store.Stats, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	return &store.Stats{Articles: int64(len(f.articles)), Events: int64(len(f.events)), Entities: int64(len(f.entities)),
		Quotes: int64(len(f.quotes)), Claims: int64(len(f.claims))}, nil
}

func (f *fakeStore) Close() error { return nil }

// newFake returns a fake store with n events, one article, entity, quote
// and claim.
func newFake(n int) *fakeStore {
	f := &fakeStore{}
	for i := 1; i <= n; i++ {
		lat, lon := 50.0+float64(i)/100, 36.2
		f.events = append(f.events, store.EventDetail{Event: store.Event{
			ID: int64(i), Class: "attack", Date: fmt.Sprintf("2024-03-%02d", 1+i%28), DatePrecision: "day", TimePrecision: 1,
			Location: "Kharkiv", Country: "UA", Lat: &lat, Lon: &lon, Summary: fmt.Sprintf("attack %d in Kharkiv", i),
			ReportCount: 1, FirstReported: "2024-03-02", LastReported: "2024-03-02",
		}, Reports: []store.Report{}, Claims: []store.Claim{}, Quotes: []store.Quote{}})
	}
	id := strings.Repeat("ab", 32)
	f.articles = []store.ArticleDetail{{Article: store.Article{ID: id, Title: "Shelling in Kharkiv", Published: "2024-03-02", Language: "en", IngestedAt: "2024-03-02T10:00:00Z"},
		Duplicates: []string{}, EventIDs: map[string]int64{}, EntityIDs: map[string]int64{}}}
	f.entities = []store.EntityDetail{{Entity: store.Entity{ID: 1, Type: "GPE", Name: "Kharkiv", Aliases: []string{}, Articles: 1, Mentions: 2},
		Quotes: []store.Quote{}, Events: []store.Event{}}}
	f.quotes = []store.Quote{{ID: 1, ArticleID: id, LocalID: "Q1", Kind: "direct", Text: "We heard the blasts.", Published: "2024-03-02"}}
	f.claims = []store.Claim{{ID: 1, ArticleID: id, LocalID: "F1", Category: "killed", Approx: "exact", Phrase: "three people were killed", Published: "2024-03-02"}}
	return f
}

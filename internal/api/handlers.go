package api

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

// list answers a route that reads a filter from the query string and returns
// one page of the store.
func list[F, T any](s *server, parse func(string) (F, error), query func(context.Context, F) (store.Page[T], error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := parse(r.URL.RawQuery)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ctx, cancel := s.queryContext(r)
		defer cancel()
		page, err := query(ctx, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if page.Items == nil {
			page.Items = []T{}
		}
		writeJSON(w, http.StatusOK, page)
	}
}

// noParams refuses a query string on a route that takes none.
func noParams(r *http.Request) error {
	_, err := newParams(r.URL.RawQuery)
	return err
}

// detail answers a route that names one item by its {id}: parse reads and
// checks the id, get reads the item, what names it in a 404 ("event").
func detail[K, T any](s *server, what string, parse func(name, s string) (K, error), get func(context.Context, K) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw := r.PathValue("id")
		id, err := parse("id", raw)
		if err == nil {
			err = noParams(r)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ctx, cancel := s.queryContext(r)
		defer cancel()
		item, err := get(ctx, id)
		if err != nil {
			s.fail(w, r, notFound(err, "no "+what+" "+raw))
			return
		}
		writeJSON(w, http.StatusOK, item)
	}
}

// queryContext bounds the store queries of one request.
func (s *server) queryContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opt.QueryTimeout)
}

// notFound words the store's ErrNotFound for the item asked for.
func notFound(err error, msg string) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFoundError(msg)
	}
	return err
}

type notFoundError string

func (e notFoundError) Error() string { return string(e) }
func (e notFoundError) Unwrap() error { return store.ErrNotFound }

func (s *server) search(w http.ResponseWriter, r *http.Request) {
	q, err := ParseSearch(r.URL.RawQuery)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, cancel := s.queryContext(r)
	defer cancel()
	res, err := s.st.Search(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res == nil {
		res = &store.SearchResult{}
	}
	if res.Articles == nil {
		res.Articles = []store.Article{}
	}
	if res.Events == nil {
		res.Events = []store.Event{}
	}
	if res.Quotes == nil {
		res.Quotes = []store.Quote{}
	}
	writeJSON(w, http.StatusOK, res)
}

// Health is the body of /healthz.
type Health struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// healthz answers 200 when the store answers a cheap query in time.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.st.Articles(ctx, store.ArticleFilter{Limit: 1}); err != nil {
		s.log.Warn("health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "unavailable", Error: "the store does not answer"})
		return
	}
	writeJSON(w, http.StatusOK, Health{Status: "ok"})
}

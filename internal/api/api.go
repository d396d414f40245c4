// Package api is sitrep's JSON HTTP API over a store.Store: the articles,
// fused events (with their reports, claims and quotes), entities, quotes and
// figure claims it holds, full-text search, exports of events as CSV and
// GeoJSON, and one write route that extracts and stores a posted article.
//
// New returns one http.Handler with every route:
//
//	GET  /api/articles            ?text outlet since until limit cursor
//	GET  /api/articles/{id}
//	POST /api/articles            bearer token; JSON {url, html|text, published, outlet} or a raw page
//	GET  /api/events              ?text class country near bbox since until actor speaker article limit cursor
//	GET  /api/events/{id}
//	GET  /api/entities            ?name type limit cursor
//	GET  /api/entities/{id}
//	GET  /api/quotes              ?text speaker speaker_id article since until limit cursor
//	GET  /api/figures             ?category claimant event article country since until limit cursor
//	GET  /api/search              ?q plus the event filters, limit
//	GET  /api/export.csv          the event filters; every matching event
//	GET  /api/export.geojson      the event filters; every matching event
//	GET  /api/openapi.json        the OpenAPI 3 document of all of this
//	GET  /healthz
//	GET  /metrics                 Prometheus
//
// Every answer is JSON except the exports and /metrics; every error is
// {"error": "...", "status": N} with a status that fits: 400 for a query
// parameter that cannot be read (the message names it; unknown and repeated
// parameters too), 401 and 403 for writes, 404 for an unknown id or path,
// 405 for a method a path does not take, 413 for a body over 10 MB, 415 for
// a body that is not JSON, HTML or text, 422 for one no article can be
// extracted from, 500 for a fault (logged, never the details), 503 when
// the store does not answer in time. The parameters are read in params.go;
// the OpenAPI document is openapi.json, embedded.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
)

// Options configure the API.
type Options struct {
	// Token is the bearer token POST /api/articles requires; empty turns the
	// write API off (403).
	Token string
	// Extract turns a posted article into its document; nil means
	// extract.Extract.
	Extract func(body []byte, meta reader.Meta) (*document.Document, error)
	// Logger receives one line per request and the faults; nil means
	// slog.Default().
	Logger *slog.Logger
	// CSV and GeoJSON write the exports; nil means the export package's
	// writers.
	CSV, GeoJSON *Exporter
	// AllowOrigin, when set, is sent as Access-Control-Allow-Origin on the
	// read routes; empty (the default) sends no CORS headers.
	AllowOrigin string
	// MaxBody bounds a posted article; 0 means 10 MB.
	MaxBody int64
	// QueryTimeout bounds the store queries of one read (not of an
	// export, which runs as long as its client reads); 0 means 30s. A
	// query that runs out is answered 503.
	QueryTimeout time.Duration
}

// maxBody is the default bound of a posted article, the same as the CLI's.
const maxBody = 10 << 20

type server struct {
	st      store.Store
	opt     Options
	log     *slog.Logger
	mux     *http.ServeMux
	metrics *metrics
	extract func([]byte, reader.Meta) (*document.Document, error)
	// extracting bounds the extractions that run at once: each is CPU-bound.
	extracting chan struct{}
	routes     []route
}

// route is one pattern of the mux and its handler.
type route struct {
	pattern string
	h       http.Handler
}

// New returns the handler of every route over st.
func New(st store.Store, opt Options) http.Handler {
	s := &server{st: st, opt: opt, log: opt.Logger, mux: http.NewServeMux(), extract: opt.Extract}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.extract == nil {
		s.extract = func(b []byte, meta reader.Meta) (*document.Document, error) {
			return extract.Extract(b, extract.Options{Meta: meta})
		}
	}
	if s.opt.MaxBody <= 0 {
		s.opt.MaxBody = maxBody
	}
	if s.opt.QueryTimeout <= 0 {
		s.opt.QueryTimeout = 30 * time.Second
	}
	if s.opt.CSV == nil {
		s.opt.CSV = defaultCSV
	}
	if s.opt.GeoJSON == nil {
		s.opt.GeoJSON = defaultGeoJSON
	}
	s.extracting = make(chan struct{}, extractors())
	s.metrics = newMetrics(st)

	s.routes = []route{
		{"GET /api/articles", list(s, ParseArticleFilter, st.Articles)},
		{"POST /api/articles", http.HandlerFunc(s.postArticle)},
		{"GET /api/articles/{id}", detail(s, "article", articleID, st.Article)},
		{"GET /api/events", list(s, ParseEventFilter, st.Events)},
		{"GET /api/events/{id}", detail(s, "event", parseID, st.Event)},
		{"GET /api/entities", list(s, ParseEntityFilter, st.Entities)},
		{"GET /api/entities/{id}", detail(s, "entity", parseID, st.Entity)},
		{"GET /api/quotes", list(s, ParseQuoteFilter, st.Quotes)},
		{"GET /api/figures", list(s, ParseClaimFilter, st.Claims)},
		{"GET /api/search", http.HandlerFunc(s.search)},
		{"GET /api/report", http.HandlerFunc(s.report)},
		{"GET /api/export.csv", http.HandlerFunc(s.exportCSV)},
		{"GET /api/export.geojson", http.HandlerFunc(s.exportGeoJSON)},
		{"GET /api/openapi.json", http.HandlerFunc(s.openapi)},
		{"GET /healthz", http.HandlerFunc(s.healthz)},
		{"GET /metrics", s.metrics.handler()},
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.pattern, rt.h)
	}
	return s
}

// ServeHTTP sets the common headers, answers what the mux does not route
// with a JSON error, recovers panics, and counts and logs the request.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &statusWriter{ResponseWriter: w}
	h := rw.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if s.opt.AllowOrigin != "" && r.Method != http.MethodPost {
		h.Set("Access-Control-Allow-Origin", s.opt.AllowOrigin)
	}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				s.observe(r, rw, start)
				panic(p) // the response was cut short on purpose
			}
			s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			if rw.wrote {
				// Part of an answer is out: cut the connection so that
				// the client cannot take it for a whole one.
				rw.code = http.StatusInternalServerError
				s.observe(r, rw, start)
				panic(http.ErrAbortHandler)
			}
			rw.Header().Del("Content-Disposition")
			writeError(rw, http.StatusInternalServerError, "internal error")
		}
		s.observe(r, rw, start)
	}()
	if mh, pattern := s.mux.Handler(r); pattern == "" {
		s.unrouted(rw, r, mh)
		return
	}
	s.mux.ServeHTTP(rw, r)
}

// unrouted answers a request no pattern takes: the mux's 404, 405 (with its
// Allow header) or redirect to a clean path (h, the mux's own handler for
// it), in JSON.
func (s *server) unrouted(w http.ResponseWriter, r *http.Request, h http.Handler) {
	rec := &discardWriter{header: http.Header{}}
	h.ServeHTTP(rec, r)
	code := rec.code
	if code == 0 {
		code = http.StatusOK
	}
	for _, k := range []string{"Allow", "Location"} {
		if v := rec.header.Get(k); v != "" {
			w.Header().Set(k, v)
		}
	}
	switch {
	case code == http.StatusMethodNotAllowed:
		writeError(w, code, fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, rec.header.Get("Allow")))
	case code >= 300 && code < 400:
		w.WriteHeader(code)
	case code == http.StatusNotFound:
		writeError(w, code, fmt.Sprintf("no such path %s (see /api/openapi.json)", r.URL.Path))
	default:
		writeError(w, code, http.StatusText(code))
	}
}

func (s *server) observe(r *http.Request, rw *statusWriter, start time.Time) {
	d := time.Since(start)
	status := rw.code
	if status == 0 {
		status = http.StatusOK
	}
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	s.metrics.observe(route, methodLabel(r.Method), status, d)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelWarn
	}
	s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "route", route,
		"status", status, "bytes", rw.n, "duration", d, "remote", r.RemoteAddr)
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	code  int
	n     int64
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush and the deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// discardWriter records what the mux's own error handlers answer.
type discardWriter struct {
	header http.Header
	code   int
}

func (w *discardWriter) Header() http.Header { return w.header }
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *discardWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return len(b), nil
}

// Error is the body of every error answer.
type Error struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, Error{Error: msg, Status: code})
}

// writeJSON encodes v whole before writing anything, so that a value that
// cannot be encoded is a 500 and not half a body; <, > and & are kept as
// they are (the text is news, not HTML, and the type says JSON).
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		code = http.StatusInternalServerError
		fmt.Fprintf(&buf, `{"error":"internal error","status":%d}`+"\n", code)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(buf.Len()))
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// fail answers an error from the store or a parameter: a bad query is the
// client's 400, a missing item 404, a request the client gave up on gets
// no body worth writing, anything else is logged and a 500.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *ParamError
	switch {
	case errors.As(err, &pe):
		writeError(w, http.StatusBadRequest, pe.Error())
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		writeError(w, 499, "client closed the request")
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("store query timed out", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the query took too long")
	default:
		s.log.Error("store query failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

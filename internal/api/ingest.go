package api

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
)

// PostArticle is the JSON body of POST /api/articles: the page (html) or the
// plain text of one article, and what it does not say about itself.
type PostArticle struct {
	URL       string `json:"url,omitempty"`
	HTML      string `json:"html,omitempty"`
	Text      string `json:"text,omitempty"`
	Published string `json:"published,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
}

// extractors is how many posted articles are extracted at once.
func extractors() int { return max(1, runtime.GOMAXPROCS(0)) }

// postArticle extracts one posted article and stores it: 201 with the
// store's PutResult when it is new, 200 when it was already stored.
func (s *server) postArticle(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	body, meta, err := s.readArticle(w, r)
	if err != nil {
		var he *httpError
		if errors.As(err, &he) {
			writeError(w, he.code, he.msg)
		} else {
			s.fail(w, r, err)
		}
		return
	}

	select {
	case s.extracting <- struct{}{}:
	case <-r.Context().Done():
		writeError(w, http.StatusServiceUnavailable, "the server is busy extracting other articles")
		return
	}
	doc, err := s.extract(body, meta)
	<-s.extracting
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "cannot extract an article: "+err.Error())
		return
	}

	source := "api"
	if meta.URL != "" {
		source = meta.URL
	}
	res, err := s.st.Put(r.Context(), []store.Item{{Doc: doc, Source: source}})
	if err == nil && len(res) != 1 {
		err = fmt.Errorf("store put %d results for one item", len(res))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if res[0].New {
		code = http.StatusCreated
		w.Header().Set("Location", "/api/articles/"+res[0].ArticleID)
	}
	if res[0].Events == nil {
		res[0].Events = []int64{}
	}
	s.log.Info("article posted", "article", res[0].ArticleID, "new", res[0].New, "events", len(res[0].Events), "source", source)
	writeJSON(w, code, res[0])
}

// authorized checks the bearer token in constant time: 403 when the write
// API is off (no token configured), 401 when the request has none or
// another.
func (s *server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opt.Token == "" {
		writeError(w, http.StatusForbidden, "write API is off: start the server with --token or SITREP_TOKEN to accept articles")
		return false
	}
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		writeError(w, http.StatusUnauthorized, "this route needs a bearer token: Authorization: Bearer TOKEN")
		return false
	}
	// Hashing first makes the comparison independent of the lengths.
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(s.opt.Token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep", error="invalid_token"`)
		writeError(w, http.StatusUnauthorized, "wrong bearer token")
		return false
	}
	return true
}

// httpError is a request the client must change, with its status.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

// readArticle reads the posted article: a JSON PostArticle, or the raw page
// or text with its metadata in the query string (url, published, outlet).
func (s *server) readArticle(w http.ResponseWriter, r *http.Request) ([]byte, reader.Meta, error) {
	var meta reader.Meta
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil && ct != "" {
		return nil, meta, &httpError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q cannot be read", clip(ct))}
	}
	raw := false
	switch mt {
	case "application/json":
	case "text/html", "application/xhtml+xml", "text/plain":
		raw = true
	default:
		return nil, meta, &httpError{http.StatusUnsupportedMediaType,
			"Content-Type must be application/json ({url, html or text, published, outlet}), text/html or text/plain"}
	}

	known := postParams
	if !raw {
		known = nil // the JSON body says it all
	}
	p, err := newParams(r.URL.RawQuery, known...)
	if err != nil {
		return nil, meta, err
	}

	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, meta, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d MB", s.opt.MaxBody>>20)}
		}
		return nil, meta, &httpError{http.StatusBadRequest, "cannot read the body: " + err.Error()}
	}

	var in PostArticle
	if raw {
		var errs [3]error
		in.URL, errs[0] = p.text("url")
		in.Published, errs[1] = p.text("published")
		in.Outlet, errs[2] = p.text("outlet")
		if err := firstErr(errs[:]...); err != nil {
			return nil, meta, err
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return nil, meta, &httpError{http.StatusBadRequest, "the JSON body cannot be read: " + err.Error()}
		}
		if dec.More() {
			return nil, meta, &httpError{http.StatusBadRequest, "the JSON body holds more than one value"}
		}
		switch {
		case in.HTML != "" && in.Text != "":
			return nil, meta, &httpError{http.StatusBadRequest, "give html or text, not both"}
		case in.HTML != "":
			b = []byte(in.HTML)
		case in.Text != "":
			b = []byte(in.Text)
		default:
			return nil, meta, &httpError{http.StatusBadRequest, "give the article as html or text"}
		}
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, meta, &httpError{http.StatusBadRequest, "the article is empty"}
	}
	if err := checkMeta(&in); err != nil {
		return nil, meta, err
	}
	meta = reader.Meta{URL: in.URL, Published: in.Published, Outlet: in.Outlet, Name: "posted article"}
	if in.URL != "" {
		meta.Name = in.URL
	}
	return b, meta, nil
}

// checkMeta checks what a client says about an article: an absolute http(s)
// URL (never fetched), an ISO date, a short outlet name.
func checkMeta(in *PostArticle) error {
	in.URL = strings.TrimSpace(in.URL)
	in.Published = strings.TrimSpace(in.Published)
	in.Outlet = strings.TrimSpace(in.Outlet)
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.URL) > 2048 {
			return badParam("url", "%q is not an absolute http or https URL", clip(in.URL))
		}
	}
	if in.Published != "" && !isoDate(in.Published) {
		return badParam("published", "%q is not a date: give YYYY-MM-DD or an ISO date and time", clip(in.Published))
	}
	if len(in.Outlet) > 200 || strings.ContainsFunc(in.Outlet, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return badParam("outlet", "give a name of at most 200 bytes without control characters")
	}
	return nil
}

func isoDate(s string) bool {
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

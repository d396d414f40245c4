package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
)

// quiet is a logger for tests that expect faults.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// call serves one request and returns the recorded answer.
func call(t testing.TB, h http.Handler, method, target string, body io.Reader, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// errorBody decodes a JSON error answer and checks its shape.
func errorBody(t *testing.T, w *httptest.ResponseRecorder) Error {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error answer has Content-Type %q, want JSON: %s", ct, w.Body)
	}
	var e Error
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error answer is not {error, status}: %v", err)
	}
	if e.Status != w.Code || e.Error == "" {
		t.Fatalf("error body %+v does not match status %d", e, w.Code)
	}
	return e
}

// badQueries are, for every route, query strings that must be answered 400
// and the parameter the message must name.
var badQueries = map[string][][2]string{
	"/api/events": {
		{"text=" + strings.Repeat("x", 501), "text"},
		{"text=a%00b", "text"},
		{"text=%ff%fe", "text"},
		{"class=bombing", "class"},
		{"country=UKR", "country"},
		{"country=1A", "country"},
		{"admin1=" + strings.Repeat("é", 300), "admin1"},
		{"near=50,30", "near"},
		{"near=a,b,c", "near"},
		{"near=91,0,5", "near"},
		{"near=0,181,5", "near"},
		{"near=0,0,0", "near"},
		{"near=0,0,-1", "near"},
		{"near=0,0,NaN", "near"},
		{"near=0,0,Inf", "near"},
		{"near=0,0,30000", "near"},
		{"near=0,0,5,1", "near"},
		{"bbox=1,2,3", "bbox"},
		{"bbox=x,0,1,1", "bbox"},
		{"bbox=0,10,1,5", "bbox"},
		{"bbox=10,0,5,1", "bbox"},
		{"bbox=0,-91,1,1", "bbox"},
		{"bbox=-181,0,1,1", "bbox"},
		{"bbox=0,0,1,1e999", "bbox"},
		{"since=2024-13-01", "since"},
		{"since=2024-1-1", "since"},
		{"since=yesterday", "since"},
		{"since=2024-02-30", "since"},
		{"since=2024-02-01T00:00:00Z", "since"},
		{"until=x", "until"},
		{"since=2024-03-02&until=2024-03-01", "until"},
		{"actor=" + strings.Repeat("a", 600), "actor"},
		{"speaker=%07", "speaker"},
		{"article=xyz", "article"},
		{"article=" + strings.Repeat("a", 63), "article"},
		{"article=" + strings.Repeat("g", 64), "article"},
		{"limit=abc", "limit"},
		{"limit=0", "limit"},
		{"limit=1001", "limit"},
		{"limit=-1", "limit"},
		{"limit=1.5", "limit"},
		{"limit=99999999999999999999", "limit"},
		{"cursor=" + strings.Repeat("c", 2000), "cursor"},
		{"cursor=a%20b", "cursor"},
		{"cursor=!!!", "cursor"}, // well formed to the API, refused by the store
		{"colour=red", "colour"},
		{"class=attack&class=riot", "class"},
		{"class=%zz", "query"},
	},
	"/api/articles": {
		{"text=%01", "text"}, {"outlet=" + strings.Repeat("o", 501), "outlet"},
		{"since=2024-00-10", "since"}, {"until=20240310", "until"}, {"since=2024-03-02&until=2024-03-01", "until"},
		{"limit=x", "limit"}, {"limit=5000", "limit"}, {"cursor=zz%7F", "cursor"}, {"cursor=%%%", "query"},
		{"class=attack", "class"},
	},
	"/api/entities": {
		{"name=%00", "name"}, {"type=animal", "type"}, {"limit=0", "limit"}, {"cursor=@@@", "cursor"}, {"text=x", "text"},
	},
	"/api/quotes": {
		{"text=%1b", "text"}, {"speaker=" + strings.Repeat("s", 501), "speaker"}, {"speaker_id=x", "speaker_id"},
		{"speaker_id=0", "speaker_id"}, {"speaker_id=-3", "speaker_id"}, {"article=1234", "article"},
		{"since=2024-02-31", "since"}, {"until=2024", "until"}, {"limit=1e3", "limit"}, {"cursor=!!!", "cursor"},
		{"class=attack", "class"},
	},
	"/api/figures": {
		{"category=dead", "category"}, {"claimant=%00", "claimant"}, {"event=abc", "event"}, {"event=0", "event"},
		{"article=nothex", "article"}, {"country=Ukraine", "country"}, {"since=2024/03/01", "since"},
		{"until=31-12-2024", "until"}, {"limit=-5", "limit"}, {"cursor=!!!", "cursor"}, {"speaker=x", "speaker"},
	},
	"/api/search": {
		{"", "q"}, {"q=", "q"}, {"q=%20%20", "q"}, {"q=" + strings.Repeat("q", 501), "q"}, {"q=x&class=nope", "class"},
		{"q=x&near=1,2", "near"}, {"q=x&bbox=1,1,0,0", "bbox"}, {"q=x&since=2024-3-1", "since"}, {"q=x&limit=101", "limit"},
		{"q=x&limit=0", "limit"}, {"q=x&cursor=abc", "cursor"}, {"q=x&text=y", "text"},
	},
	"/api/report": {
		{"", "region"}, {"region=UA", "date"}, {"region=UA&date=x", "date"}, {"region=UA&date=2024-03-05&format=pdf", "format"},
		{"region=UA&since=2020-01-01&until=2024-01-01", "until"}, {"region=UA&date=2024-03-05&limit=5", "limit"},
	},
	"/api/export.csv": {
		{"class=x", "class"}, {"near=0,0,0", "near"}, {"limit=10", "limit"}, {"cursor=abc", "cursor"}, {"since=x", "since"},
	},
	"/api/export.geojson": {
		{"bbox=0,0", "bbox"}, {"country=U", "country"}, {"limit=10", "limit"}, {"until=2024-13-13", "until"},
	},
	"/api/events/1":                            {{"x=1", "x"}},
	"/api/entities/1":                          {{"limit=1", "limit"}},
	"/api/articles/" + fakeArticleID():         {{"full=1", "full"}},
	"/api/openapi.json":                        {{"v=2", "v"}},
	"/api/events/abc":                          {{"", "id"}},
	"/api/events/0":                            {{"", "id"}},
	"/api/events/-4":                           {{"", "id"}},
	"/api/events/99999999999999999999":         {{"", "id"}},
	"/api/entities/1.5":                        {{"", "id"}},
	"/api/articles/xyz":                        {{"", "id"}},
	"/api/articles/" + strings.Repeat("z", 64): {{"", "id"}},
}

func fakeArticleID() string { return strings.Repeat("ab", 32) }

func TestBadQueriesAre400(t *testing.T) {
	h := New(newFake(3), Options{Logger: quiet, CSV: testCSV, GeoJSON: testCSV})
	for path, cases := range badQueries {
		for _, c := range cases {
			target := path
			if c[0] != "" {
				target += "?" + c[0]
			}
			w := call(t, h, "GET", target, nil)
			if w.Code != http.StatusBadRequest {
				t.Errorf("GET %.120s: status %d, want 400: %.200s", target, w.Code, w.Body)
				continue
			}
			e := errorBody(t, w)
			if !strings.Contains(e.Error, c[1]) {
				t.Errorf("GET %.120s: message %q does not name %q", target, e.Error, c[1])
			}
		}
	}
}

// TestGoodQueries reads the filters as the store gets them.
func TestGoodQueries(t *testing.T) {
	f := newFake(3)
	h := New(f, Options{Logger: quiet})
	w := call(t, h, "GET", "/api/events?text=+shelling+&class=ATTACK&country=ua&near=50.45,30.52,25&bbox=22,44,40,53"+
		"&since=2024-03-01&until=2024-03-31&actor=army&speaker=Zelensky&article="+strings.ToUpper(fakeArticleID())+"&limit=2&admin1=", nil)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	want := store.EventFilter{Text: "shelling", Class: "attack", Country: "UA", Near: &store.Circle{Lat: 50.45, Lon: 30.52, Km: 25},
		BBox: &store.BBox{West: 22, South: 44, East: 40, North: 53}, Since: "2024-03-01", Until: "2024-03-31",
		Actor: "army", Speaker: "Zelensky", Article: fakeArticleID(), Limit: 2}
	got := f.lastEvents
	if got.Near == nil || *got.Near != *want.Near || got.BBox == nil || *got.BBox != *want.BBox {
		t.Fatalf("near, bbox = %+v, %+v", got.Near, got.BBox)
	}
	got.Near, got.BBox, want.Near, want.BBox = nil, nil, nil, nil
	if got != want {
		t.Errorf("filter\n got %+v\nwant %+v", got, want)
	}

	// An empty value is no filter, as a form sends a field left blank.
	if w := call(t, h, "GET", "/api/events?class=&country=&since=&limit=&cursor=", nil); w.Code != 200 {
		t.Fatalf("empty values: status %d: %s", w.Code, w.Body)
	}
	if f.lastEvents != (store.EventFilter{}) {
		t.Errorf("empty values gave filter %+v", f.lastEvents)
	}

	if w := call(t, h, "GET", "/api/search?q=Kharkiv&class=protest&limit=5", nil); w.Code != 200 {
		t.Fatalf("search: status %d: %s", w.Code, w.Body)
	}
	if q := f.lastSearch; q.Text != "Kharkiv" || q.Events.Class != "protest" || q.Limit != 5 {
		t.Errorf("search query %+v", q)
	}
}

func TestNotFound(t *testing.T) {
	h := New(newFake(3), Options{Logger: quiet})
	for _, target := range []string{
		"/api/events/4", "/api/entities/99", "/api/articles/" + strings.Repeat("0", 64),
		"/api/nothing", "/api/events/1/reports", "/api/events/", "/", "/api", "/healthz/x",
	} {
		w := call(t, h, "GET", target, nil)
		if w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404: %s", target, w.Code, w.Body)
			continue
		}
		errorBody(t, w)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := New(newFake(3), Options{Logger: quiet})
	for _, c := range []struct{ method, target, allow string }{
		{"POST", "/api/events", "GET, HEAD"},
		{"DELETE", "/api/articles", "GET, HEAD, POST"},
		{"PUT", "/api/events/1", "GET, HEAD"},
		{"POST", "/healthz", "GET, HEAD"},
		{"PATCH", "/metrics", "GET, HEAD"},
		{"OPTIONS", "/api/search", "GET, HEAD"},
	} {
		w := call(t, h, c.method, c.target, nil)
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: status %d, want 405", c.method, c.target, w.Code)
			continue
		}
		if got := w.Header().Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.target, got, c.allow)
		}
		errorBody(t, w)
	}
}

func TestStoreFaults(t *testing.T) {
	f := newFake(3)
	h := New(f, Options{Logger: quiet})

	f.err = errors.New("disk on fire")
	w := call(t, h, "GET", "/api/events", nil)
	if w.Code != 500 || strings.Contains(w.Body.String(), "fire") {
		t.Errorf("store error: status %d, body %s; want 500 without the details", w.Code, w.Body)
	}
	errorBody(t, w)
	if w := call(t, h, "GET", "/healthz", nil); w.Code != 503 {
		t.Errorf("healthz on a failing store: status %d, want 503", w.Code)
	}

	f.err = fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	if w := call(t, h, "GET", "/api/quotes", nil); w.Code != 400 {
		t.Errorf("ErrBadQuery: status %d, want 400", w.Code)
	}

	f.err = nil
	f.panic = "boom"
	for _, target := range []string{"/api/events", "/api/events/1", "/api/search?q=x", "/healthz"} {
		w := call(t, h, "GET", target, nil)
		if w.Code != 500 {
			t.Errorf("panic in %s: status %d, want 500", target, w.Code)
		}
		errorBody(t, w)
	}
}

func TestHeaders(t *testing.T) {
	h := New(newFake(3), Options{Logger: quiet})
	for _, target := range []string{"/api/events", "/api/events/1", "/api/nothing", "/api/openapi.json", "/healthz"} {
		w := call(t, h, "GET", target, nil, "Origin", "https://evil.example")
		if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, got)
		}
		if got := w.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", target, got)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: CORS is on by default: %q", target, got)
		}
	}
	h = New(newFake(3), Options{Logger: quiet, AllowOrigin: "https://map.example"})
	if got := call(t, h, "GET", "/api/events", nil).Header().Get("Access-Control-Allow-Origin"); got != "https://map.example" {
		t.Errorf("AllowOrigin: got %q", got)
	}
}

func TestJSONKeepsAngleBrackets(t *testing.T) {
	f := newFake(1)
	f.events[0].Summary = "<b>attack</b> & more"
	w := call(t, New(f, Options{Logger: quiet}), "GET", "/api/events", nil)
	if !strings.Contains(w.Body.String(), `"<b>attack</b> & more"`) {
		t.Errorf("body %s", w.Body)
	}
}

func TestPagination(t *testing.T) {
	f := newFake(23)
	h := New(f, Options{Logger: quiet})
	seen := map[int64]int{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("more pages than events")
		}
		q := url.Values{"limit": {"5"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		w := call(t, h, "GET", "/api/events?"+q.Encode(), nil)
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		var p store.Page[store.Event]
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			seen[e.ID]++
		}
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	if len(seen) != 23 {
		t.Errorf("walked %d events, want 23", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("event %d seen %d times", id, n)
		}
	}
}

func TestEmptyListIsArray(t *testing.T) {
	w := call(t, New(newFake(0), Options{Logger: quiet}), "GET", "/api/events", nil)
	if got := strings.TrimSpace(w.Body.String()); got != `{"items":[]}` {
		t.Errorf("empty page %s", got)
	}
	w = call(t, New(newFake(0), Options{Logger: quiet}), "GET", "/api/search?q=nothing", nil)
	if got := strings.TrimSpace(w.Body.String()); got != `{"articles":[],"events":[],"quotes":[]}` {
		t.Errorf("empty search %s", got)
	}
}

// stubExtract makes a document of the posted bytes without the pipeline.
func stubExtract(b []byte, meta reader.Meta) (*document.Document, error) {
	if strings.Contains(string(b), "not an article") {
		return nil, errors.New("no article text found")
	}
	d := document.New()
	d.Text = string(b)
	d.ID = extract.ContentID(d.Text)
	d.Title = meta.Outlet + "|" + meta.URL + "|" + meta.Published
	return d, nil
}

func TestPostAuth(t *testing.T) {
	post := func(h http.Handler, hdr ...string) *httptest.ResponseRecorder {
		hdr = append(hdr, "Content-Type", "text/plain")
		return call(t, h, "POST", "/api/articles", strings.NewReader("Some article text."), hdr...)
	}
	f := newFake(0)
	off := New(f, Options{Logger: quiet, Extract: stubExtract})
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer anything"}} {
		w := post(off, hdr...)
		if w.Code != http.StatusForbidden || !strings.Contains(errorBody(t, w).Error, "write API is off") {
			t.Errorf("no token configured: status %d: %s", w.Code, w.Body)
		}
	}

	on := New(f, Options{Logger: quiet, Extract: stubExtract, Token: "s3cret"})
	for _, auth := range []string{"", "Bearer", "Bearer ", "Basic s3cret", "Bearer s3cre", "Bearer s3cret2", "bearer S3CRET", "s3cret"} {
		w := post(on, "Authorization", auth)
		if w.Code != http.StatusUnauthorized {
			t.Errorf("Authorization %q: status %d, want 401", auth, w.Code)
			continue
		}
		errorBody(t, w)
		if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("Authorization %q: WWW-Authenticate %q", auth, w.Header().Get("WWW-Authenticate"))
		}
	}
	if len(f.puts) != 0 {
		t.Fatalf("refused posts stored %d items", len(f.puts))
	}
	w := post(on, "Authorization", "Bearer s3cret")
	if w.Code != http.StatusCreated {
		t.Fatalf("right token: status %d: %s", w.Code, w.Body)
	}
	var res store.PutResult
	json.Unmarshal(w.Body.Bytes(), &res)
	if w.Header().Get("Location") != "/api/articles/"+res.ArticleID || !res.New {
		t.Errorf("201 answer %s, Location %q", w.Body, w.Header().Get("Location"))
	}
	if w := post(on, "Authorization", "bearer s3cret"); w.Code != http.StatusOK {
		t.Errorf("repeat: status %d, want 200: %s", w.Code, w.Body)
	}
}

func TestPostBodies(t *testing.T) {
	f := newFake(0)
	h := New(f, Options{Logger: quiet, Extract: stubExtract, Token: "t", MaxBody: 1 << 10})
	auth := []string{"Authorization", "Bearer t"}
	for _, c := range []struct {
		name, ct, query, body string
		code                  int
		title                 string // the stub's outlet|url|published
	}{
		{"json text", "application/json", "", `{"text":"A story.","outlet":"UPI","published":"2024-03-02","url":"https://example.org/a"}`, 201, "UPI|https://example.org/a|2024-03-02"},
		{"json html", "application/json; charset=utf-8", "", `{"html":"<p>A story!</p>"}`, 201, "||"},
		{"raw text with meta", "text/plain; charset=utf-8", "?outlet=AP&published=2024-03-02T10:00:00Z&url=http://example.org/b", "Another story", 201, "AP|http://example.org/b|2024-03-02T10:00:00Z"},
		{"raw html", "text/html", "", "<html><p>Third story.</p></html>", 201, "||"},
		{"both", "application/json", "", `{"text":"a","html":"<p>b</p>"}`, 400, ""},
		{"neither", "application/json", "", `{"url":"https://example.org/"}`, 400, ""},
		{"unknown field", "application/json", "", `{"txt":"a"}`, 400, ""},
		{"two values", "application/json", "", `{"text":"a"} {"text":"b"}`, 400, ""},
		{"not json", "application/json", "", `text=a`, 400, ""},
		{"blank", "text/plain", "", "  \n ", 400, ""},
		{"bad published", "application/json", "", `{"text":"a","published":"yesterday"}`, 400, ""},
		{"bad url", "application/json", "", `{"text":"a","url":"ftp://example.org/"}`, 400, ""},
		{"relative url", "text/plain", "?url=/news/a", "a", 400, ""},
		{"query with json", "application/json", "?outlet=AP", `{"text":"a"}`, 400, ""},
		{"unknown query", "text/plain", "?title=x", "a", 400, ""},
		{"no content type", "", "", "a", 415, ""},
		{"form", "application/x-www-form-urlencoded", "", "text=a", 415, ""},
		{"bad content type", "text/", "", "a", 415, ""},
		{"too large", "text/plain", "", strings.Repeat("x", 2<<10), 413, ""},
		{"not an article", "text/plain", "", "this is not an article", 422, ""},
	} {
		hdr := append([]string{}, auth...)
		if c.ct != "" {
			hdr = append(hdr, "Content-Type", c.ct)
		}
		w := call(t, h, "POST", "/api/articles"+c.query, strings.NewReader(c.body), hdr...)
		if w.Code != c.code {
			t.Errorf("%s: status %d, want %d: %s", c.name, w.Code, c.code, w.Body)
			continue
		}
		if c.code >= 400 {
			errorBody(t, w)
			continue
		}
		last := f.puts[len(f.puts)-1]
		if last.Doc.Title != c.title {
			t.Errorf("%s: extracted with meta %q, want %q", c.name, last.Doc.Title, c.title)
		}
	}
}

func TestHealthzAndMetrics(t *testing.T) {
	h := New(newFake(4), Options{Logger: quiet})
	w := call(t, h, "GET", "/healthz", nil)
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"status":"ok"}` {
		t.Errorf("healthz: %d %s", w.Code, w.Body)
	}
	call(t, h, "GET", "/api/events/1", nil)
	call(t, h, "GET", "/api/events/2", nil)
	call(t, h, "GET", "/api/events?limit=0", nil)
	call(t, h, "BREW", "/api/events", nil)
	call(t, h, "GET", "/no/such/path", nil)
	w = call(t, h, "GET", "/metrics", nil)
	if w.Code != 200 {
		t.Fatalf("metrics: %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`sitrep_http_requests_total{method="GET",route="GET /api/events/{id}",status="200"} 2`,
		`sitrep_http_requests_total{method="GET",route="GET /api/events",status="400"} 1`,
		`sitrep_http_requests_total{method="OTHER",route="unmatched",status="405"} 1`,
		`sitrep_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`sitrep_http_request_duration_seconds_bucket{method="GET",route="GET /api/events/{id}",status="200",le="+Inf"} 2`,
		`sitrep_store_items{kind="events"} 4`,
		`sitrep_store_items{kind="articles"} 1`,
		`sitrep_store_up 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// testCSV is an export format for the tests: one line per event.
var testCSV = &Exporter{ContentType: "text/csv; charset=utf-8", Filename: "events.csv", Detail: true,
	New: func(w io.Writer) EventWriter { return &lineWriter{w: w} }}

type lineWriter struct {
	w io.Writer
	n int
}

func (l *lineWriter) Write(d *store.EventDetail) error {
	if l.n == 0 {
		io.WriteString(l.w, "id,summary,reports\n")
	}
	l.n++
	_, err := io.WriteString(l.w, strings.Join([]string{itoa(d.ID), d.Summary, itoa(int64(len(d.Reports)))}, ",")+"\n")
	return err
}
func (l *lineWriter) Flush() error { return nil }
func (l *lineWriter) Close() error {
	if l.n == 0 {
		io.WriteString(l.w, "id,summary,reports\n")
	}
	return nil
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestExportWalksAllPages(t *testing.T) {
	f := newFake(exportPage*2 + 7)
	h := New(f, Options{Logger: quiet, CSV: testCSV})
	w := call(t, h, "GET", "/api/export.csv?country=UA", nil)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	lines := strings.Split(strings.TrimSpace(w.Body.String()), "\n")
	if len(lines) != len(f.events)+1 {
		t.Errorf("%d lines, want %d", len(lines), len(f.events)+1)
	}
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="events.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if f.lastEvents.Country != "UA" || f.lastEvents.Limit != exportPage {
		t.Errorf("last page read with %+v", f.lastEvents)
	}
	if w := call(t, New(f, Options{Logger: quiet, CSV: testCSV}), "GET", "/api/export.csv?class=riot", nil); strings.TrimSpace(w.Body.String()) != "id,summary,reports" {
		t.Errorf("empty export: %q", w.Body)
	}
}

// TestExportCutShort checks that a fault in the middle of a download cuts
// the connection rather than ending a file that looks whole.
func TestExportCutShort(t *testing.T) {
	f := newFake(exportPage + 3)
	h := New(f, Options{Logger: quiet, CSV: &Exporter{ContentType: "text/csv", Detail: true,
		New: func(w io.Writer) EventWriter {
			return &failingWriter{lineWriter: lineWriter{w: w}, after: exportPage + 1}
		}}})
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/export.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Error("a download cut short read as whole")
	}
}

type failingWriter struct {
	lineWriter
	after int
}

func (f *failingWriter) Write(d *store.EventDetail) error {
	if f.n >= f.after {
		return errors.New("disk full")
	}
	return f.lineWriter.Write(d)
}

func TestParamLists(t *testing.T) {
	if len(EventClasses()) < 10 || EventClasses()[0] != "attack" {
		t.Errorf("event classes %v", EventClasses())
	}
	if len(EntityTypes()) < 5 || len(FigureCategories()) < 5 {
		t.Errorf("entity types %v, figure categories %v", EntityTypes(), FigureCategories())
	}
}

// TestPanicAfterWriting checks that a fault after part of an answer is out
// cuts the connection.
func TestPanicAfterWriting(t *testing.T) {
	s := New(newFake(1), Options{Logger: quiet}).(*server)
	s.mux.HandleFunc("GET /half", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		w.Write([]byte("half"))
		http.NewResponseController(w).Flush()
		panic("boom")
	})
	srv := httptest.NewServer(s)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/half")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Error("half an answer read as whole")
	}
}

package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The tests here run the API over a real SQLite store holding the invented
// articles of testdata/, extracted by the real pipeline.

// testArticles are the files of testdata/ with what a client would say of
// them.
var testArticles = []struct {
	file string
	meta reader.Meta
}{
	{"kharkiv-shelling.txt", reader.Meta{Outlet: "Reuters", Published: "2024-03-04", URL: "https://example.org/kharkiv-shelling"}},
	{"kharkiv-shelling-update.txt", reader.Meta{Outlet: "AP", Published: "2024-03-05", URL: "https://example.org/kharkiv-toll"}},
	{"nairobi-protest.txt", reader.Meta{Outlet: "AFP", Published: "2024-02-29"}},
	{"beira-floods.html", reader.Meta{URL: "https://example.org/beira-floods"}},
}

// extracted caches the documents: extraction is the slow part.
var extracted = sync.OnceValues(func() ([]*document.Document, error) {
	var docs []*document.Document
	for _, a := range testArticles {
		b, err := os.ReadFile(filepath.Join("testdata", a.file))
		if err != nil {
			return nil, err
		}
		a.meta.Name = a.file
		d, err := extract.Extract(b, extract.Options{Meta: a.meta, Now: time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.file, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
})

// openTestStore returns a SQLite store in a temporary file with the test
// articles in it.
func openTestStore(t testing.TB) *sqlite.DB {
	t.Helper()
	docs, err := extracted()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var items []store.Item
	for i, d := range docs {
		items = append(items, store.Item{Doc: d, Source: testArticles[i].file, SourceKey: testArticles[i].file})
	}
	if _, err := db.Put(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	return db
}

// getJSON serves a GET and decodes its 200 answer.
func getJSON(t testing.TB, h http.Handler, target string, v any) {
	t.Helper()
	w := call(t, h, "GET", target, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", target, w.Code, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
}

// someIDs reads ids to ask for from the store itself.
type someIDs struct {
	article, duplicate string
	event, entity      int64
	person             int64
	claimEvent         int64
}

func readIDs(t *testing.T, h http.Handler) someIDs {
	var ids someIDs
	var arts store.Page[store.Article]
	getJSON(t, h, "/api/articles", &arts)
	if len(arts.Items) != len(testArticles) {
		t.Fatalf("%d articles stored, want %d", len(arts.Items), len(testArticles))
	}
	ids.article = arts.Items[0].ID
	var evs store.Page[store.Event]
	getJSON(t, h, "/api/events?limit=1", &evs)
	if len(evs.Items) == 0 {
		t.Fatal("no events stored")
	}
	ids.event = evs.Items[0].ID
	var ents store.Page[store.Entity]
	getJSON(t, h, "/api/entities?type=person&limit=1", &ents)
	if len(ents.Items) == 0 {
		t.Fatal("no person stored")
	}
	ids.person = ents.Items[0].ID
	getJSON(t, h, "/api/entities?type=gpe&limit=1", &ents)
	if len(ents.Items) == 0 {
		t.Fatal("no place stored")
	}
	ids.entity = ents.Items[0].ID
	var claims store.Page[store.Claim]
	getJSON(t, h, "/api/figures?category=killed", &claims)
	for _, c := range claims.Items {
		if c.EventID != nil {
			ids.claimEvent = *c.EventID
		}
	}
	return ids
}

func init() {
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/markdown", openapi3filter.PlainBodyDecoder)
}

// checkAgainstOpenAPI validates a served request and its answer against
// the document: the request (when it is one the API takes) and the
// response, whose status must be one the operation lists.
func checkAgainstOpenAPI(t *testing.T, doc *openapi3.T, r *http.Request, reqBody []byte, w *httptest.ResponseRecorder, validRequest bool) {
	t.Helper()
	name := r.Method + " " + r.URL.String()
	if len(name) > 120 {
		name = name[:120]
	}
	if r.Pattern == "" {
		errorBody(t, w) // unrouted: 404 or 405, in JSON
		return
	}
	method, path, _ := strings.Cut(r.Pattern, " ")
	item := doc.Paths.Value(path)
	if item == nil || item.GetOperation(method) == nil {
		t.Errorf("%s: served by %q, which the document does not describe", name, r.Pattern)
		return
	}
	route := &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: item.GetOperation(method)}
	params := map[string]string{}
	if strings.Contains(path, "{id}") {
		params["id"] = r.PathValue("id")
	}
	r.Body = io.NopCloser(bytes.NewReader(reqBody))
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	if validRequest {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s: the request does not match the document: %v", name, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 w.Code,
		Header:                 w.Header(),
		Body:                   io.NopCloser(bytes.NewReader(w.Body.Bytes())),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s: status %d: the answer does not match the document: %v\n%.400s", name, w.Code, err, w.Body)
	}
}

// TestResponsesMatchOpenAPI serves every route over a real store — its
// answers, its errors — and validates each request and answer against
// /api/openapi.json as served.
func TestResponsesMatchOpenAPI(t *testing.T) {
	db := openTestStore(t)
	h := New(db, Options{Logger: quiet, Token: "tok"})
	// The document as the API serves it.
	served := call(t, h, "GET", "/api/openapi.json", nil)
	doc, err := openapi3.NewLoader().LoadFromData(served.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	ids := readIDs(t, h)
	if ids.claimEvent == 0 {
		t.Fatal("no claim of killing is tied to an event")
	}
	a := ids.article

	type req struct {
		method, target string
		body           string
		hdr            []string
		code           int
	}
	get := func(target string, code int) req { return req{"GET", target, "", nil, code} }
	reqs := []req{
		get("/api/articles", 200),
		get("/api/articles?limit=2", 200),
		get("/api/articles?text=Kharkiv&since=2024-03-01&until=2024-03-31", 200),
		get("/api/articles?outlet=AFP", 200),
		get("/api/articles/"+a, 200),
		get("/api/articles/"+strings.Repeat("0", 64), 404),
		get("/api/articles/nope", 400),
		get("/api/events", 200),
		get("/api/events?limit=1", 200),
		get("/api/events?class=attack&country=UA", 200),
		get("/api/events?near=49.99,36.23,30&since=2024-02-01", 200),
		get("/api/events?bbox=30,-25,40,-15", 200),
		get("/api/events?text=shelling&actor=Russia&speaker=Syniehubov", 200),
		get("/api/events?article="+a, 200),
		get("/api/events?class=protest&admin1=Nairobi", 200),
		get("/api/events?limit=0", 400),
		get("/api/events?cursor=bm9wZQ", 400),
		get("/api/events?near=1,2", 400),
		get(fmt.Sprintf("/api/events/%d", ids.event), 200),
		get(fmt.Sprintf("/api/events/%d", ids.claimEvent), 200),
		get("/api/events/999999", 404),
		get("/api/events/x", 400),
		get("/api/entities", 200),
		get("/api/entities?name=syniehubov&type=PERSON&limit=5", 200),
		get("/api/entities?type=nope", 400),
		get(fmt.Sprintf("/api/entities/%d", ids.person), 200),
		get(fmt.Sprintf("/api/entities/%d", ids.entity), 200),
		get("/api/entities/424242", 404),
		get("/api/quotes", 200),
		get("/api/quotes?speaker=Syniehubov", 200),
		get(fmt.Sprintf("/api/quotes?speaker_id=%d&since=2024-03-01", ids.person), 200),
		get("/api/quotes?text=rubble&article="+a, 200),
		get("/api/quotes?speaker_id=0", 400),
		get("/api/figures", 200),
		get("/api/figures?category=killed&country=UA", 200),
		get(fmt.Sprintf("/api/figures?event=%d", ids.claimEvent), 200),
		get("/api/figures?claimant=governor&since=2024-03-01&until=2024-03-31&article="+a, 200),
		get("/api/figures?category=dead", 400),
		get("/api/search?q=Kharkiv", 200),
		get("/api/search?q=tear+gas&class=protest&limit=3", 200),
		get("/api/search?q=NEAR+%22*", 200),
		get("/api/search", 400),
		get("/api/report?region=UA&since=2024-03-01&until=2024-03-31", 200),
		get("/api/report?region=Ukraine&date=2024-03-05&format=html", 200),
		get("/api/report?region=30,44,40,53&date=2024-03-05&format=json", 200),
		get("/api/report?region=UA", 400),
		get("/api/report?region=Atlantis&date=2024-03-05", 200), // an unknown region: an empty report
		get("/api/report?region=UA&date=2024-13-45", 400),
		get("/api/report?region=UA&date=2024-03-05&format=pdf", 400),
		get("/api/report?date=2024-03-05", 400),
		get("/api/export.csv", 200),
		get("/api/export.csv?country=UA", 200),
		get("/api/export.csv?class=riot", 200),
		get("/api/export.csv?bbox=1,1", 400),
		get("/api/export.geojson", 200),
		get("/api/export.geojson?since=2024-03-01", 200),
		get("/api/export.geojson?limit=3", 400),
		get("/api/openapi.json", 200),
		get("/healthz", 200),
		get("/metrics", 200),
		get("/api/nothing", 404),
		{"DELETE", "/api/events", "", nil, 405},
		{"POST", "/api/articles", `{"text":"` + newArticle + `","published":"2024-03-06","outlet":"Test Wire"}`,
			[]string{"Content-Type", "application/json", "Authorization", "Bearer tok"}, 201},
		{"POST", "/api/articles", `{"text":"` + newArticle + `","published":"2024-03-06","outlet":"Test Wire"}`,
			[]string{"Content-Type", "application/json", "Authorization", "Bearer tok"}, 200},
		{"POST", "/api/articles?outlet=Test+Wire", "<html><body><p>" + strings.NewReplacer(`\n`, "</p><p>", `\"`, `"`).Replace(newArticle) + " Update.</p></body></html>",
			[]string{"Content-Type", "text/html; charset=utf-8", "Authorization", "Bearer tok"}, 201},
		{"POST", "/api/articles", `{"text":"x"}`, []string{"Content-Type", "application/json", "Authorization", "Bearer wrong"}, 401},
		{"POST", "/api/articles", `{"text":"x"}`, []string{"Content-Type", "application/json"}, 401},
		{"POST", "/api/articles", `{"text":"x","html":"y"}`, []string{"Content-Type", "application/json", "Authorization", "Bearer tok"}, 400},
		{"POST", "/api/articles", `x`, []string{"Content-Type", "image/png", "Authorization", "Bearer tok"}, 415},
		{"POST", "/api/articles", `{"text":"\u0000\u0001"}`, []string{"Content-Type", "application/json", "Authorization", "Bearer tok"}, 422},
	}
	for _, c := range reqs {
		r := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
		for i := 0; i+1 < len(c.hdr); i += 2 {
			r.Header.Set(c.hdr[i], c.hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.code {
			t.Errorf("%s %s: status %d, want %d: %.300s", c.method, c.target, w.Code, c.code, w.Body)
		}
		checkAgainstOpenAPI(t, doc, r, []byte(c.body), w, c.code < 300)
	}

	// The write API off: 403, also as the document says.
	off := New(db, Options{Logger: quiet})
	r := httptest.NewRequest("POST", "/api/articles", strings.NewReader(`{"text":"x"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer tok")
	w := httptest.NewRecorder()
	off.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Errorf("write API off: status %d, want 403", w.Code)
	}
	checkAgainstOpenAPI(t, doc, r, []byte(`{"text":"x"}`), w, false)
}

// newArticle is posted by the tests; \n are JSON escapes.
const newArticle = `Protesters block highway near Nairobi over fuel prices\n\nNAIROBI, Kenya (Test Wire) — Hundreds of protesters blocked the main highway into Nairobi on Wednesday over rising fuel prices, police said. At least 15 people were arrested.\n\n\"We cannot feed our families,\" said Peter Otieno, a motorcycle taxi driver.`

// TestDetailsAreWhole checks what the detail routes carry over a real
// store: an article's whole document, an event's reports and claims.
func TestDetailsAreWhole(t *testing.T) {
	h := New(openTestStore(t), Options{Logger: quiet})
	ids := readIDs(t, h)
	var a store.ArticleDetail
	getJSON(t, h, "/api/articles/"+ids.article, &a)
	if a.Document == nil || a.Document.ID != ids.article || a.Document.Text == "" {
		t.Errorf("article detail without its document: %+v", a.Article)
	}
	var e store.EventDetail
	getJSON(t, h, fmt.Sprintf("/api/events/%d", ids.claimEvent), &e)
	if len(e.Reports) == 0 || len(e.Claims) == 0 || e.ReportCount != len(e.Reports) {
		t.Errorf("event %d: %d reports (count %d), %d claims", e.ID, len(e.Reports), e.ReportCount, len(e.Claims))
	}
	var csv string
	if w := call(t, h, "GET", "/api/export.csv", nil); w.Code == 200 {
		csv = w.Body.String()
	}
	if !strings.HasPrefix(csv, "event_id_cnty,") || !strings.Contains(csv, "Reuters") {
		t.Errorf("CSV export:\n%.600s", csv)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			ID int64 `json:"id"`
		} `json:"features"`
	}
	getJSON(t, h, "/api/export.geojson", &fc)
	if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		t.Errorf("GeoJSON export: %+v", fc)
	}
}

// walk follows the cursors of a list and returns the ids it saw, in order.
func walk[T any](t *testing.T, h http.Handler, path string, q url.Values, id func(T) string) []string {
	t.Helper()
	var seen []string
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatalf("%s: the cursors do not end", path)
		}
		var p store.Page[T]
		getJSON(t, h, path+"?"+q.Encode(), &p)
		for _, it := range p.Items {
			seen = append(seen, id(it))
		}
		if p.Next == "" {
			return seen
		}
		if len(p.Items) == 0 {
			t.Fatalf("%s: an empty page with a next cursor", path)
		}
		q.Set("cursor", p.Next)
	}
}

// TestCursorWalk walks every list page by page, at several page sizes and
// with filters, and checks that it sees every item exactly once, in the
// order of one big page.
func TestCursorWalk(t *testing.T) {
	db := openTestStore(t)
	h := New(db, Options{Logger: quiet})
	// More events, on the same days as others, so that pages split ties.
	for i := 0; i < 3; i++ {
		body := fmt.Sprintf(`{"text":"Protest in Nairobi number %d\n\nNAIROBI, Kenya (Wire) — About %d people protested in Nairobi on Thursday against the tax bill, police said. Police arrested %d protesters.","published":"2024-02-29"}`, i, 100*(i+1), i+2)
		w := call(t, New(db, Options{Logger: quiet, Token: "t"}), "POST", "/api/articles", strings.NewReader(body),
			"Content-Type", "application/json", "Authorization", "Bearer t")
		if w.Code != 201 {
			t.Fatalf("post: %d %s", w.Code, w.Body)
		}
	}
	evID := func(e store.Event) string { return fmt.Sprint(e.ID) }
	for _, filter := range []url.Values{{}, {"country": {"KE"}}, {"since": {"2024-03-01"}}, {"class": {"protest"}}} {
		all := walk(t, h, "/api/events", url.Values{"limit": {"1000"}, "country": filter["country"], "since": filter["since"], "class": filter["class"]}, evID)
		if len(all) < 2 && len(filter) == 0 {
			t.Fatalf("only %d events", len(all))
		}
		for _, limit := range []string{"1", "2", "3", "7"} {
			q := url.Values{"limit": {limit}}
			for k, v := range filter {
				q[k] = v
			}
			got := walk(t, h, "/api/events", q, evID)
			if !slices.Equal(got, all) {
				t.Errorf("events %v by %s: walked %v, want %v", filter, limit, got, all)
			}
		}
	}
	check := func(name string, got []string, want int) {
		t.Helper()
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("%s: %s seen twice", name, id)
			}
			seen[id] = true
		}
		if want >= 0 && len(got) != want {
			t.Errorf("%s: walked %d, want %d", name, len(got), want)
		}
	}
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	check("articles", walk(t, h, "/api/articles", url.Values{"limit": {"2"}}, func(a store.Article) string { return a.ID }), int(st.Articles))
	check("entities", walk(t, h, "/api/entities", url.Values{"limit": {"3"}}, func(e store.Entity) string { return fmt.Sprint(e.ID) }), int(st.Entities))
	check("quotes", walk(t, h, "/api/quotes", url.Values{"limit": {"2"}}, func(q store.Quote) string { return fmt.Sprint(q.ID) }), int(st.Quotes))
	check("claims", walk(t, h, "/api/figures", url.Values{"limit": {"2"}}, func(c store.Claim) string { return fmt.Sprint(c.ID) }), int(st.Claims))
	check("events", walk(t, h, "/api/events", url.Values{"limit": {"1"}}, evID), int(st.Events))

	// The exports walk every page too.
	w := call(t, h, "GET", "/api/export.csv", nil)
	if lines := strings.Count(w.Body.String(), "\n"); lines < int(st.Events)+1 {
		t.Errorf("CSV export has %d lines for %d events", lines, st.Events)
	}
}

// TestBadQueriesOverSQLite sends the table of bad parameters to the real
// store: 400 every time, never 500.
func TestBadQueriesOverSQLite(t *testing.T) {
	h := New(openTestStore(t), Options{Logger: quiet})
	for path, cases := range badQueries {
		for _, c := range cases {
			target := path
			if c[0] != "" {
				target += "?" + c[0]
			}
			if w := call(t, h, "GET", target, nil); w.Code != http.StatusBadRequest {
				t.Errorf("GET %.120s: status %d, want 400: %.200s", target, w.Code, w.Body)
			}
		}
	}
	// Odd but readable values: the store takes them as text (200), or
	// says that a full-text query has no words in it (400); never 500.
	for _, v := range []string{`"`, `*`, `NEAR(a b)`, `a AND OR NOT b`, `-`, `'`, `''`, `%`, `_`, `\`, `a:b`, `^x`, `{x}`,
		`(`, `)`, `"unbalanced`, `Харків`, `ش`, `😀`, `a* b*`, `col:word`, `x'; DROP TABLE articles; --`} {
		q := url.QueryEscape(v)
		for _, target := range []string{"/api/events?text=" + q, "/api/articles?text=" + q, "/api/quotes?text=" + q,
			"/api/search?q=" + q, "/api/entities?name=" + q, "/api/figures?claimant=" + q, "/api/events?actor=" + q,
			"/api/events?speaker=" + q, "/api/articles?outlet=" + q, "/api/quotes?speaker=" + q, "/api/events?admin1=" + q} {
			w := call(t, h, "GET", target, nil)
			fullText := strings.Contains(target, "text=") || strings.Contains(target, "q=")
			switch {
			case w.Code == http.StatusOK:
			case w.Code == http.StatusBadRequest && fullText:
				errorBody(t, w)
			default:
				t.Errorf("GET %s: status %d, want 200: %.200s", target, w.Code, w.Body)
			}
		}
	}
	// Cursors a client forged or mangled: the store refuses them, 400.
	for _, cur := range []string{"bm9wZQ", "AAAA", "x", "MjAyNC0wMy0wNAB4", "Ly8v", "MjAyNAAtMQ", strings.Repeat("A", 1000)} {
		for _, path := range []string{"/api/events", "/api/articles", "/api/entities", "/api/quotes", "/api/figures"} {
			if w := call(t, h, "GET", path+"?cursor="+cur, nil); w.Code != 400 && w.Code != 200 {
				t.Errorf("GET %s?cursor=%.40s: status %d, want 400 (or 200 for a cursor that reads as one): %.200s", path, cur, w.Code, w.Body)
			}
		}
	}
}

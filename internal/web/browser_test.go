package web_test

// The page in a real browser: headless Chromium driven by chromedp against
// an in-process server with the real API over a real SQLite store, filled by
// extracting articles. The tests skip, saying why, when Chromium or the built
// page (web/dist) is missing: CI installs Chromium and builds the page first
// (see the package documentation of these tests in the README's "Web page").

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/sitrep/sitrep/internal/api"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/web"
	"github.com/sitrep/sitrep/samples"
)

// corpusDir is the shared dev corpus beside the repository.
const corpusDir = "../../../shared/corpus/dev"

// article is one input to extract and store.
type article struct {
	name string
	body []byte
	meta reader.Meta
}

var datedName = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})`)

// sampleArticles are the articles bundled in samples/.
func sampleArticles(t testing.TB) []article {
	t.Helper()
	var out []article
	for _, name := range samples.Articles() {
		b, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, article{name: name, body: b, meta: reader.Meta{Name: name}})
	}
	return out
}

// corpusArticles are the articles of the shared dev corpus; the test skips
// when it is absent.
func corpusArticles(t testing.TB) []article {
	t.Helper()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Skipf("no shared dev corpus at %s (%v): skipping", corpusDir, err)
	}
	var out []article
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".html" && ext != ".txt") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		meta := reader.Meta{Name: e.Name()}
		if m := datedName.FindString(e.Name()); m != "" {
			meta.Published = m
		}
		out = append(out, article{name: e.Name(), body: b, meta: meta})
	}
	return out
}

// newStore extracts the articles into a fresh SQLite store.
func newStore(t testing.TB, arts []article) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, a := range arts {
		doc, err := extract.Extract(a.body, extract.Options{Meta: a.meta})
		if err != nil {
			t.Fatalf("extract %s: %v", a.name, err)
		}
		if _, err := st.Put(ctx, []store.Item{{Doc: doc, Source: a.name, SourceKey: "test:" + a.name}}); err != nil {
			t.Fatalf("store %s: %v", a.name, err)
		}
	}
	return st
}

// assetsDir is the built page, or the test skips.
func assetsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("SITREP_WEB_DIST")
	if dir == "" {
		dir = web.DefaultDir()
	}
	if !web.Built(dir) {
		t.Skipf("the web page is not built (no web/dist/index.html): run %s, then go test", web.BuildHint)
	}
	return dir
}

// newSite serves the API over st at /api/ and the page at /, as
// `sitrep serve` does (web.Mount).
func newSite(t testing.TB, st store.Store, dir string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(web.Mount(api.New(st, api.Options{Logger: slog.New(slog.DiscardHandler)}), dir))
	t.Cleanup(srv.Close)
	return srv
}

// chromiumPath finds the browser: $SITREP_CHROMIUM, else chromium or
// Chrome on the PATH.
func chromiumPath() string {
	if p := os.Getenv("SITREP_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is one headless Chromium tab, with the page's errors collected.
type browser struct {
	ctx context.Context
	t   testing.TB

	mu     sync.Mutex
	errors []string
}

// newBrowser starts headless Chromium with a fresh profile, or skips.
func newBrowser(t testing.TB, width, height int) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no Chromium found (apt-get install -y chromium, or set SITREP_CHROMIUM): skipping the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	b := &browser{ctx: ctx, t: t}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg = "exception: " + d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				msg = fmt.Sprintf("%s error: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				msg = "console.error: " + strings.Join(parts, " ")
			}
		}
		if msg != "" {
			b.mu.Lock()
			b.errors = append(b.errors, msg)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	return b
}

// pageErrors returns the errors the page reported so far, and forgets them.
func (b *browser) pageErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.errors
	b.errors = nil
	return e
}

// checkErrors fails the test if the page reported an error.
func (b *browser) checkErrors() {
	b.t.Helper()
	for _, e := range b.pageErrors() {
		b.t.Errorf("the page reported: %s", e)
	}
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// eval runs a JavaScript expression and decodes its value into T.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is truthy.
func (b *browser) waitFor(what, expr string) {
	b.t.Helper()
	var err error
	for try := 0; try < 3; try++ {
		_, err = chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr,
			chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(45*time.Second)))
		// A navigation can replace the page's JavaScript context under
		// the poll: poll again in the new one.
		if err == nil || !strings.Contains(err.Error(), "Cannot find context") {
			break
		}
	}
	if err != nil {
		b.t.Fatalf("waiting for %s (%s): %v; the page reported: %q", what, expr, err, b.pageErrors())
	}
}

// idle waits until the page has drawn its markers and has no work pending.
func (b *browser) idle() {
	b.t.Helper()
	b.waitFor("the page to settle", `window.__sitrep && window.__sitrep.ready && window.__sitrep.busy === 0 && window.__sitrep.hash === location.hash && !window.__sitrep.moving`)
}

// view waits until the panel shows a view ("list", "event:12", ...).
func (b *browser) view(v string) {
	b.t.Helper()
	b.waitFor("the view "+v, fmt.Sprintf(`window.__sitrep && window.__sitrep.view === %q && window.__sitrep.busy === 0 && window.__sitrep.hash === location.hash`, v))
}

// screenshot saves the page as NAME.png in $SITREP_SCREENSHOTS, or in the
// test's temporary directory, and logs where.
func (b *browser) screenshot(name string) string {
	b.t.Helper()
	dir := os.Getenv("SITREP_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
	return path
}

// getJSON reads an API route of the site.
func getJSON[T any](t testing.TB, url string) T {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v T
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return v
}

// allEvents reads every event from the API.
func allEvents(t testing.TB, base string) []store.Event {
	t.Helper()
	var out []store.Event
	cursor := ""
	for {
		u := base + "/api/events?limit=1000"
		if cursor != "" {
			u += "&cursor=" + cursor
		}
		p := getJSON[store.Page[store.Event]](t, u)
		out = append(out, p.Items...)
		if p.Next == "" {
			return out
		}
		cursor = p.Next
	}
}

func located(events []store.Event) int {
	n := 0
	for _, e := range events {
		if e.Lat != nil && e.Lon != nil {
			n++
		}
	}
	return n
}

// markerCount counts what the map shows: single markers, and the events
// the clusters hold.
const markerCount = `(() => {
	const pane = document.querySelector('#map .leaflet-marker-pane');
	let n = pane.querySelectorAll('.ev-marker').length;
	let clusters = 0;
	for (const c of pane.querySelectorAll('.ev-cluster')) { n += Number(c.dataset.count); clusters++; }
	return {markers: pane.querySelectorAll('.ev-marker').length, clusters, total: n};
})()`

type mapCount struct {
	Markers  int `json:"markers"`
	Clusters int `json:"clusters"`
	Total    int `json:"total"`
}

// checkMap opens the page and checks that the map shows one marker per
// located event of the API.
func checkMap(t *testing.T, b *browser, base string, events []store.Event) {
	b.do(chromedp.Navigate(base + "/#/"))
	b.idle()
	want := located(events)
	got := eval[mapCount](b, markerCount)
	t.Logf("API: %d events, %d located; map: %d markers and %d clusters holding %d events", len(events), want, got.Markers, got.Clusters, got.Total)
	if got.Total != want {
		t.Errorf("the map shows %d events (%d markers, %d clusters), want the %d located events of the API", got.Total, got.Markers, got.Clusters, want)
	}
	if n := eval[int](b, `window.__sitrep.events`); n != len(events) {
		t.Errorf("the page loaded %d events, the API has %d", n, len(events))
	}
	if n := eval[int](b, `document.querySelectorAll('#event-list > li').length`); n != min(len(events), 200) {
		t.Errorf("the list shows %d events, want %d", n, min(len(events), 200))
	}
	if n := eval[int](b, `document.querySelectorAll('#map .leaflet-overlay-pane path').length`); n < 100 {
		t.Errorf("the map draws %d border paths, want the countries of Natural Earth", n)
	}
}

// checkDetail clicks the marker of an event with figure claims and checks
// its detail: summary, reports and the claims table.
func checkDetail(t *testing.T, b *browser, base string, events []store.Event) store.EventDetail {
	// The located event with the most claims.
	var pick *store.Event
	for i, e := range events {
		if e.Lat != nil && e.ClaimCount > 0 && (pick == nil || e.ClaimCount > pick.ClaimCount) {
			pick = &events[i]
		}
	}
	if pick == nil {
		t.Fatal("no located event has figure claims")
	}
	// Zoom in as a person would, clicking the cluster where the event lies,
	// until its own marker shows.
	marker := fmt.Sprintf(`.ev-marker[data-id="%d"]`, pick.ID)
	for try := 0; !eval[bool](b, `!!document.querySelector('`+marker+`')`); try++ {
		if try == 12 {
			t.Fatalf("event %d has no marker of its own after %d clicks on clusters", pick.ID, try)
		}
		type pt struct{ X, Y float64 }
		p := eval[pt](b, fmt.Sprintf(`window.__sitrep.pointOf(%f, %f)`, *pick.Lat, *pick.Lon))
		c := eval[pt](b, fmt.Sprintf(`(() => {
			let best = null, d = Infinity;
			for (const c of document.querySelectorAll('#map .ev-cluster')) {
				const r = c.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
				const dd = (x - %f) ** 2 + (y - %f) ** 2;
				if (dd < d) { d = dd; best = {X: x, Y: y}; }
			}
			return best;
		})()`, p.X, p.Y))
		b.do(chromedp.MouseClickXY(c.X, c.Y))
		b.do(chromedp.Sleep(50 * time.Millisecond))
		b.idle()
	}
	b.screenshot("zoomed-to-event")
	want := getJSON[store.EventDetail](t, fmt.Sprintf("%s/api/events/%d", base, pick.ID))
	b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`.ev-marker[data-id="%d"]`, pick.ID))))
	b.view(fmt.Sprintf("event:%d", pick.ID))
	if h := eval[string](b, `location.hash`); !strings.HasPrefix(h, fmt.Sprintf("#/event/%d", pick.ID)) {
		t.Errorf("after the click the URL is %q, want the event's", h)
	}
	rows := eval[int](b, `document.querySelectorAll('#claims-table tbody tr').length`)
	if rows != len(want.Claims) {
		t.Errorf("the claims table has %d rows, the API gives %d claims", rows, len(want.Claims))
	}
	reports := eval[int](b, `document.querySelectorAll('#reports-table tbody tr').length`)
	if reports != len(want.Reports) {
		t.Errorf("the reports table has %d rows, the API gives %d reports", reports, len(want.Reports))
	}
	text := eval[string](b, `document.getElementById('panel').innerText`)
	for _, c := range want.Claims {
		if c.Claimant != "" && !strings.Contains(text, c.Claimant) {
			t.Errorf("the detail does not name the claimant %q", c.Claimant)
		}
	}
	if want.Summary != "" && !strings.Contains(text, want.Summary) {
		t.Errorf("the detail does not show the summary %q", want.Summary)
	}
	if !eval[bool](b, `!!document.querySelector('.ev-marker.selected')`) {
		t.Error("the chosen event's marker is not marked")
	}
	return want
}

// checkReader opens an article whose quotes have speakers and checks the
// highlights.
func checkReader(t *testing.T, b *browser, base string) {
	arts := getJSON[store.Page[store.Article]](t, base+"/api/articles?limit=1000")
	var pick *store.ArticleDetail
	speakers := 0
	for _, a := range arts.Items {
		if a.Quotes == 0 {
			continue
		}
		d := getJSON[store.ArticleDetail](t, base+"/api/articles/"+a.ID)
		n := 0
		for _, q := range d.Document.Quotes {
			if q.In == "" && q.SpeakerName != nil && *q.SpeakerName != "" {
				n++
			}
		}
		if n > speakers {
			pick, speakers = &d, n
		}
	}
	if pick == nil {
		t.Fatal("no article has a quote with a speaker")
	}
	b.do(chromedp.Navigate(base + "/#/article/" + pick.ID))
	b.view("article:" + pick.ID)
	type quoteEl struct {
		Quote, Speaker, Title, Label string
	}
	got := eval[[]quoteEl](b, `[...document.querySelectorAll('#reader-body .hl-quote')].map(e => ({
		Quote: e.dataset.quote, Speaker: e.dataset.speaker, Title: e.title, Label: e.getAttribute('aria-label')}))`)
	seen := map[string]quoteEl{}
	for _, q := range got {
		seen[q.Quote] = q
	}
	for _, q := range pick.Document.Quotes {
		if q.In != "" {
			continue
		}
		el, ok := seen[q.ID]
		if !ok {
			t.Errorf("quote %s (%q) is not highlighted", q.ID, q.Text)
			continue
		}
		if q.SpeakerName != nil && *q.SpeakerName != "" {
			name := *q.SpeakerName
			if !strings.Contains(el.Title, name) || !strings.Contains(el.Label, name) {
				t.Errorf("quote %s: title %q, label %q; want the speaker %q in both", q.ID, el.Title, el.Label, name)
			}
		}
	}
	counts := eval[map[string]int](b, `(() => { const c = {}; for (const e of document.querySelectorAll('#reader-body [data-kind]')) c[e.dataset.kind] = (c[e.dataset.kind] || 0) + 1; return c; })()`)
	t.Logf("article %s: %d quotes with speakers; highlighted %v", pick.ID, speakers, counts)
	if len(pick.Document.Entities) > 0 && counts["entity"] == 0 {
		t.Error("no entity mention is highlighted")
	}
	if len(pick.Document.Figures) > 0 && counts["figure"] == 0 {
		t.Error("no figure is highlighted")
	}
	if len(pick.Document.Events) > 0 && counts["event"] == 0 {
		t.Error("no event evidence is highlighted")
	}
	// The reader shows the document's text, whole and in order: all of it
	// but the small speaker and event links it adds.
	text := eval[string](b, `(() => { const c = document.getElementById('reader-body').cloneNode(true); for (const t of c.querySelectorAll('.tail')) t.remove(); return c.textContent; })()`)
	if squeeze(text) != squeeze(pick.Document.Text) {
		t.Errorf("the reader's text differs from the document's:\n%.300s\nwant\n%.300s", squeeze(text), squeeze(pick.Document.Text))
	}
	if !eval[bool](b, `document.querySelector('details#removed') instanceof HTMLDetailsElement && !document.querySelector('details#removed').open`) {
		t.Error("what the reader removed is not folded in a <details>")
	}
}

// squeeze drops all white space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// TestPageSamples runs the page over the bundled sample articles: the map,
// an event's detail, the timeline brush and the class filter, the reader and
// an entity, on a wide and a narrow screen.
func TestPageSamples(t *testing.T) {
	dir := assetsDir(t)
	b := newBrowser(t, 1280, 900)
	st := newStore(t, sampleArticles(t))
	srv := newSite(t, st, dir)
	events := allEvents(t, srv.URL)
	if located(events) == 0 {
		t.Fatal("the samples gave no located event")
	}

	t.Run("map", func(t *testing.T) {
		b.t = t
		checkMap(t, b, srv.URL, events)
		// On a wide screen the page fits the window: the panel scrolls, not the page.
		if h, wh := eval[int](b, `document.documentElement.scrollHeight`), eval[int](b, `innerHeight`); h > wh {
			t.Errorf("the page is %d px high in a %d px window", h, wh)
		}
		b.screenshot("samples-map")
		b.checkErrors()
	})

	t.Run("report", func(t *testing.T) {
		b.t = t
		// The Report link follows the filters: the country chosen, the
		// dates on view. Opening it shows the situation report, cited.
		b.do(chromedp.Navigate(srv.URL + "/#/?country=UA"))
		b.idle()
		link := eval[string](b, `document.getElementById('nav-report').href`)
		if !strings.Contains(link, "/api/report?") || !strings.Contains(link, "region=UA") || !strings.Contains(link, "format=html") {
			t.Fatalf("the Report link is %q", link)
		}
		b.do(chromedp.Navigate(link))
		b.waitFor("the report", `document.body && document.body.textContent.includes('Situation report')`)
		if n := eval[int](b, `document.querySelectorAll('svg').length`); n == 0 {
			t.Error("the HTML report has no chart")
		}
		if !eval[bool](b, `/\[\d+\]/.test(document.body.textContent)`) {
			t.Error("the report cites no source")
		}
		b.screenshot("samples-report")
		b.do(chromedp.Navigate(srv.URL + "/#/")) // back to the page for the tests that follow
		b.idle()
	})

	t.Run("detail", func(t *testing.T) {
		b.t = t
		checkDetail(t, b, srv.URL, events)
		b.screenshot("samples-event-detail")
		b.checkErrors()
	})

	t.Run("keyboard", func(t *testing.T) {
		b.t = t
		b.do(chromedp.Navigate(srv.URL + "/#/"))
		b.idle()
		id := eval[string](b, `document.querySelector('.ev-marker').dataset.id`)
		b.do(chromedp.Focus(chromedp.CSS(`.ev-marker[data-id="`+id+`"]`)), chromedp.KeyEvent("\r"))
		b.view("event:" + id)
		if !eval[bool](b, `document.activeElement && document.activeElement.tagName === 'H2'`) {
			t.Error("after opening an event the focus is not on its heading")
		}
		// The timeline: Home chooses the first bar, Shift+→ widens the
		// range, Escape clears it.
		b.do(chromedp.Navigate(srv.URL + "/#/"))
		b.idle()
		b.do(chromedp.Focus(chromedp.CSS(".tl-svg")), chromedp.KeyEvent(kb.Home))
		b.waitFor("Home on the timeline", `location.hash.includes('since=')`)
		b.idle()
		first := eval[string](b, `location.hash`)
		b.do(chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift)))
		b.waitFor("Shift+→ on the timeline", fmt.Sprintf(`location.hash !== %q`, first))
		b.idle()
		if eval[string](b, `new URLSearchParams(location.hash.split('?')[1]).get('since')`) != eval[string](b, fmt.Sprintf(`new URLSearchParams(%q.split('?')[1]).get('since')`, first)) {
			t.Errorf("Shift+→ moved the start of the range: %s then %s", first, eval[string](b, `location.hash`))
		}
		b.do(chromedp.Focus(chromedp.CSS(".tl-svg")), chromedp.KeyEvent(kb.Escape))
		b.waitFor("Escape on the timeline", `!location.hash.includes('since=')`)
		b.checkErrors()
	})

	t.Run("timeline and class", func(t *testing.T) {
		b.t = t
		b.do(chromedp.Navigate(srv.URL + "/#/"))
		b.idle()
		before := eval[int](b, `window.__sitrep.events`)
		listBefore := eval[string](b, `document.getElementById('list-summary').textContent`)
		type box struct{ X, Y, W, H float64 }
		r := eval[box](b, `(() => { const r = document.querySelector('.tl-svg').getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height}; })()`)
		// Drag across the left half of the timeline's plot (its left margin
		// is 34 px, its right 10 px).
		x0, x1, y := r.X+36, r.X+34+(r.W-44)*0.5, r.Y+r.H*0.5
		b.do(
			chromedp.MouseEvent(chromedp.MouseMoved, x0, y),
			chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
			chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseMoved, x1, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		)
		b.waitFor("the brush to reach the URL", `location.hash.includes('since=') && location.hash.includes('until=')`)
		b.idle()
		after := eval[int](b, `window.__sitrep.events`)
		hash := eval[string](b, `location.hash`)
		t.Logf("brushed %s: %d events of %d", hash, after, before)
		if after <= 0 || after >= before {
			t.Errorf("after brushing the first half of the timeline the list has %d events, want fewer than %d and more than 0", after, before)
		}
		if got := eval[string](b, `document.getElementById('list-summary').textContent`); got == listBefore {
			t.Errorf("the list did not change after brushing: %q", got)
		}
		if got := eval[mapCount](b, markerCount); got.Total != eval[int](b, `window.__sitrep.located`) {
			t.Errorf("after brushing the map shows %d events, the list %d located", got.Total, eval[int](b, `window.__sitrep.located`))
		}
		b.screenshot("samples-brushed")

		// The shared link gives the same view.
		b.do(chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/"+hash))
		b.idle()
		if n := eval[int](b, `window.__sitrep.events`); n != after {
			t.Errorf("the shared link %s shows %d events, the brushed page %d", hash, n, after)
		}
		if v := eval[string](b, `document.getElementById('f-since').value`); !strings.Contains(hash, "since="+v) {
			t.Errorf("the date field says %q, the URL %s", v, hash)
		}

		// Choose a class in the filter: the most common one.
		b.do(chromedp.Click(chromedp.CSS("#f-clear")))
		b.waitFor("the filters to clear", `!location.hash.includes('since=')`)
		b.idle()
		counts := map[string]int{}
		for _, e := range events {
			counts[e.Class]++
		}
		class, n := "", 0
		for c, k := range counts {
			if k > n || (k == n && c < class) {
				class, n = c, k
			}
		}
		b.do(chromedp.SetValue(chromedp.ID("f-class"), class),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('f-class').dispatchEvent(new Event('change', {bubbles: true}))`))
		b.waitFor("the class filter", fmt.Sprintf(`location.hash.includes('class=%s')`, class))
		b.idle()
		got := eval[int](b, `window.__sitrep.events`)
		if got != n {
			t.Errorf("with class %s the page shows %d events, the API has %d", class, got, n)
		}
		if got == len(events) && len(counts) > 1 {
			t.Error("choosing a class did not change the event list")
		}
		wrong := eval[int](b, fmt.Sprintf(`[...document.querySelectorAll('#event-list .ev-class')].filter(e => !e.textContent.toLowerCase().startsWith(%q)).length`,
			strings.ToLower(strings.ReplaceAll(class, "_", " "))))
		if wrong > 0 {
			t.Errorf("%d listed events are not of class %s", wrong, class)
		}
		b.screenshot("samples-class-" + class)

		// The legend's buttons choose a class too, and again clear it.
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#legend button[data-class=%q]`, class))))
		b.waitFor("the legend to clear the class", `!location.hash.includes('class=')`)
		b.idle()
		if got := eval[int](b, `window.__sitrep.events`); got != len(events) {
			t.Errorf("after clearing the class the page shows %d events, want %d", got, len(events))
		}
		b.checkErrors()
	})

	t.Run("reader", func(t *testing.T) {
		b.t = t
		checkReader(t, b, srv.URL)
		b.screenshot("samples-reader")
		// A quote's speaker link leads to the person's quotes over time.
		if eval[bool](b, `!!document.querySelector('#reader-body a.tail-speaker')`) {
			b.do(chromedp.Click(chromedp.CSS(`#reader-body a.tail-speaker`)))
			b.waitFor("the entity view", `window.__sitrep.view.startsWith('entity:') && window.__sitrep.busy === 0`)
			if n := eval[int](b, `document.querySelectorAll('#quotes-over-time blockquote').length`); n == 0 {
				t.Error("the speaker's page lists no quote")
			}
			b.screenshot("samples-entity")
		} else {
			t.Error("no quote in the reader links to its speaker")
		}
		b.checkErrors()
	})

	t.Run("narrow screen", func(t *testing.T) {
		b.t = t
		b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/#/"))
		b.idle()
		b.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`), chromedp.Sleep(300*time.Millisecond)) // the timeline redraws for the new width
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			wide := eval[[]string](b, `[...document.querySelectorAll('body *')].filter(e => !e.closest('#map') && e.getBoundingClientRect().right > 391).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.getAttribute('class') + ' ' + Math.round(e.getBoundingClientRect().right))`)
			t.Errorf("on a 390 px screen the page is %d px wide; too wide: %q", w, wide)
		}
		b.screenshot("samples-narrow")
		b.do(chromedp.ResetViewport())
		b.checkErrors()
	})
}

// TestPageDevCorpus runs the map, a detail and the reader over the shared
// dev corpus.
func TestPageDevCorpus(t *testing.T) {
	arts := corpusArticles(t)
	dir := assetsDir(t)
	b := newBrowser(t, 1280, 900)
	st := newStore(t, arts)
	srv := newSite(t, st, dir)
	events := allEvents(t, srv.URL)
	t.Logf("%d articles gave %d events, %d located", len(arts), len(events), located(events))
	checkMap(t, b, srv.URL, events)
	b.screenshot("dev-map")
	checkDetail(t, b, srv.URL, events)
	b.screenshot("dev-event-detail")
	checkReader(t, b, srv.URL)
	b.screenshot("dev-reader")
	b.checkErrors()
}

// xssArticle is an article whose text, title and quotes hold markup that
// would run if the page put article text into the DOM as HTML.
const xssArticle = `<!doctype html><html><head><meta charset="utf-8">
<title>Police say &lt;script&gt;window.__xss=1&lt;/script&gt; was posted in Lagos</title>
<meta property="og:site_name" content="Test Wire &lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
</head><body><article>
<h1>Police say &lt;script&gt;window.__xss=1&lt;/script&gt; was posted in Lagos</h1>
<p>KHARKIV, Ukraine (Test Wire) — Russian shelling killed 12 people in Kharkiv on Wednesday, regional governor Oleh Synehubov said. A message reading &lt;script&gt;window.__xss=1&lt;/script&gt; was sprayed on a wall nearby.</p>
<p>Gunmen attacked the "&gt;&lt;img src=x onerror="window.__xss=1"&gt; market in Lagos on Tuesday, killing five people, police said.</p>
<p>"We found &lt;b&gt;bold&lt;/b&gt; words and "&gt;&lt;img src=x onerror="window.__xss=1"&gt; on the wall," said police spokesman Benjamin Hundeyin.</p>
<p>"The attackers fled &lt;/p&gt;&lt;iframe src=javascript:window.__xss=1&gt; towards the lagoon," Hundeyin told reporters on Thursday.</p>
<p>Residents said at least 15 people were injured in the attack and taken to the Lagos Island General Hospital.</p>
</article></body></html>`

// TestArticleXSS stores an article full of markup and checks that the
// reader, the list and the detail show it as text and run none of it.
func TestArticleXSS(t *testing.T) {
	dir := assetsDir(t)
	b := newBrowser(t, 1280, 900)
	st := newStore(t, []article{{name: "xss.html", body: []byte(xssArticle), meta: reader.Meta{Name: "xss.html", URL: "https://example.org/xss", Published: "2024-05-02"}}})
	srv := newSite(t, st, dir)
	arts := getJSON[store.Page[store.Article]](t, srv.URL+"/api/articles")
	if len(arts.Items) != 1 {
		t.Fatalf("stored %d articles, want 1", len(arts.Items))
	}
	d := getJSON[store.ArticleDetail](t, srv.URL+"/api/articles/"+arts.Items[0].ID)
	for _, want := range []string{`<script>window.__xss=1</script>`, `"><img src=x onerror="window.__xss=1">`} {
		if !strings.Contains(d.Document.Text, want) {
			t.Fatalf("the extracted text lacks %q; it is:\n%s", want, d.Document.Text)
		}
	}

	b.do(chromedp.Navigate(srv.URL + "/#/article/" + d.ID))
	b.view("article:" + d.ID)
	if v := eval[string](b, `typeof window.__xss`); v != "undefined" {
		t.Errorf("window.__xss is %s: markup from the article ran", v)
	}
	text := eval[string](b, `document.getElementById('reader').textContent`)
	for _, want := range []string{`<script>window.__xss=1</script>`, `"><img src=x onerror="window.__xss=1">`, `<b>bold</b>`, `</p><iframe src=javascript:window.__xss=1>`} {
		if !strings.Contains(text, want) {
			t.Errorf("the reader does not show %q as text", want)
		}
	}
	if n := eval[int](b, `document.querySelectorAll('#panel img, #panel script, #panel iframe, #panel b').length`); n != 0 {
		t.Errorf("the article's markup made %d elements", n)
	}
	b.screenshot("xss-reader")

	// The list and the event detail show the same text as text.
	b.do(chromedp.Navigate(srv.URL + "/#/"))
	b.idle()
	events := allEvents(t, srv.URL)
	if len(events) == 0 {
		t.Fatal("the article gave no event")
	}
	b.do(chromedp.Navigate(fmt.Sprintf("%s/#/event/%d", srv.URL, events[0].ID)))
	b.view(fmt.Sprintf("event:%d", events[0].ID))
	if n := eval[int](b, `document.querySelectorAll('#panel img, #panel script, #panel iframe, #panel b').length`); n != 0 {
		t.Errorf("the event detail made %d elements from the article's markup", n)
	}
	detail := eval[string](b, `document.getElementById('reports-table').textContent`)
	for _, want := range []string{`<script>window.__xss=1</script>`, `<img src=x onerror="window.__xss=1">`} {
		if !strings.Contains(detail, want) {
			t.Errorf("the reports table does not show %q as text: %q", want, detail)
		}
	}
	b.screenshot("xss-event")
	if v := eval[string](b, `typeof window.__xss`); v != "undefined" {
		t.Errorf("window.__xss is %s: markup from the article ran", v)
	}
	b.checkErrors()
}

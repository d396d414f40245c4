package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/store"
)

// sampleReports are the reports of the golden tests on the bundled samples:
// a country over a few days, a country's floods, a first-level region and
// a box.
var sampleReports = []struct {
	name, region, since, until string
}{
	{"kostiantynivka-ua-2024-03-04-07", "UA", "2024-03-04", "2024-03-07"},
	{"garissa-kenya-2024-11-20-23", "Kenya", "2024-11-20", "2024-11-23"},
	{"lusaka-province-2024-10-17-18", "Lusaka Province", "2024-10-17", "2024-10-18"},
	{"bbox-bay-of-bengal-2025-05-27", "85,18,95,26", "2025-05-27", "2025-05-27"},
}

// TestSampleReports: the reports on the samples match their golden files,
// and everything they say traces back to the store.
func TestSampleReports(t *testing.T) {
	st := sampleStore(t)
	for _, tc := range sampleReports {
		t.Run(tc.name, func(t *testing.T) {
			r := build(t, st, tc.region, tc.since, tc.until)
			md := markdown(t, r)
			golden(t, tc.name+".golden.md", md)
			tr := trace(t, st, md)
			if tr.sources == 0 || tr.cites == 0 {
				t.Errorf("nothing cited: %+v", tr)
			}
			t.Logf("%s: %d events, %d sources, %d citations, %d numbers and %d figure phrases traced", tc.name, r.Events, tr.sources, tr.cites, tr.numbers, tr.figures)
		})
	}
	// One HTML edition too, charts and all.
	r := build(t, st, "UA", "2024-03-04", "2024-03-07")
	golden(t, "kostiantynivka-ua-2024-03-04-07.golden.html", htmlOf(t, r))
}

// TestKostiantynivkaReport checks what the Kostiantynivka report must say
// whatever the wording: the rising toll with who gives which number, and
// no invented total.
func TestKostiantynivkaReport(t *testing.T) {
	st := sampleStore(t)
	r := build(t, st, "Ukraine", "2024-03-04", "2024-03-07")
	md := string(markdown(t, r))
	for _, want := range []string{
		"**Period:** 4 to 7 March 2024",
		"**Region:** Ukraine (UA)",
		"Sources disagree: figures range from at least 12",
		"to 16 killed",
		"Latest: 16 killed according to the city's mayor (Kyiv Ledger, 7 March 2024)",
		"14 killed according to Ukraine's State Emergency Service (Eastline, 6 March 2024)",
		"more than 3,400 evacuated according to the regional administration",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, bad := range []string{"42 killed", "30 killed", "total"} { // 12+14+16, 14+16, …
		if strings.Contains(md, bad) {
			t.Errorf("report says %q", bad)
		}
	}
	if r.Articles != 3 || r.Outlets != 2 {
		t.Errorf("sources counted: %d articles from %d outlets, want 3 from 2", r.Articles, r.Outlets)
	}
	if r.EventChart == nil || len(r.FigureCharts) == 0 {
		t.Errorf("charts: events %v, figures %d", r.EventChart != nil, len(r.FigureCharts))
	}
	h := string(htmlOf(t, r))
	for _, want := range []string{"<svg", `<a class="cite" href="#source-1">[1]</a>`, `<li id="source-3">`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(h, "<script") {
		t.Error("HTML has a script")
	}
}

// TestDeterministic: the same store and query give the same bytes, and so
// does a second store built from the same articles.
func TestDeterministic(t *testing.T) {
	st := sampleStore(t)
	q := sampleReports[0]
	a := build(t, st, q.region, q.since, q.until)
	b := build(t, st, q.region, q.since, q.until)
	if !bytes.Equal(markdown(t, a), markdown(t, b)) || !bytes.Equal(htmlOf(t, a), htmlOf(t, b)) {
		t.Error("two builds on one store differ")
	}
	c := build(t, sampleStore(t), q.region, q.since, q.until)
	if !bytes.Equal(markdown(t, a), markdown(t, c)) || !bytes.Equal(htmlOf(t, a), htmlOf(t, c)) {
		t.Error("builds on two stores of the same articles differ")
	}
}

func TestEmptyReport(t *testing.T) {
	st := sampleStore(t)
	r := build(t, st, "FR", "2024-03-04", "2024-03-07")
	md := string(markdown(t, r))
	if !strings.Contains(md, noEvents) || !strings.Contains(md, "0 articles from 0 outlets, reporting 0 events") {
		t.Errorf("empty report:\n%s", md)
	}
	if r.EventChart != nil || len(r.Sources) != 0 {
		t.Errorf("empty report has a chart or sources")
	}
	htmlOf(t, r)
}

func TestParseRegion(t *testing.T) {
	tests := []struct {
		in   string
		want Region
		err  bool
	}{
		{"UA", Region{Kind: Country, Country: "UA", Name: "Ukraine"}, false},
		{"ua", Region{Kind: Country, Country: "UA", Name: "Ukraine"}, false},
		{"UKR", Region{Kind: Country, Country: "UA", Name: "Ukraine"}, false},
		{"ukraine", Region{Kind: Country, Country: "UA", Name: "Ukraine"}, false},
		{"  Democratic   Republic of Congo ", Region{Kind: Country, Country: "CD", Name: "Democratic Republic of Congo"}, false},
		{"Kharkiv", Region{Kind: Admin1, Admin1: "Kharkiv", Name: "Kharkiv"}, false},
		{"Punjab, PK", Region{Kind: Admin1, Admin1: "Punjab", Country: "PK", Name: "Punjab, Pakistan"}, false},
		{"22,44,40,53", Region{Kind: BBox, Box: &store.BBox{West: 22, South: 44, East: 40, North: 53}, Name: "the area 22°E to 40°E, 44°N to 53°N"}, false},
		{"-80,-5.5,-70,1", Region{Kind: BBox, Box: &store.BBox{West: -80, South: -5.5, East: -70, North: 1}, Name: "the area 80°W to 70°W, 5.5°S to 1°N"}, false},
		{"", Region{}, true},
		{"40,44,22,53", Region{}, true},     // west > east
		{"22,44,40,95", Region{}, true},     // north > 90
		{"Punjab, Nowhere", Region{}, true}, // no such country
		{"a,b,c", Region{}, true},
		{"XX", Region{}, true}, // a two-letter word that is no country is no region either
	}
	for _, tc := range tests {
		got, err := ParseRegion(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("ParseRegion(%q) error %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Param != "region" {
				t.Errorf("ParseRegion(%q): %v is no QueryError on region", tc.in, err)
			}
			continue
		}
		if got.Kind != tc.want.Kind || got.Country != tc.want.Country || got.Admin1 != tc.want.Admin1 || got.Name != tc.want.Name ||
			(got.Box == nil) != (tc.want.Box == nil) || got.Box != nil && *got.Box != *tc.want.Box {
			t.Errorf("ParseRegion(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		date, since, until string
		lo, hi, param      string
	}{
		{"2022-02-28", "", "", "2022-02-28", "2022-02-28", ""},
		{"", "2024-03-04", "2024-03-07", "2024-03-04", "2024-03-07", ""},
		{"", "2024-03-04", "", "2024-03-04", "2024-03-04", ""},
		{"", "", "2024-03-07", "2024-03-07", "2024-03-07", ""},
		{"", "", "", "", "", "date"},
		{"2022-02-28", "2022-02-01", "", "", "", "date"},
		{"2022-02-30", "", "", "", "", "date"},
		{"28/02/2022", "", "", "", "", "date"},
		{"", "2024-03-07", "2024-03-04", "", "", "until"},
		{"", "2022-01-01", "2023-12-31", "", "", "until"},
		{"", "2024-3-1", "2024-03-07", "", "", "since"},
	}
	for _, tc := range tests {
		q, err := ParseQuery("UA", tc.date, tc.since, tc.until)
		var qe *QueryError
		switch {
		case tc.param == "" && err != nil:
			t.Errorf("ParseQuery(%q, %q, %q): %v", tc.date, tc.since, tc.until, err)
		case tc.param != "" && (!errors.As(err, &qe) || qe.Param != tc.param):
			t.Errorf("ParseQuery(%q, %q, %q) error %v, want one on %s", tc.date, tc.since, tc.until, err, tc.param)
		case tc.param == "" && (q.Since != tc.lo || q.Until != tc.hi):
			t.Errorf("ParseQuery(%q, %q, %q) = %s..%s, want %s..%s", tc.date, tc.since, tc.until, q.Since, q.Until, tc.lo, tc.hi)
		}
	}
	if _, err := Build(context.Background(), nil, Query{Region: Region{Kind: Country, Country: "UA"}, Since: "2024-03-07", Until: "2024-03-01"}); err == nil {
		t.Error("Build took a period that ends before it starts")
	}
}

// TestEscaping: stored strings cannot make markup in either edition.
func TestEscaping(t *testing.T) {
	ctx := context.Background()
	st := storeOf(t, nil, nil)
	d := document.New()
	d.ID = strings.Repeat("ab", 32)
	d.Title = `<script>alert(1)</script> *bold* [1](javascript:x)`
	d.Outlet = document.Str(`Evil <b>Outlet</b>`)
	d.URL = document.Str(`javascript:alert(1)`)
	d.Published = "2024-05-01"
	d.Language = "en"
	d.Text = `Shelling killed 7 people in Testtown, <img src=x onerror=alert(1)> said the "mayor".`
	lat, lon := 48.0, 37.0
	d.Places = []document.Place{{ID: "P1", Name: `Test<town>`, Lat: &lat, Lon: &lon, Country: "UA", Admin1: "Donetsk", Precision: 1, Mentions: []document.Mention{}}}
	day := "2024-05-01"
	d.Events = []document.Event{{ID: "V1", Class: "attack", Place: document.Str("P1"), Date: &day, DatePrecision: "day", Status: "asserted",
		Actor1: document.Str(`</svg><script>x()</script>`), Figures: []string{"F1"}, Evidence: []document.Span{{Start: 0, End: len(d.Text)}}, Summary: "Attack."}}
	seven := int64(7)
	d.Figures = []document.Figure{{ID: "F1", Category: "killed", Min: &seven, Max: &seven, Approx: "exact", Phrase: "killed 7 people",
		ClaimedByName: document.Str(`the <i>mayor</i> [x]`), Event: document.Str("V1"), Date: &day}}
	d.Quotes = []document.Quote{{ID: "Q1", Kind: "direct", Text: `We will <script>never</script> forget this attack on our town`, SpeakerName: document.Str(`Mayor <u>X</u>`), Start: 0, End: len(d.Text)}}
	if _, err := st.Put(ctx, []store.Item{{Doc: d}}); err != nil {
		t.Fatal(err)
	}
	r := build(t, st, "UA", "2024-05-01", "2024-05-01")
	h := string(htmlOf(t, r))
	for _, bad := range []string{"<script", "<b>", "<i>", "<u>", "<img", `href="javascript`, "</svg><"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML holds %q unescaped", bad)
		}
	}
	md := string(markdown(t, r))
	for _, bad := range []string{"<script", "*bold*", "[1](javascript", "<javascript", "[x]"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(md) {
			t.Errorf("Markdown holds %q unescaped", bad)
		}
	}
	if !strings.Contains(md, `\<script\>`) {
		t.Errorf("Markdown does not show the stored title as text:\n%s", md)
	}
	trace(t, st, []byte(md))
}

// TestPDF prints a report when Chromium is installed, and names what is
// missing when it is not.
func TestPDF(t *testing.T) {
	st := sampleStore(t)
	r := build(t, st, "UA", "2024-03-04", "2024-03-07")
	old := Chromium
	Chromium = filepath.Join(t.TempDir(), "no-chromium")
	err := r.PDF(context.Background(), filepath.Join(t.TempDir(), "x.pdf"))
	Chromium = old
	if !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "no-chromium") {
		t.Errorf("without Chromium: %v", err)
	}
	if testing.Short() {
		t.Skip("printing with Chromium is slow")
	}
	if _, err := os.Stat(Chromium); err != nil {
		t.Skipf("no %s", Chromium)
	}
	out := filepath.Join(t.TempDir(), "report.pdf")
	if err := r.PDF(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 10000 {
		t.Errorf("PDF: %d bytes, %v", len(b), err)
	}
}

// TestLatestFollowsTheSourcesDates: the latest value is the figure of the
// latest day the sources give, not the one an article recalls.
func TestLatestFollowsTheSourcesDates(t *testing.T) {
	i := func(n int64) *int64 { return &n }
	cs := []store.Claim{
		{ID: 1, Category: "killed", Min: i(14), Max: i(14), Claimant: "emergency service", Published: "2024-03-06", Date: "2024-03-06"},
		{ID: 2, Category: "killed", Min: i(16), Max: i(16), Claimant: "mayor", Published: "2024-03-07", Date: "2024-03-07"},
		{ID: 3, Category: "killed", Min: i(12), Claimant: "governor", Approx: "at least", Published: "2024-03-07", Date: "2024-03-06"},
	}
	if got := latest(cs); got != 1 {
		t.Errorf("latest = claim %d, want the mayor's 16", cs[got].ID)
	}
	sp := spanOf(categories[0], cs)
	if sp.low.amount != "at least 12" || sp.high.amount != "16" || !sp.disagree || sp.latest.amount != "16" {
		t.Errorf("span: low %q high %q latest %q disagree %v", sp.low.amount, sp.high.amount, sp.latest.amount, sp.disagree)
	}
}

func TestAmount(t *testing.T) {
	i := func(n int64) *int64 { return &n }
	tests := []struct {
		c    store.Claim
		want string
	}{
		{store.Claim{Min: i(1), Max: i(1), Approx: "exact"}, "1"},
		{store.Claim{Min: i(500000), Approx: "more than"}, "more than 500,000"},
		{store.Claim{Min: i(20000), Max: i(20000), Approx: "around"}, "about 20,000"},
		{store.Claim{Min: i(12), Max: i(15), Approx: "exact"}, "12 to 15"},
		{store.Claim{Max: i(30), Approx: "up to"}, "up to 30"},
		{store.Claim{Vague: "Dozens", Approx: "around"}, "dozens"},
		{store.Claim{Vague: "tens of thousands"}, "tens of thousands"},
		{store.Claim{Vague: "a lot"}, ""},
	}
	for _, tc := range tests {
		if got, _ := amount(tc.c); got != tc.want {
			t.Errorf("amount(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

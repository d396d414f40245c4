package reader

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
)

// testNow is the "today" passed to Read: a date no fixture carries, so a
// fallback to it is easy to see.
var testNow = time.Date(2031, time.July, 9, 15, 4, 5, 0, time.UTC)

const samplesDir = "../../samples"

// expectation is a fixture's <name>.expect.json.
type expectation struct {
	Title          string   `json:"title"`
	Published      string   `json:"published"`
	First          string   `json:"first"`
	Last           string   `json:"last"`
	MustNotContain []string `json:"must_not_contain"`
}

type fixture struct {
	name    string // dir/base, for test names
	article string // path of the page
	expect  expectation
}

// articleExts are the page kinds a fixture may be, in the order looked for.
var articleExts = []string{".html", ".htm", ".txt"}

// loadFixtures pairs every <name>.expect.json in dir with its page.
func loadFixtures(t testing.TB, dir string) []fixture {
	t.Helper()
	expects, err := filepath.Glob(filepath.Join(dir, "*.expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, e := range expects {
		base := strings.TrimSuffix(e, ".expect.json")
		page := ""
		for _, ext := range articleExts {
			if _, err := os.Stat(base + ext); err == nil {
				page = base + ext
				break
			}
		}
		if page == "" {
			t.Errorf("%s has no page (%s)", e, strings.Join(articleExts, ", "))
			continue
		}
		b, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		var x expectation
		if err := json.Unmarshal(b, &x); err != nil {
			t.Errorf("%s: %v", e, err)
			continue
		}
		out = append(out, fixture{name: filepath.Base(dir) + "/" + filepath.Base(base), article: page, expect: x})
	}
	return out
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hasCaptions tells a fixture whose page prints photo captions: its
// expectation lists a photo credit among what the text must not contain.
func hasCaptions(x expectation) bool {
	for _, s := range x.MustNotContain {
		if strings.HasPrefix(s, "Photo") {
			return true
		}
	}
	return false
}

func TestReadFixtures(t *testing.T) {
	fixtures := loadFixtures(t, "testdata")
	samples := loadFixtures(t, samplesDir)
	if len(samples) == 0 {
		t.Logf("no samples with expectations in %s", samplesDir)
	}
	fixtures = append(fixtures, samples...)
	if len(fixtures) == 0 {
		t.Skip("no fixtures with expectations")
	}
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			a, err := Read(readFile(t, f.article), Meta{Name: f.article}, testNow)
			if err != nil {
				t.Fatalf("Read(%s): %v", f.article, err)
			}
			x := f.expect
			if a.Title != x.Title {
				t.Errorf("title:\n got  %q\n want %q", a.Title, x.Title)
			}
			if !strings.HasPrefix(a.Published, x.Published) {
				t.Errorf("published = %q, want prefix %q", a.Published, x.Published)
			}
			if head := a.Deck + "\n\n" + a.Text; !strings.Contains(head, x.First) {
				t.Errorf("first %q not in deck+text; text starts %.200q", x.First, a.Text)
			}
			if !strings.Contains(a.Text, x.Last) {
				t.Errorf("last %q not in text; text ends %q", x.Last, tail(a.Text, 200))
			}
			for _, s := range x.MustNotContain {
				if strings.Contains(a.Text, s) {
					t.Errorf("text contains %q", s)
				}
			}
			if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Deck) {
				t.Errorf("title, deck or text is not valid UTF-8")
			}
			if strings.TrimSpace(a.Text) != a.Text {
				t.Errorf("text has leading or trailing white space")
			}
			if hasCaptions(x) {
				if len(a.Removed) == 0 {
					t.Errorf("page prints captions but Removed is empty")
				} else if !slices.ContainsFunc(a.Removed, func(r document.Removed) bool { return r.Kind == document.RemovedCaption }) {
					t.Errorf("page prints captions but none is among Removed: %+v", a.Removed)
				}
			}
			for _, r := range a.Removed {
				if r.Kind == document.RemovedCaption && strings.Contains(a.Text, r.Text) {
					t.Errorf("caption %q removed but still in text", r.Text)
				}
			}
			for _, w := range a.Warnings {
				if strings.Contains(w, "today") {
					t.Errorf("fixture fell back to today's date: %q", w)
				}
			}
		})
	}
}

// TestReadXSSKeepsLiteralMarkup: markup a story quotes as text stays text,
// decoded once; the page's own scripts never reach the body.
func TestReadXSSKeepsLiteralMarkup(t *testing.T) {
	path := filepath.Join("testdata", "xss.html")
	if _, err := os.Stat(path); err != nil {
		t.Skip("testdata/xss.html absent")
	}
	a, err := Read(readFile(t, path), Meta{}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lost the quoted markup %q", want)
		}
	}
	if strings.Contains(a.Text, "window.") {
		t.Errorf("a page script reached the text")
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"empty slice", []byte{}},
		{"white space", []byte("  \n\t\r\n   ")},
		{"BOM only", []byte("\xef\xbb\xbf")},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00")},
		{"PDF", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")},
		{"NUL bytes", []byte("Floods in Mozambique\x00\x00\x00 displace 41,000")},
	}
	for _, name := range []string{"empty.txt", "whitespace.txt", "binary.bin"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			cases = append(cases, struct {
				name string
				in   []byte
			}{"testdata/" + name, b})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Read(tc.in, Meta{}, testNow)
			if err == nil {
				t.Fatalf("Read succeeded: %+v", a)
			}
			if a != nil {
				t.Errorf("Read returned an article with its error %v", err)
			}
		})
	}
}

const noArticleHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found | The Harbour Times</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<h1>Page not found</h1>
<p>Sorry, we couldn't find that page.</p>
<ul><li><a href="/">Go to the home page</a></li><li><a href="/search">Search</a></li></ul>
</main>
<footer><p>© 2024 The Harbour Times</p></footer>
</body></html>`

func TestReadNoArticle(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
	}{
		{"inline 404 page", []byte(noArticleHTML)},
		{"headline only text", []byte("Floods displace 41,000 in Mozambique\n")},
		{"short text", []byte("Floods displace 41,000\n\nRivers keep rising.\n")},
		{"link list text", []byte("Latest Headlines\n\nRead more\n\nAdvertisement\n\nShare this article\n")},
		{"empty HTML body", []byte("<!doctype html><html><head><title>x</title></head><body></body></html>")},
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "no-article.html")); err == nil {
		cases = append(cases, struct {
			name string
			in   []byte
		}{"testdata/no-article.html", b})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.in, Meta{}, testNow)
			if !errors.Is(err, ErrNotArticle) {
				t.Errorf("Read error = %v, want ErrNotArticle", err)
			}
		})
	}
}

func TestReadLatin1Page(t *testing.T) {
	latin1Inline := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">" +
		"<title>Aid agencies in Gen\xe8ve warn of funding gap</title></head><body><article>" +
		"<h1>Aid agencies in Gen\xe8ve warn of funding gap</h1>" +
		"<p>Aid agencies meeting in Gen\xe8ve on Thursday said appeals for r\xe9fugi\xe9s and displaced families in the Sahel were less than a quarter funded.</p>" +
		"<p>Donors from Z\xfcrich and C\xf4te d'Ivoire had pledged 430 million francs so far, according to a tally presented at the meeting on Thursday.</p>" +
		"</article></body></html>"
	cases := []struct {
		name string
		in   []byte
		want []string
	}{
		{"inline page with http-equiv charset", []byte(latin1Inline), []string{"Genève", "réfugiés", "Zürich", "Côte d'Ivoire"}},
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "latin1.html")); err == nil {
		cases = append(cases, struct {
			name string
			in   []byte
			want []string
		}{"testdata/latin1.html", b, []string{"Genève", "réfugiés", "Zürich", "São Tomé", "€2 billion"}})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if utf8.Valid(tc.in) {
				t.Fatal("fixture is not Latin-1")
			}
			a, err := Read(tc.in, Meta{}, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Title, "Genève") {
				t.Errorf("title = %q, want it to contain Genève", a.Title)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text lacks %q: %.200q", w, a.Text)
				}
			}
			if !utf8.ValidString(a.Text) || strings.ContainsRune(a.Text, utf8.RuneError) {
				t.Errorf("text is not clean UTF-8: %.200q", a.Text)
			}
		})
	}
}

// TestReadLatin1Text: scraped text in a legacy 8-bit encoding, which Detect
// keeps as text, is decoded rather than mangled.
func TestReadLatin1Text(t *testing.T) {
	in := []byte("Aid agencies in Gen\xe8ve warn of funding gap\n\n" +
		"GENEVA, June 20 - Aid agencies meeting in Gen\xe8ve on Thursday said appeals for r\xe9fugi\xe9s in the Sahel were less than a quarter funded.\n\n" +
		"Donors from Z\xfcrich had pledged 430 million francs so far, according to a tally presented at the meeting, officials said.\n")
	if Detect(in) != KindText {
		t.Fatalf("Detect = %v, want text", Detect(in))
	}
	a, err := Read(in, Meta{Published: "2024-06-20"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(a.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	if !strings.Contains(a.Text, "Genève") || !strings.Contains(a.Title, "Genève") {
		t.Errorf("BUG: Latin-1 plain text is not decoded: readTextArticle replaces each high byte with U+FFFD (strings.ToValidUTF8) instead of decoding Windows-1252/ISO-8859-1 as readHTMLArticle does\ninput title %q\n got title %q, text %.120q\nwant \"Aid agencies in Genève warn of funding gap\"", "Aid agencies in Gen\\xe8ve warn of funding gap", a.Title, a.Text)
	}
}

// undatedStory has no date of any kind: no month names, no years.
const undatedStory = "Harbour pilots return to work after pay deal\n\n" + undatedBody

const undatedBody = "Harbour pilots at the port returned to work on Tuesday after their union accepted a pay offer, ending a strike that had left dozens of ships waiting at anchor.\n\n" +
	"The port authority said it expected the backlog to clear within four days, and that perishable cargo would be unloaded first.\n\n" +
	"Union officials said members had voted by a large majority to accept the offer, which includes a rise in overtime rates.\n"

func TestReadPublishedFallback(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		meta     Meta
		want     string
		wantWarn bool
	}{
		{name: "no date anywhere: today and a warning", in: undatedStory, want: "2031-07-09", wantWarn: true},
		{name: "caller's date wins", in: undatedStory, meta: Meta{Published: "2024-05-06T10:00:00Z"}, want: "2024-05-06T10:00:00Z"},
		{name: "caller's plain date", in: undatedStory, meta: Meta{Published: "2019-01-31"}, want: "2019-01-31"},
		{name: "caller's date beats the dateline", in: "Rockets hit Kharkiv\n\nFeb. 28 (UPI) -- " + undatedBody, meta: Meta{Published: "2023-03-01"}, want: "2023-03-01"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Read([]byte(tc.in), tc.meta, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if a.Published != tc.want {
				t.Errorf("published = %q, want %q", a.Published, tc.want)
			}
			warned := slices.ContainsFunc(a.Warnings, func(w string) bool { return strings.Contains(w, "publication date") })
			if warned != tc.wantWarn {
				t.Errorf("warnings = %q, want a no-date warning: %v", a.Warnings, tc.wantWarn)
			}
		})
	}
}

// TestReadNowIsUTC: the fallback date is the UTC date of now, whatever zone
// now is given in.
func TestReadNowIsUTC(t *testing.T) {
	zone := time.FixedZone("UTC+10", 10*3600)
	now := time.Date(2031, time.July, 10, 5, 0, 0, 0, zone) // 2031-07-09 19:00 UTC
	a, err := Read([]byte(undatedStory), Meta{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "2031-07-09" {
		t.Errorf("published = %q, want 2031-07-09", a.Published)
	}
}

const upiStory = "Russian rockets target Kharkiv; cease-fire talks end without a deal\n\n" +
	"Feb. 28 (UPI) -- Russian rockets struck residential districts of Kharkiv on Monday, killing at least nine civilians, as the first round of talks between Ukrainian and Russian delegations ended without agreement.\n\n" +
	"The talks, held near the Belarus border, lasted about five hours. Both sides said they would return for a second round.\n\n" +
	"The United Nations said it would hold an emergency session of the General Assembly, the first since a meeting on March 11, 2022 was proposed by member states.\n"

func TestReadDatelineYearFromText(t *testing.T) {
	a, err := Read([]byte(upiStory), Meta{}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "2022-02-28" {
		t.Errorf("published = %q, want 2022-02-28", a.Published)
	}
	if a.Dateline == nil {
		t.Fatal("no dateline")
	}
	if got := deref(a.Dateline.Date); got != "2022-02-28" {
		t.Errorf("dateline date = %q, want 2022-02-28", got)
	}
	if got := deref(a.Dateline.Agency); got != "UPI" {
		t.Errorf("dateline agency = %q, want UPI", got)
	}
	if a.Dateline.Text != "Feb. 28 (UPI) -- " {
		t.Errorf("dateline text = %q", a.Dateline.Text)
	}
	if a.Outlet != "UPI" {
		t.Errorf("outlet = %q, want UPI (from the dateline)", a.Outlet)
	}
	if len(a.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", a.Warnings)
	}
	if !strings.HasPrefix(a.Text, "Feb. 28 (UPI) -- Russian rockets") {
		t.Errorf("text should keep its dateline: %.80q", a.Text)
	}
}

// TestReadDatelineYearFromCaller: a dateline without a year and a page with
// no full date takes the caller's year.
func TestReadDatelineYearFromCaller(t *testing.T) {
	in := "Rockets hit Kharkiv\n\nKHARKIV, Ukraine, Feb. 28 (UPI) -- " + undatedBody
	a, err := Read([]byte(in), Meta{Published: "2023-03-01T09:00:00Z"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Dateline == nil {
		t.Fatal("no dateline")
	}
	if got := deref(a.Dateline.Date); got != "2023-02-28" {
		t.Errorf("dateline date = %q, want 2023-02-28", got)
	}
	if got := deref(a.Dateline.Place); got != "Kharkiv, Ukraine" {
		t.Errorf("dateline place = %q, want \"Kharkiv, Ukraine\"", got)
	}
}

// TestReadDatelineYearFromPageDate: an HTML page whose dateline has a month
// and day but no year, and whose metadata dates it, gets a dated dateline.
func TestReadDatelineYearFromPageDate(t *testing.T) {
	cases := []struct{ file, want string }{
		{"latin1.html", "2024-06-20"}, // GENEVA, June 20 - ; article:published_time 2024-06-20T10:00:00+02:00
		{"xss.html", "2025-03-04"},    // GENEVA, March 4 - ; article:published_time 2025-03-04T08:30:00+01:00
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			if _, err := os.Stat(path); err != nil {
				t.Skip(path + " absent")
			}
			a, err := Read(readFile(t, path), Meta{}, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if a.Dateline == nil {
				t.Fatal("no dateline")
			}
			if got := deref(a.Dateline.Date); got != tc.want {
				t.Errorf("BUG: a year-less dateline is not dated from the page's own publication date: assemble resolves the year from full dates in the raw page (reFullDate misses ISO datetimes like %q because \\b fails before \"T\") and from Meta.Published, never from pageMeta.Published\ninput testdata/%s (dateline %q, published %q)\n got dateline date %q, want %q",
					tc.want+"T…", tc.file, a.Dateline.Text, a.Published, got, tc.want)
			}
		})
	}
}

// TestReadSampleBylines checks the bylines of the project's samples.
func TestReadSampleBylines(t *testing.T) {
	cases := []struct {
		file string
		want []string
		bug  string
	}{
		{"bangladesh-cyclone.html", []string{"Nusrat Jahan Rumi"}, ""},
		{"nepal-earthquake.html", []string{"Priya Raghunathan"}, ""},
		{"riga-summit-sanctions.html", []string{"Liisa Kangur"}, ""},
		{"mozambique-floods.txt", []string{"Tomás Nhantumbo", "Claire Hollis"}, ""},
		{"mali-drone-strike.html", []string{"Moussa Coulibaly", "Hélène Marchetti"},
			"go-trafilatura joins several authors with \"; \" and splitNames splits only on \",\", \" and \" and \"&\", so the byline is one name \"Moussa Coulibaly; Hélène Marchetti\""},
		{"monrovia-election-riot.html", []string{"Comfort T. Kollie"},
			"the byline comes from go-trafilatura's normalised author, which drops the initial's period; the page's JSON-LD and meta author say \"Comfort T. Kollie\""},
		{"ukraine-shelling.txt", []string{"Daniel Okafor"},
			"the line \"By Daniel Okafor | March 6, 2024 at 8:41 AM\" sits right before a caption, so markGalleryHeads removes it as a gallery head (kind related) before the byline rule sees it; the byline is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(samplesDir, tc.file)
			if _, err := os.Stat(path); err != nil {
				t.Skip(path + " absent")
			}
			a, err := Read(readFile(t, path), Meta{}, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Equal(a.Byline, tc.want) {
				return
			}
			if tc.bug != "" {
				t.Errorf("BUG: %s\ninput samples/%s\n got %q\nwant %q", tc.bug, tc.file, a.Byline, tc.want)
			}
			t.Errorf("byline = %q, want %q", a.Byline, tc.want)
		})
	}
}

// TestReadKeepsProseParagraphs: paragraphs of a story that use the words
// page furniture is made of reach the text.
func TestReadKeepsProseParagraphs(t *testing.T) {
	paras := []string{
		"Shares in the company fell 4% on Tuesday after it warned on profits.",
		"The agency said it would share the photos with investigators.",
		"Officials said the related investigation would take months.",
		"The newspaper said advertisement revenue had fallen by a third since 2020.",
		"Sources close to the minister denied the report.",
		"Residents were urged to subscribe to emergency text alerts from the city.",
		"Updated figures from the ministry showed 143 dead.",
		"The minister made the remarks in an interview with Anadolu Agency.",
	}
	in := "Inquiry into port collapse to begin next month\n\n" +
		"LONDON (Reuters) - An inquiry into the collapse of a crane at the port will begin next month, the transport ministry said on Tuesday.\n\n" +
		strings.Join(paras, "\n\n") + "\n\nThe ministry said the inquiry would report by the end of the year.\n"
	a, err := Read([]byte(in), Meta{Published: "2024-05-06"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, p := range paras {
		if !strings.Contains(a.Text, p) {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return
	}
	// The first four are guarded by the classify table; the rest are the
	// known false positives reported there.
	for _, p := range paras[:4] {
		if slices.Contains(missing, p) {
			t.Errorf("prose paragraph dropped: %q", p)
		}
	}
	t.Errorf("BUG: prose paragraphs dropped from Read's text as furniture (see the bug cases in TestClassify):\n  %s", strings.Join(missing, "\n  "))
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

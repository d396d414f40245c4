package reader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzNow is the date the fuzz targets pass to the reader.
var fuzzNow = time.Date(2030, time.January, 2, 0, 0, 0, 0, time.UTC)

// addFileSeeds adds the small files of dir matching pattern as seeds.
func addFileSeeds(f *testing.F, pattern string, max int) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		if strings.HasSuffix(p, ".json") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil && len(b) <= max {
			f.Add(b)
		}
	}
}

var textSeeds = []string{
	"",
	"\xef\xbb\xbf",
	"Headline only",
	undatedStory,
	upiStory,
	"Floods displace 41,000 in Mozambique\r\n\r\nMAPUTO, Feb 14 (Reuters) - Floods in Mozambique's central Zambezia province have forced more than 41,000 people from their homes.\r\n",
	"Title\n\nBy Jane Doe and John Roe\n\nUpdated 7:18 PM EDT, October 11, 2023\n\n1 of 4 | Riot police in Lima. Photo by Diego Ramos/AP\n\nLIMA, Peru (AP) — Police arrested at least 87 people in the capital on Tuesday, the ministry said.\n\nRead more\n\nLatest Headlines\n\nPeru's copper exports hit record\n",
	"Gen\xe8ve\n\nAid agencies in Gen\xe8ve said r\xe9fugi\xe9s were waiting, and that the appeal was less than a quarter funded this year.",
	"A\nB\nC\nD\nE\nF\n\n\n\nG",
	"WARNING: graphic content\n\nIN the heart of Lesotho, a young lawyer fights for children's rights in courts that rarely hear them.",
	strings.Repeat("word ", 100),
	"\x00\x01\x02",
}

// FuzzReadText reads arbitrary bytes as scraped plain text.
func FuzzReadText(f *testing.F) {
	for _, s := range textSeeds {
		f.Add([]byte(s))
	}
	addFileSeeds(f, filepath.Join("testdata", "*.txt"), 8<<10)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := readTextArticle(b, Meta{}, fuzzNow)
		if err != nil {
			if !errors.Is(err, ErrNotArticle) {
				t.Fatalf("error %v is not ErrNotArticle", err)
			}
			return
		}
		checkFuzzArticle(t, a)
	})
}

var htmlSeeds = []string{
	"",
	"<html></html>",
	"<!doctype html><html><head><title>T</title></head><body></body></html>",
	"<p>Hello</p>",
	"<html><head><meta charset=\"iso-8859-1\"><title>Gen\xe8ve</title></head><body><p>Gen\xe8ve</p></body></html>",
	"<html><head><meta charset=\"utf-16\"></head><body><p>x</p></body></html>",
	"<html><head><meta charset=\"x-unknown-charset\"></head><body><p>\xff\xfe</p></body></html>",
	"<html><body><article><h1>Drone strike hits market</h1><p class=\"standfirst\">Local officials say at least 21 people died at a weekly market.</p>" +
		"<figure><img src=a.jpg><figcaption>Residents inspect burnt-out stalls. Photo: Issa Maïga/AFP</figcaption></figure>" +
		"<p>BAMAKO — A drone strike on a crowded livestock market in northern Mali killed at least 21 civilians on Tuesday, local officials and residents said.</p>" +
		"<p>The army said it had targeted a meeting of militant commanders and that it would investigate reports of civilian casualties, a spokesman said.</p>" +
		"<p>Read more: Inside the secret channel</p><p>Advertisement</p></article></body></html>",
	"<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H &amp; T\",\"datePublished\":\"2024-01-02\",\"author\":[{\"name\":\"A\"},\"B\"],\"publisher\":{\"name\":\"P\"}}</script></head><body><p>x</p></body></html>",
	"<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":[\"WebPage\",\"NewsArticle\"],\"headline\":1,\"mainEntity\":{\"@graph\":[]}}]}</script></head></html>",
	"<html><head><script type=\"application/ld+json\">[[[[[[[[[[{\"@type\":\"Article\"}]]]]]]]]]]</script></head></html>",
	"<table><tr><td>a</td><td>b</td></tr></table><ul><li>one</li><li>two</li></ul><pre>  x\n  y</pre><blockquote>q</blockquote>",
	"<div><div><div><div><p>deep</p></div></div></div></div><br><br/><hr>",
	"<html><head><title>A | B | C - D</title><meta property=\"og:title\" content=\"\"></head><body><h1></h1><h1>x</h1></body></html>",
	"<div class=\"cookie-banner\">We use cookies</div><div id=\"onetrust-consent\">Accept</div><main><p>text</p></main>",
	"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>alert(2)</script><style>p{}</style><noscript>n</noscript>",
	"<svg><p>in svg</p></svg><math><mi>x</mi></math><template><p>t</p></template>",
	"<frameset><frame src=x></frameset>",
	"<p>" + strings.Repeat("<b>", 200) + "nested" + "</p>",
}

// FuzzReadHTML reads arbitrary bytes as an HTML page.
func FuzzReadHTML(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add([]byte(s))
	}
	addFileSeeds(f, filepath.Join("testdata", "*.html"), 8<<10)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := readHTMLArticle(b, Meta{URL: "https://example.com/news/story"}, fuzzNow)
		if err != nil {
			return
		}
		checkFuzzArticle(t, a)
		if !a.FromHTML {
			t.Errorf("FromHTML false on the HTML path")
		}
	})
}

func checkFuzzArticle(t *testing.T, a *Article) {
	t.Helper()
	if a == nil {
		t.Fatal("nil article without an error")
	}
	for name, s := range map[string]string{"text": a.Text, "title": a.Title, "deck": a.Deck} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if utf8.RuneCountInString(strings.TrimSpace(a.Text)) < MinBodyRunes {
		t.Errorf("accepted a body shorter than MinBodyRunes: %q", a.Text)
	}
	if a.Published == "" {
		t.Errorf("no publication date, not even the fallback")
	}
	for _, r := range a.Removed {
		if r.Kind == "" {
			t.Errorf("removed block without a kind: %q", r.Text)
		}
	}
}

// FuzzParseDateline checks the dateline parser's invariants on any string.
func FuzzParseDateline(f *testing.F) {
	for _, tc := range datelineCases {
		f.Add(tc.in)
	}
	// Inputs beyond the 4 KB window are TestReaderLinearTime's: a large
	// seed makes the fuzzer spend its time minimizing.
	f.Add(strings.Repeat("A", 60) + " (AP) — x")
	f.Add("LONDON, March 3 (" + strings.Repeat("R", 40) + ") - x")
	f.Add("\xff\xfe (AP) — x")
	f.Fuzz(func(t *testing.T, p string) {
		d, ok := ParseDateline(p)
		if !ok {
			if d != (Dateline{}) {
				t.Fatalf("not ok but non-zero dateline %+v", d)
			}
			return
		}
		if !strings.HasPrefix(p, d.Text) || d.Text == "" {
			t.Fatalf("dateline text %q is not a non-empty prefix of %q", d.Text, p)
		}
		if len(d.Text) > 4096 {
			t.Fatalf("dateline text longer than the 4 KB window: %d bytes", len(d.Text))
		}
		if d.Place == "" && d.Agency == "" {
			t.Fatalf("dateline with neither place nor agency: %+v", d)
		}
		if d.Month < 0 || d.Month > 12 {
			t.Fatalf("month %d", d.Month)
		}
		if d.Month != 0 && (d.Day < 1 || d.Day > 31) {
			t.Fatalf("day %d", d.Day)
		}
		if d.Month == 0 && (d.Day != 0 || d.Year != 0) {
			t.Fatalf("day or year without a month: %+v", d)
		}
		for _, y := range []int{0, 2024} {
			iso := d.ISODate(y)
			if iso == "" {
				continue
			}
			tm, err := time.Parse("2006-01-02", iso)
			if err != nil || tm.Month() != d.Month || tm.Day() != d.Day {
				t.Fatalf("ISODate(%d) = %q for %+v", y, iso, d)
			}
		}
	})
}

// TestReaderLinearTime is not a timing test: it feeds the pattern-heavy
// parts of the reader inputs far larger than any real paragraph, to show
// they are capped or linear (a quadratic step would make this test crawl).
func TestReaderLinearTime(t *testing.T) {
	const mb = 1 << 20
	t.Run("ParseDateline on 1 MB paragraphs", func(t *testing.T) {
		d, ok := ParseDateline("LONDON, March 3 (Reuters) - " + strings.Repeat("Shares fell. ", mb/13))
		if !ok || d.Text != "LONDON, March 3 (Reuters) - " {
			t.Errorf("long wire paragraph: ok=%v %+v", ok, d)
		}
		for _, p := range []string{
			strings.Repeat("A", mb),
			strings.Repeat("A ", mb/2),
			strings.Repeat("(", mb),
			strings.Repeat("LONDON, ", mb/8),
			strings.Repeat("Feb. 28 ", mb/8),
			strings.Repeat("-- ", mb/3),
		} {
			if d, ok := ParseDateline(p); ok && len(d.Text) > 4096 {
				t.Errorf("dateline read beyond the first 4 KB: %d bytes", len(d.Text))
			}
		}
	})
	t.Run("classify on 200 KB blocks", func(t *testing.T) {
		const kb200 = 200 << 10
		prose := strings.Repeat("Officials said the river would crest on Friday. ", kb200/49)
		if got := classify(Block{Tag: "p", Text: prose}); got != "" {
			t.Errorf("200 KB of prose classified %q", got)
		}
		for _, s := range []string{
			"1 of 3 | " + strings.Repeat("caption words ", kb200/14),
			"Photo by " + strings.Repeat("X", kb200),
			strings.Repeat("(", kb200),
			strings.Repeat("(@a) Jan 1, 2020 ", kb200/17),
			strings.Repeat("By Jane Doe and ", kb200/16),
			strings.Repeat("Jane Doe is a ", kb200/14),
			strings.Repeat("\u00a0", kb200/2),
		} {
			classify(Block{Tag: "p", Text: s})
		}
	})
	t.Run("Detect on 4 MB", func(t *testing.T) {
		if k := Detect([]byte(strings.Repeat("plain words ", 4*mb/12))); k != KindText {
			t.Errorf("Detect = %v, want text", k)
		}
	})
	t.Run("cleanBlocks on 5000 blocks", func(t *testing.T) {
		blocks := make([]Block, 0, 5000)
		for i := 0; i < 5000; i++ {
			switch i % 4 {
			case 0:
				blocks = append(blocks, Block{Tag: "p", Text: "Officials said the river would crest on Friday, and that more rain was forecast for the weekend."})
			case 1:
				blocks = append(blocks, Block{Tag: "p", Text: "1 of 3 | Flood waters rise in Mocuba. Photo by Jane Smith/Reuters"})
			case 2:
				blocks = append(blocks, Block{Tag: "p", Text: "Flood waters rise in Mocuba. Photo by Jane Smith/Reuters"})
			default:
				blocks = append(blocks, Block{Tag: "p", Text: "Related"})
			}
		}
		c := cleanBlocks(blocks, "Floods", "")
		if len(c.body) == 0 {
			t.Errorf("no body")
		}
	})
	t.Run("Read on a 512 KB text", func(t *testing.T) {
		in := "Floods\n\n" + strings.Repeat(para1+"\n\n"+"March 3, 2022\n\n", (512<<10)/(len(para1)+17))
		if _, err := Read([]byte(in), Meta{}, fuzzNow); err != nil {
			t.Errorf("Read: %v", err)
		}
	})
	t.Run("fullDateIn on 1 MB", func(t *testing.T) {
		if got := fullDateIn(strings.Repeat("March ", mb/6) + "3, 2022"); got != "2022-03-03" {
			t.Errorf("fullDateIn = %q", got)
		}
	})
}

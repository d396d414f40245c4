package reader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"

	"github.com/sitrep/sitrep/internal/document"
)

// ErrNotArticle is returned for input that holds no article text.
var ErrNotArticle = errors.New("no article text found")

// MinBodyRunes is the shortest body accepted as an article.
const MinBodyRunes = 80

// Read turns the bytes of a page into an article. The input kind is detected
// from the bytes. now is the date used when nothing else dates the article.
func Read(b []byte, meta Meta, now time.Time) (*Article, error) {
	switch kind := Detect(b); kind {
	case KindEmpty:
		return nil, errors.New("input is empty")
	case KindBinary:
		return nil, errors.New("input is binary data, not text or HTML")
	case KindHTML:
		return readHTMLArticle(b, meta, now)
	default:
		return readTextArticle(b, meta, now)
	}
}

func readTextArticle(b []byte, meta Meta, now time.Time) (*Article, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	s := string(b)
	if !utf8.ValidString(s) {
		// Text that is not UTF-8 is most often Latin-1 or Windows-1252.
		if dec, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
			s = dec
		} else {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
	}
	blocks := textBlocks(s)
	c := cleanBlocks(blocks, "", "")
	a := assemble(c, meta, pageMeta{}, s, now)
	return a, checkBody(a)
}

func readHTMLArticle(b []byte, meta Meta, now time.Time) (*Article, error) {
	utf8Bytes, err := toUTF8(b)
	if err != nil {
		return nil, err
	}
	blocks, pm, removed, err := readHTML(utf8Bytes, meta)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotArticle, err)
	}
	c := cleanBlocks(blocks, cleanTitle(pm.Title, pm.Sitename), pm.Deck)
	c.removed = append(removed, c.removed...)
	a := assemble(c, meta, pm, string(utf8Bytes), now)
	a.FromHTML = true
	if !hasStory(c.body) {
		return nil, fmt.Errorf("%w (the page has no paragraphs of prose)", ErrNotArticle)
	}
	return a, checkBody(a)
}

// toUTF8 decodes a page in a legacy encoding, as its meta tags declare or as
// the bytes suggest.
func toUTF8(b []byte) ([]byte, error) {
	if utf8.Valid(b) {
		return b, nil
	}
	r, err := charset.NewReader(bytes.NewReader(b), "text/html")
	if err != nil {
		return b, nil
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decode page: %w", err)
	}
	return out, nil
}

// hasStory: at least two paragraphs of prose, or one long one. Menus, login
// forms and link lists that an extractor mistakes for content have neither.
func hasStory(body []string) bool {
	prose := 0
	for _, p := range body {
		if isProse(p) {
			prose++
			if prose >= 2 || fieldsUpTo(p, 60) >= 60 {
				return true
			}
		}
	}
	return false
}

func checkBody(a *Article) error {
	// a rune takes four bytes at most: a long text need not be counted
	if t := strings.TrimSpace(a.Text); len(t) < 4*MinBodyRunes && utf8.RuneCountInString(t) < MinBodyRunes {
		return ErrNotArticle
	}
	return nil
}

// assemble fills the article from the cleaned blocks and decides the
// publication date: the caller's, else the page's, else the dateline's.
func assemble(c cleaned, meta Meta, pm pageMeta, raw string, now time.Time) *Article {
	a := &Article{
		Title:   c.title,
		Deck:    c.deck,
		Byline:  c.byline,
		Text:    strings.Join(c.body, "\n\n"),
		Removed: c.removed,
		URL:     firstNonEmpty(meta.URL, pm.URL),
		Outlet:  firstNonEmpty(meta.Outlet, pm.Sitename),
	}
	a.Modified, a.Live = pm.Modified, pm.Live
	if len(a.Byline) == 0 && pm.Author != "" {
		a.Byline = splitNames(pm.Author)
	}
	a.Language = pm.Language
	var dlDate string
	if c.dateline != nil {
		d := c.dateline
		year := d.Year
		if year == 0 && len(pm.Published) >= 4 {
			fmt.Sscanf(pm.Published[:4], "%d", &year)
		}
		if year == 0 {
			year = yearFromPage(raw, d)
		}
		if year == 0 && meta.Published != "" && len(meta.Published) >= 4 {
			fmt.Sscanf(meta.Published[:4], "%d", &year)
		}
		dlDate = d.ISODate(year)
		a.Dateline = &document.Dateline{
			Text:   d.Text,
			Place:  document.Str(titleCase(d.Place)),
			Agency: document.Str(d.Agency),
			Date:   document.Str(dlDate),
		}
		if a.Outlet == "" && d.Agency != "" {
			a.Outlet = d.Agency
		}
	}
	switch {
	case meta.Published != "":
		a.Published = meta.Published
	case pm.Published != "":
		a.Published = pm.Published
	case c.stamp != "":
		a.Published = c.stamp
	case dlDate != "":
		a.Published = dlDate
	default:
		a.Published = now.UTC().Format("2006-01-02")
		a.Warnings = append(a.Warnings, "no publication date found; using today's date")
	}
	return a
}

var reFullDate = regexp.MustCompile(`\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+((?:19|20)\d\d)\b|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b|((?:19|20)\d\d)-[01]\d-[0-3]\d(?:\b|T))`)

// fullDateIn returns the first full date (with a year) in s as YYYY-MM-DD.
func fullDateIn(s string) string {
	if !hasDateMark(s) {
		return ""
	}
	m := reFullDate.FindString(s)
	if m == "" {
		return ""
	}
	m = dropDotsAndCommas(m)
	for _, layout := range []string{"Jan 2 2006", "January 2 2006", "2 Jan 2006", "2 January 2006", "2006-01-02", "Sept 2 2006"} {
		if t, err := time.Parse(layout, m); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// dropDotsAndCommas removes every '.' and ',' from s.
func dropDotsAndCommas(s string) string {
	if !strings.ContainsAny(s, ".,") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '.' && s[i] != ',' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// yearFromPage takes the year of a dateline that lacks one from the full
// dates elsewhere in the page: the most frequent year wins.
func yearFromPage(raw string, d *Dateline) int {
	counts := map[int]int{}
	best, bestN := 0, 0
	// Find the years first (cheap), then read the few bytes before each
	// with the full-date expression.
	// the next '1' and '2' at or after i, found with IndexByte
	next1, next2 := -1, -1
	for i := 0; i+4 <= len(raw); i++ {
		if next1 < i {
			next1 = nextByte(raw, i, '1')
		}
		if next2 < i {
			next2 = nextByte(raw, i, '2')
		}
		i = min(next1, next2)
		if i+4 > len(raw) {
			break
		}
		if !(raw[i:i+2] == "19" || raw[i:i+2] == "20") || !isDigits(raw[i+2:i+4]) {
			continue
		}
		if i > 0 && isDigits(raw[i-1:i]) || i+4 < len(raw) && isDigits(raw[i+4:i+5]) {
			continue
		}
		from := max(0, i-24)
		for from > 0 && from < len(raw) && raw[from]&0xC0 == 0x80 {
			from--
		}
		to := min(len(raw), i+10)
		if w := raw[from:to]; !hasDateMark(w) || !reFullDate.MatchString(w) {
			continue
		}
		y := int(raw[i]-'0')*1000 + int(raw[i+1]-'0')*100 + int(raw[i+2]-'0')*10 + int(raw[i+3]-'0')
		counts[y]++
		if counts[y] > bestN {
			best, bestN = y, counts[y]
		}
		if bestN > 50 {
			break
		}
	}
	return best
}

// hasDateMark: what every match of reFullDate holds, a month's abbreviation
// (in the case it is written) or an ISO date's dash.
func hasDateMark(s string) bool {
	if strings.IndexByte(s, '-') >= 0 {
		return true
	}
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] {
		case 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D':
			switch s[i : i+3] {
			case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
				return true
			}
		}
	}
	return false
}

// nextByte is the position of the first c in s at or after i, len(s) when
// there is none.
func nextByte(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// cleanTitle drops a " | Site" or " - Site" suffix naming the site.
func cleanTitle(title, site string) string {
	title = strings.TrimSpace(title)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(title[i+len(sep):])
		if site != "" && normKey(tail) == normKey(site) || len(strings.Fields(tail)) <= 3 && len(tail) < 30 && isSiteLike(tail) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// isSiteLike: a short tail with a capital or a dot, like "BBC News" or "nature.com".
func isSiteLike(s string) bool {
	return strings.Contains(s, ".") || strings.ToUpper(s[:1]) == s[:1]
}

// titleCase turns the shouted parts of a dateline place into name case:
// "KYIV, Ukraine" -> "Kyiv, Ukraine".
func titleCase(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if p != strings.ToUpper(p) {
			continue
		}
		words := strings.Fields(strings.ToLower(p))
		for j, w := range words {
			words[j] = capitalize(w)
		}
		lead := ""
		if i > 0 {
			lead = " "
		}
		parts[i] = lead + strings.Join(words, " ")
	}
	return strings.Join(parts, ",")
}

// capitalize upper-cases the first letter of each hyphen-separated part.
func capitalize(w string) string {
	subs := strings.Split(w, "-")
	for k, sub := range subs {
		if r, size := utf8.DecodeRuneInString(sub); size > 0 {
			subs[k] = string(unicode.ToUpper(r)) + sub[size:]
		}
	}
	return strings.Join(subs, "-")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}

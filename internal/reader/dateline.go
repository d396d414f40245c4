package reader

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dateline is a parsed wire dateline.
type Dateline struct {
	Text   string // the dateline as written, separator included
	Place  string
	Agency string
	Month  time.Month // 0 when the dateline has no date
	Day    int
	Year   int // 0 when the dateline has no year
}

// The dateline grammar, in pieces. Agencies are a closed-ish set of wire
// names in parentheses; the separator is a dash of some kind or a colon.
var (
	monthNames = map[string]time.Month{
		"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
		"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
		"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
	}
	reMonthDay  = `(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>(?:19|20)\d\d))?`
	rePlace     = `(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+[A-Z][A-Za-z.'’\- ]{1,30})?)`
	reAgency    = `(?:\((?P<agency>[A-Za-z][A-Za-z0-9&/.\- ]{0,30})\)|/(?P<wire>[A-Za-z][A-Za-z0-9&.\- ]{1,30})/)`
	reSep       = `(?:\s*(?:--|-|:)\s+|\s*(?:—|–)\s*)`
	datelineRes = []*regexp.Regexp{
		// LONDON, March 3 (Reuters) -   /  KYIV, Ukraine, Feb 2, 2023 (AP) —
		regexp.MustCompile(`^` + rePlace + `,\s+` + reMonthDay + `\s*(?:` + reAgency + `)?` + reSep),
		// Feb. 28 (UPI) --
		regexp.MustCompile(`^` + reMonthDay + `\s*` + reAgency + reSep),
		// KYIV, Ukraine (AP) —
		regexp.MustCompile(`^` + rePlace + `\s*` + reAgency + reSep),
		// WASHINGTON — / TEL AVIV - / BHOPAL: (upper-case place alone; a
		// colon only before a capital, "NATO: allies" is a headline)
		regexp.MustCompile(`^(?P<place>[A-Z][A-Z.'’\-]{1,25}(?: [A-Z][A-Z.'’\-]{1,25}){0,2}(?:,\s+[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+)?)?)` + `(?:\s*(?:--|—|–)\s*|\s+-\s+|:\s+(?P<capital>\p{Lu}))`),
		// (Reuters) -   / /PRNewswire/ --
		regexp.MustCompile(`^` + reAgency + reSep),
	}
)

// ParseDateline reads a dateline at the start of a paragraph. ok is false when
// the paragraph does not open with one.
func ParseDateline(p string) (d Dateline, ok bool) {
	if len(p) > 4096 {
		p = p[:4096]
	}
	if !datelineShaped(p) {
		return Dateline{}, false
	}
	for _, re := range datelineRes {
		m := re.FindStringSubmatchIndex(p)
		if m == nil {
			continue
		}
		get := func(name string) string {
			i := re.SubexpIndex(name)
			if i < 0 || m[2*i] < 0 {
				return ""
			}
			return p[m[2*i]:m[2*i+1]]
		}
		end := m[1]
		if i := re.SubexpIndex("capital"); i >= 0 && m[2*i] >= 0 {
			end = m[2*i] // the capital after a colon belongs to the story
		}
		agency := get("agency")
		if agency == "" {
			agency = get("wire")
		}
		d = Dateline{Text: p[:end], Place: strings.TrimSpace(get("place")), Agency: strings.TrimSpace(agency)}
		if strings.HasSuffix(re.String(), "(?P<capital>\\p{Lu}))") && len([]rune(d.Place)) < 3 {
			continue // "US: ..." is a headline label
		}
		if d.Agency == "" && get("month") == "" && strings.TrimSpace(p[end:]) == "" {
			continue // a bare place opens a story only when the story follows
		}
		if d.Place != "" && !plausiblePlace(d.Place) {
			continue
		}
		if mo := get("month"); mo != "" {
			d.Month = monthNames[strings.ToLower(strings.TrimSuffix(mo, "."))]
			d.Day, _ = strconv.Atoi(get("day"))
			d.Year, _ = strconv.Atoi(get("year"))
			if d.Day < 1 || d.Day > 31 {
				continue
			}
		}
		// An all-caps opening word followed by a colon is a dateline only when
		// a sentence follows; "WARNING: ..." is not a place.
		if d.Agency == "" && d.Month == 0 && notPlaceWords[strings.ToUpper(d.Place)] {
			continue
		}
		return d, true
	}
	return Dateline{}, false
}

// datelineShaped: what the dateline expressions need of a paragraph's
// opening. It opens with a parenthesis or a slash (the agency), with a
// month's abbreviation, or with a capital followed by a capital, a dot,
// an apostrophe, a hyphen or a space (the place).
func datelineShaped(p string) bool {
	if p == "" {
		return false
	}
	switch c := p[0]; {
	case c == '(' || c == '/':
		return true
	case 'A' <= c && c <= 'Z':
		if len(p) > 1 {
			if c1 := p[1]; 'A' <= c1 && c1 <= 'Z' || c1 == '.' || c1 == '\'' || c1 == '-' || c1 == ' ' || strings.HasPrefix(p[1:], "’") {
				return true
			}
		}
		if len(p) >= 3 {
			switch p[:3] {
			case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
				return true
			}
		}
	}
	return false
}

var notPlaceWords = map[string]bool{
	"WARNING": true, "UPDATE": true, "BREAKING": true, "EXCLUSIVE": true, "WATCH": true, "LISTEN": true,
	"READ": true, "NOTE": true, "EDITOR'S NOTE": true, "CORRECTION": true, "LIVE": true, "ANALYSIS": true,
	"OPINION": true, "PHOTOS": true, "VIDEO": true, "SPONSORED": true, "ADVERTISEMENT": true, "AD": true,
	"Q": true, "A": true, "UPDATED": true, "FILE": true, "I": true, "IT": true, "IN": true, "THE": true,
}

// plausiblePlace rejects long shouted phrases: a dateline place is a few words.
func plausiblePlace(s string) bool {
	return len(strings.Fields(s)) <= 5
}

// ISODate renders the dateline date with the given year, or "" without a date.
func (d Dateline) ISODate(year int) string {
	if d.Month == 0 {
		return ""
	}
	if d.Year != 0 {
		year = d.Year
	}
	if year == 0 {
		return ""
	}
	t := time.Date(year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	if t.Day() != d.Day {
		return ""
	}
	return t.Format("2006-01-02")
}

package timex

import (
	"time"
	"unicode"
	"unicode/utf8"
)

type tkind uint8

const (
	tNone tkind = iota
	tWord
	tNum
	tPunct
)

// Letter case of a word.
const (
	lower   uint8 = iota // starts with a lowercase letter (or no case)
	initCap              // starts with a capital
	allCaps              // two or more letters, all capitals
)

// token is a word, a number or one punctuation rune of the text.
type token struct {
	start, end int
	n          int    // numbers: the value, or -1 with separators or more than 4 digits
	nd         int    // numbers: digits
	r          rune   // punctuation
	li         uint16 // words: index in entries, 0 when not in the lexicon
	kind       tkind
	brk        bool  // a line break (or the start of the text) precedes it
	caps       uint8 // words
	ord        bool  // numbers: an ordinal suffix (24th), included in the span
}

// lex returns the lexicon entry of a word token, or nil.
func (t *token) lex() *entry {
	if t.li == 0 {
		return nil
	}
	return &entries[t.li]
}

// word returns the lexicon form of a word token, or "".
func (t *token) word() string {
	if t.li == 0 {
		return ""
	}
	return entries[t.li].w
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

// isLetterAt reports whether s[i:] starts with a letter.
func isLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// tokenize appends the tokens of s to toks.
func tokenize(s string, toks []token) []token {
	brk := true
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' || c == '\r':
			brk = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			i++
			continue
		case isDigit(c):
			t := token{start: i, kind: tNum, brk: brk}
			j := i
			sep := false
			for j < len(s) {
				if isDigit(s[j]) {
					j++
					continue
				}
				if (s[j] == ',' || s[j] == '.') && j+1 < len(s) && isDigit(s[j+1]) {
					sep = true
					j++
					continue
				}
				break
			}
			t.nd = j - i
			if !sep && t.nd <= 4 {
				for k := i; k < j; k++ {
					t.n = t.n*10 + int(s[k]-'0')
				}
			} else {
				t.n = -1
			}
			if j+2 <= len(s) && !isLetterAt(s, j+2) {
				a, b := s[j]|0x20, s[j+1]|0x20
				if a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h' {
					t.ord = true
					j += 2
				}
			}
			t.end = j
			toks = append(toks, t)
			i = j
		case c < utf8.RuneSelf && isASCIILetter(c), c >= utf8.RuneSelf && isLetterAt(s, i):
			j := i
			ascii := true
			upper, lowers := 0, 0
			for j < len(s) {
				b := s[j]
				if b < utf8.RuneSelf {
					if !isASCIILetter(b) {
						break
					}
					if b <= 'Z' {
						upper++
					} else {
						lowers++
					}
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) && !unicode.IsMark(r) {
					break
				}
				ascii = false
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lowers++
				}
				j += size
			}
			t := token{start: i, end: j, kind: tWord, brk: brk}
			first, _ := utf8.DecodeRuneInString(s[i:])
			switch {
			case upper >= 2 && lowers == 0:
				t.caps = allCaps
			case unicode.IsUpper(first):
				t.caps = initCap
			}
			if ascii && j-i <= maxWord && j-i >= 1 && firstTwo[pair(s[i], s[min(i+1, j-1)])] {
				var buf [maxWord]byte
				for k := i; k < j; k++ {
					buf[k-i] = s[k] | 0x20
				}
				t.li = lexicon[string(buf[:j-i])]
			}
			toks = append(toks, t)
			i = j
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size > 1 {
				if unicode.IsSpace(r) {
					if r == 0x85 || r == 0x2028 || r == 0x2029 {
						brk = true
					}
					i += size
					continue
				}
			}
			toks = append(toks, token{start: i, end: i + size, kind: tPunct, brk: brk, r: r})
			i += size
		}
		brk = false
	}
	return toks
}

// Lexicon.

const maxWord = 12

// entry is a word the patterns know.
type entry struct {
	w       string
	f       uint32
	month   int // 1..12
	weekday time.Weekday
	num     int // number words
	unit    int // uHour..uYear
}

const (
	fMonth       uint32 = 1 << iota
	fAbbr               // month abbreviation: needs a day or a year
	fWeekday            // monday ... sunday
	fNumber             // number word
	fUnit               // hour(s), day(s), week(s), month(s), year(s)
	fPlural             // plural unit
	fDayPart            // morning, afternoon, evening, night
	fFuture             // future-tense cue
	fPast               // past-tense cue
	fPrep               // a word before a bare month or year that makes it a date
	fMayPrep            // the words before "May" alone that make it a month
	fWdPre              // capitalised word before a weekday that makes a holiday
	fWdPost             // capitalised word after a weekday that makes a title
	fQty                // a noun after a number that makes it a count
	fFuzz               // late, early, earlier, later
	fRel                // last, this, next
	fPreposition        // reported as Mention.Prep
)

const (
	uHour = iota + 1
	uDay
	uWeek
	uMonth
	uYear
)

// entries holds the lexicon; entry 0 is unused, so that a token's zero li
// means "not in the lexicon".
var (
	entries = []entry{{}}
	lexicon = map[string]uint16{}
	// firstTwo marks the first two letters (lowercased) of lexicon words,
	// so that most words skip the map lookup.
	firstTwo [26 * 26]bool
)

// pair indexes firstTwo by two ASCII letters of any case.
func pair(a, b byte) int { return int((a|0x20)-'a')*26 + int((b|0x20)-'a') }

func add(f uint32, words ...string) {
	for _, w := range words {
		li, ok := lexicon[w]
		if !ok {
			li = uint16(len(entries))
			entries = append(entries, entry{w: w})
			lexicon[w] = li
			firstTwo[pair(w[0], w[min(1, len(w)-1)])] = true
		}
		entries[li].f |= f
	}
}

// set returns the entry of a word added before.
func set(w string) *entry { return &entries[lexicon[w]] }

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, names := range months {
		for j, w := range names {
			f := fMonth
			if j > 0 {
				f |= fAbbr
			}
			add(f, w)
			set(w).month = i + 1
		}
	}
	for d, w := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		add(fWeekday, w)
		set(w).weekday = time.Weekday(d)
	}
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	for n, w := range nums {
		if n == 0 {
			continue
		}
		add(fNumber, w)
		set(w).num = n
	}
	for _, w := range []string{"thirty", "forty", "fifty", "sixty"} {
		add(fNumber, w)
	}
	set("thirty").num, set("forty").num, set("fifty").num, set("sixty").num = 30, 40, 50, 60
	add(fNumber, "a", "an")
	set("a").num, set("an").num = 1, 1
	add(fNumber, "few", "couple", "several")
	set("few").num, set("couple").num, set("several").num = 3, 2, 3

	for u, ws := range [][2]string{{"hour", "hours"}, {"day", "days"}, {"week", "weeks"}, {"month", "months"}, {"year", "years"}} {
		add(fUnit, ws[0])
		add(fUnit|fPlural, ws[1])
		set(ws[0]).unit, set(ws[1]).unit = u+1, u+1
	}
	add(fDayPart, "morning", "afternoon", "evening", "night")

	add(fFuzz, "late", "early", "earlier", "later")
	add(fRel, "last", "this", "next")
	add(0, "mid", "the", "between", "from", "and", "or", "to", "through", "thru", "until", "till",
		"on", "past", "coming", "ago", "recent", "today", "tonight", "yesterday", "tomorrow", "overnight",
		"weekend", "weekends", "of", "every", "each", "before", "after", "over", "is", "are", "re", "be", "being", "s",
		"ll", "t", "for", "show", "programme", "program", "year", "better", "brighter")

	add(fPreposition, "on", "in", "since", "until", "till", "by", "from", "through", "throughout", "during",
		"before", "after", "of", "at", "for", "around", "over", "within", "between", "into", "as")
	add(fPrep, "in", "on", "since", "until", "till", "by", "of", "from", "through", "throughout", "during",
		"before", "after", "between", "around", "early", "late", "mid", "last", "this", "next", "year", "into")
	add(fMayPrep, "in", "on", "since", "until", "by", "of", "early", "late", "mid", "last", "this", "next")

	add(fFuture, "will", "would", "shall", "should", "must", "might", "due", "expected", "expects", "expect",
		"scheduled", "planned", "plans", "plan", "planning", "slated", "set", "going", "upcoming", "ahead",
		"intends", "intend", "ll", "next")
	add(fPast, "said", "told", "was", "were", "had", "did", "came", "began", "fell", "went", "made", "saw",
		"met", "held", "hit", "struck", "shot", "left", "lost", "won", "led", "gave", "sent", "spoke", "wrote",
		"broke", "got", "ran", "brought", "fought", "flew", "drove", "threw", "stood", "took", "became", "found",
		"thought", "heard", "felt", "kept", "paid", "rose", "sought", "spent", "tore", "woke", "wore", "fled",
		"dealt", "meant", "sank", "swept", "sprang", "stole", "overran", "overtook", "withdrew", "undertook",
		"ago", "blew", "built", "caught", "chose", "drew", "forgot", "froze", "grew", "hid", "knew", "laid",
		"lay", "lit", "sold", "shook", "shut", "slid", "split", "spread", "sang", "taught", "wept", "wound",
		"arose", "awoke", "bore", "bit", "bled", "bought", "fed", "forbade", "forgave", "hung", "lent", "quit",
		"rang", "rode", "sat", "slept", "spun", "stuck", "stung", "swore", "swam", "swung", "trod")

	add(fWdPre, "black", "cyber", "bloody", "good", "easter", "palm", "super", "ash", "holy", "maundy",
		"shrove", "giving", "whit", "low", "trinity", "mothering", "remembrance", "manic", "freaky")
	add(fWdPost, "times", "telegraph", "express", "mirror", "post", "herald", "mail", "people", "world",
		"independent", "star", "tribune", "observer", "sport", "business", "school", "league", "edition",
		"magazine", "review", "today", "football", "live", "club", "special", "show", "sun", "argus",
		"record", "journal", "news", "gazette", "chronicle", "standard", "nation", "vision", "monitor")
	add(fQty, "people", "persons", "person", "deaths", "dead", "cases", "soldiers", "troops", "civilians",
		"refugees", "children", "men", "women", "residents", "homes", "houses", "buildings", "votes", "km",
		"kilometres", "kilometers", "miles", "metres", "meters", "tonnes", "tons", "dollars", "euros",
		"pounds", "percent", "per", "million", "billion", "thousand", "hundred", "times", "missiles", "rockets", "drones", "shells", "tanks", "units", "members", "points",
		"patients", "students", "workers", "families", "households", "villages", "towns", "cities",
		"countries", "vehicles", "aircraft", "flights", "rubles", "roubles", "hryvnias", "hectares", "am",
		"pm", "gmt", "utc", "others", "more", "less", "fewer")
}

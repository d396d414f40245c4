package timex

import (
	"time"
)

// parser holds one text's tokens and the state of the scan.
type parser struct {
	text    string
	toks    []token
	pub     time.Time // the publication date, midnight UTC
	lastEnd int       // token index just after the previous mention, or -1
	floor   int       // token index where the current match starts
	skipTo  int       // token index before which nothing may start (after "a Tuesday, Wednesday or Sunday")
	pending yearless  // the yearless date of the current match
}

// yearless is a day written without a year.
type yearless struct {
	m    time.Month
	d    int
	cued bool      // resolved with a tense cue or after "since"
	at   time.Time // as resolved
	set  bool
	idx  int // index of the mention
}

var nullTok token

func newParser(text string, published time.Time) *parser {
	y, m, d := published.Date()
	return &parser{
		text:    text,
		toks:    tokenize(text, make([]token, 0, len(text)/5+1)),
		pub:     date(y, m, d),
		lastEnd: -1,
	}
}

// run scans the tokens left to right, taking the match at each token that
// could start an expression and resuming after it.
func (p *parser) run() []Mention {
	var out []Mention
	var yl []yearless
	for i := 0; i < len(p.toks); {
		t := &p.toks[i]
		if i >= p.skipTo && (t.kind == tNum || t.lex() != nil) {
			p.floor = i
			p.pending.set = false
			if end, s, ok := p.at(i); ok && end > i {
				if p.pending.set && s.prec == Day {
					p.pending.idx = len(out)
					yl = append(yl, p.pending)
				}
				out = append(out, p.mention(i, end, s))
				p.lastEnd = end
				i = end
				continue
			}
		}
		i++
	}
	p.sameYear(out, yl)
	return out
}

// sameYear gives a day written without a year and resolved without a tense
// cue the year of the same day resolved with one: "the Oct. 7 attacks" in a
// story that also says "since Oct. 7".
func (p *parser) sameYear(out []Mention, yl []yearless) {
	if len(yl) < 2 {
		return
	}
	type key struct {
		m time.Month
		d int
	}
	cued := map[key]time.Time{}
	for _, c := range yl {
		if c.cued {
			cued[key{c.m, c.d}] = c.at
		}
	}
	if len(cued) == 0 {
		return
	}
	for _, u := range yl {
		at, ok := cued[key{u.m, u.d}]
		if u.cued || !ok || u.at.Equal(at) {
			continue
		}
		m := &out[u.idx]
		s := daySpan(at)
		m.Value, m.From, m.To, m.Future = s.value(), s.from, s.to, at.After(p.pub)
	}
}

func (p *parser) mention(i, end int, s span) Mention {
	start, stop := p.toks[i].start, p.toks[end-1].end
	m := Mention{
		Start: start, End: stop, Text: p.text[start:stop],
		Value: s.value(), Precision: s.prec,
		From: s.from, To: s.to,
		Future: s.future || s.from.After(p.pub),
	}
	if i > 0 && !p.toks[i].brk {
		if prev := &p.toks[i-1]; prev.lex() != nil && prev.lex().f&fPreposition != 0 {
			m.Prep = prev.lex().w
		}
	}
	return m
}

// Token access. ct(k) is token k if it exists and, after the token where
// the match starts, continues the same line; otherwise the null token.

func (p *parser) ct(k int) *token {
	if k < 0 || k >= len(p.toks) || (k > p.floor && p.toks[k].brk) {
		return &nullTok
	}
	return &p.toks[k]
}

func (p *parser) cw(k int) string { return p.ct(k).word() }

func (p *parser) flag(k int, f uint32) bool {
	t := p.ct(k)
	return t.lex() != nil && t.lex().f&f != 0
}

func (p *parser) punct(k int, r rune) bool {
	t := p.ct(k)
	return t.kind == tPunct && t.r == r
}

func (p *parser) dash(k int) bool {
	t := p.ct(k)
	return t.kind == tPunct && (t.r == '-' || t.r == '–' || t.r == '—' || t.r == '‒')
}

// adjacent reports whether token k starts where token k-1 ends.
func (p *parser) adjacent(k int) bool {
	return k > 0 && k < len(p.toks) && p.toks[k].start == p.toks[k-1].end
}

// prevWord returns the word before token i on the same line, or nil.
func (p *parser) prev(i int) *token {
	if i <= 0 || i >= len(p.toks) || p.toks[i].brk {
		return &nullTok
	}
	return &p.toks[i-1]
}

var fail = span{}

// at tries every pattern that can start at token i.
func (p *parser) at(i int) (int, span, bool) {
	t := &p.toks[i]
	if t.kind == tNum {
		if e, s, ok := p.isoDate(i); ok {
			return e, s, true
		}
		if e, s, ok := p.dates(i, i, ""); ok {
			return e, s, true
		}
		if e, s, ok := p.ago(i); ok {
			return e, s, true
		}
		return p.year(i, i, "")
	}
	e := t.lex()
	switch e.w {
	case "between", "from":
		if end, s, ok := p.dates(i, i+1, e.w); ok {
			return end, s, true
		}
		return p.weekdayRange(i, i+1, e.w)
	case "the":
		if e, s, ok := p.dates(i, i, ""); ok {
			return e, s, true
		}
		return p.the(i)
	case "recent":
		return p.recent(i)
	case "today", "tonight", "yesterday", "tomorrow", "overnight":
		return p.relDay(i, i)
	case "mid":
		return p.modified(i)
	}
	if e.f&fNumber != 0 {
		if end, s, ok := p.ago(i); ok {
			return end, s, true
		}
	}
	if e.f&(fFuzz|fRel) != 0 {
		return p.modified(i)
	}
	if e.f&fWeekday != 0 {
		return p.weekday(i, i, "", "")
	}
	if e.f&fMonth != 0 {
		if end, s, ok := p.dates(i, i, ""); ok {
			return end, s, true
		}
		return p.monthAlone(i, i, "", "")
	}
	return 0, fail, false
}

// Dates.

// md is a calendar date as written; y is 0 when no year is given.
type md struct {
	y int
	m time.Month
	d int
}

// monthTok reads a month name (capitalised) at k and the dot of an
// abbreviation; it returns the month and the index after it.
func (p *parser) monthTok(k int) (time.Month, int, bool) {
	t := p.ct(k)
	if t.lex() == nil || t.lex().f&fMonth == 0 || t.caps == lower {
		return 0, 0, false
	}
	e := k + 1
	if t.lex().f&fAbbr != 0 && p.punct(e, '.') && p.adjacent(e) {
		e++
	}
	return time.Month(t.lex().month), e, true
}

// dayNum reads a day number at k: 1 to 31, at most two digits, not a count
// ("24 people") or a time ("3:30", "5 p.m.").
func (p *parser) dayNum(k int) (int, bool) {
	t := p.ct(k)
	if t.kind != tNum || t.nd > 2 || t.n < 1 || t.n > 31 {
		return 0, false
	}
	if !p.notCount(k + 1) {
		return 0, false
	}
	if p.punct(k+1, ':') && p.ct(k+2).kind == tNum && p.adjacent(k+2) {
		return 0, false
	}
	if w := p.cw(k + 1); (w == "a" || w == "p") && p.punct(k+2, '.') {
		return 0, false
	}
	return t.n, true
}

// notCount reports whether token k, following a number, leaves it a date.
func (p *parser) notCount(k int) bool {
	t := p.ct(k)
	if t.kind == tPunct && (t.r == '%' || t.r == '°') {
		return false
	}
	return !(t.lex() != nil && t.lex().f&fQty != 0 && t.caps != initCap)
}

// year4 reads a four-digit year 1900-2100 at k.
func (p *parser) year4(k int) (int, bool) {
	t := p.ct(k)
	if t.kind != tNum || t.nd != 4 || t.ord || t.n < 1900 || t.n > 2100 || !p.notCount(k+1) {
		return 0, false
	}
	// "2022-23", "2014-2022": not a plain year after a date
	if p.dash(k+1) && p.adjacent(k+1) && p.ct(k+2).kind == tNum && p.adjacent(k+2) {
		return 0, false
	}
	// "the 1990s", "2000km"
	if p.ct(k+1).kind == tWord && p.adjacent(k+1) {
		return 0, false
	}
	return t.n, true
}

// yearAfter reads an optional ", 2022" or " 2022" at k.
func (p *parser) yearAfter(k int) (int, int) {
	j := k
	if p.punct(j, ',') {
		j++
	}
	if y, ok := p.year4(j); ok {
		return y, j + 1
	}
	return 0, k
}

// calDate reads one date at k: "Feb. 24", "February 24th, 2022", "24
// February 2022", "24th of February", "the 24th of February".
func (p *parser) calDate(k int) (md, int, bool) {
	if m, e, ok := p.monthTok(k); ok {
		d, ok := p.dayNum(e)
		if !ok {
			return md{}, 0, false
		}
		e++
		// "March 1 2022" but not "March 1 - 3" etc.; a year needs four digits
		y, e2 := p.yearAfter(e)
		if !validDay(y, m, d) {
			return md{}, 0, false
		}
		return md{y, m, d}, e2, true
	}
	j := k
	the := false
	if p.cw(j) == "the" {
		j++
		the = true
	}
	t := p.ct(j)
	if t.kind != tNum || t.nd > 2 || t.n < 1 || t.n > 31 {
		return md{}, 0, false
	}
	d := t.n
	j++
	if p.cw(j) == "of" && t.ord {
		j++
	} else if the {
		return md{}, 0, false
	}
	m, e, ok := p.monthTok(j)
	if !ok {
		return md{}, 0, false
	}
	y := 0
	if yy, ok := p.year4(e); ok {
		y, e = yy, e+1
	}
	if !validDay(y, m, d) {
		return md{}, 0, false
	}
	return md{y, m, d}, e, true
}

func validDay(y int, m time.Month, d int) bool {
	if y == 0 {
		y = 2000 // a leap year: Feb. 29 is checked when the year is known
	}
	return d >= 1 && d <= daysIn(y, m)
}

// bareDay reads a day number at k that is not followed by a month.
func (p *parser) bareDay(k int) (int, bool) {
	if p.flag(k+1, fMonth) {
		return 0, false
	}
	return p.dayNum(k)
}

// connector reads the word or dash between the two ends of a range: "and"
// after "between", otherwise a dash, to, through, until or till.
func (p *parser) connector(k int, intro string) bool {
	w := p.cw(k)
	if intro == "between" {
		return w == "and"
	}
	if p.dash(k) {
		// a spaced em dash opens an aside: "on Feb. 20 — 24 battalions — entered"
		return p.ct(k).r != '—' || p.adjacent(k) && p.adjacent(k+1)
	}
	return w == "to" || w == "through" || w == "thru" || w == "until" || w == "till"
}

// dates reads a date or a range of dates starting at token k; the mention
// starts at token i (the "between" or "from" before k, if any).
func (p *parser) dates(i, k int, intro string) (int, span, bool) {
	if w := p.prev(i).word(); w == "every" || w == "each" {
		return 0, fail, false
	}
	a, e, ok := p.calDate(k)
	bare := false
	if !ok {
		// "24-26 February", "between 1 and 3 March"
		d, ok := p.bareDay(k)
		if !ok {
			return 0, fail, false
		}
		a, e, bare = md{d: d}, k+1, true
	}
	single := func() (int, span, bool) {
		if bare || intro != "" {
			return 0, fail, false
		}
		d, ok := p.resolve(a, p.tense(i, e), i)
		if !ok {
			return 0, fail, false
		}
		return e, daySpan(d), true
	}
	if !p.connector(e, intro) {
		return single()
	}
	c := e + 1
	b, e2, ok := p.calDate(c)
	if !ok {
		if bare {
			return single()
		}
		d, ok := p.bareDay(c)
		if !ok || d <= a.d {
			return single()
		}
		// "Feb. 20 to 24 battalions": a spaced connector and a noun after
		// the number make it a count
		if n := p.ct(c + 1); !(p.adjacent(e) && p.adjacent(c)) && n.kind == tWord && n.lex() == nil && n.caps == lower {
			return single()
		}
		b, e2 = md{a.y, a.m, d}, c+1
		if a.y == 0 {
			if y, e3 := p.yearAfter(e2); y != 0 {
				b.y, e2 = y, e3
			}
		}
	}
	if bare {
		if a.d >= b.d && b.y == 0 {
			return 0, fail, false
		}
		a.m, a.y = b.m, b.y
		if !validDay(a.y, a.m, a.d) {
			return 0, fail, false
		}
	}
	if a.y == 0 && b.y != 0 {
		a.y = b.y
		if a.m > b.m {
			a.y--
		}
	}
	from, ok := p.resolve(a, p.tense(i, e2), i)
	p.pending.set = false
	if !ok {
		return single()
	}
	if b.y == 0 {
		b.y = from.Year()
		if b.m < a.m {
			b.y++
		}
	}
	if !validDay(b.y, b.m, b.d) {
		return single()
	}
	to := date(b.y, b.m, b.d)
	if to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		return single()
	}
	return e2, rangeSpan(from, to), true
}

// resolve gives a written date its year when it has none.
// The mention starts at token i: after "since" the date is in the past. A
// date resolved without any cue is noted in p.pending, so that run can give
// it the year of the same date resolved with one elsewhere in the text.
func (p *parser) resolve(a md, tense, i int) (time.Time, bool) {
	if a.y != 0 {
		if !validDay(a.y, a.m, a.d) {
			return time.Time{}, false
		}
		return date(a.y, a.m, a.d), true
	}
	maxAfter := 61
	if w := p.prev(i).word(); w == "since" {
		tense, maxAfter = -1, 0
	} else if tense < 0 {
		maxAfter = 1
	}
	d, ok := resolveMD(p.pub, a.m, a.d, tense, maxAfter)
	if ok {
		p.pending = yearless{m: a.m, d: a.d, cued: tense != 0, at: d, set: true}
	}
	return d, ok
}

// isoDate reads 2022-03-11.
func (p *parser) isoDate(i int) (int, span, bool) {
	y, m, d := p.ct(i), p.ct(i+2), p.ct(i+4)
	if y.nd != 4 || y.n < 1000 || !p.dash(i+1) || m.kind != tNum || m.nd > 2 || !p.dash(i+3) ||
		d.kind != tNum || d.nd > 2 || d.ord || m.ord {
		return 0, fail, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !p.adjacent(k) {
			return 0, fail, false
		}
	}
	if m.n < 1 || m.n > 12 || !validDay(y.n, time.Month(m.n), d.n) {
		return 0, fail, false
	}
	return i + 5, daySpan(date(y.n, time.Month(m.n), d.n)), true
}

// year reads a year with a preposition or a modifier before it: "in 2021",
// "since 2014", "early 2022", "mid-2021". The mention starts at i.
func (p *parser) year(i, k int, fuzz string) (int, span, bool) {
	y, ok := p.year4(k)
	if !ok {
		return 0, fail, false
	}
	if fuzz == "" && !p.dateContext(k, false) {
		return 0, fail, false
	}
	return k + 1, yearSpan(y).narrow(fuzz, "", p.pub), true
}

// dateContext reports whether the word before token k lets a bare month or
// year be a date: a preposition, or a conjunction right after another
// expression ("between February and March").
func (p *parser) dateContext(k int, may bool) bool {
	prev := p.prev(k)
	if prev.lex() == nil {
		return false
	}
	f := fPrep
	if may {
		f = fMayPrep
	}
	if prev.lex().f&f != 0 {
		return true
	}
	switch prev.lex().w {
	case "and", "or", "to", "through", "until", "till":
		return k-1 == p.lastEnd
	}
	return false
}

// monthAlone reads a month without a day: "February 2022", "in February",
// "early March", "last May". The mention starts at i, the month is at k.
func (p *parser) monthAlone(i, k int, fuzz, rel string) (int, span, bool) {
	m, e, ok := p.monthTok(k)
	if !ok {
		return 0, fail, false
	}
	t := p.ct(k)
	if y, ok := p.year4(e); ok {
		return e + 1, monthSpan(y, m).narrow(fuzz, "", p.pub), true
	}
	if t.caps != initCap {
		return 0, fail, false
	}
	if t.lex().f&fAbbr != 0 && e == k+1 {
		return 0, fail, false // "Jan" alone is a name
	}
	may := m == time.May
	if fuzz == "" && rel == "" {
		switch p.prev(k).word() {
		case "last", "next", "this":
			return 0, fail, false // "the last March of the war": modified refused it
		}
		if !p.dateContext(k, may) {
			return 0, fail, false
		}
	}
	tense := 0
	if rel == "" {
		tense = p.tense(i, e)
	}
	y := resolveMonth(p.pub, m, rel, tense)
	return e, monthSpan(y, m).narrow(fuzz, "", p.pub), true
}

// Weekdays.

// weekday reads a weekday at k, with the modifiers fuzz and rel before it
// (the mention starts at i), an optional part of the day after it ("Monday
// night") and an optional date ("Thursday, Feb. 24").
func (p *parser) weekday(i, k int, fuzz, rel string) (int, span, bool) {
	t := p.ct(k)
	if t.lex() == nil || t.lex().f&fWeekday == 0 || t.caps == lower {
		return 0, fail, false
	}
	if k == i {
		prev := p.prev(k)
		if prev.lex() != nil {
			if prev.lex().f&fWdPre != 0 && prev.caps != lower {
				return 0, fail, false // "Black Friday"
			}
			switch prev.lex().w {
			case "a", "an", "every", "each", "one", "the", "that", "same", "any", "last", "next", "this", "past":
				// "on a Tuesday, Wednesday or Sunday", "that Saturday": not a
				// date of the story
				j := k + 1
				for {
					c := j
					if p.punct(c, ',') {
						c++
					}
					if w := p.cw(c); w == "or" || w == "and" {
						c++
					}
					if c == j || !p.flag(c, fWeekday) {
						break
					}
					j = c + 1
				}
				p.skipTo = j
				return 0, fail, false
			}
		}
	}
	next := p.ct(k + 1)
	if next.lex() != nil && next.caps != lower {
		if next.lex().f&fWdPost != 0 {
			return 0, fail, false
		}
		if next.lex().f&fDayPart != 0 && p.ct(k+2).kind == tWord && p.ct(k+2).caps != lower {
			return 0, fail, false // "Monday Night Football"
		}
	}
	if k == i {
		if end, s, ok := p.weekdayRange(i, k, ""); ok {
			return end, s, true
		}
	}
	e := k + 1
	if p.flag(e, fDayPart) && p.ct(e).caps == lower {
		e++
	}
	// "Thursday, Feb. 24", "Thursday (Feb. 24)"
	j := e
	paren := p.punct(j, '(')
	if paren || p.punct(j, ',') {
		j++
	}
	if a, e2, ok := p.calDate(j); ok && (!paren || p.punct(e2, ')')) {
		if paren {
			e2++
		}
		if d, ok := p.resolve(a, p.tense(i, e2), i); ok {
			return e2, daySpan(d), true
		}
	}
	tense := 0
	if rel == "" || rel == "this" {
		tense = p.tense(i, e)
	}
	d := resolveWeekday(p.pub, t.lex().weekday, rel, tense)
	s := daySpan(d)
	s.future = tense > 0 || rel == "next"
	return e, s, true
}

// weekdayRange reads a range of weekdays with the first at k: "Friday to
// Sunday", "from Friday through Sunday", "between Monday and Wednesday". In
// a past or neutral context the range ends on the most recent such last
// day, in a future context it starts on the first such first day on or after
// the publication date.
func (p *parser) weekdayRange(i, k int, intro string) (int, span, bool) {
	a := p.ct(k)
	if !p.flag(k, fWeekday) || a.caps == lower {
		return 0, fail, false
	}
	e := k + 1
	if p.flag(e, fDayPart) && p.ct(e).caps == lower {
		e++
	}
	if !p.connector(e, intro) {
		return 0, fail, false
	}
	b := p.ct(e + 1)
	if !p.flag(e+1, fWeekday) || b.caps == lower {
		return 0, fail, false
	}
	end := e + 2
	if p.flag(end, fDayPart) && p.ct(end).caps == lower {
		end++
	}
	if n := p.ct(end); n.lex() != nil && n.lex().f&fWdPost != 0 && n.caps != lower {
		return 0, fail, false
	}
	w1, w2 := a.lex().weekday, b.lex().weekday
	n := (int(w2) - int(w1) + 7) % 7
	var s span
	if tense := p.tense(i, end); tense > 0 {
		from := weekdayNear(p.pub, w1, onOrAfter)
		s = rangeSpan(from, addDays(from, n))
		s.future = true
	} else {
		to := weekdayNear(p.pub, w2, onOrBefore)
		s = rangeSpan(addDays(to, -n), to)
	}
	return end, s, true
}

// modified reads an expression that starts with a modifier: late, early,
// earlier, later, mid; last, this, next; or one of each ("late last week",
// "earlier this month").
func (p *parser) modified(i int) (int, span, bool) {
	k := i
	fuzz := ""
	switch w := p.cw(k); w {
	case "late", "early", "earlier", "later":
		fuzz = w
		k++
		if p.cw(k) == "on" && p.flag(k+1, fWeekday) {
			k++
		}
	case "mid":
		fuzz = "mid"
		k++
		if p.dash(k) && p.adjacent(k) {
			k++
		}
	}
	rel := ""
	switch w := p.cw(k); w {
	case "last", "this", "next":
		rel = w
		k++
		if w == "this" && p.cw(k) == "past" {
			rel = "thispast"
			k++
		}
	}
	if fuzz == "" && rel == "" {
		return 0, fail, false
	}
	switch p.prev(i).word() {
	case "the", "a", "that", "every", "each":
		return 0, fail, false // "the last Sunday of the month", "the next week"
	}
	t := p.ct(k)
	switch {
	case t.lex() != nil && t.lex().f&fWeekday != 0:
		if fuzz == "mid" {
			return 0, fail, false
		}
		return p.weekday(i, k, fuzz, rel)
	case t.lex() != nil && t.lex().f&fMonth != 0:
		if fuzz == "earlier" || fuzz == "later" {
			return 0, fail, false
		}
		if rel == "" {
			if e, s, ok := p.dates(i, k, ""); ok {
				return e, s, true
			}
		}
		return p.monthAlone(i, k, fuzz, rel)
	case t.kind == tNum && rel == "" && fuzz != "earlier" && fuzz != "later":
		return p.year(i, k, fuzz)
	case rel == "" && fuzz != "mid":
		switch t.word() {
		case "today", "tonight", "yesterday", "tomorrow", "overnight":
			return p.relDay(i, k)
		}
		return 0, fail, false
	case rel == "last" || rel == "next":
		if (t.kind == tNum || t.lex() != nil && t.lex().f&fNumber != 0) && t.word() != "a" && t.word() != "an" {
			dir := -1
			if rel == "next" {
				dir = 1
			}
			return p.duration(i, k, dir, true)
		}
	}
	return p.calUnit(i, k, fuzz, rel)
}

// calUnit reads the calendar unit after last, this, next or "this past":
// week, month, year, weekend, night, morning, ...
func (p *parser) calUnit(i, k int, fuzz, rel string) (int, span, bool) {
	t := p.ct(k)
	if t.lex() == nil || t.caps == initCap || rel == "" {
		return 0, fail, false
	}
	pub := p.pub
	var s span
	switch t.lex().w {
	case "week":
		switch rel {
		case "this":
			s = weekSpan(pub)
		case "last":
			s = weekSpan(addDays(pub, -7))
		case "next":
			s = weekSpan(addDays(pub, 7))
		default:
			s = duration(pub, 1, uWeek, -1)
		}
	case "month":
		switch rel {
		case "this":
			s = monthSpan(pub.Year(), pub.Month())
		case "last":
			f := date(pub.Year(), pub.Month()-1, 1)
			s = monthSpan(f.Year(), f.Month())
		case "next":
			f := date(pub.Year(), pub.Month()+1, 1)
			s = monthSpan(f.Year(), f.Month())
		default:
			s = duration(pub, 1, uMonth, -1)
		}
	case "year":
		switch rel {
		case "this":
			s = yearSpan(pub.Year())
		case "last":
			s = yearSpan(pub.Year() - 1)
		case "next":
			s = yearSpan(pub.Year() + 1)
		default:
			s = duration(pub, 1, uYear, -1)
		}
	case "weekend":
		s = weekend(pub, rel, 0)
		if rel == "next" {
			s.future = true
		}
		return k + 1, s, true
	case "night", "evening":
		switch rel {
		case "last":
			return k + 1, daySpan(addDays(pub, -1)), true
		case "this":
			return k + 1, daySpan(pub), true
		}
		return 0, fail, false
	case "morning", "afternoon":
		if rel == "this" {
			return k + 1, daySpan(pub), true
		}
		return 0, fail, false
	default:
		return 0, fail, false
	}
	if rel == "next" {
		s.future = true
	}
	return k + 1, s.narrow(fuzz, rel, pub), true
}

// relDay reads today, tonight, yesterday, tomorrow or overnight at k, with
// an optional part of the day after it.
func (p *parser) relDay(i, k int) (int, span, bool) {
	t := p.ct(k)
	if t.caps != lower && !p.sentenceStart(k) {
		return 0, fail, false // "USA Today", "the Today programme", "NBC's TODAY"
	}
	if w := p.cw(k + 1); w == "show" || w == "programme" || w == "program" {
		return 0, fail, false
	}
	if k == i {
		switch p.prev(k).word() {
		case "a", "an", "the", "better", "brighter":
			return 0, fail, false // "a better tomorrow"
		}
	}
	e := k + 1
	var s span
	switch t.word() {
	case "today", "tonight":
		s = daySpan(p.pub)
	case "yesterday":
		s = daySpan(addDays(p.pub, -1))
	case "tomorrow":
		s = daySpan(addDays(p.pub, 1))
		s.future = true
	case "overnight":
		s = daySpan(p.pub)
		s.from = addDays(p.pub, -1)
		return e, s, true
	default:
		return 0, fail, false
	}
	if t.word() != "tonight" && p.flag(e, fDayPart) && p.ct(e).caps == lower {
		e++
	}
	// "today (Monday)"
	if p.punct(e, '(') && p.flag(e+1, fWeekday) && p.punct(e+2, ')') {
		e += 3
	}
	return e, s, true
}

// sentenceStart reports whether token k starts a sentence or a line.
func (p *parser) sentenceStart(k int) bool {
	if k == 0 || p.toks[k].brk {
		return true
	}
	prev := &p.toks[k-1]
	if prev.kind != tPunct {
		return false
	}
	switch prev.r {
	case '.', '!', '?', ':', ';', '"', '“', '”', '\'', '‘', '’', '(', '[', '-', '–', '—':
		return true
	}
	return false
}

// the reads what follows "the": "the past 24 hours", "the coming days",
// "the weekend", "the day before yesterday".
func (p *parser) the(i int) (int, span, bool) {
	switch p.cw(i + 1) {
	case "past", "last":
		return p.duration(i, i+2, -1, false)
	case "next", "coming":
		return p.duration(i, i+2, 1, p.cw(i+1) == "next")
	case "weekend":
		if p.ct(i+1).caps == initCap {
			return 0, fail, false
		}
		tense := p.tense(i, i+2)
		s := weekend(p.pub, "", tense)
		s.future = tense > 0
		return i + 2, s, true
	case "day":
		if w := p.cw(i + 2); w == "before" && p.cw(i+3) == "yesterday" {
			return i + 4, daySpan(addDays(p.pub, -2)), true
		} else if w == "after" && p.cw(i+3) == "tomorrow" {
			s := daySpan(addDays(p.pub, 2))
			s.future = true
			return i + 4, s, true
		}
	}
	return 0, fail, false
}

// duration reads "[N] units" at k after past, last, next or coming: a range
// from or to the publication date. needNum: "next" without a number ("the
// next day") is relative to another event, not to the publication.
func (p *parser) duration(i, k, dir int, needNum bool) (int, span, bool) {
	n, j := 0, k
	t := p.ct(j)
	switch {
	case t.kind == tNum:
		if t.n < 1 || t.n > 999 || t.ord {
			return 0, fail, false
		}
		n = t.n
		j++
	case t.lex() != nil && t.lex().f&fNumber != 0:
		if w := t.lex().w; w == "a" || w == "an" {
			return 0, fail, false
		}
		n = t.lex().num
		j++
		if t.lex().w == "couple" {
			if p.cw(j) != "of" {
				return 0, fail, false
			}
			j++
		}
	}
	u := p.ct(j)
	if u.lex() == nil || u.lex().f&fUnit == 0 || u.caps == initCap {
		return 0, fail, false
	}
	plural := u.lex().f&fPlural != 0
	if n == 0 {
		if needNum && !plural {
			return 0, fail, false
		}
		if plural {
			switch u.lex().unit {
			case uHour:
				n = 24
			case uDay:
				n = 7
			case uWeek:
				n = 4
			default:
				n = 3
			}
		} else {
			if u.lex().unit == uDay || u.lex().unit == uHour {
				return 0, fail, false // "the last day", "the past hour"
			}
			n = 1
		}
	} else if plural != (n != 1) {
		return 0, fail, false
	}
	if p.cw(j+1) == "of" {
		return 0, fail, false // "the last week of February"
	}
	return j + 1, duration(p.pub, n, u.lex().unit, dir), true
}

// ago reads "two days ago", "a week ago", "3 years ago".
func (p *parser) ago(i int) (int, span, bool) {
	t := p.ct(i)
	n := 0
	switch {
	case t.kind == tNum && !t.ord && t.n >= 1 && t.n <= 999:
		n = t.n
	case t.lex() != nil && t.lex().f&fNumber != 0:
		switch t.lex().w {
		case "few", "several", "couple":
			return 0, fail, false
		}
		n = t.lex().num
	default:
		return 0, fail, false
	}
	u := p.ct(i + 1)
	if u.lex() == nil || u.lex().f&fUnit == 0 || p.cw(i+2) != "ago" {
		return 0, fail, false
	}
	return i + 3, ago(p.pub, n, u.lex().unit), true
}

// recent reads "recent days", "recent weeks", "recent months".
func (p *parser) recent(i int) (int, span, bool) {
	u := p.ct(i + 1)
	if u.lex() == nil || u.lex().f&fPlural == 0 || u.caps == initCap {
		return 0, fail, false
	}
	switch u.lex().unit {
	case uDay:
		return i + 2, duration(p.pub, 7, uDay, -1), true
	case uWeek:
		return i + 2, duration(p.pub, 4, uWeek, -1), true
	case uMonth:
		return i + 2, duration(p.pub, 3, uMonth, -1), true
	}
	return 0, fail, false
}

// Tense.

// tense reads the context of the expression spanning tokens [i, e): -1 for
// past, +1 for future, 0 when no cue is found. The nearest cue before the
// expression, back to the start of the sentence and at most eight words
// away, decides; failing that, the nearest within six words after it when
// the expression is within the first three words of its sentence ("On
// Friday, the council will vote", "Russian troops on Monday seized"), or
// within two words, before a comma or a conjunction, otherwise ("the
// statement on Thursday will reveal").
func (p *parser) tense(i, e int) int {
	n := 0
	start := false // the backward scan reached the start of the sentence
	for k := i - 1; n < 8; k-- {
		if k < i-maxScan {
			break
		}
		if k < 0 || p.toks[k+1].brk {
			start = true
			break
		}
		t := &p.toks[k]
		if t.kind == tPunct {
			if p.boundary(k) {
				start = true
				break
			}
			continue
		}
		if t.kind != tWord {
			continue
		}
		n++
		if c := p.cue(k); c != 0 {
			return c
		}
	}
	// after the expression: six words when it opens the sentence, otherwise
	// two, up to a comma or a conjunction
	limit, initial := 2, start && n <= 3
	if initial {
		limit = 6
	}
	n = 0
	for k := e; k < len(p.toks) && k < e+maxScan && n < limit; k++ {
		t := &p.toks[k]
		if t.brk {
			break
		}
		if t.kind == tPunct {
			if p.boundary(k) || !initial && t.r == ',' {
				break
			}
			continue
		}
		if t.kind != tWord {
			continue
		}
		if !initial {
			if w := t.word(); w == "and" || w == "or" {
				break
			}
		}
		n++
		if c := p.cue(k); c != 0 {
			return c
		}
	}
	// "the curfew lasts until Thursday"
	switch p.prev(i).word() {
	case "until", "till", "by":
		return 1
	}
	return 0
}

// maxScan bounds the tokens the tense check reads on either side, so that
// runs of punctuation or numbers keep the scan linear.
const maxScan = 24

// boundary reports whether the punctuation token k ends a sentence or a
// quotation for the tense check.
func (p *parser) boundary(k int) bool {
	switch p.toks[k].r {
	case '!', '?', ';', ':', '"', '“', '”', '(', ')':
		return true
	case '.':
		// "Gen.", "Feb.", "U.S." are abbreviations
		if k > 0 && p.adjacent(k) {
			if w := &p.toks[k-1]; w.kind == tWord && w.caps != lower && w.end-w.start <= 4 {
				return false
			}
		}
		return true
	}
	return false
}

// cue returns the tense a word signals: +1 future, -1 past, 0 none.
func (p *parser) cue(k int) int {
	t := &p.toks[k]
	if t.lex() != nil {
		switch t.lex().w {
		case "may":
			if t.caps == lower {
				return 1
			}
			return 0
		case "due":
			switch w := p.wordAt(k - 1); w {
			case "is", "are", "was", "were", "be", "s", "re":
				return 1
			}
			return 0
		case "set":
			if w := p.wordAt(k + 1); w == "to" || w == "for" {
				return 1
			}
			return 0
		case "going":
			if p.wordAt(k+1) == "to" {
				return 1
			}
			return 0
		case "won":
			if k+2 < len(p.toks) && p.toks[k+1].kind == tPunct && p.wordAt(k+2) == "t" {
				return 1
			}
			return -1
		case "ll":
			if k > 0 && p.toks[k-1].kind == tPunct {
				return 1
			}
			return 0
		case "ahead":
			if p.wordAt(k+1) == "of" {
				return 1
			}
			return 0
		}
		if t.lex().f&fFuture != 0 {
			return 1
		}
		if t.lex().f&fPast != 0 {
			return p.pastParticiple(k)
		}
		return 0
	}
	// regular past tense: -ed, but not -eed
	s := p.text[t.start:t.end]
	if n := len(s); n >= 5 && s[n-1]|0x20 == 'd' && s[n-2]|0x20 == 'e' && s[n-3]|0x20 != 'e' {
		return p.pastParticiple(k)
	}
	return 0
}

// pastParticiple is the cue of a past form at k: none after "be" or
// "being" ("will be held", "is expected to be signed"), where the scan goes
// on to the auxiliary; past otherwise.
func (p *parser) pastParticiple(k int) int {
	if w := p.wordAt(k - 1); w == "be" || w == "being" {
		return 0
	}
	return -1
}

func (p *parser) wordAt(k int) string {
	if k < 0 || k >= len(p.toks) {
		return ""
	}
	return p.toks[k].word()
}

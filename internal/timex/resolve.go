package timex

import "time"

// span is a resolved expression before it becomes a Mention.
type span struct {
	prec     string
	at       time.Time // the value: the day, the Monday, the first of the month or year, the range start
	from, to time.Time // inclusive
	future   bool
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func daysIn(y int, m time.Month) int { return date(y, m+1, 0).Day() }

func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// mondayOf returns the Monday of d's ISO week.
func mondayOf(d time.Time) time.Time { return addDays(d, -((int(d.Weekday()) + 6) % 7)) }

func daySpan(d time.Time) span { return span{prec: Day, at: d, from: d, to: d} }

func weekSpan(d time.Time) span {
	m := mondayOf(d)
	return span{prec: Week, at: m, from: m, to: addDays(m, 6)}
}

func monthSpan(y int, m time.Month) span {
	f := date(y, m, 1)
	return span{prec: Month, at: f, from: f, to: f.AddDate(0, 1, -1)}
}

func yearSpan(y int) span {
	f := date(y, 1, 1)
	return span{prec: Year, at: f, from: f, to: date(y, 12, 31)}
}

func rangeSpan(a, b time.Time) span {
	if a.Equal(b) {
		return daySpan(a)
	}
	return span{prec: Range, at: a, from: a, to: b}
}

func (s span) value() string {
	switch s.prec {
	case Day, Week:
		return s.at.Format("2006-01-02")
	case Month:
		return s.at.Format("2006-01")
	case Year:
		return s.at.Format("2006")
	}
	return s.from.Format("2006-01-02") + "/" + s.to.Format("2006-01-02")
}

// narrow restricts From/To for a fuzzy modifier: early, mid and late take a
// third of the period; earlier and later (with "this") the part before or
// after the publication date.
func (s span) narrow(fuzz, rel string, pub time.Time) span {
	n := int(s.to.Sub(s.from).Hours()/24+0.5) + 1
	third := n / 3
	switch fuzz {
	case "early":
		if third > 0 {
			s.to = addDays(s.from, third-1)
		}
	case "mid":
		if third > 0 {
			s.from, s.to = addDays(s.from, third), addDays(s.to, -third)
		}
	case "late":
		if third > 0 {
			s.from = addDays(s.to, 1-third)
		}
	case "earlier":
		if rel == "this" && pub.Before(s.to) && !pub.Before(s.from) {
			s.to = pub
		}
	case "later":
		if rel == "this" && pub.After(s.from) && !pub.After(s.to) {
			s.from = pub
		}
	}
	return s
}

// Weekday modes.
const (
	onOrBefore = iota
	onOrAfter
	before
	after
	isoWeek
)

// weekdayNear returns the weekday wd relative to pub.
func weekdayNear(pub time.Time, wd time.Weekday, mode int) time.Time {
	back := (int(pub.Weekday()) - int(wd) + 7) % 7
	fwd := (int(wd) - int(pub.Weekday()) + 7) % 7
	switch mode {
	case before:
		if back == 0 {
			back = 7
		}
		return addDays(pub, -back)
	case onOrAfter:
		return addDays(pub, fwd)
	case after:
		if fwd == 0 {
			fwd = 7
		}
		return addDays(pub, fwd)
	case isoWeek:
		return addDays(mondayOf(pub), (int(wd)+6)%7)
	}
	return addDays(pub, -back)
}

// resolveWeekday applies the modifier rel (last, this, next, "") and the
// tense of the context (-1 past, 0 none, +1 future).
func resolveWeekday(pub time.Time, wd time.Weekday, rel string, tense int) time.Time {
	switch rel {
	case "last", "thispast":
		return weekdayNear(pub, wd, before)
	case "next":
		return weekdayNear(pub, wd, after)
	case "this":
		d := weekdayNear(pub, wd, isoWeek)
		if tense < 0 && d.After(pub) {
			d = addDays(d, -7)
		} else if tense > 0 && d.Before(pub) {
			d = addDays(d, 7)
		}
		return d
	}
	if tense > 0 {
		return weekdayNear(pub, wd, onOrAfter)
	}
	return weekdayNear(pub, wd, onOrBefore)
}

// resolveMD gives a month and day without a year the year closest to pub
// but at most maxAfter days after it, or in a future context the first date
// on or after pub.
func resolveMD(pub time.Time, m time.Month, d int, tense, maxAfter int) (time.Time, bool) {
	limit := addDays(pub, maxAfter)
	var best time.Time
	found := false
	for y := pub.Year() - 1; y <= pub.Year()+1; y++ {
		if d > daysIn(y, m) {
			continue
		}
		c := date(y, m, d)
		if tense > 0 {
			if !c.Before(pub) {
				return c, true
			}
			continue
		}
		if c.After(limit) {
			continue
		}
		if !found || absDays(c, pub) < absDays(best, pub) {
			best, found = c, true
		}
	}
	if !found && tense > 0 {
		return resolveMD(pub, m, d, 0, maxAfter)
	}
	return best, found
}

func absDays(a, b time.Time) time.Duration {
	d := a.Sub(b)
	if d < 0 {
		return -d
	}
	return d
}

// resolveMonth returns the year of month m named alone.
func resolveMonth(pub time.Time, m time.Month, rel string, tense int) int {
	y, pm := pub.Year(), pub.Month()
	switch {
	case rel == "this":
		return y
	case rel == "last" || rel == "thispast":
		if m < pm {
			return y
		}
		return y - 1
	case rel == "next":
		if m > pm {
			return y
		}
		return y + 1
	case tense > 0:
		if m >= pm {
			return y
		}
		return y + 1
	}
	if m <= pm {
		return y
	}
	return y - 1
}

// weekend returns the Saturday-Sunday range: the one of the ISO week for
// "this", the previous ISO week's for "last", the next one's for "next",
// and for the bare "the weekend" the most recent one (or in a future
// context the coming one).
func weekend(pub time.Time, rel string, tense int) span {
	var sat time.Time
	switch rel {
	case "this":
		sat = addDays(mondayOf(pub), 5)
	case "last", "thispast":
		sat = addDays(mondayOf(pub), -2)
	case "next":
		sat = addDays(mondayOf(pub), 12)
	default:
		if tense > 0 || pub.Weekday() == time.Sunday {
			sat = addDays(mondayOf(pub), 5)
		} else {
			sat = weekdayNear(pub, time.Saturday, onOrBefore)
		}
	}
	return rangeSpan(sat, addDays(sat, 1))
}

// duration returns the range of n units back from (dir<0) or forward from
// (dir>0) pub.
func duration(pub time.Time, n, unit, dir int) span {
	var end time.Time
	switch unit {
	case uHour:
		end = addDays(pub, dir*((n+23)/24))
	case uDay:
		end = addDays(pub, dir*n)
	case uWeek:
		end = addDays(pub, dir*7*n)
	case uMonth:
		end = pub.AddDate(0, dir*n, 0)
	default:
		end = pub.AddDate(dir*n, 0, 0)
	}
	if dir < 0 {
		return rangeSpan(end, pub)
	}
	s := rangeSpan(pub, end)
	s.future = true
	return s
}

// ago resolves "n units ago".
func ago(pub time.Time, n, unit int) span {
	switch unit {
	case uHour:
		return daySpan(addDays(pub, -(n / 24)))
	case uDay:
		return daySpan(addDays(pub, -n))
	case uWeek:
		return weekSpan(addDays(pub, -7*n))
	case uMonth:
		f := date(pub.Year(), pub.Month(), 1).AddDate(0, -n, 0)
		return monthSpan(f.Year(), f.Month())
	}
	return yearSpan(pub.Year() - n)
}

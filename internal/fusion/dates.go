package fusion

import (
	"strings"
	"time"
)

// DateRange returns the first and last day (YYYY-MM-DD, inclusive) that an
// event date of the given precision covers: a day itself, the week from its
// Monday, a month, a year, or the two ends of a range "a/b". ok is false for
// a date that does not parse.
func DateRange(date, precision string) (lo, hi string, ok bool) {
	if a, b, isRange := strings.Cut(date, "/"); isRange {
		if !isDay(a) || !isDay(b) {
			return "", "", false
		}
		return a, b, true
	}
	switch len(date) {
	case 4: // year
		if _, err := time.Parse("2006", date); err != nil {
			return "", "", false
		}
		return date + "-01-01", date + "-12-31", true
	case 7: // month
		t, err := time.Parse("2006-01", date)
		if err != nil {
			return "", "", false
		}
		return date + "-01", t.AddDate(0, 1, -1).Format("2006-01-02"), true
	case 10:
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			return "", "", false
		}
		if precision == "week" {
			return date, t.AddDate(0, 0, 6).Format("2006-01-02"), true
		}
		return date, date, true
	}
	return "", "", false
}

func isDay(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// TimePrecision is ACLED's time precision of a date precision: 1 for a day,
// 2 for a week or a range of days up to a month, 3 for anything longer.
func TimePrecision(lo, hi string) int {
	if lo == hi {
		return 1
	}
	a, err1 := time.Parse("2006-01-02", lo)
	b, err2 := time.Parse("2006-01-02", hi)
	if err1 != nil || err2 != nil {
		return 3
	}
	if b.Sub(a) <= 31*24*time.Hour {
		return 2
	}
	return 3
}

// MaxSpanDays is the longest date of an event that fusion compares: a year.
// A candidate whose date starts more than this before a mention's cannot
// overlap it, which bounds the search for candidates.
const MaxSpanDays = 366

// DaysBefore returns the day n days before day (YYYY-MM-DD), or day itself
// when it does not parse.
func DaysBefore(day string, n int) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, -n).Format("2006-01-02")
}

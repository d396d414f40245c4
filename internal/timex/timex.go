// Package timex finds time expressions in English news text and resolves them
// against the publication date of the story, which is the story's "today".
//
// It is rule-based, uses only the standard library, and runs in time linear
// in the text: one pass splits the text into tokens, a second tries a fixed,
// bounded set of patterns at each token that could start an expression.
//
// # Values
//
// Every expression gets a Value and a Precision (the contract's
// date_precision values):
//
//	day    "2022-02-28"
//	week   "2022-02-28"             the Monday of the ISO week (not "2022-W09"), so that
//	                                values of every precision compare as strings and
//	                                a day-precision gold date can be tested with From/To
//	month  "2022-02"
//	year   "2022"
//	range  "2022-02-24/2022-02-26"  first and last day, both inclusive
//
// Mention adds From and To, the first and last day the expression covers
// (inclusive), for every precision.
//
// # Conventions
//
// A bare weekday ("Monday", "on Sunday", "late on Sunday", "Monday night")
// is the most recent such day on or before the publication date: a story
// published on a Monday that says "Monday" means that day. In a future-tense
// context ("will meet on Friday", "is due to vote on Friday", "talks
// scheduled for Friday") it is the first such day on or after the
// publication date. "last Thursday" is strictly before, "next Monday"
// strictly after the publication date. "this Friday" is the Friday of the
// publication's ISO week (Monday to Sunday), except that in a past-tense
// context a day that is still ahead falls back a week, and in a future-tense
// context a day already past moves on a week.
//
// The context check looks at up to eight words before the expression, back
// to the start of the sentence; the nearest cue decides: will, would, 'll,
// shall, should, must, might, lowercase may, won't, (is) due (to),
// expected, scheduled, planned, plans, slated, set to/for, going to, upcoming,
// ahead (of), next are future cues; said, told, was, were, had and other
// past-tense verbs (irregular ones from a list, regular ones by their -ed,
// but not after be or being: "will be held") are past cues. When there is no cue before the expression, the words after
// it are read the same way: up to six when it opens its sentence ("On Friday,
// the council will vote"), otherwise two, up to a comma or a conjunction
// ("the statement on Thursday will reveal"). With no cue at all, an
// expression after until, till or by is taken as future ("the curfew lasts
// until Thursday").
//
// A month and day without a year ("Feb. 24") takes the year that puts it
// closest to the publication date but not more than 61 days after it, so
// "Dec. 30" in a story of Jan. 2, 2023 is 2022-12-30 and "Jan. 2" in a story
// of Dec. 30, 2022 is 2023-01-02. In a past-tense context it may be at most
// a day after the publication date (time zones), after "since" not after it
// at all; in a future-tense context it is the first such date on or after
// the publication date. A date resolved with no cue at all takes the year of
// the same day resolved with one elsewhere in the text, so every "Oct. 7" of
// a story is the same day. A month alone ("in February") is the most recent
// such month not after the publication month, or in a future-tense context
// the first one not before it; "last March" is strictly before and "next
// March" strictly after the publication month.
//
// Relative expressions: today, tonight, "this morning/afternoon/evening" are
// the publication date; yesterday and "last night" the day before; tomorrow
// the day after; "the day before yesterday" and "the day after tomorrow".
// "overnight" is the publication date, precision day, with From the day
// before: a story that reports what happened overnight is normally written
// the morning after, and the night ends on the publication date.
// "this week", "last week", "next week", "earlier this week", "later this
// week" are weeks (Value the Monday; "earlier" and "later" narrow From/To to
// before or after the publication date); likewise months and years.
// "this weekend", "last weekend", "the weekend" are the Saturday-Sunday range
// (the most recent weekend for "the weekend", the coming one in a
// future-tense context). "N days ago" is a day, "N weeks ago" the week
// containing that day, "N months ago" a month, "N years ago" a year.
// "the past 24 hours", "the last three days", "the past week" are a range
// ending on the publication date; "the next 24 hours", "the coming days" a
// range starting on it (hours round up to whole days; "days" without a
// number is seven days, "weeks" four weeks, "months" three months, "few" is
// three). "recent days" is the past week, "recent weeks" the past four weeks,
// "recent months" the past three months.
//
// Ranges: "Feb. 24-26", "Feb. 24 to March 2", "24-26 February", "between
// March 1 and March 3", "from March 1 to 3", optionally with a year at the
// end. Weekdays: "from Friday to Sunday", "between Monday and Wednesday"
// end on the most recent last day, or in a future-tense context start on
// the first first day on or after the publication date. Years are 1900 to 2100: with a month ("February 2022", "March 11,
// 2022"), or alone after a preposition or a modifier ("in 2021", "since
// 2014", "mid-2021"); "between 2014 and 2022" is two years.
//
// # Spans
//
// Offsets are UTF-8 byte offsets into the text, half-open. A leading
// preposition (on, in, since, until, by, over, ...) is not part of the span;
// it is reported in Mention.Prep instead. Modifiers are: "late on Sunday",
// "last Thursday", "early March", "mid-2021", "the past 24 hours". A range's
// "between" or "from" is part of it. A weekday followed by a date ("last
// Thursday, Feb. 24") is one expression whose value is the date.
//
// # What is not matched
//
// "may" the modal verb (only a capitalised "May" with a day number or a
// year, or after in/on/since/until/by/of, is a month), "March" and other
// month names without a day, a year or a preposition, newspaper titles such
// as "Sunday Times", holiday names such as "Black Friday" and "Good Friday",
// outlet names such as "USA Today", numbers that count things ("24 people",
// "in 2021 cases"), times of day, "on the 24th", weekday abbreviations,
// recurring or indefinite days ("every Friday", "on a Tuesday, Wednesday or
// Sunday"), and expressions anchored on another event rather than on the
// publication ("that Saturday", "the last Sunday of the month", "the next
// day", "two days later").
package timex

import (
	"sort"
	"time"

	"github.com/sitrep/sitrep/internal/document"
)

// Precisions: the contract's date_precision values.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
	Year  = "year"
	Range = "range"
)

// Mention is one time expression found in a text.
type Mention struct {
	Start, End int    // UTF-8 byte offsets into the text, half-open
	Text       string // text[Start:End]
	Value      string // see the package documentation
	Precision  string // Day, Week, Month, Year or Range

	// From and To are the first and last day the expression covers, both
	// inclusive, at midnight UTC. For a day they are the same day (except
	// "overnight", whose From is the day before); for a week Monday and
	// Sunday; for a month or a year its first and last day.
	From, To time.Time

	// Future is true when the expression points forward from the
	// publication date: "tomorrow", "next week", "the next 24 hours", or a
	// date resolved forwards because of a future-tense context.
	Future bool

	// Prep is the lowercase preposition just before the expression ("on",
	// "in", "since", "until", "by", ...), or "". An event dated "since 2014"
	// or "until Friday" did not happen on that date.
	Prep string
}

// Timex returns the contract form of m.
func (m Mention) Timex() document.Timex {
	return document.Timex{Start: m.Start, End: m.End, Text: m.Text, Value: m.Value, Precision: m.Precision}
}

// Find returns the time expressions of text, in order, resolved against the
// publication date published (only its calendar date, in its own location,
// is used). It returns nil when there are none.
func Find(text string, published time.Time) []document.Timex {
	ms := Mentions(text, published)
	if len(ms) == 0 {
		return nil
	}
	out := make([]document.Timex, len(ms))
	for i, m := range ms {
		out[i] = m.Timex()
	}
	return out
}

// Mentions is Find with the full detail of every expression.
func Mentions(text string, published time.Time) []Mention {
	p := newParser(text, published)
	return p.run()
}

// Resolve resolves one expression, which may carry context words ("will meet
// on Friday", "in February"): it returns the value and precision of the first
// time expression found in expr, and ok false when there is none.
func Resolve(expr string, published time.Time) (value string, precision string, ok bool) {
	ms := Mentions(expr, published)
	if len(ms) == 0 {
		return "", "", false
	}
	return ms[0].Value, ms[0].Precision, true
}

// DateOf picks, among the mentions ms of text (as returned by Mentions), the
// one that most plausibly dates the span [start, end) — an event trigger or
// a figure: the nearest mention in the same sentence, measured in bytes
// between the spans, an earlier one winning a tie. Mentions introduced by
// since, until, till, by, before or after are used only when the sentence
// has no other. It returns false when the sentence has no mention; callers
// then fall back to the dateline or the publication date.
//
// Sentences are found roughly: a line break, or a full stop, question or
// exclamation mark followed by a space, except a full stop inside a mention
// ("Feb. 24") or after a short capitalised abbreviation ("Gen.", "U.S.").
func DateOf(text string, ms []Mention, start, end int) (Mention, bool) {
	if start < 0 || end > len(text) || start > end {
		return Mention{}, false
	}
	lo, hi := sentenceBounds(text, ms, start, end)
	best, bestDist, bestWeak := -1, 0, true
	for i, m := range ms {
		if m.End <= lo || m.Start >= hi {
			continue
		}
		dist := 0
		switch {
		case m.End <= start:
			dist = start - m.End
		case m.Start >= end:
			dist = m.Start - end
		}
		weak := weakPrep(m.Prep)
		if best < 0 || (bestWeak && !weak) || (weak == bestWeak && dist < bestDist) {
			best, bestDist, bestWeak = i, dist, weak
		}
	}
	if best < 0 {
		return Mention{}, false
	}
	return ms[best], true
}

func weakPrep(p string) bool {
	switch p {
	case "since", "until", "till", "by", "before", "after":
		return true
	}
	return false
}

// sentenceBounds returns the byte range of the sentence around [start, end).
func sentenceBounds(text string, ms []Mention, start, end int) (int, int) {
	inMention := func(i int) bool {
		// ms is in text order: the last mention starting at or before i
		j := sort.Search(len(ms), func(k int) bool { return ms[k].Start > i }) - 1
		return j >= 0 && i < ms[j].End
	}
	// isEnd reports whether text[i] ends a sentence.
	isEnd := func(i int) bool {
		c := text[i]
		if c == '\n' {
			return true
		}
		if c != '.' && c != '!' && c != '?' {
			return false
		}
		if i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' && text[i+1] != '"' {
			return false
		}
		if c == '.' {
			if inMention(i) {
				return false
			}
			// a short capitalised word before the dot: an abbreviation
			j := i
			for j > 0 && isASCIILetter(text[j-1]) {
				j--
			}
			if n := i - j; n > 0 && n <= 3 && text[j] >= 'A' && text[j] <= 'Z' {
				return false
			}
		}
		return true
	}
	lo := start
	for lo > 0 && !isEnd(lo-1) {
		lo--
	}
	hi := end
	for hi < len(text) && !isEnd(hi) {
		hi++
	}
	return lo, hi
}

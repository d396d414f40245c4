package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind: no panic on any input, valid or invalid UTF-8; every timex's
// offsets are in bounds and read back its text; values parse.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Feb. 28 (UPI) -- Rockets rained down on Kharkiv on Monday.",
		"Zelensky said late on Sunday that the next 24 hours would be critical.",
		"between March 1 and March 3", "Feb 24-26, 2022", "24-26 February", "2022-03-11", "the 24th of February 2022",
		"last Thursday, Feb. 24", "Thursday (Feb. 24)", "today (Monday)", "mid-2021", "the past 24 hours", "a week ago",
		"May", "may 9", "\xff\xfeMonday\x00", "Feb.", "Feb. 31", "Feb. 29", "between", "from 2014 to", "the", "31-1 March",
		"Dec. 30 - Jan. 2", "on a Tuesday, Wednesday or Sunday,", "late on", "this past", "9999-99-99", "«Київ» Monday",
	} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, s string, days int64) {
		pub := time.Date(2022, 2, 28, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%100000))
		prev := -1
		for _, m := range Mentions(s, pub) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad offsets %+v in %q", m, s)
			}
			if m.Start < prev {
				t.Fatalf("overlapping or unordered %+v in %q", m, s)
			}
			prev = m.End
			if utf8.ValidString(s) && !utf8.ValidString(m.Text) {
				t.Fatalf("invalid text %q from valid input", m.Text)
			}
			if m.To.Before(m.From) {
				t.Fatalf("From after To: %+v in %q", m, s)
			}
			switch m.Precision {
			case Day, Week, Range, Month, Year:
			default:
				t.Fatalf("bad precision %+v", m)
			}
			if m.Value == "" {
				t.Fatalf("empty value %+v", m)
			}
		}
	})
}

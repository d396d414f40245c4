package timex

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Publication dates of the tests.
var (
	mon  = day("2022-02-28") // Monday, the UPI Kharkiv story
	sat  = day("2022-03-05") // Saturday
	jan2 = day("2023-01-02") // Monday, just after new year
	dec  = day("2022-12-30") // Friday, just before new year
	wed  = day("2024-01-10") // Wednesday
	aug  = day("2024-08-08") // Thursday, ten months after Oct. 7, 2023
)

func TestResolve(t *testing.T) {
	tests := []struct {
		pub             time.Time
		expr            string
		value, precison string
	}{
		// weekdays, news default: the most recent one, the publication day included
		{mon, "Monday", "2022-02-28", Day},
		{mon, "on Monday", "2022-02-28", Day},
		{mon, "on Sunday", "2022-02-27", Day},
		{mon, "late on Sunday", "2022-02-27", Day},
		{mon, "late Sunday", "2022-02-27", Day},
		{mon, "early Tuesday", "2022-02-22", Day},
		{mon, "Monday night", "2022-02-28", Day},
		{mon, "Sunday morning", "2022-02-27", Day},
		{mon, "last Thursday", "2022-02-24", Day},
		{mon, "Thursday", "2022-02-24", Day},
		{mon, "last Monday", "2022-02-21", Day},
		{mon, "later on Monday", "2022-02-28", Day},
		{mon, "Zelensky said late on Sunday", "2022-02-27", Day},
		{mon, "said on Friday", "2022-02-25", Day},
		{mon, "Russian troops on Saturday seized two cities", "2022-02-26", Day},
		{mon, "last Thursday, Feb. 24", "2022-02-24", Day},
		{mon, "Monday, Feb. 28, 2022", "2022-02-28", Day},
		{mon, "Tuesday's attack", "2022-02-22", Day},
		{mon, "Thursday 24 February", "2022-02-24", Day},
		{mon, "on Thursday (Feb. 24)", "2022-02-24", Day},
		{mon, "the curfew had lasted until Thursday", "2022-02-24", Day},
		{mon, "the curfew lasts until Thursday", "2022-03-03", Day},
		// weekdays forwards
		{mon, "next Monday", "2022-03-07", Day},
		{mon, "next Friday", "2022-03-04", Day},
		{mon, "this Friday", "2022-03-04", Day},
		{mon, "will meet on Friday", "2022-03-04", Day},
		{mon, "will meet on Monday", "2022-02-28", Day},
		{mon, "is due to vote on Wednesday", "2022-03-02", Day},
		{mon, "talks are scheduled for Thursday", "2022-03-03", Day},
		{mon, "the agreement is expected to be signed on Thursday", "2022-03-03", Day},
		{mon, "Kharkiv has been shelled since Thursday", "2022-02-24", Day},
		{mon, "the delegations plan to meet again on Tuesday", "2022-03-01", Day},
		{mon, "they'll return on Thursday", "2022-03-03", Day},
		{mon, "On Friday, the council will vote", "2022-03-04", Day},
		{mon, "the statement on Wednesday will reveal", "2022-03-02", Day},
		{sat, "this Friday", "2022-03-04", Day},
		{sat, "next Monday", "2022-03-07", Day},
		{sat, "Saturday", "2022-03-05", Day},
		{jan2, "Sunday", "2023-01-01", Day},
		{mon, "from Friday to Sunday", "2022-02-25/2022-02-27", Range},
		{mon, "Friday through Sunday", "2022-02-25/2022-02-27", Range},
		{mon, "between Saturday and Monday", "2022-02-26/2022-02-28", Range},
		{mon, "will be held from Wednesday to Friday", "2022-03-02/2022-03-04", Range},
		// relative days
		{mon, "yesterday", "2022-02-27", Day},
		{mon, "today", "2022-02-28", Day},
		{mon, "tonight", "2022-02-28", Day},
		{mon, "tomorrow", "2022-03-01", Day},
		{mon, "overnight", "2022-02-28", Day},
		{mon, "last night", "2022-02-27", Day},
		{mon, "this morning", "2022-02-28", Day},
		{mon, "yesterday afternoon", "2022-02-27", Day},
		{mon, "earlier today", "2022-02-28", Day},
		{mon, "the day before yesterday", "2022-02-26", Day},
		{mon, "the day after tomorrow", "2022-03-02", Day},
		{mon, "two days ago", "2022-02-26", Day},
		{mon, "3 days ago", "2022-02-25", Day},
		// weeks: the Monday
		{mon, "earlier this week", "2022-02-28", Week},
		{mon, "this week", "2022-02-28", Week},
		{mon, "later this week", "2022-02-28", Week},
		{mon, "last week", "2022-02-21", Week},
		{mon, "next week", "2022-03-07", Week},
		{mon, "a week ago", "2022-02-21", Week},
		{mon, "three weeks ago", "2022-02-07", Week},
		{dec, "next week", "2023-01-02", Week},
		{wed, "earlier this week", "2024-01-08", Week},
		// months and years
		{mon, "earlier this month", "2022-02", Month},
		{mon, "last month", "2022-01", Month},
		{mon, "next month", "2022-03", Month},
		{mon, "two months ago", "2021-12", Month},
		{mon, "this year", "2022", Year},
		{mon, "earlier this year", "2022", Year},
		{mon, "last year", "2021", Year},
		{mon, "late last year", "2021", Year},
		{mon, "next year", "2023", Year},
		{mon, "eight years ago", "2014", Year},
		{jan2, "last month", "2022-12", Month},
		{jan2, "last year", "2022", Year},
		// ranges relative to the publication
		{mon, "the past 24 hours", "2022-02-27/2022-02-28", Range},
		{mon, "the last 48 hours", "2022-02-26/2022-02-28", Range},
		{mon, "the next 24 hours", "2022-02-28/2022-03-01", Range},
		{mon, "the past week", "2022-02-21/2022-02-28", Range},
		{mon, "the last three days", "2022-02-25/2022-02-28", Range},
		{mon, "over the next few days", "2022-02-28/2022-03-03", Range},
		{mon, "in the coming days", "2022-02-28/2022-03-07", Range},
		{mon, "in recent days", "2022-02-21/2022-02-28", Range},
		{mon, "in recent weeks", "2022-01-31/2022-02-28", Range},
		{mon, "this weekend", "2022-03-05/2022-03-06", Range},
		{mon, "last weekend", "2022-02-26/2022-02-27", Range},
		{mon, "over the weekend", "2022-02-26/2022-02-27", Range},
		{sat, "the weekend", "2022-03-05/2022-03-06", Range},
		// absolute dates
		{mon, "Feb. 24", "2022-02-24", Day},
		{mon, "Feb 24", "2022-02-24", Day},
		{mon, "February 24", "2022-02-24", Day},
		{mon, "24 February", "2022-02-24", Day},
		{mon, "Feb. 24th", "2022-02-24", Day},
		{mon, "the 24th of February", "2022-02-24", Day},
		{mon, "Sept. 11", "2021-09-11", Day},
		{mon, "March 11, 2022", "2022-03-11", Day},
		{mon, "March 11 2022", "2022-03-11", Day},
		{mon, "11 March 2022", "2022-03-11", Day},
		{mon, "2022-03-11", "2022-03-11", Day},
		{mon, "March 3", "2022-03-03", Day},
		{mon, "May 9", "2021-05-09", Day},
		{mon, "FEB. 28", "2022-02-28", Day},
		{jan2, "Dec. 30", "2022-12-30", Day},
		{dec, "Jan. 2", "2023-01-02", Day},
		{aug, "Oct. 7", "2024-10-07", Day},
		{aug, "Hamas attacked Israel on Oct. 7", "2023-10-07", Day},
		{aug, "has not been seen since Oct. 7", "2023-10-07", Day},
		{aug, "will resume on Oct. 7", "2024-10-07", Day},
		// ranges of dates
		{mon, "Feb 24-26", "2022-02-24/2022-02-26", Range},
		{mon, "Feb. 24–26, 2022", "2022-02-24/2022-02-26", Range},
		{mon, "24-26 February", "2022-02-24/2022-02-26", Range},
		{mon, "between March 1 and March 3", "2022-03-01/2022-03-03", Range},
		{mon, "between 1 and 3 March", "2022-03-01/2022-03-03", Range},
		{mon, "from Feb. 20 to 23", "2022-02-20/2022-02-23", Range},
		{mon, "Feb. 24 - March 2", "2022-02-24/2022-03-02", Range},
		{mon, "the Feb. 24-26 talks", "2022-02-24/2022-02-26", Range},
		{mon, "on Feb. 20 — 24 battalions — entered", "2022-02-20", Day},
		{mon, "on Feb. 20 to 24 battalions", "2022-02-20", Day},
		{jan2, "Dec. 30 - Jan. 2", "2022-12-30/2023-01-02", Range},
		// months alone, years
		{mon, "in February", "2022-02", Month},
		{mon, "in March", "2021-03", Month},
		{mon, "will hold elections in March", "2022-03", Month},
		{mon, "last March", "2021-03", Month},
		{mon, "next January", "2023-01", Month},
		{mon, "this March", "2022-03", Month},
		{mon, "in May", "2021-05", Month},
		{mon, "since May", "2021-05", Month},
		{mon, "early February", "2022-02", Month},
		{mon, "mid-January", "2022-01", Month},
		{mon, "February 2022", "2022-02", Month},
		{mon, "Sept. 2021", "2021-09", Month},
		{mon, "between February and April", "2022-02", Month},
		{jan2, "in December", "2022-12", Month},
		{mon, "In March 2 million people fled", "2021-03", Month},
		{mon, "in 2021", "2021", Year},
		{mon, "between 2014 and 2022", "2014", Year},
		{mon, "since 2014", "2014", Year},
		{mon, "mid-2021", "2021", Year},
		{mon, "early 2022", "2022", Year},
		{mon, "by 2030", "2030", Year},
	}
	for _, tt := range tests {
		v, p, ok := Resolve(tt.expr, tt.pub)
		if !ok || v != tt.value || p != tt.precison {
			t.Errorf("Resolve(%q, %s) = %q %q %v, want %q %q", tt.expr, tt.pub.Format("Mon 2006-01-02"), v, p, ok, tt.value, tt.precison)
		}
	}
	t.Logf("%d expressions", len(tests))
}

func TestResolveNone(t *testing.T) {
	for _, expr := range []string{
		"may", "officials may meet", "the march", "a March", "March", "the March on Washington",
		"24 people", "24 February people"[:2], "Theresa May", "Jan", "Sunday Times", "the Sunday Telegraph",
		"Black Friday", "Good Friday", "USA Today", "NBC's TODAY show", "every Friday", "on a Tuesday",
		"the next day", "the last day", "2,021", "killed 2021 people", "in 2021 cases", "3,000", "the 24th",
		"a better tomorrow", "Monday Night Football", "This Week", "mid-range", "lately", "the late president",
		"May Day", "in 1850", "the last Sunday of the month", "in the 1990s", "the next week", "2000km", "1.5", "Mar", "Dec", "Wed", "sat", "Sun", "30:30", "at 5:30", "version 2.0",
	} {
		if v, p, ok := Resolve(expr, mon); ok {
			t.Errorf("Resolve(%q) = %q %q, want nothing", expr, v, p)
		}
	}
}

func TestMentionDetail(t *testing.T) {
	ms := Mentions("Shelling continued overnight, and Ukraine said earlier this week it would not surrender. Talks will resume in early March.", wed)
	if len(ms) != 3 {
		t.Fatalf("got %+v", ms)
	}
	o, w, m := ms[0], ms[1], ms[2]
	if o.Value != "2024-01-10" || !o.From.Equal(day("2024-01-09")) || !o.To.Equal(day("2024-01-10")) {
		t.Errorf("overnight: %+v", o)
	}
	if w.Value != "2024-01-08" || !w.From.Equal(day("2024-01-08")) || !w.To.Equal(day("2024-01-10")) {
		t.Errorf("earlier this week: %+v", w)
	}
	if m.Value != "2024-03" || !m.From.Equal(day("2024-03-01")) || !m.To.Equal(day("2024-03-10")) || !m.Future {
		t.Errorf("early March: %+v", m)
	}
	ms = Mentions("The invasion began on Feb. 24 and troops have been in Kherson since March 2.", mon)
	if len(ms) != 2 || ms[0].Prep != "on" || ms[1].Prep != "since" || ms[1].Value != "2021-03-02" {
		t.Errorf("preps: %+v", ms)
	}
	if ms := Mentions("Monday", mon); len(ms) != 1 || ms[0].Future || !ms[0].From.Equal(mon) || !ms[0].To.Equal(mon) {
		t.Errorf("Monday: %+v", ms)
	}
	if ms := Mentions("next Monday", mon); len(ms) != 1 || !ms[0].Future {
		t.Errorf("next Monday: %+v", ms)
	}
	if ms := Mentions("March 2022", mon); len(ms) != 1 || !ms[0].From.Equal(day("2022-03-01")) || !ms[0].To.Equal(day("2022-03-31")) {
		t.Errorf("March 2022: %+v", ms)
	}
}

// span is the expected text of a Find result; its offsets come from the
// n-th occurrence in the text.
type want struct {
	text, value, precision string
	nth                    int
}

func TestFind(t *testing.T) {
	tests := []struct {
		pub  time.Time
		text string
		want []want
	}{
		{mon, "Feb. 28 (UPI) -- Rockets rained down on the strategic city of Kharkiv on Monday as Russian and Ukrainian negotiators held a \"difficult\" initial round of talks. The attack came after troops were repelled in an earlier attempt to enter the city on Sunday.",
			[]want{{"Feb. 28", "2022-02-28", Day, 0}, {"Monday", "2022-02-28", Day, 0}, {"Sunday", "2022-02-27", Day, 0}}},
		{mon, "Officials may meet again, but the march on the capital began last Thursday, when 24 people were killed.",
			[]want{{"last Thursday", "2022-02-24", Day, 0}}},
		{mon, "Zelensky said late on Sunday that the next 24 hours would be a critical period. In May, he warned of an attack; on May 9 it may come.",
			[]want{{"late on Sunday", "2022-02-27", Day, 0}, {"the next 24 hours", "2022-02-28/2022-03-01", Range, 0}, {"May", "2021-05", Month, 0}, {"May 9", "2022-05-09", Day, 0}}},
		// multi-byte text before and inside the sentence: offsets are bytes
		{mon, "«Київ» — the Sunday Times reported that on 24 February, Russian forces — 24 battalions — entered Ukraine; the March 1 talks in Gomel were postponed “until next week”.",
			[]want{{"24 February", "2022-02-24", Day, 0}, {"March 1", "2022-03-01", Day, 0}, {"next week", "2022-03-07", Week, 0}}},
		{jan2, "The strike on Dec. 30 killed three people. Since 2014, more than 14,000 people have died in the Donbas war, according to the UN.\nMonday\nA ceasefire between Dec. 24 and Dec. 26 did not hold.",
			[]want{{"Dec. 30", "2022-12-30", Day, 0}, {"2014", "2014", Year, 0}, {"Monday", "2023-01-02", Day, 0}, {"between Dec. 24 and Dec. 26", "2022-12-24/2022-12-26", Range, 0}}},
		{sat, "The foreign ministers will meet next Thursday in Antalya. A Black Friday sale and Good Friday services were cancelled; USA Today said the summit was moved from Friday to Sunday.",
			[]want{{"next Thursday", "2022-03-10", Day, 0}, {"from Friday to Sunday", "2022-02-25/2022-02-27", Range, 0}}},
		{aug, "Sinwar was the mastermind behind the Oct. 7 attacks. He has not been seen since Oct. 7.",
			[]want{{"Oct. 7", "2023-10-07", Day, 0}, {"Oct. 7", "2023-10-07", Day, 1}}},
	}
	for _, tt := range tests {
		got := Find(tt.text, tt.pub)
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %d timexes %+v, want %d", tt.text, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			start := nthIndex(tt.text, w.text, w.nth)
			if g.Start != start || g.End != start+len(w.text) || g.Text != w.text || tt.text[g.Start:g.End] != g.Text ||
				g.Value != w.value || g.Precision != w.precision {
				t.Errorf("%q: timex %d = %+v, want %q at %d = %s %s", tt.text, i, g, w.text, start, w.value, w.precision)
			}
		}
	}
}

func nthIndex(s, sub string, n int) int {
	off := 0
	for {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return -1
		}
		if n == 0 {
			return off + i
		}
		n--
		off += i + len(sub)
	}
}

func TestFindNone(t *testing.T) {
	if got := Find("", mon); got != nil {
		t.Errorf("empty text: %+v", got)
	}
	if got := Find("The march may go ahead; 24 people and 2,022 soldiers took part in a March rally.", mon); got != nil {
		t.Errorf("got %+v", got)
	}
}

func TestDateOf(t *testing.T) {
	text := "Russia invaded on Feb. 24. Gen. Smith said on Monday that troops, which have held Crimea since 2014, shelled Kharkiv. Nothing else happened."
	ms := Mentions(text, mon)
	at := func(word string) (int, int) {
		i := strings.Index(text, word)
		return i, i + len(word)
	}
	s, e := at("shelled")
	if m, ok := DateOf(text, ms, s, e); !ok || m.Text != "Monday" {
		t.Errorf("shelled: %+v %v", m, ok)
	}
	s, e = at("invaded")
	if m, ok := DateOf(text, ms, s, e); !ok || m.Text != "Feb. 24" {
		t.Errorf("invaded: %+v %v", m, ok)
	}
	s, e = at("Nothing")
	if m, ok := DateOf(text, ms, s, e); ok {
		t.Errorf("Nothing: %+v", m)
	}
	text = "Troops have held the city since 2014."
	ms = Mentions(text, mon)
	s, e = at("held")
	if m, ok := DateOf(text, ms, 12, 16); !ok || m.Text != "2014" {
		t.Errorf("since only: %+v %v (%d %d)", m, ok, s, e)
	}
	if _, ok := DateOf(text, ms, -1, 3); ok {
		t.Error("bad span accepted")
	}
}

func TestTimex(t *testing.T) {
	got := Find("on Monday", mon)
	if len(got) != 1 || got[0].Start != 3 || got[0].End != 9 || got[0].Text != "Monday" || got[0].Value != "2022-02-28" || got[0].Precision != "day" {
		t.Errorf("got %+v", got)
	}
	// only the calendar date of the publication time counts, in its own zone
	kyiv := time.FixedZone("EET", 2*3600)
	if v, _, _ := Resolve("today", time.Date(2022, 2, 28, 0, 30, 0, 0, kyiv)); v != "2022-02-28" {
		t.Errorf("today in Kyiv = %s", v)
	}
}

// TestLinear runs adversarial texts of 400 KB: every one must take well
// under a second (a quadratic scan would take minutes).
func TestLinear(t *testing.T) {
	for _, unit := range []string{
		"Monday ", "Monday - ", "x" + strings.Repeat("-", 50) + "Monday ", "Feb. 24 ", "said Feb. 24 and Feb. 24 ",
		"on a Tuesday, ", "Tuesday, ", "2022 ", "in 2022 ", "24-", "between March 1 and ", "the past ", "late on ",
		". ", "May ", "1 2 3 4 5 6 7 8 9 ", "Київ ", "\xff",
	} {
		text := strings.Repeat(unit, 400_000/len(unit)+1)
		start := time.Now()
		ms := Mentions(text, mon)
		if len(ms) > 0 {
			DateOf(text, ms, len(text)/2, len(text)/2)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q x %d: %v", unit, len(text)/len(unit), d)
		}
	}
}

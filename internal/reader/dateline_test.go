package reader

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// datelineCase is one opening of a paragraph and the dateline it should
// (or should not) yield. iso is ISODate(0): the date when the dateline itself
// carries a year; iso2024 is ISODate(2024): the date with a year supplied.
type datelineCase struct {
	name    string
	in      string
	ok      bool
	text    string // the dateline as written; "" means not checked
	place   string
	agency  string
	month   time.Month
	day     int
	year    int
	iso     string
	iso2024 string
	// bug, when set, names a known reader bug: the case is skipped while it
	// fails, and runs as an ordinary case once the bug is fixed.
	bug string
}

var datelineCases = []datelineCase{
	// Wire datelines with a date.
	{name: "UPI month-day", in: "Feb. 28 (UPI) -- Russian forces shelled Kharkiv on Monday.", ok: true,
		text: "Feb. 28 (UPI) -- ", agency: "UPI", month: time.February, day: 28, iso2024: "2024-02-28"},
	{name: "UPI leap day", in: "Feb. 29 (UPI) -- Officials said.", ok: true,
		agency: "UPI", month: time.February, day: 29, iso2024: "2024-02-29"},
	{name: "UPI impossible day parses but has no ISO date", in: "Feb. 30 (UPI) -- Officials said.", ok: true,
		agency: "UPI", month: time.February, day: 30},
	{name: "UPI Sept abbreviation", in: "Sept. 5 (UPI) -- The storm moved north.", ok: true,
		agency: "UPI", month: time.September, day: 5, iso2024: "2024-09-05"},
	{name: "UPI Sep without dot", in: "Sep 5 (UPI) -- The storm moved north.", ok: true,
		agency: "UPI", month: time.September, day: 5, iso2024: "2024-09-05"},
	{name: "UPI May", in: "May 1 (UPI) -- Workers marched.", ok: true,
		agency: "UPI", month: time.May, day: 1, iso2024: "2024-05-01"},
	{name: "Reuters place and date", in: "LONDON, March 3 (Reuters) - Britain said on Friday it would.", ok: true,
		text: "LONDON, March 3 (Reuters) - ", place: "LONDON", agency: "Reuters", month: time.March, day: 3, iso2024: "2024-03-03"},
	{name: "Reuters trailing space only", in: "KATHMANDU, April 25 (Reuters) - ", ok: true,
		text: "KATHMANDU, April 25 (Reuters) - ", place: "KATHMANDU", agency: "Reuters", month: time.April, day: 25, iso2024: "2024-04-25"},
	{name: "Reuters two-word place, Sept.", in: "NEW DELHI, Sept. 12 (Reuters) - India said.", ok: true,
		place: "NEW DELHI", agency: "Reuters", month: time.September, day: 12, iso2024: "2024-09-12"},
	{name: "Reuters Dec without dot", in: "JOHANNESBURG, Dec 1 (Reuters) - Power cuts resumed.", ok: true,
		place: "JOHANNESBURG", agency: "Reuters", month: time.December, day: 1, iso2024: "2024-12-01"},
	{name: "Reuters impossible June 31", in: "LONDON, June 31 (Reuters) - Shares fell.", ok: true,
		place: "LONDON", agency: "Reuters", month: time.June, day: 31},
	{name: "day 32 is no date", in: "LONDON, March 32 (Reuters) - Shares fell.", ok: false},
	{name: "AP full date with year", in: "BEIRUT, Lebanon, Oct. 5, 2024 (AP) — Israeli strikes hit.", ok: true,
		text: "BEIRUT, Lebanon, Oct. 5, 2024 (AP) — ", place: "BEIRUT, Lebanon", agency: "AP", month: time.October, day: 5, year: 2024,
		iso: "2024-10-05", iso2024: "2024-10-05"},
	{name: "AP full date, own year wins", in: "ABUJA, Nigeria, Jan. 16, 2025 (AP) -- Gunmen attacked.", ok: true,
		place: "ABUJA, Nigeria", agency: "AP", month: time.January, day: 16, year: 2025, iso: "2025-01-16", iso2024: "2025-01-16"},
	{name: "UPI place, region and date", in: "KHARKIV, Ukraine, Feb. 28 (UPI) -- Rockets hit.", ok: true,
		place: "KHARKIV, Ukraine", agency: "UPI", month: time.February, day: 28, iso2024: "2024-02-28"},
	{name: "Xinhua", in: "NAIROBI, Kenya, May 2 (Xinhua) -- Floods.", ok: true,
		place: "NAIROBI, Kenya", agency: "Xinhua", month: time.May, day: 2, iso2024: "2024-05-02"},
	{name: "date without agency", in: "GENEVA, June 20 - Aid agencies said.", ok: true,
		text: "GENEVA, June 20 - ", place: "GENEVA", month: time.June, day: 20, iso2024: "2024-06-20"},
	{name: "press release", in: "NEW YORK, May 2, 2024 /PRNewswire/ -- Acme Corp. today announced.", ok: true,
		place: "NEW YORK", agency: "PRNewswire", month: time.May, day: 2, year: 2024, iso: "2024-05-02", iso2024: "2024-05-02",
		bug: "slash-delimited agency /PRNewswire/ is not parsed (reAgency only accepts parentheses, though dateline.go's comment claims /PRNewswire/ --)"},

	// Wire datelines without a date.
	{name: "AP place and region", in: "KYIV, Ukraine (AP) — Russian drones struck.", ok: true,
		text: "KYIV, Ukraine (AP) — ", place: "KYIV, Ukraine", agency: "AP"},
	{name: "AP place alone", in: "WASHINGTON (AP) — The Senate voted.", ok: true, place: "WASHINGTON", agency: "AP"},
	{name: "AP two-word place", in: "GAZA CITY, Gaza Strip (AP) — Israeli strikes.", ok: true,
		place: "GAZA CITY, Gaza Strip", agency: "AP"},
	{name: "AP hyphenated place", in: "PORT-AU-PRINCE, Haiti (AP) — Gangs attacked.", ok: true,
		place: "PORT-AU-PRINCE, Haiti", agency: "AP"},
	{name: "AP abbreviated place", in: "ST. PETERSBURG, Russia (AP) — A court ruled.", ok: true,
		text: "ST. PETERSBURG, Russia (AP) — ", place: "ST. PETERSBURG, Russia", agency: "AP"},
	{name: "AP apostrophe place", in: "N'DJAMENA, Chad (AP) — Soldiers.", ok: true, place: "N'DJAMENA, Chad", agency: "AP"},
	{name: "AP three-word place", in: "RIO DE JANEIRO, Brazil (AP) — Police.", ok: true, place: "RIO DE JANEIRO, Brazil", agency: "AP"},
	{name: "AP multi-word region", in: "DUBAI, United Arab Emirates (AP) — Flights.", ok: true,
		place: "DUBAI, United Arab Emirates", agency: "AP"},
	{name: "AP UNITED NATIONS", in: "UNITED NATIONS (AP) — The Security Council.", ok: true, place: "UNITED NATIONS", agency: "AP"},
	{name: "Yonhap double dash", in: "SEOUL, South Korea (Yonhap) -- North Korea fired.", ok: true,
		place: "SEOUL, South Korea", agency: "Yonhap"},
	{name: "Reuters no date", in: "LONDON (Reuters) -- Shares fell.", ok: true, place: "LONDON", agency: "Reuters"},
	{name: "agency only", in: "(Reuters) - A fire broke out.", ok: true, text: "(Reuters) - ", agency: "Reuters"},
	{name: "AFP only", in: "(AFP) - Troops withdrew.", ok: true, agency: "AFP"},

	// Place-only datelines (newspaper style).
	{name: "em dash place", in: "WASHINGTON — The president signed.", ok: true, text: "WASHINGTON — ", place: "WASHINGTON"},
	{name: "colon place (Indian style)", in: "BHOPAL: A 45-year-old man was arrested.", ok: true, text: "BHOPAL: ", place: "BHOPAL"},
	{name: "two-word place", in: "MEXICO CITY — Protesters gathered.", ok: true, place: "MEXICO CITY"},
	{name: "double-dash place", in: "TEL AVIV -- Sirens sounded.", ok: true, place: "TEL AVIV"},
	{name: "place with state", in: "WASHINGTON, D.C. — Officials said.", ok: true, place: "WASHINGTON, D.C."},
	{name: "place with region", in: "SAN JUAN, Puerto Rico — Power returned.", ok: true, place: "SAN JUAN, Puerto Rico"},
	{name: "en dash place", in: "MONROVIA – Supporters burned tyres.", ok: true, place: "MONROVIA"},
	{name: "unspaced em dash (WSJ style)", in: "WASHINGTON—The Senate passed the bill.", ok: true, place: "WASHINGTON",
		bug: "an em dash with no space after it (WSJ house style \"WASHINGTON—The\") is not accepted: reSep requires \\s+ after the dash"},

	// Not datelines.
	{name: "WARNING label", in: "WARNING: graphic content", ok: false},
	{name: "WARNING label with sentence", in: "WARNING: This story contains images some readers may find distressing.", ok: false},
	{name: "drop cap IN", in: "IN the heart of Lesotho, a young lawyer fights for children.", ok: false},
	{name: "drop cap name", in: "REBECCA Cooke is the childhood sweetheart of the footballer.", ok: false},
	{name: "prose with double dash", in: "The ministry said -- ", ok: false},
	{name: "prose with dash mid-sentence", in: "The ministry said -- without giving details -- that 12 had died.", ok: false},
	{name: "ordinary sentence", in: "Police said on Monday that 12 people had died in the fire.", ok: false},
	{name: "sentence opening with a date", in: "March 3 was the hottest day on record in the capital.", ok: false},
	{name: "quote with dash", in: "\"We will rebuild,\" she said — and they did.", ok: false},
	{name: "UPDATE label", in: "UPDATE: The death toll rose to 14 on Tuesday.", ok: false},
	{name: "LIVE label", in: "LIVE: Follow our coverage of the election.", ok: false},
	{name: "BREAKING label", in: "BREAKING: Parliament has been dissolved.", ok: false},
	{name: "EDITOR'S NOTE label", in: "EDITOR'S NOTE: This story has been updated.", ok: false},
	{name: "ANALYSIS label", in: "ANALYSIS: Why the ceasefire failed.", ok: false},
	{name: "OPINION label with dash", in: "OPINION — The government is wrong.", ok: false},
	{name: "PHOTOS label", in: "PHOTOS: Scenes from the flood.", ok: false},
	{name: "Q and A", in: "Q: Why did the talks fail?", ok: false},
	{name: "long shouted phrase", in: "THIS IS A VERY LONG SHOUTED PHRASE HERE: the rest.", ok: false},
	{name: "empty", in: "", ok: false},
	{name: "dash with no text after it", in: "LONDON —", ok: false},
}

func TestParseDateline(t *testing.T) {
	for _, tc := range datelineCases {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := ParseDateline(tc.in)
			var errs []string
			check := func(field string, got, want any) {
				if got != want {
					errs = append(errs, field+": got "+fmtAny(got)+", want "+fmtAny(want))
				}
			}
			check("ok", ok, tc.ok)
			if tc.ok && ok {
				if tc.text != "" {
					check("Text", d.Text, tc.text)
				}
				check("Place", d.Place, tc.place)
				check("Agency", d.Agency, tc.agency)
				check("Month", d.Month, tc.month)
				check("Day", d.Day, tc.day)
				check("Year", d.Year, tc.year)
				check("ISODate(0)", d.ISODate(0), tc.iso)
				check("ISODate(2024)", d.ISODate(2024), tc.iso2024)
				if !strings.HasPrefix(tc.in, d.Text) {
					errs = append(errs, "Text "+fmtAny(d.Text)+" is not a prefix of the input")
				}
			}
			if !ok && d != (Dateline{}) {
				errs = append(errs, "not ok but a non-zero Dateline returned")
			}
			if len(errs) == 0 {
				return
			}
			if tc.bug != "" {
				t.Errorf("BUG: %s\ninput %q:\n  %s", tc.bug, tc.in, strings.Join(errs, "\n  "))
			}
			t.Errorf("ParseDateline(%q):\n  %s\n  (got %+v)", tc.in, strings.Join(errs, "\n  "), d)
		})
	}
}

func TestDatelineISODate(t *testing.T) {
	cases := []struct {
		d    Dateline
		year int
		want string
	}{
		{Dateline{}, 2024, ""},
		{Dateline{Month: time.March, Day: 3}, 0, ""},
		{Dateline{Month: time.March, Day: 3}, 2022, "2022-03-03"},
		{Dateline{Month: time.March, Day: 3, Year: 2021}, 2022, "2021-03-03"},
		{Dateline{Month: time.February, Day: 29}, 2023, ""},
		{Dateline{Month: time.February, Day: 29}, 2024, "2024-02-29"},
		{Dateline{Month: time.April, Day: 31}, 2024, ""},
		{Dateline{Month: time.December, Day: 31}, 1999, "1999-12-31"},
	}
	for _, tc := range cases {
		if got := tc.d.ISODate(tc.year); got != tc.want {
			t.Errorf("%+v.ISODate(%d) = %q, want %q", tc.d, tc.year, got, tc.want)
		}
	}
}

func fmtAny(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

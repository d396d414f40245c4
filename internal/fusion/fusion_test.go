package fusion

import (
	"strings"
	"testing"
)

func f(x float64) *float64 { return &x }
func i(x int64) *int64     { return &x }

func TestNearDuplicates(t *testing.T) {
	base := `Heavy rain caused the river to burst its banks overnight, flooding low-lying districts of the town.
Emergency crews evacuated about 2,000 residents to schools and sports halls, the regional administration said on Sunday.
Officials said the water level had begun to fall by midday, but warned that more rain was forecast for the coming days.
Roads leading north were closed and power was cut to several villages, according to the local utility company.
Farmers in the valley said they had lost most of the harvest to the water.`
	edited := strings.Replace(base, "about 2,000 residents", "some 2,000 residents", 1) +
		"\nThe mayor appealed for volunteers to help fill sandbags."
	other := `Protesters marched through the capital on Saturday demanding the resignation of the interior minister.
Police used tear gas near parliament and detained dozens of people, a spokesman for the organisers said.
The government said the demonstration had not been authorised and blamed the opposition for the unrest.`
	tests := []struct {
		name string
		a, b string
		near bool
	}{
		{"identical", base, base, true},
		{"reflowed", base, strings.ReplaceAll(base, "\n", "  "), true},
		{"small edit", base, edited, true},
		{"different story", base, other, false},
		{"one shared sentence", base, other + "\nFarmers in the valley said they had lost most of the harvest to the water.", false},
	}
	for _, tc := range tests {
		ka, kb := SentenceKeys(tc.a), SentenceKeys(tc.b)
		shared := 0
		in := map[int64]bool{}
		for _, k := range ka {
			in[k] = true
		}
		for _, k := range kb {
			if in[k] {
				shared++
			}
		}
		if got := NearDuplicate(shared, len(ka), len(kb)); got != tc.near {
			t.Errorf("%s: %d of %d/%d sentences shared, near-duplicate %v, want %v", tc.name, shared, len(ka), len(kb), got, tc.near)
		}
	}
}

func TestSentenceKeys(t *testing.T) {
	got := SentenceKeys("Short one. The U.S. envoy met the 3.5 million refugees' representatives in Warsaw today. Short one.")
	if len(got) != 1 {
		t.Errorf("SentenceKeys kept %d sentences, want 1 (short ones dropped, abbreviations and decimals kept inside)", len(got))
	}
	for _, k := range got {
		if k < 0 {
			t.Errorf("negative key %d", k)
		}
	}
}

func TestDateRange(t *testing.T) {
	tests := []struct {
		date, prec string
		lo, hi     string
		ok         bool
	}{
		{"2022-02-28", "day", "2022-02-28", "2022-02-28", true},
		{"2022-02-28", "week", "2022-02-28", "2022-03-06", true},
		{"2022-02", "month", "2022-02-01", "2022-02-28", true},
		{"2024-02", "month", "2024-02-01", "2024-02-29", true},
		{"2022", "year", "2022-01-01", "2022-12-31", true},
		{"2022-02-24/2022-02-26", "range", "2022-02-24", "2022-02-26", true},
		{"yesterday", "day", "", "", false},
		{"2022-13-01", "day", "", "", false},
		{"", "", "", "", false},
	}
	for _, tc := range tests {
		lo, hi, ok := DateRange(tc.date, tc.prec)
		if lo != tc.lo || hi != tc.hi || ok != tc.ok {
			t.Errorf("DateRange(%q, %q) = %q, %q, %v; want %q, %q, %v", tc.date, tc.prec, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
	if p := TimePrecision("2022-02-28", "2022-02-28"); p != 1 {
		t.Errorf("day: time precision %d", p)
	}
	if p := TimePrecision("2022-02-01", "2022-02-28"); p != 2 {
		t.Errorf("month: time precision %d", p)
	}
	if p := TimePrecision("2022-01-01", "2022-12-31"); p != 3 {
		t.Errorf("year: time precision %d", p)
	}
}

func TestSameEvent(t *testing.T) {
	kharkiv := Mention{Class: "attack", DateLo: "2022-02-28", DateHi: "2022-02-28", Location: "Kharkiv", Country: "UA", Admin1: "Kharkiv", Lat: f(49.98), Lon: f(36.25), GeoPrecision: 1}
	with := func(m Mention, edit func(*Mention)) Mention { edit(&m); return m }
	tests := []struct {
		name string
		b    Mention
		want bool
	}{
		{"same", kharkiv, true},
		{"same name, no point", with(kharkiv, func(m *Mention) { m.Lat, m.Lon = nil, nil }), true},
		{"suburb 15 km away", with(kharkiv, func(m *Mention) { m.Location, m.Lat, m.Lon = "Chuhuiv road", f(49.98), f(36.46) }), true},
		{"town 60 km away", with(kharkiv, func(m *Mention) { m.Location, m.Lat, m.Lon = "Chuhuiv", f(49.84), f(36.69) }), false},
		{"other class", with(kharkiv, func(m *Mention) { m.Class = "protest" }), false},
		{"next day", with(kharkiv, func(m *Mention) { m.DateLo, m.DateHi = "2022-03-01", "2022-03-01" }), false},
		{"same week", with(kharkiv, func(m *Mention) { m.DateLo, m.DateHi = "2022-02-28", "2022-03-06" }), true},
		{"region of the town", with(kharkiv, func(m *Mention) { m.Location, m.Lat, m.Lon, m.GeoPrecision = "Kharkiv Oblast", f(49.5), f(36.5), 2 }), true},
		{"other region", with(kharkiv, func(m *Mention) {
			m.Location, m.Admin1, m.Lat, m.Lon, m.GeoPrecision = "Sumy Oblast", "Sumy", f(50.9), f(34.8), 2
		}), false},
		{"country only", with(kharkiv, func(m *Mention) { m.Location, m.Admin1, m.Lat, m.Lon, m.GeoPrecision = "Ukraine", "", f(49), f(32), 3 }), true},
		{"other country", with(kharkiv, func(m *Mention) { m.Country = "RU" }), false},
		{"no place", Mention{Class: "attack", DateLo: "2022-02-28", DateHi: "2022-02-28"}, false},
		{"no date", with(kharkiv, func(m *Mention) { m.DateLo, m.DateHi = "", "" }), false},
	}
	for _, tc := range tests {
		if got := SameEvent(kharkiv, tc.b); got != tc.want {
			t.Errorf("%s: SameEvent = %v, want %v", tc.name, got, tc.want)
		}
		if got := SameEvent(tc.b, kharkiv); got != tc.want {
			t.Errorf("%s (swapped): SameEvent = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMerge(t *testing.T) {
	country := Mention{Class: "attack", DateLo: "2022-02-28", DateHi: "2022-03-06", Location: "Ukraine", Country: "UA", Lat: f(49), Lon: f(32), GeoPrecision: 3}
	town := Mention{Class: "attack", DateLo: "2022-02-28", DateHi: "2022-02-28", Location: "Kharkiv", Country: "UA", Admin1: "Kharkiv", Lat: f(49.98), Lon: f(36.25), GeoPrecision: 1}
	m := Merge(country, town)
	if m.Location != "Kharkiv" || m.GeoPrecision != 1 || m.DateLo != "2022-02-28" || m.DateHi != "2022-02-28" {
		t.Errorf("Merge(country-week, town-day) = %+v", m)
	}
	m = Merge(town, country)
	if m.Location != "Kharkiv" || m.DateHi != "2022-02-28" {
		t.Errorf("Merge(town-day, country-week) = %+v", m)
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		name   string
		claims []Claim
		want   int64
		ok     bool
	}{
		{"none", nil, 0, false},
		{"vague unknown word", []Claim{{Vague: "untold", Published: "2022-02-28"}}, 0, false},
		{"one", []Claim{{Min: i(12), Published: "2022-02-28"}}, 12, true},
		{"conflicting same day: lowest", []Claim{{Min: i(14), Published: "2022-02-28"}, {Min: i(12), Published: "2022-02-28"}}, 12, true},
		{"rising toll: latest", []Claim{{Min: i(12), Published: "2022-02-28"}, {Min: i(16), Published: "2022-03-01"}}, 16, true},
		{"vague dozens", []Claim{{Vague: "dozens", Published: "2022-02-28"}}, 12, true},
		{"vague vs number same day", []Claim{{Vague: "dozens", Published: "2022-02-28"}, {Min: i(1), Published: "2022-02-28"}}, 1, true},
		// The governor's 12, the emergency service's 14, then the mayor's
		// 16 in an article that recalls both earlier tolls.
		{"an old toll repeated beside a new one", []Claim{
			{Min: i(12), Published: "2022-02-28"},
			{Min: i(14), Published: "2022-03-01"},
			{Min: i(16), Published: "2022-03-02"},
			{Min: i(12), Published: "2022-03-02"},
			{Min: i(14), Published: "2022-03-02"},
		}, 16, true},
		{"upper bound only", []Claim{{Max: i(30), Published: "2022-02-28"}}, 30, true},
	}
	for _, tc := range tests {
		n, ok := Count(tc.claims)
		if n != tc.want || ok != tc.ok {
			t.Errorf("%s: Count = %d, %v; want %d, %v", tc.name, n, ok, tc.want, tc.ok)
		}
	}
	for in, want := range map[string]int64{"tens of thousands": 10000, "hundreds of thousands": 100000, "millions": 1000000, "several": 10} {
		if n, ok := VagueCount(in); !ok || n != want {
			t.Errorf("VagueCount(%q) = %d, %v; want %d", in, n, ok, want)
		}
	}
}

func TestNameKeys(t *testing.T) {
	tests := []struct {
		typ, name string
		aliases   []string
		want      string
	}{
		{"PERSON", "Volodymyr Zelenskyy", []string{"Zelenskyy", "Volodymyr Zelensky"}, "volodymyr zelenskyy|volodymyr zelensky"},
		{"ORG", "the United Nations", []string{"UN", "U.N.", "United Nations"}, "united nations|un"},
		{"PERSON", "José Núñez", nil, "jose nunez"},
		{"PERSON", "Lee", []string{"AB"}, "lee"},
	}
	for _, tc := range tests {
		if got := strings.Join(NameKeys(tc.typ, tc.name, tc.aliases), "|"); got != tc.want {
			t.Errorf("NameKeys(%q, %q, %q) = %q, want %q", tc.typ, tc.name, tc.aliases, got, tc.want)
		}
	}
}

func TestKm(t *testing.T) {
	// Kyiv to Kharkiv is about 410 km.
	if d := Km(50.45, 30.52, 49.99, 36.23); d < 400 || d > 420 {
		t.Errorf("Kyiv–Kharkiv = %.0f km", d)
	}
	s, n, w, e := SearchBox(50, 30, 25)
	if Km(50, 30, n, 30) < 24.9 || Km(50, 30, 50, e) < 24.9 || s >= 50 || w >= 30 {
		t.Errorf("SearchBox too small: %v %v %v %v", s, n, w, e)
	}
}

func FuzzSentenceKeys(f *testing.F) {
	f.Add("Rockets hit Kharkiv on Monday morning, the governor said.")
	f.Add("")
	f.Add("a\xffb c")
	f.Fuzz(func(t *testing.T, s string) {
		a, b := SentenceKeys(s), SentenceKeys(s)
		if len(a) != len(b) {
			t.Fatal("not deterministic")
		}
	})
}

func FuzzDateRange(f *testing.F) {
	f.Add("2022-02-28", "day")
	f.Add("2022-02-24/2022-02-26", "range")
	f.Fuzz(func(t *testing.T, d, p string) {
		lo, hi, ok := DateRange(d, p)
		if ok && lo > hi && !strings.Contains(d, "/") {
			t.Fatalf("DateRange(%q) = %q > %q", d, lo, hi)
		}
	})
}

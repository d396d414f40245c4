package api

import (
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store"
)

// FuzzParseQuery feeds query strings to the parameter parsers and to the
// routes: a parser either fails with a ParamError or returns a filter every
// field of which is within its bounds, and a route answers 200 or 400,
// never 500.
//
//	go test -run=^$ -fuzz=FuzzParseQuery ./internal/api/
func FuzzParseQuery(f *testing.F) {
	for _, cases := range badQueries {
		for _, c := range cases {
			f.Add(c[0])
		}
	}
	for _, s := range []string{
		"", "text=shelling&class=attack&country=ua&near=50.45,30.52,25&bbox=22,44,40,53&since=2024-03-01&until=2024-03-31&limit=10",
		"actor=army&speaker=Zelensky&article=" + strings.Repeat("ab", 32) + "&cursor=MjAyNAAx",
		"near=-90,-180,20040", "bbox=-180,-90,180,90", "limit=1000", "limit=1", "q=tear+gas&limit=100",
		"category=killed&claimant=UN&event=3", "speaker_id=12&text=%22we%22", "name=kyiv&type=gpe",
		"near=+1e1,-0x1p-2,  3", "since=0000-01-01", "limit=+7", "limit=007", "class=ATTACK", "country=%C4%B0T",
	} {
		f.Add(s)
	}
	h := New(newFake(3), Options{Logger: quiet, CSV: testCSV, GeoJSON: testCSV})
	f.Fuzz(func(t *testing.T, raw string) {
		ef, err := ParseEventFilter(raw)
		checkParse(t, raw, err)
		if err == nil {
			checkEventFilter(t, raw, ef)
			if ef.Limit < 0 || ef.Limit > MaxLimit {
				t.Errorf("%q: limit %d", raw, ef.Limit)
			}
			checkText(t, raw, ef.Cursor, maxCursor)
		}
		if q, err := ParseSearch(raw); checkParse(t, raw, err) {
			checkEventFilter(t, raw, q.Events)
			checkText(t, raw, q.Text, maxText)
			if q.Text == "" || q.Limit < 0 || q.Limit > MaxSearchLimit {
				t.Errorf("%q: search %+v", raw, q)
			}
		}
		if af, err := ParseArticleFilter(raw); checkParse(t, raw, err) {
			checkDates(t, raw, af.Since, af.Until)
			checkText(t, raw, af.Text, maxText)
			checkText(t, raw, af.Outlet, maxText)
		}
		if nf, err := ParseEntityFilter(raw); checkParse(t, raw, err) {
			if nf.Type != "" && !slices.Contains(EntityTypes(), nf.Type) {
				t.Errorf("%q: type %q", raw, nf.Type)
			}
		}
		if qf, err := ParseQuoteFilter(raw); checkParse(t, raw, err) {
			checkDates(t, raw, qf.Since, qf.Until)
			checkArticle(t, raw, qf.Article)
			if qf.SpeakerID < 0 {
				t.Errorf("%q: speaker_id %d", raw, qf.SpeakerID)
			}
		}
		if cf, err := ParseClaimFilter(raw); checkParse(t, raw, err) {
			checkDates(t, raw, cf.Since, cf.Until)
			checkArticle(t, raw, cf.Article)
			checkCountry(t, raw, cf.Country)
			if cf.Category != "" && !slices.Contains(FigureCategories(), cf.Category) || cf.EventID < 0 {
				t.Errorf("%q: claim filter %+v", raw, cf)
			}
		}

		if strings.ContainsAny(raw, " #\x00\r\n") || !utf8.ValidString(raw) {
			return // not a query string a request line can carry as it is
		}
		for _, path := range []string{"/api/events", "/api/search", "/api/figures", "/api/export.csv"} {
			r := httptest.NewRequest("GET", "/", nil)
			r.URL.Path, r.URL.RawQuery = path, raw
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
				t.Errorf("GET %s?%q: status %d: %s", path, raw, w.Code, w.Body)
			}
		}
	})
}

// checkParse checks that a parser's error is a ParamError, and tells
// whether it parsed.
func checkParse(t *testing.T, raw string, err error) bool {
	t.Helper()
	var pe *ParamError
	if err != nil && (!errors.As(err, &pe) || pe.Param == "" || pe.Msg == "") {
		t.Errorf("%q: error %v (%T) is not a ParamError", raw, err, err)
	}
	return err == nil
}

func checkEventFilter(t *testing.T, raw string, f store.EventFilter) {
	t.Helper()
	checkDates(t, raw, f.Since, f.Until)
	checkCountry(t, raw, f.Country)
	checkArticle(t, raw, f.Article)
	for _, s := range []string{f.Text, f.Admin1, f.Actor, f.Speaker} {
		checkText(t, raw, s, maxText)
	}
	if f.Class != "" && !slices.Contains(EventClasses(), f.Class) {
		t.Errorf("%q: class %q", raw, f.Class)
	}
	if c := f.Near; c != nil {
		if !finite(c.Lat, c.Lon, c.Km) || math.Abs(c.Lat) > 90 || math.Abs(c.Lon) > 180 || c.Km <= 0 || c.Km > maxKm {
			t.Errorf("%q: near %+v", raw, *c)
		}
	}
	if b := f.BBox; b != nil {
		if !finite(b.West, b.South, b.East, b.North) || b.West > b.East || b.South > b.North ||
			math.Abs(b.West) > 180 || math.Abs(b.East) > 180 || math.Abs(b.South) > 90 || math.Abs(b.North) > 90 {
			t.Errorf("%q: bbox %+v", raw, *b)
		}
	}
}

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

func checkDates(t *testing.T, raw, since, until string) {
	t.Helper()
	for _, d := range []string{since, until} {
		if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
			t.Errorf("%q: date %q", raw, d)
		}
	}
	if since != "" && until != "" && since > until {
		t.Errorf("%q: since %s after until %s", raw, since, until)
	}
}

func checkCountry(t *testing.T, raw, c string) {
	t.Helper()
	if c != "" && (len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') {
		t.Errorf("%q: country %q", raw, c)
	}
}

func checkArticle(t *testing.T, raw, a string) {
	t.Helper()
	if a == "" {
		return
	}
	if len(a) != 64 || strings.Trim(a, "0123456789abcdef") != "" {
		t.Errorf("%q: article %q", raw, a)
	}
}

func checkText(t *testing.T, raw, s string, max int) {
	t.Helper()
	if len(s) > max || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		t.Errorf("%q: text %q", raw, s)
	}
}

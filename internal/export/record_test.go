package export

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
)

func TestNotes(t *testing.T) {
	eid := int64(1)
	tests := []struct {
		name    string
		summary string
		claims  []store.Claim
		want    string
	}{
		{"summary only", "Shelling in Kharkiv.", nil, "Shelling in Kharkiv."},
		{"no summary", "", []store.Claim{{Category: "killed", Min: i64(3), Max: i64(3), Outlet: "AP", Published: "2024-01-02"}},
			"Killed: 3 (AP 2024-01-02)."},
		{"categories in order, period added", "Clashes", []store.Claim{
			{Category: "displaced", Min: i64(5000), Approx: "more than", Claimant: "UNHCR"},
			{Category: "injured", Min: i64(4), Max: i64(6), EventID: &eid},
			{Category: "killed", Vague: "dozens", Claimant: "medics", Outlet: "AFP", Published: "2024-01-02"},
		}, "Clashes. Killed: dozens (medics, AFP 2024-01-02). Injured: 4-6. Displaced: more than 5000 (UNHCR)."},
		{"phrase when no number", "Fire.", []store.Claim{{Category: "missing", Phrase: "many people"}},
			`Fire. Missing: "many people".`},
		{"empty claim dropped", "Fire.", []store.Claim{{Category: "killed"}}, "Fire."},
		{"up to", "", []store.Claim{{Category: "evacuated", Max: i64(200), Approx: "up to"}}, "Evacuated: up to 200."},
	}
	for _, tt := range tests {
		if got := Notes(tt.summary, tt.claims); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestNotesCapsClaims(t *testing.T) {
	var claims []store.Claim
	for i := range 20 {
		claims = append(claims, store.Claim{Category: "killed", Min: i64(int64(i)), Max: i64(int64(i))})
		claims = append(claims, store.Claim{Category: "killed", Min: i64(int64(i)), Max: i64(int64(i))}) // a repeat
	}
	got := Notes("", claims)
	if !strings.HasSuffix(got, "; 11; and 8 more.") {
		t.Errorf("got %q", got)
	}
}

func TestDatesAndPrecision(t *testing.T) {
	tests := []struct {
		date, prec string
		tp         int // the store's, 0 for none
		wantDate   string
		wantTP     int32
	}{
		{"2024-03-05", "day", 0, "2024-03-05", 1},
		{"2024-03-04", "week", 0, "2024-03-04", 2},
		{"2024-03", "month", 0, "2024-03-01", 2},
		{"2024", "year", 0, "2024-01-01", 3},
		{"2024-03-04/2024-03-20", "range", 0, "2024-03-04", 2},
		{"2024-01-04/2024-05-20", "range", 0, "2024-01-04", 3},
		{"2024-03", "", 0, "2024-03-01", 2},
		{"2024-03", "month", 3, "2024-03-01", 3}, // the store's wins
		{"", "", 0, "", 0},
	}
	for _, tt := range tests {
		e := store.Event{Date: tt.date, DatePrecision: tt.prec, TimePrecision: tt.tp}
		rec := ToRecord(Row{Event: e})
		var tp int32
		if rec.TimePrecision != nil {
			tp = *rec.TimePrecision
		}
		if rec.EventDate != tt.wantDate || tp != tt.wantTP {
			t.Errorf("%q %q: got %q %d, want %q %d", tt.date, tt.prec, rec.EventDate, tp, tt.wantDate, tt.wantTP)
		}
	}
}

func TestCoords(t *testing.T) {
	tests := []struct {
		lat, lon *float64
		ok       bool
	}{
		{f64(49.98), f64(36.25), true},
		{nil, f64(36.25), false},
		{f64(0), f64(0), false},
		{f64(0.000001), f64(-0.000002), false}, // rounds to (0, 0)
		{f64(0), f64(32.5), true},
		{f64(91), f64(0), false},
		{f64(10), f64(-181), false},
	}
	for _, tt := range tests {
		_, _, ok := coords(&store.Event{Lat: tt.lat, Lon: tt.lon})
		if ok != tt.ok {
			t.Errorf("coords(%v, %v) ok = %v", tt.lat, tt.lon, ok)
		}
	}
}

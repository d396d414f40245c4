package export

import (
	"bytes"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
)

// Fixtures: invented events and claims.

func i64(v int64) *int64     { return &v }
func f64(v float64) *float64 { return &v }

// kharkiv is a shelling with conflicting death tolls: the governor says 12
// (UPI, and again in a second UPI copy), the emergency service 14
// (Reuters); Reuters gives at least 30 injured.
func kharkiv() Row {
	eid := int64(42)
	return Row{
		Event: store.Event{
			ID: 42, Class: "attack",
			ACLEDType: "Explosions/Remote violence", ACLEDSubType: "Shelling/artillery/missile attack",
			Date: "2024-03-05", DatePrecision: "day", TimePrecision: 1,
			Location: "Kharkiv", Country: "UA", Admin1: "Kharkiv",
			Lat: f64(49.9808123), Lon: f64(36.2527249), GeoPrecision: 1,
			Actor1: "Military Forces of Russia", Actor2: "Civilians (Ukraine)",
			Fatalities: i64(12), Injured: i64(30),
			Summary:     "Russian shelling hit residential areas of Kharkiv",
			ReportCount: 3, ClaimCount: 4,
			FirstReported: "2024-03-06", LastReported: "2024-03-06",
		},
		Sources: []string{"UPI", "Reuters", "UPI", ""},
		URLs:    []string{"https://upi.example/a", "https://reuters.example/b", "https://upi.example/a2"},
		Claims: []store.Claim{
			{ID: 1, EventID: &eid, Category: "killed", Min: i64(12), Max: i64(12), Approx: "exact",
				Claimant: "governor", Outlet: "UPI", Published: "2024-03-06"},
			{ID: 2, EventID: &eid, Category: "injured", Min: i64(30), Approx: "at least",
				Outlet: "Reuters", Published: "2024-03-06T09:12:00Z"},
			{ID: 3, EventID: &eid, Category: "killed", Min: i64(14), Max: i64(14), Approx: "exact",
				Claimant: "emergency service", Outlet: "Reuters", Published: "2024-03-06"},
			{ID: 4, EventID: &eid, Category: "killed", Min: i64(12), Max: i64(12), Approx: "exact",
				Claimant: "governor", Outlet: "UPI", Published: "2024-03-06"},
		},
	}
}

// lima is a protest (an ACLED type, no fatalities known) with only a month.
func lima() Row {
	return Row{
		Event: store.Event{
			ID: 7, Class: "protest", ACLEDType: "Protests", ACLEDSubType: "Peaceful protest",
			Date: "2023-01", DatePrecision: "month",
			Location: "Lima", Country: "PE", Lat: f64(-12.04318), Lon: f64(-77.02824), GeoPrecision: 1,
			Actor1: "Protesters (Peru)", Summary: "Thousands marched in Lima.", ReportCount: 1,
		},
		Sources: []string{"AP"},
	}
}

// talks has no ACLED type and no place.
func talks() Row {
	return Row{
		Event: store.Event{
			ID: 9, Class: "negotiation", Date: "2024", DatePrecision: "year",
			Summary: "Envoys met.", ReportCount: 1,
		},
	}
}

func TestNew(t *testing.T) {
	for _, f := range Formats {
		w, err := New(f, &bytes.Buffer{})
		if err != nil || w == nil {
			t.Errorf("New(%q): %v", f, err)
		}
		if ContentType(f) == "" {
			t.Errorf("ContentType(%q) empty", f)
		}
	}
	if _, err := New("xlsx", &bytes.Buffer{}); err == nil {
		t.Error("New(xlsx) succeeded")
	}
}

func TestRowFromDetail(t *testing.T) {
	d := &store.EventDetail{
		Event: lima().Event,
		Reports: []store.Report{
			{Outlet: "AP", URL: "https://ap.example/1"},
			{Outlet: "AP", URL: "https://ap.example/2"},
		},
	}
	rec := ToRecord(RowFromDetail(d))
	if rec.Source != "AP" || rec.URL != "https://ap.example/1 https://ap.example/2" {
		t.Errorf("source %q url %q", rec.Source, rec.URL)
	}
}

package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestGeoJSON(t *testing.T) {
	noCoords := talks()
	nullIsland := lima()
	nullIsland.Event.ID = 8
	nullIsland.Event.Lat, nullIsland.Event.Lon = f64(0), f64(0)

	var buf bytes.Buffer
	w := NewGeoJSON(&buf)
	for _, r := range []Row{kharkiv(), noCoords, lima(), nullIsland} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Features() != 2 || w.Skipped() != 2 {
		t.Errorf("features %d skipped %d, want 2 2", w.Features(), w.Skipped())
	}

	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			ID       int64  `json:"id"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("type %q with %d features", fc.Type, len(fc.Features))
	}
	wantCoords := map[int64][]float64{42: {36.25272, 49.98081}, 7: {-77.02824, -12.04318}}
	for _, f := range fc.Features {
		if f.Type != "Feature" || f.Geometry.Type != "Point" {
			t.Errorf("feature %d: type %q geometry %q", f.ID, f.Type, f.Geometry.Type)
		}
		if !reflect.DeepEqual(f.Geometry.Coordinates, wantCoords[f.ID]) {
			t.Errorf("feature %d: coordinates %v, want [lon lat] %v", f.ID, f.Geometry.Coordinates, wantCoords[f.ID])
		}
	}
	p := fc.Features[0].Properties
	wantProps := map[string]any{
		"id": 42.0, "class": "attack", "event_type": "Explosions/Remote violence",
		"sub_event_type": "Shelling/artillery/missile attack", "date": "2024-03-05", "date_precision": "day",
		"location": "Kharkiv", "country": "UA", "country_name": "Ukraine", "admin1": "Kharkiv",
		"actors":     []any{"Military Forces of Russia", "Civilians (Ukraine)"},
		"fatalities": 12.0, "injured": 30.0, "reports": 3.0, "claims": 4.0,
		"summary": "Russian shelling hit residential areas of Kharkiv", "geo_precision": 1.0,
	}
	if !reflect.DeepEqual(p, wantProps) {
		t.Errorf("properties\n got %v\nwant %v", p, wantProps)
	}
	q := fc.Features[1].Properties
	for _, k := range []string{"fatalities", "injured", "admin1"} {
		if v, ok := q[k]; !ok || v != nil {
			t.Errorf("lima %s = %v (present %v), want null", k, v, ok)
		}
	}
	if !strings.Contains(buf.String(), `"coordinates":[36.25272,49.98081]`) {
		t.Errorf("coordinates not rounded to 5 decimals:\n%s", buf.String())
	}
}

func TestGeoJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	w := NewGeoJSON(&buf)
	if err := w.Write(talks()); err != nil { // skipped: no place
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if fc["type"] != "FeatureCollection" || !reflect.DeepEqual(fc["features"], []any{}) {
		t.Errorf("got %s", buf.String())
	}
	if err := w.Write(lima()); err == nil {
		t.Error("Write after Close succeeded")
	}
}

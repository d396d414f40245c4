package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestJSONL(t *testing.T) {
	var buf bytes.Buffer
	w := NewJSONL(&buf)
	rows := []Row{kharkiv(), lima(), talks()}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines, want %d", len(lines), len(rows))
	}
	for i, l := range lines {
		var got JSONLine
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d does not parse: %v", i+1, err)
		}
		if !reflect.DeepEqual(got.Event, rows[i].Event) {
			t.Errorf("line %d: event\n got %+v\nwant %+v", i+1, got.Event, rows[i].Event)
		}
		if len(got.Claims) != len(rows[i].Claims) {
			t.Errorf("line %d: %d claims, want %d", i+1, len(got.Claims), len(rows[i].Claims))
		}
	}
	var first JSONLine
	_ = json.Unmarshal([]byte(lines[0]), &first)
	if !reflect.DeepEqual(first.Sources, []string{"UPI", "Reuters"}) {
		t.Errorf("sources %v", first.Sources)
	}
	if !strings.Contains(lines[2], `"sources":[],"urls":[],"claims":[]`) {
		t.Errorf("empty lists not []: %s", lines[2])
	}
}

package document

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestNormalize: a document built without New, whose lists are all nil, does
// not validate; after Normalize it does, every required list is [] and
// nothing that was set is lost.
func TestNormalize(t *testing.T) {
	d := &Document{
		Schema:    Schema,
		ID:        strings.Repeat("a", 64),
		Published: "2022-02-28",
		Language:  "en",
		Entities:  []Entity{{ID: "E1", Type: Person, Name: "Anton Gerashchenko"}},
		Places:    []Place{{ID: "P1", Name: "Kharkiv"}},
		Events:    []Event{{ID: "V1", Class: "attack", Status: "asserted"}},
	}
	if err := Validate(encode(t, d, nil)); err == nil {
		t.Fatal("document with nil lists validated before Normalize; the test proves nothing")
	}
	d.Normalize()
	b := encode(t, d, nil)
	if err := Validate(b); err != nil {
		t.Fatalf("normalized document does not validate: %v\n%s", err, b)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"removed", "quotes", "figures"} {
		if l, ok := m[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s = %#v, want []", k, m[k])
		}
	}
	item := func(list string) map[string]any { return m[list].([]any)[0].(map[string]any) }
	for _, c := range []struct{ list, field string }{
		{"entities", "aliases"}, {"entities", "mentions"}, {"places", "mentions"},
		{"events", "figures"}, {"events", "evidence"},
	} {
		if l, ok := item(c.list)[c.field].([]any); !ok || len(l) != 0 {
			t.Errorf("%s[0].%s = %#v, want []", c.list, c.field, item(c.list)[c.field])
		}
	}
	if n := item("entities")["name"]; n != "Anton Gerashchenko" {
		t.Errorf("entity name = %v after Normalize", n)
	}
	// Optional lists stay omitted.
	for _, k := range []string{"byline", "warnings", "timexes"} {
		if _, ok := m[k]; ok {
			t.Errorf("optional %q written: %v", k, m[k])
		}
	}
}

// TestNormalizeKeeps: Normalize leaves a complete document as it was and is
// idempotent.
func TestNormalizeKeeps(t *testing.T) {
	want := string(encode(t, fullDocument(), nil))
	d := fullDocument()
	d.Normalize()
	d.Normalize()
	if got := string(encode(t, d, nil)); got != want {
		t.Errorf("Normalize changed a complete document:\n got %s\nwant %s", got, want)
	}
}

package geo

import (
	"testing"

	"github.com/sitrep/sitrep/internal/document"
)

// FuzzResolve: no panic for any text and entity names, mentions found by
// name or given at arbitrary (even invalid) offsets; areas read back their
// text and places keep a precision of 1 to 3.
func FuzzResolve(f *testing.F) {
	for _, s := range []struct {
		text, name, other string
		start, end        int
	}{
		{"Russian troops seized two cities in southeastern Ukraine.", "Ukraine", "Russian", 0, 7},
		{"The convoy was 30 km north of Kyiv, near the Russian border.", "Kyiv", "Russian", 46, 53},
		{"Kyiv's Shevchenko district", "Shevchenko district", "Kyiv", 0, 4},
		{"Atlanta, Georgia", "Georgia", "Atlanta", 0, 7},
		{"Washington said", "Washington", "", 0, 10},
		{"the Peace Palace in The Hague", "Peace Palace", "Hague", 24, 29},
		{"\xff\xfe Kharkiv, \x00", "Kharkiv", "", -3, 99},
		{"on the outskirts of", "", "of", 5, 2},
		{"20 kilometres (12 miles) south-east of Mariupol", "Mariupol", "", 0, 2},
		{"the US-Mexico border with the border between A and B", "US", "Mexico", 4, 6},
		{"'s east", "'s", "east", 0, 2},
	} {
		f.Add(s.text, s.name, s.other, s.start, s.end)
	}
	r := testResolver()
	f.Fuzz(func(t *testing.T, text, name, other string, start, end int) {
		ents := []document.Entity{
			{ID: "E1", Type: document.GPE, Name: name, Mentions: mentionsOf(text, name)},
			{ID: "E2", Type: document.NORP, Name: other, Mentions: mentionsOf(text, other)},
			{ID: "E3", Type: document.Loc, Name: other, Aliases: []string{name},
				Mentions: []document.Mention{{Start: start, End: end, Text: name}}},
			{ID: "E4", Type: document.Fac, Name: name + " " + other, Mentions: mentionsOf(text, other)},
		}
		dl := &document.Dateline{Place: &name}
		if other != "" {
			dl.Place = &other
		}
		places, areas := r.ResolveAreas(text, ents, dl)
		if got := r.Resolve(text, ents, dl); len(got) != len(places) {
			t.Fatalf("Resolve gives %d places, ResolveAreas %d", len(got), len(places))
		}
		for _, p := range places {
			if p.Precision < 1 || p.Precision > 3 {
				t.Fatalf("place %+v: precision %d", p, p.Precision)
			}
		}
		for _, a := range areas {
			if a.Start < 0 || a.End > len(text) || a.Start > a.End || text[a.Start:a.End] != a.Text {
				t.Fatalf("bad area %+v in %q", a, text)
			}
			if a.Precision < 1 || a.Precision > 3 {
				t.Fatalf("area %+v: precision %d", a, a.Precision)
			}
		}
	})
}

// mentionsOf are the occurrences of name in text.
func mentionsOf(text, name string) []document.Mention {
	var out []document.Mention
	if name == "" {
		return out
	}
	for off := 0; off <= len(text)-len(name) && len(out) < 50; {
		i := indexFrom(text, name, off)
		if i < 0 {
			break
		}
		out = append(out, document.Mention{Start: i, End: i + len(name), Text: name})
		off = i + 1
	}
	return out
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

package entities

import (
	"testing"
	"unicode/utf8"
)

// FuzzRecognize: no panic on any input, valid or invalid UTF-8, and every
// mention's offsets read back its text.
func FuzzRecognize(f *testing.F) {
	for _, s := range []string{
		"Foreign Minister Dmytro Kuleba told CNBC.",
		"The Civil Aviation Authority of Nepal (CAAN) said. CAAN",
		"Von der Leyen", "V. Zelensky's", "U.N.", "\xff\xfe Kyiv \x00", "'s", "Mr", "The the The",
		"President of Ukraine V. Zelensky", "Chiefs' Council", "al-", "(", "A.B.C.D.E.F.G.H.I.",
	} {
		f.Add(s)
	}
	r := New(testPlaces)
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range r.Recognize(s, s) {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(s) || m.Start > m.End || s[m.Start:m.End] != m.Text {
					t.Fatalf("bad mention %+v in %q", m, s)
				}
			}
			if utf8.ValidString(s) && !utf8.ValidString(e.Name) {
				t.Fatalf("invalid name %q from valid input", e.Name)
			}
		}
	})
}

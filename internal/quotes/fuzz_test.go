package quotes

import (
	"testing"

	"github.com/sitrep/sitrep/internal/document"
)

// FuzzFind: no panic on any text, and every body quote's offsets lie in the
// text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"We will win," he said. "So many topics."`,
		"“Open and never closed\n\n“Still open\n\nDone",
		"Israel, in a statement, rejected it as “patently biased”.",
		"It said: ‘yes it is’. 'Straight single quotes here' she said.",
		"\"\"\"\"", "“”‘’«»", "a \"b\n\nc\" d", "\xff\"\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ents := []document.Entity{{ID: "E1", Type: document.Person, Name: "Ann Lee",
			Mentions: []document.Mention{}}}
		if len(s) > 3 {
			ents[0].Mentions = append(ents[0].Mentions, document.Mention{Start: 1, End: 3, Text: s[1:3]})
		}
		for _, q := range Find(s, ents, s, s) {
			if q.In != "" {
				continue
			}
			if q.Start < 0 || q.End > len(s) || q.Start > q.End {
				t.Fatalf("quote %+v out of %d bytes", q, len(s))
			}
		}
	})
}

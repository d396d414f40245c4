package reader

import (
	"strings"
	"testing"
)

// FuzzCollapseSpace: collapseSpace is strings.Fields joined by single
// spaces, fast path or not.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"a b", " a", "a  b", "a\tb", "a\u00a0b", "a\u2003b", "a\u3000b", "a\u205fb", "", "é ü", "a\nb", "\u1680x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

package quotes

import (
	"strings"
	"testing"
)

// BenchmarkFind measures quote finding on text with a quote every sentence.
func BenchmarkFind(b *testing.B) {
	s := strings.Repeat("“We are not going to stop now, whatever they say,” the minister said on Monday. "+
		"She added that talks would go on. \"It was a terrible night for all of us,\" a resident told Reuters.\n\n", 300)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Find(s, nil, "", "")
	}
}

// TestLongInputsStayFast runs inputs that once took quadratic time; each
// must finish well within the test binary's timeout.
func TestLongInputsStayFast(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("\"Alpha beta gamma delta,\" he said. ", 3000),
		strings.Repeat("'a b c d' ", 5000),
		strings.Repeat("“a b c d e ", 3000),
		strings.Repeat("\"", 20000),
	} {
		if qs := Find(s, nil, "", ""); len(qs) == 0 && strings.Count(s, "a b c d") > 100 {
			t.Errorf("no quotes found in %d bytes", len(s))
		}
	}
}

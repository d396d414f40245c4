package lexicon

import (
	"runtime"
	"testing"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"U.N.": "un", "Zelensky": "zelensky", "  Kyiv  City ": "kyiv city", "València": "valencia",
		"Hammarskjöld": "hammarskjold", "Chiefs’ Council": "chiefs' council", "already": "already", "": "",
		"MBE": "mbe", "São Tomé": "sao tome",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	l := Load()
	if !l.GivenName("John") || l.GivenName("john") {
		t.Error("given names are case-sensitive and include John")
	}
	if !l.Title("Foreign Minister") || !l.Title("spokesman") || !l.Title("Lt.") {
		t.Error("titles missing")
	}
	if !l.OrgHeads["ministry"] || !l.FunctionWords["however"] || !l.Calendar["monday"] || !l.NotEntities["gp"] {
		t.Error("sets missing words")
	}
	if o, ok := l.Org("U.N. refugee agency"); !ok || o.Name != "UNHCR" {
		t.Errorf("Org alias lookup: %+v %v", o, ok)
	}
	if o, ok := l.Org("Reuters"); !ok || o.Type != "MEDIA" {
		t.Errorf("Reuters: %+v", o)
	}
}

func TestPersonName(t *testing.T) {
	l := Load()
	if !l.PersonName("Gallagher") || l.PersonName("Reuters") {
		t.Error("PersonName: want Gallagher, not Reuters")
	}
}

// BenchmarkLoad measures reading every list, the large name list included.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if l := build(); len(l.GivenNames) == 0 {
			b.Fatal("empty")
		}
		if len(readPersonNames()) == 0 {
			b.Fatal("empty")
		}
	}
}

// TestLoadCost logs the heap the lexicons take (the target is < 150 MB).
func TestLoadCost(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l, p := build(), readPersonNames()
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("lexicons: %d given names, %d person names, heap +%.1f MB",
		len(l.GivenNames), len(p), float64(after.HeapAlloc-before.HeapAlloc)/(1<<20))
	runtime.KeepAlive(l)
	runtime.KeepAlive(p)
}

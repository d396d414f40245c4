package samples

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestArticles: every .txt and .html file of the directory is embedded, in
// order, each readable, non-empty and with its .expect.json beside it.
func TestArticles(t *testing.T) {
	got := Articles()
	var want []string
	for _, pat := range []string{"*.txt", "*.html"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, m...)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("Articles() = %v, want %v", got, want)
	}
	if len(got) == 0 {
		t.Fatal("no sample articles")
	}
	for _, name := range got {
		b, err := fs.ReadFile(FS, name)
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %d bytes, %v", name, len(b), err)
		}
		expect := strings.TrimSuffix(name, filepath.Ext(name)) + ".expect.json"
		if _, err := os.Stat(expect); err != nil {
			t.Errorf("%s has no %s", name, expect)
		}
	}
}

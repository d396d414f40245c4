package reader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// devDir is the shared development corpus, next to the repository in the
// project's workspace. A fresh clone has no such directory.
const devDir = "../../../shared/corpus/dev"

// devArticles lists the pages of the development corpus, nil when it is absent.
func devArticles(t testing.TB, exts ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(devDir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		ext := strings.ToLower(filepath.Ext(e.Name()))
		for _, want := range exts {
			if ext == want {
				out = append(out, filepath.Join(devDir, e.Name()))
			}
		}
	}
	return out
}

// TestDevSet reads every article of the development corpus. It checks that
// the reader copes, not how well: scores are the evaluation's business.
func TestDevSet(t *testing.T) {
	if _, err := os.Stat(devDir); err != nil {
		t.Skipf("dev corpus %s absent", devDir)
	}
	files := devArticles(t, ".html", ".htm", ".txt")
	if len(files) == 0 {
		t.Skipf("dev corpus %s holds no articles", devDir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Read(b, Meta{Name: f}, testNow)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if strings.TrimSpace(a.Text) == "" {
				t.Errorf("empty text")
			}
			if !utf8.ValidString(a.Text) {
				t.Errorf("text is not valid UTF-8")
			}
			if strings.TrimSpace(a.Title) == "" {
				t.Errorf("empty title")
			}
			if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Deck) {
				t.Errorf("title or deck is not valid UTF-8")
			}
			if a.Published == "" {
				t.Errorf("no publication date, not even the fallback")
			}
			for _, r := range a.Removed {
				if r.Kind == "" {
					t.Errorf("removed block without a kind: %q", r.Text)
				}
			}
		})
	}
}

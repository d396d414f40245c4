package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// TestDevCorpusTwice ingests the shared dev corpus into a real SQLite file,
// then again — once from the same files (skipped by source key) and once
// from copies under other names (skipped by content id) — and checks that
// nothing in the store changed.
func TestDevCorpusTwice(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "dev")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("no dev corpus at %s (../shared is absent)", corpus)
	}
	if testing.Short() {
		t.Skip("extracts the whole dev corpus three times")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dev.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first, err := Run(ctx, st, []string{corpus}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Failed != 0 || first.New == 0 {
		t.Fatalf("first run: %+v", first)
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	again, err := Run(ctx, st, []string{corpus}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.New != 0 || again.Already != first.Read {
		t.Errorf("second run stored %d new, %d already of %d: %+v", again.New, again.Already, first.Read, again)
	}

	// The same pages under other names: new sources, the same articles.
	copies := t.TempDir()
	entries, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(corpus, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(copies, "copy-"+e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copied, err := Run(ctx, st, []string{copies}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if copied.New != 0 {
		t.Errorf("copies of stored pages stored %d new articles: %+v", copied.New, copied)
	}

	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Articles != before.Articles || after.Events != before.Events || after.Reports != before.Reports ||
		after.Claims != before.Claims || after.Quotes != before.Quotes || after.Entities != before.Entities {
		t.Errorf("the store changed on re-ingest: %+v → %+v", before, after)
	}
	if after.Sources != before.Sources+int64(len(entries)) {
		t.Errorf("sources %d → %d, want the %d copies recorded", before.Sources, after.Sources, len(entries))
	}
	t.Logf("dev corpus: %d articles, %d events from %d reports, %d claims", after.Articles, after.Events, after.Reports, after.Claims)
}

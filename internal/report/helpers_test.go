package report

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// extractNow dates articles nothing else dates, so that extraction does not
// depend on the day the tests run.
var extractNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// storeOf extracts each named file with read and stores it, in order, in a
// new SQLite store in the test's temporary directory.
func storeOf(t testing.TB, names []string, read func(string) ([]byte, error)) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "report.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, name := range names {
		b, err := read(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Extract(b, extract.Options{Meta: reader.Meta{Name: name}, Now: extractNow})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := st.Put(ctx, []store.Item{{Doc: d, Source: name}}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return st
}

// sampleStore holds the sample articles bundled with sitrep.
func sampleStore(t testing.TB) *sqlite.DB {
	return storeOf(t, samples.Articles(), func(n string) ([]byte, error) { return fs.ReadFile(samples.FS, n) })
}

// devDir is the shared dev corpus; tests that need it skip without it.
const devDir = "../../../shared/corpus/dev"

// devStore holds every article of the dev corpus.
func devStore(t testing.TB) *sqlite.DB {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(devDir, "*"))
	if len(names) == 0 {
		t.Skipf("%s is absent: the dev corpus test needs ../shared beside the repository", devDir)
	}
	return storeOf(t, names, os.ReadFile)
}

// build makes the report of a query, failing the test on an error.
func build(t testing.TB, st store.Store, region, since, until string) *Report {
	t.Helper()
	q, err := ParseQuery(region, "", since, until)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(context.Background(), st, q)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func markdown(t testing.TB, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func htmlOf(t testing.TB, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.HTML(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the report built now (go test ./internal/report -update rewrites it):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return ""
}

package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// TestKillAndRerun builds the sitrep binary, ingests a directory of
// articles into a SQLite file, kills the process with SIGKILL once some
// batches are stored, and runs it again: the store then holds every article
// once and every source once, and the second run redid only what the first
// had not stored.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "sitrep")
	build := exec.Command(goTool, "build", "-o", bin, "../../cmd/sitrep")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	const n = 300
	dir := filepath.Join(tmp, "articles")
	for i := 0; i < n; i++ {
		writeFile(t, dir, fmt.Sprintf("%03d.txt", i), article5KB(i))
	}
	db := filepath.Join(tmp, "kill.db")
	ctx := context.Background()

	// Run 1: killed once at least two batches are in the store.
	var errOut bytes.Buffer
	cmd := exec.Command(bin, "ingest", "--db", db, "--batch", "8", "--workers", "1", dir)
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stored := int64(0)
	deadline := time.Now().Add(2 * time.Minute)
	killed := false
	for !killed && time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("the first run ended before it was killed (%v): %s", err, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
		stored = countArticles(t, db)
		if stored >= 16 {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	if !killed {
		cmd.Process.Kill()
		t.Fatalf("no batch was stored in time: %s", errOut.String())
	}
	<-done
	before := countArticles(t, db)
	if before >= n {
		t.Fatalf("the whole directory was stored before the kill; nothing is tested")
	}
	t.Logf("killed with %d of %d articles stored", before, n)

	// Run 2: completes.
	errOut.Reset()
	cmd = exec.Command(bin, "ingest", "--db", db, dir)
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, errOut.String())
	}
	m := regexp.MustCompile(`read (\d+), stored new (\d+), already stored (\d+), duplicates \d+, failed (\d+)`).FindStringSubmatch(errOut.String())
	if m == nil {
		t.Fatalf("no summary in:\n%s", errOut.String())
	}
	read, newN, already, failed := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
	if read != n || failed != 0 || newN+already != n || already != before {
		t.Errorf("rerun summary %q: want %d read, %d already stored", m[0], n, before)
	}

	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != n || stats.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d of each", stats.Articles, stats.Sources, n)
	}
}

// countArticles reads the article count of the SQLite file while another
// process writes it; 0 before it exists.
func countArticles(t *testing.T, db string) int64 {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		return 0 // being created
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		return 0
	}
	return s.Articles
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

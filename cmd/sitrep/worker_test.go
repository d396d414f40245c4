package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/queuetest"
	"github.com/sitrep/sitrep/internal/store"
)

// The tests of the queue commands run the real binary against a real
// nats-server (package queuetest), and kill them as a crash would.

// buildBinary builds the sitrep binary into the test's directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("signals")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "sitrep")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a sitrep process.
type proc struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
	err  error
}

func (p *proc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

// Output is what the process wrote to stdout and stderr.
func (p *proc) Output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func start(t testing.TB, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for the process to end and returns its exit code.
func (p *proc) wait(t testing.TB, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("%v did not end within %v:\n%s", p.cmd.Args[1:], limit, p.Output())
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	if p.err != nil {
		t.Fatal(p.err)
	}
	return 0
}

// run runs the binary to its end.
func runBin(t testing.TB, bin string, args ...string) (int, string) {
	t.Helper()
	p := start(t, bin, args...)
	code := p.wait(t, 3*time.Minute)
	return code, p.Output()
}

func queueStatus(t testing.TB, url string) *queue.Status {
	t.Helper()
	q, err := queue.Open(context.Background(), queue.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	s, err := q.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// storeCount reads the store's counts while another process writes it; nil
// while it cannot be opened.
func storeCount(t testing.TB, dsn string) *store.Stats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil
		}
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return nil
	}
	return s
}

// waitStored waits until the store holds at least n articles.
func waitStored(t testing.TB, dsn string, n int64, p *proc) int64 {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if s := storeCount(t, dsn); s != nil && s.Articles >= n {
			return s.Articles
		}
		select {
		case <-p.done:
			t.Fatalf("the worker ended before storing %d articles:\n%s", n, p.Output())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("the store did not reach %d articles:\n%s", n, p.Output())
	return 0
}

// sqliteOrPostgres runs a test against a SQLite file, and against a
// database of its own on the machine's PostgreSQL when there is one and
// the command line takes postgres:// stores.
func sqliteOrPostgres(t *testing.T, test func(t *testing.T, db string)) {
	t.Run("sqlite", func(t *testing.T) { test(t, filepath.Join(t.TempDir(), "sitrep.db")) })
	t.Run("postgres", func(t *testing.T) {
		dsn := queuetest.Postgres(t)
		st, err := openStore(context.Background(), dsn)
		if err != nil {
			t.Skipf("the command line does not open PostgreSQL stores yet: %v", err)
		}
		st.Close()
		test(t, dsn)
	})
}

// TestWorkerKilledAndRestarted kills a worker with SIGKILL while it holds
// jobs, and starts another: every article is stored exactly once.
func TestWorkerKilledAndRestarted(t *testing.T) {
	sqliteOrPostgres(t, testWorkerKilledAndRestarted)
}

func testWorkerKilledAndRestarted(t *testing.T, db string) {
	bin := buildBinary(t)
	srv := queuetest.Start(t)
	const n = 300
	dir := queuetest.WriteArticles(t, filepath.Join(t.TempDir(), "articles"), n, 4000)
	if code, out := runBin(t, bin, "ingest", "--queue", srv.URL, dir); code != 0 || !strings.Contains(out, fmt.Sprintf("published %d jobs", n)) {
		t.Fatalf("ingest --queue: exit %d\n%s", code, out)
	}

	w := start(t, bin, "worker", "--queue", srv.URL, "--db", db, "--batch", "8", "--workers", "1", "--ack-wait", "2s")
	waitStored(t, db, 16, w)
	if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	w.wait(t, time.Minute)
	before := storeCount(t, db).Articles
	q := queueStatus(t, srv.URL)
	if before >= n || q.Consumer == nil || q.Consumer.Unacked == 0 {
		t.Fatalf("killed with %d of %d stored and %+v jobs held: nothing is tested", before, n, q.Consumer)
	}
	t.Logf("killed with %d articles stored and %d jobs held", before, q.Consumer.Unacked)

	code, out := runBin(t, bin, "worker", "--queue", srv.URL, "--db", db, "--ack-wait", "2s", "--exit-when-empty")
	if code != 0 {
		t.Fatalf("second worker: exit %d\n%s", code, out)
	}
	s := storeCount(t, db)
	if s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d of each", s.Articles, s.Sources, n)
	}
	if q := queueStatus(t, srv.URL); q.Jobs != 0 || q.Consumer.Unacked != 0 || q.Consumer.Pending != 0 {
		t.Errorf("queue not drained: %d jobs, %+v", q.Jobs, q.Consumer)
	}
	m := regexp.MustCompile(`msg="worker stopped" stored=(\d+) already=(\d+) duplicates=\d+ failed=(\d+) handed_back=\d+ redelivered=(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary in:\n%s", out)
	}
	stored, already, failed, redelivered := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
	if stored != n-before || failed != 0 || redelivered == 0 {
		t.Errorf("second worker: %s; want %d stored and redeliveries", m[0], n-before)
	}
	t.Logf("second worker: stored %d, already %d, redelivered %d", stored, already, redelivered)
}

// TestWorkerSIGTERM stops a worker with SIGTERM: it exits 0 with no job
// left unacknowledged, and what it did not do is still in the queue.
func TestWorkerSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	srv := queuetest.Start(t)
	db := filepath.Join(t.TempDir(), "sitrep.db")
	const n = 300
	dir := queuetest.WriteArticles(t, filepath.Join(t.TempDir(), "articles"), n, 4000)
	if code, out := runBin(t, bin, "ingest", "--queue", srv.URL, dir); code != 0 {
		t.Fatalf("ingest --queue: exit %d\n%s", code, out)
	}
	w := start(t, bin, "worker", "--queue", srv.URL, "--db", db, "--batch", "8")
	waitStored(t, db, 16, w)
	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := w.wait(t, 30*time.Second); code != 0 {
		t.Fatalf("worker exit %d after SIGTERM:\n%s", code, w.Output())
	}
	s := storeCount(t, db)
	q := queueStatus(t, srv.URL)
	if q.Consumer.Unacked != 0 {
		t.Errorf("%d jobs left unacknowledged", q.Consumer.Unacked)
	}
	if s.Articles >= n || s.Articles+int64(q.Jobs) != n || s.Sources != s.Articles {
		t.Errorf("%d articles stored and %d jobs in the queue, of %d", s.Articles, q.Jobs, n)
	}
	if !strings.Contains(w.Output(), `msg="worker stopped"`) {
		t.Errorf("log:\n%s", w.Output())
	}
	t.Logf("stopped with %d stored, %d in the queue", s.Articles, q.Jobs)
}

// TestIngestQueueAcrossNATSRestart kills and restarts the nats-server
// while 'sitrep ingest --queue' publishes the pages of a slow feed: the run
// goes on (or says it failed, and a second run completes), and the workers
// then store every page once.
func TestIngestQueueAcrossNATSRestart(t *testing.T) {
	bin := buildBinary(t)
	srv := queuetest.Start(t)
	const n = 300
	var served atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Coast</title>`)
		for i := range n {
			fmt.Fprintf(w, "<item><title>%d</title><link>/news/%d</link></item>", i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/news/{i}", func(w http.ResponseWriter, r *http.Request) {
		i, _ := strconv.Atoi(r.PathValue("i"))
		time.Sleep(20 * time.Millisecond)
		served.Add(1)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, queuetest.Article(i, 1500))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: mux}
	go hs.Serve(ln)
	defer hs.Close()
	feed := "http://" + ln.Addr().String() + "/feed.xml"

	args := []string{"ingest", "--queue", srv.URL, "--allow-private", "--workers", "1", feed}
	p := start(t, bin, args...)
	for served.Load() < n/5 {
		select {
		case <-p.done:
			t.Fatalf("ingest ended before the restart:\n%s", p.Output())
		case <-time.After(5 * time.Millisecond):
		}
	}
	srv.Crash()
	if served.Load() >= n {
		t.Fatal("the feed was read before the server was back; nothing is tested")
	}
	code := p.wait(t, 3*time.Minute)
	t.Logf("ingest across the restart: exit %d\n%s", code, p.Output())
	if code != 0 {
		code, out := runBin(t, bin, args...)
		if code != 0 {
			t.Fatalf("second ingest: exit %d\n%s", code, out)
		}
	}
	if q := queueStatus(t, srv.URL); q.Jobs != n {
		t.Errorf("the stream holds %d jobs, want %d", q.Jobs, n)
	}
	db := filepath.Join(t.TempDir(), "sitrep.db")
	if code, out := runBin(t, bin, "worker", "--queue", srv.URL, "--db", db, "--exit-when-empty"); code != 0 {
		t.Fatalf("worker: exit %d\n%s", code, out)
	}
	if s := storeCount(t, db); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d", s.Articles, s.Sources, n)
	}
}

func TestStatusAndQueueFlags(t *testing.T) {
	srv := queuetest.Start(t)
	dir := queuetest.WriteArticles(t, t.TempDir(), 5, 1000)
	db := filepath.Join(t.TempDir(), "sitrep.db")

	code, out, errOut := runCLI(t, "status", "--queue", srv.URL)
	if code != 0 || !strings.Contains(out, "no stream yet") {
		t.Errorf("status before anything: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "ingest", "--queue", srv.URL, dir)
	if code != 0 || !strings.Contains(errOut, "read 5, published 5 jobs to "+srv.URL+" (stream SITREP_JOBS)") {
		t.Errorf("ingest --queue: exit %d\n%s", code, errOut)
	}
	code, out, _ = runCLI(t, "status", "--queue", srv.URL)
	if code != 0 || !regexp.MustCompile(`jobs in the stream +5 `).MatchString(out) || !strings.Contains(out, "no worker has started yet") {
		t.Errorf("status after publishing: exit %d\n%s", code, out)
	}
	code, _, errOut = runCLI(t, "worker", "--queue", srv.URL, "--db", db, "--exit-when-empty")
	if code != 0 || !strings.Contains(errOut, `msg="worker stopped" stored=5`) {
		t.Errorf("worker: exit %d\n%s", code, errOut)
	}
	code, out, _ = runCLI(t, "status", "--queue", srv.URL, "--db", db, "--json")
	var rep statusReport
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil {
		t.Fatalf("status --json: exit %d, %v\n%s", code, err, out)
	}
	if rep.Queue.Jobs != 0 || rep.Queue.LastSeq != 5 || rep.Queue.Consumer == nil || rep.Queue.Consumer.Pending != 0 ||
		rep.Store == nil || rep.Store.Articles != 5 {
		t.Errorf("status --json: %s", out)
	}
	code, out, _ = runCLI(t, "status", "--queue", srv.URL, "--db", db)
	if code != 0 || !regexp.MustCompile(`waiting for a worker +0 `).MatchString(out) || !regexp.MustCompile(`articles +5 `).MatchString(out) {
		t.Errorf("status: exit %d\n%s", code, out)
	}
	// With --db, stored inputs are not published again.
	code, _, errOut = runCLI(t, "ingest", "--queue", srv.URL, "--db", db, dir)
	if code != 0 || !strings.Contains(errOut, "published 0 jobs") || !strings.Contains(errOut, "already stored or queued 5") {
		t.Errorf("ingest --queue --db: exit %d\n%s", code, errOut)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nobody := "nats://" + ln.Addr().String()
	ln.Close()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"worker", "--batch", "0"}, 2, "--batch"},
		{[]string{"worker", "extra"}, 2, "unexpected argument"},
		{[]string{"worker", "--queue", "http://x", "--db", db}, 2, "want a nats:// or tls:// URL"},
		{[]string{"worker", "--queue", nobody, "--db", db}, 1, "sitrep worker: " + nobody},
		{[]string{"status", "--queue", nobody}, 1, "sitrep status: " + nobody},
		{[]string{"status", "--queue", "nats://user:secret@" + ln.Addr().String()}, 1, "***"},
		{[]string{"ingest", "--queue", "redis://x", dir}, 2, "--queue"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "secret") {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", tt.args, code, tt.code, tt.want, errOut)
		}
	}
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/store"
)

// corpus writes n text articles, n HTML pages and a JSON Lines file of n
// more under dir and returns how many articles it holds.
func corpus(t testing.TB, dir string, n int) int {
	var lines []string
	for i := 0; i < n; i++ {
		writeFile(t, dir, fmt.Sprintf("text/%03d.txt", i), article(i, 4))
		writeFile(t, dir, fmt.Sprintf("pages/%03d.html", i), articleHTML(1000+i, 4))
		lines = append(lines, fmt.Sprintf(`{"url":"https://news.example.org/%d","text":"%s","published":"2024-05-01"}`, i, jsonText(article(2000+i, 4))))
	}
	writeFile(t, dir, "lines.jsonl", strings.Join(lines, "\n")+"\n")
	return 3 * n
}

func TestRunTwice(t *testing.T) {
	dir := t.TempDir()
	n := corpus(t, dir, 12)
	st := newFakeStore()
	rec := newRecorder()
	opt := Options{Batch: 5, Progress: rec}

	s, err := Run(context.Background(), st, []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.failures()) > 0 {
		t.Fatalf("failures: %v", rec.failures())
	}
	if s.Read != int64(n) || s.New != int64(n) || s.Already != 0 || s.Failed != 0 || s.Interrupted {
		t.Fatalf("first run: %v", s)
	}
	articles, sources := st.counts()
	if articles != n || sources != n {
		t.Fatalf("store holds %d articles and %d sources, want %d", articles, sources, n)
	}
	for _, b := range st.batches {
		if b > opt.Batch {
			t.Errorf("a batch of %d, more than %d", b, opt.Batch)
		}
	}

	s, err = Run(context.Background(), st, []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if s.Read != int64(n) || s.New != 0 || s.Already != int64(n) || s.Failed != 0 {
		t.Fatalf("second run: %v", s)
	}
	if a, src := st.counts(); a != n || src != n {
		t.Fatalf("after the second run the store holds %d articles and %d sources", a, src)
	}

	// The same articles under new names: sources are new, articles are not.
	writeFile(t, dir, "copy/000.txt", article(0, 4))
	s, err = Run(context.Background(), st, []string{filepath.Join(dir, "copy")}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if s.Read != 1 || s.New != 0 || s.Already != 1 {
		t.Fatalf("copy: %v", s)
	}
	if a, src := st.counts(); a != n || src != n+1 {
		t.Fatalf("after the copy the store holds %d articles and %d sources", a, src)
	}
}

func TestRunBadInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "good/a.txt", article(1, 4))
	writeFile(t, dir, "good/b.html", articleHTML(2, 4))
	writeFile(t, dir, "bad/empty.txt", "")
	writeFile(t, dir, "bad/short.txt", "Too short to be news.")
	writeFile(t, dir, "bad/binary.html", "\x00\x01\x02\x03 binary")
	writeFile(t, dir, "bad/lines.jsonl", `{"text":"`+jsonText(article(3, 4))+`"}`+"\n{broken\n")
	writeFile(t, dir, "bad/refused.txt", article(4, 4)+"\nREFUSE-ME\n")
	st := newFakeStore()
	st.failText = "REFUSE-ME"
	rec := newRecorder()
	missing := filepath.Join(dir, "nowhere.txt")
	s, err := Run(context.Background(), st, []string{filepath.Join(dir, "good"), missing, filepath.Join(dir, "bad"), "gopher://example.org/"},
		Options{Progress: rec, Batch: 64})
	if err != nil {
		t.Fatal(err)
	}
	wantFail := map[string]string{
		missing:                                      "no such file",
		"gopher://example.org/":                      "unsupported scheme",
		filepath.Join(dir, "bad/empty.txt"):          "empty",
		filepath.Join(dir, "bad/short.txt"):          "",
		filepath.Join(dir, "bad/binary.html"):        "binary",
		filepath.Join(dir, "bad/lines.jsonl") + ":2": "invalid JSON",
		filepath.Join(dir, "bad/refused.txt"):        "refused by the test",
	}
	got := rec.failures()
	for name, reason := range wantFail {
		if r, ok := got[name]; !ok || !strings.Contains(r, reason) {
			t.Errorf("failure of %s: %q, want %q", name, r, reason)
		}
	}
	if len(got) != len(wantFail) {
		t.Errorf("failures: %v", got)
	}
	if s.New != 3 || s.Failed != int64(len(wantFail)) || s.Read != s.New+s.Failed {
		t.Errorf("summary: %v", s)
	}
	// The batch with the refused article was stored one by one: the good
	// articles in it are stored.
	if a, _ := st.counts(); a != 3 {
		t.Errorf("%d articles stored, want 3", a)
	}
}

func TestRunStoreDown(t *testing.T) {
	dir := t.TempDir()
	corpus(t, dir, 3)
	st := newFakeStore()
	st.hasErr = errors.New("disk on fire")
	_, err := Run(context.Background(), st, []string{dir}, Options{Progress: newRecorder()})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("error %v, want the store's", err)
	}

	st = newFakeStore()
	st.putErr = errors.New("read-only file system")
	rec := newRecorder()
	s, err := Run(context.Background(), st, []string{dir}, Options{Progress: rec, Batch: 2})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("error %v: a store that refuses everything did not stop the run", err)
	}
	if s.New != 0 || s.Failed < maxStoreFailures || int64(len(rec.failures())) > s.Read {
		t.Errorf("summary %v, %d failures reported", s, len(rec.failures()))
	}
}

func TestRunCancel(t *testing.T) {
	dir := t.TempDir()
	n := corpus(t, dir, 40)
	st := newFakeStore()
	st.putDelay = 30 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	prog := &cancelAfter{recorder: newRecorder(), n: 10, cancel: cancel}
	s, err := Run(ctx, st, []string{dir}, Options{Progress: prog, Batch: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Interrupted {
		t.Errorf("not marked interrupted: %v", s)
	}
	stored, _ := st.counts()
	if stored == 0 || stored >= n || int64(stored) != s.New {
		t.Fatalf("stored %d of %d, summary %v", stored, n, s)
	}
	if len(prog.failures()) > 0 {
		t.Errorf("a cancelled run reported failures: %v", prog.failures())
	}

	// Running again stores the rest, and nothing twice.
	st.putDelay = 0
	s, err = Run(context.Background(), st, []string{dir}, Options{Batch: 4})
	if err != nil {
		t.Fatal(err)
	}
	if a, src := st.counts(); a != n || src != n || s.New != int64(n-stored) || s.Already != int64(stored) {
		t.Fatalf("after the rerun: %d articles, %d sources, summary %v", a, src, s)
	}
}

// cancelAfter cancels the run once n articles are read.
type cancelAfter struct {
	*recorder
	n      int64
	cancel context.CancelFunc
	stop   chan struct{}
}

func (c *cancelAfter) Start(cs *Counters) {
	c.stop = make(chan struct{})
	go func() {
		for {
			select {
			case <-c.stop:
				return
			case <-time.After(time.Millisecond):
				if cs.Summary().Read >= c.n {
					c.cancel()
					return
				}
			}
		}
	}()
}

func (c *cancelAfter) Stop() { close(c.stop) }

func TestRunFlushEvery(t *testing.T) {
	// A slow input does not hold back what was extracted before it: the
	// batch is stored after FlushEvery.
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", article(1, 4))
	st := newFakeStore()
	var seen atomic.Bool
	slow := &slowSource{before: func() {
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if a, _ := st.counts(); a == 1 {
				seen.Store(true)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}}
	s, err := runSources(context.Background(), st, []Source{mustOpen(t, filepath.Join(dir, "a.txt")), slow}, Options{FlushEvery: 20 * time.Millisecond, Batch: 64})
	if err != nil {
		t.Fatal(err)
	}
	if !seen.Load() {
		t.Errorf("the first article waited for the slow input")
	}
	if s.New != 1 {
		t.Errorf("summary %v", s)
	}
}

type slowSource struct{ before func() }

func (s *slowSource) Name() string { return "slow" }
func (s *slowSource) Each(ctx context.Context, _ *Env, emit func(Job) bool) error {
	s.before()
	return nil
}

func mustOpen(t *testing.T, arg string) Source {
	t.Helper()
	s, err := Open(arg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunURLs(t *testing.T) {
	srv, hits := newsServer(t)
	st := newFakeStore()
	rec := newRecorder()
	opt := Options{Fetch: fetch.Options{AllowPrivate: true}, Progress: rec}
	s, err := Run(context.Background(), st, []string{srv.URL + "/rss", srv.URL + "/atom", srv.URL + "/plain.txt"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	// rss: a, b, old (a again, under another source), missing, no link;
	// atom: c; plain.txt.
	if s.New != 4 || s.Already != 1 || s.Failed != 2 {
		t.Errorf("summary %v; failures %v", s, rec.failures())
	}
	before := hits["/a.html"].Load() + hits["/b.html"].Load() + hits["/c.html"].Load() + hits["/plain.txt"].Load()
	s, err = Run(context.Background(), st, []string{srv.URL + "/rss", srv.URL + "/atom", srv.URL + "/plain.txt"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	after := hits["/a.html"].Load() + hits["/b.html"].Load() + hits["/c.html"].Load() + hits["/plain.txt"].Load()
	if s.New != 0 || s.Already != 5 || after != before {
		t.Errorf("second run: %v, %d pages fetched again", s, after-before)
	}
}

func TestSummaryString(t *testing.T) {
	s := Summary{Read: 10, New: 6, Duplicates: 1, Already: 3, Failed: 1, Elapsed: 2 * time.Second}
	want := "read 10, stored new 6, already stored 3, duplicates 1, failed 1, in 2s (5.0 articles/s)"
	if s.String() != want {
		t.Errorf("%q, want %q", s.String(), want)
	}
}

var _ store.Store = (*fakeStore)(nil)

type panicSource struct{}

func (panicSource) Name() string { return "boom" }
func (panicSource) Each(context.Context, *Env, func(Job) bool) error {
	panic("parser fell over")
}

func TestRunSourcePanics(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", article(1, 4))
	rec := newRecorder()
	s, err := runSources(context.Background(), newFakeStore(), []Source{panicSource{}, mustOpen(t, dir)}, Options{Progress: rec})
	if err != nil {
		t.Fatal(err)
	}
	if s.New != 1 || s.Failed != 1 || !strings.Contains(rec.failures()["boom"], "parser fell over") {
		t.Errorf("summary %v, failures %v", s, rec.failures())
	}
}

func TestRunWARC(t *testing.T) {
	records, want := testWARC()
	dir := t.TempDir()
	writeFile(t, dir, "crawl/CC-NEWS-1.warc.gz", string(gzipEach(records)))
	st := newFakeStore()
	rec := newRecorder()
	for run := 0; run < 2; run++ {
		s, err := Run(context.Background(), st, []string{dir}, Options{Progress: rec})
		if err != nil {
			t.Fatal(err)
		}
		// Pages 1 and 8 are the same article.
		wantNew, wantAlready := int64(len(want)-1), int64(1)
		if run == 1 {
			wantNew, wantAlready = 0, int64(len(want))
		}
		if s.Read != int64(len(want)) || s.New != wantNew || s.Already != wantAlready || s.Failed != 0 {
			t.Errorf("run %d: %v; failures %v", run+1, s, rec.failures())
		}
	}
	if _, src := st.counts(); src != len(want) {
		t.Errorf("%d sources stored, want %d", src, len(want))
	}
	for _, it := range st.articles {
		if it.Doc.URL == nil || !strings.HasPrefix(*it.Doc.URL, "https://news.example.org/story/") {
			t.Errorf("article from %s has URL %v", it.Source, it.Doc.URL)
		}
	}
}

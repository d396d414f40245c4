package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/queue/queuetest"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// testLog is a logger into the test's log.
func testLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func openSQLite(t testing.TB) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// publish runs ingest.Publish over the inputs into the queue.
func publish(t testing.TB, cfg Config, hasSource func(context.Context, string) (bool, error), inputs ...string) ingest.Summary {
	t.Helper()
	ctx := context.Background()
	p, err := NewProducer(ctx, cfg, ProducerOptions{Logger: testLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	s, err := ingest.Publish(ctx, inputs, p, ingest.PublishOptions{HasSource: hasSource})
	if err != nil {
		t.Fatalf("publish: %v (%v)", err, s)
	}
	return s
}

func status(t testing.TB, cfg Config) *Status {
	t.Helper()
	q, err := Open(context.Background(), cfg)
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

// work runs a worker until the queue is drained.
func work(t testing.TB, cfg Config, st store.Store, opt WorkerOptions) WorkerStats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	opt.ExitWhenEmpty = true
	if opt.Logger == nil {
		opt.Logger = testLog(t)
	}
	w, err := NewWorker(ctx, cfg, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	s, err := w.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("the worker did not drain the queue in time: %v", s)
	}
	return s
}

func storeStats(t testing.TB, st store.Store) *store.Stats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPublishTwiceIsDeduplicated(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 25
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 2000)

	s := publish(t, cfg, nil, dir)
	if s.Read != n || s.New != n || s.Failed != 0 {
		t.Fatalf("first publish: %v", s)
	}
	s = publish(t, cfg, nil, dir)
	if s.Read != n || s.New != 0 || s.Already != n {
		t.Errorf("second publish: %v, want all %d already taken", s, n)
	}
	st := status(t, cfg)
	if !st.Exists || st.Jobs != n || st.LastSeq != n {
		t.Errorf("stream holds %d jobs (last seq %d), want %d", st.Jobs, st.LastSeq, n)
	}
	if st.Consumer != nil {
		t.Errorf("a consumer before any worker: %+v", st.Consumer)
	}
}

func TestWorkerStoresEachArticleOnce(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 60
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 3000)
	// Two files that cannot be articles: one empty, one binary.
	bad := t.TempDir()
	queuetest.WriteFile(t, bad, "empty.txt", "")
	publish(t, cfg, nil, dir, bad)
	publish(t, cfg, nil, dir) // again: de-duplicated

	st := openSQLite(t)
	ws := work(t, cfg, st, WorkerOptions{Batch: 8, Workers: 2})
	if ws.Stored != n || ws.Failed != 1 || ws.Already != 0 {
		t.Errorf("worker: %v, want %d stored and 1 failed", ws, n)
	}
	if s := storeStats(t, st); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d", s.Articles, s.Sources, n)
	}
	q := status(t, cfg)
	if q.Jobs != 0 || q.Consumer == nil || q.Consumer.Pending != 0 || q.Consumer.Unacked != 0 {
		t.Errorf("queue not empty: %+v %+v", q, q.Consumer)
	}

	// Published again with the store: nothing to publish.
	s := publish(t, cfg, st.HasSource, dir)
	if s.New != 0 || s.Already != n {
		t.Errorf("publish of a stored directory: %v", s)
	}
}

// TestWorkerSkipsStoredJobs publishes jobs whose sources the store has
// (as after a crash between commit and acknowledgement): they are
// acknowledged without storing anything again.
func TestWorkerSkipsStoredJobs(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 12
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 1500)
	st := openSQLite(t)
	if _, err := ingest.Run(context.Background(), st, []string{dir}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	publish(t, cfg, nil, dir)
	ws := work(t, cfg, st, WorkerOptions{})
	if ws.Already != n || ws.Stored != 0 {
		t.Errorf("worker: %v, want all %d already stored", ws, n)
	}
	if s := storeStats(t, st); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources", s.Articles, s.Sources)
	}
}

func TestWorkerStopsGracefully(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 150
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 4000)
	publish(t, cfg, nil, dir)
	st := openSQLite(t)

	ctx, cancel := context.WithCancel(context.Background())
	w, err := NewWorker(ctx, cfg, st, WorkerOptions{Batch: 8, Logger: testLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for storeStats(t, st).Articles < 10 {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	done := make(chan WorkerStats)
	go func() {
		s, err := w.Run(ctx)
		if err != nil {
			t.Error(err)
		}
		done <- s
	}()
	var ws WorkerStats
	select {
	case ws = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the worker did not stop")
	}
	w.Close()
	q := status(t, cfg)
	stored := storeStats(t, st).Articles
	if q.Consumer.Unacked != 0 || ws.Returned != 0 {
		t.Errorf("after the stop %d jobs are unacknowledged, %d handed back", q.Consumer.Unacked, ws.Returned)
	}
	if stored >= n || int64(q.Jobs) != n-stored || ws.Stored != stored {
		t.Errorf("stopped with %d stored (worker says %d) and %d jobs in the queue, of %d", stored, ws.Stored, q.Jobs, n)
	}
	t.Logf("stopped after %d of %d", stored, n)

	ws = work(t, cfg, st, WorkerOptions{})
	if s := storeStats(t, st); s.Articles != n || s.Sources != n || ws.Stored != n-stored {
		t.Errorf("after the rerun the store holds %d articles and %d sources (worker %v)", s.Articles, s.Sources, ws)
	}
}

// flakyStore fails every Put (and HasSource, as a store that is down)
// while down is set, and refuses the articles whose source key holds
// refuse.
type flakyStore struct {
	store.Store
	down   atomic.Bool
	refuse string
	puts   atomic.Int64
}

var errDown = errors.New("connection refused")

func (f *flakyStore) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	f.puts.Add(1)
	if f.down.Load() {
		return nil, errDown
	}
	for _, it := range items {
		if f.refuse != "" && strings.Contains(it.SourceKey, f.refuse) {
			return nil, fmt.Errorf("constraint violated by %s", it.Source)
		}
	}
	return f.Store.Put(ctx, items)
}

func (f *flakyStore) HasSource(ctx context.Context, key string) (bool, error) {
	if f.down.Load() {
		return false, errDown
	}
	return f.Store.HasSource(ctx, key)
}

func TestWorkerRetriesStoreWithBackoff(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 20
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 1500)
	publish(t, cfg, nil, dir)
	st := &flakyStore{Store: openSQLite(t)}
	st.down.Store(true)
	go func() {
		for st.puts.Load() < 4 {
			time.Sleep(10 * time.Millisecond)
		}
		st.down.Store(false) // the store is back
	}()
	ws := work(t, cfg, st, WorkerOptions{Batch: 32, RetryMax: 200 * time.Millisecond})
	if ws.Stored != n || ws.StoreErrors < 3 || ws.Failed != 0 || ws.Returned != 0 {
		t.Errorf("worker: %v (%d store errors)", ws, ws.StoreErrors)
	}
	if s := storeStats(t, st); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources", s.Articles, s.Sources)
	}
}

func TestWorkerHandsBackRefusedArticles(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL, MaxDeliver: 2}
	const n = 10
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 1500)
	publish(t, cfg, nil, dir)
	st := &flakyStore{Store: openSQLite(t), refuse: "0003.txt"}
	ws := work(t, cfg, st, WorkerOptions{Batch: 32, RetryMax: 50 * time.Millisecond, RefusedDelay: 100 * time.Millisecond})
	// 0003.txt: handed back once, failed on its second and last delivery.
	if ws.Stored != n-1 || ws.Failed != 1 || ws.Returned != 1 || ws.Redelivered != 1 {
		t.Errorf("worker: %v", ws)
	}
	if s := storeStats(t, st); s.Articles != n-1 {
		t.Errorf("store holds %d articles", s.Articles)
	}
	if q := status(t, cfg); q.Jobs != 0 {
		t.Errorf("%d jobs left", q.Jobs)
	}
}

// TestWorkerTerminatesBadJobs publishes messages that are not jobs.
func TestWorkerTerminatesBadJobs(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	ctx := context.Background()
	q, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if _, err := q.EnsureStream(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q.js.Publish(ctx, "sitrep.jobs.article", []byte("no headers")); err != nil {
		t.Fatal(err)
	}
	m := nats.NewMsg("sitrep.jobs.article")
	m.Header.Set(hdrKey, "k")
	m.Header.Set(hdrEncoding, "gzip")
	m.Data = []byte("not gzip")
	if _, err := q.js.PublishMsg(ctx, m); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil))
	ws := work(t, cfg, openSQLite(t), WorkerOptions{Logger: log})
	if ws.Failed != 2 || ws.Redelivered != 0 {
		t.Errorf("worker: %v", ws)
	}
	if s := status(t, cfg); s.Jobs != 0 {
		t.Errorf("%d jobs left", s.Jobs)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "no Sitrep-Source-Key") || !strings.Contains(logs.String(), "gzip") {
		t.Errorf("log:\n%s", logs.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestPublishTooLarge(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	dir := t.TempDir()
	// 3 MB of text that does not compress: over the default 1 MB max_payload.
	var b strings.Builder
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "%x ", uint64(i)*0x9E3779B97F4A7C15)
	}
	queuetest.WriteFile(t, dir, "huge.txt", b.String())
	queuetest.WriteFile(t, dir, "small.txt", queuetest.Article(1, 1000))
	p, err := NewProducer(context.Background(), cfg, ProducerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var fails []string
	prog := &recordFails{fails: &fails}
	s, err := ingest.Publish(context.Background(), []string{dir}, p, ingest.PublishOptions{Progress: prog})
	if err != nil || s.New != 1 || s.Failed != 1 {
		t.Fatalf("publish: %v, %v", s, err)
	}
	if len(fails) != 1 || !strings.Contains(fails[0], "huge.txt") || !strings.Contains(fails[0], "max_payload") {
		t.Errorf("failures: %q", fails)
	}
}

type recordFails struct {
	mu    sync.Mutex
	fails *[]string
}

func (r *recordFails) Start(*ingest.Counters) {}
func (r *recordFails) Stop()                  {}
func (r *recordFails) Fail(name string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	*r.fails = append(*r.fails, name+": "+err.Error())
}

// TestPublishAcrossServerRestart restarts the server while jobs are being
// published: the producer retries, and every job is in the stream once.
func TestPublishAcrossServerRestart(t *testing.T) {
	t.Run("SIGTERM", func(t *testing.T) { testPublishAcrossRestart(t, (*queuetest.Server).Restart) })
	t.Run("SIGKILL", func(t *testing.T) { testPublishAcrossRestart(t, (*queuetest.Server).Crash) })
}

func testPublishAcrossRestart(t *testing.T, restart func(*queuetest.Server)) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 400
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 3000)
	ctx := context.Background()
	p, err := NewProducer(ctx, cfg, ProducerOptions{Logger: testLog(t), MaxPending: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	// About 2.5 s of publishing, with the restart a quarter of the way in.
	slow := &slowPublisher{Producer: p, every: 4, pause: 25 * time.Millisecond}
	var restartedAt time.Time
	restarted := make(chan struct{})
	go func() {
		defer close(restarted)
		for slow.n.Load() < n/4 {
			time.Sleep(time.Millisecond)
		}
		restart(srv)
		restartedAt = time.Now()
	}()
	s, err := ingest.Publish(ctx, []string{dir}, slow, ingest.PublishOptions{})
	end := time.Now()
	<-restarted
	if err != nil {
		t.Fatalf("publish: %v (%v)", err, s)
	}
	if !restartedAt.Before(end) {
		t.Fatalf("the server came back only after the publishing ended; nothing is tested")
	}
	if s.Read != n || s.New+s.Already != n || s.Failed != 0 {
		t.Errorf("publish: %v", s)
	}
	st := status(t, cfg)
	if st.Jobs != n {
		t.Errorf("the stream holds %d jobs, want %d", st.Jobs, n)
	}
	t.Logf("published %v with %d retries; stream %d jobs, last seq %d", s, p.Retries(), st.Jobs, st.LastSeq)
}

// slowPublisher pauses every so many jobs, so that a restart falls in the
// middle of a run.
type slowPublisher struct {
	*Producer
	n     atomic.Int64
	every int64
	pause time.Duration
}

func (s *slowPublisher) Publish(ctx context.Context, j ingest.Job, done func(error)) error {
	if s.n.Add(1)%s.every == 0 {
		time.Sleep(s.pause)
	}
	return s.Producer.Publish(ctx, j, done)
}

// TestWorkerAcrossServerRestart kills the server while a worker works:
// the worker reconnects and goes on; the jobs whose acknowledgement was
// lost come again after AckWait and are found stored.
func TestWorkerAcrossServerRestart(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL, AckWait: 3 * time.Second}
	const n = 200
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 2000)
	publish(t, cfg, nil, dir)
	st := openSQLite(t)
	go func() {
		for storeStats(t, st).Articles < 30 {
			time.Sleep(5 * time.Millisecond)
		}
		srv.Crash()
	}()
	ws := work(t, cfg, st, WorkerOptions{Batch: 8})
	if s := storeStats(t, st); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d", s.Articles, s.Sources, n)
	}
	if ws.Stored != n || ws.Failed != 0 {
		t.Errorf("worker: %v", ws)
	}
	t.Logf("worker: %v (ack errors %d)", ws, ws.AckErrors)
}

// TestWorkersPostgres runs two workers, each with a store connection of
// its own, into one PostgreSQL database.
func TestWorkersPostgres(t *testing.T) {
	dsn := queuetest.Postgres(t)
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 80
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 2000)
	publish(t, cfg, nil, dir)
	publish(t, cfg, nil, dir)
	var wg sync.WaitGroup
	stats := make([]WorkerStats, 2)
	for i := range stats {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		wg.Go(func() { stats[i] = work(t, cfg, st, WorkerOptions{Batch: 8, Workers: 1}) })
	}
	wg.Wait()
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if s := storeStats(t, st); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d", s.Articles, s.Sources, n)
	}
	if stats[0].Stored+stats[1].Stored != n || stats[0].Stored == 0 || stats[1].Stored == 0 {
		t.Errorf("workers: %v; %v", stats[0], stats[1])
	}
}

// TestWorkerPostgresConnectionsDropped terminates the worker's PostgreSQL
// connections again and again while it stores: the store and the worker
// retry, and every article is stored once.
func TestWorkerPostgresConnectionsDropped(t *testing.T) {
	dsn := queuetest.Postgres(t)
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL}
	const n = 200
	dir := queuetest.WriteArticles(t, t.TempDir(), n, 2000)
	publish(t, cfg, nil, dir)
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stop := make(chan struct{})
	var killed atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for storeStats(t, st).Articles < 20 {
			time.Sleep(5 * time.Millisecond)
		}
		for {
			select {
			case <-stop:
				return
			case <-time.After(150 * time.Millisecond):
			}
			admin, err := pgx.Connect(context.Background(), dsn)
			if err != nil {
				t.Error(err)
				return
			}
			var k int64
			err = admin.QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`).Scan(&k)
			admin.Close(context.Background())
			if err != nil {
				t.Logf("terminating connections: %v", err)
				continue
			}
			killed.Add(k)
		}
	})
	ws := work(t, cfg, st, WorkerOptions{Batch: 8, RetryMax: 500 * time.Millisecond})
	close(stop)
	wg.Wait()
	if killed.Load() == 0 {
		t.Fatal("no connection was terminated; nothing is tested")
	}
	// Counted on a fresh connection: the pool's idle ones may have been
	// terminated last.
	fresh, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if s := storeStats(t, fresh); s.Articles != n || s.Sources != n {
		t.Errorf("store holds %d articles and %d sources, want %d", s.Articles, s.Sources, n)
	}
	if ws.Failed != 0 || ws.Stored != n {
		t.Errorf("worker: %v", ws)
	}
	t.Logf("%d connections terminated; worker %v, %d store errors", killed.Load(), ws, ws.StoreErrors)
}

// TestDeadLetterAndMetrics lets a job run out of deliveries, as one that
// crashes every worker that takes it would: the worker logs the server's
// advisory, and the job stays in the stream. The metrics count the jobs.
func TestDeadLetterAndMetrics(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := Config{URL: srv.URL, MaxDeliver: 2, AckWait: time.Second}
	dir := queuetest.WriteArticles(t, t.TempDir(), 3, 1000)
	publish(t, cfg, nil, dir)
	var logs bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil))
	ctx := context.Background()
	w, err := NewWorker(ctx, cfg, openSQLite(t), WorkerOptions{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	// A worker that dies holding the first job, twice.
	for range 2 {
		b, err := w.cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		for range b.Messages() {
		}
		time.Sleep(1500 * time.Millisecond) // AckWait passes
	}
	// A worker that lives: the server gives up on the first job when the
	// worker asks for jobs; the advisory is logged.
	dead := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return strings.Contains(logs.String(), "dead letter")
	}
	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	go func() {
		for w.c.stored.Load() < 2 || !dead() {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	ws, err := w.Run(rctx)
	if err != nil || ws.Stored != 2 || !dead() {
		mu.Lock()
		t.Errorf("worker: %v, %v; log:\n%s", ws, err, logs.String())
		mu.Unlock()
	}
	s := status(t, cfg)
	if s.Jobs != 1 || s.Consumer.Pending != 0 || s.Consumer.Unacked != 0 {
		t.Errorf("queue: %d jobs, %+v; want the dead letter alone", s.Jobs, s.Consumer)
	}

	rec := httptest.NewRecorder()
	w.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{`sitrep_worker_jobs_total{result="stored"} 2`, `sitrep_worker_jobs_total{result="failed"} 0`,
		"sitrep_worker_jobs_in_flight 0", "sitrep_queue_jobs_pending", "go_goroutines"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, rec.Body.String())
		}
	}
}

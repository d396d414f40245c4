package main

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue/queuetest"
	"github.com/sitrep/sitrep/internal/store"
)

// benchQueueArticles is how many articles one run of BenchmarkWorkers
// ingests.
const benchQueueArticles = 600

// BenchmarkWorkers measures ingest through the queue with the built binary
// and a real nats-server: 600 generated plain-text articles of about 5 KB
// are published with 'sitrep ingest --queue', then 1 or 2 'sitrep worker'
// processes (each extracting on every core) store them into SQLite, and
// into PostgreSQL when there is one; 'ingest' is plain 'sitrep ingest --db'
// of the same directory into SQLite, for comparison. It reports:
//
//	articles/s         articles over the time from the processes' start until the store holds them all
//	steady_articles/s  the same from 10% to 100% stored (without process start-up and warm-up)
//	publish_jobs/s     jobs published a second by 'sitrep ingest --queue'
//	peak_RSS_MB        the largest peak resident set of one process (getrusage's ru_maxrss: the VmHWM of /proc/PID/status at exit)
//
//	go test -run=^$ -bench=BenchmarkWorkers -benchtime=1x ./cmd/sitrep/
func BenchmarkWorkers(b *testing.B) {
	bin := buildBinary(b)
	dir := queuetest.WriteArticles(b, filepath.Join(b.TempDir(), "articles"), benchQueueArticles, 5000)
	sqliteDB := func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }
	b.Run("ingest/sqlite", func(b *testing.B) {
		benchProcesses(b, bin, func(b *testing.B) (string, [][]string) {
			db := sqliteDB(b)
			return db, [][]string{{"ingest", "--db", db, dir}}
		})
	})
	for _, backend := range []struct {
		name string
		db   func(b *testing.B) string
	}{
		{"sqlite", sqliteDB},
		{"postgres", func(b *testing.B) string {
			dsn := queuetest.Postgres(b)
			st, err := openStore(context.Background(), dsn)
			if err != nil {
				b.Skipf("the command line does not open PostgreSQL stores yet: %v", err)
			}
			st.Close()
			return dsn
		}},
	} {
		for _, n := range []int{1, 2} {
			b.Run(fmt.Sprintf("workers=%d/%s", n, backend.name), func(b *testing.B) {
				var publishing time.Duration
				benchProcesses(b, bin, func(b *testing.B) (string, [][]string) {
					// A server of its own for each run: the stream
					// would drop the jobs of a second run as duplicates.
					srv := queuetest.Start(b)
					start := time.Now()
					if code, out := runBin(b, bin, "ingest", "--queue", srv.URL, dir); code != 0 {
						b.Fatalf("ingest --queue: exit %d\n%s", code, out)
					}
					publishing += time.Since(start)
					db := backend.db(b)
					var cmds [][]string
					for range n {
						cmds = append(cmds, []string{"worker", "--queue", srv.URL, "--db", db, "--exit-when-empty"})
					}
					return db, cmds
				})
				b.ReportMetric(float64(b.N*benchQueueArticles)/publishing.Seconds(), "publish_jobs/s")
			})
		}
	}
}

// benchProcesses runs b.N times the processes that setup gives for a
// fresh store (setup is not timed), and reports the rates and the peak
// memory.
func benchProcesses(b *testing.B, bin string, setup func(*testing.B) (db string, cmds [][]string)) {
	var total, steady time.Duration
	var peakKB int64
	for range b.N {
		b.StopTimer()
		db, cmds := setup(b)
		st, err := openStore(context.Background(), db) // made before the processes, read while they run
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		began := time.Now()
		var procs []*proc
		for _, args := range cmds {
			procs = append(procs, start(b, bin, args...))
		}
		t10, t100 := waitAll(b, st, benchQueueArticles, procs)
		b.StopTimer()
		total += t100.Sub(began)
		steady += t100.Sub(t10)
		for _, p := range procs {
			if code := p.wait(b, 5*time.Minute); code != 0 {
				b.Fatalf("%v: exit %d\n%s", p.cmd.Args[1:], code, p.Output())
			}
			if ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peakKB = max(peakKB, ru.Maxrss) // KB on Linux: the VmHWM at exit
			}
		}
		s, err := st.Stats(context.Background())
		st.Close()
		if err != nil || s.Articles != benchQueueArticles || s.Sources != benchQueueArticles {
			b.Fatalf("store: %+v, %v", s, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*benchQueueArticles)/total.Seconds(), "articles/s")
	b.ReportMetric(float64(b.N*benchQueueArticles)*0.9/steady.Seconds(), "steady_articles/s")
	b.ReportMetric(float64(peakKB)/1024, "peak_RSS_MB")
}

// waitAll polls the store until it holds n articles and returns when it
// held a tenth of them and all.
func waitAll(b *testing.B, st store.Store, n int64, procs []*proc) (t10, t100 time.Time) {
	deadline := time.Now().Add(10 * time.Minute)
	for time.Now().Before(deadline) {
		s, err := st.Stats(context.Background())
		if err == nil {
			if t10.IsZero() && s.Articles >= n/10 {
				t10 = time.Now()
			}
			if s.Articles >= n {
				return t10, time.Now()
			}
		}
		ended := 0
		for _, p := range procs {
			select {
			case <-p.done:
				ended++
				if p.cmd.ProcessState.ExitCode() != 0 {
					b.Fatalf("%v: exit %d\n%s", p.cmd.Args[1:], p.cmd.ProcessState.ExitCode(), p.Output())
				}
			default:
			}
		}
		if ended == len(procs) {
			if s, err := st.Stats(context.Background()); err == nil && s.Articles >= n {
				return t10, time.Now()
			}
			b.Fatalf("the processes ended before the store held %d articles:\n%s", n, procs[0].Output())
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.Fatalf("the store did not reach %d articles", n)
	return
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"runtime"
	"time"

	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/store"
)

const workerExamples = `  sitrep worker --queue nats://127.0.0.1:4222 --db postgres://sitrep@db.internal/sitrep
  sitrep worker --queue nats://queue.internal:4222 --db news.db --batch 32 --workers 4
  sitrep worker --db news.db --exit-when-empty           # drain the queue, then stop
  sitrep worker --db news.db --metrics-addr 127.0.0.1:9464   # Prometheus metrics at /metrics

Jobs come from 'sitrep ingest --queue URL PATH...'. Run any number of workers,
on any machines, against the same queue and store. SIGTERM or Ctrl-C: stop
fetching, store and acknowledge the jobs held, exit 0; a second one exits at
once (the jobs held come again after the ack wait).
`

// runWorker pulls jobs from the queue, extracts their articles and stores
// them, until SIGINT or SIGTERM (or, with --exit-when-empty, until the
// queue is drained).
func runWorker(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("worker", "sitrep worker [--queue URL] [--db DSN] [flags]", workerExamples, stderr)
	queueURL := fs.String("queue", queue.DefaultURL, "the NATS JetStream server: nats://HOST:PORT (several: comma-separated)")
	db := fs.String("db", "sitrep.db", "the store: a SQLite file, sqlite://PATH, or postgres://...")
	batch := fs.Int("batch", queue.DefaultBatch, "jobs fetched at once, and most articles stored in one transaction")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles extracted at once; the default is one per core")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics at http://`HOST:PORT`/metrics")
	exitEmpty := fs.Bool("exit-when-empty", false, "stop once no job is waiting or being worked on")
	logEvery := fs.Duration("log-every", queue.DefaultLogEvery, "interval of the progress lines in the log")
	ackWait := fs.Duration("ack-wait", queue.DefaultAckWait, "how long a job may be held without a word before the queue gives it to another worker (the consumer's setting: give every worker the same)")
	rest, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "sitrep worker: unexpected argument %q (see sitrep worker -h)\n", rest[0])
		return 2
	}
	if *batch < 1 || *workers < 1 {
		fmt.Fprintln(stderr, "sitrep worker: --batch and --workers must be at least 1")
		return 2
	}
	if *logEvery <= 0 || *ackWait < time.Second {
		fmt.Fprintln(stderr, "sitrep worker: --log-every must be positive and --ack-wait at least 1s")
		return 2
	}
	if err := queue.CheckURL(*queueURL); err != nil {
		fmt.Fprintf(stderr, "sitrep worker: %v\n", err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), ingestSignals...)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal kills
	}()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep worker: %v\n", err)
		return 1
	}
	defer st.Close()
	w, err := queue.NewWorker(ctx, queue.Config{URL: *queueURL, AckWait: *ackWait}, st, queue.WorkerOptions{
		Batch:         *batch,
		Workers:       *workers,
		ExitWhenEmpty: *exitEmpty,
		LogEvery:      *logEvery,
		Logger:        log,
	})
	if err != nil {
		fmt.Fprintf(stderr, "sitrep worker: %v\n", err)
		return 1
	}
	defer w.Close()
	if *metricsAddr != "" {
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			fmt.Fprintf(stderr, "sitrep worker: --metrics-addr: %v\n", err)
			return 1
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", w.MetricsHandler())
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	}
	cfg := w.Queue().Config()
	log.Info("worker started", "queue", queue.Redact(cfg.URL), "stream", cfg.Stream, "consumer", cfg.Consumer,
		"db", redactDSN(*db), "batch", *batch, "workers", *workers)
	if _, err := w.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "sitrep worker: %v\n", err)
		return 1
	}
	return 0
}

// publishArgs are the flags of 'sitrep ingest --queue'.
type publishArgs struct {
	queue   string
	db      string // "" : nothing is skipped
	inputs  []string
	workers int
	fetch   fetch.Options
	strict  bool
}

// runPublish is 'sitrep ingest --queue': the inputs are read as ingest
// reads them, and each article is published as a job for the workers.
// With --db, inputs whose source the store has are skipped.
func runPublish(a publishArgs, stderr io.Writer) int {
	if err := queue.CheckURL(a.queue); err != nil {
		fmt.Fprintf(stderr, "sitrep ingest: --queue: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), ingestSignals...)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal kills
	}()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	var hasSource func(context.Context, string) (bool, error)
	var st store.Store
	if a.db != "" {
		var err error
		st, err = openStore(ctx, a.db)
		if err != nil {
			fmt.Fprintf(stderr, "sitrep: %v\n", err)
			return 1
		}
		defer st.Close()
		hasSource = st.HasSource
	}
	p, err := queue.NewProducer(ctx, queue.Config{URL: a.queue}, queue.ProducerOptions{Logger: log})
	if err != nil {
		fmt.Fprintf(stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	defer p.Close()
	s, runErr := ingest.Publish(ctx, a.inputs, p, ingest.PublishOptions{
		Loaders:   max(4, 2*a.workers),
		Fetch:     a.fetch,
		HasSource: hasSource,
		Progress:  progressFor(stderr),
	})
	cfg := p.Queue().Config()
	what := "sitrep ingest"
	if s.Interrupted {
		what += ": interrupted"
	}
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Read) / s.Elapsed.Seconds()
	}
	fmt.Fprintf(stderr, "%s: read %d, published %d jobs to %s (stream %s), already stored or queued %d, failed %d, in %v (%.1f jobs/s)\n",
		what, s.Read, s.New, queue.Redact(cfg.URL), cfg.Stream, s.Already, s.Failed, s.Elapsed.Round(time.Millisecond), rate)
	switch {
	case runErr != nil:
		fmt.Fprintf(stderr, "sitrep ingest: %v\n", runErr)
		return 1
	case s.Interrupted:
		return 130
	case a.strict && s.Failed > 0:
		return 1
	}
	return 0
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/ingest"
)

const ingestExamples = `  sitrep ingest articles/                          # .txt, .html, .jsonl, .warc(.gz) files, recursively
  sitrep ingest --db news.db CC-NEWS-20240501.warc.gz
  sitrep ingest https://example.org/world/rss.xml   # a feed: each item's page is fetched
  sitrep ingest https://example.org/news/story.html
  sitrep ingest --strict dump.jsonl && echo "all stored"
  sitrep ingest --queue nats://127.0.0.1:4222 articles/   # publish jobs for 'sitrep worker'
`

// ingestSignals stop a run: the batch in flight is stored first. A second
// signal ends the process at once.
var ingestSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

func runIngest(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("ingest", "sitrep ingest [flags] PATH|URL|FEED ...", ingestExamples, stderr)
	db := fs.String("db", "sitrep.db", "the store: a SQLite `FILE` (or sqlite://PATH), or a postgres://USER@HOST/DB DSN")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles extracted at once; the default is one per core")
	batch := fs.Int("batch", ingest.DefaultBatch, "most articles stored in one transaction")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching URLs on loopback and private addresses")
	strict := fs.Bool("strict", false, "exit 1 when any input fails")
	timeout := fs.Duration("timeout", fetch.DefaultTimeout, "time limit for fetching one URL, feed or feed item")
	queueURL := fs.String("queue", "", "publish the articles as jobs to this NATS JetStream `URL` (nats://HOST:PORT) for sitrep worker, instead of storing them; with --db, inputs already stored are skipped")
	inputs, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "sitrep ingest: give a PATH, URL or FEED (see sitrep ingest -h)")
		return 2
	}
	if *workers < 1 || *batch < 1 {
		fmt.Fprintln(stderr, "sitrep ingest: --workers and --batch must be at least 1")
		return 2
	}
	if *timeout <= 0 {
		fmt.Fprintln(stderr, "sitrep ingest: --timeout must be positive")
		return 2
	}

	if *queueURL != "" {
		a := publishArgs{queue: *queueURL, inputs: inputs, workers: *workers, strict: *strict,
			fetch: fetch.Options{Timeout: *timeout, AllowPrivate: *allowPrivate}}
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "db" {
				a.db = *db
			}
		})
		return runPublish(a, stderr)
	}

	ctx, stop := signal.NotifyContext(context.Background(), ingestSignals...)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal kills
	}()

	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep: %v\n", err)
		return 1
	}
	s, runErr := ingest.Run(ctx, st, inputs, ingest.Options{
		Workers:  *workers,
		Batch:    *batch,
		Fetch:    fetch.Options{Timeout: *timeout, AllowPrivate: *allowPrivate},
		Progress: progressFor(stderr),
	})
	closeErr := st.Close()
	if s.Interrupted {
		fmt.Fprintf(stderr, "sitrep ingest: interrupted: %v\n", s)
	} else {
		fmt.Fprintf(stderr, "sitrep ingest: %v\n", s)
	}
	switch {
	case runErr != nil:
		fmt.Fprintf(stderr, "sitrep: %s: %v\n", *db, runErr)
		return 1
	case closeErr != nil:
		fmt.Fprintf(stderr, "sitrep: %s: %v\n", *db, closeErr)
		return 1
	case s.Interrupted:
		return 130
	case *strict && s.Failed > 0:
		return 1
	}
	return 0
}

// progressFor shows a progress bar when stderr is a terminal, and logs the
// counts every few seconds otherwise.
func progressFor(stderr io.Writer) ingest.Progress {
	if isTerminalWriter(stderr) {
		return ingest.NewBar(stderr)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return ingest.NewLog(logger, 5*time.Second, stderr)
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/store"
)

const statusExamples = `  sitrep status                                   # the queue on nats://127.0.0.1:4222
  sitrep status --queue nats://queue.internal:4222 --db postgres://sitrep@db.internal/sitrep
  sitrep status --json --db news.db | jq .queue.consumer.pending
  watch -n 5 sitrep status --db news.db

Jobs waiting is the lag: jobs published and not yet delivered to any worker.
`

// statusReport is what 'sitrep status --json' prints.
type statusReport struct {
	Queue *queue.Status `json:"queue"`
	Store *store.Stats  `json:"store,omitempty"`
}

// runStatus prints the queue's counts — jobs waiting, being worked on,
// redelivered — and, with --db, what the store holds.
func runStatus(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("status", "sitrep status [--queue URL] [--db DSN] [--json]", statusExamples, stderr)
	queueURL := fs.String("queue", queue.DefaultURL, "the NATS JetStream server: nats://HOST:PORT")
	db := fs.String("db", "", "also count what the store holds: a SQLite file, sqlite://PATH, or postgres://...")
	asJSON := fs.Bool("json", false, "print one JSON object")
	rest, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "sitrep status: unexpected argument %q (see sitrep status -h)\n", rest[0])
		return 2
	}
	if err := queue.CheckURL(*queueURL); err != nil {
		fmt.Fprintf(stderr, "sitrep status: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), ingestSignals...)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	q, err := queue.Open(ctx, queue.Config{URL: *queueURL, Name: "sitrep status"})
	if err != nil {
		fmt.Fprintf(stderr, "sitrep status: %v\n", err)
		return 1
	}
	defer q.Close()
	rep := statusReport{}
	if rep.Queue, err = q.Status(ctx); err != nil {
		fmt.Fprintf(stderr, "sitrep status: %v\n", err)
		return 1
	}
	if *db != "" {
		st, err := openStore(ctx, *db)
		if err != nil {
			fmt.Fprintf(stderr, "sitrep status: %v\n", err)
			return 1
		}
		rep.Store, err = st.Stats(ctx)
		st.Close()
		if err != nil {
			fmt.Fprintf(stderr, "sitrep status: %s: %v\n", redactDSN(*db), err)
			return 1
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return 1
		}
		return 0
	}
	printStatus(stdout, rep, redactDSN(*db))
	return 0
}

func printStatus(w io.Writer, rep statusReport, db string) {
	s := rep.Queue
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "queue\t%s, stream %s\n", s.Server, s.Stream)
	if !s.Exists {
		fmt.Fprintf(tw, "  \tno stream yet: nothing was published and no worker has started\n")
	} else {
		fmt.Fprintf(tw, "  jobs in the stream\t%d\t(%s; %d published since the stream was made)\n", s.Jobs, bytesText(s.Bytes), s.LastSeq)
		if c := s.Consumer; c == nil {
			fmt.Fprintf(tw, "  \tno worker has started yet: all %d jobs are waiting\n", s.Jobs)
		} else {
			fmt.Fprintf(tw, "  waiting for a worker\t%d\t(the lag; consumer %s)\n", c.Pending, c.Name)
			fmt.Fprintf(tw, "  being worked on\t%d\t(delivered, not yet acknowledged; ack wait %v)\n", c.Unacked, c.AckWait)
			fmt.Fprintf(tw, "  redelivered\t%d\t(being worked on again, at most %d deliveries)\n", c.Redelivered, c.MaxDeliver)
			fmt.Fprintf(tw, "  workers waiting\t%d\t(fetches waiting for jobs)\n", c.Waiting)
		}
	}
	if st := rep.Store; st != nil {
		fmt.Fprintf(tw, "store\t%s\n", db)
		fmt.Fprintf(tw, "  articles\t%d\t(%d near-duplicates)\n", st.Articles, st.Duplicates)
		fmt.Fprintf(tw, "  sources\t%d\n", st.Sources)
		fmt.Fprintf(tw, "  events\t%d\t(%d reports)\n", st.Events, st.Reports)
		fmt.Fprintf(tw, "  entities\t%d\n", st.Entities)
		fmt.Fprintf(tw, "  quotes\t%d\n", st.Quotes)
		fmt.Fprintf(tw, "  claims\t%d\n", st.Claims)
	}
	tw.Flush()
}

func bytesText(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

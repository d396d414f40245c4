package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/samples"
)

const demoExamples = `  sitrep demo                                  # then open http://127.0.0.1:8080
  sitrep demo --addr 127.0.0.1:9090 --db demo.db
  sitrep demo --no-serve --out - | jq -r .title
`

// runDemo is the first thing to run on a fresh machine: it extracts the
// sample articles bundled into the binary (package samples: several outlets'
// reports of the same days, written for sitrep), writes their documents as
// JSON Lines to --out, prints a summary table, stores them in a store —
// a temporary SQLite file unless --db names one — so that reports of the
// same event fuse and conflicting figures sit side by side, and serves the
// API and the page over it until interrupted (--no-serve stops before).
// It needs no input files and no network.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fset := newFlags("demo", "sitrep demo [flags]", demoExamples, stderr)
	out := fset.String("out", "sitrep-demo.jsonl", "write the documents as JSON Lines to `FILE`; - for standard output")
	db := fset.String("db", "", "store the articles in this SQLite `FILE` or postgres:// DSN (default: a temporary SQLite file, removed at exit)")
	addr := fset.String("addr", "127.0.0.1:8080", "serve the API and the page on `HOST:PORT`")
	webDir := fset.String("web", "", "serve the page built in `DIR` (default: web/dist, found from the working directory; build it with make web)")
	noServe := fset.Bool("no-serve", false, "stop after storing the articles")
	rest, err := parseInterleaved(fset, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "sitrep demo: takes no arguments, got %q (see sitrep demo -h)\n", rest)
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "sitrep demo: --out is empty; give a file name or - for standard output")
		return 2
	}

	// Progress goes to stderr as log lines; the table goes to stdout unless
	// the documents do.
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	summary := stdout
	if *out == "-" {
		summary = stderr
	}

	// Open the output first, so that a bad --out fails before any work.
	dest, w := "standard output", stdout
	var file *os.File
	if *out != "-" {
		if file, err = os.Create(*out); err != nil {
			fmt.Fprintf(stderr, "sitrep demo: %v\n", err)
			return 1
		}
		defer file.Close() // a second Close after the checked one is harmless
		dest, w = *out, file
	}

	names := samples.Articles()
	var jsonl bytes.Buffer
	var docs []demoRow
	failed := 0
	for i, name := range names {
		d, err := demoExtract(name)
		if err != nil {
			fmt.Fprintf(stderr, "sitrep demo: %s: %v\n", name, err)
			failed++
			continue
		}
		if err := writeJSON(&jsonl, d, false); err != nil {
			fmt.Fprintf(stderr, "sitrep demo: %s: %v\n", name, err)
			failed++
			continue
		}
		docs = append(docs, demoRow{name, d})
		log.LogAttrs(context.Background(), slog.LevelInfo, "extracted",
			slog.String("n", fmt.Sprintf("%d/%d", i+1, len(names))), slog.String("article", name))
	}

	_, err = w.Write(jsonl.Bytes())
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "sitrep demo: write %s: %v\n", dest, err)
		return 1
	}

	printDemoTable(summary, docs)
	fmt.Fprintf(summary, "\n%d of %d sample articles extracted; documents written to %s\n", len(docs), len(names), dest)
	if failed > 0 {
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	path := *db
	if path == "" {
		dir, err := os.MkdirTemp("", "sitrep-demo-")
		if err != nil {
			fmt.Fprintf(stderr, "sitrep demo: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "sitrep.db")
	}
	st, err := openStore(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep demo: %v\n", err)
		return 1
	}
	defer st.Close()
	items := make([]store.Item, len(docs))
	for i, r := range docs {
		items[i] = store.Item{Doc: r.doc, Source: "samples/" + r.name, SourceKey: "samples/" + r.name + "@" + r.doc.ID}
	}
	if _, err := st.Put(ctx, items); err != nil {
		fmt.Fprintf(stderr, "sitrep demo: store: %v\n", err)
		return 1
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep demo: store: %v\n", err)
		return 1
	}
	fmt.Fprintf(summary, "stored in %s: %d articles (%d near-duplicates), %d events from %d reports, %d figure claims, %d quotes, %d entities\n",
		path, stats.Articles, stats.Duplicates, stats.Events, stats.Reports, stats.Claims, stats.Quotes, stats.Entities)
	if *noServe {
		return 0
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep demo: %v (choose another address with --addr)\n", err)
		return 1
	}
	fmt.Fprintf(summary, "\nserving the page and the API on http://%s/ — press Ctrl-C to stop\n", ln.Addr())
	if err := serveSite(ctx, ln, st, "", *webDir, log); err != nil {
		fmt.Fprintf(stderr, "sitrep demo: %v\n", err)
		return 1
	}
	return 0
}

// demoExtract extracts one bundled sample article.
func demoExtract(name string) (*document.Document, error) {
	b, err := fs.ReadFile(samples.FS, name)
	if err != nil {
		return nil, err
	}
	return extract.Extract(b, extract.Options{Meta: reader.Meta{Name: name}})
}

type demoRow struct {
	name string
	doc  *document.Document
}

// printDemoTable writes one aligned line per document.
func printDemoTable(w io.Writer, rows []demoRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tOUTLET\tPUBLISHED\tTITLE\tWORDS\tREMOVED\tLANG\tENTITIES\tPLACES\tQUOTES\tEVENTS\tFIGURES")
	for _, r := range rows {
		d := r.doc
		outlet := "-"
		if d.Outlet != nil {
			outlet = *d.Outlet
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t%d\t%d\n", r.name, clip(outlet, 20), orDash(d.Published),
			clip(d.Title, 48), len(strings.Fields(d.Text)), len(d.Removed), orDash(d.Language),
			len(d.Entities), len(d.Places), len(d.Quotes), len(d.Events), len(d.Figures))
	}
	tw.Flush()
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return orDash(s)
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// dropTime removes the time from log lines: progress is read by people, and
// the time adds nothing to a run that takes a second.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

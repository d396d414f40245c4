package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep/internal/api"
	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
)

// eventFlags are the event filters that search and export share; they are
// read through the API's parameter parser so that the CLI and the API accept
// and reject the same values.
type eventFlags struct {
	vals map[string]*string
}

var eventFlagNames = []struct{ name, usage string }{
	{"text", "full-text `WORDS` in the reports of the event"},
	{"class", "event `CLASS` (attack, protest, displacement, ...)"},
	{"country", "ISO 3166-1 alpha-2 `CODE` (UA)"},
	{"near", "events within a distance: `LAT,LON,KM`"},
	{"bbox", "events inside a box: `WEST,SOUTH,EAST,NORTH`"},
	{"since", "events on or after `DATE` (YYYY-MM-DD)"},
	{"until", "events on or before `DATE` (YYYY-MM-DD)"},
	{"actor", "actor name `SUBSTRING`"},
	{"speaker", "events whose reporting sentences quote a speaker named `SUBSTRING`"},
}

func addEventFlags(fs *flag.FlagSet) *eventFlags {
	ef := &eventFlags{vals: map[string]*string{}}
	for _, f := range eventFlagNames {
		ef.vals[f.name] = fs.String(f.name, "", f.usage)
	}
	return ef
}

func (ef *eventFlags) query(extra url.Values) string {
	q := url.Values{}
	for k, v := range ef.vals {
		if *v != "" {
			q.Set(k, *v)
		}
	}
	for k, v := range extra {
		q[k] = v
	}
	return q.Encode()
}

const searchExamples = `  sitrep search kharkiv rockets
  sitrep search --db news.db --class attack --country UA --since 2022-02-24 shelling
  sitrep search --near 50.45,30.52,50 --json missile
  sitrep search --class protest --until 2024-03-31           # events only, no text
`

// runSearch answers a query from the store: with words, the best matching
// articles, quotes and events; without, the events the filters select.
func runSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("search", "sitrep search [--db FILE] [filters] [WORDS ...]", searchExamples, stderr)
	db := fs.String("db", "sitrep.db", "the store: a SQLite `FILE`, or a postgres://USER@HOST/DB DSN")
	limit := fs.Int("limit", 20, "at most `N` results of each kind")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	ef := addEventFlags(fs)
	rest, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	words := strings.Join(rest, " ")
	extra := url.Values{"limit": {fmt.Sprint(*limit)}}
	var res *store.SearchResult
	ctx := context.Background()
	st, code := openForQuery(ctx, *db, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	if strings.TrimSpace(words) != "" {
		extra.Set("q", words)
		q, err := api.ParseSearch(ef.query(extra))
		if err != nil {
			fmt.Fprintf(stderr, "sitrep search: %v\n", err)
			return 2
		}
		if res, err = st.Search(ctx, q); err != nil {
			return queryFailed(stderr, "search", err)
		}
	} else {
		f, err := api.ParseEventFilter(ef.query(extra))
		if err != nil {
			fmt.Fprintf(stderr, "sitrep search: %v\n", err)
			return 2
		}
		page, err := st.Events(ctx, f)
		if err != nil {
			return queryFailed(stderr, "search", err)
		}
		res = &store.SearchResult{Articles: []store.Article{}, Events: page.Items, Quotes: []store.Quote{}}
	}
	if *asJSON {
		return printJSON(stdout, stderr, res)
	}
	printSearch(stdout, res)
	return 0
}

func printSearch(w io.Writer, res *store.SearchResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(res.Events) > 0 {
		fmt.Fprintln(tw, "EVENT\tDATE\tCLASS\tPLACE\tKILLED\tREPORTS\tSUMMARY")
		for _, e := range res.Events {
			killed := "-"
			if e.Fatalities != nil {
				killed = fmt.Sprint(*e.Fatalities)
			}
			place := e.Location
			if e.Country != "" {
				place += " (" + e.Country + ")"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\n", e.ID, e.Date, e.Class, place, killed, e.ReportCount, clip(e.Summary, 70))
		}
		fmt.Fprintln(tw)
	}
	if len(res.Articles) > 0 {
		fmt.Fprintln(tw, "ARTICLE\tPUBLISHED\tOUTLET\tTITLE")
		for _, a := range res.Articles {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ID[:12], a.Published, a.Outlet, clip(a.Title, 80))
		}
		fmt.Fprintln(tw)
	}
	if len(res.Quotes) > 0 {
		fmt.Fprintln(tw, "QUOTE\tPUBLISHED\tSPEAKER\tTEXT")
		for _, q := range res.Quotes {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", q.ID, q.Published, q.SpeakerName, clip(q.Text, 80))
		}
	}
	tw.Flush()
	if len(res.Events)+len(res.Articles)+len(res.Quotes) == 0 {
		fmt.Fprintln(w, "nothing found")
	}
}

const exportExamples = `  sitrep export --format csv > events.csv
  sitrep export --db news.db --format geojson --country UA --since 2022-02-24 --out ukraine.geojson
  sitrep export --format parquet --out events.parquet
  sitrep export --format jsonl --class protest
`

// runExport writes the fused events the filters select in one of the export
// formats: ACLED-style CSV, GeoJSON, JSON Lines or Parquet.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "sitrep export [--db FILE] --format csv|geojson|jsonl|parquet [filters]", exportExamples, stderr)
	db := fs.String("db", "sitrep.db", "the store: a SQLite `FILE`, or a postgres://USER@HOST/DB DSN")
	format := fs.String("format", "csv", "output `FORMAT`: "+strings.Join(export.Formats, ", "))
	out := fs.String("out", "-", "write to `FILE`; - for standard output")
	ef := addEventFlags(fs)
	rest, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "sitrep export: takes no arguments, got %q (filters are flags; see sitrep export -h)\n", rest)
		return 2
	}
	f, err := api.ParseEventFilter(ef.query(nil))
	if err != nil {
		fmt.Fprintf(stderr, "sitrep export: %v\n", err)
		return 2
	}
	if *format == "parquet" && *out == "-" && isTerminalWriter(stdout) {
		fmt.Fprintln(stderr, "sitrep export: Parquet is binary; give --out FILE or redirect standard output")
		return 2
	}
	ctx := context.Background()
	st, code := openForQuery(ctx, *db, stderr)
	if st == nil {
		return code
	}
	defer st.Close()

	var file *os.File
	dest := io.Writer(stdout)
	if *out != "-" {
		if file, err = os.Create(*out); err != nil {
			fmt.Fprintf(stderr, "sitrep export: %v\n", err)
			return 1
		}
		defer file.Close()
		dest = file
	}
	bw := bufio.NewWriterSize(dest, 1<<16)
	w, err := export.New(*format, bw)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep export: %v\n", err)
		return 2
	}
	n, err := streamEvents(ctx, st, f, w)
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		if *out != "-" {
			os.Remove(*out) // never leave a truncated file that looks whole
		}
		return queryFailed(stderr, "export", err)
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "sitrep export: %d events written to %s\n", n, *out)
	}
	return 0
}

// streamEvents writes every event the filter selects, page by page, each
// with its reports and claims.
func streamEvents(ctx context.Context, st store.Store, f store.EventFilter, w export.Writer) (int, error) {
	n := 0
	f.Limit = 500
	for {
		page, err := st.Events(ctx, f)
		if err != nil {
			return n, err
		}
		for _, e := range page.Items {
			d, err := st.Event(ctx, e.ID)
			if err != nil {
				return n, err
			}
			if err := w.Write(export.RowFromDetail(d)); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == "" {
			return n, nil
		}
		f.Cursor = page.Next
	}
}

// openForQuery opens an existing store; a missing file is an error here,
// not a new empty store.
func openForQuery(ctx context.Context, dsn string, stderr io.Writer) (store.Store, int) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			fmt.Fprintf(stderr, "sitrep: %s: no such store (run sitrep ingest --db %s ... first)\n", dsn, dsn)
			return nil, 1
		}
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep: %v\n", err)
		return nil, 1
	}
	return st, 0
}

func queryFailed(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "sitrep %s: %v\n", cmd, err)
	if errors.Is(err, store.ErrBadQuery) {
		return 2
	}
	return 1
}

func printJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "sitrep: %v\n", err)
		return 1
	}
	return 0
}

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/internal/report"
)

const reportExamples = `  sitrep report --region UA --date 2022-02-28
  sitrep report --db news.db --region Ukraine --since 2024-03-04 --until 2024-03-07 --format html --out kostiantynivka.html
  sitrep report --region Kharkiv --date 2022-02-28 --format pdf --out kharkiv.pdf
  sitrep report --region "Punjab, PK" --date 2024-05-01
  sitrep report --region 22,44,40,53 --since 2022-02-24 --until 2022-03-02    # west,south,east,north

A region is an ISO 3166-1 country code or English country name, a first-level
region as the store names it (optionally with its country after a comma), or a
box west,south,east,north in degrees. The report covers the events whose date
lies in the period. PDF needs Chromium at /usr/bin/chromium.
`

// runReport writes a situation report on a region and period from the
// store, as Markdown, HTML or PDF.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", "sitrep report [--db FILE] --region COUNTRY|ADMIN1|BBOX (--date DAY | --since DAY --until DAY) [--format md|html|pdf] [--out FILE]", reportExamples, stderr)
	db := fs.String("db", "sitrep.db", "the store: a SQLite `FILE`, or a postgres://USER@HOST/DB DSN")
	region := fs.String("region", "", "the `REGION`: country code or name, first-level region, or west,south,east,north")
	date := fs.String("date", "", "the `DAY` the report covers (YYYY-MM-DD)")
	since := fs.String("since", "", "first `DAY` of the period (YYYY-MM-DD)")
	until := fs.String("until", "", "last `DAY` of the period (YYYY-MM-DD)")
	format := fs.String("format", "md", "output `FORMAT`: md, html or pdf")
	out := fs.String("out", "-", "write to `FILE`; - for standard output (not for pdf)")
	per := fs.Int("per-section", report.DefaultPerSection, "list at most `N` events in each section, the most severe first")
	rest, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "sitrep report: takes no arguments, got %q (see sitrep report -h)\n", rest)
		return 2
	}
	q, err := report.ParseQuery(*region, *date, *since, *until)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep report: %v\n", err)
		return 2
	}
	if *per < 1 {
		fmt.Fprintln(stderr, "sitrep report: --per-section must be at least 1")
		return 2
	}
	q.PerSection = *per
	switch *format {
	case "md", "markdown", "html":
	case "pdf":
		if *out == "-" {
			fmt.Fprintln(stderr, "sitrep report: PDF is binary; give --out FILE")
			return 2
		}
		if _, err := os.Stat(report.Chromium); err != nil {
			fmt.Fprintf(stderr, "sitrep report: %v, which is not installed at %s (install the chromium package, or write --format html and print it from a browser)\n", report.ErrNoChromium, report.Chromium)
			return 1
		}
	default:
		fmt.Fprintf(stderr, "sitrep report: unknown format %q (want md, html or pdf)\n", *format)
		return 2
	}

	ctx := context.Background()
	st, code := openForQuery(ctx, *db, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	r, err := report.Build(ctx, st, q)
	if err != nil {
		return queryFailed(stderr, "report", err)
	}
	if *format == "pdf" {
		if err := r.PDF(ctx, *out); err != nil {
			fmt.Fprintf(stderr, "sitrep report: %v\n", err)
			return 1
		}
	} else if err := writeReport(r, *format, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "sitrep report: %v\n", err)
		return 1
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "sitrep report: %s on %s, %s: %d events, %d sources cited, written to %s\n",
			r.Region.Name, r.Period, strings.ToUpper(*format), r.Events, len(r.Sources), *out)
	}
	return 0
}

// writeReport writes the Markdown or HTML edition to out ("-" for
// stdout); a file is written beside its name and renamed into place, so a
// failure never leaves a truncated report.
func writeReport(r *report.Report, format, out string, stdout io.Writer) error {
	write := r.Markdown
	if format == "html" {
		write = r.HTML
	}
	if out == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), out)
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/reader"
)

const extractExamples = `  sitrep extract article.html --pretty
  sitrep extract --published 2022-02-28 --outlet UPI story.txt
  curl -s https://example.org/news | sitrep extract --url https://example.org/news -
  sitrep extract https://example.org/news/story.html
  sitrep extract a.html b.html c.txt > docs.jsonl
`

// stdin is read by "-"; tests replace it.
var stdin io.Reader = os.Stdin

func runExtract(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("extract", "sitrep extract [flags] FILE|URL|- ...", extractExamples, stderr)
	url := fs.String("url", "", "the article's URL, when the input is a file or stdin")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` (or ISO datetime), when known")
	outlet := fs.String("outlet", "", "publisher or wire agency, when known")
	format := fs.String("format", "", "output format: json (one object, or an array for several inputs) or jsonl; default json for one input, jsonl for several")
	pretty := fs.Bool("pretty", false, "indent the JSON for people")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching URLs on loopback and private addresses")
	timeout := fs.Duration("timeout", 20*time.Second, "time limit for fetching a URL")
	inputs, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "sitrep extract: give a FILE, URL or - for standard input (see sitrep extract -h)")
		return 2
	}
	if *published != "" && !validISODate(*published) {
		fmt.Fprintf(stderr, "sitrep extract: --published %q is not an ISO date (YYYY-MM-DD)\n", *published)
		return 2
	}
	if *format == "" {
		*format = "json"
		if len(inputs) > 1 {
			*format = "jsonl"
		}
	}
	if *format != "json" && *format != "jsonl" {
		fmt.Fprintf(stderr, "sitrep extract: --format %q: want json or jsonl\n", *format)
		return 2
	}
	if (*url != "" || *published != "") && len(inputs) > 1 {
		fmt.Fprintln(stderr, "sitrep extract: --url and --published describe one article; give one input with them")
		return 2
	}

	failed := 0
	var docs []*document.Document
	for _, in := range inputs {
		doc, err := extractOne(in, reader.Meta{URL: *url, Published: *published, Outlet: *outlet, Name: in},
			fetch.Options{Timeout: *timeout, AllowPrivate: *allowPrivate})
		if err != nil {
			fmt.Fprintf(stderr, "sitrep: %s: %v\n", in, err)
			failed++
			continue
		}
		if *format == "jsonl" {
			if err := writeJSON(stdout, doc, false); err != nil {
				fmt.Fprintf(stderr, "sitrep: write output: %v\n", err)
				return 1
			}
			continue
		}
		docs = append(docs, doc)
	}
	if *format == "json" && len(docs) > 0 {
		var v any = docs
		if len(inputs) == 1 {
			v = docs[0]
		}
		if err := writeJSON(stdout, v, *pretty); err != nil {
			fmt.Fprintf(stderr, "sitrep: write output: %v\n", err)
			return 1
		}
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// extractOne reads one input — a file, a URL or "-" — and extracts it.
func extractOne(in string, meta reader.Meta, fo fetch.Options) (*document.Document, error) {
	var b []byte
	var err error
	switch {
	case in == "-":
		b, err = io.ReadAll(io.LimitReader(stdin, maxInput+1))
	case hasPrefixFold(in, "http://") || hasPrefixFold(in, "https://"):
		var res *fetch.Result
		res, err = fetch.Fetch(context.Background(), in, fo)
		if err == nil {
			b = res.Body
			if meta.URL == "" {
				meta.URL = res.URL
			}
		}
	default:
		b, err = readFile(in)
		if err != nil && strings.Contains(in, "://") {
			// Not a file, and a URL of a scheme sitrep does not fetch: say so.
			if _, uerr := fetch.CheckURL(in); uerr != nil {
				err = uerr
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("input larger than %d MB", maxInput>>20)
	}
	return extract.Extract(b, extract.Options{Meta: meta})
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// maxInput bounds what one article may be.
const maxInput = 10 << 20

func readFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file")
		}
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory, not an article file")
	}
	if st.Size() > maxInput {
		return nil, fmt.Errorf("file larger than %d MB", maxInput>>20)
	}
	return os.ReadFile(name)
}

// writeJSON writes v as one line, or indented, without escaping <, > and &
// (article text is full of them and the output is not HTML).
func writeJSON(w io.Writer, v any, pretty bool) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func validISODate(s string) bool {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

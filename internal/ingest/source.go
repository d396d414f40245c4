package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/fetch"
)

// maxArticle bounds the bytes of one article: a file, a JSON Lines record's
// page, a WARC payload or a fetched page.
const maxArticle = 10 << 20

// Meta is what an input says about its article besides the bytes.
type Meta struct {
	URL       string
	Published string // ISO date or datetime, "" when the input does not say
	Outlet    string
	// Crawled is when the page was fetched (a WARC record's date); it dates
	// an article that nothing else dates. Zero means now.
	Crawled time.Time
}

// Job is one article to ingest.
type Job struct {
	// Name names the input in messages: a path, "path:line", a URL, a WARC
	// file and its record.
	Name string
	// SourceKey identifies this version of the input (see store.Item).
	SourceKey string
	Bytes     []byte
	Meta      Meta
	// Load, when not nil, fills Bytes and may refine Meta: the file read or
	// fetch that a loader does only once it knows SourceKey is not stored.
	Load func(ctx context.Context, j *Job) error
	// Err is set when the source could not make the job: it is reported
	// under Name and counted as failed.
	Err error
}

// Env is what sources need from the run.
type Env struct {
	Fetch fetch.Options
	// HasSource asks the store whether an input was stored; the URL source
	// uses it to skip fetching a stored page.
	HasSource func(ctx context.Context, key string) (bool, error)
}

// Source turns one input into jobs. Each calls emit for every job, in
// order, until emit returns false (the run is stopping); it returns an error
// when the input as a whole cannot be read, after emitting what it could.
type Source interface {
	Name() string
	Each(ctx context.Context, env *Env, emit func(Job) bool) error
}

// Open picks the source of one command-line input: a URL (an article or a
// feed, told apart by what it returns), a directory, a .jsonl, .warc or
// .warc.gz file, an .rss, .atom or .xml feed file, or one article file.
func Open(arg string) (Source, error) {
	if hasPrefixFold(arg, "http://") || hasPrefixFold(arg, "https://") {
		if _, err := fetch.CheckURL(arg); err != nil {
			return nil, err
		}
		return urlSource{url: arg}, nil
	}
	st, err := os.Stat(arg)
	if err != nil {
		if strings.Contains(arg, "://") {
			// Not a file, and a URL of a scheme sitrep does not fetch.
			if _, uerr := fetch.CheckURL(arg); uerr != nil {
				return nil, uerr
			}
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file or directory")
		}
		return nil, err
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return dirSource{name: arg, abs: abs}, nil
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	if s := fileSource(arg, abs, st); s != nil {
		return s, nil
	}
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".rss", ".atom", ".xml":
		return feedFileSource{name: arg}, nil
	}
	// Named on the command line: an article whatever its extension; the
	// reader tells text from HTML by the bytes.
	return articleFile{name: arg, abs: abs, info: st}, nil
}

// fileSource is the source of a file by its extension, nil for one that a
// directory walk ignores.
func fileSource(name, abs string, st os.FileInfo) Source {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".warc"), strings.HasSuffix(lower, ".warc.gz"):
		return warcSource{name: name}
	case strings.HasSuffix(lower, ".jsonl"):
		return jsonlSource{name: name, abs: abs}
	case strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"):
		return articleFile{name: name, abs: abs, info: st}
	}
	return nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/fetch"
)

// maxLine bounds one JSON Lines line: a 10 MB page with its escapes.
const maxLine = 64 << 20

// Record is one JSON Lines line: {"url", "html" or "text", "published",
// "outlet"}. Other fields are ignored.
type Record struct {
	URL       string
	Body      []byte // the html or, without it, the text
	Published string // ISO, normalised by ParseLine
	Outlet    string
}

// ParseLine reads one JSON Lines record. The line must be a JSON object with
// a non-empty "html" or "text" string (html wins when both are there); "url",
// when given, must be an http or https URL; "published", when given, an ISO
// date or datetime, or an RFC 1123 or RFC 822 date as feeds write them.
func ParseLine(line []byte) (Record, error) {
	var raw struct {
		URL       *string `json:"url"`
		HTML      *string `json:"html"`
		Text      *string `json:"text"`
		Published *string `json:"published"`
		Outlet    *string `json:"outlet"`
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return Record{}, errors.New("not a JSON object")
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return Record{}, fmt.Errorf("field %q is not a string", te.Field)
		}
		return Record{}, fmt.Errorf("invalid JSON: %v", err)
	}
	var r Record
	switch {
	case raw.HTML != nil && strings.TrimSpace(*raw.HTML) != "":
		r.Body = []byte(*raw.HTML)
	case raw.Text != nil && strings.TrimSpace(*raw.Text) != "":
		r.Body = []byte(*raw.Text)
	default:
		return Record{}, errors.New(`no "html" or "text"`)
	}
	if len(r.Body) > maxArticle {
		return Record{}, fmt.Errorf("article larger than %d MB", maxArticle>>20)
	}
	if raw.URL != nil && strings.TrimSpace(*raw.URL) != "" {
		u, err := fetch.CheckURL(*raw.URL)
		if err != nil {
			return Record{}, err
		}
		r.URL = u.String()
	}
	if raw.Published != nil && strings.TrimSpace(*raw.Published) != "" {
		p, err := normalizeDate(*raw.Published)
		if err != nil {
			return Record{}, err
		}
		r.Published = p
	}
	if raw.Outlet != nil {
		r.Outlet = strings.TrimSpace(*raw.Outlet)
	}
	return r, nil
}

// normalizeDate returns an ISO date or datetime: ISO input as it is, the
// date forms of feeds and mail as RFC 3339.
func normalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return s, nil
		}
	}
	if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
		return t.Format("2006-01-02T15:04:05"), nil
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.RFC3339), nil
		}
	}
	return "", fmt.Errorf("published %q is not a date (want ISO, e.g. 2024-03-01)", s)
}

// jsonlSource reads a JSON Lines file, one article a line. Blank lines are
// skipped; a bad line is reported as "path:N" and skipped.
type jsonlSource struct{ name, abs string }

func (s jsonlSource) Name() string { return s.name }

func (s jsonlSource) Each(ctx context.Context, _ *Env, emit func(Job) bool) error {
	f, err := os.Open(s.abs)
	if err != nil {
		return unwrapPath(err)
	}
	defer f.Close()
	return readJSONL(ctx, f, s.name, s.abs, emit)
}

// readJSONL emits the jobs of the lines of r; name prefixes their names and
// key their source keys.
func readJSONL(ctx context.Context, r io.Reader, name, key string, emit func(Job) bool) error {
	br := bufio.NewReaderSize(r, 256<<10)
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return nil
		}
		line, tooLong, err := readLine(br, maxLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			j := Job{Name: name + ":" + strconv.Itoa(n), SourceKey: lineKey(key, n, line)}
			if tooLong {
				j.Err = fmt.Errorf("line longer than %d MB", maxLine>>20)
			} else if rec, perr := ParseLine(line); perr != nil {
				j.Err = perr
			} else {
				j.Bytes = rec.Body
				j.Meta = Meta{URL: rec.URL, Published: rec.Published, Outlet: rec.Outlet}
			}
			if !emit(j) {
				return nil
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// lineKey identifies a line: the file, the line number and a hash of the
// line, so that appending to a file leaves the keys of its lines as they
// were.
func lineKey(key string, n int, line []byte) string {
	h := sha256.Sum256(line)
	return "jsonl:" + key + "#line=" + strconv.Itoa(n) + ",sha256=" + hex.EncodeToString(h[:8])
}

// readLine reads one line without its end. A line longer than max is
// consumed and reported as too long, without being kept. err is io.EOF at
// the end of the input, with the last line when it has no newline. The line
// may share the reader's buffer: it is valid until the next read.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	n := 0
	for {
		frag, e := br.ReadSlice('\n')
		n += len(frag)
		if n > max+2 { // the end of line is not counted
			tooLong, line = true, nil
		}
		if !tooLong {
			if line == nil && e == nil {
				line = frag // the whole line was in the buffer
			} else {
				line = append(line, frag...)
			}
		}
		if errors.Is(e, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, tooLong, e
	}
}

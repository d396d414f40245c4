package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/sitrep/sitrep/internal/store"
)

// JSONLWriter writes events as JSON Lines: one object per line,
//
//	{"event": {...}, "sources": ["UPI", "Reuters"], "urls": [...], "claims": [...]}
//
// with the event as the API gives it (store.Event), the distinct outlets
// and URLs of its reports, and its figure claims (store.Claim). The lists
// are [] when empty. Nothing is renamed or converted: this is the lossless
// export, to load back or to read with jq.
type JSONLWriter struct {
	bw     *bufio.Writer
	enc    *json.Encoder
	closed bool
	err    error
}

// JSONLine is one line of a JSON Lines export.
type JSONLine struct {
	Event   store.Event   `json:"event"`
	Sources []string      `json:"sources"`
	URLs    []string      `json:"urls"`
	Claims  []store.Claim `json:"claims"`
}

// NewJSONL returns a JSON Lines writer on w.
func NewJSONL(w io.Writer) *JSONLWriter {
	bw := bufio.NewWriterSize(w, 32<<10)
	return &JSONLWriter{bw: bw, enc: json.NewEncoder(bw)}
}

// Write writes one event as one line.
func (j *JSONLWriter) Write(r Row) error {
	if j.closed {
		return errClosed
	}
	if j.err != nil {
		return j.err
	}
	line := JSONLine{Event: r.Event, Sources: uniq(r.Sources), URLs: uniq(r.URLs), Claims: r.Claims}
	if line.Claims == nil {
		line.Claims = []store.Claim{}
	}
	j.err = j.enc.Encode(&line)
	return j.err
}

// Flush writes the buffered lines to the underlying writer.
func (j *JSONLWriter) Flush() error {
	if j.closed || j.err != nil {
		return j.err
	}
	j.err = j.bw.Flush()
	return j.err
}

// Close flushes; the underlying writer stays open.
func (j *JSONLWriter) Close() error {
	err := j.Flush()
	j.closed = true
	return err
}

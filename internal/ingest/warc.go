package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"os"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc"
)

// warcSource reads a WARC file, plain or gzipped record by record as Common
// Crawl writes them (CC-NEWS). Only response records are read, and of them
// only HTTP 200 responses with a text/html body; the HTTP headers are
// stripped. Each article's source key is its WARC-Record-ID, its URL the
// WARC-Target-URI, and the record's date dates it when the page does not.
//
// A record that cannot be parsed ends the reading of the file with an error
// naming its offset; the records before it are kept.
type warcSource struct{ name string }

func (s warcSource) Name() string { return s.name }

func (s warcSource) Each(ctx context.Context, _ *Env, emit func(Job) bool) error {
	f, err := os.Open(s.name)
	if err != nil {
		return unwrapPath(err)
	}
	defer f.Close()
	return readWARC(ctx, f, s.name, emit)
}

// warcOptions read leniently and fast: no digest checks, no made-up record
// ids (a record without one is keyed by its offset).
var warcOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
	gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	gowarc.WithAddMissingRecordId(false),
	gowarc.WithAddMissingDigest(false),
	gowarc.WithFixDigest(false),
	gowarc.WithFixContentLength(false),
	gowarc.WithFixSyntaxErrors(false),
}

// readWARC emits a job for each HTML page in the WARC stream r, plain or
// gzipped; name names the file in messages and keys. Offsets in messages
// count bytes of the uncompressed stream.
//
// The gzip members are read here, not by gowarc, and every read error ends
// the stream as if it were its end: gowarc's header parser loops forever
// on a reader that keeps failing. The error is reported after the records
// read before it.
func readWARC(ctx context.Context, r io.Reader, name string, emit func(Job) bool) (err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var stream io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br) // reads the members one after the other
		if err != nil {
			return fmt.Errorf("gzip: %w", err)
		}
		stream = zr
	}
	er := &endReader{r: stream}
	wr, err := gowarc.NewWarcFileReaderFromStream(er, 0, warcOptions...)
	if err != nil {
		return err
	}
	defer wr.Close()
	var offset int64
	defer func() {
		// gowarc indexes lines it has not checked; a malformed file must
		// not take the run down with it.
		if p := recover(); p != nil {
			err = fmt.Errorf("record at offset %d: malformed WARC record (%v)", offset, p)
		}
	}()
	for records := 0; ctx.Err() == nil; records++ {
		var rec gowarc.WarcRecord
		rec, offset, _, err = wr.Next()
		if er.err != nil {
			return fmt.Errorf("record at offset %d: %w", offset, er.err)
		}
		if errors.Is(err, io.EOF) && rec == nil {
			switch {
			case offset < er.n:
				return fmt.Errorf("record at offset %d: cut short", offset)
			case records == 0 && er.n > 0:
				return errors.New("no WARC record found")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("record at offset %d: %w", offset, err)
		}
		j, ok, err := warcJob(rec, name, offset)
		if err != nil {
			j = Job{Name: j.Name, SourceKey: j.SourceKey, Err: err}
		} else if !ok {
			continue
		}
		if !emit(j) {
			return nil
		}
	}
	return nil
}

// endReader ends its stream at the first error, which it keeps; it counts
// the bytes read, to tell the end of the stream from a record cut short.
type endReader struct {
	r   io.Reader
	n   int64
	err error
}

func (e *endReader) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, io.EOF
	}
	n, err := e.r.Read(p)
	e.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("cut short")
		}
		e.err = err
		return n, io.EOF
	}
	return n, err
}

// warcJob makes the job of one record; ok is false for a record that is not
// an HTML page fetched with status 200.
func warcJob(rec gowarc.WarcRecord, name string, offset int64) (j Job, ok bool, err error) {
	if rec.Type() != gowarc.Response {
		return j, false, nil
	}
	block, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP || block.HttpStatusCode() != http.StatusOK || block.HttpHeader() == nil {
		return j, false, nil
	}
	h := *block.HttpHeader()
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if mt != "text/html" {
		return j, false, nil
	}
	hdr := rec.WarcHeader()
	target := strings.Trim(hdr.Get(gowarc.WarcTargetURI), "<>")
	j.Name = name + "#" + strconv.FormatInt(offset, 10)
	if target != "" {
		j.Name += " " + target
	}
	if id := hdr.Get(gowarc.WarcRecordID); id != "" {
		j.SourceKey = id
	} else {
		j.SourceKey = "warc:" + name + "#offset=" + strconv.FormatInt(offset, 10)
	}
	j.Meta.URL = target
	if t, err := rec.Date(); err == nil {
		j.Meta.Crawled = t
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return j, true, err
	}
	body, err := io.ReadAll(io.LimitReader(payload, maxArticle+1))
	if err != nil {
		return j, true, err
	}
	if len(body) > maxArticle {
		return j, true, fmt.Errorf("page larger than %d MB", maxArticle>>20)
	}
	if n, err := rec.ContentLength(); err == nil && int64(len(block.ProtocolHeaderBytes())+len(body)) < n {
		return j, true, errors.New("record cut short")
	}
	body, err = decodeTransfer(body, h, block.ProtocolHeaderBytes())
	if err != nil {
		return j, true, err
	}
	j.Bytes = body
	return j, true, nil
}

// chunked tells whether raw HTTP response headers say the body is chunked
// (the parsed headers no longer hold Transfer-Encoding).
func chunked(raw []byte) bool {
	for _, line := range bytes.Split(raw, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), "Transfer-Encoding") &&
			bytes.Contains(bytes.ToLower(v), []byte("chunked")) {
			return true
		}
	}
	return false
}

// decodeTransfer undoes the transfer and content encodings a WARC may keep
// as they came over the wire (Common Crawl removes them and renames the
// headers, other crawlers do not).
func decodeTransfer(body []byte, h http.Header, raw []byte) ([]byte, error) {
	if chunked(raw) {
		if b, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(body)), maxArticle+1)); err == nil {
			body = b
		}
	}
	ce := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding")))
	if (ce == "gzip" || ce == "x-gzip") && bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		b, err := io.ReadAll(io.LimitReader(zr, maxArticle+1))
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		body = b
	}
	if len(body) > maxArticle {
		return nil, fmt.Errorf("page larger than %d MB", maxArticle>>20)
	}
	return body, nil
}

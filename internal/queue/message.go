package queue

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/ingest"
)

// The headers of a job message.
const (
	hdrName      = "Sitrep-Name"
	hdrKey       = "Sitrep-Source-Key"
	hdrURL       = "Sitrep-Url"
	hdrPublished = "Sitrep-Published"
	hdrOutlet    = "Sitrep-Outlet"
	hdrCrawled   = "Sitrep-Crawled"
	hdrEncoding  = "Sitrep-Encoding"
)

const (
	// MaxArticle is the most bytes of one article, as the reader takes.
	MaxArticle = 10 << 20
	// gzipAbove is the size above which an article is gzipped.
	gzipAbove = 64 << 10
	// maxHeader bounds one metadata value, escaped.
	maxHeader = 16 << 10
	// maxMsgID is the longest message id kept as the source key itself;
	// longer keys are hashed.
	maxMsgID = 512
)

// ErrTooLarge is the error of a job larger than the server takes.
var ErrTooLarge = errors.New("too large for the queue")

// Encode makes the message of a loaded job, to publish on subject. The
// job's bytes are gzipped when they are larger than 64 KB.
func Encode(subject string, j ingest.Job) (*nats.Msg, error) {
	if j.SourceKey == "" {
		return nil, errors.New("job without a source key")
	}
	if len(j.Bytes) > MaxArticle {
		return nil, fmt.Errorf("article larger than %d MB", MaxArticle>>20)
	}
	m := nats.NewMsg(subject)
	set := func(k, v string) {
		if v != "" {
			m.Header.Set(k, escape(v))
		}
	}
	set(hdrName, j.Name)
	set(hdrKey, j.SourceKey)
	set(hdrURL, j.Meta.URL)
	set(hdrPublished, j.Meta.Published)
	set(hdrOutlet, j.Meta.Outlet)
	if !j.Meta.Crawled.IsZero() {
		set(hdrCrawled, j.Meta.Crawled.UTC().Format(time.RFC3339Nano))
	}
	for k, v := range m.Header {
		if len(v[0]) > maxHeader {
			return nil, fmt.Errorf("%s is longer than %d KB", k, maxHeader>>10)
		}
	}
	m.Header.Set(jetstream.MsgIDHeader, MsgID(j.SourceKey))
	m.Data = j.Bytes
	if len(j.Bytes) > gzipAbove {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		zw.Write(j.Bytes)
		zw.Close()
		if b.Len() < len(j.Bytes) {
			m.Data = b.Bytes()
			m.Header.Set(hdrEncoding, "gzip")
		}
	}
	return m, nil
}

// MsgID is the Nats-Msg-Id of a job: its source key, escaped for a header,
// or its SHA-256 when that is longer than 512 bytes.
func MsgID(sourceKey string) string {
	id := escape(sourceKey)
	if len(id) > maxMsgID {
		h := sha256.Sum256([]byte(sourceKey))
		return "sha256:" + hex.EncodeToString(h[:])
	}
	return id
}

// Size is the bytes a message takes against the server's max_payload: its
// data and its headers as the protocol writes them.
func Size(m *nats.Msg) int {
	n := len(m.Data)
	if len(m.Header) > 0 {
		n += len("NATS/1.0\r\n\r\n")
		for k, vs := range m.Header {
			for _, v := range vs {
				n += len(k) + len(": \r\n") + len(v)
			}
		}
	}
	return n
}

// Decode reads a job message back: the job with its bytes, name, source
// key and metadata. It fails on a message that is not a job: no source
// key, a bad escape, a date that is not one, an unknown encoding, an
// article larger than MaxArticle.
func Decode(h nats.Header, data []byte) (ingest.Job, error) {
	var j ingest.Job
	get := func(k string) (string, error) {
		v := h.Get(k)
		if len(v) > maxHeader {
			return "", fmt.Errorf("%s is longer than %d KB", k, maxHeader>>10)
		}
		s, err := unescape(v)
		if err != nil {
			return "", fmt.Errorf("%s: %v", k, err)
		}
		return s, nil
	}
	var err error
	if j.SourceKey, err = get(hdrKey); err != nil {
		return j, err
	}
	if j.SourceKey == "" {
		return j, errors.New("not a sitrep job: no " + hdrKey + " header")
	}
	if j.Name, err = get(hdrName); err != nil {
		return j, err
	}
	if j.Name == "" {
		j.Name = j.SourceKey
	}
	if j.Meta.URL, err = get(hdrURL); err != nil {
		return j, err
	}
	if j.Meta.Published, err = get(hdrPublished); err != nil {
		return j, err
	}
	if j.Meta.Outlet, err = get(hdrOutlet); err != nil {
		return j, err
	}
	crawled, err := get(hdrCrawled)
	if err != nil {
		return j, err
	}
	if crawled != "" {
		t, err := time.Parse(time.RFC3339Nano, crawled)
		if err != nil {
			return j, fmt.Errorf("%s %q is not an RFC 3339 time", hdrCrawled, crawled)
		}
		j.Meta.Crawled = t
	}
	switch enc := h.Get(hdrEncoding); enc {
	case "":
		if len(data) > MaxArticle {
			return j, fmt.Errorf("article larger than %d MB", MaxArticle>>20)
		}
		j.Bytes = data
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return j, fmt.Errorf("gzip: %v", err)
		}
		b, err := io.ReadAll(io.LimitReader(zr, MaxArticle+1))
		if err != nil {
			return j, fmt.Errorf("gzip: %v", err)
		}
		if len(b) > MaxArticle {
			return j, fmt.Errorf("article larger than %d MB", MaxArticle>>20)
		}
		j.Bytes = b
	default:
		return j, fmt.Errorf("unknown %s %q", hdrEncoding, enc)
	}
	return j, nil
}

// escape makes a header value of any string: bytes a header line cannot
// carry or would trim — controls, '%', bytes above ASCII, a space at
// either end — become %XX.
func escape(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if mustEscape(s, i) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		if c := s[i]; mustEscape(s, i) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func mustEscape(s string, i int) bool {
	c := s[i]
	return c < 0x20 || c >= 0x7f || c == '%' || (c == ' ' && (i == 0 || i == len(s)-1))
}

// unescape undoes escape.
func unescape(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	return url.PathUnescape(s)
}

package queue

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/ingest"
)

func TestEncodeDecode(t *testing.T) {
	big := bytes.Repeat([]byte("<p>The harbour board said the sea wall held.</p>\n"), 4000) // 200 KB: gzipped
	crawled := time.Date(2024, 5, 1, 12, 30, 0, 123000000, time.UTC)
	jobs := []ingest.Job{
		{Name: "articles/a.txt", SourceKey: "file:/data/articles/a.txt#size=12,mtime=99", Bytes: []byte("Plain text.\n")},
		{Name: "CC-NEWS.warc.gz#1234 https://example.org/a", SourceKey: "<urn:uuid:0b6d0bc4-5cba-4f57-9e5c-2b0f1b3b4c1a>",
			Bytes: big, Meta: ingest.Meta{URL: "https://example.org/a", Crawled: crawled}},
		{Name: " odd\r\nname\x00 ", SourceKey: "file:/tmp/100%/ünïcode\tkey ", Bytes: []byte("x"),
			Meta: ingest.Meta{URL: "https://example.org/ü?q=1%202", Published: "2024-03-01T08:00:00Z", Outlet: "Le Monde "}},
		{Name: "long", SourceKey: strings.Repeat("k", 600), Bytes: []byte("y")},
	}
	for _, j := range jobs {
		m, err := Encode("sitrep.jobs.article", j)
		if err != nil {
			t.Fatalf("%q: %v", j.Name, err)
		}
		for k, vs := range m.Header {
			for _, v := range vs {
				if strings.ContainsAny(v, "\r\n\x00") || strings.TrimSpace(v) != v {
					t.Errorf("%q: header %s %q cannot travel", j.Name, k, v)
				}
			}
		}
		if id := m.Header.Get(jetstream.MsgIDHeader); id != MsgID(j.SourceKey) || len(id) > maxMsgID {
			t.Errorf("%q: message id %q", j.Name, id)
		}
		if len(j.Bytes) > gzipAbove && (m.Header.Get(hdrEncoding) != "gzip" || len(m.Data) >= len(j.Bytes)) {
			t.Errorf("%q: %d bytes not gzipped (%d)", j.Name, len(j.Bytes), len(m.Data))
		}
		got, err := Decode(m.Header, m.Data)
		if err != nil {
			t.Fatalf("%q: decode: %v", j.Name, err)
		}
		if got.Name != j.Name || got.SourceKey != j.SourceKey || got.Meta != j.Meta || !bytes.Equal(got.Bytes, j.Bytes) {
			t.Errorf("round trip:\n got %q %q %+v (%d bytes)\nwant %q %q %+v (%d bytes)",
				got.Name, got.SourceKey, got.Meta, len(got.Bytes), j.Name, j.SourceKey, j.Meta, len(j.Bytes))
		}
	}
	if MsgID("a") == MsgID("b") || MsgID(strings.Repeat("k", 600)) == MsgID(strings.Repeat("k", 601)) {
		t.Error("message ids collide")
	}
}

func TestEncodeRefuses(t *testing.T) {
	if _, err := Encode("s", ingest.Job{Name: "n", Bytes: []byte("x")}); err == nil {
		t.Error("a job without a source key was encoded")
	}
	if _, err := Encode("s", ingest.Job{Name: "n", SourceKey: "k", Bytes: make([]byte, MaxArticle+1)}); err == nil {
		t.Error("an article over 10 MB was encoded")
	}
}

func TestDecodeRefuses(t *testing.T) {
	ok := func() nats.Header {
		return nats.Header{hdrKey: {"k"}, hdrName: {"n"}}
	}
	tests := []struct {
		name string
		edit func(h nats.Header)
		data []byte
		want string
	}{
		{"no key", func(h nats.Header) { h.Del(hdrKey) }, nil, "no Sitrep-Source-Key"},
		{"bad escape", func(h nats.Header) { h.Set(hdrName, "a%zz") }, nil, "Sitrep-Name"},
		{"bad crawled", func(h nats.Header) { h.Set(hdrCrawled, "yesterday") }, nil, "not an RFC 3339 time"},
		{"bad encoding", func(h nats.Header) { h.Set(hdrEncoding, "br") }, nil, "unknown Sitrep-Encoding"},
		{"bad gzip", func(h nats.Header) { h.Set(hdrEncoding, "gzip") }, []byte("not gzip"), "gzip"},
		{"long header", func(h nats.Header) { h.Set(hdrURL, strings.Repeat("u", maxHeader+1)) }, nil, "longer than"},
		{"too large", func(h nats.Header) {}, make([]byte, MaxArticle+1), "larger than 10 MB"},
	}
	for _, tt := range tests {
		h := ok()
		tt.edit(h)
		_, err := Decode(h, tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	// A gzip bomb stops at 10 MB.
	m, err := Encode("s", ingest.Job{Name: "n", SourceKey: "k", Bytes: make([]byte, MaxArticle)})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Data) > 100<<10 {
		t.Fatalf("10 MB of zeros gzipped to %d bytes", len(m.Data))
	}
	if _, err := Decode(m.Header, m.Data); err != nil {
		t.Errorf("10 MB: %v", err)
	}
}

func TestEscape(t *testing.T) {
	for _, s := range []string{"", "plain", " lead", "trail ", "in side", "100%", "é", "\r\n", "a%2", "\x7f"} {
		e := escape(s)
		for i := 0; i < len(e); i++ {
			if e[i] < 0x20 || e[i] >= 0x7f {
				t.Errorf("escape(%q) = %q", s, e)
			}
		}
		if strings.TrimSpace(e) != e {
			t.Errorf("escape(%q) = %q has spaces at an end", s, e)
		}
		if u, err := unescape(e); err != nil || u != s {
			t.Errorf("unescape(escape(%q)) = %q, %v", s, u, err)
		}
	}
}

// FuzzDecode feeds header values and bodies to Decode: it must not panic,
// and a job it accepts must come back the same through Encode and Decode.
func FuzzDecode(f *testing.F) {
	f.Add("a.txt", "file:/a.txt#size=1", "https://example.org/a", "2024-05-01", "UPI", "2024-05-01T00:00:00Z", "", []byte("text"))
	f.Add("n%20", "k%zz", "", "", "", "", "gzip", []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Add("", "", "", "", "", "not a time", "br", []byte(nil))
	f.Fuzz(func(t *testing.T, name, key, url, published, outlet, crawled, enc string, data []byte) {
		h := nats.Header{}
		for k, v := range map[string]string{hdrName: name, hdrKey: key, hdrURL: url, hdrPublished: published,
			hdrOutlet: outlet, hdrCrawled: crawled, hdrEncoding: enc} {
			if v != "" {
				h.Set(k, v)
			}
		}
		j, err := Decode(h, data)
		if err != nil {
			return
		}
		if j.SourceKey == "" || j.Name == "" || len(j.Bytes) > MaxArticle {
			t.Fatalf("accepted %+v", j)
		}
		m, err := Encode("s", j)
		if err != nil {
			if len(name) > maxHeader/3 || len(key) > maxHeader/3 || len(url) > maxHeader/3 || len(outlet) > maxHeader/3 || len(published) > maxHeader/3 {
				return // escaping may take it over the limit
			}
			t.Fatalf("re-encode: %v", err)
		}
		back, err := Decode(m.Header, m.Data)
		if err != nil {
			t.Fatalf("decode of a re-encoded job: %v", err)
		}
		if back.Name != j.Name || back.SourceKey != j.SourceKey || back.Meta.URL != j.Meta.URL ||
			back.Meta.Published != j.Meta.Published || back.Meta.Outlet != j.Meta.Outlet ||
			!back.Meta.Crawled.Equal(j.Meta.Crawled) || !bytes.Equal(back.Bytes, j.Bytes) {
			t.Fatalf("round trip changed the job:\n%+v\n%+v", j, back)
		}
	})
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"nats://127.0.0.1:4222":                          "nats://127.0.0.1:4222",
		"nats://user:secret@host:4222":                   "nats://user:***@host:4222",
		"nats://s3cr3ttoken@host:4222,nats://other:4222": "nats://***@host:4222,nats://other:4222",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

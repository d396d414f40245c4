package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// warcRecord writes one WARC/1.1 record by hand.
func warcRecord(typ, id, target, contentType, block string) string {
	var b strings.Builder
	b.WriteString("WARC/1.1\r\n")
	fmt.Fprintf(&b, "WARC-Type: %s\r\n", typ)
	if id != "" {
		fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%s>\r\n", id)
	}
	b.WriteString("WARC-Date: 2024-05-03T06:07:08Z\r\n")
	if target != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", target)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.WriteString(block)
	b.WriteString("\r\n\r\n")
	return b.String()
}

// httpResponse is an HTTP response as a WARC keeps it.
func httpResponse(status, contentType, extra, body string) string {
	return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\n" + extra +
		fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}

// testWARC is a small CC-NEWS-like crawl: a warcinfo record, then for each
// page a request and a response, with a 404, an image, a redirect, a
// metadata record and a chunked page among them. wantPages are the record
// ids and URLs of the pages an ingest keeps, with their bodies.
func testWARC() (records []string, want []warcPage) {
	const httpRec = "application/http; msgtype=response"
	const httpReq = "application/http; msgtype=request"
	records = append(records, warcRecord("warcinfo", "00000000-0000-4000-8000-000000000001", "", "application/warc-fields",
		"software: sitrep-test\r\nformat: WARC File Format 1.1\r\n"))
	page := func(n int, status, ctype, extra, body string) {
		url := fmt.Sprintf("https://news.example.org/story/%d", n)
		records = append(records,
			warcRecord("request", fmt.Sprintf("00000000-0000-4000-8000-1000000000%02d", n), url, httpReq,
				"GET /story/"+fmt.Sprint(n)+" HTTP/1.1\r\nHost: news.example.org\r\n\r\n"),
			warcRecord("response", fmt.Sprintf("00000000-0000-4000-8000-2000000000%02d", n), url, httpRec,
				httpResponse(status, ctype, extra, body)))
	}
	h1, h2, h3 := articleHTML(11, 4), articleHTML(12, 4), articleHTML(13, 4)
	page(1, "200 OK", "text/html; charset=utf-8", "", h1)
	page(2, "404 Not Found", "text/html", "", "<html><body>gone</body></html>")
	page(3, "200 OK", "image/jpeg", "", "\xff\xd8\xff\xe0 not really a picture")
	page(4, "301 Moved Permanently", "text/html", "Location: /story/1\r\n", "")
	page(5, "200 OK", "TEXT/HTML", "", h2)
	records = append(records, warcRecord("metadata", "00000000-0000-4000-8000-300000000001", "https://news.example.org/story/5",
		"application/warc-fields", "fetchTimeMs: 120\r\n"))
	records = append(records, warcRecord("resource", "00000000-0000-4000-8000-300000000002", "https://news.example.org/story/6",
		"text/html", h3)) // not a response: not read
	chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(h3), h3)
	records = append(records, warcRecord("response", "00000000-0000-4000-8000-200000000007", "https://news.example.org/story/7", httpRec,
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"+chunked))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(h1))
	zw.Close()
	records = append(records, warcRecord("response", "", "https://news.example.org/story/8", httpRec,
		httpResponse("200 OK", "text/html", "Content-Encoding: gzip\r\n", gz.String())))
	want = []warcPage{
		{"<urn:uuid:00000000-0000-4000-8000-200000000001>", "https://news.example.org/story/1", h1},
		{"<urn:uuid:00000000-0000-4000-8000-200000000005>", "https://news.example.org/story/5", h2},
		{"<urn:uuid:00000000-0000-4000-8000-200000000007>", "https://news.example.org/story/7", h3},
		{"", "https://news.example.org/story/8", h1}, // no record id: keyed by offset
	}
	return records, want
}

type warcPage struct{ key, url, body string }

// gzipEach compresses each record as its own gzip member, as .warc.gz files
// are written.
func gzipEach(records []string) []byte {
	var out bytes.Buffer
	for _, r := range records {
		zw := gzip.NewWriter(&out)
		zw.Write([]byte(r))
		zw.Close()
	}
	return out.Bytes()
}

func TestWARCSource(t *testing.T) {
	records, want := testWARC()
	dir := t.TempDir()
	plain := filepath.Join(dir, "crawl.warc")
	packed := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(plain, []byte(strings.Join(records, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(packed, gzipEach(records), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, packed} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			jobs, err := collect(t, src, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(jobs) != len(want) {
				for _, j := range jobs {
					t.Logf("job %s key %s err %v", j.Name, j.SourceKey, j.Err)
				}
				t.Fatalf("%d jobs, want %d", len(jobs), len(want))
			}
			for i, w := range want {
				j := jobs[i]
				if j.Err != nil {
					t.Errorf("%s: %v", j.Name, j.Err)
					continue
				}
				key := w.key
				if key == "" {
					key = "warc:" + path + "#offset="
				}
				if !strings.HasPrefix(j.SourceKey, key) {
					t.Errorf("job %d key %q, want %q", i, j.SourceKey, key)
				}
				if j.Meta.URL != w.url || !strings.HasSuffix(j.Name, " "+w.url) || !strings.HasPrefix(j.Name, path+"#") {
					t.Errorf("job %d: name %q url %q, want %q", i, j.Name, j.Meta.URL, w.url)
				}
				if string(j.Bytes) != w.body {
					t.Errorf("job %d body (%d bytes) %.60q, want the page without HTTP headers", i, len(j.Bytes), j.Bytes)
				}
				if !j.Meta.Crawled.Equal(time.Date(2024, 5, 3, 6, 7, 8, 0, time.UTC)) {
					t.Errorf("job %d crawled %v", i, j.Meta.Crawled)
				}
			}
		})
	}
}

func TestWARCDamaged(t *testing.T) {
	records, _ := testWARC()
	whole := strings.Join(records[:3], "")    // warcinfo, request 1, response 1
	cut := records[10][:len(records[10])-300] // the response of page 5
	tests := []struct {
		name       string
		data       string
		pages, bad int
		wantErr    bool
	}{
		{"empty", "", 0, 0, false},
		{"cut inside a page", whole + records[3] + cut, 1, 1, false},
		{"cut inside a header", whole + records[3][:40], 1, 0, false},
		{"not a WARC", "hello, this is not a WARC file at all\n", 0, 0, true},
		{"bare version line", "WARC/\n", 0, 0, true},
		{"garbage before a record", "junk" + whole, 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pages, bad int
			err := readWARC(context.Background(), strings.NewReader(tt.data), "x.warc", func(j Job) bool {
				if j.Err != nil {
					bad++
				} else {
					pages++
				}
				return true
			})
			if (err != nil) != tt.wantErr {
				t.Errorf("error = %v, want error %v", err, tt.wantErr)
			}
			if pages != tt.pages || bad != tt.bad {
				t.Errorf("%d pages and %d bad, want %d and %d", pages, bad, tt.pages, tt.bad)
			}
		})
	}
	// A .warc.gz cut inside a member.
	gz := gzipEach(records[:5])
	err := readWARC(context.Background(), bytes.NewReader(gz[:len(gz)-100]), "x.warc.gz", func(Job) bool { return true })
	if err == nil {
		t.Errorf("a gzip member cut short read without an error")
	}
}

// FuzzReadWARC: no bytes make the WARC reading path panic or hang, plain or
// gzipped.
func FuzzReadWARC(f *testing.F) {
	records, _ := testWARC()
	f.Add([]byte(strings.Join(records[:3], "")))
	f.Add(gzipEach(records[:3]))
	f.Add([]byte("WARC/1.0\r\nContent-Length: -5\r\n\r\n"))
	f.Add([]byte("WARC/\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		_ = readWARC(context.Background(), bytes.NewReader(b), "f.warc", func(j Job) bool {
			n++
			if j.Name == "" || j.SourceKey == "" {
				t.Fatalf("job without a name or key: %+v", j)
			}
			return n < 1000
		})
	})
}

package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sitrep/sitrep/internal/fetch"
)

// newsServer serves a small news site: an RSS feed, an Atom feed, pages, a
// redirect and a missing page. hits counts the requests of each path.
func newsServer(t *testing.T) (*httptest.Server, map[string]*atomic.Int64) {
	t.Helper()
	hits := map[string]*atomic.Int64{}
	for _, p := range []string{"/rss", "/atom", "/feed-as-text", "/a.html", "/b.html", "/c.html", "/old", "/missing", "/plain.txt"} {
		hits[p] = new(atomic.Int64)
	}
	mux := http.NewServeMux()
	var srv *httptest.Server
	rss := func() string {
		return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Invented Gazette</title><link>` + srv.URL + `/</link>
<item><title>A</title><link>` + srv.URL + `/a.html</link><pubDate>Fri, 03 May 2024 09:00:00 GMT</pubDate></item>
<item><title>B</title><link>/b.html</link></item>
<item><title>Old</title><link>` + srv.URL + `/old</link></item>
<item><title>Gone</title><link>` + srv.URL + `/missing</link></item>
<item><title>No link</title><description>nothing to fetch</description></item>
</channel></rss>`
	}
	atom := func() string {
		return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title><id>urn:x</id><updated>2024-05-03T09:00:00Z</updated>
<entry><title>C</title><id>urn:c</id><link href="` + srv.URL + `/c.html"/><updated>2024-05-04T10:00:00Z</updated></entry>
</feed>`
	}
	serve := func(path, ctype string, body func() string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			hits[path].Add(1)
			w.Header().Set("Content-Type", ctype)
			fmt.Fprint(w, body())
		})
	}
	serve("/rss", "application/rss+xml", rss)
	serve("/atom", "application/atom+xml; charset=utf-8", atom)
	serve("/feed-as-text", "text/xml", rss) // a feed told by its root element
	serve("/a.html", "text/html; charset=utf-8", func() string { return articleHTML(21, 4) })
	serve("/b.html", "text/html", func() string { return articleHTML(22, 4) })
	serve("/c.html", "text/html", func() string { return articleHTML(23, 4) })
	serve("/plain.txt", "text/plain", func() string { return article(24, 4) })
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		hits["/old"].Add(1)
		http.Redirect(w, r, "/a.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		hits["/missing"].Add(1)
		http.NotFound(w, r)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, hits
}

func TestURLSource(t *testing.T) {
	srv, hits := newsServer(t)
	env := &Env{Fetch: fetch.Options{AllowPrivate: true}}
	type wantJob struct {
		name, url, published, body string
		err                        string
	}
	u := srv.URL
	rssItems := []wantJob{
		{name: u + "/a.html", url: u + "/a.html", published: "2024-05-03T09:00:00Z", body: articleHTML(21, 4)},
		{name: u + "/b.html", url: u + "/b.html", body: articleHTML(22, 4)}, // relative link resolved
		{name: u + "/old", url: u + "/a.html", body: articleHTML(21, 4)},    // redirected
		{name: u + "/missing", err: "404"},
		{name: u + "/rss item 5", err: "no link"},
	}
	tests := []struct {
		arg  string
		want []wantJob
	}{
		{"/rss", rssItems},
		{"/feed-as-text", func() []wantJob {
			w := append([]wantJob(nil), rssItems...)
			w[4].name = u + "/feed-as-text item 5"
			return w
		}()},
		{"/atom", []wantJob{{name: u + "/c.html", url: u + "/c.html", published: "2024-05-04T10:00:00Z", body: articleHTML(23, 4)}}},
		{"/a.html", []wantJob{{name: u + "/a.html", url: u + "/a.html", body: articleHTML(21, 4)}}},
		{"/plain.txt", []wantJob{{name: u + "/plain.txt", url: u + "/plain.txt", body: article(24, 4)}}},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			src, err := Open(u + tt.arg)
			if err != nil {
				t.Fatal(err)
			}
			jobs, err := collect(t, src, env)
			if err != nil {
				t.Fatal(err)
			}
			if len(jobs) != len(tt.want) {
				t.Fatalf("jobs %v, want %d", names(jobs), len(tt.want))
			}
			for i, w := range tt.want {
				j := jobs[i]
				if j.Name != w.name {
					t.Errorf("job %d name %q, want %q", i, j.Name, w.name)
				}
				if w.err != "" {
					if j.Err == nil || !strings.Contains(j.Err.Error(), w.err) {
						t.Errorf("%s: error %v, want %q", j.Name, j.Err, w.err)
					}
					continue
				}
				if j.Err != nil {
					t.Errorf("%s: %v", j.Name, j.Err)
					continue
				}
				if j.SourceKey != j.Name || j.Meta.URL != w.url || j.Meta.Published != w.published || string(j.Bytes) != w.body {
					t.Errorf("%s: key %q url %q published %q, %d bytes", j.Name, j.SourceKey, j.Meta.URL, j.Meta.Published, len(j.Bytes))
				}
			}
		})
	}

	t.Run("stored URL not fetched", func(t *testing.T) {
		before := hits["/a.html"].Load()
		env := &Env{Fetch: fetch.Options{AllowPrivate: true}, HasSource: func(_ context.Context, key string) (bool, error) {
			return key == u+"/a.html", nil
		}}
		jobs, err := collect(t, urlSource{url: u + "/a.html"}, env)
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs) != 1 || jobs[0].SourceKey != u+"/a.html" || jobs[0].Bytes != nil {
			t.Errorf("jobs %+v", jobs)
		}
		if hits["/a.html"].Load() != before {
			t.Errorf("a stored URL was fetched")
		}
	})

	t.Run("private address refused", func(t *testing.T) {
		_, err := collect(t, urlSource{url: u + "/rss"}, &Env{})
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("error %v, want a refusal", err)
		}
	})
}

func TestFeedFile(t *testing.T) {
	srv, _ := newsServer(t)
	dir := t.TempDir()
	body := strings.ReplaceAll(`<rss version="2.0"><channel><title>Saved</title>
<item><link>SRV/a.html</link></item><item><link>b.html</link></item></channel></rss>`, "SRV", srv.URL)
	p := filepath.Join(dir, "saved.rss")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := collect(t, src, &Env{Fetch: fetch.Options{AllowPrivate: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 || jobs[0].Err != nil || string(jobs[0].Bytes) != articleHTML(21, 4) {
		t.Fatalf("jobs %+v", jobs)
	}
	if jobs[1].Err == nil { // a relative link with no feed URL to resolve it against
		t.Errorf("relative link in a feed file: no error")
	}

	if err := os.WriteFile(p, []byte("<html><body>not a feed</body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := collect(t, feedFileSource{name: p}, &Env{}); err == nil || !strings.Contains(err.Error(), "not an RSS") {
		t.Errorf("error %v for a page saved as .rss", err)
	}
}

func TestIsFeed(t *testing.T) {
	tests := []struct {
		ctype, body string
		want        bool
	}{
		{"application/rss+xml", "", true},
		{"application/atom+xml; charset=utf-8", "", true},
		{"text/html", "<rss version=\"2.0\">", false},
		{"text/xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>", true},
		{"application/xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", true},
		{"", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>", true},
		{"", "<!DOCTYPE html><html><body>page</body></html>", false},
		{"application/xml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>", false},
		{"application/json", "{\"version\": \"x\"}", false},
		{"", "plain words", false},
	}
	for _, tt := range tests {
		if got := isFeed(tt.ctype, []byte(tt.body)); got != tt.want {
			t.Errorf("isFeed(%q, %.30q) = %v, want %v", tt.ctype, tt.body, got, tt.want)
		}
	}
}

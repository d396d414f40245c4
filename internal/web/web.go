// Package web serves sitrep's situation page: the map of events, the
// timeline, the filters, the event detail with its claims table, the article
// reader and the entity view. The page is a static bundle built from the
// sources in the repository's web/ directory (npm and esbuild, `make web`);
// it talks to the JSON API under /api/ and holds every view in the URL's
// hash, so any view can be shared as a link.
//
// The build output is not committed, so it is not embedded either: Handler
// serves it from a directory on disk found at run time (by default the
// repository's web/dist), and while that directory holds no built page it
// answers every request with a short page that says how to build it. The Go
// build and its tests therefore never need npm.
package web

import (
	"fmt"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// BuildHint is the command that builds the page, as the placeholder page
// and the messages give it.
const BuildHint = "make web   (or: npm --prefix web ci && npm --prefix web run build)"

// contentSecurityPolicy lets the page load only its own scripts, styles,
// images and data: an article's text that slipped into the DOM as markup
// still could not run a script or fetch from elsewhere. The page builds its
// DOM with textContent, so this is a second line, not the first.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// DefaultDir returns the directory of the built page when none is given:
// web/dist in the working directory or in the nearest parent directory that
// has one (so that `go run ./cmd/sitrep serve` and the tests of any package
// find it), or "" when there is none.
func DefaultDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		d := filepath.Join(dir, "web", "dist")
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "" // the module root: look no higher
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Built reports whether dir holds a built page (its index.html).
func Built(dir string) bool {
	if dir == "" {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, "index.html"))
	return err == nil && fi.Mode().IsRegular()
}

// Handler serves the built page in dir at "/": index.html at the root and
// the bundle's files by name; dir "" means DefaultDir(), looked for on each
// request until it is found. Only GET and HEAD
// are answered. Directories are not listed. While dir holds no index.html —
// the page was never built — every request gets a plain page (503) that
// says how to build it; the directory is looked at on each request, so a
// build finished while the server runs is served without a restart.
//
// The handler is meant to be mounted beside the API, which keeps /api/ and
// the other routes it owns: Mount does that.
func Handler(dir string) http.Handler {
	return &handler{dir: dir}
}

// Mount returns the handler of a whole site: the API's paths (/api/...,
// /healthz and /metrics) go to api, every other path to the page built in
// dir (see Handler; "" finds web/dist).
func Mount(api http.Handler, dir string) http.Handler {
	page := Handler(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if IsAPIPath(r.URL.Path) {
			api.ServeHTTP(w, r)
			return
		}
		page.ServeHTTP(w, r)
	})
}

// IsAPIPath tells whether a path belongs to the API rather than the page.
func IsAPIPath(p string) bool {
	return p == "/api" || strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/metrics"
}

type handler struct {
	dir string // "" looks for DefaultDir on each request
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Security-Policy", contentSecurityPolicy)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	dir := h.dir
	if dir == "" {
		dir = DefaultDir()
	}
	if !Built(dir) {
		notBuilt(w, r, dir)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	switch {
	case p == "/" || p == "/index.html":
		// The page names its bundle by content hash, so the page itself
		// must be revalidated to pick up a new build.
		hd.Set("Cache-Control", "no-cache")
	case strings.HasPrefix(p, "/assets/"):
		// Bundle files are named by the hash of their content.
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		hd.Set("Cache-Control", "no-cache")
	}
	http.FileServer(noDirs{http.Dir(dir)}).ServeHTTP(w, r)
}

// notBuilt answers while the page has not been built.
func notBuilt(w http.ResponseWriter, r *http.Request, dir string) {
	where := "no web/dist directory was found"
	if dir != "" {
		where = "there is no index.html in " + dir
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprintf(w, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitrep: the page is not built</title></head>
<body>
<h1>sitrep: the web page is not built</h1>
<p>The API is up under <a href="/api/openapi.json">/api/</a>, but %s.</p>
<p>Build the page from the repository root, then reload (no restart needed):</p>
<pre>make web</pre>
<p>or, without make:</p>
<pre>npm --prefix web ci &amp;&amp; npm --prefix web run build</pre>
<p>It needs Node.js 20 or later and npm. To serve a page built elsewhere, give its directory with <code>--web DIR</code>.</p>
</body></html>
`, html.EscapeString(where))
}

// noDirs is a file system that refuses to open directories other than the
// root, so that the file server lists none and serves only files.
type noDirs struct{ fs http.FileSystem }

func (n noDirs) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if name == "/" || name == "" {
		return f, nil // the root: the file server serves its index.html
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if fi.IsDir() {
		f.Close()
		return nil, os.ErrNotExist
	}
	return f, nil
}

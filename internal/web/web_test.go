package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHandlerNotBuilt(t *testing.T) {
	dir := t.TempDir()
	h := Handler(dir)
	for _, p := range []string{"/", "/index.html", "/assets/main.js"} {
		res, body := get(t, h, http.MethodGet, p)
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("GET %s: %d, want 503 while the page is not built", p, res.StatusCode)
		}
		for _, want := range []string{"make web", "npm --prefix web ci &amp;&amp; npm --prefix web run build", "--web DIR"} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the page does not say %q:\n%s", p, want, body)
			}
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", p, ct)
		}
	}
	// Built while the server runs: served without a restart.
	write(t, filepath.Join(dir, "index.html"), "<!doctype html><title>page</title>")
	if res, body := get(t, h, http.MethodGet, "/"); res.StatusCode != http.StatusOK || !strings.Contains(body, "<title>page</title>") {
		t.Errorf("after the build GET / gives %d %q", res.StatusCode, body)
	}
}

func TestHandlerServesTheBuild(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "index.html"), "<!doctype html><title>sitrep</title>")
	write(t, filepath.Join(dir, "assets", "main-ABC.js"), "console.log(1)")
	write(t, filepath.Join(filepath.Dir(dir), "secret.txt"), "no")
	h := Handler(dir)

	res, body := get(t, h, http.MethodGet, "/")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "<title>sitrep</title>") {
		t.Fatalf("GET /: %d %q", res.StatusCode, body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("GET /: Cache-Control %q, want no-cache", cc)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "object-src 'none'", "default-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("GET /: the Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if v := res.Header.Get("X-Content-Type-Options"); v != "nosniff" {
		t.Errorf("GET /: X-Content-Type-Options %q", v)
	}

	res, body = get(t, h, http.MethodGet, "/assets/main-ABC.js")
	if res.StatusCode != http.StatusOK || body != "console.log(1)" {
		t.Errorf("GET /assets/main-ABC.js: %d %q", res.StatusCode, body)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("GET an asset: Cache-Control %q, want immutable", cc)
	}
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("GET an asset: Content-Type %q", ct)
	}

	for _, p := range []string{"/assets/", "/assets", "/nope.js", "/../secret.txt", "/assets/../../secret.txt"} {
		res, body := get(t, h, http.MethodGet, p)
		if res.StatusCode == http.StatusOK {
			t.Errorf("GET %s: 200 %q; want no listing and nothing outside the directory", p, body)
		}
	}

	if res, _ := get(t, h, http.MethodHead, "/"); res.StatusCode != http.StatusOK {
		t.Errorf("HEAD /: %d", res.StatusCode)
	}
	res, _ = get(t, h, http.MethodPost, "/")
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestDefaultDir(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module x\n")
	sub := filepath.Join(root, "internal", "pkg")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	if d := DefaultDir(); d != "" {
		t.Errorf("DefaultDir() = %q with no web/dist, want \"\"", d)
	}
	if err := os.MkdirAll(filepath.Join(root, "web", "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(filepath.Join(root, "web", "dist"))
	got, _ := filepath.EvalSymlinks(DefaultDir())
	if got != want {
		t.Errorf("DefaultDir() = %q, want %q", got, want)
	}
	if Built(want) {
		t.Error("Built reports a directory without index.html as built")
	}
	write(t, filepath.Join(want, "index.html"), "x")
	if !Built(want) {
		t.Error("Built does not see index.html")
	}
}

func TestMount(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "index.html"), "<!doctype html><title>page</title>")
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"api":"`+r.URL.Path+`"}`)
	})
	h := Mount(api, dir)
	for p, want := range map[string]string{
		"/":                `<title>page</title>`,
		"/api/events":      `{"api":"/api/events"}`,
		"/api/events/12":   `{"api":"/api/events/12"}`,
		"/api":             `{"api":"/api"}`,
		"/healthz":         `{"api":"/healthz"}`,
		"/metrics":         `{"api":"/metrics"}`,
		"/apiary":          `404`,
		"/api.geojson.bak": `404`,
	} {
		res, body := get(t, h, http.MethodGet, p)
		if want == "404" {
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d %q, want the page's 404", p, res.StatusCode, body)
			}
			continue
		}
		if !strings.Contains(body, want) {
			t.Errorf("GET %s: %q, want %q", p, body, want)
		}
	}
}

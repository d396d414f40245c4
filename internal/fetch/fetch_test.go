package fetch

// Every test here talks only to httptest servers on 127.0.0.1 (or to nothing
// at all): no request and no DNS lookup ever leaves the machine. The address
// classifier is tested directly on a table of literal addresses.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// newTestServer serves a few fixed routes:
//
//	/ok          200, small HTML page
//	/r/N         redirect to /r/N-1; /r/0 is a 200 page
//	/big/N       200 with N bytes and a Content-Length
//	/chunked/N   200 with N bytes streamed without a Content-Length
//	/404         404
//	/500         500
//	/sleep       waits until the client gives up (at most 5s)
//	/to?u=URL    redirect to URL
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-UA", r.UserAgent())
		fmt.Fprint(w, "<html><title>ok</title><p>UA="+r.UserAgent()+"</p></html>")
	})
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil {
			http.Error(w, "bad n", http.StatusBadRequest)
			return
		}
		if n == 0 {
			fmt.Fprint(w, "end of chain")
			return
		}
		http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/big/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		w.Header().Set("Content-Length", strconv.Itoa(n))
		fmt.Fprint(w, strings.Repeat("x", n))
	})
	mux.HandleFunc("/chunked/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		for i := 0; i < n; i += 10 {
			fmt.Fprint(w, strings.Repeat("y", min(10, n-i)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/sleep", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/to", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("u"), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := newTestServer(t)
	local := Options{AllowPrivate: true}

	tests := []struct {
		name    string
		path    string
		opt     Options
		wantErr string // substring; "" means success
		wantURL string // path of Result.URL on success
		wantLen int    // body length on success, if >0
	}{
		{name: "success", path: "/ok", opt: local, wantURL: "/ok"},
		{name: "no redirect", path: "/r/0", opt: local, wantURL: "/r/0"},
		{name: "redirect chain of 5 ok", path: "/r/5", opt: local, wantURL: "/r/0"},
		{name: "redirect chain of 6 fails", path: "/r/6", opt: local, wantErr: "/r/6: stopped after 5 redirects (next was http://127.0.0.1:"},
		{name: "redirect limit 2 allows 2", path: "/r/2", opt: Options{AllowPrivate: true, MaxRedirects: 2}, wantURL: "/r/0"},
		{name: "redirect limit 2 refuses 3", path: "/r/3", opt: Options{AllowPrivate: true, MaxRedirects: 2}, wantErr: "stopped after 2 redirects"},
		{name: "negative limit follows none", path: "/r/1", opt: Options{AllowPrivate: true, MaxRedirects: -1}, wantErr: "stopped after 0 redirects"},
		{name: "body at limit ok", path: "/big/100", opt: Options{AllowPrivate: true, MaxBytes: 100}, wantURL: "/big/100", wantLen: 100},
		{name: "body over limit fails", path: "/big/101", opt: Options{AllowPrivate: true, MaxBytes: 100}, wantErr: "page larger than 100 bytes"},
		{name: "chunked body at limit ok", path: "/chunked/100", opt: Options{AllowPrivate: true, MaxBytes: 100}, wantURL: "/chunked/100", wantLen: 100},
		{name: "chunked body over limit fails", path: "/chunked/101", opt: Options{AllowPrivate: true, MaxBytes: 100}, wantErr: "page larger than 100 bytes"},
		{name: "404 fails", path: "/404", opt: local, wantErr: "HTTP 404 Not Found"},
		{name: "500 fails", path: "/500", opt: local, wantErr: "HTTP 500"},
		{name: "timeout fails", path: "/sleep", opt: Options{AllowPrivate: true, Timeout: 100 * time.Millisecond}, wantErr: "timed out after 100ms"},
		{name: "redirect to file fails", path: "/to?u=" + url.QueryEscape("file:///etc/passwd"), opt: local, wantErr: `unsupported scheme "file"`},
		{name: "redirect to ftp fails", path: "/to?u=" + url.QueryEscape("ftp://127.0.0.1/x"), opt: local, wantErr: `unsupported scheme "ftp"`},
		{name: "redirect to javascript fails", path: "/to?u=" + url.QueryEscape("javascript:alert(1)"), opt: local, wantErr: `unsupported scheme "javascript"`},
		{name: "loopback refused", path: "/ok", opt: Options{}, wantErr: "address 127.0.0.1 is loopback (use --allow-private)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res, err := Fetch(context.Background(), srv.URL+tt.path, tt.opt)
			if elapsed := time.Since(start); elapsed > 3*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("got success (%s), want error containing %q", res.URL, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %q does not contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if want := srv.URL + tt.wantURL; res.URL != want {
				t.Errorf("URL = %q, want %q", res.URL, want)
			}
			if res.Status != http.StatusOK {
				t.Errorf("Status = %d", res.Status)
			}
			if tt.wantLen > 0 && len(res.Body) != tt.wantLen {
				t.Errorf("len(Body) = %d, want %d", len(res.Body), tt.wantLen)
			}
		})
	}
}

func TestFetchResult(t *testing.T) {
	srv := newTestServer(t)
	res, err := Fetch(context.Background(), srv.URL+"/ok", Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.ContentType != "text/html; charset=utf-8" {
		t.Errorf("ContentType = %q", res.ContentType)
	}
	if !strings.Contains(string(res.Body), "UA="+DefaultUserAgent) {
		t.Errorf("default user agent not sent; body %q", res.Body)
	}
	res, err = Fetch(context.Background(), srv.URL+"/ok", Options{AllowPrivate: true, UserAgent: "test-agent/1"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Body), "UA=test-agent/1") {
		t.Errorf("custom user agent not sent; body %q", res.Body)
	}
}

func TestFetchErrorTypes(t *testing.T) {
	srv := newTestServer(t)
	ctx := context.Background()

	_, err := Fetch(ctx, srv.URL+"/404", Options{AllowPrivate: true})
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 || se.URL != srv.URL+"/404" {
		t.Errorf("404: got %v, want *StatusError for %s", err, srv.URL+"/404")
	}

	_, err = Fetch(ctx, srv.URL+"/big/2048", Options{AllowPrivate: true, MaxBytes: 1024})
	var te *TooLargeError
	if !errors.As(err, &te) || te.Limit != 1024 {
		t.Errorf("too large: got %v, want *TooLargeError", err)
	}

	_, err = Fetch(ctx, srv.URL+"/ok", Options{})
	var be *BlockedError
	if !errors.As(err, &be) || be.Reason != "loopback" {
		t.Errorf("blocked: got %v, want *BlockedError", err)
	}
	if want := "refusing to fetch " + srv.URL + "/ok: address 127.0.0.1 is loopback (use --allow-private)"; err == nil || err.Error() != want {
		t.Errorf("blocked message:\n got %v\nwant %s", err, want)
	}

	_, err = Fetch(ctx, srv.URL+"/sleep", Options{AllowPrivate: true, Timeout: 50 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: got %v, want context.DeadlineExceeded", err)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Fetch(cctx, srv.URL+"/ok", Options{AllowPrivate: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v, want context.Canceled", err)
	}
}

// TestFetchRefusesLocalNames checks the guard on names that resolve to
// loopback through /etc/hosts (no DNS query is made for them) and on literal
// loopback and private addresses. Nothing listens on the private ones; the
// guard must refuse before any connection is attempted.
func TestFetchRefusesLocalNames(t *testing.T) {
	srv := newTestServer(t)
	_, port, _ := strings.Cut(strings.TrimPrefix(srv.URL, "http://"), ":")

	tests := []struct {
		url  string
		want string
	}{
		{"http://127.0.0.1:" + port + "/ok", "is loopback"},
		{"http://localhost:" + port + "/ok", "is loopback"},
		{"https://localhost:" + port + "/ok", "is loopback"},
		{"http://127.1.2.3:" + port + "/ok", "address 127.1.2.3 is loopback"},
		{"http://[::1]:" + port + "/ok", "address ::1 is loopback"},
		{"http://[::ffff:127.0.0.1]:" + port + "/ok", "is loopback"}, // Go dials it as 127.0.0.1
		{"http://0.0.0.0:" + port + "/ok", "address 0.0.0.0 is unspecified"},
		{"http://[::]:" + port + "/ok", "address :: is unspecified"},
		{"http://10.0.0.1/", "address 10.0.0.1 is private"},
		{"http://192.168.1.1/", "address 192.168.1.1 is private"},
		{"http://169.254.169.254/latest/meta-data/", "address 169.254.169.254 is link-local"},
		{"http://100.64.0.1/", "address 100.64.0.1 is carrier-grade NAT"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			res, err := Fetch(context.Background(), tt.url, Options{Timeout: 2 * time.Second})
			if err == nil {
				t.Fatalf("fetched %s, want refusal", res.URL)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "(use --allow-private)") {
				t.Fatalf("error %q, want it to contain %q and the --allow-private hint", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "refusing to fetch ") {
				t.Errorf("error %q does not start with \"refusing to fetch \"", err)
			}
		})
	}
}

// TestGuardOnRedirect shows the guard runs on every connection, not only the
// first: the test widens it to let through one local server (standing in for
// a public site) and that server redirects to a second local server, which
// must be refused.
func TestGuardOnRedirect(t *testing.T) {
	public := newTestServer(t)
	internal := newTestServer(t)
	publicAddr := netip.MustParseAddrPort(strings.TrimPrefix(public.URL, "http://"))

	old := dialGuard
	t.Cleanup(func() { dialGuard = old })
	dialGuard = func(address string) error {
		if ap, err := netip.ParseAddrPort(address); err == nil && ap == publicAddr {
			return nil
		}
		return checkDialAddr(address)
	}

	// Sanity: the stand-in public server is reachable with the guard on.
	if _, err := Fetch(context.Background(), public.URL+"/ok", Options{}); err != nil {
		t.Fatalf("stand-in public server: %v", err)
	}

	target := internal.URL + "/ok"
	_, err := Fetch(context.Background(), public.URL+"/to?u="+url.QueryEscape(target), Options{})
	if err == nil {
		t.Fatal("redirect to a loopback server was followed")
	}
	want := "refusing to fetch " + target + ": address 127.0.0.1 is loopback (use --allow-private)"
	if err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}

	// A redirect chain on the allowed server still works.
	res, err := Fetch(context.Background(), public.URL+"/r/3", Options{})
	if err != nil || res.URL != public.URL+"/r/0" {
		t.Errorf("redirect chain on allowed server: %v", err)
	}
}

func TestBadSchemes(t *testing.T) {
	// None of these reach the network: CheckURL rejects them first.
	tests := []struct {
		url  string
		want string
	}{
		{"file:///etc/passwd", `unsupported scheme "file"`},
		{"FILE:///etc/passwd", `unsupported scheme "file"`},
		{"ftp://127.0.0.1/pub", `unsupported scheme "ftp"`},
		{"javascript:alert(1)", `unsupported scheme "javascript"`},
		{"data:text/html,<p>hi", `unsupported scheme "data"`},
		{"gopher://127.0.0.1/", `unsupported scheme "gopher"`},
		{"mailto:someone@127.0.0.1", `unsupported scheme "mailto"`},
		{"127.0.0.1/path", "no scheme"},
		{"//127.0.0.1/path", "no scheme"},
		{"", "empty URL"},
		{"   ", "empty URL"},
		{"http://", "no host"},
		{"http:///path", "no host"},
		{"http:127.0.0.1", "no host"},
		{"https://:443/", "no host"},
		{"http://127.0.0.1:0/", `invalid port "0"`},
		{"http://127.0.0.1:70000/", `invalid port "70000"`},
		{"http://127.0.0.1:x/", "invalid"},
		{"http://[::1/", "invalid"},
		{"http://a b/", "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if u, err := CheckURL(tt.url); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CheckURL(%q) = %v, %v; want error containing %q", tt.url, u, err, tt.want)
			}
			if _, err := Fetch(context.Background(), tt.url, Options{AllowPrivate: true, Timeout: time.Second}); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Fetch(%q) error = %v; want error containing %q", tt.url, err, tt.want)
			}
		})
	}
}

func TestCheckURLOK(t *testing.T) {
	// Syntax only: nothing is resolved or fetched.
	tests := []string{
		"http://example.com",
		"https://example.com/a/b?c=d#e",
		"HTTPS://Example.COM/",
		"  https://example.com/  ",
		"http://127.0.0.1:8080/x",
		"http://[::1]:8080/x",
		"http://user:pass@example.com/",
		"https://xn--bcher-kva.example/",
	}
	for _, s := range tests {
		u, err := CheckURL(s)
		if err != nil {
			t.Errorf("CheckURL(%q): %v", s, err)
			continue
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Errorf("CheckURL(%q).Scheme = %q", s, u.Scheme)
		}
	}
}

func TestClientHasNoProxy(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:9")
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:9")
	c := newClient(Options{}.withDefaults())
	tr, ok := c.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport is %T", c.Transport)
	}
	if tr.Proxy != nil {
		t.Error("transport uses a proxy function; it must not")
	}
}

func TestWithDefaults(t *testing.T) {
	o := Options{}.withDefaults()
	if o.Timeout != 20*time.Second || o.MaxBytes != 10<<20 || o.MaxRedirects != 5 || !strings.HasPrefix(o.UserAgent, "sitrep/") {
		t.Errorf("defaults = %+v", o)
	}
	if got := (&TooLargeError{Limit: o.MaxBytes}).Error(); got != "page larger than 10 MB" {
		t.Errorf("default too-large message = %q", got)
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{10 << 20, "10 MB"},
		{1 << 20, "1 MB"},
		{3 << 19, "1.5 MB"},
		{64 << 10, "64 KB"},
		{1000, "1000 bytes"},
		{100, "100 bytes"},
	}
	for _, tt := range tests {
		if got := formatSize(tt.n); got != tt.want {
			t.Errorf("formatSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestClassifyIP(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" = public, allowed
	}{
		// Loopback.
		{"127.0.0.1", "loopback"},
		{"127.255.255.254", "loopback"},
		{"::1", "loopback"},
		// Private.
		{"10.0.0.1", "private"},
		{"10.255.255.255", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"fc00::1", "private"},
		{"fd12:3456:789a::1", "private"},
		{"fec0::1", "private"},
		// Link-local.
		{"169.254.169.254", "link-local"},
		{"169.254.0.1", "link-local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		// Multicast.
		{"224.0.0.1", "multicast"},
		{"239.255.255.250", "multicast"},
		{"ff02::1", "multicast"},
		{"ff05::2", "multicast"},
		// Unspecified and "this network".
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"::", "unspecified"},
		// CGNAT.
		{"100.64.0.1", "carrier-grade NAT (shared)"},
		{"100.127.255.255", "carrier-grade NAT (shared)"},
		// Reserved and broadcast.
		{"255.255.255.255", "reserved"},
		{"240.0.0.1", "reserved"},
		{"192.0.2.1", "reserved"},
		{"2001:db8::1", "reserved"},
		// IPv4-mapped IPv6.
		{"::ffff:127.0.0.1", "loopback (IPv4-mapped)"},
		{"::ffff:10.1.2.3", "private (IPv4-mapped)"},
		{"::ffff:169.254.169.254", "link-local (IPv4-mapped)"},
		{"::ffff:0.0.0.0", "unspecified (IPv4-mapped)"},
		{"::ffff:100.64.0.1", "carrier-grade NAT (shared) (IPv4-mapped)"},
		{"::ffff:224.0.0.1", "multicast (IPv4-mapped)"},
		// Other IPv6 forms that carry an IPv4 address.
		{"::127.0.0.1", "loopback (IPv4-compatible)"},
		{"64:ff9b::127.0.0.1", "loopback (NAT64)"},
		{"64:ff9b::a9fe:a9fe", "link-local (NAT64)"},
		{"2002:7f00:1::", "loopback (6to4)"},
		{"2002:c0a8:101::1", "private (6to4)"},
		// Public.
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"93.184.216.34", ""},
		{"172.15.255.255", ""},
		{"172.32.0.1", ""},
		{"100.63.255.255", ""},
		{"100.128.0.1", ""},
		{"169.253.255.255", ""},
		{"192.169.0.1", ""},
		{"11.0.0.1", ""},
		{"223.255.255.255", ""},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::808:808", ""},
		{"2002:808:808::1", ""},
		{"2001:4860:4860::8888", ""},
		{"2606:4700:4700::1111", ""},
		{"2a00:1450:4001:81b::200e", ""},
	}
	for _, tt := range tests {
		ip := netip.MustParseAddr(tt.addr)
		if got := classifyIP(ip); got != tt.want {
			t.Errorf("classifyIP(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
	if got := classifyIP(netip.Addr{}); got == "" {
		t.Error("zero Addr classified as public")
	}
}

func TestCheckDialAddr(t *testing.T) {
	tests := []struct {
		address string
		ok      bool
	}{
		{"8.8.8.8:443", true},
		{"[2001:4860:4860::8888]:443", true},
		{"127.0.0.1:80", false},
		{"[::1]:80", false},
		{"[::ffff:127.0.0.1]:80", false},
		{"[fe80::1%eth0]:80", false},
		{"10.0.0.1:80", false},
		{"not-an-address:80", false}, // fails closed
		{"8.8.8.8", false},           // no port: unparsable, fails closed
		{"", false},
	}
	for _, tt := range tests {
		err := checkDialAddr(tt.address)
		if (err == nil) != tt.ok {
			t.Errorf("checkDialAddr(%q) = %v, want ok=%v", tt.address, err, tt.ok)
		}
	}
	if err := guardControl("udp", "8.8.8.8:53", nil); err == nil {
		t.Error("guardControl allowed a udp dial")
	}
	if err := guardControl("tcp4", "8.8.8.8:443", nil); err != nil {
		t.Errorf("guardControl refused a public tcp4 address: %v", err)
	}
}

package api

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestQueryTimeout(t *testing.T) {
	f := newFake(1)
	f.block = true
	h := New(f, Options{Logger: quiet, QueryTimeout: 20 * time.Millisecond})
	w := call(t, h, "GET", "/api/events", nil)
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503: %s", w.Code, w.Body)
	}
	errorBody(t, w)
}

// TestServeShutsDownGracefully starts Serve on a free port, holds a request
// in flight, cancels the context and checks that the request still gets
// its answer and Serve returns nil.
func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	started := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, mux, quiet) }()

	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond) // Shutdown has closed the listener
	if _, err := http.Get("http://" + ln.Addr().String() + "/slow"); err == nil {
		t.Error("a new request was served after shutdown began")
	}
	close(release)
	if s := <-got; s != "done" {
		t.Errorf("request in flight got %q", s)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
}

func TestServeReturnsListenerErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	err = Serve(context.Background(), ln, http.NotFoundHandler(), quiet)
	if err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Serve on a closed listener: %v", err)
	}
}

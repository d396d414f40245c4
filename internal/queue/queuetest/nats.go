// Package queuetest has what the tests of the work queue need: a real
// nats-server with JetStream (Start) — a process of its own on a free port
// of 127.0.0.1, storing in a temporary directory, killed when the test
// ends — a PostgreSQL database of the test's own (Postgres), and invented
// articles. Tests that need a server skip, saying why, when there is none:
// no nats-server binary ($SITREP_NATS_SERVER, /usr/sbin/nats-server, or
// nats-server on the PATH), no PostgreSQL at $SITREP_TEST_POSTGRES or
// postgres://postgres@127.0.0.1:5432/postgres.
package queuetest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// Server is one nats-server process.
type Server struct {
	// URL is nats://127.0.0.1:PORT; it stays the same across Restart.
	URL  string
	Port int
	// Dir is the JetStream store directory.
	Dir string

	t   testing.TB
	bin string

	mu  sync.Mutex
	cmd *exec.Cmd
	out *bytes.Buffer
}

// Binary finds the nats-server binary, "" when there is none.
func Binary() string {
	if b := os.Getenv("SITREP_NATS_SERVER"); b != "" {
		return b
	}
	if _, err := os.Stat("/usr/sbin/nats-server"); err == nil {
		return "/usr/sbin/nats-server"
	}
	if b, err := exec.LookPath("nats-server"); err == nil {
		return b
	}
	return ""
}

// Start starts a server for the test, or skips the test when there is no
// nats-server binary. The server is killed when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		t.Skip("no nats-server binary (install the nats-server package, or set SITREP_NATS_SERVER to one): the queue tests need a real JetStream server")
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{URL: "nats://127.0.0.1:" + strconv.Itoa(port), Port: port, Dir: t.TempDir(), t: t, bin: bin}
	s.start()
	t.Cleanup(s.Kill)
	return s
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) start() {
	s.t.Helper()
	s.mu.Lock()
	s.out = &bytes.Buffer{}
	s.cmd = exec.Command(s.bin, "-a", "127.0.0.1", "-p", strconv.Itoa(s.Port), "-js", "-sd", s.Dir)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	err := s.cmd.Start()
	s.mu.Unlock()
	if err != nil {
		s.t.Fatalf("starting %s: %v", s.bin, err)
	}
	s.waitReady()
}

// waitReady waits until the server answers JetStream requests.
func (s *Server) waitReady() {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		nc, err := nats.Connect(s.URL, nats.Timeout(time.Second))
		if err == nil {
			_, err = nc.Request("$JS.API.INFO", nil, time.Second)
			nc.Close()
			if err == nil {
				return
			}
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("nats-server on %s did not come up: %v\n%s", s.URL, last, s.Output())
}

// Output is what the server wrote.
func (s *Server) Output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out == nil {
		return ""
	}
	return s.out.String()
}

// Stop stops the server with SIGTERM and waits for it to exit.
func (s *Server) Stop() { s.signal(syscall.SIGTERM) }

// Kill kills the server with SIGKILL; it is what the end of the test does.
func (s *Server) Kill() { s.signal(syscall.SIGKILL) }

func (s *Server) signal(sig syscall.Signal) {
	s.mu.Lock()
	cmd := s.cmd
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(sig)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// Restart stops the server and starts it again on the same port and store.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.start()
}

// Crash kills the server with SIGKILL and starts it again on the same
// port and store.
func (s *Server) Crash() {
	s.t.Helper()
	s.Kill()
	s.start()
}

// String is the server's URL.
func (s *Server) String() string { return fmt.Sprintf("nats-server %s (store %s)", s.URL, s.Dir) }

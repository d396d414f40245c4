package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkAPIEvents serves GET /api/events over loopback from a real
// SQLite store, with parallel clients on keep-alive connections, and
// reports requests per second. Each request is parsed, queried, encoded,
// counted in the metrics and logged (to a discarding handler). cpu-µs/req
// is the CPU time the process (clients and server together) spent per
// request, which a busy machine does not distort as it does req/s.
//
//	go test -run=^$ -bench=BenchmarkAPIEvents ./internal/api/
//
// The 100k sub-benchmarks ask a store that also holds 100,000 synthetic
// events (sqlite.Generate). The sub-benchmark api-only serves the same page from the in-memory fake
// store: the cost of the HTTP and API layers alone.
func BenchmarkAPIEvents(b *testing.B) {
	srv := httptest.NewServer(New(openTestStore(b), Options{Logger: quiet}))
	defer srv.Close()
	// A large store: the test articles and 100,000 synthetic events.
	large := openTestStore(b)
	if err := large.Generate(context.Background(), 100_000, 1); err != nil {
		b.Fatal(err)
	}
	big := httptest.NewServer(New(large, Options{Logger: quiet}))
	defer big.Close()
	fake := httptest.NewServer(New(newFake(20), Options{Logger: quiet}))
	defer fake.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}}
	defer client.CloseIdleConnections()
	for _, c := range []struct{ name, base, query string }{
		{"page", srv.URL, "?limit=20"},
		{"filtered", srv.URL, "?country=UA&since=2024-03-01&class=attack"},
		{"near", srv.URL, "?near=49.99,36.23,50&limit=50"},
		{"100k/page", big.URL, "?limit=20"},
		{"100k/filtered", big.URL, "?country=UA&since=2023-01-01&class=attack&limit=20"},
		{"100k/near", big.URL, "?near=49.99,36.23,50&limit=50"},
		{"100k/text", big.URL, "?text=shelling&limit=20"},
		{"api-only", fake.URL, "?limit=20"},
	} {
		b.Run(c.name, func(b *testing.B) {
			url := c.base + "/api/events" + c.query
			b.SetParallelism(8) // 8 clients per CPU
			b.ResetTimer()
			cpu0 := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(url)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				// The process's CPU time, clients' and server's, per
				// request: what a request costs on a machine others share.
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/req")
			}
		})
	}
}

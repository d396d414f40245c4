package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/sitrep/sitrep/internal/store"
)

// metrics are the Prometheus metrics of one API handler, in a registry of
// its own (several handlers in one process, as in tests, do not clash):
//
//	sitrep_http_requests_total{route,method,status}            counter
//	sitrep_http_request_duration_seconds{route,method,status}  histogram
//	sitrep_store_items{kind}                                   gauge, read from the store at each scrape
//	sitrep_store_up                                            1 when the store answered the scrape
//
// and the Go runtime and process collectors. route is the pattern that
// served the request ("GET /api/events/{id}"), "unmatched" for none, so
// that ids do not explode the label set.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(st store.Store) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sitrep_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern, method and status.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
	}
	m.reg.MustRegister(m.requests, m.duration, &storeCollector{st: st},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, code).Inc()
	m.duration.WithLabelValues(route, method, code).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// storeCollector reads the store's counts at each scrape, with one Stats
// query.
type storeCollector struct {
	st store.Store
}

var (
	storeItemsDesc = prometheus.NewDesc("sitrep_store_items",
		"Items the store holds, by kind (articles, duplicates, events, reports, entities, quotes, claims, sources).",
		[]string{"kind"}, nil)
	storeUpDesc = prometheus.NewDesc("sitrep_store_up",
		"1 when the store answered the scrape's count query, 0 when it did not.", nil, nil)
)

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- storeItemsDesc
	ch <- storeUpDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := c.st.Stats(ctx)
	if err != nil || st == nil {
		ch <- prometheus.MustNewConstMetric(storeUpDesc, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(storeUpDesc, prometheus.GaugeValue, 1)
	for _, kv := range []struct {
		kind string
		n    int64
	}{
		{"articles", st.Articles}, {"duplicates", st.Duplicates}, {"events", st.Events}, {"reports", st.Reports},
		{"entities", st.Entities}, {"quotes", st.Quotes}, {"claims", st.Claims}, {"sources", st.Sources},
	} {
		ch <- prometheus.MustNewConstMetric(storeItemsDesc, prometheus.GaugeValue, float64(kv.n), kv.kind)
	}
}

// methodLabel keeps the method label to the methods HTTP defines, so that
// a client cannot grow the label set.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}

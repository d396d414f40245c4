package queue

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsHandler serves the worker's counts as Prometheus metrics, in a
// registry of its own:
//
//	sitrep_worker_jobs_total{result="stored|already|failed|handed_back"}  counter
//	sitrep_worker_duplicates_total                                         counter
//	sitrep_worker_redelivered_total                                        counter
//	sitrep_worker_store_errors_total                                       counter
//	sitrep_worker_ack_errors_total                                         counter
//	sitrep_worker_jobs_in_flight                                           gauge
//	sitrep_queue_jobs_pending                                              gauge, not yet delivered (at the last look)
//	sitrep_queue_jobs_unacked                                              gauge, delivered and not acknowledged, all workers
//
// and the Go runtime and process collectors.
func (w *Worker) MetricsHandler() http.Handler {
	reg := prometheus.NewRegistry()
	counter := func(name, help string, labels prometheus.Labels, v func() int64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help, ConstLabels: labels},
			func() float64 { return float64(v()) })
	}
	gauge := func(name, help string, v func() int64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help},
			func() float64 { return float64(v()) })
	}
	const jobs = "sitrep_worker_jobs_total"
	const jobsHelp = "Jobs finished by this worker, by result."
	reg.MustRegister(
		counter(jobs, jobsHelp, prometheus.Labels{"result": "stored"}, w.c.stored.Load),
		counter(jobs, jobsHelp, prometheus.Labels{"result": "already"}, w.c.already.Load),
		counter(jobs, jobsHelp, prometheus.Labels{"result": "failed"}, w.c.failed.Load),
		counter(jobs, jobsHelp, prometheus.Labels{"result": "handed_back"}, w.c.returned.Load),
		counter("sitrep_worker_duplicates_total", "Articles stored that nearly duplicate an earlier one.", nil, w.c.duplicates.Load),
		counter("sitrep_worker_redelivered_total", "Jobs delivered to this worker for a second time or more.", nil, w.c.redelivered.Load),
		counter("sitrep_worker_store_errors_total", "Failed stores of a batch or an article.", nil, w.c.storeErrors.Load),
		counter("sitrep_worker_ack_errors_total", "Acknowledgements the server did not confirm.", nil, w.c.ackErrors.Load),
		gauge("sitrep_worker_jobs_in_flight", "Jobs this worker holds: fetched and not yet finished.", func() int64 { return int64(w.held()) }),
		gauge("sitrep_queue_jobs_pending", "Jobs in the queue not yet delivered to a worker, at the last look.", w.c.pending.Load),
		gauge("sitrep_queue_jobs_unacked", "Jobs delivered to some worker and not yet acknowledged, at the last look.", w.c.ackPending.Load),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Package queue spreads ingest over machines through a NATS JetStream work
// queue: `sitrep ingest --queue` publishes one job per article instead of
// extracting it, and any number of `sitrep worker` processes, on any
// machines, pull the jobs, extract them and store them in a shared store
// (PostgreSQL; SQLite for one machine). The queue is JetStream's, not one of
// ours: persistence, de-duplication, acknowledgement, redelivery and flow
// control are the server's.
//
// # Stream and consumer
//
// The stream (SITREP_JOBS, subjects sitrep.jobs.>) has the work-queue
// retention policy — a message is removed once a worker acknowledges it —
// file storage, and a de-duplication window of 24 hours. Both producer and
// worker create it, or bring its settings up to date, when they start
// (EnsureStream), so either may start first. Workers share one durable pull
// consumer (sitrep-workers): explicit acknowledgement, AckWait 60s, at most
// MaxAckPending jobs delivered and not yet acknowledged across all workers,
// and at most MaxDeliver deliveries of one job.
//
// # Jobs
//
// A job message (Encode, Decode) is the raw bytes of one article — a page or
// a text, at most the reader's 10 MB, gzipped above 64 KB — with the
// metadata in headers: Sitrep-Name, Sitrep-Source-Key, Sitrep-Url,
// Sitrep-Published, Sitrep-Outlet, Sitrep-Crawled, and Sitrep-Encoding when
// gzipped. Header values are percent-escaped where a header could not carry
// them. Its Nats-Msg-Id is the source key (ingest.Job.SourceKey: a file's
// path, size and modification time, a WARC record id, a URL), so an input
// published twice within the window is stored in the stream once. A job
// larger than the server's max_payload (1 MB unless configured) is
// reported as a failed input.
//
// # Producer
//
// Producer is an ingest.Publisher: ingest.Publish runs the usual sources
// and loaders and hands it each job. It publishes asynchronously with at
// most MaxPending publishes awaiting the server's acknowledgement — when the
// workers fall behind and the server is slow to take more, publishing waits
// (backpressure). A publish that fails (the server restarting, a timeout) is
// retried with backoff for up to RetryFor with the same message id, so a
// retry of a job that did get in is dropped by the server as a duplicate:
// nothing is lost or doubled.
//
// # Worker
//
// Worker.Run fetches jobs in batches, never holding more than InFlight
// jobs (backpressure), decodes each, skips one whose source the store has
// already, extracts the others on all cores (extract.Extract), and stores
// the articles with one store.Put — one transaction — per batch of up to
// Batch articles or FlushEvery. Every job of a batch is acknowledged only
// after its Put returned nil, and acknowledged with the server's
// confirmation (double ack). Hence:
//
//   - A worker killed at any point (SIGKILL, a crash, the machine lost)
//     leaves its unacknowledged jobs to be redelivered after AckWait; the
//     store's idempotent Put (by source key and content id) makes a job that
//     was stored but not acknowledged change nothing the second time.
//   - A job whose article cannot be decoded or extracted is terminated
//     (Term) and logged as failed: it is not redelivered.
//   - A failed Put is retried with exponential backoff, for as long as the
//     store does not answer (PostgreSQL restarted or its connections
//     dropped). When the store answers but keeps refusing some article,
//     that job is handed back with a delay (Nak) and delivered again up to
//     MaxDeliver times; the jobs that exhaust MaxDeliver are logged from
//     the server's advisory as dead letters, and stay in the stream.
//   - Jobs held longer than a third of AckWait (a long batch, a store being
//     retried) are kept alive with InProgress heartbeats.
//   - When its context ends (SIGTERM) Run stops fetching, finishes,
//     stores and acknowledges the jobs it holds, and returns.
//
// Workers log their counts every few seconds and, on request, expose them
// as Prometheus metrics (Metrics); Status reads the stream's and the
// consumer's counts — jobs waiting, delivered but unacknowledged,
// redelivered — which is the lag `sitrep status` shows.
package queue

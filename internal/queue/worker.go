package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
)

// Defaults of WorkerOptions.
const (
	DefaultBatch      = 32
	DefaultFlushEvery = 200 * time.Millisecond
	DefaultFetchWait  = time.Second
	DefaultLogEvery   = 5 * time.Second
	DefaultRetryMax   = 30 * time.Second
)

// WorkerOptions tune a Worker. Zero values mean the defaults.
type WorkerOptions struct {
	// Batch is the most jobs fetched at once and the most articles stored
	// in one transaction; default 32.
	Batch int
	// Workers is the number of extraction goroutines; default
	// runtime.GOMAXPROCS(0), one per core.
	Workers int
	// InFlight is the most jobs the worker holds at once, fetched and not
	// yet acknowledged; default 4×Batch + Workers, so that the extractors
	// keep busy while a batch is being stored.
	InFlight int
	// FlushEvery is the longest an extracted article waits for its batch
	// to fill; default 200 ms.
	FlushEvery time.Duration
	// FetchWait is the longest one fetch waits for jobs; default 1s. A
	// stopping worker stops within about this time plus its last batch.
	FetchWait time.Duration
	// ExitWhenEmpty ends Run once the queue is drained: no job waiting and
	// none delivered and unacknowledged, to this worker or another.
	ExitWhenEmpty bool
	// LogEvery is the interval of the counts in the log; default 5s.
	LogEvery time.Duration
	// RetryMax caps the wait between two tries of a failed Put; default
	// 30s.
	RetryMax time.Duration
	// RefusedDelay is how long a job whose article the store refused waits
	// before it is delivered again; default 30s.
	RefusedDelay time.Duration
	// Logger logs the counts, failures and retries; nil logs nothing.
	Logger *slog.Logger
}

func (o WorkerOptions) withDefaults() WorkerOptions {
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.InFlight <= 0 {
		o.InFlight = 4*o.Batch + o.Workers
	}
	o.InFlight = max(o.InFlight, o.Batch)
	if o.FlushEvery <= 0 {
		o.FlushEvery = DefaultFlushEvery
	}
	if o.FetchWait <= 0 {
		o.FetchWait = DefaultFetchWait
	}
	if o.LogEvery <= 0 {
		o.LogEvery = DefaultLogEvery
	}
	if o.RetryMax <= 0 {
		o.RetryMax = DefaultRetryMax
	}
	if o.RefusedDelay <= 0 {
		o.RefusedDelay = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// WorkerStats counts what a worker did. Every job it was delivered ends as
// exactly one of Stored, Already, Failed or Returned.
type WorkerStats struct {
	// Stored counts the articles this worker stored; Duplicates those of
	// them that nearly duplicate an article stored before.
	Stored, Duplicates int64
	// Already counts the jobs whose source or article was stored before
	// (published twice, or redelivered after a crash).
	Already int64
	// Failed counts the jobs that could not be decoded or extracted, or
	// that the store refused on their last delivery.
	Failed int64
	// Returned counts the jobs handed back to the queue to be delivered
	// again later (refused by the store, or held when the store failed at
	// shutdown).
	Returned int64
	// Redelivered counts the jobs that came for a second time or more.
	Redelivered int64
	// StoreErrors counts the failed Puts.
	StoreErrors int64
	// AckErrors counts the acknowledgements the server did not confirm;
	// those jobs come again and are found already stored.
	AckErrors int64
	Elapsed   time.Duration
}

// Done is the number of jobs finished.
func (s WorkerStats) Done() int64 { return s.Stored + s.Already + s.Failed }

// Rate is the jobs finished per second.
func (s WorkerStats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Done()) / s.Elapsed.Seconds()
}

func (s WorkerStats) String() string {
	return fmt.Sprintf("stored %d, already stored %d, duplicates %d, failed %d, handed back %d, redelivered %d, in %v (%.1f articles/s)",
		s.Stored, s.Already, s.Duplicates, s.Failed, s.Returned, s.Redelivered, s.Elapsed.Round(time.Millisecond), s.Rate())
}

// counters are the live counts of a worker.
type counters struct {
	stored, duplicates, already, failed, returned, redelivered, storeErrors, ackErrors atomic.Int64
	// pending and ackPending are the consumer's counts at the last look.
	pending, ackPending atomic.Int64
}

// Worker pulls jobs from the queue, extracts and stores them.
type Worker struct {
	q    *Queue
	st   store.Store
	opt  WorkerOptions
	cons jetstream.Consumer
	log  *slog.Logger
	c    counters
	dead *nats.Subscription

	// slots holds a token for every job held: fetching takes tokens,
	// finishing a job gives its token back.
	slots chan struct{}

	mu       sync.Mutex
	inflight map[jetstream.Msg]struct{}
}

// NewWorker connects to the queue, makes sure the stream and the workers'
// consumer exist, and returns a worker that stores into st. Close it after
// Run.
func NewWorker(ctx context.Context, cfg Config, st store.Store, opt WorkerOptions) (*Worker, error) {
	if cfg.Name == "" {
		cfg.Name = "sitrep worker"
	}
	q, err := Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s, err := q.EnsureStream(ctx)
	if err != nil {
		q.Close()
		return nil, err
	}
	cons, err := q.EnsureConsumer(ctx, s)
	if err != nil {
		q.Close()
		return nil, err
	}
	opt = opt.withDefaults()
	w := &Worker{
		q: q, st: st, opt: opt, cons: cons, log: opt.Logger,
		slots:    make(chan struct{}, opt.InFlight),
		inflight: map[jetstream.Msg]struct{}{},
	}
	// The server announces each job that ran out of deliveries; one worker
	// of the queue group logs it.
	subj := fmt.Sprintf("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.%s.%s", q.cfg.Stream, q.cfg.Consumer)
	w.dead, _ = q.nc.QueueSubscribe(subj, "sitrep-dead-letters", w.deadLetter)
	return w, nil
}

// Close closes the connection.
func (w *Worker) Close() {
	if w.dead != nil {
		_ = w.dead.Unsubscribe()
	}
	w.q.Close()
}

// Queue is the worker's connection.
func (w *Worker) Queue() *Queue { return w.q }

// Stats is a snapshot of the counts.
func (w *Worker) stats(start time.Time) WorkerStats {
	return WorkerStats{
		Stored: w.c.stored.Load(), Duplicates: w.c.duplicates.Load(), Already: w.c.already.Load(),
		Failed: w.c.failed.Load(), Returned: w.c.returned.Load(), Redelivered: w.c.redelivered.Load(),
		StoreErrors: w.c.storeErrors.Load(), AckErrors: w.c.ackErrors.Load(),
		Elapsed: time.Since(start),
	}
}

// result is one job after extraction.
type result struct {
	msg       jetstream.Msg
	name      string
	delivered uint64
	item      store.Item // Doc nil: nothing to store
	already   bool       // the source is stored
	err       error      // the job failed: it is terminated
}

// Run works until ctx ends — then it stops fetching, finishes, stores and
// acknowledges the jobs it holds, and returns nil — or, with
// ExitWhenEmpty, until the queue is drained.
func (w *Worker) Run(ctx context.Context) (WorkerStats, error) {
	start := time.Now()
	opt := w.opt
	jobs := make(chan jetstream.Msg, opt.InFlight)
	results := make(chan result, opt.InFlight)

	loopCtx, stopLoops := context.WithCancel(context.WithoutCancel(ctx))
	defer stopLoops()
	var loops sync.WaitGroup
	loops.Go(func() { w.heartbeat(loopCtx) })
	loops.Go(func() { w.logLoop(loopCtx, start) })

	go w.fetch(ctx, jobs)
	var extractors sync.WaitGroup
	for range opt.Workers {
		extractors.Go(func() {
			for m := range jobs {
				results <- w.prepare(context.WithoutCancel(ctx), m)
			}
		})
	}
	go func() { extractors.Wait(); close(results) }()
	w.write(ctx, results)

	stopLoops()
	loops.Wait()
	s := w.stats(start)
	w.log.Info("worker stopped", "stored", s.Stored, "already", s.Already, "duplicates", s.Duplicates,
		"failed", s.Failed, "handed_back", s.Returned, "redelivered", s.Redelivered,
		"store_errors", s.StoreErrors, "articles_per_s", fmt.Sprintf("%.1f", s.Rate()))
	return s, nil
}

// fetch pulls jobs while there is room for them, until ctx ends (or the
// queue is drained, with ExitWhenEmpty); then it closes jobs.
func (w *Worker) fetch(ctx context.Context, jobs chan<- jetstream.Msg) {
	defer close(jobs)
	failures := 0
	for ctx.Err() == nil {
		// Room for one job at least, and for up to a batch if there is.
		select {
		case w.slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		n := 1
	more:
		for n < w.opt.Batch {
			select {
			case w.slots <- struct{}{}:
				n++
			default:
				break more
			}
		}
		got := 0
		batch, err := w.cons.Fetch(n, jetstream.FetchMaxWait(w.opt.FetchWait))
		if err == nil {
			for m := range batch.Messages() {
				got++
				w.track(m)
				jobs <- m
			}
			err = batch.Error()
		}
		w.giveBack(n - got)
		if err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
			failures++
			if failures == 1 || failures%20 == 0 {
				w.log.Warn("fetching jobs failed, retrying", "queue", Redact(w.q.cfg.URL), "failures", failures, "err", err)
			}
			sleep(ctx, backoff(failures, 100*time.Millisecond, 5*time.Second))
			continue
		}
		if failures > 0 {
			w.log.Info("fetching jobs again", "queue", Redact(w.q.cfg.URL))
			failures = 0
		}
		if got == 0 && w.opt.ExitWhenEmpty && w.drained(ctx) {
			return
		}
	}
}

// drained tells whether the queue has no job waiting and none out, here
// or at another worker.
func (w *Worker) drained(ctx context.Context) bool {
	if w.held() > 0 {
		return false
	}
	ictx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	info, err := w.cons.Info(ictx)
	if err != nil {
		return false
	}
	return info.NumPending == 0 && info.NumAckPending == 0
}

func (w *Worker) track(m jetstream.Msg) {
	w.mu.Lock()
	w.inflight[m] = struct{}{}
	w.mu.Unlock()
}

// finish forgets a job that was acknowledged, terminated or handed back,
// and frees its room.
func (w *Worker) finish(m jetstream.Msg) {
	w.mu.Lock()
	delete(w.inflight, m)
	w.mu.Unlock()
	w.giveBack(1)
}

func (w *Worker) giveBack(n int) {
	for range n {
		<-w.slots
	}
}

func (w *Worker) held() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.inflight)
}

// heartbeat tells the server, every third of AckWait, that the jobs held
// are being worked on, so that a long batch or a store being retried does
// not have them delivered to another worker.
func (w *Worker) heartbeat(ctx context.Context) {
	t := time.NewTicker(w.q.cfg.AckWait / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		held := make([]jetstream.Msg, 0, len(w.inflight))
		for m := range w.inflight {
			held = append(held, m)
		}
		w.mu.Unlock()
		for _, m := range held {
			_ = m.InProgress()
		}
	}
}

// logLoop logs the counts and the consumer's lag every LogEvery.
func (w *Worker) logLoop(ctx context.Context, start time.Time) {
	t := time.NewTicker(w.opt.LogEvery)
	defer t.Stop()
	last, lastAt := int64(0), start
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ictx, cancel := context.WithTimeout(ctx, 2*time.Second)
		info, err := w.cons.Info(ictx)
		cancel()
		if err == nil {
			w.c.pending.Store(int64(info.NumPending))
			w.c.ackPending.Store(int64(info.NumAckPending))
		}
		s := w.stats(start)
		now := time.Now()
		rate := float64(s.Done()-last) / now.Sub(lastAt).Seconds()
		last, lastAt = s.Done(), now
		w.log.Info("worker", "stored", s.Stored, "already", s.Already, "duplicates", s.Duplicates,
			"failed", s.Failed, "handed_back", s.Returned, "redelivered", s.Redelivered, "in_flight", w.held(),
			"queue_pending", w.c.pending.Load(), "queue_unacked", w.c.ackPending.Load(),
			"articles_per_s", fmt.Sprintf("%.1f", rate))
	}
}

// prepare decodes one job and extracts its article, unless its source is
// stored already.
func (w *Worker) prepare(ctx context.Context, m jetstream.Msg) (r result) {
	r.msg = m
	if md, err := m.Metadata(); err == nil {
		r.delivered = md.NumDelivered
		if md.NumDelivered > 1 {
			w.c.redelivered.Add(1)
		}
	}
	j, err := Decode(m.Headers(), m.Data())
	r.name = j.Name
	if r.name == "" {
		r.name = m.Subject()
	}
	if err != nil {
		r.err = fmt.Errorf("bad job: %w", err)
		return r
	}
	if stored, err := w.st.HasSource(ctx, j.SourceKey); err == nil && stored {
		r.already = true
		return r
	} // on an error the Put tells
	doc, err := extract.Extract(j.Bytes, extract.Options{
		Meta: reader.Meta{URL: j.Meta.URL, Outlet: j.Meta.Outlet, Published: j.Meta.Published, Name: j.Name},
		Now:  j.Meta.Crawled,
	})
	if err != nil {
		r.err = err
		return r
	}
	r.item = store.Item{Doc: doc, Source: j.Name, SourceKey: j.SourceKey}
	return r
}

// write finishes the jobs: it acknowledges those already stored,
// terminates those that failed, and gathers the articles into batches that
// it stores, acknowledging their jobs after each commit.
func (w *Worker) write(ctx context.Context, results <-chan result) {
	var batch []result
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	flush := func() {
		timer.Stop()
		if len(batch) > 0 {
			w.store(ctx, batch)
		}
		batch = nil
	}
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return
			}
			switch {
			case r.err != nil:
				w.c.failed.Add(1)
				w.log.Error("job failed", "job", r.name, "err", r.err)
				_ = r.msg.Term()
				w.finish(r.msg)
			case r.already:
				w.c.already.Add(1)
				w.ackAll([]result{r})
			default:
				batch = append(batch, r)
				if len(batch) == 1 {
					timer.Reset(w.opt.FlushEvery)
				}
				// A full batch is stored; so is one that holds every job
				// this worker has, as no other is on its way.
				if len(batch) >= w.opt.Batch || len(batch) == w.held() {
					flush()
				}
			}
		case <-timer.C:
			flush()
		}
	}
}

// probeKey is a source key no input has: asking for it tells whether the
// store answers.
const probeKey = "sitrep:probe"

// store puts a batch in one transaction and acknowledges its jobs. A
// failed Put is retried with backoff for as long as the store does not
// answer; when it answers and still fails, the articles are put one by
// one, and the jobs of those it refuses are handed back to the queue. When
// ctx has ended and the store still fails, the jobs are handed back.
func (w *Worker) store(ctx context.Context, batch []result) {
	putCtx := context.WithoutCancel(ctx)
	for attempt := 1; ; attempt++ {
		items := make([]store.Item, len(batch))
		for i, r := range batch {
			items[i] = r.item
		}
		res, err := w.st.Put(putCtx, items)
		if err == nil {
			w.stored(batch, res)
			return
		}
		w.c.storeErrors.Add(1)
		if ctx.Err() != nil {
			w.log.Warn("storing failed while stopping; handing the jobs back", "articles", len(batch), "err", err)
			w.handBack(batch, 0)
			return
		}
		_, perr := w.st.HasSource(putCtx, probeKey)
		if perr == nil && attempt >= 2 {
			// The store answers, yet refuses: one by one, so that one bad
			// article fails alone.
			for _, r := range batch {
				res, err := w.st.Put(putCtx, []store.Item{r.item})
				if err == nil {
					w.stored([]result{r}, res)
					continue
				}
				w.c.storeErrors.Add(1)
				w.refused(r, err)
			}
			return
		}
		wait := backoff(attempt, 200*time.Millisecond, w.opt.RetryMax)
		w.log.Warn("storing failed, retrying", "articles", len(batch), "attempt", attempt,
			"retry_in", wait.Round(time.Millisecond), "err", err)
		sleep(ctx, wait)
	}
}

// stored counts a committed batch and acknowledges its jobs.
func (w *Worker) stored(batch []result, res []store.PutResult) {
	for _, p := range res {
		switch {
		case !p.New:
			w.c.already.Add(1)
		case p.DuplicateOf != "":
			w.c.stored.Add(1)
			w.c.duplicates.Add(1)
		default:
			w.c.stored.Add(1)
		}
	}
	w.ackAll(batch)
}

// refused deals with a job whose article the store refused: handed back to
// be delivered again in a while, or, on its last delivery, failed.
func (w *Worker) refused(r result, err error) {
	if r.delivered >= uint64(w.q.cfg.MaxDeliver) {
		w.c.failed.Add(1)
		w.log.Error("job failed: the store refused it on its last delivery", "job", r.name,
			"deliveries", r.delivered, "err", err)
		_ = r.msg.Term()
		w.finish(r.msg)
		return
	}
	w.log.Warn("the store refused an article; its job will come again", "job", r.name,
		"delivery", r.delivered, "max_deliver", w.q.cfg.MaxDeliver, "err", err)
	w.handBack([]result{r}, w.opt.RefusedDelay)
}

// handBack gives jobs back to the queue, to be delivered after delay.
func (w *Worker) handBack(rs []result, delay time.Duration) {
	for _, r := range rs {
		w.c.returned.Add(1)
		if delay > 0 {
			_ = r.msg.NakWithDelay(delay)
		} else {
			_ = r.msg.Nak()
		}
		w.finish(r.msg)
	}
}

// ackAll acknowledges jobs and waits for the server to confirm.
func (w *Worker) ackAll(rs []result) {
	var wg sync.WaitGroup
	for _, r := range rs {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := r.msg.DoubleAck(ctx); err != nil {
				w.c.ackErrors.Add(1)
				w.log.Warn("acknowledgement not confirmed; the job will come again and be found stored", "job", r.name, "err", err)
			}
			w.finish(r.msg)
		})
	}
	wg.Wait()
}

// deadLetter logs the server's advisory of a job that ran out of
// deliveries.
func (w *Worker) deadLetter(m *nats.Msg) {
	var adv struct {
		StreamSeq  uint64 `json:"stream_seq"`
		Deliveries uint64 `json:"deliveries"`
	}
	_ = json.Unmarshal(m.Data, &adv)
	w.log.Error("dead letter: a job was delivered the most times allowed and will not come again; it stays in the stream",
		"stream", w.q.cfg.Stream, "stream_seq", adv.StreamSeq, "deliveries", adv.Deliveries,
		"inspect", fmt.Sprintf("nats stream get %s %d", w.q.cfg.Stream, adv.StreamSeq))
}

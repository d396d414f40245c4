package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/store"
)

// Defaults for the zero values of Options.
const (
	DefaultBatch      = 64
	DefaultFlushEvery = 200 * time.Millisecond
)

// Options of one run. Zero values mean the defaults.
type Options struct {
	// Workers is the number of extraction goroutines; default
	// runtime.GOMAXPROCS(0), one per core.
	Workers int
	// Loaders is the number of goroutines that ask the store about each
	// input and read or fetch it; default 2×Workers, at least 4, so that
	// slow fetches keep the extractors busy.
	Loaders int
	// Batch is the most articles stored in one transaction; default 64.
	Batch int
	// FlushEvery is the longest an extracted article waits for its batch
	// to fill; default 200 ms.
	FlushEvery time.Duration
	// Fetch limits the fetching of URLs and feed items.
	Fetch fetch.Options
	// Progress shows the run; nil shows nothing and reports no failures.
	Progress Progress
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Loaders <= 0 {
		o.Loaders = max(4, 2*o.Workers)
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = DefaultFlushEvery
	}
	if o.Progress == nil {
		o.Progress = noProgress{}
	}
	return o
}

// maxStoreFailures is how many stores of one article may fail in a row
// before the run gives up on the store.
const maxStoreFailures = 3

// run is the state of one Run.
type run struct {
	st   store.Store
	opt  Options
	c    *Counters
	stop context.CancelCauseFunc

	// storeFailures counts the failed stores in a row; only the writer
	// touches it.
	storeFailures int

	mu    sync.Mutex
	fatal error // the store failed: the run stops
}

// Run ingests the inputs — paths, URLs, feeds — into st and returns what it
// did. A bad input is reported through opt.Progress and counted as failed;
// the error is for a failure of the store, which ends the run. When ctx is
// cancelled Run stops reading inputs, stores the articles already extracted
// and returns with Summary.Interrupted set.
func Run(ctx context.Context, st store.Store, inputs []string, opt Options) (Summary, error) {
	srcs := make([]Source, len(inputs))
	for i, in := range inputs {
		src, err := Open(in)
		if err != nil {
			src = badInput{name: in, err: err}
		}
		srcs[i] = src
	}
	return runSources(ctx, st, srcs, opt)
}

// badInput is an input that Open refused: running it reports why.
type badInput struct {
	name string
	err  error
}

func (b badInput) Name() string                                     { return b.name }
func (b badInput) Each(context.Context, *Env, func(Job) bool) error { return b.err }

// runSources is Run on sources already opened.
func runSources(ctx context.Context, st store.Store, srcs []Source, opt Options) (Summary, error) {
	opt = opt.withDefaults()
	r := &run{st: st, opt: opt, c: NewCounters()}
	opt.Progress.Start(r.c)
	defer opt.Progress.Stop()

	runCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	r.stop = stop

	jobs := make(chan Job, opt.Loaders)
	loaded := make(chan Job, opt.Workers)
	results := make(chan store.Item, opt.Batch)

	go r.produce(runCtx, srcs, jobs)
	var loaders, workers sync.WaitGroup
	for range opt.Loaders {
		loaders.Go(func() { r.load(runCtx, jobs, loaded) })
	}
	go func() { loaders.Wait(); close(loaded) }()
	for range opt.Workers {
		workers.Go(func() { r.extract(runCtx, loaded, results) })
	}
	go func() { workers.Wait(); close(results) }()

	// The last batch is stored even when the run is being stopped.
	r.write(context.WithoutCancel(ctx), results)

	s := r.c.Summary()
	s.Interrupted = ctx.Err() != nil
	return s, r.fatalErr()
}

// fail reports a bad input and counts it.
func (r *run) fail(name string, err error) {
	r.c.failed.Add(1)
	r.c.read.Add(1)
	r.opt.Progress.Fail(name, err)
}

// setFatal records a failure of the store and stops the run.
func (r *run) setFatal(err error) {
	r.mu.Lock()
	if r.fatal == nil {
		r.fatal = err
	}
	r.mu.Unlock()
	r.stop(err)
}

func (r *run) fatalErr() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal
}

// produce runs the sources one after the other.
func (r *run) produce(ctx context.Context, srcs []Source, jobs chan<- Job) {
	defer close(jobs)
	env := &Env{Fetch: r.opt.Fetch, HasSource: r.st.HasSource}
	emit := func(j Job) bool {
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for _, src := range srcs {
		if ctx.Err() != nil {
			return
		}
		if err := each(ctx, src, env, emit); err != nil && ctx.Err() == nil {
			r.fail(src.Name(), err)
		}
	}
}

// each runs one source; a panic in a parser it uses fails that input, not
// the run.
func each(ctx context.Context, src Source, env *Env, emit func(Job) bool) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while reading the input: %v", p)
		}
	}()
	return src.Each(ctx, env, emit)
}

// load skips the jobs whose source is stored and reads or fetches the
// others.
func (r *run) load(ctx context.Context, jobs <-chan Job, loaded chan<- Job) {
	for j := range jobs {
		if ctx.Err() != nil {
			continue // drain: the run is stopping
		}
		if j.Err != nil {
			r.fail(j.Name, j.Err)
			continue
		}
		if j.SourceKey != "" {
			stored, err := r.st.HasSource(ctx, j.SourceKey)
			if err != nil {
				if ctx.Err() == nil {
					r.setFatal(fmt.Errorf("store: %w", err))
				}
				continue
			}
			if stored {
				r.c.read.Add(1)
				r.c.already.Add(1)
				continue
			}
		}
		if j.Load != nil {
			if err := j.Load(ctx, &j); err != nil {
				if ctx.Err() == nil {
					r.fail(j.Name, err)
				}
				continue
			}
		}
		loaded <- j
	}
}

// extract runs the pipeline on each loaded job.
func (r *run) extract(ctx context.Context, loaded <-chan Job, results chan<- store.Item) {
	for j := range loaded {
		if ctx.Err() != nil {
			continue // drain: the run is stopping
		}
		doc, err := extract.Extract(j.Bytes, extract.Options{
			Meta: reader.Meta{URL: j.Meta.URL, Outlet: j.Meta.Outlet, Published: j.Meta.Published, Name: j.Name},
			Now:  j.Meta.Crawled,
		})
		if err != nil {
			r.fail(j.Name, err)
			continue
		}
		results <- store.Item{Doc: doc, Source: j.Name, SourceKey: j.SourceKey}
	}
}

// write gathers the extracted articles into batches and stores them, until
// results is closed.
func (r *run) write(ctx context.Context, results <-chan store.Item) {
	var batch []store.Item
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	flush := func() {
		timer.Stop()
		if len(batch) > 0 && r.fatalErr() == nil {
			r.put(ctx, batch)
		}
		batch = nil
	}
	for {
		select {
		case it, ok := <-results:
			if !ok {
				flush()
				return
			}
			if r.fatalErr() != nil {
				continue // drain
			}
			batch = append(batch, it)
			if len(batch) == 1 {
				timer.Reset(r.opt.FlushEvery)
			}
			if len(batch) >= r.opt.Batch {
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

// put stores one batch. When the batch fails its articles are stored one
// by one, so that one bad article fails alone; when the store fails
// maxStoreFailures times in a row the run stops.
func (r *run) put(ctx context.Context, batch []store.Item) {
	res, err := r.st.Put(ctx, batch)
	if err == nil {
		r.count(res)
		return
	}
	if len(batch) == 1 {
		r.storeFailures++
		r.fail(batch[0].Source, fmt.Errorf("storing: %w", err))
		if r.storeFailures >= maxStoreFailures {
			r.setFatal(fmt.Errorf("store: %w", err))
		}
		return
	}
	for _, it := range batch {
		if r.fatalErr() != nil {
			return
		}
		r.put(ctx, []store.Item{it})
	}
}

// count tallies what storing a batch did.
func (r *run) count(res []store.PutResult) {
	r.storeFailures = 0
	for _, p := range res {
		r.c.read.Add(1)
		switch {
		case !p.New:
			r.c.already.Add(1)
		case p.DuplicateOf != "":
			r.c.new.Add(1)
			r.c.duplicates.Add(1)
		default:
			r.c.new.Add(1)
		}
	}
}

package ingest

import (
	"context"
	"errors"
	"sync"

	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/store"
)

// Publisher takes the loaded jobs of Publish, to have them extracted and
// stored elsewhere (package queue hands them to a work queue).
type Publisher interface {
	// Publish hands over one loaded job. It returns an error for a job it
	// refuses at once (the input fails); otherwise it calls done exactly
	// once, from any goroutine, when the job is taken (nil), was taken
	// before (ErrAlready) or could not be taken (an error that fails the
	// input). An error made with Fatal, returned or passed to done, stops
	// the run.
	Publish(ctx context.Context, j Job, done func(error)) error
	// Wait returns once done has been called for every job handed over.
	Wait(ctx context.Context) error
}

// ErrAlready is what a Publisher passes to done for a job it had taken
// before (the same source key): it is counted as already stored.
var ErrAlready = errors.New("already taken")

// fatalError marks an error that ends a Publish run.
type fatalError struct{ err error }

func (f fatalError) Error() string { return f.err.Error() }
func (f fatalError) Unwrap() error { return f.err }

// Fatal marks err as ending a Publish run rather than failing one input.
func Fatal(err error) error {
	if err == nil {
		return nil
	}
	return fatalError{err}
}

// PublishOptions of one Publish run. Zero values mean the defaults.
type PublishOptions struct {
	// Loaders is the number of goroutines that read or fetch the inputs;
	// default 4.
	Loaders int
	// Fetch limits the fetching of URLs and feed items.
	Fetch fetch.Options
	// HasSource, when not nil, tells which inputs are stored already: they
	// are skipped before they are read. Nil skips nothing.
	HasSource func(ctx context.Context, key string) (bool, error)
	// Progress shows the run; nil shows nothing and reports no failures.
	Progress Progress
}

// Publish reads the inputs as Run does — the same sources, source keys and
// loaders — but hands each loaded job to p instead of extracting and
// storing it. In the Summary, New counts the jobs p took, Already those
// skipped as stored (HasSource) or that p had taken before, Failed the
// inputs that could not be read or that p refused. The error is for a
// failure that ends the run (an error made with Fatal, or of HasSource).
// When ctx is cancelled Publish stops reading inputs, waits for what p was
// handed, and returns with Summary.Interrupted set.
func Publish(ctx context.Context, inputs []string, p Publisher, opt PublishOptions) (Summary, error) {
	srcs := make([]Source, len(inputs))
	for i, in := range inputs {
		src, err := Open(in)
		if err != nil {
			src = badInput{name: in, err: err}
		}
		srcs[i] = src
	}
	ro := Options{Workers: 1, Loaders: opt.Loaders, Fetch: opt.Fetch, Progress: opt.Progress}
	if ro.Loaders <= 0 {
		ro.Loaders = 4
	}
	ro = ro.withDefaults()
	r := &run{st: sourceChecker{has: opt.HasSource}, opt: ro, c: NewCounters()}
	ro.Progress.Start(r.c)
	defer ro.Progress.Stop()

	runCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	r.stop = stop

	jobs := make(chan Job, ro.Loaders)
	loaded := make(chan Job, ro.Loaders)
	go r.produce(runCtx, srcs, jobs)
	go func() {
		defer close(loaded)
		var loaders sync.WaitGroup
		for range ro.Loaders {
			loaders.Go(func() { r.load(runCtx, jobs, loaded) })
		}
		loaders.Wait()
	}()
	for j := range loaded {
		if runCtx.Err() != nil {
			continue // drain: the run is stopping
		}
		name := j.Name
		err := p.Publish(runCtx, j, func(err error) { r.published(name, err) })
		if err != nil && (runCtx.Err() == nil || !errors.Is(err, runCtx.Err())) {
			r.published(name, err)
		}
	}
	// Whatever was handed over is waited for, even when the run stops.
	if err := p.Wait(context.WithoutCancel(ctx)); err != nil && r.fatalErr() == nil {
		r.setFatal(err)
	}
	s := r.c.Summary()
	s.Interrupted = ctx.Err() != nil
	return s, r.fatalErr()
}

// published counts what became of one job handed to a Publisher.
func (r *run) published(name string, err error) {
	var fe fatalError
	switch {
	case err == nil:
		r.c.read.Add(1)
		r.c.new.Add(1)
	case errors.Is(err, ErrAlready):
		r.c.read.Add(1)
		r.c.already.Add(1)
	case errors.As(err, &fe):
		r.fail(name, fe.err)
		r.setFatal(fe.err)
	default:
		r.fail(name, err)
	}
}

// sourceChecker stands in for the store of a Publish run: the loaders and
// the URL source only ask it HasSource.
type sourceChecker struct {
	store.Store // nil: no other method is called
	has         func(ctx context.Context, key string) (bool, error)
}

func (s sourceChecker) HasSource(ctx context.Context, key string) (bool, error) {
	if s.has == nil {
		return false, nil
	}
	return s.has(ctx, key)
}

package ingest

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Counters are the live counts of a run; every input read ends as exactly
// one of new, already stored or failed.
type Counters struct {
	start                                  time.Time
	read, new, already, duplicates, failed atomic.Int64
}

// NewCounters starts the clock of a run.
func NewCounters() *Counters { return &Counters{start: time.Now()} }

// Summary is a snapshot of the counts.
func (c *Counters) Summary() Summary {
	return Summary{
		Read:       c.read.Load(),
		New:        c.new.Load(),
		Already:    c.already.Load(),
		Duplicates: c.duplicates.Load(),
		Failed:     c.failed.Load(),
		Elapsed:    time.Since(c.start),
	}
}

// Summary tells what a run did.
type Summary struct {
	// Read counts the inputs dealt with: New + Already + Failed.
	Read int64
	// New counts the articles stored by this run; Duplicates those of them
	// that nearly duplicate an article stored before (they are stored and
	// linked to it).
	New, Duplicates int64
	// Already counts the inputs whose source or article was stored before.
	Already int64
	// Failed counts the inputs that could not be read, fetched, extracted
	// or stored.
	Failed      int64
	Elapsed     time.Duration
	Interrupted bool
}

// Rate is the inputs read per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Read) / s.Elapsed.Seconds()
}

func (s Summary) String() string {
	return fmt.Sprintf("read %d, stored new %d, already stored %d, duplicates %d, failed %d, in %v (%.1f articles/s)",
		s.Read, s.New, s.Already, s.Duplicates, s.Failed, s.Elapsed.Round(time.Millisecond), s.Rate())
}

// Progress shows a run as it goes and reports its bad inputs. Its methods
// are called from several goroutines.
type Progress interface {
	// Start begins showing the live counts.
	Start(c *Counters)
	// Fail reports an input that failed and why.
	Fail(name string, err error)
	// Stop ends the showing; Start was called before.
	Stop()
}

type noProgress struct{}

func (noProgress) Start(*Counters)    {}
func (noProgress) Fail(string, error) {}
func (noProgress) Stop()              {}

// failLine is how a bad input is reported: "sitrep: NAME: reason".
func failLine(w io.Writer, name string, err error) {
	fmt.Fprintf(w, "sitrep: %s: %v\n", name, err)
}

// ticking runs f every d until stop is closed, then once more.
func ticking(d time.Duration, stop <-chan struct{}, f func()) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				f()
			case <-stop:
				return
			}
		}
	})
	return &wg
}

// bar is the progress bar shown on a terminal.
type bar struct {
	w    io.Writer
	mu   sync.Mutex
	pb   *progressbar.ProgressBar
	c    *Counters
	stop chan struct{}
	wg   *sync.WaitGroup
}

// NewBar shows a progress bar on w, a terminal: the inputs read, the
// articles a second, the articles stored and the failures. Failures are
// printed above it.
func NewBar(w io.Writer) Progress { return &bar{w: w} }

func (b *bar) Start(c *Counters) {
	b.c = c
	b.pb = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	b.stop = make(chan struct{})
	b.wg = ticking(200*time.Millisecond, b.stop, b.update)
}

func (b *bar) update() {
	s := b.c.Summary()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pb.Describe(fmt.Sprintf("ingesting: read %d, %d new, %d already stored, %d failed", s.Read, s.New, s.Already, s.Failed))
	_ = b.pb.Set64(s.Read)
}

func (b *bar) Fail(name string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	_ = b.pb.Clear()
	failLine(b.w, name, err)
}

func (b *bar) Stop() {
	close(b.stop)
	b.wg.Wait()
	b.update()
	b.mu.Lock()
	defer b.mu.Unlock()
	_ = b.pb.Finish()
}

// logProgress logs the counts every few seconds, for a run whose standard
// error is not a terminal.
type logProgress struct {
	log   *slog.Logger
	every time.Duration
	w     io.Writer
	mu    sync.Mutex
	c     *Counters
	stop  chan struct{}
	wg    *sync.WaitGroup
}

// NewLog logs the counts to l every interval and prints failures to w.
func NewLog(l *slog.Logger, every time.Duration, w io.Writer) Progress {
	if every <= 0 {
		every = 5 * time.Second
	}
	return &logProgress{log: l, every: every, w: w}
}

func (p *logProgress) Start(c *Counters) {
	p.c = c
	p.stop = make(chan struct{})
	p.wg = ticking(p.every, p.stop, func() {
		s := p.c.Summary()
		p.log.Info("ingest", "read", s.Read, "new", s.New, "already", s.Already, "duplicates", s.Duplicates,
			"failed", s.Failed, "articles_per_s", fmt.Sprintf("%.1f", s.Rate()))
	})
}

func (p *logProgress) Fail(name string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	failLine(p.w, name, err)
}

func (p *logProgress) Stop() {
	close(p.stop)
	p.wg.Wait()
}

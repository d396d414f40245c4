package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/ingest"
)

// Defaults of ProducerOptions.
const (
	DefaultMaxPending = 256
	DefaultRetryFor   = 2 * time.Minute
)

// ProducerOptions tune a Producer. Zero values mean the defaults.
type ProducerOptions struct {
	// MaxPending is the most publishes awaiting the server's
	// acknowledgement; publishing more waits.
	MaxPending int
	// RetryFor is how long a publish is retried before the run gives up
	// on the server.
	RetryFor time.Duration
	// AckTimeout is how long one publish waits for the server's
	// acknowledgement before it is retried; default 30s.
	AckTimeout time.Duration
	// Logger logs retries; nil logs nothing.
	Logger *slog.Logger
}

// Producer publishes jobs to the queue; it is an ingest.Publisher.
type Producer struct {
	q       *Queue
	js      jetstream.JetStream
	opt     ProducerOptions
	subject string
	pending chan pending
	done    chan struct{}
	once    sync.Once
	retries atomic.Int64
}

// pending is a publish awaiting its acknowledgement, or one that failed at
// once (paf nil, err set) and is to be retried.
type pending struct {
	msg  *nats.Msg
	name string
	paf  jetstream.PubAckFuture
	err  error
	done func(error)
}

// NewProducer connects to the queue and makes sure its stream exists.
// Close the Producer after Wait.
func NewProducer(ctx context.Context, cfg Config, opt ProducerOptions) (*Producer, error) {
	if opt.MaxPending <= 0 {
		opt.MaxPending = DefaultMaxPending
	}
	if opt.RetryFor <= 0 {
		opt.RetryFor = DefaultRetryFor
	}
	if opt.AckTimeout <= 0 {
		opt.AckTimeout = 30 * time.Second
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Name == "" {
		cfg.Name = "sitrep ingest"
	}
	q, err := Open(ctx, cfg,
		jetstream.WithPublishAsyncMaxPending(opt.MaxPending),
		jetstream.WithPublishAsyncTimeout(opt.AckTimeout))
	if err != nil {
		return nil, err
	}
	if _, err := q.EnsureStream(ctx); err != nil {
		q.Close()
		return nil, err
	}
	p := &Producer{
		q: q, js: q.js, opt: opt,
		subject: q.cfg.Subject + ".article",
		pending: make(chan pending, opt.MaxPending),
		done:    make(chan struct{}),
	}
	go p.collect()
	return p, nil
}

// Retries counts the publishes retried.
func (p *Producer) Retries() int64 { return p.retries.Load() }

// Queue is the producer's connection.
func (p *Producer) Queue() *Queue { return p.q }

// Publish publishes one job asynchronously; see ingest.Publisher. A job
// larger than the server's max_payload fails with ErrTooLarge.
func (p *Producer) Publish(ctx context.Context, j ingest.Job, done func(error)) error {
	m, err := Encode(p.subject, j)
	if err != nil {
		return err
	}
	if n, max := Size(m), p.q.MaxPayload(); int64(n) > max {
		return fmt.Errorf("%w: the job is %d bytes, the NATS server takes at most %d (its max_payload)", ErrTooLarge, n, max)
	}
	pe := pending{msg: m, name: j.Name, done: done}
	deadline := time.Now().Add(p.opt.RetryFor)
	for {
		// Waits up to a second while MaxPending publishes are unacknowledged.
		pe.paf, pe.err = p.js.PublishMsgAsync(m, jetstream.WithStallWait(time.Second))
		if !errors.Is(pe.err, jetstream.ErrTooManyStalledMsgs) && !errors.Is(pe.err, nats.ErrReconnectBufExceeded) {
			break
		}
		if time.Now().After(deadline) {
			return ingest.Fatal(fmt.Errorf("queue %s: no room to publish for %v: %w", Redact(p.q.cfg.URL), p.opt.RetryFor, pe.err))
		}
		if errors.Is(pe.err, nats.ErrReconnectBufExceeded) {
			if !sleep(ctx, 100*time.Millisecond) {
				return ctx.Err()
			}
		} else if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if pe.err != nil && permanent(pe.err) {
		return pe.err
	}
	p.pending <- pe
	return nil
}

// Wait waits for the acknowledgement of every job published.
func (p *Producer) Wait(ctx context.Context) error {
	p.once.Do(func() { close(p.pending) })
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes the connection; call Wait before.
func (p *Producer) Close() {
	p.once.Do(func() { close(p.pending) })
	p.q.Close()
}

// collect waits for the acknowledgements in the order of the publishes and
// retries the publishes that failed.
func (p *Producer) collect() {
	defer close(p.done)
	for pe := range p.pending {
		if pe.err == nil {
			select {
			case ack := <-pe.paf.Ok():
				pe.done(ackResult(ack))
				continue
			case pe.err = <-pe.paf.Err():
			}
		}
		pe.done(p.retry(pe))
	}
}

// retry publishes a message whose publish failed, synchronously, with
// backoff, for up to RetryFor. Its message id makes the server drop it if
// the first publish did get in.
func (p *Producer) retry(pe pending) error {
	if permanent(pe.err) {
		return pe.err
	}
	deadline := time.Now().Add(p.opt.RetryFor)
	err := pe.err
	for attempt := 1; ; attempt++ {
		p.retries.Add(1)
		p.opt.Logger.Warn("publish failed, retrying", "job", pe.name, "attempt", attempt, "err", err)
		if !sleep(context.Background(), backoff(attempt, 100*time.Millisecond, 5*time.Second)) {
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), p.opt.AckTimeout)
		ack, perr := p.js.PublishMsg(ctx, pe.msg)
		cancel()
		if perr == nil {
			return ackResult(ack)
		}
		err = perr
		if permanent(err) {
			return err
		}
		if time.Now().After(deadline) {
			return ingest.Fatal(fmt.Errorf("queue %s: publishing failed for %v: %w", Redact(p.q.cfg.URL), p.opt.RetryFor, err))
		}
	}
}

func ackResult(ack *jetstream.PubAck) error {
	if ack != nil && ack.Duplicate {
		return ingest.ErrAlready
	}
	return nil
}

// permanent tells the errors of a publish that no retry mends.
func permanent(err error) bool {
	return errors.Is(err, nats.ErrMaxPayload) || errors.Is(err, nats.ErrBadSubject) || errors.Is(err, nats.ErrInvalidMsg)
}

// backoff is the wait before try n+1: from base doubling up to max, each
// between half and all of that, so that processes that failed together do
// not come back together.
func backoff(n int, base, max time.Duration) time.Duration {
	d := base << min(n-1, 16)
	if d <= 0 || d > max {
		d = max
	}
	return d/2 + rand.N(d/2+1)
}

// sleep waits d or until ctx ends; it reports whether it waited d.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

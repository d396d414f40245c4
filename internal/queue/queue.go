package queue

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Defaults of Config.
const (
	DefaultURL           = "nats://127.0.0.1:4222"
	DefaultStream        = "SITREP_JOBS"
	DefaultSubject       = "sitrep.jobs"
	DefaultConsumer      = "sitrep-workers"
	DefaultDuplicates    = 24 * time.Hour
	DefaultAckWait       = 60 * time.Second
	DefaultMaxDeliver    = 5
	DefaultMaxAckPending = 1000
)

// Config names the queue: the server, the stream and the consumer. Zero
// values mean the defaults.
type Config struct {
	// URL of the NATS server(s), comma-separated: nats://HOST:4222.
	URL string
	// Stream is the JetStream stream of jobs; Subject the prefix of its
	// subjects (jobs are published on Subject+".article", the stream takes
	// Subject+".>").
	Stream, Subject string
	// Consumer is the durable consumer the workers share.
	Consumer string
	// Duplicates is the stream's de-duplication window.
	Duplicates time.Duration
	// AckWait is how long a delivered job may go unacknowledged, without a
	// heartbeat, before the server delivers it again.
	AckWait time.Duration
	// MaxDeliver is the most deliveries of one job.
	MaxDeliver int
	// MaxAckPending is the most jobs delivered and not acknowledged, over
	// all workers.
	MaxAckPending int
	// Name names the connection on the server (sitrep ingest, sitrep
	// worker).
	Name string
}

func (c Config) withDefaults() Config {
	if c.URL == "" {
		c.URL = DefaultURL
	}
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.Duplicates <= 0 {
		c.Duplicates = DefaultDuplicates
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.MaxAckPending <= 0 {
		c.MaxAckPending = DefaultMaxAckPending
	}
	if c.Name == "" {
		c.Name = "sitrep"
	}
	return c
}

// Queue is a connection to the queue's server.
type Queue struct {
	cfg Config
	nc  *nats.Conn
	js  jetstream.JetStream
}

// Open connects to the server. The connection reconnects by itself, for
// as long as it takes, when the server goes away.
func Open(ctx context.Context, cfg Config, opts ...jetstream.JetStreamOpt) (*Queue, error) {
	cfg = cfg.withDefaults()
	if err := CheckURL(cfg.URL); err != nil {
		return nil, err
	}
	nc, err := nats.Connect(cfg.URL,
		nats.Name(cfg.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.ReconnectJitter(250*time.Millisecond, time.Second),
		nats.Timeout(5*time.Second),
		// Publishes made while reconnecting wait in a buffer of this size.
		nats.ReconnectBufSize(32<<20),
	)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(cfg.URL), err)
	}
	js, err := jetstream.New(nc, opts...)
	if err != nil {
		nc.Close()
		return nil, err
	}
	return &Queue{cfg: cfg, nc: nc, js: js}, nil
}

// Close closes the connection after flushing what it has buffered.
func (q *Queue) Close() {
	_ = q.nc.FlushTimeout(5 * time.Second)
	q.nc.Close()
}

// Config is the queue's configuration with the defaults filled in.
func (q *Queue) Config() Config { return q.cfg }

// MaxPayload is the most bytes, headers included, that the server takes
// in one message.
func (q *Queue) MaxPayload() int64 { return q.nc.MaxPayload() }

// CheckURL checks a --queue value: nats:// (or tls://) URLs, comma-separated.
func CheckURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return errors.New("the queue URL is empty: give nats://HOST:PORT")
	}
	for _, one := range strings.Split(u, ",") {
		p, err := url.Parse(strings.TrimSpace(one))
		if err != nil || p.Host == "" {
			return fmt.Errorf("queue %q: not a URL (want nats://HOST:PORT)", Redact(one))
		}
		switch p.Scheme {
		case "nats", "tls":
		default:
			return fmt.Errorf("queue %s: want a nats:// or tls:// URL", Redact(one))
		}
	}
	return nil
}

// Redact hides passwords and tokens in server URLs for messages.
func Redact(u string) string {
	parts := strings.Split(u, ",")
	for i, one := range parts {
		p, err := url.Parse(strings.TrimSpace(one))
		if err != nil {
			parts[i] = "(unparsable URL)"
			continue
		}
		if p.User != nil {
			user := "***" // a token
			if _, ok := p.User.Password(); ok {
				user = p.User.Username() + ":***"
			}
			p.User = nil
			parts[i] = strings.Replace(p.String(), "://", "://"+user+"@", 1)
			continue
		}
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

// StreamConfig is the configuration of the jobs stream.
func (q *Queue) StreamConfig() jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        q.cfg.Stream,
		Description: "sitrep ingest jobs: one article each, for sitrep worker",
		Subjects:    []string{q.cfg.Subject + ".>"},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  q.cfg.Duplicates,
		Discard:     jetstream.DiscardOld,
	}
}

// ConsumerConfig is the configuration of the workers' durable consumer.
func (q *Queue) ConsumerConfig() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       q.cfg.Consumer,
		Description:   "sitrep workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxDeliver:    q.cfg.MaxDeliver,
		MaxAckPending: q.cfg.MaxAckPending,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	}
}

// EnsureStream creates the jobs stream, or updates its settings to
// StreamConfig; it is safe to call from many processes at once.
func (q *Queue) EnsureStream(ctx context.Context) (jetstream.Stream, error) {
	s, err := q.js.CreateOrUpdateStream(ctx, q.StreamConfig())
	if err != nil {
		return nil, fmt.Errorf("stream %s on %s: %w", q.cfg.Stream, Redact(q.cfg.URL), explain(err))
	}
	return s, nil
}

// EnsureConsumer creates the workers' consumer on the stream, or updates
// its settings to ConsumerConfig.
func (q *Queue) EnsureConsumer(ctx context.Context, s jetstream.Stream) (jetstream.Consumer, error) {
	c, err := s.CreateOrUpdateConsumer(ctx, q.ConsumerConfig())
	if err != nil {
		return nil, fmt.Errorf("consumer %s of stream %s: %w", q.cfg.Consumer, q.cfg.Stream, explain(err))
	}
	return c, nil
}

// explain adds what to do to the errors of a server without JetStream.
func explain(err error) error {
	if errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, nats.ErrNoResponders) ||
		errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount) {
		return fmt.Errorf("%w (is JetStream enabled? start the server with nats-server -js)", err)
	}
	return err
}

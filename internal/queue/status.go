package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the queue: how many jobs wait, and how far the
// workers are behind.
type Status struct {
	Server string `json:"server"`
	Stream string `json:"stream"`
	// Exists is false when no producer or worker has made the stream yet;
	// the counts are then zero.
	Exists bool `json:"exists"`
	// Jobs are the jobs in the stream: not yet acknowledged by a worker
	// (or dead letters); Bytes their size.
	Jobs  uint64 `json:"jobs"`
	Bytes uint64 `json:"bytes"`
	// FirstSeq and LastSeq are the stream sequences of the oldest job kept
	// and of the last job ever published (the count of jobs published,
	// de-duplicated, since the stream was made).
	FirstSeq uint64          `json:"first_seq"`
	LastSeq  uint64          `json:"last_seq"`
	LastTime time.Time       `json:"last_time,omitzero"`
	Consumer *ConsumerStatus `json:"consumer"`
}

// ConsumerStatus is the state of the workers' consumer.
type ConsumerStatus struct {
	Name string `json:"name"`
	// Pending counts the jobs not yet delivered to any worker: the lag.
	Pending uint64 `json:"pending"`
	// Unacked counts the jobs delivered and not yet acknowledged: being
	// worked on, or held by a worker that died until AckWait passes.
	Unacked int `json:"unacked"`
	// Redelivered counts the unacknowledged jobs delivered more than once.
	Redelivered int `json:"redelivered"`
	// Waiting counts the fetches of workers waiting for jobs.
	Waiting int `json:"waiting"`
	// Delivered and Acked are the stream sequences of the last job
	// delivered and of the floor below which all are acknowledged.
	Delivered  uint64        `json:"delivered_seq"`
	Acked      uint64        `json:"ack_floor_seq"`
	AckWait    time.Duration `json:"ack_wait_ns"`
	MaxDeliver int           `json:"max_deliver"`
}

// Status reads the stream and the consumer; it makes neither.
func (q *Queue) Status(ctx context.Context) (*Status, error) {
	st := &Status{Server: Redact(q.cfg.URL), Stream: q.cfg.Stream}
	s, err := q.js.Stream(ctx, q.cfg.Stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("stream %s on %s: %w", q.cfg.Stream, Redact(q.cfg.URL), explain(err))
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", q.cfg.Stream, err)
	}
	st.Exists = true
	st.Jobs, st.Bytes = info.State.Msgs, info.State.Bytes
	st.FirstSeq, st.LastSeq, st.LastTime = info.State.FirstSeq, info.State.LastSeq, info.State.LastTime
	c, err := s.Consumer(ctx, q.cfg.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	ci, err := c.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	st.Consumer = &ConsumerStatus{
		Name: ci.Name, Pending: ci.NumPending, Unacked: ci.NumAckPending, Redelivered: ci.NumRedelivered,
		Waiting: ci.NumWaiting, Delivered: ci.Delivered.Stream, Acked: ci.AckFloor.Stream,
		AckWait: ci.Config.AckWait, MaxDeliver: ci.Config.MaxDeliver,
	}
	return st, nil
}

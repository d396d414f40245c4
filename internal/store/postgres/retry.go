package postgres

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// retry runs fn until it succeeds, fails for a reason that will not pass,
// has been tried db.maxAttempts times, or ctx ends; between tries it waits
// db.retryWait(attempt). fn gets the number of its try, from 1.
func (db *DB) retry(ctx context.Context, fn func(attempt int) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		if err = fn(attempt); err == nil || !transient(err) || attempt >= db.maxAttempts || ctx.Err() != nil {
			return err
		}
		t := time.NewTimer(db.retryWait(attempt))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// backoff is the wait after the n-th failed try: 50ms doubling up to 5s,
// each between half and all of that, so that workers that failed together
// do not come back together.
func backoff(n int) time.Duration {
	d := 50 * time.Millisecond << min(n-1, 7)
	d = min(d, 5*time.Second)
	return d/2 + rand.N(d/2+1)
}

// transient reports whether an error may pass if the transaction is run
// again: a serialization failure or deadlock, or a connection that broke,
// was terminated or could not be made.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", // serialization_failure
			"40P01", // deadlock_detected
			"55P03", // lock_not_available
			"57P01", // admin_shutdown (pg_terminate_backend, a fast shutdown)
			"57P02", // crash_shutdown
			"57P03": // cannot_connect_now (starting up)
			return true
		}
		return len(pe.Code) == 5 && pe.Code[:2] == "08" // connection exceptions
	}
	if pgconn.SafeToRetry(err) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// A connection that broke under a read or write, or that pgx had
	// already closed.
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, pgconn.ErrConnClosed)
}

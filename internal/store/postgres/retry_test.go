package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sitrep/sitrep/internal/store"
)

func quick(n int) time.Duration { return time.Duration(n) * 5 * time.Millisecond }

// terminate ends a server process from a connection of its own, waiting
// until it is gone.
func terminate(t testing.TB, dsn string, pid uint32) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close(ctx)
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_terminate_backend($1, 5000)`, int32(pid)).Scan(&ok); err != nil || !ok {
		t.Errorf("pg_terminate_backend(%d): %v, %v", pid, ok, err)
	}
}

func threeItems(t testing.TB) []store.Item {
	return []store.Item{
		{Doc: doc(t, reportA, "Wire", "2024-03-05"), Source: "a", SourceKey: "a"},
		{Doc: doc(t, reportB, "Courier", "2024-03-06"), Source: "b", SourceKey: "b"},
		{Doc: doc(t, protest, "Wire", "2024-03-09"), Source: "c", SourceKey: "c"},
	}
}

// The server process of a Put is terminated in the middle of the batch
// (after its first article): the transaction is lost, Put runs it again on
// a new connection and stores the batch whole, once.
func TestPutRetriesAfterConnectionKilled(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	db.retryWait = quick
	items := threeItems(t)
	var attempts atomic.Int32
	db.afterItem = func(attempt, i int, tx pgx.Tx) {
		attempts.Store(int32(attempt))
		if attempt == 1 && i == 0 {
			terminate(t, dsn, tx.Conn().PgConn().PID())
		}
	}
	res, err := db.Put(ctx, items)
	if err != nil {
		t.Fatalf("Put after a killed connection: %v", err)
	}
	if attempts.Load() != 2 {
		t.Errorf("%d tries, want 2", attempts.Load())
	}
	for _, r := range res {
		if !r.New || len(r.Events) == 0 {
			t.Errorf("result %+v", r)
		}
	}
	db.afterItem = nil
	ref, _ := open(t)
	if _, err := ref.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Stats(ctx)
	want, _ := ref.Stats(ctx)
	if *got != *want {
		t.Errorf("stats after the retried put %+v, after a plain one %+v", *got, *want)
	}
	sameList(t, "events (retried, plain)", exportEvents(t, ref, store.EventFilter{}, 100), exportEvents(t, db, store.EventFilter{}, 100))
}

// Every idle connection of the pool is terminated (a server restart, a
// failover): the next Put still succeeds.
func TestPutAfterPoolConnectionsKilled(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	db.retryWait = quick
	items := threeItems(t)
	if _, err := db.Put(ctx, items[:1]); err != nil {
		t.Fatal(err)
	}
	// Several connections in the pool, then all of them killed.
	conns := make([]*pgxConn, 0, 3)
	for range 3 {
		c, err := db.pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, &pgxConn{c.Conn().PgConn().PID(), c.Release})
	}
	for _, c := range conns {
		c.release()
		terminate(t, dsn, c.pid)
	}
	res, err := db.Put(ctx, items[1:])
	if err != nil {
		t.Fatalf("Put after the pool's connections were killed: %v", err)
	}
	if !res[0].New || !res[1].New {
		t.Errorf("results %+v", res)
	}
	if ok, err := db.HasSource(ctx, "c"); !ok || err != nil {
		t.Errorf("HasSource: %v, %v", ok, err)
	}
}

type pgxConn struct {
	pid     uint32
	release func()
}

// A writer waiting for the write lock held by another is terminated: it
// tries again, waits again, and stores its batch once the lock is free.
func TestPutRetriesWhileWaitingForTheLock(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	db.retryWait = quick
	holder, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	if _, err := holder.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockPut); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := db.Put(ctx, threeItems(t)[:1])
		done <- err
	}()
	waiting := func() uint32 {
		for range 500 {
			var pid int32
			err := holder.QueryRow(ctx, `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1`).Scan(&pid)
			if err == nil {
				return uint32(pid)
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatal("no writer waits for the lock")
		return 0
	}
	first := waiting()
	terminate(t, dsn, first)
	second := waiting() // the retry, on a new connection
	if second == first {
		t.Errorf("the same process %d waits again", first)
	}
	select {
	case err := <-done:
		t.Fatalf("Put returned while the lock was held: %v", err)
	default:
	}
	if _, err := holder.Exec(ctx, `SELECT pg_advisory_unlock($1)`, lockPut); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Put: %v", err)
	}
	if s, _ := db.Stats(ctx); s.Articles != 1 {
		t.Errorf("%d articles", s.Articles)
	}
}

// A Put whose context ends is not tried again, and one that keeps failing
// stops after maxAttempts.
func TestRetryLimits(t *testing.T) {
	db := &DB{maxAttempts: 4, retryWait: quick}
	n := 0
	err := db.retry(context.Background(), func(int) error { n++; return io.ErrUnexpectedEOF })
	if n != 4 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("%d tries, %v", n, err)
	}
	n = 0
	err = db.retry(context.Background(), func(int) error { n++; return &pgconn.PgError{Code: "23505"} })
	if n != 1 || err == nil {
		t.Errorf("a unique violation: %d tries, %v", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = db.retry(ctx, func(int) error { n++; cancel(); return &pgconn.PgError{Code: "40P01"} })
	if n != 1 || err == nil {
		t.Errorf("after cancel: %d tries, %v", n, err)
	}
	for _, e := range []error{
		&pgconn.PgError{Code: "40001"}, &pgconn.PgError{Code: "40P01"}, &pgconn.PgError{Code: "57P01"}, &pgconn.PgError{Code: "08006"},
		fmt.Errorf("put: %w", io.EOF), pgconn.ErrConnClosed,
	} {
		if !transient(e) {
			t.Errorf("%v is not taken as transient", e)
		}
	}
	for _, e := range []error{
		&pgconn.PgError{Code: "23505"}, &pgconn.PgError{Code: "42P01"}, &pgconn.PgError{Code: "28P01"}, context.Canceled,
		fmt.Errorf("x: %w", context.DeadlineExceeded), errors.New("no document"),
	} {
		if transient(e) {
			t.Errorf("%v is taken as transient", e)
		}
	}
	for i := 1; i < 20; i++ {
		if d := backoff(i); d <= 0 || d > 5*time.Second {
			t.Errorf("backoff(%d) = %v", i, d)
		}
	}
}

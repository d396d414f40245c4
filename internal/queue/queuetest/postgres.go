package queuetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultPostgres is the server the tests use without SITREP_TEST_POSTGRES.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var dbNo atomic.Int64

// Postgres makes a database of the test's own on the PostgreSQL server of
// $SITREP_TEST_POSTGRES (or DefaultPostgres), dropped when the test ends,
// and returns its URL; it skips the test when the server cannot be reached.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("SITREP_TEST_POSTGRES")
	if admin == "" {
		admin = DefaultPostgres
	}
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("SITREP_TEST_POSTGRES must be a postgres:// URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Skipf("no PostgreSQL at %s (set SITREP_TEST_POSTGRES to a server's URL): %v", u.Redacted(), err)
	}
	defer conn.Close(context.Background())
	name := fmt.Sprintf("sitrep_queue_test_%d_%d_%d", time.Now().UnixNano(), os.Getpid(), dbNo.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Skipf("cannot create a database on %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Logf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

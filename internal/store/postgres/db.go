// Package postgres is the PostgreSQL store of sitrep, through pgx: the same
// tables, fusion rules and answers as the embedded SQLite store
// (store/sqlite), for several ingest workers and API servers sharing one
// database. It satisfies store.Store.
//
// # Concurrency
//
// Every Put is one transaction (READ COMMITTED) whose first statement takes
// one transaction-scoped advisory lock shared by every writer of the
// database (pg_advisory_xact_lock(lockPut)), so batches from any number of
// processes are stored one after another, each seeing all that the batches
// before it committed: the store ends up exactly as if the batches had been
// put sequentially in the order they got the lock. Reads take no lock and
// see the last committed state (MVCC), so queries never wait for writers.
//
// A finer scheme — an advisory lock per (class, country) for event fusion,
// INSERT … ON CONFLICT for entity names, unique keys for articles — was
// weighed and not chosen: the near-duplicate check compares an article with
// every stored article that shares a sentence, which no small set of lock
// keys covers, so two copies of one wire story put at once by two workers
// would both be stored as originals; the counters of popular entities
// ("Ukraine", "police") are rows that nearly every batch updates, so
// concurrent batches would queue on those row locks anyway and, taking them
// in different orders, deadlock, which PostgreSQL resolves only after
// deadlock_timeout (1s by default). The writer's share of ingest is small
// (extraction, the costly part, runs in the workers before Put), and what
// can be done without the lock is done before it: sentence keys, the JSON
// document and the full-text vectors are computed before the transaction
// begins.
//
// The unique keys are there all the same, as a second line: articles by
// content id, sources by key, entity names by (type, key), reports, quotes
// and claims by (article, local id); an article that is already stored makes
// its item "not new" (ON CONFLICT DO NOTHING), never a second copy.
//
// # Failures
//
// A Put that fails for a reason that may pass — a serialization failure, a
// deadlock, a connection dropped or terminated (a server restart, a
// failover, pg_terminate_backend), a server that is starting or shutting
// down — is run again whole, in a new transaction on a new connection, after
// a growing, jittered wait (retryWait), up to maxAttempts times or until
// its context ends. Running it again is safe because the aborted
// transaction left nothing behind. If the connection drops while COMMIT is
// in flight the outcome is unknown; the retry then finds the articles
// stored and reports them as not new. The pool (pgxpool) replaces broken
// connections by itself and pings one that has been idle before handing it
// out.
//
// # Schema
//
// The migrations in migrations/ are applied in order at Open, each in its
// own transaction, and recorded in schema_migrations; a session advisory
// lock (lockMigrate) makes workers that start together apply them once.
package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep/sitrep/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Advisory lock keys (one 64-bit key space per database): "sitrep" in
// ASCII and a number.
const (
	lockPut     int64 = 0x736974726570_0001
	lockMigrate int64 = 0x736974726570_0002
)

// DB is a store in a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool

	mu sync.RWMutex
	// entities caches name keys ("TYPE\x00key") of committed entities:
	// a key, once stored, names the same entity for good.
	entities map[string]int64

	// maxAttempts and retryWait bound the retries of a Put.
	maxAttempts int
	retryWait   func(attempt int) time.Duration
	// afterItem, when set (tests), is called inside the Put transaction
	// after each item is written.
	afterItem func(attempt, item int, tx pgx.Tx)
}

var _ store.Store = (*DB)(nil)

// Open connects to the database a PostgreSQL URL or keyword/value string
// names (postgres://user:pass@host:5432/db?sslmode=disable) and brings its
// schema up to date. A connection attempt gives up after connect_timeout
// seconds (default 15).
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 { // connect_timeout in the DSN
		cfg.ConnConfig.ConnectTimeout = 15 * time.Second
	}
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "sitrep"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := &DB{pool: pool, entities: map[string]int64{}, maxAttempts: 10, retryWait: backoff}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", serverName(cfg), err)
	}
	return db, nil
}

// where2 names the server and database of a config for messages, without
// the password.
func serverName(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return c.Host + ":" + strconv.Itoa(int(c.Port)) + "/" + c.Database
}

// Close closes the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// migrate applies the migrations the database has not had, each in its own
// transaction, in the order of their numbers, holding the migration lock.
func (db *DB) migrate(ctx context.Context) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockMigrate); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer func() {
		// Unlock even if ctx has ended; a connection that cannot is
		// closed, which releases the lock too.
		uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(uctx, `SELECT pg_advisory_unlock($1)`, lockMigrate); err != nil {
			conn.Conn().Close(uctx)
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimPrefix(f, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		if err := apply(ctx, conn.Conn(), n, name, f); err != nil {
			return err
		}
	}
	return nil
}

func apply(ctx context.Context, conn *pgx.Conn, n int, name, file string) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var done bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, n).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
		body, err := migrations.ReadFile(file)
		if err != nil {
			return err
		}
		// Without arguments Exec uses the simple protocol, which runs
		// every statement of the file.
		if _, err := tx.Exec(ctx, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			n, name, time.Now().UTC().Format(time.RFC3339))
		return err
	})
}

// Version is the number of the latest migration applied.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v *int
	err := db.pool.QueryRow(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	if v == nil {
		return 0, err
	}
	return *v, err
}

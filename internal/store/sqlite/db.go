// Package sqlite is the embedded store of sitrep: one SQLite file in WAL
// mode, through the pure-Go modernc.org/sqlite driver, so that the binary
// needs no C library and no server. It satisfies store.Store.
//
// Writes go through one connection and each Put is one IMMEDIATE
// transaction: a batch is stored whole or not at all, so a process killed
// at any moment leaves the file as it was after the last committed batch,
// and re-running the same ingest redoes only what was lost (sources and
// articles are keyed, so nothing is stored twice). Reads use their own pool
// and see the last committed state while a write is under way. Several
// processes may write the same file; SQLite's lock and a busy timeout take
// turns between them.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a store in one SQLite file.
type DB struct {
	path string
	w    *sql.DB // one connection: the writer
	r    *sql.DB // readers

	mu       sync.Mutex // serialises Put within the process; guards what follows
	entities map[string]int64
	stmts    map[string]*sql.Stmt // the writer's prepared statements
}

var _ store.Store = (*DB)(nil)

var registerOnce sync.Once

// registerFunctions adds km(lat1, lon1, lat2, lon2), the great-circle
// distance, for the "near" filter.
func registerFunctions() {
	registerOnce.Do(func() {
		sqlite.MustRegisterDeterministicScalarFunction("km", 4, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			var v [4]float64
			for i, a := range args {
				switch x := a.(type) {
				case float64:
					v[i] = x
				case int64:
					v[i] = float64(x)
				default:
					return math.Inf(1), nil // no point: never near
				}
			}
			return fusion.Km(v[0], v[1], v[2], v[3]), nil
		})
	})
}

// Open opens (creating it if need be) the store at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	registerFunctions()
	if path == "" {
		return nil, fmt.Errorf("sqlite: empty path")
	}
	pragmas := "_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)"
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	w, err := sql.Open("sqlite", dsn+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", dsn+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, 2*runtime.GOMAXPROCS(0)))
	r.SetMaxIdleConns(max(4, 2*runtime.GOMAXPROCS(0)))
	db := &DB{path: path, w: w, r: r, entities: map[string]int64{}, stmts: map[string]*sql.Stmt{}}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return db, nil
}

// Close closes the store.
func (db *DB) Close() error {
	db.mu.Lock()
	for _, s := range db.stmts {
		s.Close()
	}
	db.stmts = map[string]*sql.Stmt{}
	db.mu.Unlock()
	err := db.r.Close()
	if werr := db.w.Close(); err == nil {
		err = werr
	}
	return err
}

// migrate applies the migrations the file has not had, each in its own
// transaction, in the order of their numbers.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
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
		if err := db.apply(ctx, n, name, f); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, n int, name, file string) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, n).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	body, err := migrations.ReadFile(file)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		n, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Version is the number of the latest migration applied.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// openStore opens the store a --db flag names: a file path or sqlite://PATH
// for the embedded SQLite store. PostgreSQL (postgres://...) comes with the
// scale-out work.
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	switch {
	case dsn == "":
		return nil, fmt.Errorf("--db is empty: give a file name such as sitrep.db")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return nil, fmt.Errorf("--db %s: the PostgreSQL store is not built yet; use a SQLite file", redactDSN(dsn))
	case strings.HasPrefix(dsn, "sqlite://"):
		dsn = strings.TrimPrefix(dsn, "sqlite://")
	case strings.Contains(dsn, "://"):
		return nil, fmt.Errorf("--db %s: unknown kind of store (want a file path, sqlite://PATH or postgres://...)", redactDSN(dsn))
	}
	return sqlite.Open(ctx, dsn)
}

// redactDSN hides a password in a connection string for messages.
func redactDSN(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return dsn
	}
	user, _, _ := strings.Cut(rest[:at], ":")
	return scheme + "://" + user + ":***@" + rest[at+1:]
}

package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// openStore opens the store a --db flag names: a file path or sqlite://PATH
// for the embedded SQLite store, postgres://... or postgresql://... for the
// PostgreSQL store (several workers and servers sharing one database).
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	switch {
	case dsn == "":
		return nil, fmt.Errorf("--db is empty: give a file name such as sitrep.db")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		st, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("--db %s: %w", redactDSN(dsn), hidePassword(err, dsn))
		}
		return st, nil
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

// hidePassword masks the DSN's password should a driver's message quote it.
func hidePassword(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || u.User == nil {
		return err
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" || !strings.Contains(err.Error(), pw) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), pw, "***"))
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/sitrep/sitrep/internal/api"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/web"
)

const serveExamples = `  sitrep serve                                   # sitrep.db on http://127.0.0.1:8080
  sitrep serve --db news.db --addr 0.0.0.0:8080
  SITREP_TOKEN=$(openssl rand -hex 32) sitrep serve --db news.db
  curl -s 'http://127.0.0.1:8080/api/events?country=UA&since=2024-03-01&limit=5'
  curl -s -H "Authorization: Bearer $SITREP_TOKEN" -H 'Content-Type: text/plain' \
       --data-binary @story.txt 'http://127.0.0.1:8080/api/articles?outlet=UPI&published=2024-03-02'

Routes: /api/openapi.json describes them all; /healthz; /metrics (Prometheus).
`

// runServe serves the JSON API over the store until SIGINT or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "sitrep serve [--db FILE] [--addr HOST:PORT] [--token TOKEN]", serveExamples, stderr)
	db := fs.String("db", "sitrep.db", "the store: a SQLite `FILE` (created if missing), or a postgres://USER@HOST/DB DSN")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	token := fs.String("token", "", "bearer `TOKEN` that POST /api/articles requires (default $SITREP_TOKEN); without one the write API is off")
	webDir := fs.String("web", "", "serve the page built in `DIR` at / (default: web/dist, found from the working directory; build it with make web)")
	rest, err := parseInterleaved(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "sitrep serve: unexpected argument %q (see sitrep serve -h)\n", rest[0])
		return 2
	}
	tok := *token
	if tok == "" {
		tok = os.Getenv("SITREP_TOKEN")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep serve: %v\n", err)
		return 1
	}
	defer st.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "sitrep serve: %v\n", err)
		return 1
	}
	write := "off (no --token or SITREP_TOKEN)"
	if tok != "" {
		write = "on (bearer token)"
	}
	log.Info("serving", "url", "http://"+ln.Addr().String(), "db", *db, "write_api", write)
	if err := serveSite(ctx, ln, st, tok, *webDir, log); err != nil {
		fmt.Fprintf(stderr, "sitrep serve: %v\n", err)
		return 1
	}
	log.Info("stopped")
	return 0
}

// serveSite serves the API over st, and the page built in webDir, on ln
// until ctx ends; token turns on the write API.
func serveSite(ctx context.Context, ln net.Listener, st store.Store, token, webDir string, log *slog.Logger) error {
	h := web.Mount(api.New(st, api.Options{Token: token, Logger: log}), webDir)
	return api.Serve(ctx, ln, h, log)
}

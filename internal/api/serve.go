package api

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Timeouts of the server Serve runs. A posted article may take a while to
// arrive on a slow link (10 MB); an export streams for as long as it has
// pages, pushing the write deadline on at each (exportWriteTimeout).
const (
	readHeaderTimeout  = 10 * time.Second
	readTimeout        = 2 * time.Minute
	writeTimeout       = 2 * time.Minute
	idleTimeout        = 2 * time.Minute
	exportWriteTimeout = time.Minute
	// ShutdownGrace is how long requests in flight may take to finish
	// once Serve is told to stop.
	ShutdownGrace = 15 * time.Second
)

// NewServer returns an http.Server for h with sitrep's timeouts, its
// errors logged to log.
func NewServer(h http.Handler, log *slog.Logger) *http.Server {
	if log == nil {
		log = slog.Default()
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// Serve serves h on ln until ctx is done, then shuts down gracefully: it
// stops accepting, lets the requests in flight finish for up to
// ShutdownGrace, then closes what is left. It returns nil after a shutdown
// ctx asked for, or the error that stopped the server.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	srv := NewServer(h, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", ShutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		log.Warn("requests still running at the end of the grace period were cut", "err", err)
		srv.Close()
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // cut on purpose
	}
	return err
}

// Command sitrep reads news reports and turns them into a sourced, structured
// situation picture. This package is the command line only: each subcommand
// parses its flags and calls the pipeline packages under internal/.
package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"extract", "read articles and print sitrep.document/v1 JSON", runExtract},
		{"demo", "store the bundled sample articles and serve the page over them", runDemo},
		{"ingest", "read files, WARC files, feeds and URLs into the store", runIngest},
		{"worker", "extract and store the jobs of a NATS JetStream queue (ingest --queue)", runWorker},
		{"status", "show the queue's jobs waiting and in progress, and the store's counts", runStatus},
		{"search", "search the store: events, articles and quotes", runSearch},
		{"export", "write the store's events as CSV, GeoJSON, JSON Lines or Parquet", runExport},
		{"serve", "serve the JSON HTTP API over the store", runServe},
		{"report", "write a situation report on a region and period from the store", runReport},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", runHelp},
	}
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code: 0 ok, 1 failure,
// 2 usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "-help":
		usage(stdout)
		return 0
	case "--version", "-version":
		return runVersion(nil, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "sitrep: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "sitrep turns news reports into a sourced, structured situation picture.\n\nUsage:\n  sitrep COMMAND [flags] [args]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'sitrep COMMAND -h' for a command's flags and examples.\n")
}

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "sitrep %s\n", version)
	return 0
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] && c.name != "help" {
			return c.run([]string{"-h"}, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "sitrep: no help for unknown command %q\n", args[0])
	return 2
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// newFlags makes a flag set whose usage lists the synopsis, the flags and the
// examples. Parse it with parseInterleaved: -h prints the usage to standard
// output, a bad flag prints the error and the usage to stderr.
func newFlags(name, synopsis, examples string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage:\n  %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		if examples != "" {
			fmt.Fprintf(out, "\nExamples:\n%s", examples)
		}
	}
	return fs
}

// parseInterleaved parses flags that may stand before, between or after the
// positional arguments ("sitrep extract a.html --pretty") and returns the
// positional ones. On -h it prints the usage to stdout and returns
// flag.ErrHelp; on a bad flag the error and the usage go to the flag set's
// output.
func parseInterleaved(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, once we know where to
	defer func() { fs.Usage = usage }()
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			errOut := fs.Output()
			fs.SetOutput(stdout)
			usage()
			fs.SetOutput(errOut)
			return nil, err
		}
		if err != nil {
			usage()
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if endedFlags(fs, args[:len(args)-len(rest)]) {
			return append(pos, rest...), nil // after "--" everything is positional
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// endedFlags tells whether the arguments a Parse consumed end with the "--"
// terminator, rather than with "--" as the value of a flag ("--outlet --").
func endedFlags(fs *flag.FlagSet, consumed []string) bool {
	n := len(consumed)
	if n == 0 || consumed[n-1] != "--" {
		return false
	}
	if n == 1 {
		return true
	}
	prev := strings.TrimLeft(consumed[n-2], "-")
	if prev == consumed[n-2] || strings.Contains(prev, "=") {
		return true // not a flag, or a flag with its value attached
	}
	f := fs.Lookup(prev)
	if f == nil {
		return true
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// isTerminalWriter reports whether w is a terminal: progress bars go there,
// binary output does not.
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

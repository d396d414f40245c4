package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ingestArticle is a short invented report; i varies it.
func ingestArticle(i int) string {
	return fmt.Sprintf("Ferry service to Lindholm Island resumes after storm (%d)\n\n"+
		"The ferry between Portwick and Lindholm Island sailed again on Thursday after %d days in harbour, "+
		"the island council said, and the first crossing carried %d passengers and a lorry of supplies.\n\n"+
		"\"People have waited patiently and the shop shelves were getting empty,\" said council leader Maren Solberg, "+
		"who thanked the crew for working through the night to repair the ramp.\n", i, 2+i%5, 40+i)
}

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(ingestArticle(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "test.db")

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"first", []string{"ingest", "--db", db, dir}, 0, []string{"read 3, stored new 3, already stored 0"}},
		{"again", []string{"ingest", dir, "--db", db}, 0, []string{"read 3, stored new 0, already stored 3"}},
		{"bad input", []string{"ingest", "--db", db, bad, dir}, 0, []string{"sitrep: " + bad + ": input is empty", "failed 1"}},
		{"bad input strict", []string{"ingest", "--strict", "--db", db, bad}, 1, []string{"sitrep: " + bad + ":", "failed 1"}},
		{"missing input", []string{"ingest", "--db", db, filepath.Join(dir, "nope.txt")}, 0, []string{"nope.txt: no such file or directory"}},
		{"sqlite DSN", []string{"ingest", "--db", "sqlite://" + db, dir}, 0, []string{"already stored 3"}},
		{"no inputs", []string{"ingest", "--db", db}, 2, []string{"give a PATH, URL or FEED"}},
		{"bad flag", []string{"ingest", "--bogus", dir}, 2, []string{"flag provided but not defined: -bogus"}},
		{"bad batch", []string{"ingest", "--batch", "0", dir}, 2, []string{"--batch"}},
		{"postgres", []string{"ingest", "--db", "postgres://u:secret@host/db", dir}, 1, []string{"--db postgres://u:***@host/db:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if strings.Contains(errOut, "secret") {
				t.Errorf("stderr shows the password: %s", errOut)
			}
		})
	}
}

func TestIngestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "help", "ingest")
	if code != 0 || !strings.Contains(out, "sitrep ingest [flags] PATH|URL|FEED") || !strings.Contains(out, "-strict") {
		t.Errorf("exit %d, help:\n%s", code, out)
	}
}

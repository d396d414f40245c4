package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/sitrep/sitrep/internal/store"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/samples"
)

const (
	sampleTxt  = "../../samples/lima-protests.txt"
	sampleHTML = "../../samples/nepal-earthquake.html"
)

// runCLI calls run as main would and returns the exit code and both outputs.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// setStdin replaces the standard input that "-" reads for one test.
func setStdin(t *testing.T, r io.Reader) {
	t.Helper()
	old := stdin
	stdin = r
	t.Cleanup(func() { stdin = old })
}

// validDoc checks that b is one sitrep.document/v1 object and decodes it.
func validDoc(t *testing.T, b []byte) *document.Document {
	t.Helper()
	if err := document.Validate(b); err != nil {
		t.Fatalf("output does not validate: %v\n%.400s", err, b)
	}
	var d document.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.Schema != document.Schema {
		t.Fatalf("schema = %q", d.Schema)
	}
	return &d
}

// jsonLines splits JSON Lines output, checking that it ends with a newline.
func jsonLines(t *testing.T, s string) []string {
	t.Helper()
	if s == "" {
		return nil
	}
	if !strings.HasSuffix(s, "\n") {
		t.Errorf("output does not end with a newline")
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // "" = must be empty
		stderr     string // in stderr, when set
		anyStdout  bool
		stdoutHas2 string // a second string stdout must contain
	}{
		{name: "version", args: []string{"version"}, code: 0, stdout: "sitrep " + version + "\n"},
		{name: "--version", args: []string{"--version"}, code: 0, stdout: "sitrep " + version + "\n"},
		{name: "no command", args: nil, code: 2, stderr: "Usage:"},
		{name: "help", args: []string{"help"}, code: 0, anyStdout: true, stdout: "Commands:", stdoutHas2: "extract"},
		{name: "-h", args: []string{"-h"}, code: 0, anyStdout: true, stdout: "Commands:", stdoutHas2: "demo"},
		{name: "help extract", args: []string{"help", "extract"}, code: 0, anyStdout: true, stdout: "Examples:", stdoutHas2: "-allow-private"},
		{name: "extract -h", args: []string{"extract", "-h"}, code: 0, anyStdout: true, stdout: "Examples:", stdoutHas2: "sitrep extract"},
		{name: "extract --help", args: []string{"extract", "--help"}, code: 0, anyStdout: true, stdout: "Examples:"},
		{name: "help demo", args: []string{"help", "demo"}, code: 0, anyStdout: true, stdout: "Examples:", stdoutHas2: "-out"},
		{name: "demo -h", args: []string{"demo", "-h"}, code: 0, anyStdout: true, stdout: "Examples:"},
		{name: "help unknown", args: []string{"help", "frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "extract no args", args: []string{"extract"}, code: 2, stderr: "give a FILE, URL or -"},
		{name: "extract unknown flag", args: []string{"extract", "--bogus", sampleTxt}, code: 2, stderr: "flag provided but not defined: -bogus"},
		{name: "bad --format", args: []string{"extract", "--format", "xml", sampleTxt}, code: 2, stderr: `--format "xml"`},
		{name: "bad --published", args: []string{"extract", "--published", "28 Feb 2022", sampleTxt}, code: 2, stderr: "--published"},
		{name: "--url with two inputs", args: []string{"extract", "--url", "https://example.org/a", sampleTxt, sampleHTML}, code: 2, stderr: "give one input"},
		{name: "demo with an argument", args: []string{"demo", "extra"}, code: 2, stderr: "takes no arguments"},
		{name: "demo empty --out", args: []string{"demo", "--out", ""}, code: 2, stderr: "--out is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			switch {
			case tt.anyStdout:
				if !strings.Contains(out, tt.stdout) || !strings.Contains(out, tt.stdoutHas2) {
					t.Errorf("stdout lacks %q or %q:\n%s", tt.stdout, tt.stdoutHas2, out)
				}
			case out != tt.stdout:
				t.Errorf("stdout = %q, want %q", out, tt.stdout)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
			if tt.code == 0 && errOut != "" {
				t.Errorf("stderr not empty on success: %s", errOut)
			}
		})
	}
}

func TestExtractFile(t *testing.T) {
	for _, file := range []string{sampleTxt, sampleHTML} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, errOut := runCLI(t, "extract", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if lines := jsonLines(t, out); len(lines) != 1 {
				t.Fatalf("want one line of JSON, got %d", len(lines))
			}
			d := validDoc(t, []byte(out))
			if d.Text == "" || d.Title == "" || d.Language != "en" {
				t.Errorf("title %q, language %q, %d bytes of text", d.Title, d.Language, len(d.Text))
			}
		})
	}
}

func TestExtractFlagsAfterFile(t *testing.T) {
	code, out, errOut := runCLI(t, "extract", sampleTxt, "--outlet", "Associated Press", "--published", "2023-10-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	d := validDoc(t, []byte(out))
	if d.Outlet == nil || *d.Outlet != "Associated Press" || d.Published != "2023-10-12" {
		t.Errorf("outlet %v, published %q: flags after the file were not applied", d.Outlet, d.Published)
	}
}

func TestExtractTwoFiles(t *testing.T) {
	code, out, errOut := runCLI(t, "extract", sampleTxt, sampleHTML)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := jsonLines(t, out)
	if len(lines) != 2 {
		t.Fatalf("two inputs gave %d lines, want 2 (JSON Lines)", len(lines))
	}
	a, b := validDoc(t, []byte(lines[0])), validDoc(t, []byte(lines[1]))
	if a.ID == b.ID {
		t.Error("two articles share an id")
	}
}

func TestExtractJSONArray(t *testing.T) {
	code, out, errOut := runCLI(t, "extract", "--format", "json", sampleTxt, sampleHTML)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var arr []json.RawMessage
	if err := json.Unmarshal([]byte(out), &arr); err != nil {
		t.Fatalf("--format json with two inputs is not a JSON array: %v\n%.200s", err, out)
	}
	if len(arr) != 2 {
		t.Fatalf("array of %d, want 2", len(arr))
	}
	for _, raw := range arr {
		validDoc(t, raw)
	}
}

func TestExtractJSONLOne(t *testing.T) {
	code, out, _ := runCLI(t, "extract", "--format", "jsonl", sampleTxt)
	if code != 0 || len(jsonLines(t, out)) != 1 {
		t.Fatalf("exit %d, %d lines", code, len(jsonLines(t, out)))
	}
	validDoc(t, []byte(out))
}

func TestExtractPretty(t *testing.T) {
	code, out, errOut := runCLI(t, "extract", "--pretty", sampleHTML)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "{\n  \"schema\": \"sitrep.document/v1\",\n") {
		t.Errorf("--pretty output is not indented:\n%.200s", out)
	}
	validDoc(t, []byte(out))
	// Article text is full of quotes and ampersands; they are not HTML-escaped.
	if strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
		t.Error("output escapes <, > or & as for HTML")
	}
}

func TestExtractStdin(t *testing.T) {
	b, err := os.ReadFile(sampleTxt)
	if err != nil {
		t.Fatal(err)
	}
	setStdin(t, bytes.NewReader(b))
	code, out, errOut := runCLI(t, "extract", "--url", "https://example.org/lima", "--published", "2023-10-11", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	d := validDoc(t, []byte(out))
	if d.URL == nil || *d.URL != "https://example.org/lima" || d.Published != "2023-10-11" {
		t.Errorf("url %v, published %q: flags not applied to standard input", d.URL, d.Published)
	}
	// The same text from a file has the same id.
	_, fromFile, _ := runCLI(t, "extract", sampleTxt)
	if f := validDoc(t, []byte(fromFile)); f.ID != d.ID {
		t.Errorf("stdin id %s, file id %s", d.ID, f.ID)
	}
}

func TestExtractAfterDoubleDash(t *testing.T) {
	b, err := os.ReadFile(sampleTxt)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("-odd.txt", b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "extract", "--pretty", "--", "-odd.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	validDoc(t, []byte(out))
}

func TestExtractBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "missing.html")
	tests := []struct {
		name, input, want string
	}{
		{"nonexistent", missing, "sitrep: " + missing + ": no such file\n"},
		{"empty", write("empty.txt", nil), "empty"},
		{"binary", write("photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")), "binary"},
		{"directory", dir, "is a directory"},
		{"ftp URL", "ftp://example.org/news.html", "only http and https"},
		{"file URL", "file:///etc/passwd", "only http and https"},
		{"no article", write("menu.html", []byte("<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>")), "no article text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "extract", tt.input)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if out != "" {
				t.Errorf("stdout not empty: %.200q", out)
			}
			if !strings.HasPrefix(errOut, "sitrep: "+tt.input+": ") || !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr = %q, want the input name and %q", errOut, tt.want)
			}
		})
	}
	t.Run("empty stdin", func(t *testing.T) {
		setStdin(t, strings.NewReader(""))
		code, out, errOut := runCLI(t, "extract", "-")
		if code != 1 || out != "" || !strings.HasPrefix(errOut, "sitrep: -: ") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
}

// TestExtractPartialFailure: with several inputs the good ones are still
// written, and the exit code reports the failure.
func TestExtractPartialFailure(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.txt")
	code, out, errOut := runCLI(t, "extract", sampleTxt, missing, sampleHTML)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if lines := jsonLines(t, out); len(lines) != 2 {
		t.Errorf("%d documents written, want 2", len(lines))
	}
	if !strings.Contains(errOut, "sitrep: "+missing+": no such file") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestExtractURL(t *testing.T) {
	page, err := os.ReadFile(sampleHTML)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/world/nepal-quake" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	story := srv.URL + "/world/nepal-quake"

	t.Run("allowed", func(t *testing.T) {
		code, out, errOut := runCLI(t, "extract", "--allow-private", story)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		d := validDoc(t, []byte(out))
		if d.URL == nil || *d.URL != story {
			t.Errorf("url = %v, want %s", d.URL, story)
		}
		_, fromFile, _ := runCLI(t, "extract", sampleHTML)
		if f := validDoc(t, []byte(fromFile)); f.ID != d.ID || f.Title != d.Title {
			t.Errorf("fetched page differs from the file: %q vs %q", d.Title, f.Title)
		}
	})
	t.Run("loopback refused", func(t *testing.T) {
		code, out, errOut := runCLI(t, "extract", story)
		if code != 1 || out != "" {
			t.Errorf("exit %d, stdout %.100q; want 1 and nothing", code, out)
		}
		if !strings.Contains(errOut, "loopback") || !strings.Contains(errOut, "--allow-private") {
			t.Errorf("stderr = %q, want the loopback refusal and the flag that allows it", errOut)
		}
	})
	t.Run("404", func(t *testing.T) {
		code, out, errOut := runCLI(t, "extract", "--allow-private", srv.URL+"/missing")
		if code != 1 || out != "" {
			t.Errorf("exit %d, stdout %.100q; want 1 and nothing", code, out)
		}
		if !strings.Contains(errOut, "404") {
			t.Errorf("stderr = %q, want the 404", errOut)
		}
	})
}

// TestDemo runs the demo end to end, as a user on a fresh machine would:
// every bundled article becomes one valid document in the default output
// file, and the table names each.
func TestDemo(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := runCLI(t, "demo", "--no-serve")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	names := samples.Articles()
	b, err := os.ReadFile("sitrep-demo.jsonl")
	if err != nil {
		t.Fatalf("default output file: %v", err)
	}
	lines := jsonLines(t, string(b))
	if len(lines) != len(names) {
		t.Fatalf("%d documents for %d sample articles", len(lines), len(names))
	}
	for i, l := range lines {
		d := validDoc(t, []byte(l))
		if d.Title == "" || d.Language != "en" {
			t.Errorf("%s: title %q, language %q", names[i], d.Title, d.Language)
		}
	}
	for _, want := range append([]string{"ARTICLE", "OUTLET", "PUBLISHED", "TITLE", "WORDS", "REMOVED", "LANG",
		fmt.Sprintf("%d of %d sample articles extracted", len(names), len(names)), "sitrep-demo.jsonl"}, names...) {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if want := fmt.Sprintf("n=%d/%d", len(names), len(names)); !strings.Contains(errOut, want) {
		t.Errorf("progress on stderr lacks %q:\n%s", want, errOut)
	}
}

// TestDemoStdout: with --out - the documents are the whole of stdout, the
// same as sitrep extract gives for the sample files, and the table moves to
// stderr.
func TestDemoStdout(t *testing.T) {
	code, out, errOut := runCLI(t, "demo", "--no-serve", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	names := samples.Articles()
	lines := jsonLines(t, out)
	if len(lines) != len(names) {
		t.Fatalf("%d lines on stdout for %d articles", len(lines), len(names))
	}
	if !strings.Contains(errOut, "ARTICLE") || !strings.Contains(errOut, "standard output") {
		t.Errorf("summary not on stderr:\n%s", errOut)
	}

	files := make([]string, len(names))
	for i, n := range names {
		files[i] = filepath.Join("../../samples", n)
	}
	code, extracted, errOut := runCLI(t, append([]string{"extract"}, files...)...)
	if code != 0 {
		t.Fatalf("extract of the samples: exit %d: %s", code, errOut)
	}
	ids := func(ls []string) []string {
		var s []string
		for _, l := range ls {
			s = append(s, validDoc(t, []byte(l)).ID)
		}
		return s
	}
	if a, b := ids(lines), ids(jsonLines(t, extracted)); !slices.Equal(a, b) {
		t.Errorf("demo ids %v differ from extract ids %v", a, b)
	}
}

func TestDemoBadOut(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "no", "such", "dir", "out.jsonl")
	code, out, errOut := runCLI(t, "demo", "--no-serve", "--out", bad)
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	if !strings.Contains(errOut, bad) || strings.Contains(errOut, "extracted") {
		t.Errorf("stderr = %q: want the file named, before any work", errOut)
	}
}

// TestDemoStore: the demo's store fuses the sample outlets' reports of one
// event, keeps each outlet's figures side by side, and links the
// republished wire copy to its original.
func TestDemoStore(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	db := filepath.Join(dir, "demo.db")
	code, out, errOut := runCLI(t, "demo", "--no-serve", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "stored in "+db) {
		t.Errorf("summary lacks the store line:\n%s", out)
	}
	ctx := context.Background()
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != int64(len(samples.Articles())) || s.Duplicates < 1 {
		t.Errorf("stats %+v: want every sample stored and a near-duplicate linked", s)
	}
	page, err := st.Events(ctx, store.EventFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	fused := false
	for _, e := range page.Items {
		if e.ReportCount < 2 {
			continue
		}
		d, err := st.Event(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		outlets := map[string]bool{}
		for _, c := range d.Claims {
			outlets[c.Outlet] = true
		}
		if len(outlets) >= 2 {
			fused = true
		}
	}
	if !fused {
		t.Error("no event fused from two outlets' reports with claims from both")
	}
}

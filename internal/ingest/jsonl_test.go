package ingest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		want    Record
		wantErr string
	}{
		{"text", `{"url":"https://example.org/a","text":"Body text.","published":"2024-03-01"}`,
			Record{URL: "https://example.org/a", Body: []byte("Body text."), Published: "2024-03-01"}, ""},
		{"html wins", `{"html":"<p>page</p>","text":"plain"}`, Record{Body: []byte("<p>page</p>")}, ""},
		{"empty html falls back to text", `{"html":"  ","text":"plain"}`, Record{Body: []byte("plain")}, ""},
		{"outlet and spaces", "  {\"text\":\"x\",\"outlet\":\" Gazette \"}\r", Record{Body: []byte("x"), Outlet: "Gazette"}, ""},
		{"datetime", `{"text":"x","published":"2024-03-01T10:20:00Z"}`, Record{Body: []byte("x"), Published: "2024-03-01T10:20:00Z"}, ""},
		{"space datetime", `{"text":"x","published":"2024-03-01 10:20:00"}`, Record{Body: []byte("x"), Published: "2024-03-01T10:20:00"}, ""},
		{"rfc1123", `{"text":"x","published":"Fri, 01 Mar 2024 10:20:00 GMT"}`, Record{Body: []byte("x"), Published: "2024-03-01T10:20:00Z"}, ""},
		{"rfc1123z", `{"text":"x","published":"Fri, 01 Mar 2024 10:20:00 +0200"}`, Record{Body: []byte("x"), Published: "2024-03-01T10:20:00+02:00"}, ""},
		{"unknown fields ignored", `{"text":"x","id":7,"tags":["a"]}`, Record{Body: []byte("x")}, ""},
		{"null url", `{"text":"x","url":null}`, Record{Body: []byte("x")}, ""},
		{"no body", `{"url":"https://example.org/a"}`, Record{}, `no "html" or "text"`},
		{"blank body", `{"text":"   "}`, Record{}, `no "html" or "text"`},
		{"not an object", `["text"]`, Record{}, "not a JSON object"},
		{"empty", ``, Record{}, "not a JSON object"},
		{"broken", `{"text":"x"`, Record{}, "invalid JSON"},
		{"number body", `{"text":5}`, Record{}, `field "text" is not a string`},
		{"bad url", `{"text":"x","url":"mailto:a@example.org"}`, Record{}, "unsupported scheme"},
		{"bad date", `{"text":"x","published":"last Tuesday"}`, Record{}, "is not a date"},
		{"trailing data", `{"text":"x"} {"text":"y"}`, Record{}, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLine([]byte(tt.line))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != tt.want.URL || string(got.Body) != string(tt.want.Body) || got.Published != tt.want.Published || got.Outlet != tt.want.Outlet {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	input := "{\"text\":\"one\"}\r\n\n   \n{\"text\":\"two\"}\nnot json\n{\"text\":\"four\"}"
	var jobs []Job
	err := readJSONL(context.Background(), strings.NewReader(input), "list.jsonl", "/abs/list.jsonl", func(j Job) bool {
		jobs = append(jobs, j)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		name, body string
		bad        bool
	}
	wants := []want{{"list.jsonl:1", "one", false}, {"list.jsonl:4", "two", false}, {"list.jsonl:5", "", true}, {"list.jsonl:6", "four", false}}
	if len(jobs) != len(wants) {
		t.Fatalf("%d jobs, want %d: %+v", len(jobs), len(wants), jobs)
	}
	keys := map[string]bool{}
	for i, w := range wants {
		j := jobs[i]
		if j.Name != w.name || string(j.Bytes) != w.body || (j.Err != nil) != w.bad {
			t.Errorf("job %d = %q %q %v, want %+v", i, j.Name, j.Bytes, j.Err, w)
		}
		if !strings.HasPrefix(j.SourceKey, "jsonl:/abs/list.jsonl#line=") || keys[j.SourceKey] {
			t.Errorf("job %d key %q", i, j.SourceKey)
		}
		keys[j.SourceKey] = true
	}

	// Appending lines leaves the keys of the lines before as they were.
	var more []Job
	_ = readJSONL(context.Background(), strings.NewReader(input+"\n{\"text\":\"seven\"}\n"), "list.jsonl", "/abs/list.jsonl", func(j Job) bool {
		more = append(more, j)
		return true
	})
	for i := range jobs {
		if more[i].SourceKey != jobs[i].SourceKey {
			t.Errorf("line %s: key changed after an append", jobs[i].Name)
		}
	}
	if len(more) != len(jobs)+1 {
		t.Errorf("%d jobs after the append", len(more))
	}

	// emit returning false stops the reading.
	n := 0
	_ = readJSONL(context.Background(), strings.NewReader(input), "x", "x", func(Job) bool { n++; return false })
	if n != 1 {
		t.Errorf("reading went on after emit said stop: %d jobs", n)
	}
}

func TestReadLine(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name  string
		input string
		max   int
		lines []string // "!" marks a line too long
	}{
		{"plain", "a\nbb\n", 10, []string{"a", "bb"}},
		{"no final newline", "a\nbb", 10, []string{"a", "bb"}},
		{"crlf", "a\r\nbb\r\n", 10, []string{"a", "bb"}},
		{"too long", "a\n" + long + "\nc\n", 50, []string{"a", "!", "c"}},
		{"too long at end", "a\n" + long, 50, []string{"a", "!"}},
		{"longer than the buffer", long + long + "\nz", 1000, []string{long + long, "z"}},
		{"empty lines", "\n\n", 10, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.input), 16)
			var got []string
			for {
				line, tooLong, err := readLine(br, tt.max)
				if tooLong {
					got = append(got, "!")
				} else if err == nil || len(line) > 0 {
					got = append(got, string(line))
				}
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.lines, "|") {
				t.Errorf("lines %q, want %q", got, tt.lines)
			}
		})
	}
}

// FuzzParseLine: no input makes the line parser panic, and what it accepts
// has a body within the limit.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		`{"url":"https://example.org/a","text":"Body text.","published":"2024-03-01"}`,
		`{"html":"<p>x</p>","published":"Fri, 01 Mar 2024 10:20:00 GMT"}`,
		`{"text":5}`, `[]`, `{`, `{"text":"\u0000"}`, "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseLine(b)
		if err == nil && (len(r.Body) == 0 || len(r.Body) > maxArticle) {
			t.Fatalf("accepted a record with a %d-byte body", len(r.Body))
		}
	})
}

// FuzzReadJSONL: arbitrary bytes make no panic, and every line read is a
// job with a name and a key.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte("{\"text\":\"one\"}\r\n\n{\"text\":\"two\"}\nnot json\n"))
	f.Add([]byte("\n\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = readJSONL(context.Background(), strings.NewReader(string(b)), "f", "f", func(j Job) bool {
			if j.Name == "" || j.SourceKey == "" || (j.Err == nil) == (len(j.Bytes) == 0) {
				t.Fatalf("bad job %+v", j)
			}
			return true
		})
	})
}

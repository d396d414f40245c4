package ingest

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// collect runs a source and loads its jobs, as the loaders would.
func collect(t *testing.T, src Source, env *Env) ([]Job, error) {
	t.Helper()
	if env == nil {
		env = &Env{}
	}
	var jobs []Job
	err := src.Each(context.Background(), env, func(j Job) bool {
		if j.Err == nil && j.Load != nil {
			if lerr := j.Load(context.Background(), &j); lerr != nil {
				j.Err = lerr
			}
		}
		jobs = append(jobs, j)
		return true
	})
	return jobs, err
}

func byName(jobs []Job) map[string]Job {
	m := map[string]Job{}
	for _, j := range jobs {
		m[j.Name] = j
	}
	return m
}

func names(jobs []Job) []string {
	var out []string
	for _, j := range jobs {
		out = append(out, j.Name)
	}
	sort.Strings(out)
	return out
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", article(1, 3))
	writeFile(t, dir, "b.HTML", articleHTML(2, 3))
	writeFile(t, dir, "c.jsonl", "")
	writeFile(t, dir, "d.warc.gz", "")
	writeFile(t, dir, "e.warc", "")
	writeFile(t, dir, "f.rss", "")
	writeFile(t, dir, "g.md", article(3, 3))
	tests := []struct {
		arg     string
		want    string // the source's type
		wantErr string
	}{
		{"a.txt", "ingest.articleFile", ""},
		{"b.HTML", "ingest.articleFile", ""},
		{"c.jsonl", "ingest.jsonlSource", ""},
		{"d.warc.gz", "ingest.warcSource", ""},
		{"e.warc", "ingest.warcSource", ""},
		{"f.rss", "ingest.feedFileSource", ""},
		{"g.md", "ingest.articleFile", ""}, // named, so read whatever its extension
		{".", "ingest.dirSource", ""},
		{"missing.txt", "", "no such file or directory"},
		{"https://example.org/news", "ingest.urlSource", ""},
		{"HTTP://example.org/", "ingest.urlSource", ""},
		{"ftp://example.org/a.txt", "", "unsupported scheme"},
		{"http://", "", "no host"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			arg := tt.arg
			if !strings.Contains(arg, "://") {
				arg = filepath.Join(dir, arg)
			}
			src, err := Open(arg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open(%q) error = %v, want %q", tt.arg, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open(%q): %v", tt.arg, err)
			}
			if got := fmtType(src); got != tt.want {
				t.Errorf("Open(%q) = %s, want %s", tt.arg, got, tt.want)
			}
		})
	}
}

func TestDirSource(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "a.txt", article(1, 4))
	writeFile(t, root, "news/b.html", articleHTML(2, 4))
	writeFile(t, root, "news/2024/c.htm", articleHTML(3, 4))
	writeFile(t, root, "news/notes.md", "not an article")
	writeFile(t, root, "news/photo.jpg", "\xff\xd8\xff\xe0")
	writeFile(t, root, ".hidden/d.txt", article(4, 4))
	writeFile(t, root, ".e.txt", article(5, 4))
	writeFile(t, root, "feeds/list.jsonl",
		`{"url": "https://example.org/f", "text": "`+jsonText(article(6, 3))+`", "published": "2024-05-02"}`+"\n"+
			"\n"+
			`{"url": "https://example.org/g"}`+"\n"+
			`{"html": "`+jsonText(articleHTML(7, 3))+`"}`)
	writeFile(t, root, "empty.txt", "")
	if err := os.Symlink(filepath.Join(root, "a.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}

	name := filepath.Base(root)
	src := dirSource{name: name, abs: root}
	jobs, err := collect(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		name + "/a.txt",
		name + "/empty.txt",
		name + "/feeds/list.jsonl:1",
		name + "/feeds/list.jsonl:3",
		name + "/feeds/list.jsonl:4",
		name + "/link.txt",
		name + "/news/2024/c.htm",
		name + "/news/b.html",
	}
	if got := names(jobs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("jobs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	m := byName(jobs)
	if j := m[name+"/a.txt"]; string(j.Bytes) != article(1, 4) || !strings.HasPrefix(j.SourceKey, "file:"+filepath.Join(root, "a.txt")+"#size=") {
		t.Errorf("a.txt: key %q, %d bytes", j.SourceKey, len(j.Bytes))
	}
	if j := m[name+"/feeds/list.jsonl:1"]; j.Meta.URL != "https://example.org/f" || j.Meta.Published != "2024-05-02" || string(j.Bytes) != article(6, 3) {
		t.Errorf("jsonl line 1: %+v", j.Meta)
	}
	if j := m[name+"/feeds/list.jsonl:3"]; j.Err == nil || !strings.Contains(j.Err.Error(), `no "html" or "text"`) {
		t.Errorf("jsonl line 3: error %v", j.Err)
	}
	if j := m[name+"/feeds/list.jsonl:4"]; j.Err != nil || !strings.HasPrefix(string(j.Bytes), "<!DOCTYPE html>") {
		t.Errorf("jsonl line 4: %v", j.Err)
	}
	if m[name+"/link.txt"].SourceKey == m[name+"/a.txt"].SourceKey {
		t.Errorf("a link and its target share a source key")
	}

	// The key of a file changes with its content; the others stay.
	writeFile(t, root, "a.txt", article(1, 5))
	again, err := collect(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	m2 := byName(again)
	if m2[name+"/a.txt"].SourceKey == m[name+"/a.txt"].SourceKey {
		t.Errorf("a.txt rewritten, same key %q", m[name+"/a.txt"].SourceKey)
	}
	if m2[name+"/news/b.html"].SourceKey != m[name+"/news/b.html"].SourceKey {
		t.Errorf("b.html untouched, key changed")
	}
}

func TestArticleFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(p, make([]byte, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, maxArticle+1); err != nil {
		t.Fatal(err)
	}
	src, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	jobs, _ := collect(t, src, nil)
	if len(jobs) != 1 || jobs[0].Err == nil || !strings.Contains(jobs[0].Err.Error(), "larger than 10 MB") {
		t.Fatalf("jobs %+v", jobs)
	}
}

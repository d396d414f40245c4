package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// benchArticles is how many articles one benchmark run ingests.
const benchArticles = 300

// article5KB is article i grown to about 5 KB of plain text.
func article5KB(i int) string {
	var b strings.Builder
	b.WriteString(article(i, 12))
	for k := 1; b.Len() < 5000; k++ {
		// More paragraphs, each from another article's draw.
		p := paragraphs[(i*5+k*7)%len(paragraphs)]
		fmt.Fprintf(&b, p, towns[(i+k)%len(towns)], people[(i+2*k)%len(people)], offices[(i+3*k)%len(offices)], 100+(i*13+k*29)%5000)
		b.WriteString("\n\n")
	}
	return b.String()
}

// page5KB is article5KB as a news page.
func page5KB(i int) string {
	text := article5KB(i)
	paras := strings.Split(strings.TrimSpace(text), "\n\n")
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>"+
		"<meta property=\"og:site_name\" content=\"The Invented Gazette\"></head>\n<body>\n<header><nav><ul>"+
		"<li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li>"+
		"<li><a href=\"/sport\">Sport</a></li></ul></nav></header>\n<main><article>\n<h1>%s</h1>\n"+
		"<p class=\"byline\">By Ada Quill</p><time datetime=\"2024-05-%02d\">May %d, 2024</time>\n",
		paras[0], paras[0], 1+i%28, 1+i%28)
	for _, p := range paras[1:] {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article>\n<aside><h2>Most read</h2><ul><li><a href=\"/a\">Markets close higher</a></li>" +
		"<li><a href=\"/b\">Cup final tickets on sale</a></li></ul></aside></main>\n" +
		"<footer><p>© 2024 The Invented Gazette. All rights reserved.</p></footer>\n</body></html>\n")
	return b.String()
}

// BenchmarkIngestText runs about 5 KB plain-text articles from a directory
// through the runner into a store: the in-memory one, which measures the
// runner and extraction, and SQLite in a temporary directory, the whole
// path. It reports articles per second.
func BenchmarkIngestText(b *testing.B) { benchIngest(b, "txt", article5KB) }

// BenchmarkIngestHTML is BenchmarkIngestText for news pages of about 5 KB
// of text.
func BenchmarkIngestHTML(b *testing.B) { benchIngest(b, "html", page5KB) }

func benchIngest(b *testing.B, ext string, gen func(int) string) {
	dir := b.TempDir()
	var size int64
	for i := 0; i < benchArticles; i++ {
		s := gen(i)
		size += int64(len(s))
		writeFile(b, dir, fmt.Sprintf("%03d.%s", i, ext), s)
	}
	stores := []struct {
		name string
		open func(b *testing.B) store.Store
	}{
		{"memory", func(*testing.B) store.Store { return newFakeStore() }},
		{"sqlite", func(b *testing.B) store.Store {
			db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			return db
		}},
	}
	for _, sc := range stores {
		b.Run(sc.name, func(b *testing.B) {
			// One warm-up run loads the lexicons and the gazetteer.
			if _, err := Run(context.Background(), sc.open(b), []string{filepath.Join(dir, "000."+ext)}, Options{}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			var elapsed time.Duration
			var n int64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := sc.open(b)
				b.StartTimer()
				start := time.Now()
				s, err := Run(context.Background(), st, []string{dir}, Options{})
				elapsed += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if s.New+s.Already != benchArticles || s.Failed != 0 {
					b.Fatalf("summary %v", s)
				}
				n += s.Read
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)/elapsed.Seconds(), "articles/s")
		})
	}
}

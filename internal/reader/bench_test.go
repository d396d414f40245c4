package reader

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

// benchInputs loads the sample pages with the given extensions, plus the
// development corpus's when it is present.
func benchInputs(b *testing.B, exts ...string) ([][]byte, int64) {
	b.Helper()
	var files []string
	for _, ext := range exts {
		m, _ := filepath.Glob(filepath.Join(samplesDir, "*"+ext))
		files = append(files, m...)
	}
	files = append(files, devArticles(b, exts...)...)
	var docs [][]byte
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		total += int64(len(data))
	}
	if len(docs) == 0 {
		b.Skip("no inputs")
	}
	b.Logf("%d documents, %d bytes", len(docs), total)
	return docs, total
}

// BenchmarkReadText reads every plain-text sample once per iteration.
func BenchmarkReadText(b *testing.B) {
	docs, total := benchInputs(b, ".txt")
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := Read(d, Meta{}, testNow); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadHTML reads every HTML sample once per iteration.
func BenchmarkReadHTML(b *testing.B) {
	docs, total := benchInputs(b, ".html", ".htm")
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := Read(d, Meta{}, testNow); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTrafilaturaAlone runs go-trafilatura on the same HTML with the
// options readHTML uses, to show what the reader adds on top of it.
func BenchmarkTrafilaturaAlone(b *testing.B) {
	docs, total := benchInputs(b, ".html", ".htm")
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		ExcludeTables:   false,
		HtmlDateMode:    trafilatura.Fast,
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := trafilatura.Extract(bytes.NewReader(d), opts); err != nil {
				b.Fatal(err)
			}
		}
	}
}

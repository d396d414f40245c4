package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/reader"
)

// benchTexts are the clean bodies of the bundled samples and, when present,
// the dev corpus: what the analysis stages see.
func benchTexts(b *testing.B) []string {
	var files []string
	for _, pat := range []string{"../../samples/*.txt", "../../samples/*.html", "../../../shared/corpus/dev/*"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	var texts []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		d, err := Extract(raw, Options{Meta: reader.Meta{Name: f}})
		if err != nil {
			continue
		}
		texts = append(texts, d.Text)
	}
	if len(texts) == 0 {
		b.Skip("no articles")
	}
	return texts
}

// BenchmarkEntities measures the entity stage with the real gazetteer, in
// bytes of clean text per second.
func BenchmarkEntities(b *testing.B) {
	texts := benchTexts(b)
	r := recognizer()
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			r.Recognize(t)
		}
	}
}

// BenchmarkExtractText runs the whole pipeline on the bundled plain-text
// articles (about 5 KB each), in articles per second.
func BenchmarkExtractText(b *testing.B) {
	files, _ := filepath.Glob("../../samples/*.txt")
	var raws [][]byte
	var n int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
		n += int64(len(raw))
	}
	if len(raws) == 0 {
		b.Skip("no samples")
	}
	recognizer() // load the lexicons and the gazetteer before timing
	resolver()
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, raw := range raws {
			if _, err := Extract(raw, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(raws))/b.Elapsed().Seconds(), "articles/s")
}

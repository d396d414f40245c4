package entities_test

// A side-by-side evaluation of this package's recognizer against the named
// entities of github.com/jdkato/prose/v3 on the dev gold articles of
// ../shared, scored with the port of score.py in evalscore_test.go. Run with
// -v to see the table; add -args -misses to list every miss.

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jdkato/prose/v3"

	"github.com/sitrep/sitrep/internal/entities"
	"github.com/sitrep/sitrep/internal/extract"
)

var showMisses = flag.Bool("misses", false, "list every miss of the prose comparison")

const (
	// sitrep's entity F1 must beat prose's by this much.
	f1Margin = 0.15
	// timed passes over the articles, after one warm-up pass.
	speedRounds = 5
)

// proseClass maps prose's entity labels to the scorer's classes; labels not
// listed (GSP, ...) are dropped.
var proseClass = map[string]string{
	"PERSON":       "PERSON",
	"GPE":          "PLACE",
	"LOCATION":     "PLACE",
	"FACILITY":     "PLACE",
	"LOC":          "PLACE",
	"FAC":          "PLACE",
	"ORGANIZATION": "ORG",
	"ORG":          "ORG",
}

// proseOpts asks prose for what its entities need: tokens, tags and entities
// (sentence segmentation plays no part in them).
var proseOpts = []prose.Option{prose.WithSegmentation(false)}

// evalArticle is one gold article, extracted.
type evalArticle struct {
	name               string
	gold               goldFile
	title, deck, text  string
	words              int
	sitrep, proseScore prf
	sitrepMiss, prMiss []string
}

// proseInput is what prose reads: the article as one document.
func (a *evalArticle) proseInput() string {
	return a.title + "\n\n" + a.deck + "\n\n" + a.text
}

// prosePreds runs prose on the article: each distinct entity text (after the
// scorer's normalisation) is one prediction, typed by the class prose gives
// it most often. prose has no coreference, so "Zelensky" and "Volodymyr
// Zelensky" are two predictions.
func prosePreds(t testing.TB, input string) []predEntity {
	pd, err := prose.NewDocument(input, proseOpts...)
	if err != nil {
		t.Fatalf("prose: %v", err)
	}
	type cand struct {
		text  string
		votes map[string]int
		first string
	}
	var order []string
	byKey := map[string]*cand{}
	for _, e := range pd.Entities() {
		cls, ok := proseClass[e.Label]
		if !ok {
			continue
		}
		k := scoreNorm(e.Text)
		if k == "" {
			continue
		}
		c := byKey[k]
		if c == nil {
			c = &cand{text: e.Text, votes: map[string]int{}, first: cls}
			byKey[k] = c
			order = append(order, k)
		}
		c.votes[cls]++
	}
	preds := make([]predEntity, 0, len(order))
	for _, k := range order {
		c := byKey[k]
		best := c.first
		for _, cls := range []string{"PERSON", "ORG", "PLACE"} {
			if c.votes[cls] > c.votes[best] {
				best = cls
			}
		}
		preds = append(preds, predEntity{Type: best, Name: c.text})
	}
	return preds
}

// loadEvalArticles extracts every dev article whose gold file scores entities.
func loadEvalArticles(t *testing.T) []*evalArticle {
	shared := filepath.Join("..", "..", "..", "shared")
	goldDir := filepath.Join(shared, "gold", "dev")
	corpusDir := filepath.Join(shared, "corpus", "dev")
	for _, d := range []string{goldDir, corpusDir} {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			t.Skipf("no %s: the shared gold and corpus are absent", d)
		}
	}
	files, err := filepath.Glob(filepath.Join(goldDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var arts []*evalArticle
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g goldFile
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if g.Entities == nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(corpusDir, g.Doc))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		doc, err := extract.Extract(raw, extract.Options{})
		if err != nil {
			t.Fatalf("extract %s: %v", g.Doc, err)
		}
		a := &evalArticle{name: strings.TrimSuffix(filepath.Base(f), ".json"), gold: g, title: doc.Title, text: doc.Text}
		if doc.Deck != nil {
			a.deck = *doc.Deck
		}
		a.words = len(strings.Fields(a.title)) + len(strings.Fields(a.deck)) + len(strings.Fields(a.text))
		a.sitrep, a.sitrepMiss = scoreEntities(g, docPreds(doc.Entities, doc.Places))
		a.proseScore, a.prMiss = scoreEntities(g, prosePreds(t, a.proseInput()))
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		t.Skip("no gold file scores entities")
	}
	return arts
}

// wordsPerSecond runs f over the articles once to warm up, then speedRounds
// times, and returns the words read per second of the timed rounds.
func wordsPerSecond(arts []*evalArticle, f func(*evalArticle)) float64 {
	for _, a := range arts {
		f(a)
	}
	words := 0
	start := time.Now()
	for range speedRounds {
		for _, a := range arts {
			f(a)
			words += a.words
		}
	}
	return float64(words) / time.Since(start).Seconds()
}

func TestEntitiesVersusProse(t *testing.T) {
	arts := loadEvalArticles(t)

	var sitrep, pr prf
	t.Logf("%-34s %5s | %5s %5s %5s %3s %3s %3s | %5s %5s %5s %3s %3s %3s",
		"document", "words", "P", "R", "F1", "tp", "fp", "fn", "P", "R", "F1", "tp", "fp", "fn")
	t.Logf("%-34s %5s | %-29s | %-29s", "", "", "sitrep", "prose v3")
	for _, a := range arts {
		s, p := a.sitrep, a.proseScore
		sitrep.add(s)
		pr.add(p)
		t.Logf("%-34s %5d | %5.3f %5.3f %5.3f %3d %3d %3d | %5.3f %5.3f %5.3f %3d %3d %3d",
			a.name, a.words, s.p(), s.r(), s.f1(), s.tp, s.fp, s.fn, p.p(), p.r(), p.f1(), p.tp, p.fp, p.fn)
		if *showMisses {
			for _, m := range a.sitrepMiss {
				t.Logf("    sitrep: %s", m)
			}
			for _, m := range a.prMiss {
				t.Logf("    prose:  %s", m)
			}
		}
	}
	words := 0
	for _, a := range arts {
		words += a.words
	}
	t.Logf("%-34s %5d | %5.3f %5.3f %5.3f %3d %3d %3d | %5.3f %5.3f %5.3f %3d %3d %3d",
		"TOTAL (micro)", words, sitrep.p(), sitrep.r(), sitrep.f1(), sitrep.tp, sitrep.fp, sitrep.fn,
		pr.p(), pr.r(), pr.f1(), pr.tp, pr.fp, pr.fn)

	// Speed: our Recognize alone, and prose's document creation with what its
	// entities need, on the same articles.
	rec := entities.New(nil)
	sitrepWPS := wordsPerSecond(arts, func(a *evalArticle) { rec.Recognize(a.text, a.title, a.deck) })
	proseWPS := wordsPerSecond(arts, func(a *evalArticle) {
		if _, err := prose.NewDocument(a.proseInput(), proseOpts...); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("speed: sitrep Recognize %.0f words/s, prose NewDocument %.0f words/s (%.1fx), %d rounds of %d words",
		sitrepWPS, proseWPS, sitrepWPS/proseWPS, speedRounds, words)

	if sitrep.f1() < pr.f1()+f1Margin {
		t.Errorf("sitrep entity F1 %.3f is not %.2f above prose's %.3f", sitrep.f1(), f1Margin, pr.f1())
	}
	if sitrepWPS <= proseWPS {
		t.Errorf("sitrep (%.0f words/s) is not faster than prose (%.0f words/s)", sitrepWPS, proseWPS)
	}
}

// BenchmarkRecognize runs the recognizer over the project's plain-text
// sample articles.
func BenchmarkRecognize(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "..", "samples", "*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Skip("no samples/*.txt")
	}
	var texts []string
	size := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
		size += len(t)
	}
	rec := entities.New(nil)
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			rec.Recognize(t)
		}
	}
}

package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

// Invented towns, people and bodies: the fixture articles are written for
// these tests.
var (
	towns   = []string{"Karvelo", "Umbria Falls", "Tessaly Bay", "Northgate", "Mirrin", "Dorrow", "Vantage Point", "Eskerby"}
	people  = []string{"Amara Velde", "Joss Harrow", "Linnea Okafor", "Tomas Brecht", "Priya Sandhu", "Marek Ilves"}
	offices = []string{"regional water board", "provincial health office", "port authority", "teachers' union", "city council", "fire service"}
)

// paragraphs are filled with a town, a person, an office and a number.
var paragraphs = []string{
	"Residents of %[1]s woke on Tuesday to find the main road closed after overnight rain, and %[2]s of the %[3]s said crews had cleared %[4]d fallen trees by noon.",
	"The %[3]s said it would open two shelters in %[1]s for families whose homes were damaged, adding that about %[4]d people had registered by the evening.",
	"\"We are asking people to stay away from the river banks until the water goes down,\" %[2]s told reporters outside the town hall in %[1]s.",
	"Shops along the market street in %[1]s stayed shut for most of the day, and traders said they expected losses of around %[4]d thousand in local currency.",
	"Officials from the %[3]s met late into the night to plan repairs to the bridge on the northern edge of %[1]s, which carries %[4]d vehicles a day.",
	"Schools in %[1]s will remain closed until Friday, %[2]s said, while engineers inspect %[4]d buildings for cracks in their foundations.",
	"Farmers outside %[1]s said the rain had come at the worst time, weeks before the harvest, and that %[4]d hectares of barley had been flattened.",
	"The weather office expects drier conditions over the weekend, though %[2]s warned that another band of storms could reach %[1]s by Monday.",
	"Volunteers handed out %[4]d bottles of water at the railway station in %[1]s, where trains resumed a reduced service in the afternoon.",
	"A spokesman for the %[3]s said the last flood of this size in %[1]s was more than %[4]d years ago, before the new embankment was built.",
	"Power was restored to most homes in %[1]s by dusk, although %[4]d households on the hillside were still waiting for a line crew, %[2]s said.",
	"The mayor of %[1]s thanked the %[3]s and the volunteers, and said an account of the damage would go to the provincial government within %[4]d days.",
}

// article makes the plain text of article i: a headline and n paragraphs
// drawn and ordered by i, so that every i gives a different article.
func article(i, n int) string {
	town := towns[i%len(towns)]
	person := people[(i/len(towns))%len(people)]
	office := offices[(i/3)%len(offices)]
	var b strings.Builder
	fmt.Fprintf(&b, "Storm closes roads in %s as %s counts damage (report %d)\n\n", town, office, i)
	for k := 0; k < n; k++ {
		p := paragraphs[(i*7+k*5)%len(paragraphs)]
		fmt.Fprintf(&b, p, town, person, office, 10+(i*31+k*17)%900)
		b.WriteString("\n\n")
	}
	return b.String()
}

// articleHTML wraps article i in a small news page.
func articleHTML(i, n int) string {
	text := article(i, n)
	paras := strings.Split(strings.TrimSpace(text), "\n\n")
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>"+
		"<meta property=\"article:published_time\" content=\"2024-05-%02dT08:00:00Z\"></head>\n<body>\n"+
		"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\n<article>\n<h1>%s</h1>\n",
		html.EscapeString(paras[0]), 1+i%28, html.EscapeString(paras[0]))
	for _, p := range paras[1:] {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article>\n<footer>© The Invented Gazette</footer>\n</body></html>\n")
	return b.String()
}

// writeFile writes a file under dir, making its directories.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeStore keeps articles in maps, honouring source keys and article ids
// the way store.Store says.
type fakeStore struct {
	store.Store // the queries are not used here

	mu       sync.Mutex
	articles map[string]store.Item // by article id
	sources  map[string]string     // source key → article id
	batches  []int                 // the size of each stored batch
	// failText makes Put fail for a batch with an article containing it.
	failText string
	// putDelay slows each Put down.
	putDelay time.Duration
	// putErr makes every Put fail.
	putErr error
	// hasErr makes HasSource fail.
	hasErr error
}

func newFakeStore() *fakeStore {
	return &fakeStore{articles: map[string]store.Item{}, sources: map[string]string{}}
}

func (f *fakeStore) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	if f.putDelay > 0 {
		time.Sleep(f.putDelay)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.putErr != nil {
		return nil, f.putErr
	}
	for _, it := range items {
		if it.Doc == nil || it.Doc.ID == "" {
			return nil, errors.New("item without a document")
		}
		if f.failText != "" && strings.Contains(it.Doc.Text, f.failText) {
			return nil, errors.New("refused by the test")
		}
	}
	res := make([]store.PutResult, 0, len(items))
	for _, it := range items {
		r := store.PutResult{ArticleID: it.Doc.ID, Events: []int64{}}
		if _, ok := f.sources[it.SourceKey]; ok && it.SourceKey != "" {
			res = append(res, r)
			continue
		}
		if _, ok := f.articles[it.Doc.ID]; !ok {
			f.articles[it.Doc.ID] = it
			r.New = true
		}
		if it.SourceKey != "" {
			f.sources[it.SourceKey] = it.Doc.ID
		}
		res = append(res, r)
	}
	f.batches = append(f.batches, len(items))
	return res, nil
}

func (f *fakeStore) HasSource(ctx context.Context, key string) (bool, error) {
	if f.hasErr != nil {
		return false, f.hasErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.sources[key]
	return ok, nil
}

func (f *fakeStore) Close() error { return nil }

func (f *fakeStore) counts() (articles, sources int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.articles), len(f.sources)
}

// recorder is a Progress that keeps the failures.
type recorder struct {
	mu    sync.Mutex
	fails map[string]string // name → reason
}

func newRecorder() *recorder { return &recorder{fails: map[string]string{}} }

func (r *recorder) Start(*Counters) {}
func (r *recorder) Stop()           {}
func (r *recorder) Fail(name string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fails[name] = err.Error()
}

func (r *recorder) failures() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]string{}
	for k, v := range r.fails {
		out[k] = v
	}
	return out
}

// jsonText escapes s for a JSON string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func fmtType(v any) string { return fmt.Sprintf("%T", v) }

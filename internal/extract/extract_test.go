package extract

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/samples"
)

// devCorpus is the shared dev set, relative to this package directory.
const devCorpus = "../../../shared/corpus/dev"

// now dates nothing in the samples (each has its own date); it only makes the
// runs independent of the clock.
var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// extractValid extracts b, marshals the document as the CLI does and checks it
// against the JSON Schema.
func extractValid(t *testing.T, name string, b []byte) *document.Document {
	t.Helper()
	d, err := Extract(b, Options{Meta: reader.Meta{Name: name}, Now: now})
	if err != nil {
		t.Fatalf("%s: Extract: %v", name, err)
	}
	j, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("%s: marshal: %v", name, err)
	}
	if err := document.Validate(j); err != nil {
		t.Fatalf("%s: document does not validate: %v\n%s", name, err, j)
	}
	checkOffsets(t, name, d)
	return d
}

// checkOffsets: every mention's offsets read back its text, and every
// entity has a name and a known type.
func checkOffsets(t *testing.T, name string, d *document.Document) {
	t.Helper()
	types := map[string]bool{document.Person: true, document.Org: true, document.Media: true, document.GPE: true,
		document.Loc: true, document.Fac: true, document.NORP: true}
	for _, e := range d.Entities {
		if e.Name == "" || !types[e.Type] {
			t.Errorf("%s: entity %s has name %q, type %q", name, e.ID, e.Name, e.Type)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End || d.Text[m.Start:m.End] != m.Text {
				t.Errorf("%s: entity %q mention %q at %d:%d does not match the text", name, e.Name, m.Text, m.Start, m.End)
			}
		}
	}
	for _, p := range d.Places {
		for _, m := range p.Mentions {
			if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End || d.Text[m.Start:m.End] != m.Text {
				t.Errorf("%s: place %q mention %q at %d:%d does not match the text", name, p.Name, m.Text, m.Start, m.End)
			}
		}
	}
}

// expectation is a sample's NAME.expect.json.
type expectation struct {
	Title          string   `json:"title"`
	Published      string   `json:"published"`
	First          string   `json:"first"`
	Last           string   `json:"last"`
	MustNotContain []string `json:"must_not_contain"`
}

func TestSamples(t *testing.T) {
	names := samples.Articles()
	if len(names) == 0 {
		t.Fatal("no bundled sample articles")
	}
	ids := map[string]string{}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			b, err := fs.ReadFile(samples.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			d := extractValid(t, name, b)
			if !hex64.MatchString(d.ID) {
				t.Errorf("id %q is not 64 hex digits", d.ID)
			}
			if d.ID != ContentID(d.Text) {
				t.Errorf("id %s is not the content id of the text", d.ID)
			}
			if other, dup := ids[d.ID]; dup {
				t.Errorf("same id as %s", other)
			}
			ids[d.ID] = name
			if d.Language != "en" {
				t.Errorf("language = %q, want en", d.Language)
			}
			if again := extractValid(t, name, b); again.ID != d.ID {
				t.Errorf("id not stable across runs: %s then %s", d.ID, again.ID)
			}
			if ws := extractValid(t, name, rewhitespace(b)); ws.ID != d.ID {
				t.Errorf("id changes with white space: %s, with other white space %s", d.ID, ws.ID)
			}
			checkExpect(t, name, d)
		})
	}
}

// rewhitespace changes the white space of a page but not its words: CRLF line
// ends, doubled spaces between words and trailing spaces.
func rewhitespace(b []byte) []byte {
	s := strings.ReplaceAll(string(b), " ", "  ")
	s = strings.ReplaceAll(s, "\n", " \t\r\n")
	return []byte(s)
}

// checkExpect compares the document with the sample's expectations.
func checkExpect(t *testing.T, name string, d *document.Document) {
	t.Helper()
	file := filepath.Join("../../samples", strings.TrimSuffix(name, path.Ext(name))+".expect.json")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("no expectations: %v", err)
		return
	}
	var e expectation
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if d.Title != e.Title {
		t.Errorf("title = %q, want %q", d.Title, e.Title)
	}
	if !strings.HasPrefix(d.Published, e.Published) {
		t.Errorf("published = %q, want %s", d.Published, e.Published)
	}
	if !strings.HasPrefix(d.Text, e.First) {
		t.Errorf("text begins %.80q, want %q", d.Text, e.First)
	}
	if !strings.HasSuffix(strings.TrimSpace(d.Text), e.Last) {
		t.Errorf("text ends %q, want %q", d.Text[max(0, len(d.Text)-80):], e.Last)
	}
	for _, s := range e.MustNotContain {
		if strings.Contains(d.Text, s) || strings.Contains(d.Title, s) {
			t.Errorf("furniture %q left in the title or text", s)
		}
	}
}

// TestDevCorpus extracts every article of the shared dev set and validates
// its document.
func TestDevCorpus(t *testing.T) {
	entries, err := os.ReadDir(devCorpus)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("dev corpus %s not present", devCorpus)
	}
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(devCorpus, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			extractValid(t, e.Name(), b)
		})
	}
	if n == 0 {
		t.Fatalf("no articles in %s", devCorpus)
	}
}

func TestExtractRefuses(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":      nil,
		"blank":      []byte(" \n\t\n"),
		"binary":     {0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x7f, 0x00},
		"too short":  []byte("Kharkiv shelled."),
		"empty html": []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"),
	} {
		if d, err := Extract(b, Options{Now: now}); err == nil {
			t.Errorf("%s: Extract returned a document (%q), want an error", name, d.Text)
		}
	}
}

func TestContentID(t *testing.T) {
	a := ContentID("Rockets hit Kharkiv.\n\nOne woman was killed.")
	if !hex64.MatchString(a) {
		t.Fatalf("ContentID = %q", a)
	}
	if b := ContentID("  Rockets hit  Kharkiv.\r\n\r\nOne woman\twas killed.\n"); b != a {
		t.Errorf("white space changes the id: %s vs %s", a, b)
	}
	// NFC: "é" precomposed and decomposed are the same text.
	if ContentID("Pokrovsk caf\u00e9") != ContentID("Pokrovsk cafe\u0301") {
		t.Error("Unicode normalization form changes the id")
	}
	if ContentID("Rockets hit Kharkiv.") == ContentID("Rockets hit Kyiv.") {
		t.Error("different texts share an id")
	}
}

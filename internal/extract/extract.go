// Package extract runs the analysis pipeline on one article: the reader, then
// language identification, then each analysis stage in order, and assembles
// the sitrep.document/v1 result. It is the only package that knows the order
// of the stages; the stages know nothing of each other beyond their inputs.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/entities"
	"github.com/sitrep/sitrep/internal/events"
	"github.com/sitrep/sitrep/internal/figures"
	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/geo"
	"github.com/sitrep/sitrep/internal/lang"
	"github.com/sitrep/sitrep/internal/quotes"
	"github.com/sitrep/sitrep/internal/reader"
	"github.com/sitrep/sitrep/internal/timex"
	"github.com/sitrep/sitrep/internal/tokens"
)

// Options of one extraction.
type Options struct {
	Meta reader.Meta
	// Now dates an article that nothing else dates; zero means time.Now.
	Now time.Time
}

// Extract reads one article and returns its document. A fault in an
// analysis stage is returned as an error for this article, never a crash
// of the whole run.
func Extract(b []byte, opt Options) (doc *document.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			slog.Error("analysis failed", "article", opt.Meta.Name, "panic", r, "stack", string(debug.Stack()))
			doc, err = nil, fmt.Errorf("internal error while analysing the article: %v", r)
		}
	}()
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	a, err := reader.Read(b, opt.Meta, now)
	if err != nil {
		return nil, err
	}
	return fromArticle(a), nil
}

// fromArticle builds the document of a read article.
func fromArticle(a *reader.Article) *document.Document {
	d := document.New()
	d.Text = norm.NFC.String(a.Text)
	d.ID = ContentID(d.Text)
	d.URL = document.Str(a.URL)
	d.Outlet = document.Str(a.Outlet)
	d.Title = norm.NFC.String(a.Title)
	d.Deck = document.Str(norm.NFC.String(a.Deck))
	d.Byline = a.Byline
	d.Published = a.Published
	d.Modified, d.Live = a.Modified, a.Live
	d.Dateline = a.Dateline
	d.Removed = a.Removed
	d.Warnings = a.Warnings
	d.Language = a.Language
	if code, _ := lang.Detect(d.Title + "\n" + d.Text); code != "" {
		d.Language = code
	} else if d.Language == "" {
		d.Language = "und"
	}
	// the story's "today": a live blog's is its latest update
	published, _ := publishedTime(d.Published)
	if modified, err := publishedTime(d.Modified); err == nil && d.Live && modified.After(published) {
		published = modified
	}
	var times []timex.Mention // computed once, read by figures and events
	if !published.IsZero() {
		times = timex.Mentions(d.Text, published)
		for _, m := range times {
			d.Timexes = append(d.Timexes, m.Timex())
		}
	}
	if d.Language == "en" || d.Language == "und" {
		deck := ""
		if d.Deck != nil {
			deck = *d.Deck
		}
		sp := tokens.SplitText(d.Text) // shared by the stages that read sentences
		d.Entities = recognizer().RecognizeSplit(d.Text, sp, d.Title, deck)
		d.Places, d.Areas = resolver().ResolveAreas(d.Text, d.Entities, d.Dateline)
		d.Quotes = quotes.FindSplit(d.Text, sp, d.Entities, d.Title, deck)
		// figures: counts of people and who claims them (see internal/figures)
		in := figures.InputOf(d, published)
		in.Timexes, in.Split = times, sp
		d.Figures = figures.Find(in)
		d.Events, d.Figures = events.Find(events.Input{Text: d.Text, Entities: d.Entities, Places: d.Places,
			Quotes: d.Quotes, Figures: d.Figures, Published: published, Dateline: d.Dateline, Times: times, Split: sp})
	}
	d.Normalize()
	return d
}

var (
	recOnce sync.Once
	rec     *entities.Recognizer
	geoOnce sync.Once
	geoRes  *geo.Resolver
)

// resolver is built once over the shared gazetteer.
func resolver() *geo.Resolver {
	geoOnce.Do(func() { geoRes = geo.New(gazetteer.Load()) })
	return geoRes
}

// recognizer is built once: its lexicons and gazetteer are shared.
func recognizer() *entities.Recognizer {
	recOnce.Do(func() { rec = entities.New(places()) })
	return rec
}

// publishedTime reads the document's ISO date or datetime.
func publishedTime(s string) (time.Time, error) {
	if len(s) >= 10 {
		return time.Parse("2006-01-02", s[:10])
	}
	return time.Time{}, fmt.Errorf("no publication date")
}

// ContentID is the hex SHA-256 of the body in NFC with white space collapsed:
// the same article text always has the same id.
func ContentID(text string) string {
	h := sha256.New()
	space := false
	start := -1
	t := norm.NFC.String(text)
	// the words joined by single spaces, hashed without building the string
	for i, r := range t {
		if unicode.IsSpace(r) {
			if start >= 0 {
				if space {
					h.Write([]byte{' '})
				}
				io.WriteString(h, t[start:i])
				space, start = true, -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		if space {
			h.Write([]byte{' '})
		}
		io.WriteString(h, t[start:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// Report is a situation report, ready to write as Markdown or HTML.
type Report struct {
	Title  string `json:"title"`
	Region Region `json:"region"`
	Since  string `json:"since"`
	Until  string `json:"until"`
	// Period is the period as the report writes it ("28 February 2022").
	Period string `json:"period"`
	// Articles, Outlets and Events count the sources: the articles that
	// report the events in the report, their outlets, and the events.
	Articles int `json:"articles"`
	Outlets  int `json:"outlets"`
	Events   int `json:"events"`

	Highlights []Line    `json:"highlights"`
	KeyFigures []Figures `json:"key_figures"`
	Sections   []Section `json:"sections"`
	Statements []Line    `json:"statements"`
	// EventChart counts the events per day by class; FigureCharts show
	// the figures of the most severe events over time, by source.
	EventChart   *Chart     `json:"event_chart,omitempty"`
	FigureCharts []Chart    `json:"figure_charts"`
	Sources      []Source   `json:"sources"`
	Classes      []ClassSum `json:"classes"`
}

// Figures are the key figures of one category.
type Figures struct {
	Category string `json:"category"`
	Title    string `json:"title"`
	Lines    []Line `json:"lines"`
	// More counts the events with figures of the category not listed.
	More int `json:"more,omitempty"`
}

// Section lists the events of a few classes, most severe first.
type Section struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	// Summary counts the events of the section by class, from the store.
	Summary string `json:"summary"`
	Lines   []Line `json:"lines"`
	// More counts the events of the section not listed.
	More int `json:"more,omitempty"`
}

// ClassSum counts the events of one class in the report.
type ClassSum struct {
	Class string `json:"class"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Chart is a figure of the HTML report: an SVG image drawn by this package.
type Chart struct {
	Title   string `json:"title"`
	Caption string `json:"caption"`
	SVG     string `json:"svg"`
}

// Source is one cited article.
type Source struct {
	N         int    `json:"n"`
	ArticleID string `json:"article_id"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url,omitempty"`
}

// sectionDefs are the sections, with the classes each one gathers.
var sectionDefs = []struct {
	key, title string
	classes    []string
}{
	{"security", "Security", []string{"attack", "armed_clash", "territory_seized", "military_operation"}},
	{"civilians", "Civilians and displacement", []string{"violence_against_civilians", "displacement", "disaster"}},
	{"unrest", "Protests, unrest and arrests", []string{"protest", "riot", "arrest"}},
	{"diplomacy", "Diplomacy", []string{"negotiation", "agreement", "request", "aid", "sanction", "threaten", "accuse"}},
	{"other", "Other events", nil}, // every other class
}

// classOrder is the order of the classes in counts and charts.
var classOrder = func() []string {
	var out []string
	for _, s := range sectionDefs {
		out = append(out, s.classes...)
	}
	return append(out, "statement")
}()

func sectionOf(class string) int {
	for i, s := range sectionDefs {
		if slices.Contains(s.classes, class) {
			return i
		}
	}
	return len(sectionDefs) - 1
}

// Limits of the lists of a report.
const (
	maxHighlights     = 5
	maxFigureSubjects = 5
	maxStatements     = 8
	maxPerSpeaker     = 2
	maxQuoteLen       = 320
	minQuoteLen       = 20
)

// compose writes the report from the facts.
func compose(fx *facts) *Report {
	q := fx.q
	r := &Report{
		Title: "Situation report: " + q.Region.Name, Region: q.Region, Since: q.Since, Until: q.Until,
		Period: periodText(q.Since, q.Until), Events: len(fx.events),
		Highlights: []Line{}, KeyFigures: []Figures{}, Sections: []Section{}, Statements: []Line{}, FigureCharts: []Chart{}, Sources: []Source{},
	}
	outlets := map[string]bool{}
	for _, a := range fx.articles {
		if a.Outlet != "" {
			outlets[a.Outlet] = true
		}
	}
	r.Articles, r.Outlets = len(fx.articles), len(outlets)
	c := &citer{fx: fx, num: map[string]int{}}

	ranked := slices.Clone(fx.events)
	slices.SortFunc(ranked, severity)

	for _, e := range highlights(ranked) {
		line := eventLine(c, e, q.Region)
		if ev := evidenceLine(c, e); ev != nil {
			line = append(append(line, Span{Text: " "}), ev...)
		}
		r.Highlights = append(r.Highlights, line)
	}
	r.KeyFigures = keyFigures(c, fx, ranked)
	r.Sections = sections(c, fx, ranked)
	r.Statements = notable(c, ranked)
	r.Classes = classSums(fx.events)
	if len(fx.events) > 0 {
		ch := eventsChart(fx, r.Classes)
		r.EventChart = &ch
	}
	r.FigureCharts = figureCharts(fx, ranked)
	r.Sources = c.sources
	return r
}

// highlights are the most severe events: of those with figures or of the
// classes of the security, civilians and unrest sections, or else of any;
// never one that is only planned.
func highlights(ranked []*event) []*event {
	var hot, rest []*event
	for _, e := range ranked {
		switch {
		case e.planned:
		case e.ClaimCount > 0 || sectionOf(e.Class) <= 2:
			hot = append(hot, e)
		default:
			rest = append(rest, e)
		}
	}
	if len(hot) == 0 {
		hot = rest
	}
	return hot[:min(len(hot), maxHighlights)]
}

// keyFigures gives, for each category, the figures of the events that have
// some (most severe first) and of the claims tied to no event.
func keyFigures(c *citer, fx *facts, ranked []*event) []Figures {
	loose := byCategory(fx.loose)
	var out []Figures
	for _, cat := range categories {
		var subjects []*event
		spans := map[int64]*span{}
		for _, e := range ranked {
			if sp := spanOf(cat, e.byCat[cat.key]); sp != nil {
				subjects = append(subjects, e)
				spans[e.ID] = sp
			}
		}
		looseSpan := spanOf(cat, loose[cat.key])
		if len(subjects) == 0 && looseSpan == nil {
			continue
		}
		f := Figures{Category: cat.key, Title: cat.title}
		for i, e := range subjects {
			if i == maxFigureSubjects {
				f.More = len(subjects) - i
				break
			}
			line := Line{{Text: subject(e, fx.q.Region) + ". ", Lead: true}}
			f.Lines = append(f.Lines, append(line, spanLines(c, spans[e.ID], fx)...))
		}
		if looseSpan != nil {
			line := Line{{Text: "Tied to no event. ", Lead: true}}
			f.Lines = append(f.Lines, append(line, listLines(c, looseSpan, fx)...))
		}
		out = append(out, f)
	}
	return out
}

// sections lists the events of each section, most severe first.
func sections(c *citer, fx *facts, ranked []*event) []Section {
	per := fx.q.PerSection
	var out []Section
	for i, def := range sectionDefs {
		var evs []*event
		for _, e := range ranked {
			if sectionOf(e.Class) == i {
				evs = append(evs, e)
			}
		}
		if len(evs) == 0 {
			continue
		}
		s := Section{Key: def.key, Title: def.title, Summary: summary(evs)}
		for j, e := range evs {
			if j == per {
				s.More = len(evs) - j
				break
			}
			s.Lines = append(s.Lines, eventLine(c, e, fx.q.Region))
		}
		out = append(out, s)
	}
	return out
}

// summary counts events by class: "3 events: 2 attacks and 1 change of
// territorial control".
func summary(evs []*event) string {
	var parts []string
	for _, cs := range classSums(evs) {
		ct := classOf(cs.Class)
		word := ct.many
		if cs.Count == 1 {
			word = ct.one
		}
		parts = append(parts, number(int64(cs.Count))+" "+word)
	}
	n := "1 event"
	if len(evs) != 1 {
		n = number(int64(len(evs))) + " events"
	}
	return n + ": " + andList(parts)
}

// classSums counts events by class, in classOrder (unknown classes last,
// by name).
func classSums(evs []*event) []ClassSum {
	n := map[string]int{}
	for _, e := range evs {
		n[e.Class]++
	}
	var out []ClassSum
	for _, cl := range classOrder {
		if n[cl] > 0 {
			out = append(out, ClassSum{Class: cl, Label: classOf(cl).label, Count: n[cl]})
			delete(n, cl)
		}
	}
	var rest []string
	for cl := range n {
		rest = append(rest, cl)
	}
	slices.Sort(rest)
	for _, cl := range rest {
		out = append(out, ClassSum{Class: cl, Label: classOf(cl).label, Count: n[cl]})
	}
	return out
}

// notable picks the quotes of the events' reporting sentences worth
// reading: direct and partial quotes with a speaker, of a readable length,
// from the most severe events first; at most a couple per speaker. Reported
// speech is left out: its words are the article's, not the speaker's.
func notable(c *citer, ranked []*event) []Line {
	var out []Line
	seen := map[string]bool{}
	per := map[string]int{}
	for _, e := range ranked {
		qs := slices.Clone(e.Quotes)
		slices.SortFunc(qs, func(a, b store.Quote) int {
			return cmp.Or(strings.Compare(dayOf(a.Published), dayOf(b.Published)), cmp.Compare(a.ID, b.ID))
		})
		for _, q := range qs {
			if len(out) == maxStatements {
				return out
			}
			if q.Kind != "direct" && q.Kind != "partial" || strings.TrimSpace(q.SpeakerName) == "" {
				continue
			}
			text := strings.TrimSpace(q.Text)
			if len(text) < minQuoteLen || len(text) > maxQuoteLen {
				continue
			}
			k := fusion.Key(text)
			sp := fusion.Key(q.SpeakerName)
			if seen[k] || per[sp] == maxPerSpeaker {
				continue
			}
			seen[k] = true
			per[sp]++
			out = append(out, quoteLine(c, q))
		}
	}
	return out
}

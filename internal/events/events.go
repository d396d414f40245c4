// Package events finds what happened in an article: attacks, clashes,
// territory taken, violence against civilians, protests, riots, arrests,
// military operations, talks, agreements, requests, aid, sanctions,
// threats, accusations, displacement and disasters. Each event gets its
// ACLED type and sub-type, PLOVER and CAMEO codes, the place where it
// happened and the day, a status (asserted, negated, hypothetical, future,
// attempted), its evidence sentences and the figures that count its toll.
//
// One event stands for one (class, place, day) of an article: several
// sentences about the shelling of one city on one day are one event with
// several pieces of evidence.
package events

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/timex"
	"github.com/sitrep/sitrep/internal/tokens"
)

// Input is an analysed article.
type Input struct {
	Text      string
	Entities  []document.Entity
	Places    []document.Place
	Quotes    []document.Quote
	Figures   []document.Figure
	Published time.Time
	Dateline  *document.Dateline
	// Times are the time expressions of Text; nil means find them here.
	Times []timex.Mention
	// Split is Text's tokens and sentences; nil means split it here.
	Split *tokens.Split
}

// Find returns the events of an article, and its figures with their events
// set.
func Find(in Input) ([]document.Event, []document.Figure) {
	a := newArticle(in)
	var evs []*event
	byKey := map[string]*event{}
	var lastPlace *document.Place
	lastOfClass := map[string]*document.Place{}
	for _, s := range a.sents {
		masked := a.masked[s.Start:s.End]
		found := map[string]bool{}
		cand := candidates(masked)
		for ti, tr := range triggers {
			if found[tr.class] || cand[ti] == nil {
				continue
			}
			loc := tr.find(masked, cand[ti])
			if loc == nil {
				continue
			}
			// a phrase that reports no event stands around the trigger
			ws, we := wordsBack(masked, loc[0], 4), min(len(masked), loc[1]+40)
			if overlapsAny(notEventSpans(masked[ws:we]), loc[0]-ws, loc[1]-ws) {
				continue
			}
			start, end := s.Start+loc[0], s.Start+loc[1]
			class := tr.class
			if class == "armed_clash" && (!armedContext.MatchString(masked) || protestContext.MatchString(masked)) {
				// "violent clashes" of protesters are a riot, not a battle
				if crowdContext.MatchString(masked) {
					class = "riot"
				} else {
					continue
				}
				if found[class] {
					continue
				}
			}
			found[tr.class], found[class] = true, true
			status := statusOf(masked[:loc[0]])
			if status == "asserted" {
				status = statusAfter(masked[loc[0]:])
			}
			place := a.placeFor(s, start, end, class)
			if place == nil && reNationwide.MatchString(masked) {
				place = a.focusCountry()
			}
			if place == nil && a.carriesPlace(class) {
				place = a.recentPlace(s.Start)
			}
			if place == nil {
				// the same kind of event named again: the talks, the fire
				place = lastOfClass[class]
			}
			if place == nil && a.carriesPlace(class) {
				place = lastPlace
			}
			if place == nil {
				place = a.fallbackPlace(s)
			}
			if place != nil {
				lastPlace = place
				lastOfClass[class] = place
			}
			date, prec := a.dateFor(s, start, end)
			// riots in "Sunderland, Hull and Bristol": one event a place
			for _, p := range append([]*document.Place{place}, a.listedWith(s, place, class)...) {
				key := class + "|" + placeID(p) + "|" + date
				if ev, ok := byKey[key]; ok {
					ev.addEvidence(s)
					if ev.status != "asserted" && status == "asserted" {
						ev.status = status
					}
					continue
				}
				ev := &event{class: class, sub: tr.sub, place: p, date: date, prec: prec, status: status,
					sentence: s, triggerText: a.text[start:end]}
				ev.addEvidence(s)
				ev.actor1, ev.actor2 = a.actors(class, s, start, p)
				byKey[key] = ev
				evs = append(evs, ev)
			}
		}
	}
	figures := a.linkFigures(evs)
	out := make([]document.Event, 0, len(evs))
	for i, ev := range evs {
		out = append(out, ev.render(fmt.Sprintf("V%d", i+1), figures))
	}
	for i := range figures {
		if figures[i].Event != nil {
			for _, ev := range evs {
				if ev.tmpID == *figures[i].Event {
					id := ev.id
					figures[i].Event = &id
				}
			}
		}
	}
	return out, figures
}

var (
	// armedContext: words that make clashes a battle
	armedContext = regexp.MustCompile(`(?i)\b(?:troops|forces|soldiers|fighters|militants|rebels|army|military|gunmen|insurgents|militias?|separatists|paramilitar\w+|jihadists?)\b`)
	// protestContext: clashes with protesters are a riot even when security
	// forces are one side
	protestContext = regexp.MustCompile(`(?i)\b(?:protesters|demonstrators|rioters|counter-protesters|mobs?)\b`)
	// crowdContext: words that make clashes a riot
	crowdContext = regexp.MustCompile(`(?i)\b(?:protesters|demonstrators|rioters|counter-protesters|crowds?|mobs?|police|supporters|fans|groups)\b`)
)

// article is the working state.
type article struct {
	in     Input
	text   string
	masked string // the text with direct quotations blanked
	sents  []tokens.Sentence
	times  []timex.Mention
	places []placeRef
	byName map[string]*document.Place
	breaks map[int][]int // sentence start -> its clause breaks
}

type placeRef struct {
	start, end int
	place      *document.Place
}

func newArticle(in Input) *article {
	a := &article{in: in, text: in.Text, byName: map[string]*document.Place{},
		breaks: map[int][]int{}}
	b := []byte(in.Text)
	for _, q := range in.Quotes {
		if q.In != "" || q.Kind == "indirect" || q.Start < 0 || q.End > len(b) {
			continue
		}
		for i := q.Start; i < q.End; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	// triggers match lower-case text; lowering ASCII only keeps offsets
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	a.masked = string(b)
	a.sents = tokens.Of(in.Split, in.Text).Sentences
	a.times = in.Times
	if a.times == nil && !in.Published.IsZero() {
		a.times = timex.Mentions(in.Text, in.Published)
	}
	for i := range in.Places {
		p := &in.Places[i]
		a.byName[strings.ToLower(p.Name)] = p
		for _, al := range p.Aliases {
			a.byName[strings.ToLower(al)] = p
		}
		for _, m := range p.Mentions {
			a.places = append(a.places, placeRef{m.Start, m.End, p})
		}
	}
	sort.Slice(a.places, func(i, j int) bool { return a.places[i].start < a.places[j].start })
	return a
}

// overlapsAny: the trigger at [start, end) of a sentence lies inside one of
// the phrases that report no event ("a request for comment", "a bird
// strike").
func overlapsAny(spans [][]int, start, end int) bool {
	for _, x := range spans {
		if start < x[1] && end > x[0] {
			return true
		}
	}
	return false
}

func placeID(p *document.Place) string {
	if p == nil {
		return ""
	}
	if p.Entity != nil {
		return *p.Entity
	}
	return p.ID
}

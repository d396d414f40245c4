package events

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/tokens"
)

// event is one happening while sentences are read.
type event struct {
	class, sub     string
	place          *document.Place
	date, prec     string
	status         string
	sentence       tokens.Sentence
	evidence       []document.Span
	actor1, actor2 string
	triggerText    string
	figures        []int // indexes into the figures
	tmpID, id      string
}

func (e *event) addEvidence(s tokens.Sentence) {
	for _, ev := range e.evidence {
		if ev.Start == s.Start {
			return
		}
	}
	e.evidence = append(e.evidence, document.Span{Start: s.Start, End: s.End})
}

// vagueCounts are ACLED's readings of vague fatality words.
var vagueCounts = map[string]int64{"tens": 10, "dozens": 12, "dozen": 12, "scores": 20, "hundreds": 100,
	"thousands": 1000, "several": 3, "a few": 3, "many": 10}

// linkFigures gives each figure the event of its sentence: the violent
// event first, else any event there; and returns the figures.
func (a *article) linkFigures(evs []*event) []document.Figure {
	figs := append([]document.Figure(nil), a.in.Figures...)
	for i, e := range evs {
		e.tmpID = fmt.Sprintf("t%d", i)
	}
	rank := map[string]int{"attack": 0, "armed_clash": 1, "violence_against_civilians": 2, "disaster": 3,
		"riot": 4, "territory_seized": 5, "displacement": 6, "arrest": 7, "protest": 8}
	for fi := range figs {
		f := &figs[fi]
		var best *event
		for _, e := range evs {
			for _, ev := range e.evidence {
				if f.Start >= ev.Start && f.End <= ev.End {
					if best == nil || rankOf(rank, e.class) < rankOf(rank, best.class) {
						best = e
					}
				}
			}
		}
		if best == nil {
			// a toll told in the sentence after the event's: the nearest
			// event before it in the same paragraph that it can count
			bestGap := 400
			for _, e := range evs {
				if !fits(f.Category, e.class) {
					continue
				}
				for _, ev := range e.evidence {
					if gap := f.Start - ev.End; gap >= 0 && gap < bestGap && !strings.Contains(a.text[ev.End:f.Start], "\n\n") {
						best, bestGap = e, gap
					}
				}
			}
		}
		if best == nil || !fits(f.Category, best.class) {
			continue
		}
		id := best.tmpID
		f.Event = &id
		best.figures = append(best.figures, fi)
	}
	return figs
}

func rankOf(rank map[string]int, class string) int {
	if r, ok := rank[class]; ok {
		return r
	}
	return 100
}

// fits: a figure's category can count an event's toll.
func fits(category, class string) bool {
	switch category {
	case "killed", "injured", "casualties", "missing":
		return class == "attack" || class == "armed_clash" || class == "violence_against_civilians" ||
			class == "disaster" || class == "riot" || class == "territory_seized"
	case "detained":
		return class == "arrest" || class == "riot" || class == "protest"
	case "displaced", "refugees", "evacuated":
		return class == "displacement" || class == "disaster" || class == "attack"
	}
	return false
}

func (e *event) render(id string, figs []document.Figure) document.Event {
	e.id = id
	c := classes[e.class]
	ev := document.Event{
		ID: id, Class: e.class, Status: e.status, DatePrecision: e.prec,
		ACLEDType: document.Str(c.ACLEDType), ACLEDSubType: document.Str(c.ACLEDSubType),
		PLOVER: document.Str(c.PLOVER), CAMEO: document.Str(c.CAMEO),
		Actor1: document.Str(e.actor1), Actor2: document.Str(e.actor2),
		Date: document.Str(e.date), Evidence: e.evidence, Figures: []string{},
	}
	if e.sub != "" && c.ACLEDType == "Explosions/Remote violence" {
		ev.ACLEDSubType = document.Str(e.sub)
	}
	if e.place != nil {
		ev.Place = document.Str(e.place.ID)
	}
	var deaths *int64
	var toll []string
	for _, fi := range e.figures {
		f := figs[fi]
		ev.Figures = append(ev.Figures, f.ID)
		if f.Category != "killed" {
			continue
		}
		n := int64(-1)
		if f.Min != nil {
			n = *f.Min
		} else if f.Vague != nil {
			if v, ok := vagueCounts[strings.ToLower(*f.Vague)]; ok {
				n = v
			}
		}
		// ACLED keeps the most conservative claim
		if n >= 0 && (deaths == nil || n < *deaths) {
			v := n
			deaths = &v
		}
	}
	if deaths != nil {
		ev.Fatalities = &document.Fatalities{Min: deaths}
		toll = append(toll, fmt.Sprintf("%d killed", *deaths))
	}
	ev.Summary = e.summary(toll)
	sort.Strings(ev.Figures)
	return ev
}

// summary is one line in plain words: "Attack in Kharkiv on 2022-02-28 (1
// killed)." A status other than asserted says so.
func (e *event) summary(toll []string) string {
	c := classes[e.class]
	var sb strings.Builder
	sb.WriteString(strings.ToUpper(c.Verb[:1]) + c.Verb[1:])
	// "Protest by Protesters (Zambia)" says nothing the class does not.
	if e.actor1 != "" && !strings.HasPrefix(e.actor1, "Protesters") && !strings.HasPrefix(e.actor1, "Rioters") {
		sb.WriteString(" by " + e.actor1)
	}
	if e.place != nil {
		sb.WriteString(" in " + e.place.Name)
	}
	if e.date != "" {
		sb.WriteString(" on " + e.date)
	}
	if len(toll) > 0 {
		sb.WriteString(" (" + strings.Join(toll, ", ") + ")")
	}
	switch e.status {
	case "negated":
		sb.WriteString(" — reported as not having happened")
	case "hypothetical":
		sb.WriteString(" — only as a possibility")
	case "future":
		sb.WriteString(" — planned or expected")
	case "reported_attempt":
		sb.WriteString(" — attempted")
	}
	sb.WriteString(".")
	return sb.String()
}

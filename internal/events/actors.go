package events

import (
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/tokens"
)

// violent classes name armed actors ACLED-style: "Military Forces of Russia".
var violent = map[string]bool{"attack": true, "armed_clash": true, "territory_seized": true, "military_operation": true}

// actors names who acted and on whom, ACLED-style, from the sentence: the
// first country, nationality or organisation before the trigger acts; the
// first after it, or civilians, is acted on.
func (a *article) actors(class string, s tokens.Sentence, trigger int, place *document.Place) (string, string) {
	var before, after string
	for _, e := range a.in.Entities {
		switch e.Type {
		case document.GPE, document.NORP, document.Org:
		default:
			continue
		}
		for _, m := range e.Mentions {
			if m.Start < s.Start || m.End > s.End {
				continue
			}
			name := a.countryName(e)
			if name == "" {
				continue
			}
			if m.End <= trigger && before == "" {
				before = name
			} else if m.Start > trigger && after == "" && name != before {
				after = name
			}
		}
	}
	sentence := strings.ToLower(a.text[s.Start:s.End])
	civilians := strings.Contains(sentence, "civilian") || strings.Contains(sentence, "residential") ||
		strings.Contains(sentence, "residents")
	if violent[class] {
		if before != "" {
			before = "Military Forces of " + before
		}
		if civilians {
			country := after
			if place != nil && place.Country != "" && country == "" {
				country = place.Name
			}
			after = "Civilians (" + strings.TrimPrefix(country, "Military Forces of ") + ")"
			if country == "" {
				after = "Civilians"
			}
		} else if after != "" {
			after = "Military Forces of " + after
		}
	}
	if class == "displacement" && after == "" {
		after = "Civilians"
	}
	return before, after
}

// countryName gives the country a nationality names, or the entity's own
// name for countries and organisations.
func (a *article) countryName(e document.Entity) string {
	if e.Type == document.NORP {
		if p := a.countryOfDemonym(e.Name); p != nil {
			return p.Name
		}
		return ""
	}
	return e.Name
}

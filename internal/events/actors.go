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
			if e.Type == document.GPE && a.countryPlace(e.ID) == nil {
				continue // a town is where it happened, not who did it
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
		if before != "" && a.isCountry(before) {
			before = "Military Forces of " + before
		}
		if civilians {
			country := after
			if !a.isCountry(country) {
				country = ""
			}
			if place != nil && place.Country != "" && country == "" {
				country = a.countryNamed(place.Country)
			}
			after = "Civilians (" + strings.TrimPrefix(country, "Military Forces of ") + ")"
			if country == "" {
				after = "Civilians"
			}
		} else if after != "" && a.isCountry(after) {
			after = "Military Forces of " + after
		}
	}
	if class == "protest" || class == "riot" {
		// ACLED names the crowd by its country: "Protesters (Zambia)".
		country := ""
		if a.isCountry(before) {
			country = before
		} else if place != nil && place.Country != "" {
			country = a.countryNamed(place.Country)
		}
		crowd := map[string]string{"protest": "Protesters", "riot": "Rioters"}[class]
		if country != "" {
			before = crowd + " (" + country + ")"
		} else if before == "" || a.isCountry(before) {
			before = crowd
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

// countryPlace is the country place that an entity names, or nil.
func (a *article) countryPlace(entity string) *document.Place {
	for i := range a.in.Places {
		p := &a.in.Places[i]
		if p.Feature == "country" && p.Entity != nil && *p.Entity == entity {
			return p
		}
	}
	return nil
}

// isCountry reports whether a name is that of a country the article names:
// its forces are "Military Forces of" it, where an organisation ("Hamas")
// is its own name.
func (a *article) isCountry(name string) bool {
	for _, p := range a.in.Places {
		if p.Feature == "country" && p.Name == name {
			return true
		}
	}
	return false
}

// countryNamed is the name of the country with ISO code cc among the
// article's places, or "".
func (a *article) countryNamed(cc string) string {
	for _, p := range a.in.Places {
		if p.Feature == "country" && p.Country == cc {
			return p.Name
		}
	}
	return ""
}

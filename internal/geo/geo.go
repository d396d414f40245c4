// Package geo resolves the places an article names to gazetteer entries:
// which Kharkiv, which Georgia, where "Gaza" is. It chooses among a name's
// candidates by the article's focus country, the places named beside it
// ("Kharkiv, Ukraine"), the kind of place and its population, and gives each
// place ACLED's geo-precision.
package geo

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/gazetteer"
)

// Resolver resolves place names. It is safe for concurrent use.
type Resolver struct {
	g *gazetteer.Gazetteer
}

// New returns a resolver over the gazetteer.
func New(g *gazetteer.Gazetteer) *Resolver { return &Resolver{g: g} }

// placeTypes are the entity types that name places.
var placeTypes = map[string]bool{document.GPE: true, document.Loc: true, document.Fac: true}

// Resolve returns the places of an article: one per place entity that the
// gazetteer knows, with its mentions.
func (r *Resolver) Resolve(text string, ents []document.Entity, dateline *document.Dateline) []document.Place {
	ctx := r.context(text, ents, dateline)
	chosen := map[string]gazetteer.Place{} // entity id -> place
	var order []*document.Entity
	for i := range ents {
		e := &ents[i]
		if !placeTypes[e.Type] {
			continue
		}
		best, ok := r.choose(e, ctx)
		if !ok || !plausible(e, best, ctx) {
			continue
		}
		chosen[e.ID] = best
		order = append(order, e)
	}
	// A place inside another ("Kyiv's Shevchenko district") lies near it:
	// choose again among candidates near the parent, or stand at the
	// parent's point with district precision.
	var out []document.Place
	for _, e := range order {
		p := chosen[e.ID]
		prec := precision(p.Kind)
		if parent, ok := r.parentOf(e, ents, chosen, ctx); ok && km(parent.Lat, parent.Lon, p.Lat, p.Lon) > nearKm {
			if near, ok := r.chooseNear(e, parent); ok {
				p = near
				prec = precision(p.Kind)
			} else {
				p.Lat, p.Lon, p.Country, p.Admin1Name, p.GeonameID = parent.Lat, parent.Lon, parent.Country, parent.Admin1Name, 0
				p.Kind = "admin2"
				prec = 2
			}
		}
		pl := r.render(e, p)
		pl.Precision = prec
		out = append(out, pl)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("P%d", i+1)
	}
	return out
}

// docContext is what the whole article says about where it is.
type docContext struct {
	text      string
	countries map[string]float64 // country code -> weight of its mentions
	focus     string             // the country the article is mostly about
}

// context weighs the countries an article names: countries themselves,
// nationality adjectives, the dateline place and unambiguous towns.
func (r *Resolver) context(text string, ents []document.Entity, dateline *document.Dateline) *docContext {
	ctx := &docContext{text: text, countries: map[string]float64{}}
	for _, e := range ents {
		n := float64(len(e.Mentions))
		if n == 0 {
			n = 0.5 // named in the headline only
		}
		switch e.Type {
		case document.NORP:
			if code, ok := r.g.Demonym(e.Name); ok {
				ctx.countries[code] += 0.5 * n
			}
		case document.GPE, document.Loc:
			if c, ok := r.g.CountryByName(e.Name); ok {
				ctx.countries[c.ISO2] += n
				continue
			}
			// a sizeable town whose every candidate lies in one country
			if cands := r.g.Lookup(e.Name); len(cands) > 0 && cands[0].Population >= 50000 {
				one := cands[0].Country
				for _, c := range cands[1:] {
					if c.Country != one {
						one = ""
						break
					}
				}
				if one != "" {
					ctx.countries[one] += 0.5 * n
				}
			}
		}
	}
	if dateline != nil && dateline.Place != nil {
		for _, part := range strings.Split(*dateline.Place, ",") {
			if c, ok := r.g.CountryByName(strings.TrimSpace(part)); ok {
				ctx.countries[c.ISO2] += 2
			} else if cands := r.g.Lookup(strings.TrimSpace(part)); len(cands) > 0 {
				ctx.countries[cands[0].Country] += 1
			}
		}
	}
	best := 0.0
	codes := make([]string, 0, len(ctx.countries))
	for c := range ctx.countries {
		codes = append(codes, c)
	}
	sort.Strings(codes) // deterministic ties
	for _, c := range codes {
		if w := ctx.countries[c]; w > best && c != "" {
			ctx.focus, best = c, w
		}
	}
	return ctx
}

// choose picks the most likely gazetteer entry for a place entity.
func (r *Resolver) choose(e *document.Entity, ctx *docContext) (gazetteer.Place, bool) {
	names := append([]string{e.Name}, e.Aliases...)
	var cands []gazetteer.Place
	seen := map[string]bool{}
	for _, n := range names {
		for _, form := range nameForms(n) {
			for i, c := range r.g.Lookup(form) {
				k := fmt.Sprintf("%s|%s|%d|%.3f|%.3f", c.Kind, c.Country, c.GeonameID, c.Lat, c.Lon)
				if seen[k] {
					continue
				}
				seen[k] = true
				_ = i
				cands = append(cands, c)
			}
		}
	}
	if len(cands) == 0 {
		return gazetteer.Place{}, false
	}
	follow := r.followingCountries(e, ctx)
	best, bestScore := cands[0], math.Inf(-1)
	for i, c := range cands {
		s := score(c, i, ctx, follow)
		if s > bestScore {
			best, bestScore = c, s
		}
	}
	return best, true
}

// nearKm is how far a place inside another may lie from the other's point.
const nearKm = 50

// parentOf finds a place written as the owner of a mention of e:
// "Kyiv's Shevchenko district", "Kyiv’s ...".
func (r *Resolver) parentOf(e *document.Entity, ents []document.Entity, chosen map[string]gazetteer.Place, ctx *docContext) (gazetteer.Place, bool) {
	for _, m := range e.Mentions {
		before := ctx.text[:m.Start]
		for _, gap := range []string{"'s ", "’s "} {
			if !strings.HasSuffix(before, gap) {
				continue
			}
			end := len(before) - len(gap)
			for _, o := range ents {
				p, ok := chosen[o.ID]
				if !ok || o.ID == e.ID || p.Kind == gazetteer.KindCountry {
					continue
				}
				for _, om := range o.Mentions {
					if om.End == end {
						return p, true
					}
				}
			}
		}
	}
	return gazetteer.Place{}, false
}

// chooseNear picks the candidate of e nearest to parent, if one lies near.
func (r *Resolver) chooseNear(e *document.Entity, parent gazetteer.Place) (gazetteer.Place, bool) {
	best, bestKm := gazetteer.Place{}, math.Inf(1)
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for _, form := range nameForms(n) {
			for _, c := range r.g.Lookup(form) {
				if d := km(parent.Lat, parent.Lon, c.Lat, c.Lon); d < bestKm {
					best, bestKm = c, d
				}
			}
		}
	}
	return best, bestKm <= nearKm
}

// plausible rejects a small foreign town found for a single word the
// article gives no other reason to read as that town ("Cobra meeting").
func plausible(e *document.Entity, p gazetteer.Place, ctx *docContext) bool {
	if p.Kind != gazetteer.KindCity || strings.Contains(e.Name, " ") || p.Population >= 50000 {
		return true
	}
	return p.Country == ctx.focus || ctx.countries[p.Country] > 0
}

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	h := math.Pow(math.Sin((lat2-lat1)*rad/2), 2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Pow(math.Sin((lon2-lon1)*rad/2), 2)
	return 12742 * math.Asin(math.Sqrt(math.Min(1, h)))
}

// nameForms are the lookups to try for a name: itself, and without the
// words that make a division of it ("Luhansk region" -> "Luhansk").
func nameForms(name string) []string {
	forms := []string{name}
	for _, suf := range []string{" region", " Region", " oblast", " Oblast", " province", " Province", " district",
		" District", " governorate", " Governorate", " county", " County"} {
		if strings.HasSuffix(name, suf) {
			forms = append(forms, strings.TrimSuffix(name, suf))
		}
	}
	for _, pre := range []string{"the ", "The "} {
		if strings.HasPrefix(name, pre) {
			forms = append(forms, strings.TrimPrefix(name, pre))
		}
	}
	return forms
}

// followingCountries are the countries or divisions written right after a
// mention of the entity: "Kharkiv, Ukraine", "Paris, Texas".
func (r *Resolver) followingCountries(e *document.Entity, ctx *docContext) map[string]bool {
	out := map[string]bool{}
	for _, m := range e.Mentions {
		rest := ctx.text[m.End:]
		if !strings.HasPrefix(rest, ", ") {
			continue
		}
		rest = rest[2:]
		end := strings.IndexAny(rest, ",.;:()\n—–")
		if end < 0 || end > 40 {
			end = min(len(rest), 40)
		}
		word := strings.TrimSpace(rest[:end])
		if c, ok := r.g.CountryByName(word); ok {
			out[c.ISO2] = true
			continue
		}
		for _, p := range r.g.Lookup(word) {
			if p.Kind == gazetteer.KindAdmin {
				out[p.Country+"."+p.Admin1] = true
			}
		}
	}
	return out
}

// kindPrior orders kinds of places: a name that is a country's is the
// country; then areas of the world, seas, divisions; towns by size.
var kindPrior = map[string]float64{
	gazetteer.KindCountry: 100, gazetteer.KindContinent: 90, gazetteer.KindRegion: 80, gazetteer.KindWater: 80,
	gazetteer.KindAdmin: 55, gazetteer.KindLandmark: 50, gazetteer.KindCity: 20,
}

func score(c gazetteer.Place, rank int, ctx *docContext, follow map[string]bool) float64 {
	s := kindPrior[c.Kind] - 2*float64(rank)
	if c.Kind == gazetteer.KindCity || c.Kind == "admin2" {
		s += 8 * math.Log10(float64(c.Population)+1)
	}
	if c.Country != "" && c.Kind != gazetteer.KindCountry {
		if c.Country == ctx.focus {
			s += 30
		}
		s += 5 * math.Min(ctx.countries[c.Country], 4)
		if follow[c.Country] || follow[c.Country+"."+c.Admin1] {
			s += 80
		}
	}
	return s
}

// precision is ACLED's geo-precision of a kind of place: 1 a town or a
// site, 2 a district or part of a region, 3 a province, region or country.
func precision(kind string) int {
	switch kind {
	case gazetteer.KindCity, gazetteer.KindLandmark:
		return 1
	case "admin2":
		return 2
	}
	return 3
}

// feature maps gazetteer kinds to the contract's feature names.
func feature(kind string) string {
	switch kind {
	case "admin2":
		return "admin"
	case "":
		return "city"
	}
	return kind
}

func (r *Resolver) render(e *document.Entity, p gazetteer.Place) document.Place {
	lat, lon := round5(p.Lat), round5(p.Lon)
	id := e.ID
	pl := document.Place{
		Name:      e.Name,
		Entity:    &id,
		GeonameID: p.GeonameID,
		Country:   p.Country,
		Admin1:    p.Admin1Name,
		Feature:   feature(p.Kind),
		Precision: precision(p.Kind),
		Mentions:  e.Mentions,
	}
	if !(p.Lat == 0 && p.Lon == 0) {
		pl.Lat, pl.Lon = &lat, &lon
	}
	aliases := map[string]bool{e.Name: true}
	for _, a := range append([]string{p.Name}, e.Aliases...) {
		if !aliases[a] {
			aliases[a] = true
			pl.Aliases = append(pl.Aliases, a)
		}
	}
	if pl.Mentions == nil {
		pl.Mentions = []document.Mention{}
	}
	return pl
}

func round5(f float64) float64 { return math.Round(f*1e5) / 1e5 }

// Package geo resolves the places an article names to gazetteer entries:
// which Kharkiv, which Georgia, where "Gaza" is. It chooses among a name's
// candidates by the article's focus country, the places named beside it
// ("Kharkiv, Ukraine", "Atlanta, Georgia", "Tripoli, in northern
// Lebanon"), the division word of the name ("Donetsk region" is the
// oblast, not the city), the kind of place and its population, and gives
// each place ACLED's geo-precision. Entities naming one place ("Kiev",
// "Kyiv") make one place; a capital named only as the subject of what its
// government does ("Washington said") is no place; a place the gazetteer
// lacks stands at its town's point when the text puts it there ("Kyiv's
// Shevchenko district", "the Peace Palace in The Hague").
//
// ResolveAreas also finds the areas the text names around the places:
// parts ("southeastern Ukraine", "the eastern Donetsk region"), points
// near or at a distance ("outside Kharkiv", "30 km north of Kyiv") and
// borders ("near the Russian border"), each with its best point and
// precision, attached to the place it qualifies rather than listed as a
// place of its own.
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
	g    *gazetteer.Gazetteer
	divs divisionCache
}

// New returns a resolver over the gazetteer.
func New(g *gazetteer.Gazetteer) *Resolver { return &Resolver{g: g} }

// placeTypes are the entity types that name places.
var placeTypes = map[string]bool{document.GPE: true, document.Loc: true, document.Fac: true}

// Resolve returns the places of an article: one per place the gazetteer
// knows, with the mentions of the entities that name it.
func (r *Resolver) Resolve(text string, ents []document.Entity, dateline *document.Dateline) []document.Place {
	places, _, _ := r.resolve(text, ents, dateline)
	return places
}

// resolved is a place of the output with the gazetteer entry behind it.
type resolved struct {
	p   gazetteer.Place
	e   *document.Entity
	out int // index into the places
}

// resolve returns the places, the gazetteer entry of each and the
// article's context.
func (r *Resolver) resolve(text string, ents []document.Entity, dateline *document.Dateline) ([]document.Place, []resolved, *docContext) {
	ctx := r.context(text, ents, dateline)
	ctx.index(ents)
	chosen := map[string]gazetteer.Place{} // entity id -> place
	var order []*document.Entity
	for i := range ents {
		e := &ents[i]
		if !placeTypes[e.Type] {
			continue
		}
		best, confirmed, ok := r.choose(e, chosen, ctx)
		if !ok {
			// unknown, but perhaps inside a known place ("Kyiv's
			// Shevchenko district"): see below
			order = append(order, e)
			continue
		}
		if !(confirmed || plausible(e, best, ctx)) || governmentOnly(e, best, ctx) {
			continue
		}
		chosen[e.ID] = best
		order = append(order, e)
	}
	// A place inside another ("Kyiv's Shevchenko district") lies near it:
	// choose again among candidates near the parent, or stand at the
	// parent's point with district precision.
	var out []document.Place
	var res []resolved
	byKey := map[string]int{} // gazetteer identity -> index into out
	for _, e := range order {
		p, known := chosen[e.ID]
		prec := precision(p.Kind)
		placeholder := false
		parent, inside := r.parentOf(e, chosen, ctx)
		if !known && (!inside || e.Type != document.GPE || !(parent.Kind == gazetteer.KindCity || divisionWord(e.Name) == "admin2")) {
			// an unknown place stands at a town's point only as a part of
			// it: "Kyiv's Podil district", "Bordesley Green, Birmingham",
			// "the Peace Palace in The Hague"
			if parent, inside = r.hostOf(e, chosen, ctx); !inside {
				continue
			}
		}
		if inside && (!known || km(parent.Lat, parent.Lon, p.Lat, p.Lon) > nearKm) {
			if near, ok := r.chooseNear(e, parent); ok {
				p = near
				prec = precision(p.Kind)
			} else {
				p = gazetteer.Place{Name: e.Name}
				p.Lat, p.Lon, p.Country, p.Admin1Name, p.GeonameID = parent.Lat, parent.Lon, parent.Country, parent.Admin1Name, 0
				p.Admin1 = parent.Admin1
				p.Kind = gazetteer.KindAdmin2
				prec = 2
				if e.Type == document.Fac {
					p.Kind, prec = gazetteer.KindLandmark, 1 // a site in the town
				}
				placeholder = true
			}
		}
		// Two entities naming one place ("Kiev" and "Kyiv" kept apart
		// upstream) make one place.
		if k := p.Key(); k != "" && !placeholder {
			if i, ok := byKey[k]; ok {
				merge(&out[i], e)
				continue
			}
			byKey[k] = len(out)
		}
		pl := r.render(e, p)
		pl.Precision = prec
		res = append(res, resolved{p: p, e: e, out: len(out)})
		out = append(out, pl)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("P%d", i+1)
	}
	return out, res, ctx
}

// merge adds the names and mentions of another entity for the same place.
func merge(pl *document.Place, e *document.Entity) {
	have := map[string]bool{pl.Name: true}
	for _, a := range pl.Aliases {
		have[a] = true
	}
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		if !have[a] {
			have[a] = true
			pl.Aliases = append(pl.Aliases, a)
		}
	}
	pl.Mentions = append(append([]document.Mention(nil), pl.Mentions...), e.Mentions...)
	sort.SliceStable(pl.Mentions, func(i, j int) bool { return pl.Mentions[i].Start < pl.Mentions[j].Start })
}

// docContext is what the whole article says about where it is.
type docContext struct {
	text      string
	countries map[string]float64 // country code -> weight of its mentions
	focus     string             // the country the article is mostly about
	// the mentions of place entities by where they start and end
	byStart, byEnd map[int][]mref
}

// mref is a mention of a place entity.
type mref struct {
	e *document.Entity
	m document.Mention
}

// index records where the place entities' mentions start and end.
func (ctx *docContext) index(ents []document.Entity) {
	ctx.byStart, ctx.byEnd = map[int][]mref{}, map[int][]mref{}
	for i := range ents {
		e := &ents[i]
		if !placeTypes[e.Type] {
			continue
		}
		for _, m := range e.Mentions {
			if valid(m, ctx.text) {
				ctx.byStart[m.Start] = append(ctx.byStart[m.Start], mref{e, m})
				ctx.byEnd[m.End] = append(ctx.byEnd[m.End], mref{e, m})
			}
		}
	}
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
			// a sizeable town or division whose every candidate of some
			// size lies in one country
			if cands := r.g.Lookup(e.Name); len(cands) > 0 && cands[0].Population >= 50000 {
				one := cands[0].Country
				for _, c := range cands[1:] {
					if c.Country != one && c.Population >= 15000 {
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
// confirmed tells that the text places it: "Paris, Texas".
func (r *Resolver) choose(e *document.Entity, chosen map[string]gazetteer.Place, ctx *docContext) (best gazetteer.Place, confirmed, ok bool) {
	var cands []gazetteer.Place
	var stripped []bool // the candidate came from a shortened form of the name
	type candKey struct {
		kind, country string
		id            int64
		lat, lon      float64
	}
	seen := map[candKey]bool{}
	division := ""
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for fi, form := range nameForms(n) {
			if fi > 0 && division == "" {
				division = divisionWord(n)
			}
			for _, c := range r.g.Lookup(form) {
				k := candKey{c.Kind, c.Country, c.GeonameID, math.Round(c.Lat * 1000), math.Round(c.Lon * 1000)}
				if seen[k] {
					continue
				}
				seen[k] = true
				if fi > 0 && c.Kind == gazetteer.KindCity && divisionWord(n) != "" &&
					c.Country != ctx.focus && ctx.countries[c.Country] == 0 {
					continue // "Shevchenko district" is not Shevchenko in Kazakhstan
				}
				cands = append(cands, c)
				stripped = append(stripped, fi > 0)
			}
		}
	}
	if len(cands) == 0 {
		return gazetteer.Place{}, false, false
	}
	follow := r.followingCountries(e, ctx)
	within := r.precedingTowns(e, chosen, ctx)
	_, isCountry := r.g.CountryByName(e.Name)
	best, bestScore := cands[0], math.Inf(-1)
	for i, c := range cands {
		s := score(c, i, ctx, follow)
		placed := follow[c.Country] || follow[c.Country+"."+c.Admin1]
		if isCountry && c.Kind == gazetteer.KindCountry {
			s += 50 // "Mexico" is the country before Mexico City
		}
		if c.Kind == gazetteer.KindAdmin || c.Kind == gazetteer.KindCountry {
			if within[c.Country+"."+c.Admin1] || (c.Kind == gazetteer.KindCountry && within[c.Country]) {
				s += 120 // "Atlanta, Georgia": the state Atlanta lies in
			}
		}
		if division != "" {
			// "Donetsk region" is the oblast, not the city; "Shevchenko
			// district" a district
			switch {
			case c.Kind == gazetteer.KindAdmin && division == "admin1", c.Kind == gazetteer.KindAdmin2 && division == "admin2":
				s += 60
			case c.Kind == gazetteer.KindAdmin || c.Kind == gazetteer.KindAdmin2:
				s += 40
			case c.Kind == gazetteer.KindCity && stripped[i]:
				s -= 40
			}
		}
		if s > bestScore {
			best, bestScore, confirmed = c, s, placed
		}
	}
	return best, confirmed, true
}

// divisionWord tells what level of division a name's last word makes it:
// "admin1" for region, oblast, province, state; "admin2" for district,
// county, raion; "" for none.
func divisionWord(name string) string {
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return ""
	}
	switch strings.ToLower(name[i+1:]) {
	case "region", "oblast", "province", "governorate", "state", "krai", "kray", "prefecture":
		return "admin1"
	case "district", "county", "raion", "rayon", "municipality":
		return "admin2"
	}
	return ""
}

// precedingTowns are the divisions and countries holding the towns written
// right before a mention of the entity: "Atlanta, Georgia" gives US.GA, and
// US, for Georgia.
func (r *Resolver) precedingTowns(e *document.Entity, chosen map[string]gazetteer.Place, ctx *docContext) map[string]bool {
	out := map[string]bool{}
	for _, m := range e.Mentions {
		if !valid(m, ctx.text) || m.Start < 2 || ctx.text[m.Start-2:m.Start] != ", " {
			continue
		}
		for _, o := range ctx.byEnd[m.Start-2] {
			if o.e.ID == e.ID {
				continue
			}
			// the town as chosen, or any of its candidates of some size
			if p, ok := chosen[o.e.ID]; ok && p.Kind == gazetteer.KindCity {
				out[p.Country+"."+p.Admin1], out[p.Country] = true, true
				continue
			}
			for _, c := range r.g.Lookup(o.e.Name) {
				if c.Kind == gazetteer.KindCity && c.Population >= 15000 {
					out[c.Country+"."+c.Admin1], out[c.Country] = true, true
				}
			}
		}
	}
	return out
}

// nearKm is how far a place inside another may lie from the other's point.
const nearKm = 50

// parentOf finds a place written as the owner of a mention of e:
// "Kyiv's Shevchenko district", "Kyiv’s ...".
func (r *Resolver) parentOf(e *document.Entity, chosen map[string]gazetteer.Place, ctx *docContext) (gazetteer.Place, bool) {
	for _, m := range e.Mentions {
		if !valid(m, ctx.text) {
			continue
		}
		before := ctx.text[:m.Start]
		for _, gap := range []string{"'s ", "’s "} {
			if !strings.HasSuffix(before, gap) {
				continue
			}
			for _, o := range ctx.byEnd[len(before)-len(gap)] {
				if p, ok := chosen[o.e.ID]; ok && o.e.ID != e.ID && p.Kind != gazetteer.KindCountry {
					return p, true
				}
			}
		}
	}
	return gazetteer.Place{}, false
}

// hostOf finds the town written right after a mention of e: "Bordesley
// Green, Birmingham", "the Peace Palace in The Hague". A town followed by
// another place ("Foo, Kyiv and Lviv") is one of a list, not a host.
func (r *Resolver) hostOf(e *document.Entity, chosen map[string]gazetteer.Place, ctx *docContext) (gazetteer.Place, bool) {
	for _, m := range e.Mentions {
		if !valid(m, ctx.text) {
			continue
		}
		rest := ctx.text[m.End:]
		gap := ""
		for _, g := range []string{", ", " in "} {
			if strings.HasPrefix(rest, g) {
				gap = g
			}
		}
		if gap == "" {
			continue
		}
		start := m.End + len(gap)
		hosts := ctx.byStart[start]
		if len(ctx.text) >= start+4 && strings.EqualFold(ctx.text[start:start+4], "the ") {
			hosts = append(hosts[:len(hosts):len(hosts)], ctx.byStart[start+4]...)
		}
		for _, o := range hosts {
			p, ok := chosen[o.e.ID]
			if !ok || o.e.ID == e.ID || (p.Kind != gazetteer.KindCity && p.Kind != gazetteer.KindAdmin2) {
				continue
			}
			if gap == ", " {
				after := ctx.text[o.m.End:]
				if strings.HasPrefix(after, ",") || strings.HasPrefix(after, " and ") || strings.HasPrefix(after, " or ") {
					continue
				}
			}
			return p, true
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

// governmentOnly: a capital every mention of which is the subject of
// something a government does ("Washington said", "Moscow has denied") is
// its government, not a place.
func governmentOnly(e *document.Entity, p gazetteer.Place, ctx *docContext) bool {
	if p.Kind != gazetteer.KindCity || p.FeatureCode != "PPLC" || len(e.Mentions) == 0 {
		return false
	}
	for _, m := range e.Mentions {
		if !valid(m, ctx.text) || !governmentVerbFollows(ctx.text[m.End:]) {
			return false
		}
	}
	return true
}

// governmentVerbFollows: the text starts with a verb of a government's
// doing, perhaps after an auxiliary: " said", " has repeatedly denied".
func governmentVerbFollows(rest string) bool {
	for range 3 {
		rest = strings.TrimLeft(rest, " ")
		w := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return !('a' <= r && r <= 'z') }); i >= 0 {
			w = rest[:i]
		}
		if w == "" {
			return false
		}
		if governmentVerbs[w] {
			return true
		}
		if !auxiliaries[w] {
			return false
		}
		rest = rest[len(w):]
	}
	return false
}

var governmentVerbs = setOf("said", "says", "say", "announced", "announces", "denied", "denies", "warned", "warns",
	"accused", "accuses", "insisted", "insists", "claimed", "claims", "rejected", "rejects", "condemned", "condemns",
	"responded", "responds", "demanded", "demands", "urged", "urges", "threatened", "threatens", "stated", "argued",
	"argues", "refused", "refuses", "blamed", "blames", "wants", "believes", "hopes", "fears", "approved", "imposed",
	"imposes", "sanctioned", "expelled", "vowed", "vows", "pledged", "pledges", "promised", "promises", "agreed",
	"agrees", "welcomed", "welcomes", "criticised", "criticized", "recognised", "recognized", "summoned", "retaliated",
	"confirmed", "confirms", "dismissed", "dismisses", "protested", "objected", "maintains", "maintained",
	"signalled", "signaled", "declined", "declines", "backed", "backs", "supports", "supported", "opposes", "opposed")

var auxiliaries = setOf("has", "have", "had", "is", "was", "would", "will", "also", "again", "repeatedly",
	"quickly", "swiftly", "immediately", "later", "then", "previously", "already", "not", "publicly", "officially",
	"has", "did", "does", "could", "may", "might", "must", "should")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// valid: a mention's offsets lie in the text.
func valid(m document.Mention, text string) bool {
	return 0 <= m.Start && m.Start <= m.End && m.End <= len(text)
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
		" District", " governorate", " Governorate", " county", " County", " raion", " Raion", " State"} {
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
// mention of the entity: "Kharkiv, Ukraine", "Paris, Texas", "Tripoli, in
// northern Lebanon", "Hyderabad in Pakistan's Sindh province".
func (r *Resolver) followingCountries(e *document.Entity, ctx *docContext) map[string]bool {
	out := map[string]bool{}
	for _, m := range e.Mentions {
		if !valid(m, ctx.text) {
			continue
		}
		rest := ctx.text[m.End:]
		comma := strings.HasPrefix(rest, ", ")
		if comma {
			rest = rest[2:]
		}
		in := false
		for _, p := range []string{"in ", "of "} {
			if strings.HasPrefix(rest, p) {
				rest, in = rest[len(p):], true
				break
			}
		}
		if !comma && !in {
			continue
		}
		if in {
			rest = strings.TrimPrefix(rest, "the ")
			if w, _, ok := strings.Cut(rest, " "); ok && isDirectionAdjective(w) {
				rest = rest[len(w)+1:]
			}
		}
		end := strings.IndexAny(rest, ",.;:()\n—–")
		if end < 0 || end > 40 {
			end = min(len(rest), 40)
		}
		phrase := strings.TrimSpace(rest[:end])
		// the longest run of words naming a country or a division:
		// "Lebanon", "Pakistan's Sindh province" -> "Pakistan"
		words := strings.Fields(phrase)
		for n := min(len(words), 4); n > 0; n-- {
			word := strings.Join(words[:n], " ")
			word = strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
			if c, ok := r.g.CountryByName(word); ok {
				out[c.ISO2] = true
				break
			}
			found := false
			for _, p := range r.g.Lookup(word) {
				if p.Kind == gazetteer.KindAdmin {
					out[p.Country+"."+p.Admin1] = true
					found = true
				}
			}
			if found {
				break
			}
		}
	}
	return out
}

// isDirectionAdjective: "northern", "south-eastern", "central".
func isDirectionAdjective(w string) bool {
	d, ok := parseDirection(w)
	return ok && (strings.HasSuffix(strings.ToLower(w), "ern") || d.central)
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

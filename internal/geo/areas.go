package geo

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/gazetteer"
)

// Area is a part of a place, or a point placed relative to it, that the
// text names around a mention of the place: "southeastern Ukraine", "the
// eastern Donetsk region", "30 km north of Kyiv", "on the outskirts of
// Kherson", "near the Russian border". It refers to the place it qualifies
// and is never a place of its own: the place list stays one entry per place.
type Area = document.Area

// Relations of an area to its place.
const (
	RelPart   = "part"
	RelNear   = "near"
	RelOffset = "offset"
	RelBorder = "border"
)

// ResolveAreas returns the places of an article, as Resolve does, and the
// areas the text names around them.
func (r *Resolver) ResolveAreas(text string, ents []document.Entity, dateline *document.Dateline) ([]document.Place, []Area) {
	places, res, ctx := r.resolve(text, ents, dateline)
	var areas []Area
	for _, rp := range res {
		pl := &places[rp.out]
		for _, m := range pl.Mentions {
			if !valid(m, text) || m.Start == m.End {
				continue
			}
			if a, ok := r.areaAt(text, m, rp.p, ctx); ok {
				id := pl.ID
				a.Place = &id
				areas = append(areas, a)
			}
		}
	}
	areas = append(areas, r.borders(text, ents, places, ctx)...)
	sort.SliceStable(areas, func(i, j int) bool { return areas[i].Start < areas[j].Start })
	out := areas[:0]
	for i, a := range areas {
		if i > 0 && a.Start < out[len(out)-1].End {
			continue // one area per stretch of text
		}
		out = append(out, a)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("A%d", i+1)
	}
	return places, out
}

// The phrases before a mention. Each ends where the mention starts.
const (
	dirPat  = `(?:north|south)[- ]?(?:east|west)|north|south|east|west`
	townPat = `(?:the\s+)?(?:(?:[\p{L}'’-]+\s+){0,2}(?:city|town|village|capital|port|settlement|region|province|oblast|district|community|hub)\s+(?:of\s+)?)?(?:the\s+)?$`
	numPat  = `\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred|a few|several|a couple of`
	unitPat = `km|kms|kilometres?|kilometers?|mi|miles?`
)

var (
	// "30 km north of", "20 kilometres (12 miles) from", "5 miles outside"
	distanceRe = regexp.MustCompile(`\b(` + numPat + `)\s?-?\s?(` + unitPat + `)\.?(?:\s*\([^()]{1,30}\))?\s+(?:to\s+the\s+)?(?:(` + dirPat + `)(?:wards?)?\s+)?(of|from|outside(?:\s+of)?|away\s+from)\s+` + townPat)
	// "the east of", "the southern part of", "southern parts of"
	partOfRe = regexp.MustCompile(`\b(?:(the)\s+)?(?:(far)[- ]?)?(` + dirPat + `|centre|center|middle)(?:ern)?\s+(?:(part|parts|region|regions|area|areas|reaches|edge|tip|flank|districts|provinces)\s+)?of\s+(?:the\s+)?$`)
	// "north of", "just south of"
	bearingRe = regexp.MustCompile(`\b(` + dirPat + `)(?:wards?)?\s+of\s+` + townPat)
	// "near", "on the outskirts of", "outside", "around"
	nearRe = regexp.MustCompile(`\b(near|nearby|close\s+to|not\s+far\s+from|outside(?:\s+of)?|the\s+outskirts\s+of|outskirts\s+of|the\s+suburbs\s+of|suburbs\s+of|the\s+vicinity\s+of|vicinity\s+of|the\s+environs\s+of|environs\s+of|around|the\s+(?:area|areas)\s+around)\s+` + townPat)
	// "southeastern", "far-eastern", "north", "central"
	adjRe = regexp.MustCompile(`\b(?:(far)[- ]?)?((?:` + dirPat + `)(?:ern)?|central)\s+$`)
	// after a mention: "'s east", "'s southern regions"; "'s outskirts", " outskirts"
	possPartRe  = regexp.MustCompile(`^(?:'s|’s)\s+(?:(far)[- ]?)?(` + dirPat + `|centre|center)(ern\s+(?:regions?|parts?|areas?|provinces?|flank|districts|territories|border\s+areas))?`)
	outskirtsRe = regexp.MustCompile(`^(?:'s|’s)?\s+(outskirts|suburbs|environs)\b`)
)

// phraseEnds are the last words of a phrase before a mention other than
// a compass word.
var phraseEnds = setOf("of", "the", "from", "outside", "near", "nearby", "around", "to", "capital", "city", "town",
	"village", "port", "settlement", "region", "province", "oblast", "district", "community", "hub")

// lastWord is the last word of s, in lower case.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t\n")
	i := strings.LastIndexAny(s, " \t\n(\"“'‘") + 1
	w := s[i:]
	if len(w) > 16 {
		return ""
	}
	return lowerASCII(w)
}

// lastUnit is where the last unit of distance in s starts ("km",
// "kilometres", "miles", "mi"), or -1.
func lastUnit(s string) int {
	best := -1
	for _, u := range []string{"km", "kilomet", "mile", "mi"} {
		for end := len(s); end > best; {
			i := strings.LastIndex(s[:end], u)
			if i <= best {
				break
			}
			j := i + len(u)
			for j < len(s) && 'a' <= s[j] && s[j] <= 'z' && (u == "kilomet" || u == "mile" || s[j] == 's') {
				j++
			}
			if (i == 0 || !isLetter(s[i-1])) && (j == len(s) || !isLetter(s[j])) {
				best = i
				break
			}
			end = i
		}
	}
	return best
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 }

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// tail is the end of s from a word start at most n bytes from its end.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	t := s[len(s)-n:]
	if i := strings.IndexByte(t, ' '); i >= 0 {
		return t[i+1:]
	}
	return t
}

// shift moves submatch offsets by ofs.
func shift(g []int, ofs int) []int {
	for i := range g {
		if g[i] >= 0 {
			g[i] += ofs
		}
	}
	return g
}

// isCompass: "north", "south-eastern", "central".
func isCompass(w string) bool {
	w = strings.TrimPrefix(w, "far-")
	if w == "central" {
		return true
	}
	_, ok := parseDirection(w)
	return ok
}

// lowerASCII lowers ASCII letters only, so that byte offsets stay.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// areaAt finds an area phrase around one mention of a place.
func (r *Resolver) areaAt(text string, m document.Mention, p gazetteer.Place, ctx *docContext) (Area, bool) {
	lo := max(0, m.Start-90)
	orig := text[lo:m.Start]
	after := lowerASCII(text[m.End:min(len(text), m.End+60)])
	// The phrases before a mention end in a preposition, an article, a
	// settlement noun or a compass word: only then are they looked for.
	last := lastWord(orig)
	relational, compass := phraseEnds[last], isCompass(last)
	if !relational && !compass && !strings.HasPrefix(after, "'s ") && !strings.HasPrefix(after, "’s ") &&
		!strings.HasPrefix(after, " outskirts") && !strings.HasPrefix(after, " suburbs") && !strings.HasPrefix(after, " environs") {
		return Area{}, false
	}
	before := orig
	if relational || compass {
		before = lowerASCII(orig) // the expressions are in lower case; offsets stay
	}
	a := Area{Country: p.Country, Admin1: p.Admin1Name}
	span := func(start, end int) {
		a.Start, a.End = start, end
		a.Text = text[start:end]
	}
	kind := p.Kind
	countryLike := kind == gazetteer.KindCountry
	town := kind == gazetteer.KindCity || kind == gazetteer.KindAdmin2 || kind == gazetteer.KindLandmark || kind == ""

	var g []int
	if k := lastUnit(before); relational && k >= 0 {
		// from a word start some way before the unit, for the number
		from := max(0, k-32)
		if i := strings.IndexByte(before[from:k], ' '); from > 0 && i >= 0 {
			from += i + 1
		}
		g = shift(distanceRe.FindStringSubmatchIndex(before[from:]), from)
	}
	if g != nil && !countryLike {
		num := strings.ToLower(before[g[2]:g[3]])
		unit := strings.ToLower(before[g[4]:g[5]])
		dist, exact := parseNumber(num)
		if strings.HasPrefix(unit, "mi") {
			dist *= 1.609344
		}
		span(lo+g[0], m.End)
		lat, lon := p.Lat, p.Lon
		if !exact {
			a.Relation, a.Qualifier = RelNear, "near"
		} else {
			a.Relation = RelOffset
			a.OffsetKm = ptr(round1(dist))
			a.Qualifier = "from"
			if g[6] >= 0 {
				d, _ := parseDirection(before[g[6]:g[7]])
				a.Qualifier = d.name + " of"
				a.Bearing = ptr(d.bearing)
				lat, lon = destination(p.Lat, p.Lon, d.bearing, dist)
			}
		}
		setPoint(&a, lat, lon)
		a.Precision = max(2, areaPrecision(kind))
		return a, true
	}
	// the other phrases are short: look in the last words only
	cut := tail(before, 64)
	ofs := len(before) - len(cut)
	hasOf := strings.Contains(cut, " of ")
	if relational && hasOf {
		g = shift(partOfRe.FindStringSubmatchIndex(cut), ofs)
	}
	if g != nil && (g[2] >= 0 || g[8] >= 0) {
		d, _ := parseDirection(before[g[6]:g[7]])
		d.far = g[4] >= 0
		span(lo+g[0], m.End)
		r.part(&a, p, d, m.Text)
		return a, true
	}
	if relational && hasOf {
		g = shift(bearingRe.FindStringSubmatchIndex(cut), ofs)
	}
	if g != nil && !countryLike {
		d, _ := parseDirection(before[g[2]:g[3]])
		span(lo+g[0], m.End)
		a.Relation, a.Qualifier, a.Bearing = RelOffset, d.name+" of", ptr(d.bearing)
		lat, lon := destination(p.Lat, p.Lon, d.bearing, max(5, 1.5*radius(p)))
		setPoint(&a, lat, lon)
		a.Precision = max(2, areaPrecision(kind))
		return a, true
	}
	if relational && containsAny(cut, "near", "close", "outside", "outskirts", "suburbs", "vicinity", "environs", "around", "far from") {
		g = shift(nearRe.FindStringSubmatchIndex(cut), ofs)
	}
	if g != nil && !countryLike {
		q := nearWord(before[g[2]:g[3]])
		if q == "outside" && !town {
			return Area{}, false // "outside the Donetsk region" is not in it
		}
		span(lo+g[0], m.End)
		a.Relation, a.Qualifier = RelNear, q
		setPoint(&a, p.Lat, p.Lon)
		a.Precision = max(2, areaPrecision(kind))
		return a, true
	}
	g = nil
	if compass {
		g = shift(adjRe.FindStringSubmatchIndex(cut), ofs)
	}
	if g != nil {
		word := orig[g[4]:g[5]]
		// "South Sudan", "West Bank", "Western Australia" are names
		if word[0] >= 'A' && word[0] <= 'Z' && r.g.IsPlaceName(word+" "+m.Text) {
			return Area{}, false
		}
		d, ok := parseDirection(word)
		if !ok {
			return Area{}, false
		}
		d.far = g[2] >= 0
		span(lo+g[0], m.End)
		r.part(&a, p, d, m.Text)
		return a, true
	}
	if g := possPartRe.FindStringSubmatchIndex(after); g != nil && (g[6] >= 0 || endsPhrase(after[g[1]:])) {
		d, _ := parseDirection(after[g[4]:g[5]])
		d.far = g[2] >= 0
		span(m.Start, m.End+g[1])
		r.part(&a, p, d, m.Text)
		return a, true
	}
	if g := outskirtsRe.FindStringSubmatchIndex(after); g != nil && !countryLike {
		span(m.Start, m.End+g[1])
		a.Relation, a.Qualifier = RelNear, nearWord(after[g[2]:g[3]])
		setPoint(&a, p.Lat, p.Lon)
		a.Precision = max(2, areaPrecision(kind))
		return a, true
	}
	return Area{}, false
}

// endsPhrase: after "Ukraine's east" comes the end of the phrase, not a
// noun the direction qualifies ("Ukraine's east flank" is handled, "Ukraine's
// West-leaning government" is not a part).
func endsPhrase(rest string) bool {
	if rest == "" {
		return true
	}
	switch rest[0] {
	case ',', '.', ';', ':', '!', '?', ')', '"', '\n':
		return true
	case ' ':
		w, _, _ := strings.Cut(strings.TrimLeft(rest, " "), " ")
		w = strings.TrimRight(w, ",.;:!?)\"")
		return phraseEnders[strings.ToLower(w)]
	}
	return strings.HasPrefix(rest, "’") || strings.HasPrefix(rest, "”") || strings.HasPrefix(rest, " —")
}

var phraseEnders = setOf("and", "or", "but", "on", "in", "at", "where", "was", "is", "has", "had", "were", "are",
	"from", "to", "near", "as", "with", "for", "by", "since", "after", "before", "this", "last", "overnight",
	"early", "late", "—", "–", "-", "amid", "while", "when", "which", "that", "during", "over", "until")

// nearWord normalises a proximity phrase: "near", "outside", "outskirts",
// "around".
func nearWord(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.Contains(s, "outskirts"), strings.Contains(s, "suburbs"), strings.Contains(s, "environs"):
		return "outskirts"
	case strings.HasPrefix(s, "outside"):
		return "outside"
	case strings.Contains(s, "around"):
		return "around"
	}
	return "near"
}

// direction is a compass word of a phrase.
type direction struct {
	name    string  // "southeastern" normalised to "southeast"; "central"
	bearing float64 // degrees clockwise from north
	central bool
	far     bool
}

// parseDirection reads "north", "north-eastern", "South East", "central",
// "centre".
func parseDirection(w string) (direction, bool) {
	s := lowerASCII(w)
	if strings.ContainsAny(s, "- ") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "-", ""), " ", "")
	}
	if s == "central" || s == "centre" || s == "center" || s == "middle" {
		return direction{name: "central", central: true}, true
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "wards"), "ward")
	s = strings.TrimSuffix(s, "ern")
	b, ok := bearings[s]
	if !ok {
		return direction{}, false
	}
	return direction{name: s, bearing: b}, true
}

var bearings = map[string]float64{"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
	"southwest": 225, "west": 270, "northwest": 315}

// qualifier is how a part is named: "southeastern", "far north", "central".
func (d direction) qualifier() string {
	if d.central {
		return "central"
	}
	q := d.name + "ern"
	if d.far {
		q = "far " + d.name
	}
	return q
}

// part places a's point in the part d of p and gives its precision.
func (r *Resolver) part(a *Area, p gazetteer.Place, d direction, name string) {
	a.Relation, a.Qualifier = RelPart, d.qualifier()
	if !d.central {
		a.Bearing = ptr(d.bearing)
	}
	a.Precision = partPrecision(p.Kind)
	lat, lon := p.Lat, p.Lon
	if q, ok := r.namedPart(p, d, name); ok {
		// "northern Gaza Strip" is the North Gaza governorate
		setPoint(a, q.Lat, q.Lon)
		return
	}
	// how far the centre of the part lies from the place's point, as a
	// share of the place's size
	f := 0.3
	if d.far {
		f = 0.55
	}
	switch p.Kind {
	case gazetteer.KindCountry:
		lat, lon = r.countryPart(p, d)
	case gazetteer.KindAdmin:
		if !d.central {
			lat, lon = destination(p.Lat, p.Lon, d.bearing, min(250, f*r.neighbourKm(p)))
		}
	default:
		if !d.central {
			lat, lon = destination(p.Lat, p.Lon, d.bearing, f*radius(p))
		}
	}
	setPoint(a, lat, lon)
}

// namedPart finds a division or region named for the part of the place:
// "North Gaza" for the northern Gaza Strip, "North Lebanon", "North Kivu";
// for a country also "Southern District" (Israel), "Eastern Province".
func (r *Resolver) namedPart(p gazetteer.Place, d direction, name string) (gazetteer.Place, bool) {
	if d.far || p.Country == "" || (d.central && p.Kind != gazetteer.KindCountry) {
		return gazetteer.Place{}, false
	}
	var forms []string
	if !d.central {
		dir := strings.ToUpper(d.name[:1]) + d.name[1:]
		bases := []string{name, p.Name}
		for _, f := range nameForms(name) {
			bases = append(bases, f, strings.TrimSuffix(f, " Strip"))
		}
		for _, b := range bases {
			if b != "" && !slices.Contains(forms, dir+" "+b) {
				forms = append(forms, dir+" "+b, dir+"ern "+b)
			}
		}
	}
	if p.Kind == gazetteer.KindCountry {
		adj := "Central"
		if !d.central {
			adj = strings.ToUpper(d.name[:1]) + d.name[1:] + "ern"
		}
		for _, div := range []string{"District", "Province", "Region", "Governorate", "State"} {
			forms = append(forms, adj+" "+div)
		}
	}
	for _, form := range forms {
		if !r.g.IsPlaceName(form) {
			continue
		}
		for _, q := range r.g.Lookup(form) {
			switch q.Kind {
			case gazetteer.KindAdmin, gazetteer.KindAdmin2, gazetteer.KindRegion:
			default:
				continue
			}
			if q.Country == p.Country && (q.Lat != 0 || q.Lon != 0) && km(p.Lat, p.Lon, q.Lat, q.Lon) <= 1500 {
				return q, true
			}
		}
	}
	return gazetteer.Place{}, false
}

// countryPart is the centre of a part of a country: the mean point of its
// first-level divisions lying beyond the median along the direction (the
// outer quarter for "far"), or of the inner half for "central". A country
// whose divisions are unknown keeps its point.
func (r *Resolver) countryPart(p gazetteer.Place, d direction) (float64, float64) {
	divs := r.divisions(p.Country)
	if len(divs) < 3 {
		return p.Lat, p.Lon
	}
	var lat0, lon0 float64
	for _, q := range divs {
		lat0 += q.lat
		lon0 += q.lon
	}
	lat0, lon0 = lat0/float64(len(divs)), lon0/float64(len(divs))
	cos := math.Cos(lat0 * math.Pi / 180)
	sin, cosb := math.Sincos(d.bearing * math.Pi / 180)
	t := make([]float64, len(divs))
	for i, q := range divs {
		dx, dy := lonDiff(q.lon, lon0)*cos, q.lat-lat0
		if d.central {
			t[i] = -math.Hypot(dx, dy)
		} else {
			t[i] = dx*sin + dy*cosb
		}
	}
	sorted := append([]float64(nil), t...)
	sort.Float64s(sorted)
	cut := sorted[len(sorted)/2]
	if d.far {
		cut = sorted[len(sorted)*4/5]
	}
	var lat, lon float64
	n := 0
	for i, q := range divs {
		if t[i] >= cut {
			lat += q.lat
			lon += lon0 + lonDiff(q.lon, lon0)
			n++
		}
	}
	lon = lon / float64(n)
	if lon > 180 {
		lon -= 360
	} else if lon < -180 {
		lon += 360
	}
	return lat / float64(n), lon
}

func lonDiff(a, b float64) float64 {
	d := a - b
	for d > 180 {
		d -= 360
	}
	for d < -180 {
		d += 360
	}
	return d
}

// neighbourKm is the distance from a first-level division's point to the
// nearest other division's of its country (farther than 10 km: a capital
// city's division lies inside its oblast): a measure of its size.
func (r *Resolver) neighbourKm(p gazetteer.Place) float64 {
	best := math.Inf(1)
	for _, q := range r.divisions(p.Country) {
		if q.code == p.Admin1 {
			continue
		}
		if d := km(p.Lat, p.Lon, q.lat, q.lon); d > 10 && d < best {
			best = d
		}
	}
	if math.IsInf(best, 1) {
		return 100
	}
	return min(best, 1500)
}

// radius is a rough radius in km of a place other than a country or a
// first-level division: of a town from its population (2,000 people to
// the square kilometre), else by kind.
func radius(p gazetteer.Place) float64 {
	switch p.Kind {
	case gazetteer.KindCity:
		return min(40, max(1, math.Sqrt(float64(p.Population)/2000/math.Pi)))
	case gazetteer.KindAdmin2:
		return 20
	case gazetteer.KindRegion:
		return 150
	case gazetteer.KindWater:
		return 250
	case gazetteer.KindContinent:
		return 1500
	case gazetteer.KindAdmin:
		return 80
	}
	return 1
}

// areaPrecision is the precision of a point near or at a distance from a
// place of the kind.
func areaPrecision(kind string) int {
	switch kind {
	case gazetteer.KindCity, gazetteer.KindAdmin2, gazetteer.KindLandmark, "":
		return 2
	}
	return 3
}

// partPrecision is the precision of a part of a place of the kind: a part
// of a town is in the town; of a division, a part of a province; of a
// country, sea or larger region, a larger region.
func partPrecision(kind string) int {
	switch kind {
	case gazetteer.KindCity, gazetteer.KindLandmark:
		return 1
	case gazetteer.KindAdmin, gazetteer.KindAdmin2, "":
		return 2
	}
	return 3
}

func setPoint(a *Area, lat, lon float64) {
	if lat == 0 && lon == 0 {
		a.Lat, a.Lon = nil, nil
		return
	}
	a.Lat, a.Lon = ptr(round5(lat)), ptr(round5(lon))
}

// destination is the point dist km from (lat, lon) on the initial bearing.
func destination(lat, lon, bearing, dist float64) (float64, float64) {
	const rad = math.Pi / 180
	const earthKm = 6371.0
	φ1, λ1, θ, δ := lat*rad, lon*rad, bearing*rad, dist/earthKm
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(θ))
	λ2 := λ1 + math.Atan2(math.Sin(θ)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	lon2 := math.Mod(λ2/rad+540, 360) - 180
	return φ2 / rad, lon2
}

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100}

// parseNumber reads a distance's number; exact is false for "a few",
// "several".
func parseNumber(s string) (v float64, exact bool) {
	if f, ok := numberWords[s]; ok {
		return f, true
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

func ptr(f float64) *float64 { return &f }

func round1(f float64) float64 { return math.Round(f*10) / 10 }

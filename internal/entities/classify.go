package entities

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/tokens"
)

// skip marks a piece that is no entity at all.
const skip = "-"

// facilityHeads make a capitalised phrase a facility or a named site.
var facilityHeads = map[string]bool{
	"street": true, "st": true, "road": true, "rd": true, "avenue": true, "ave": true, "boulevard": true, "lane": true,
	"square": true, "plaza": true, "palace": true, "bridge": true, "airport": true, "stadium": true, "arena": true,
	"cemetery": true, "cathedral": true, "mosque": true, "temple": true, "park": true, "tower": true, "station": true,
	"base": true, "prison": true, "camp": true, "crossing": true, "dam": true, "plant": true, "port": true,
	"harbour": true, "harbor": true, "gardens": true, "hall": true, "building": true, "parade": true, "embankment": true,
	"green": true, "hill": true, "hills": true, "heath": true, "common": true, "vale": true,
	"valley": true, "bay": true, "beach": true, "island": true, "islands": true, "mountains": true, "lake": true,
	"river": true, "peninsula": true, "desert": true, "coast": true, "gulf": true, "strait": true, "canal": true,
	"memorial": true, "monument": true, "castle": true, "market": true, "mall": true, "terminal": true,
	"drive": true, "highway": true, "motorway": true, "way": true, "junction": true, "checkpoint": true,
	"library": true, "museum": true, "theatre": true, "theater": true, "hotel": true, "cinema": true,
}

// areaHeads make a capitalised phrase an administrative area or settlement
// ("Sudurpashchim Province", "New Kru Town", "Pokrovsk district").
var areaHeads = map[string]bool{
	"province": true, "county": true, "district": true, "region": true, "oblast": true, "raion": true,
	"governorate": true, "prefecture": true, "municipality": true, "territory": true, "territories": true,
	"town": true, "village": true, "township": true, "borough": true, "parish": true, "canton": true,
	"emirate": true, "state": false, "city": false,
}

// faiths and groups of belief name people, not entities of their own.
var faiths = map[string]bool{"muslim": true, "muslims": true, "christian": true, "christians": true, "jewish": true,
	"jew": true, "jews": true, "hindu": true, "hindus": true, "sikh": true, "sikhs": true, "buddhist": true,
	"buddhists": true, "catholic": true, "catholics": true, "protestant": true, "protestants": true, "sunni": true,
	"sunnis": true, "shia": true, "shiite": true, "shiites": true, "evangelical": true, "orthodox": true,
	"islamist": true, "islamists": true, "islamic": false}

// nameCase turns "MONROVIA" into "Monrovia".
func nameCase(w string) string {
	if w == "" {
		return w
	}
	lower := strings.ToLower(w)
	r := []rune(lower)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// mediaHeads make an organisation a news outlet.
var mediaHeads = map[string]bool{
	"news": true, "times": true, "post": true, "journal": true, "tribune": true, "herald": true, "gazette": true,
	"telegraph": true, "guardian": true, "chronicle": true, "observer": true, "radio": true, "television": true,
	"tv": true, "press": true, "media": true, "daily": true, "magazine": true, "mail": true, "express": true,
}

// honorifics always precede a person.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true, "lord": true,
	"lady": true, "cllr": true, "councillor": true, "prof": true, "professor": true,
}

// surnameEndings are common endings of Slavic, Caucasian, Turkish and
// Romanian surnames.
var surnameEndings = []string{"enko", "chuk", "czuk", "yuk", "iuk", "ovich", "evich", "ovych", "evych", "ov", "ova",
	"ev", "eva", "sky", "skyy", "skiy", "skyi", "ski", "ska", "vich", "escu", "oglu", "oğlu", "yan", "adze", "shvili", "dze"}

// classify types a capitalised piece from its own words. It returns "" when
// the words alone cannot tell, for coreference to decide.
func (r *Recognizer) classify(d *doc, parts []int, text string) (string, string) {
	if !strings.Contains(text, " ") && r.lex.NotEntities[lexicon.Fold(stripPossessive(text))] {
		return skip, ""
	}
	if o, ok := r.lex.Org(text); ok {
		if o.Type == "MEDIA" {
			return document.Media, o.Name
		}
		return document.Org, o.Name
	}
	// nationalities and faiths first: "Spanish" is not the town in Ontario
	if !strings.Contains(text, " ") {
		if faiths[strings.ToLower(stripPossessive(text))] {
			return document.NORP, ""
		}
		if _, ok := r.places.Demonym(text); ok {
			return document.NORP, ""
		}
		if regionalAdjective([]string{text}) {
			return document.NORP, ""
		}
	}
	switch r.placeKind(d, parts, text) {
	case "country", "admin", "city":
		return document.GPE, ""
	case "region", "continent", "water":
		return document.Loc, ""
	case "landmark":
		return document.Fac, ""
	}
	words := d.words(parts)
	if len(words) == 1 {
		if _, ok := r.places.Demonym(words[0]); ok {
			return document.NORP, ""
		}
		if _, ok := r.places.Demonym(strings.TrimSuffix(words[0], "s")); ok && strings.HasSuffix(words[0], "s") {
			return document.NORP, "" // "Palestinians"
		}
	}
	// a role without a name: "Palestinian Ambassador", "Defence Minister";
	// but "Bebe King" is a girl
	if (r.lex.Title(words[len(words)-1]) || len(words) >= 2 && r.lex.Title(strings.Join(words[len(words)-2:], " "))) &&
		!r.lex.GivenName(words[0]) {
		return skip, ""
	}
	last := lexicon.Fold(words[len(words)-1])
	first := lexicon.Fold(words[0])
	if len(words) > 1 && facilityHeads[last] {
		return document.Fac, ""
	}
	if len(words) > 1 && areaHeads[last] {
		return document.GPE, ""
	}
	if r.orgHeads[last] || len(words) > 2 && r.orgHeads[first] && strings.EqualFold(words[1], "of") {
		if mediaHeads[last] {
			return document.Media, ""
		}
		if len(words) == 1 {
			return "", "" // "Ministry" alone: a nominal, not a name
		}
		return document.Org, ""
	}
	// a well-known organisation's name after a place or a qualifier: a
	// national branch, "Kenya Red Cross", "Sudanese Red Crescent"
	for i := 1; i < len(words) && len(words) <= 6; i++ {
		if o, ok := r.lex.Org(strings.Join(words[i:], " ")); ok && (len(words)-i >= 2 || r.placeKind(d, nil, words[i-1]) != "") {
			if o.Type == "MEDIA" {
				return document.Media, ""
			}
			return document.Org, ""
		}
	}
	if len(words) == 1 && isAcronym(words[0]) {
		// a shouted place name ("MONROVIA —" in a dateline) is a place
		if len(words[0]) >= 4 {
			if k := r.placeKind(d, parts, nameCase(words[0])); k == "city" || k == "country" || k == "admin" {
				return document.GPE, ""
			}
		}
		return document.Org, ""
	}
	if len(words) >= 2 {
		// "Royal College of GPs", "Police and Crime": joined by "of" or
		// "and", a name is an organisation's
		for _, w := range words[1 : len(words)-1] {
			if lw := strings.ToLower(w); lw == "of" || lw == "and" || lw == "&" || lw == "for" || lw == "the" {
				return document.Org, ""
			}
		}
		// a place's name before other words: "Plymouth Citibus",
		// "Tamworth Soroptimists", "Kyiv Independent"
		// ... when the rest reads as a plural or an organisation word, not a
		// surname ("Pilar Bernabé")
		if k, pop := r.place(d, words[0]); (k == "country" || k == "admin" || k == "city" && pop >= 50000) &&
			!r.lex.GivenName(words[0]) && len(words) == 2 && strings.HasSuffix(words[1], "s") {
			return document.Org, ""
		}
		// "Eastern European", "South African": a nationality
		if _, ok := r.places.Demonym(text); ok || regionalAdjective(words) {
			return document.NORP, ""
		}
		if _, ok := r.places.Demonym(words[len(words)-1]); ok {
			return document.NORP, ""
		}
		if _, ok := r.places.Demonym(words[0]); ok && !r.lex.GivenName(words[0]) {
			return document.Org, ""
		}
		if r.lex.GivenName(words[0]) || isInitial(words[0]) || hasSurnameEnding(words[len(words)-1]) {
			return document.Person, ""
		}
		for _, w := range words[1 : len(words)-1] {
			if r.lex.FunctionWords[lexicon.Fold(w)] && !connectors[strings.ToLower(w)] {
				return document.Org, "" // "Stand Up To Racism"
			}
		}
		if len(words) <= 4 && !anyAcronym(words) {
			return document.Person, ""
		}
		return document.Org, ""
	}
	return "", ""
}

// regionalAdjective: "Eastern European", "Middle Eastern", "Sub-Saharan
// African" — adjectives of a region, not names.
func regionalAdjective(words []string) bool {
	for _, w := range words {
		if !regionalAdjectives[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

var regionalAdjectives = map[string]bool{"european": true, "african": true, "asian": true, "american": true,
	"arab": true, "nordic": true, "baltic": true, "balkan": true, "caribbean": true, "latin": true, "eastern": true,
	"western": true, "northern": true, "southern": true, "central": true, "middle": true, "pacific": true,
	"atlantic": true, "mediterranean": true, "scandinavian": true, "sub-saharan": true, "gulf": true}

// words are the tokens of a piece, without connectors' case changed.
func (d *doc) words(parts []int) []string {
	out := make([]string, 0, len(parts))
	for i, ti := range parts {
		w := d.tok(ti)
		if w == "." {
			continue
		}
		if i == len(parts)-1 {
			w = stripPossessive(w)
		}
		out = append(out, w)
	}
	return out
}

// isAcronym: two to eight capitals, maybe with dots or digits ("UNHCR",
// "U.N.", "G7").
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || unicode.IsDigit(r) || r == '&' || r == '-':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 8
}

func anyAcronym(words []string) bool {
	for _, w := range words {
		if isAcronym(w) {
			return true
		}
	}
	return false
}

func isInitial(w string) bool {
	rs := []rune(strings.TrimSuffix(w, "."))
	return len(rs) == 1 && unicode.IsUpper(rs[0])
}

func hasSurnameEnding(w string) bool {
	lw := strings.ToLower(w)
	if len(lw) < 5 {
		return false
	}
	for _, e := range surnameEndings {
		if strings.HasSuffix(lw, e) {
			return true
		}
	}
	return false
}

// titleBefore returns the lower-case title words just before token ti
// ("Pentagon spokesman John Kirby" -> "spokesman").
func (r *Recognizer) titleBefore(d *doc, ti int) string {
	if ti == 0 || !spaced(d, ti-1, ti) {
		return ""
	}
	best := ""
	for n := 1; n <= 3 && ti-n >= 0; n++ {
		k := ti - n
		if d.toks[k].Kind != tokens.Word || (n > 1 && !spaced(d, k, k+1)) {
			break
		}
		ws := make([]string, 0, n)
		for x := k; x < ti; x++ {
			ws = append(ws, d.tok(x))
		}
		if r.lex.Title(strings.Join(ws, " ")) {
			best = strings.Join(ws, " ")
		}
	}
	return best
}

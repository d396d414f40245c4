package entities

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/tokens"
)

// minBarePopulation is the population from which a town's name alone, with
// no "in" or ", Country" around it, is taken for the town: the gazetteer
// holds hamlets called Police, Be and Hero.
const minBarePopulation = 15000

// placePrepositions introduce a place ("in Huaylillas", "village of X").
var placePrepositions = map[string]bool{"in": true, "near": true, "outside": true}

var settlementNouns = map[string]bool{
	"village": true, "town": true, "city": true, "district": true, "province": true, "region": true,
	"settlement": true, "municipality": true, "suburb": true, "hamlet": true, "port": true, "capital": true,
}

// placeKind is what a piece denotes as a place, after the checks that keep
// common words, first names and hamlets from becoming places. d may be nil
// when there is no context.
func (r *Recognizer) placeKind(d *doc, parts []int, text string) string {
	return r.placeKindWith(d, d, parts, text)
}

// placeKindWith is placeKind with the gazetteer's answers kept in memo,
// which may be a text whose context ctx is not to be read (ctx nil).
func (r *Recognizer) placeKindWith(memo, d *doc, parts []int, text string) string {
	kind, pop := r.place(memo, text)
	single := !strings.Contains(strings.TrimSpace(text), " ")
	if single && kind != "country" && directionWords[strings.ToLower(text)] {
		return "" // "Western partners", "Central" alone
	}
	if single && (kind == "admin" || kind == "admin2") && d != nil && d.lower[strings.ToLower(text)] {
		return ""
	}
	if kind != "city" {
		return kind
	}
	if isAcronym(text) {
		return "" // "CAAN" is an agency before it is a hamlet
	}
	if strings.Contains(strings.TrimSpace(text), " ") {
		return kind
	}
	if d != nil && d.lower[strings.ToLower(text)] {
		return "" // the text uses the word as a common noun
	}
	if r.lex.GivenName(text) && pop < 200000 {
		return "" // "Taylor", "Florence": a person's name first
	}
	if d != nil && placeContext(d, parts) {
		return kind
	}
	// a capitalised first word of a sentence needs a big town behind it,
	// and a very big one when it is only another name of the town: "Human
	// rights groups said" is not about Uman
	if d != nil && len(parts) > 0 && d.sentenceStart(parts[0]) {
		if pop < 100000 {
			return ""
		}
		if mn, ok := r.places.(interface{ IsMainName(string) bool }); ok && pop < 1000000 && !mn.IsMainName(text) {
			return ""
		}
	}
	if pop >= minBarePopulation {
		return kind
	}
	return ""
}

var directionWords = map[string]bool{"western": true, "eastern": true, "northern": true, "southern": true,
	"central": true, "north": true, "south": true, "east": true, "west": true, "upper": true, "lower": true,
	"coast": true, "lakes": true, "capital": true, "islands": true, "northwest": true, "northeast": true,
	"southwest": true, "southeast": true, "greater": true, "middle": true}

// placeContext: a preposition or a settlement noun before the name, or a
// country after it ("Huaylillas, Peru").
func placeContext(d *doc, parts []int) bool {
	if len(parts) == 0 {
		return false
	}
	first, last := parts[0], parts[len(parts)-1]
	if first > 0 && d.toks[first-1].Kind == tokens.Word {
		w := strings.ToLower(d.tok(first - 1))
		if placePrepositions[w] {
			return true
		}
		if w == "of" && first > 1 && settlementNouns[strings.ToLower(d.tok(first-2))] {
			return true
		}
	}
	return last+2 < len(d.toks) && d.tok(last+1) == "," && d.toks[last+2].Kind == tokens.Word && hasLetterUpper(d.tok(last+2))
}

// locativeBefore: the word before the token at byte offset start says
// where: "in", "at", "near", "from", "to", "towards", or "of" after a
// settlement or its people ("residents of").
func locativeBefore(d *doc, start int) bool {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= start })
	if i == 0 || i >= len(d.toks) || d.toks[i].Start != start || d.toks[i-1].Kind != tokens.Word {
		return false
	}
	w := strings.ToLower(d.tok(i - 1))
	var before string
	if i >= 2 && d.toks[i-2].Kind == tokens.Word {
		before = strings.ToLower(d.tok(i - 2))
	}
	switch w {
	case "in", "at", "near", "from", "towards", "toward", "outside", "into":
		return true
	case "to":
		return !notLocativeTo[before]
	case "of":
		return settlementNouns[before] || inhabitants[before]
	}
	return false
}

// notLocativeTo: words before a "to" that is not a destination.
var notLocativeTo = map[string]bool{"according": true, "thanks": true, "due": true, "next": true, "close": true,
	"spoke": true, "speaking": true, "talked": true, "talking": true, "wrote": true, "said": true, "told": true,
	"letter": true, "message": true, "married": true, "related": true, "loyal": true, "adviser": true,
	"advisor": true, "aide": true, "son": true, "daughter": true, "wife": true, "husband": true, "reply": true,
	"answer": true, "similar": true, "compared": true, "belonging": true, "sent": true, "gave": true}

// inhabitants: "residents of Hola".
var inhabitants = map[string]bool{"residents": true, "people": true, "villagers": true, "inhabitants": true,
	"outskirts": true, "centre": true, "center": true, "streets": true}

// known: a name in the lexicon or the gazetteer. memo, when not nil,
// keeps the gazetteer's answers for its text.
func (r *Recognizer) known(memo *doc, name string) bool {
	if _, ok := r.lex.Org(name); ok {
		return true
	}
	return r.placeKindWith(memo, nil, nil, name) != ""
}

// placeInfo is a gazetteer answer, kept for the rest of a text.
type placeInfo struct {
	kind string
	pop  int64
}

// place asks the gazetteer what a name denotes, once per text.
func (r *Recognizer) place(d *doc, name string) (string, int64) {
	if d == nil {
		return r.places.Place(name)
	}
	if pi, ok := d.placeMemo[name]; ok {
		return pi.kind, pi.pop
	}
	k, p := r.places.Place(name)
	if d.placeMemo == nil {
		d.placeMemo = map[string]placeInfo{}
	}
	d.placeMemo[name] = placeInfo{k, p}
	return k, p
}

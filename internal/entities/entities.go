// Package entities finds the people, organisations and places an article
// names, types them (PERSON, ORG, MEDIA, GPE, LOC, FAC, NORP), records the
// titles and affiliations that come with them, and resolves in-document
// coreference: surnames, initials, transliteration variants, acronyms and
// nominal mentions ("the ministry") join the entity they refer to.
//
// It is rule-based: capitalised chunks found by the tokenizer are split at
// titles and typed by lexicons (given names, titles, organisation heads,
// well-known organisations), a gazetteer and the context around them.
package entities

import (
	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/tokens"
)

// Places is what this stage needs to know of geography.
type Places interface {
	// Place tells what a name most likely denotes: its kind ("country",
	// "admin", "city", "region", "water", "continent", "landmark", or ""
	// when it names no place) and, for a populated place, its population.
	Place(name string) (kind string, population int64)
	// Demonym returns the country code of a nationality adjective
	// ("Ukrainian" -> "UA").
	Demonym(adj string) (string, bool)
	// CountryCode returns the code of a country's name ("Ukraine" -> "UA").
	CountryCode(name string) (string, bool)
	// Key is the identity of the place a name most likely denotes ("US"
	// and "United States" share one), or "" for no place.
	Key(name string) string
}

// Recognizer finds entities. It is safe for concurrent use.
type Recognizer struct {
	lex    *lexicon.Lexicon
	places Places
	// orgHeads is the lexicon's organisation head words with this
	// package's own (moreOrgHeads).
	orgHeads map[string]bool
}

// moreOrgHeads are head words of organisations' names beyond the shared
// lexicon's: "Citizens' Energy Forum", "Campaign for Clean Air".
var moreOrgHeads = []string{"forum", "caucus", "initiative", "campaign", "mission", "observatory", "platform",
	"collective", "consortium", "syndicate", "cooperative", "co-operative", "bloc", "taskforce", "unions"}

// New returns a recognizer using the shared lexicon and the given places.
func New(places Places) *Recognizer {
	if places == nil {
		places = noPlaces{}
	}
	lex := lexicon.Load()
	heads := make(map[string]bool, len(lex.OrgHeads)+len(moreOrgHeads))
	for w, ok := range lex.OrgHeads {
		heads[w] = ok
	}
	for _, w := range moreOrgHeads {
		heads[w] = true
	}
	return &Recognizer{lex: lex, places: places, orgHeads: heads}
}

type noPlaces struct{}

func (noPlaces) Place(string) (string, int64)      { return "", 0 }
func (noPlaces) Demonym(string) (string, bool)     { return "", false }
func (noPlaces) CountryCode(string) (string, bool) { return "", false }
func (noPlaces) Key(string) string                 { return "" }

// Recognize returns the entities of text, with mentions in byte offsets of
// text. heads are headline and standfirst: their entities count, but their
// mentions have no offsets in text and are kept as aliases only.
func (r *Recognizer) Recognize(text string, heads ...string) []document.Entity {
	return r.RecognizeSplit(text, nil, heads...)
}

// RecognizeSplit is Recognize on a text already split into tokens and
// sentences (nil: split it here).
func (r *Recognizer) RecognizeSplit(text string, sp *tokens.Split, heads ...string) []document.Entity {
	d := r.analyse(text, true, sp)
	for _, h := range heads {
		if h != "" {
			hd := r.analyse(h, false, nil)
			d.mentions = append(d.mentions, hd.mentions...)
		}
	}
	return r.resolve(d, text)
}

// doc is the working state of one text.
type doc struct {
	text     string
	toks     []tokens.Token
	sents    []tokens.Sentence
	mentions []*mention
	inBody   bool
	// lower holds the words the text writes in lower case somewhere.
	lower map[string]bool
	// placeMemo keeps the gazetteer's answers for this text.
	placeMemo map[string]placeInfo
}

// mention is one candidate span before coreference.
type mention struct {
	start, end int
	text       string
	typ        string // document entity type, or "" while unknown
	canonical  string // lexicon canonical name, when known
	title      string // a title standing before the name
	affil      string // what the title's bearer serves: a country code or an organisation
	inBody     bool   // offsets point into the body text
	initial    bool   // at the start of a sentence
	nominal    string // for "the ministry": the head word to resolve
	owner      string // the country an organisation belongs to: "Ukraine's Defense Ministry" -> UA
	core       string // the organisation's name without its owner, folded
	entity     int    // index of the entity it joined, -1 before
}

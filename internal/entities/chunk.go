package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/tokens"
)

// connectors may stand inside a name between capitalised words.
var connectors = map[string]bool{
	"of": true, "the": true, "de": true, "del": true, "della": true, "da": true, "do": true, "dos": true, "das": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "du": true, "bin": true, "ibn": true,
	"al": true, "el": true, "and": true, "&": true, "for": true, "on": true, "upon": true, "y": true, "di": true,
}

// hyphenSuffixes make a capitalised compound an adjective, not a name:
// "Russian-backed", "Kremlin-installed".
var hyphenSuffixes = map[string]bool{
	"backed": true, "supported": true, "installed": true, "led": true, "based": true, "born": true, "owned": true,
	"controlled": true, "occupied": true, "held": true, "run": true, "linked": true, "allied": true, "aligned": true,
	"style": true, "era": true, "themed": true, "inspired": true, "related": true, "focused": true, "made": true, "funded": true, "affiliated": true, "appointed": true, "friendly": true,
	"speaking": true, "bound": true, "wide": true, "like": true, "american": false, "type": true, "class": true,
}

func (r *Recognizer) analyse(text string, inBody bool, sp *tokens.Split) *doc {
	d := &doc{text: text, inBody: inBody}
	sp = tokens.Of(sp, text)
	d.toks, d.sents = sp.Tokens, sp.Sentences
	d.lower = map[string]bool{}
	for _, t := range d.toks {
		if w := t.Text(text); t.Kind == tokens.Word && !hasLetterUpper(w) {
			d.lower[w] = true
		}
	}
	for _, s := range d.sents {
		r.chunkSentence(d, s)
	}
	r.findNominals(d)
	r.setOwners(d)
	return d
}

func (d *doc) tok(i int) string { return d.toks[i].Text(d.text) }

// sentenceStart reports a token that opens its sentence (after opening
// quotes or brackets).
func (d *doc) sentenceStart(ti int) bool {
	for _, s := range d.sents {
		if ti >= s.First && ti < s.Last {
			return startsAfterOpener(d, s, ti)
		}
	}
	return false
}

// nameToken: a word that can be part of a name.
func (r *Recognizer) nameToken(w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) {
		lw := strings.ToLower(w)
		return strings.HasPrefix(lw, "al-") || strings.HasPrefix(lw, "el-") || strings.HasPrefix(lw, "ad-")
	}
	if i := strings.LastIndexAny(w, "-"); i > 0 {
		if hyphenSuffixes[strings.ToLower(w[i+1:])] {
			return false
		}
	}
	core := stripPossessive(w)
	if r.lex.Calendar[lexicon.Fold(core)] || honours[lexicon.Fold(core)] {
		return false
	}
	if core == "I" || strings.HasPrefix(core, "I'") || strings.HasPrefix(core, "I’") {
		return false // "I", "I'm", "I've"
	}
	return true
}

// pluralPossessiveInName: "National Police Chiefs' Council" — a plural
// possessive followed by an organisation head stays inside the name.
func (r *Recognizer) pluralPossessiveInName(d *doc, j, last int) bool {
	w := d.tok(j)
	if !(strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")) || j+1 >= last {
		return false
	}
	return r.orgHeads[lexicon.Fold(d.tok(j+1))] && spaced(d, j, j+1)
}

// lowerAreaWords are the division words news writes in lower case after a
// place's name.
var lowerAreaWords = map[string]bool{"district": true, "region": true, "province": true, "oblast": true,
	"raion": true, "governorate": true, "county": true, "prefecture": true, "municipality": true}

// honours follow a name and end it: "Afrasiab Anwar MBE", "Luke Pollard MP".
var honours = map[string]bool{"mbe": true, "obe": true, "cbe": true, "kbe": true, "dbe": true, "kc": true, "qc": true,
	"mp": true, "mep": true, "msp": true, "ms": true, "phd": true, "jr": true, "sr": true}

// stripPossessive drops a final 's or ’s.
func stripPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func possessive(w string) bool { return stripPossessive(w) != w }

// chunkSentence collects runs of name tokens and hands each to segment.
func (r *Recognizer) chunkSentence(d *doc, s tokens.Sentence) {
	i := s.First
	for i < s.Last {
		if d.toks[i].Kind != tokens.Word || !r.nameToken(d.tok(i)) {
			i++
			continue
		}
		parts := []int{i} // token indexes of the chunk, connectors included
		j := i
		for !possessive(d.tok(j)) || r.pluralPossessiveInName(d, j, s.Last) {
			next := j + 1
			// an initial: "V." before a name
			if next < s.Last && d.tok(next) == "." && utf8.RuneCountInString(d.tok(j)) == 1 && adjacent(d, j, next) {
				if next+1 < s.Last && d.toks[next+1].Kind == tokens.Word && r.nameToken(d.tok(next+1)) && spaced(d, next, next+1) {
					parts = append(parts, next, next+1)
					j = next + 1
					continue
				}
				break
			}
			// "Chiefs’ Council": a detached plural apostrophe before a head
			if next+1 < s.Last && (d.tok(next) == "’" || d.tok(next) == "'") && adjacent(d, j, next) &&
				strings.HasSuffix(d.tok(j), "s") && r.orgHeads[lexicon.Fold(d.tok(next+1))] && spaced(d, next, next+1) {
				parts = append(parts, next+1)
				j = next + 1
				continue
			}
			if next < s.Last && d.toks[next].Kind == tokens.Word && r.nameToken(d.tok(next)) && spaced(d, j, next) {
				parts = append(parts, next)
				j = next
				continue
			}
			// connectors: "Ministry of Internal Affairs", "Ursula von der Leyen"
			k := next
			for k < s.Last && k < next+2 && d.toks[k].Kind != tokens.Punct && connectors[strings.ToLower(d.tok(k))] && spaced(d, k-1, k) {
				k++
			}
			if k > next && k < s.Last && d.toks[k].Kind == tokens.Word && r.nameToken(d.tok(k)) && spaced(d, k-1, k) {
				for x := next; x <= k; x++ {
					parts = append(parts, x)
				}
				j = k
				continue
			}
			break
		}
		// "Shevchenko district", "the Luhansk region": a lower-case division
		// word after a name belongs to the place's name
		if !possessive(d.tok(j)) && j+1 < s.Last && lowerAreaWords[d.tok(j+1)] && spaced(d, j, j+1) {
			if _, demonym := r.places.Demonym(d.span(parts)); !demonym {
				parts = append(parts, j+1)
				j++
			}
		}
		r.segment(d, s, parts)
		i = j + 1
	}
}

// spaced: two tokens separated by white space on one line.
func spaced(d *doc, a, b int) bool {
	gap := d.text[d.toks[a].End:d.toks[b].Start]
	return gap != "" && strings.TrimSpace(gap) == "" && !strings.Contains(gap, "\n")
}

func adjacent(d *doc, a, b int) bool { return d.toks[a].End == d.toks[b].Start }

package entities

import (
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
)

// appositionMax bounds the role phrase after a name, in bytes.
const appositionMax = 100

// addAppositions reads the role that follows a person's name between commas
// ("John Kirby, Pentagon spokesman, said"; "Filippo Grandi, head of the
// United Nations refugee agency, said") into the entity's titles, and takes
// the organisation or country it names as the affiliation.
func (r *Recognizer) addAppositions(text string, ents []*entity) {
	for _, e := range ents {
		if e.typ != document.Person {
			continue
		}
		for _, m := range e.mentions {
			if !m.inBody {
				continue
			}
			role, start := roleAfter(text, m.end)
			if role == "" || !r.hasTitleWord(role) {
				continue
			}
			if !containsFold(e.titles, role) {
				e.titles = append(e.titles, role)
			}
			if e.affil == "" {
				e.affil = affiliationIn(ents, e, start, start+len(role))
			}
		}
	}
}

// roleAfter returns the phrase between the comma after a name and the next
// comma or full stop, without a leading article, and its offset.
func roleAfter(text string, end int) (string, int) {
	if !strings.HasPrefix(text[end:], ", ") {
		return "", 0
	}
	start := end + 2
	rest := text[start:min(len(text), start+appositionMax)]
	stop := strings.IndexAny(rest, ",.;:\"“”()\n")
	if stop <= 0 {
		return "", 0
	}
	role := rest[:stop]
	for _, art := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(role, art) {
			role = role[len(art):]
			start += len(art)
		}
	}
	// "X, 45, said": an age is no role; "X, who ..." is a clause
	if role == "" || role[0] >= '0' && role[0] <= '9' || strings.HasPrefix(role, "who ") || strings.HasPrefix(role, "which ") {
		return "", 0
	}
	return role, start
}

func (r *Recognizer) hasTitleWord(role string) bool {
	words := strings.Fields(role)
	if len(words) > 12 {
		return false
	}
	for i := range words {
		for n := 1; n <= 3 && i+n <= len(words); n++ {
			if r.lex.Title(strings.Join(words[i:i+n], " ")) && !r.lex.FunctionWords[lexicon.Fold(words[i])] {
				return true
			}
		}
	}
	return false
}

// affiliationIn names the first organisation or place mentioned inside the
// role phrase.
func affiliationIn(ents []*entity, self *entity, start, end int) string {
	best, at := "", end
	for _, e := range ents {
		if e == self || e.typ == document.Person {
			continue
		}
		for _, m := range e.mentions {
			if m.inBody && m.start >= start && m.end <= end && m.start < at {
				best, at = m.text, m.start
			}
		}
	}
	return best
}

package entities

import (
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
)

// setOwners reads which country each organisation mention belongs to and
// the organisation's name without it: "Ukraine's Defense Ministry",
// "Russian Defense Ministry", "Civil Aviation Authority of Nepal" and
// "Nepal's civil aviation authority". Mentions of one state body then join,
// and those of two countries' ministries stay apart.
func (r *Recognizer) setOwners(d *doc) {
	byEnd := map[int]*mention{}
	for _, m := range d.mentions {
		if m.typ == document.GPE {
			byEnd[m.end] = m
		}
	}
	for _, m := range d.mentions {
		if m.typ != document.Org || m.nominal != "" {
			continue
		}
		text := m.text
		// "<Country>'s <name>": the possessive may be inside the mention
		// (a lower-case description) or just before it
		if i := possessiveCut(text); i > 0 {
			if code, ok := r.places.CountryCode(text[:i]); ok {
				m.owner, m.core = code, lexicon.Fold(strings.TrimLeft(text[i:], "'’s "))
				continue
			}
		}
		if owned := r.ownerBefore(d, byEnd, m); owned {
			continue
		}
		words := strings.Fields(text)
		if len(words) > 1 {
			if code, ok := r.places.Demonym(words[0]); ok {
				m.owner, m.core = code, lexicon.Fold(strings.Join(words[1:], " "))
				continue
			}
		}
		if i := strings.LastIndex(text, " of "); i > 0 {
			if code, ok := r.places.CountryCode(strings.TrimPrefix(text[i+4:], "the ")); ok {
				m.owner, m.core = code, lexicon.Fold(text[:i])
				continue
			}
		}
		if r.orgHeads[lastWord(lexicon.Fold(text))] {
			m.core = lexicon.Fold(text)
		}
	}
}

// ownerBefore reads a country's possessive just before the mention
// ("Russia’s Defense Ministry") and takes it into the mention.
func (r *Recognizer) ownerBefore(d *doc, byEnd map[int]*mention, m *mention) bool {
	for _, gap := range []string{"'s ", "’s "} {
		p := byEnd[m.start-len(gap)]
		if p == nil || m.start < len(gap) || d.text[p.end:m.start] != gap {
			continue
		}
		if code, ok := r.places.CountryCode(p.text); ok {
			m.owner, m.core = code, lexicon.Fold(m.text)
			m.start = p.start
			m.text = d.text[m.start:m.end]
			return true
		}
	}
	return false
}

// possessiveCut returns the index of "'s " in "Ukraine's interior ministry".
func possessiveCut(s string) int {
	for _, p := range []string{"'s ", "’s "} {
		if i := strings.Index(s, p); i > 0 {
			return i
		}
	}
	return -1
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

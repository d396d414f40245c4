package entities

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/tokens"
)

// nominalHeads are the organisation words that news writes in lower case
// ("the interior ministry", "Nepal's civil aviation authority") and uses
// alone to refer back ("the ministry", "the commission").
var nominalHeads = map[string]bool{
	"ministry": true, "authority": true, "agency": true, "service": true, "commission": true, "council": true,
	"court": true, "committee": true, "federation": true, "union": true, "college": true, "association": true,
	"office": true, "department": true, "directorate": true, "bureau": true, "tribunal": true, "inspectorate": true,
	"alliance": true, "bloc": true, "organisation": true, "organization": true, "airline": true, "company": true,
}

// officialHeads are the heads of state bodies that "the <adjective> <head>"
// names unambiguously.
var officialHeads = map[string]bool{
	"ministry": true, "authority": true, "agency": true, "service": true, "commission": true, "council": true,
	"court": true, "committee": true, "department": true, "directorate": true, "bureau": true, "inspectorate": true,
}

// findNominals finds lower-case organisation descriptions and back
// references, and extends a capitalised name that a description continues
// ("United Nations refugee agency").
func (r *Recognizer) findNominals(d *doc) {
	byEnd := map[int]*mention{}
	for _, m := range d.mentions {
		byEnd[m.end] = m
	}
	for h := 1; h < len(d.toks); h++ {
		hw := d.tok(h)
		if d.toks[h].Kind != tokens.Word || !nominalHeads[hw] {
			continue
		}
		// modifiers: up to three lower-case words before the head
		k := h
		for k-1 >= 0 && h-k < 3 && d.toks[k-1].Kind == tokens.Word && spaced(d, k-1, k) && isLowerWord(d.tok(k-1)) &&
			!r.lex.FunctionWords[d.tok(k-1)] && !nominalHeads[d.tok(k-1)] {
			k--
		}
		mods := h - k
		if k == 0 || !spaced(d, k-1, k) && mods > 0 {
			continue
		}
		prev := k - 1
		pw := d.tok(prev)
		switch {
		case strings.EqualFold(pw, "the") && mods == 0:
			// "the ministry": a back reference
			d.mentions = append(d.mentions, &mention{start: d.toks[h].Start, end: d.toks[h].End, text: hw,
				nominal: hw, inBody: d.inBody, entity: -1})
		case strings.EqualFold(pw, "the"):
			// "the interior ministry"; but "the humanitarian organisation"
			// is a description of anything
			if officialHeads[hw] {
				r.addDescription(d, k, h, nil)
			}
		case possessive(pw) && hasLetterUpper(pw):
			// "Ukraine's interior ministry", "Nepal's civil aviation authority"
			if mods == 0 {
				continue
			}
			r.addDescription(d, prev, h, nil)
		case hasLetterUpper(pw) && mods > 0:
			if _, ok := r.places.Demonym(pw); ok {
				r.addDescription(d, prev, h, nil) // "Ukrainian interior ministry"
				continue
			}
			// "United Nations refugee agency": the name continues
			if inner := byEnd[d.toks[prev].End]; inner != nil && (inner.typ == document.Org || inner.typ == "") {
				r.addDescription(d, -1, h, inner)
			}
		}
	}
	sort.SliceStable(d.mentions, func(i, j int) bool { return d.mentions[i].start < d.mentions[j].start })
}

// addDescription records the organisation description from token a to the
// head h, or extends inner to h.
func (r *Recognizer) addDescription(d *doc, a, h int, inner *mention) {
	if inner != nil {
		inner.end = d.toks[h].End
		inner.text = d.text[inner.start:inner.end]
		inner.typ = document.Org
		inner.canonical = ""
		if o, ok := r.lex.Org(inner.text); ok {
			inner.canonical = o.Name
		}
		return
	}
	start := d.toks[a].Start
	m := &mention{start: start, end: d.toks[h].End, typ: document.Org, inBody: d.inBody, entity: -1}
	m.text = d.text[m.start:m.end]
	if o, ok := r.lex.Org(m.text); ok {
		m.canonical = o.Name
	}
	d.mentions = append(d.mentions, m)
}

func isLowerWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return lexicon.Fold(w) == w
}

package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/tokens"
)

// splitWords end a name unless the name is an organisation's ("Devon and
// Cornwall Police", "Committee on Foreign Relations").
var splitWords = map[string]bool{"and": true, "&": true, "on": true, "for": true, "upon": true, "y": true}

// segment turns one capitalised chunk into mentions: it splits off titles,
// leading function words and coordinated names, and types each piece.
func (r *Recognizer) segment(d *doc, s tokens.Sentence, parts []int) {
	// Coordination: "Russia and Ukraine" and "Israel and the Palestinian
	// Authority" are two names; "Devon and Cornwall Police", "UN Relief and
	// Works Agency" and "Police Federation of England and Wales" are one.
	if r.known(d, d.span(trimConnectors(d, parts))) {
		r.piece(d, s, parts)
		return
	}
	start := 0
	for k := 0; k < len(parts); k++ {
		if !splitWords[strings.ToLower(d.tok(parts[k]))] {
			continue
		}
		left, right := trimConnectors(d, parts[start:k]), trimConnectors(d, parts[k+1:])
		if len(left) == 0 || len(right) == 0 {
			continue
		}
		switch {
		case r.orgish(d, left) && hasWord(d, left, "of", "for"):
			continue // "... of England and Wales" goes on
		case r.sharedHead(d, left, right):
			continue // "Devon and Cornwall Police": two places, one force
		case r.known(d, d.span(left)) || r.known(d, d.span(right)):
		case r.orgish(d, parts[start:]):
			continue
		}
		r.piece(d, s, parts[start:k])
		start = k + 1
	}
	r.piece(d, s, parts[start:])
}

// clubWords end the names of sports clubs, which coordination names one by
// one ("Newcastle and Manchester United").
var clubWords = map[string]bool{"united": true, "city": true, "rovers": true, "athletic": true, "fc": true,
	"wanderers": true, "albion": true, "town": true, "county": true}

// sharedHead: "<Place> and <Place> <Head>", where the head serves both.
func (r *Recognizer) sharedHead(d *doc, left, right []int) bool {
	if len(left) != 1 || len(right) != 2 {
		return false
	}
	head := lexicon.Fold(stripPossessive(d.tok(right[1])))
	if !r.orgHeads[head] || clubWords[head] || r.known(d, d.span(right)) {
		return false
	}
	lk, _ := r.place(d, d.tok(left[0]))
	rk, _ := r.place(d, d.tok(right[0]))
	return lk != "" && rk != "" && lk != "country"
}

func hasWord(d *doc, parts []int, words ...string) bool {
	for _, ti := range parts {
		for _, w := range words {
			if strings.EqualFold(d.tok(ti), w) {
				return true
			}
		}
	}
	return false
}

// orgish: the chunk holds an organisation head word ("Police Federation of
// England and Wales", "Department of International Relations and
// Cooperation").
func (r *Recognizer) orgish(d *doc, parts []int) bool {
	for _, ti := range parts {
		if r.orgHeads[lexicon.Fold(stripPossessive(d.tok(ti)))] {
			return true
		}
	}
	return false
}

// piece handles one name-like run of tokens.
func (r *Recognizer) piece(d *doc, s tokens.Sentence, parts []int) {
	parts = trimConnectors(d, parts)
	if len(parts) == 0 {
		return
	}
	initial := parts[0] == s.First || startsAfterOpener(d, s, parts[0])
	// Leading function words ("The", "In", "But") belong to the sentence,
	// not the name, unless the whole is a known name ("The Hague").
	for len(parts) > 1 && r.lex.FunctionWords[lexicon.Fold(d.tok(parts[0]))] && !r.known(d, d.span(parts)) {
		parts = trimConnectors(d, parts[1:])
		initial = false
		if len(parts) == 0 {
			return
		}
	}
	if len(parts) == 1 && r.lex.FunctionWords[lexicon.Fold(stripPossessive(d.tok(parts[0])))] {
		return
	}
	// A capitalised first word that the text also uses in lower case, or
	// that stands before a name we know, is the sentence's, not the name's:
	// "Crowds of Muslim ...", "Mountainous Nepal".
	if initial && len(parts) > 1 && !r.lex.GivenName(d.tok(parts[0])) && !r.known(d, d.span(parts)) {
		w := d.tok(parts[0])
		if d.lower[strings.ToLower(w)] || r.known(d, d.span(trimConnectors(d, parts[1:]))) {
			parts = trimConnectors(d, parts[1:])
			initial = false
			if len(parts) == 0 {
				return
			}
		}
	}
	// Titles inside the chunk: "European Commission President Ursula von
	// der Leyen" -> ORG, title, PERSON.
	for k := 0; k < len(parts); k++ {
		m := r.titleAt(d, parts, k)
		if m == 0 || k+m >= len(parts) {
			continue
		}
		rest := parts[k+m:]
		affil := ""
		// "President of Ukraine V. Zelensky"
		if lw := strings.ToLower(d.tok(rest[0])); (lw == "of" || lw == "for") && len(rest) > 2 {
			for n := len(rest) - 1; n >= 2; n-- {
				if r.placeKind(d, rest[1:n], d.span(rest[1:n])) != "" {
					affil = d.span(rest[1:n])
					r.emit(d, rest[1:n], false, "", "")
					rest = rest[n:]
					break
				}
			}
		}
		rest = trimConnectors(d, rest)
		if len(rest) == 0 || !r.nameToken(d.tok(rest[0])) {
			continue
		}
		// "General Civil Aviation Authority", "UN General Assembly": what
		// follows the title-like word is no person.
		if typ, _ := r.classify(d, rest, d.span(rest)); typ != "" && typ != document.Person ||
			len(rest) == 1 && r.orgHeads[lexicon.Fold(stripPossessive(d.tok(rest[0])))] {
			continue
		}
		// "Leader of Burnley Council Afrasiab Anwar": the organisation the
		// title serves stands between the title and the name.
		if org, person := r.splitAtOrgHead(d, rest); len(org) > 0 {
			affil = d.span(org)
			r.emit(d, org, false, "", "")
			rest = person
		}
		if k > 0 {
			left := trimConnectors(d, parts[:k])
			if len(left) > 0 {
				affil = d.span(left)
				r.emit(d, left, initial, "", "")
			}
		}
		title := d.span(parts[k : k+m])
		r.emitPerson(d, rest, title, affil)
		return
	}
	r.emit(d, parts, initial, "", "")
}

// splitAtOrgHead splits "Burnley Council Afrasiab Anwar" after the last
// organisation head that a name follows.
func (r *Recognizer) splitAtOrgHead(d *doc, parts []int) (org, person []int) {
	for k := len(parts) - 2; k >= 1; k-- {
		if r.orgHeads[lexicon.Fold(d.tok(parts[k]))] {
			rest := trimConnectors(d, parts[k+1:])
			if len(rest) > 0 && len(rest) <= 4 && !r.orgHeads[lexicon.Fold(d.tok(rest[len(rest)-1]))] {
				return parts[:k+1], rest
			}
			return nil, parts
		}
	}
	return nil, parts
}

// titleAt returns how many tokens of a title start at parts[k], 0 if none.
func (r *Recognizer) titleAt(d *doc, parts []int, k int) int {
	for m := min(r.lex.MaxTitleWords, len(parts)-k); m >= 1; m-- {
		// a title is one run of words: "Foreign Minister", "Lt. Col."
		words := make([]string, 0, m)
		for _, ti := range parts[k : k+m] {
			w := strings.TrimSuffix(d.tok(ti), ".")
			if w == "" {
				continue
			}
			words = append(words, w)
		}
		if r.lex.Title(strings.Join(words, " ")) {
			return m
		}
	}
	return 0
}

// edgeWords may join a name's words but never begin or end one; name
// particles ("von der Leyen", "al-Assad") may begin one.
var edgeWords = map[string]bool{"of": true, "the": true, "and": true, "&": true, "for": true, "on": true, "upon": true, "y": true, ".": true}

func trimConnectors(d *doc, parts []int) []int {
	for len(parts) > 0 && edgeWords[strings.ToLower(d.tok(parts[0]))] {
		parts = parts[1:]
	}
	for len(parts) > 0 && (connectors[strings.ToLower(d.tok(parts[len(parts)-1]))] || d.tok(parts[len(parts)-1]) == ".") {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// startsAfterOpener: the token follows only an opening quote or bracket at
// the start of the sentence, so its capital may be the sentence's.
func startsAfterOpener(d *doc, s tokens.Sentence, ti int) bool {
	for j := s.First; j < ti; j++ {
		if d.toks[j].Kind != tokens.Punct {
			return false
		}
	}
	return true
}

// span is the text from the first to the last token, possessive dropped.
func (d *doc) span(parts []int) string {
	if len(parts) == 0 {
		return ""
	}
	start, end := d.spanOffsets(parts)
	return d.text[start:end]
}

func (d *doc) spanOffsets(parts []int) (int, int) {
	start := d.toks[parts[0]].Start
	last := parts[len(parts)-1]
	w := d.tok(last)
	end := d.toks[last].End - (len(w) - len(stripPossessive(w)))
	return start, end
}

func (r *Recognizer) emitPerson(d *doc, parts []int, title, affil string) {
	start, end := d.spanOffsets(parts)
	d.mentions = append(d.mentions, &mention{start: start, end: end, text: d.text[start:end], typ: document.Person,
		title: title, affil: affil, inBody: d.inBody, entity: -1})
}

// emit types a piece and records it.
func (r *Recognizer) emit(d *doc, parts []int, initial bool, title, affil string) {
	start, end := d.spanOffsets(parts)
	m := &mention{start: start, end: end, text: d.text[start:end], inBody: d.inBody, initial: initial, entity: -1,
		title: title, affil: affil}
	m.typ, m.canonical = r.classify(d, parts, m.text)
	if m.typ == skip {
		return
	}
	if m.typ == "" && !hasLetterUpper(m.text) {
		return
	}
	m.title = r.titleBefore(d, parts[0])
	if m.title != "" {
		words := d.words(parts)
		if honorifics[lexicon.Fold(m.title)] || m.typ == "" || len(words) == 1 && m.typ != document.Org && m.typ != document.Media {
			m.typ = document.Person
		}
	}
	// A lone organisation head ("the Commission", "the College") refers
	// back to an organisation named before.
	if len(parts) == 1 && m.typ == "" && r.orgHeads[lexicon.Fold(m.text)] {
		m.nominal = lexicon.Fold(m.text)
	}
	d.mentions = append(d.mentions, m)
}

func hasLetterUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

package entities

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/lexicon"
)

// entity is one real-world thing while mentions are being joined.
type entity struct {
	typ       string
	canonical string // lexicon name, when known
	owner     string // the country of a state body, when known
	mentions  []*mention
	forms     []string   // distinct mention texts, for matching
	formWords [][]string // the skeletons of each form's words
	formRaw   [][]string // each form's words as written
	keys      map[string]bool
	titles    []string
	affil     string
	last      int // position of the latest mention, for back references
}

// resolve joins mentions into entities and renders them.
func (r *Recognizer) resolve(d *doc, text string) []document.Entity {
	var ents []*entity
	var unknown []*mention
	// index maps the keys of every form to its entities: "f:" folded text,
	// "s:" skeleton, "a:" acronym spelled by a name, "A:" an acronym form.
	index := map[string][]*entity{}
	addKey := func(e *entity, k string) {
		if !e.keys[k] {
			e.keys[k] = true
			index[k] = append(index[k], e)
		}
	}
	join := func(e *entity, m *mention) {
		e.mentions = append(e.mentions, m)
		if e.keys == nil {
			e.keys = map[string]bool{}
		}
		if m.nominal == "" && !e.keys["f:"+lexicon.Fold(m.text)] {
			e.forms = append(e.forms, m.text)
			raw := nameWords(m.text)
			sk := make([]string, len(raw))
			for i, w := range raw {
				sk[i] = skeleton(w)
			}
			e.formRaw = append(e.formRaw, raw)
			e.formWords = append(e.formWords, sk)
			addKey(e, "f:"+lexicon.Fold(m.text))
			addKey(e, "s:"+skeleton(m.text))
			if p := ofPrefix(m.text, r); p != "" {
				addKey(e, "f:"+p)
			}
			if k := r.placeKey(m); k != "" {
				addKey(e, "g:"+k)
			}
			if isAcronym(m.text) {
				addKey(e, "A:"+strings.ReplaceAll(strings.ToUpper(m.text), ".", ""))
			} else if a := acronymOf(m.text); len(a) >= 2 {
				addKey(e, "a:"+a)
			}
		}
		if m.core != "" {
			addKey(e, "o:"+m.core)
			if k := ownedTail(m); k != "" {
				addKey(e, k)
			}
			if e.owner == "" {
				e.owner = m.owner
			}
		}
		if e.canonical == "" && m.canonical != "" {
			e.canonical = m.canonical
			addKey(e, "c:"+m.canonical)
			if o, ok := r.lex.Org(m.canonical); ok {
				for _, a := range o.Aliases {
					addKey(e, "f:"+lexicon.Fold(a))
				}
			}
		}
		if m.inBody && m.start > e.last {
			e.last = m.start
		}
		if m.title != "" && !containsFold(e.titles, m.title) {
			e.titles = append(e.titles, m.title)
		}
		if m.affil != "" && e.affil == "" {
			e.affil = m.affil
		}
	}
	for _, m := range d.mentions {
		if m.nominal != "" {
			if e := latestWithHead(ents, m.nominal, m.start, m.inBody); e != nil {
				join(e, m)
			}
			continue
		}
		if m.typ == "" {
			unknown = append(unknown, m)
			continue
		}
		if e := r.findEntity(ents, index, m, d); e != nil {
			join(e, m)
			continue
		}
		if !m.inBody && m.canonical == "" && m.typ != document.GPE && m.typ != document.Loc {
			// a headline's capitals are not evidence of a name
			unknown = append(unknown, m)
			continue
		}
		e := &entity{typ: m.typ}
		join(e, m)
		ents = append(ents, e)
	}
	// Single words nothing typed: a surname, a first name or an acronym of
	// an entity named in full, or else an organisation named more than once.
	counts := map[string]int{}
	locative := map[string]bool{}
	for _, m := range unknown {
		counts[lexicon.Fold(m.text)]++
		if m.inBody && !strings.Contains(m.text, " ") && locativeBefore(d, m.start) {
			locative[lexicon.Fold(m.text)] = true
		}
	}
	for _, m := range unknown {
		if e := r.findEntity(ents, index, m, d); e != nil {
			join(e, m)
			continue
		}
		// a town the gazetteer knows, after "in", "from", "to" somewhere in
		// the text: "fled from Hola", not a person named Hola
		if m.typ == "" && locative[lexicon.Fold(m.text)] && !r.lex.GivenName(m.text) {
			if k, _ := r.place(d, m.text); k == "city" || k == "admin" {
				m.typ = document.GPE
				e := &entity{typ: m.typ}
				join(e, m)
				ents = append(ents, e)
				continue
			}
		}
		// a capitalised first word or a headline word alone proves nothing
		if m.inBody && m.typ == "" && counts[lexicon.Fold(m.text)] >= 2 && !m.initial {
			m.typ = document.Org
			if r.lex.PersonName(m.text) {
				m.typ = document.Person // "Gallagher" twice: a player, not a club
			}
			e := &entity{typ: m.typ}
			join(e, m)
			ents = append(ents, e)
		}
	}
	r.addAppositions(d.text, ents)
	return render(ents, r)
}

// findEntity returns the entity a mention names, or nil.
func (r *Recognizer) findEntity(ents []*entity, index map[string][]*entity, m *mention, d *doc) *entity {
	key := lexicon.Fold(m.text)
	// an acronym defined in brackets right after a name: "... of Nepal (CAAN)"
	if isAcronym(m.text) && m.start > 2 && m.inBody && strings.HasSuffix(strings.TrimRight(d.text[:m.start], " "), "(") {
		before := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(d.text[:m.start], " "), "("), " ")
		for i := len(ents) - 1; i >= 0 && i >= len(ents)-5; i-- {
			for _, em := range ents[i].mentions {
				if em.inBody && em.end == len(before) {
					return ents[i]
				}
			}
		}
	}
	keys := []string{"f:" + key, "s:" + skeleton(m.text)}
	if k := r.placeKey(m); k != "" {
		keys = append(keys, "g:"+k)
	}
	if p := ofPrefix(m.text, r); p != "" {
		keys = append(keys, "f:"+p)
	}
	if m.core != "" {
		keys = append(keys, "o:"+m.core)
		if k := ownedTail(m); k != "" {
			keys = append(keys, k)
		}
	}
	if m.canonical != "" {
		keys = append(keys, "c:"+m.canonical)
	}
	if isAcronym(m.text) {
		keys = append(keys, "a:"+strings.ReplaceAll(strings.ToUpper(m.text), ".", ""))
	} else if a := acronymOf(m.text); len(a) >= 2 && (m.typ == document.Org || m.typ == document.Media) {
		keys = append(keys, "A:"+a) // a name spelled out after its acronym
	}
	for _, k := range keys {
		list := index[k]
		for i := len(list) - 1; i >= 0; i-- {
			e := list[i]
			if m.owner != "" && e.owner != "" && m.owner != e.owner {
				continue // Russia's ministry is not Ukraine's
			}
			if m.typ == "" || compatible(e.typ, m.typ) {
				return e
			}
		}
	}
	if m.typ == "" || m.typ == document.Person {
		for i := len(ents) - 1; i >= 0; i-- {
			if e := ents[i]; e.typ == document.Person && samePerson(e, m.text) {
				return e
			}
		}
	}
	return nil
}

// placeKey is the gazetteer identity of a place mention, so that "US" and
// "United States", "Britain" and "UK" are one entity.
func (r *Recognizer) placeKey(m *mention) string {
	if m.typ != document.GPE && m.typ != document.Loc {
		return ""
	}
	return r.places.Key(m.text)
}

// ofPrefix is the folded "Police Federation" of "Police Federation of
// England and Wales": an organisation's short name, when it ends in a head.
func ofPrefix(name string, r *Recognizer) string {
	i := strings.Index(name, " of ")
	if i <= 0 {
		return ""
	}
	p := lexicon.Fold(name[:i])
	if !strings.Contains(p, " ") || !r.orgHeads[lastWord(p)] {
		return ""
	}
	return p
}

// ownedTail keys a country's body by its last two words, so that
// "Ukraine's state emergency service" and "Ukraine's emergency service" join.
func ownedTail(m *mention) string {
	if m.owner == "" {
		return ""
	}
	w := strings.Fields(m.core)
	if len(w) < 2 {
		return ""
	}
	return "t:" + m.owner + ":" + strings.Join(w[len(w)-2:], " ")
}

// compatible types may name one thing (an outlet is an organisation).
func compatible(a, b string) bool {
	if a == b {
		return true
	}
	org := func(t string) bool { return t == document.Org || t == document.Media }
	place := func(t string) bool { return t == document.GPE || t == document.Loc || t == document.Fac }
	return org(a) && org(b) || place(a) && place(b)
}

// samePerson: a mention that is a surname, a first name, a surname with an
// initial ("V. Zelensky") or a spelling variant of the entity's name.
func samePerson(e *entity, text string) bool {
	mw := nameWords(text)
	if len(mw) == 0 {
		return false
	}
	ms := make([]string, len(mw))
	for i, w := range mw {
		ms[i] = skeleton(w)
	}
	for fi, ew := range e.formWords {
		if len(ew) < 2 {
			continue
		}
		raw := e.formRaw[fi]
		// "von der Leyen" is the tail of "Ursula von der Leyen"
		if len(ms) < len(ew) && equalWords(ms, ew[len(ew)-len(ms):]) && (len(mw) == 1 || !isInitial(mw[0])) {
			return true
		}
		if len(ms) == 1 && ms[0] == ew[0] {
			return true // a first name
		}
		if len(mw) == 2 && isInitial(mw[0]) && ms[1] == ew[len(ew)-1] && strings.EqualFold(mw[0][:1], raw[0][:1]) {
			return true
		}
		if equalWords(ms, ew) {
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nameWords splits a person's name into words, dots of initials dropped.
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimSuffix(w, ".")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

var skeletonReplacer = strings.NewReplacer("kh", "h", "yy", "y", "iy", "y", "ii", "i", "ij", "i", "j", "i", "w", "v",
	"ph", "f", "'", "", "’", "", "-", " ")

// skeleton folds transliteration variants together: Zelensky/Zelenskyy,
// Podolyak/Podoliak, Mykhailo/Mikhaylo, Kyiv/Kiev stay apart (places are
// the gazetteer's business).
func skeleton(s string) string {
	f := skeletonReplacer.Replace(lexicon.Fold(s))
	var sb strings.Builder
	var prev rune
	for _, r := range f {
		if r == 'y' {
			r = 'i'
		}
		if r == prev {
			continue
		}
		sb.WriteRune(r)
		prev = r
	}
	return sb.String()
}

// acronymOf returns the initials of a name's capitalised words: "Local
// Government Association" -> "LGA".
func acronymOf(name string) string {
	var sb strings.Builder
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, "()'’,.")
		if w == "" || connectors[strings.ToLower(w)] {
			continue
		}
		r := []rune(w)
		if r[0] >= 'A' && r[0] <= 'Z' {
			sb.WriteRune(r[0])
		}
	}
	return sb.String()
}

// latestWithHead finds the organisation most recently named before pos
// whose name holds the head word ("the ministry" -> "interior ministry").
func latestWithHead(ents []*entity, head string, pos int, inBody bool) *entity {
	var best *entity
	bestPos := -1
	for _, e := range ents {
		if e.typ != document.Org && e.typ != document.Media {
			continue
		}
		at := -1
		for _, m := range e.mentions {
			if m.inBody && inBody && m.start < pos && m.start > at && strings.Contains(lexicon.Fold(m.text), head) {
				at = m.start
			}
		}
		if at > bestPos {
			best, bestPos = e, at
		}
	}
	return best
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// render turns entities into the document's form: canonical name the
// fullest form, aliases the other forms, mentions in text order.
func render(ents []*entity, r *Recognizer) []document.Entity {
	out := make([]document.Entity, 0, len(ents))
	for _, e := range ents {
		de := document.Entity{Type: e.typ, Aliases: []string{}, Mentions: []document.Mention{}}
		seen := map[string]bool{}
		best := ""
		for _, m := range e.mentions {
			if m.nominal != "" {
				continue
			}
			if better(m.text, best, e.typ) {
				best = m.text
			}
		}
		if e.canonical != "" {
			best = e.canonical
		}
		if best == "" {
			continue // only back references: nothing named
		}
		de.Name = best
		seen[best] = true
		sort.SliceStable(e.mentions, func(i, j int) bool { return e.mentions[i].start < e.mentions[j].start })
		for _, m := range e.mentions {
			if m.inBody {
				de.Mentions = append(de.Mentions, document.Mention{Start: m.start, End: m.end, Text: m.text})
			}
			if !seen[m.text] && m.nominal == "" {
				seen[m.text] = true
				de.Aliases = append(de.Aliases, m.text)
			}
		}
		de.Titles = e.titles
		if e.affil != "" {
			a := e.affil
			if code, ok := r.places.Demonym(a); ok {
				a = code
			}
			de.Affiliation = &a
		}
		out = append(out, de)
	}
	sort.SliceStable(out, func(i, j int) bool { return firstStart(out[i]) < firstStart(out[j]) })
	for i := range out {
		out[i].ID = fmt.Sprintf("E%d", i+1)
	}
	return out
}

func firstStart(e document.Entity) int {
	if len(e.Mentions) == 0 {
		return 1 << 30
	}
	return e.Mentions[0].Start
}

// isShouted: a word of more than one letter, all in capitals.
func isShouted(s string) bool {
	return len(s) > 1 && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// better prefers more words, then proper case over all capitals.
func better(a, b, typ string) bool {
	if b == "" {
		return true
	}
	wa, wb := len(strings.Fields(a)), len(strings.Fields(b))
	if isAcronym(b) && !isAcronym(a) {
		return true
	}
	if isAcronym(a) && !isAcronym(b) {
		return false
	}
	if isShouted(b) && !isShouted(a) {
		return true // "Kathmandu" over the dateline's "KATHMANDU"
	}
	if isShouted(a) && !isShouted(b) {
		return false
	}
	if wa != wb {
		return wa > wb
	}
	return len(a) > len(b)
}

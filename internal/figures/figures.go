// Package figures finds the counts of people in news text — killed,
// injured, casualties, missing, detained, displaced, refugees, evacuated,
// affected — and who claims each of them.
//
// A figure is a number ("31", "1,200", "1.4 million", "2.3m", "1.5 lakh",
// "twenty-one", "a dozen", "between 20 and 30", "20-30") or a vague amount
// ("dozens", "hundreds of thousands", "several", "a number of"), with its
// approximation ("more than", "at least", "around", "up to", "fewer than";
// a vague amount is "around"), that counts people in a category. The
// category comes from the words around the number, in this order:
//
//   - a verb before it: "killing at least 72 people", "wounded about 118,000
//     others", "the deaths of 12 people", "claimed 45 lives", "killed or
//     injured 40 people" (casualties);
//   - the predicate after its people noun: "one woman died", "31 people were
//     injured", "three young girls were stabbed and killed", "two adults
//     were left in a critical condition", "dozens of people were killed and
//     injured" (casualties), "1.8 million who have crossed into neighbouring
//     countries" (refugees);
//   - a toll it is the value of: "the death toll rose to 10", "taking the
//     number to 23" (the category of the count before);
//   - a noun that is a category by itself: "31 dead", "378 arrests",
//     "500,000 refugees", "dozens of dead", "hundreds of wounded".
//
// Numbers: min is the number said, max the same number, or the upper end of
// a range; max is null for the open-ended "more than" and "at least". A
// vague amount has min and max null and the word in vague.
//
// Populations ("a city of 1.4 million people", "home to 300,000", "Gaza's
// population of 2.3 million") are recognised, so that their number is not
// read as another count, but not reported: they are background, not a
// count of harm, and annotators treat them as optional at most. "other" is
// never reported; neither is a weak vague word with only a noun ("many
// refugees"), a part of a count made before ("three of the dead were
// children"), or "affected" for anyone but residents ("the strike affected
// 300,000 passengers").
//
// A number with no people noun and no category word is no figure: "two
// cities", "31 years", "28th member", "5,000 troops" (no harm said), money,
// percentages, dates, times, ordinals, ages ("Leanne Lucas, 35,") and
// compound adjectives ("14-man", "80-year-old", "a man of 45": one man).
// "a woman and a man were killed" counts two; "19 of those detained had
// been released" is a part of a count made before. Counts under a modal or a
// negation ("could be killed", "none of the 20 passengers was hurt",
// "feared dead") are not figures either.
//
// The claimant of a figure is, in this order: the speaker of the direct or
// partial quote that holds it; the speaker of the reported speech of its
// sentence ("X said", "said X", "according to X", "X, head of Y, said",
// "X, which said", "X gave a higher figure, saying", "Police in Y said" —
// the police, not the place — and "they said" resolved to the claimant
// before), the speaker the quote
// stage gave the sentence's reported speech; the claimant of the sentence
// before in the same paragraph; and else the outlet that published the
// article. A claimant that is an entity of the article has its id; a
// description ("Russian authorities") has only a name.
//
// The place of a figure is a place named in its sentence, else the place of
// the figure before in its paragraph; its date is the time expression of
// its sentence (timex.DateOf), else the publication date. Figures that
// repeat one count (same category, numbers or vague word, and place) are
// reported once, by the occurrence with the most explicit claimant.
package figures

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/timex"
	"github.com/sitrep/sitrep/internal/tokens"
)

// Input is an analysed article.
type Input struct {
	Text     string            // the clean body; every offset is into it
	Entities []document.Entity // with mentions in Text
	Places   []document.Place  // with mentions in Text
	Quotes   []document.Quote  // direct, partial and indirect; those In the title or deck are ignored
	// Timexes are the time expressions of Text; nil means compute them
	// from Text and Published.
	Timexes   []timex.Mention
	Published time.Time // the publication date; zero when unknown
	// Outlet is the publisher ("Reuters", "The Mirror"), the claimant of
	// figures nobody else claims; the Dateline's agency stands in when it
	// is empty.
	Outlet   string
	Dateline *document.Dateline
	// Split is Text's tokens and sentences; nil means split it here.
	Split *tokens.Split
}

// InputOf is the Input of a document whose entities, places and quotes are
// set; published is its publication date (zero when unknown).
func InputOf(d *document.Document, published time.Time) Input {
	in := Input{Text: d.Text, Entities: d.Entities, Places: d.Places, Quotes: d.Quotes,
		Published: published, Dateline: d.Dateline}
	if d.Outlet != nil {
		in.Outlet = *d.Outlet
	}
	return in
}

// Find returns the figures of an article in text order, with ids F1, F2,
// ... Event is left nil: the events stage links figures to events.
func Find(in Input) []document.Figure {
	a := newAnalysis(in)
	var cands []*cand
	for si := range a.sents {
		for _, c := range a.sentenceFigures(si) {
			a.claim(c)
			a.locate(c, cands)
			cands = append(cands, c)
			a.lastFig = c
		}
	}
	cands = dedupe(cands)
	out := make([]document.Figure, 0, len(cands))
	for i, c := range cands {
		f := c.fig
		f.ID = fmt.Sprintf("F%d", i+1)
		out = append(out, f)
	}
	return out
}

// cand is a figure being built, with what the later steps need.
type cand struct {
	fig        document.Figure
	sent       int // sentence index
	firstTok   int // token span of the phrase
	lastTok    int // exclusive
	claimLevel int // 3 quote, 2 reported speech, 1 carried from the sentence before, 0 outlet
}

// claimant is who claims something: an entity or a description.
type claimant struct {
	id, name string
	person   bool
	pronoun  string // unresolved "he", "they"
	start    int    // byte offsets of the naming words
	end      int
}

func (c claimant) ok() bool { return c.name != "" }

// attribution is one reporting verb of a sentence with its subject.
type attribution struct {
	verb int // token index
	who  claimant
}

type mention struct {
	start, end int
	ent        int // index into Entities
}

type placeMention struct {
	start, end int
	id         string
	country    bool
}

type analysis struct {
	in      Input
	text    string
	sc      *scanner
	sents   []tokens.Sentence
	para    []int // paragraph number of each sentence
	ents    []document.Entity
	byID    map[string]int
	endAt   map[int]mention // token index of a mention's last token -> the mention
	startA  map[int]mention // token index of a mention's first token
	places  []placeMention  // sorted by start
	tmx     []timex.Mention
	inTmx   []bool // per token
	quotes  []document.Quote
	attrs   [][]attribution // per sentence, computed in order
	heard   []claimant      // resolved claimants in text order, for pronouns
	heardS  []int           // the sentence of each
	sentOf  []int           // sentence of each token
	outlet  claimant
	lastFig *cand
}

func newAnalysis(in Input) *analysis {
	a := &analysis{in: in, text: in.Text, ents: in.Entities, byID: map[string]int{},
		endAt: map[int]mention{}, startA: map[int]mention{}}
	sp := tokens.Of(in.Split, in.Text)
	toks := sp.Tokens
	a.sents = sp.Sentences
	a.sentOf = make([]int, len(toks))
	a.para = make([]int, len(a.sents))
	p := 0
	for si, s := range a.sents {
		if si > 0 && strings.Contains(in.Text[a.sents[si-1].End:s.Start], "\n") {
			p++
		}
		a.para[si] = p
		for t := s.First; t < s.Last; t++ {
			a.sentOf[t] = si
		}
	}
	// token lookup by byte offset
	tokStarting := func(off int) (int, bool) {
		i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off })
		return i, i < len(toks) && toks[i].Start == off
	}
	tokEnding := func(off int) (int, bool) {
		i := sort.Search(len(toks), func(i int) bool { return toks[i].End >= off })
		return i, i < len(toks) && toks[i].End == off
	}
	norp := make([]bool, len(toks))
	for ei, e := range in.Entities {
		a.byID[e.ID] = ei
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(in.Text) || m.Start >= m.End || in.Text[m.Start:m.End] != m.Text {
				continue
			}
			st, ok1 := tokStarting(m.Start)
			en, ok2 := tokEnding(m.End)
			if !ok1 || !ok2 {
				continue
			}
			mm := mention{m.Start, m.End, ei}
			if old, ok := a.endAt[en]; !ok || old.end-old.start < mm.end-mm.start {
				a.endAt[en] = mm
			}
			if old, ok := a.startA[st]; !ok || old.end-old.start < mm.end-mm.start {
				a.startA[st] = mm
			}
			if e.Type == document.NORP {
				for t := st; t <= en; t++ {
					norp[t] = true
				}
			}
		}
	}
	a.sc = newScanner(in.Text, toks, norp)
	for _, pl := range in.Places {
		for _, m := range pl.Mentions {
			if m.Start < 0 || m.End > len(in.Text) || m.Start >= m.End {
				continue
			}
			a.places = append(a.places, placeMention{m.Start, m.End, pl.ID, pl.Feature == "country"})
		}
	}
	sort.Slice(a.places, func(i, j int) bool { return a.places[i].start < a.places[j].start })
	a.tmx = in.Timexes
	if a.tmx == nil && !in.Published.IsZero() {
		a.tmx = timex.Mentions(in.Text, in.Published)
	} else if !sort.SliceIsSorted(a.tmx, func(i, j int) bool { return a.tmx[i].Start < a.tmx[j].Start }) {
		a.tmx = append([]timex.Mention(nil), a.tmx...)
		sort.Slice(a.tmx, func(i, j int) bool { return a.tmx[i].Start < a.tmx[j].Start })
	}
	a.inTmx = make([]bool, len(toks))
	for _, m := range a.tmx {
		if m.Start < 0 || m.End > len(in.Text) {
			continue
		}
		i := sort.Search(len(toks), func(i int) bool { return toks[i].End > m.Start })
		for ; i < len(toks) && toks[i].Start < m.End; i++ {
			a.inTmx[i] = true
		}
	}
	for _, q := range in.Quotes {
		if q.In == "" && q.Start >= 0 && q.End <= len(in.Text) && q.Start < q.End {
			a.quotes = append(a.quotes, q)
		}
	}
	a.attrs = make([][]attribution, len(a.sents))
	a.outlet = a.outletClaimant()
	return a
}

// outletClaimant is the publisher, or the wire agency of the dateline.
func (a *analysis) outletClaimant() claimant {
	name := cleanOutlet(a.in.Outlet)
	if name == "" && a.in.Dateline != nil && a.in.Dateline.Agency != nil {
		name = cleanOutlet(*a.in.Dateline.Agency)
	}
	if name == "" {
		return claimant{}
	}
	c := claimant{name: name}
	want := strings.ToLower(strings.TrimPrefix(name, "The "))
	for _, e := range a.ents {
		if e.Type != document.Media && e.Type != document.Org {
			continue
		}
		names := append([]string{e.Name}, e.Aliases...)
		for _, n := range names {
			if strings.ToLower(strings.TrimPrefix(n, "The ")) == want {
				c.id = e.ID
				return c
			}
		}
	}
	return c
}

// cleanOutlet takes the first name of a list ("Daily Maverick; Daily
// Maverick") and trims it.
func cleanOutlet(s string) string {
	for _, sep := range []string{";", "|", "\n"} {
		if i := strings.Index(s, sep); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// sentenceFigures finds the figures of sentence si; it also records the
// sentence's attributions for the pronouns of later sentences.
func (a *analysis) sentenceFigures(si int) []*cand {
	s := a.sents[si]
	lo, hi := s.First, s.Last
	a.attrs[si] = a.attributions(si)
	var out []*cand
	for k := lo; k < hi; {
		q, ok := a.quantityAt(k, lo, hi)
		if !ok {
			k++
			continue
		}
		k = q.end
		if c, ok := a.figure(q, si, out); ok {
			out = append(out, c)
			// a count inside the phrase is part of it: "14 people including two children were killed"
			k = max(k, c.lastTok)
		}
	}
	return out
}

// quantityAt reads an approximation and a number or vague amount at token
// k, and rejects the numbers that are no count: ordinals, times, money,
// percentages, compound adjectives, parts of dates.
func (a *analysis) quantityAt(k, lo, hi int) (quantity, bool) {
	sc := a.sc
	approx, j := Exact, k
	for _, p := range approxByFirst[sc.low(k)] {
		if k+len(p.words) > hi {
			continue
		}
		match := true
		for n, w := range p.words {
			if sc.low(k+n) != w {
				match = false
				break
			}
		}
		if match {
			approx, j = p.approx, k+len(p.words)
			break
		}
	}
	q, ok := sc.core(j, hi)
	if !ok {
		return q, false
	}
	if j > k && (q.article || q.vague != "") {
		return q, false
	}
	if q.vague != "" && j > lo && (sc.low(j-1) == "how" || sc.low(j-1) == "so" || sc.low(j-1) == "too") {
		return q, false // "how many people were hurt"
	}
	q.start, q.coreStart, q.approx = k, j, approx
	for t := j; t < q.end; t++ {
		if a.inTmx[t] {
			return q, false
		}
	}
	if q.vague != "" || q.article {
		return q, true
	}
	// attached letters: "10th", "1990s", "5pm", "3D"
	if q.end < hi && sc.attached(q.end) {
		nx := sc.text(q.end)
		switch {
		case sc.toks[q.end].Kind == tokens.Word:
			return q, false
		case nx == ":" || nx == "%" || nx == "/" || nx == "°":
			return q, false
		case (nx == "-" || nx == "–") && q.end+1 < hi && sc.attached(q.end+1) && sc.toks[q.end+1].Kind == tokens.Word:
			return q, false // "14-man", "80-year-old"
		}
	}
	if q.end < hi {
		nx := sc.low(q.end)
		if nx == "%" || nx == "percent" || unitWords[nx] || (nx == "per" && q.end+1 < hi && sc.low(q.end+1) == "cent") {
			return q, false
		}
	}
	if j > lo {
		pv := sc.low(j - 1)
		if currencyBefore[pv] || pv == "aged" || pv == "age" || pv == "no." || pv == "number" && q.end == j+1 && j-2 >= lo && sc.low(j-2) != "the" {
			return q, false
		}
		if (pv == "-" || pv == "–") && sc.attached(j) && j-2 >= lo && sc.attached(j-1) && sc.toks[j-2].Kind == tokens.Word {
			return q, false // a code: "COVID-19", "F-16", "MH-17"
		}
		if sc.toks[j-1].Kind == tokens.Punct && sc.attached(j) && pv != "(" && pv != "\"" && pv != "“" && pv != "‘" && pv != "'" {
			// "£40,000", "#3", "+44"
			if pv != "," && pv != "-" && pv != "–" {
				return q, false
			}
		}
	}
	// ages: "Leanne Lucas, 35," — a bare number between commas after a name
	if j == k && j-2 >= lo && sc.text(j-1) == "," && (q.end >= hi || sc.text(q.end) == "," || sc.text(q.end) == ")") &&
		(sc.isCap(j-2) || sc.toks[j-2].Kind == tokens.Num) && q.min < 130 {
		return q, false
	}
	return q, true
}

// figure decides whether the quantity q of sentence si counts people in a
// category, and builds the figure.
func (a *analysis) figure(q quantity, si int, before []*cand) (*cand, bool) {
	sc := a.sc
	s := a.sents[si]
	lo, hi := s.First, s.Last
	// a modal or a negation just before: "none of the 20", "no fewer" is an approximation
	for t := q.start - 1; t >= lo && t >= q.start-3; t-- {
		if a.modalNegAt(t) {
			return nil, false
		}
		if sc.toks[t].Kind == tokens.Punct && sc.text(t) != "," {
			break
		}
	}
	// an age: "a man of 45" — the number after a singular person noun
	if p := q.start - 1; q.vague == "" && !q.article && q.hasMax && q.max < 130 && p-1 >= lo && sc.low(p) == "of" &&
		personSingular[sc.low(p-1)] {
		return nil, false
	}
	h := a.head(q, hi)
	if q.article && (h.end == 0 || !h.singular) {
		return nil, false
	}
	if q.singular && !q.article && h.end != 0 && !h.singular {
		return nil, false // "one people", "one of the buildings"
	}
	headEnd := q.end
	if h.end != 0 {
		headEnd = h.end
	}
	count := q.min
	if h.singular {
		headEnd = a.skipAge(headEnd, hi)
		// one person and another: "a 71-year-old woman and a 45-year-old
		// man had died" counts two
		if headEnd+1 < hi && sc.low(headEnd) == "and" {
			if q2, ok := a.quantityAt(headEnd+1, lo, hi); ok && q2.singular && q2.vague == "" && q2.approx == Exact {
				if h2 := a.head(q2, hi); h2.end != 0 && h2.singular {
					count, headEnd = 2, a.skipAge(h2.end, hi)
				}
			}
		}
	}
	bareOK := h.end != 0 || q.end >= hi || sc.toks[q.end].Kind == tokens.Punct || afterBare[sc.low(q.end)]
	if h.end == 0 && q.end < hi && sc.low(q.end) == "of" {
		bareOK = false
	}
	year := q.hasMax && (q.min >= 1900 && q.min <= 2100 && q.min == q.max && sc.toks[q.coreStart].Kind == tokens.Num && len(sc.text(q.coreStart)) == 4)
	if year && h.end == 0 && q.vague == "" {
		return nil, false
	}
	// a population is background, not a count of harm: "a city of 1.4
	// million people", "home to 300,000", "Gaza's population of 2.3
	// million has been displaced" (a share of it was)
	if p := q.start - 1; q.vague == "" && !q.article && p-1 >= lo && (h.end == 0 || h.generic || h.residents) &&
		(sc.low(p) == "of" && populationNouns[sc.low(p-1)] || sc.low(p) == "to" && sc.low(p-1) == "home") {
		return nil, false
	}
	cat, first, last := "", q.start, headEnd
	// 1. a verb or noun before: "killing at least 72", "the deaths of 12"
	if p := q.start - 1; p >= lo {
		if c, ok := preCue[sc.low(p)]; ok && !a.modalBefore(p, lo) && bareOK {
			cat, first = c, p
			// "killed or injured 40 people"
			if p-2 >= lo && (sc.low(p-1) == "or" || sc.low(p-1) == "and") {
				if c2 := preCue[sc.low(p-2)]; (c == Injured && c2 == Killed || c == Killed && c2 == Injured) && !a.modalBefore(p-2, lo) {
					cat, first = Casualties, p-2
				}
			}
		} else if sc.low(p) == "of" && p-1 >= lo {
			if c, ok := ofCue[sc.low(p-1)]; ok && bareOK {
				cat, first = c, p-1
				if p-2 >= lo && sc.low(p-2) == "the" {
					first = p - 2
				}
			}
		} else if forceVerbs[sc.low(p)] && !a.modalBefore(p, lo) {
			// "forcing at least 12,400 people from their homes"
			if e, ok := a.fromHomes(headEnd, hi); ok {
				cat, first, last = Displaced, p, e
			}
		}
	}
	// 2. the predicate after the people noun: "31 people were injured"
	if cat == "" && (h.end != 0 || q.vague != "" || !q.article) {
		c, end, blocked := a.postCue(headEnd, hi)
		if blocked {
			return nil, false
		}
		if c != "" {
			cat, last = c, end
		}
	}
	if cat == Affected && (h.end == 0 || !affectedHeads[sc.low(h.end-1)]) {
		return nil, false // "the strike affected 300,000 passengers"
	}
	if h.partitive && h.cat != "" && (cat == "" || cat == h.cat) {
		return nil, false // "three of the dead were children"
	}
	if q.article && cat != Killed && cat != Injured && cat != Missing {
		return nil, false
	}
	if q.vague == "" && !q.article {
		// 3. a toll: "the death toll rose to 10", "taking the number to 23"
		if cat == "" && (h.end == 0 || h.generic) && bareOK {
			if c, from, ok := a.toll(q, si, before); ok {
				cat, first = c, from
			}
		}
	}
	if h.lives {
		// "claimed at least 45 lives", "cost 12 lives", "45 lives were lost"
		p := q.start - 1
		switch {
		case p >= lo && livesVerbs[sc.low(p)] && !a.modalBefore(p, lo):
			cat, first = Killed, p
		case headEnd+1 < hi && passiveAux[sc.low(headEnd)] && sc.low(headEnd+1) == "lost":
			cat, last = Killed, headEnd+2
		case headEnd+2 < hi && auxWords[sc.low(headEnd)] && passiveAux[sc.low(headEnd+1)] && sc.low(headEnd+2) == "lost":
			cat, last = Killed, headEnd+3
		default:
			return nil, false
		}
	}
	// 5. a category noun: "31 dead", "378 arrests", "dozens of wounded"
	if cat == "" && h.cat != "" {
		cat = h.cat
		// "dozens of dead and wounded": casualties
		if headEnd+1 < hi && (sc.low(headEnd) == "and" || sc.low(headEnd) == "or") {
			if c2 := nounCategory[sc.low(headEnd+1)]; c2 != "" && c2 != cat && (cat == Killed || cat == Injured) && (c2 == Killed || c2 == Injured) {
				cat, last = Casualties, headEnd+2
			}
		}
	}
	if cat == "" {
		return nil, false
	}
	if q.vague != "" && vagueDirect[q.vague] && cat == h.cat && last == headEnd && first == q.start {
		// "many refugees": a weak word and a noun, no verb
		return nil, false
	}
	if first < lo {
		first = lo
	}
	if last > hi {
		last = hi
	}
	start, end := sc.toks[first].Start, sc.toks[last-1].End
	f := document.Figure{Category: cat, Approx: q.approx, Phrase: a.text[start:end], Start: start, End: end}
	if q.vague != "" {
		v := q.vague
		f.Vague = &v
		f.Approx = Around // a vague amount is an approximation; the contract wants one of its values
	} else {
		mn := count
		f.Min = &mn
		switch q.approx {
		case MoreThan, AtLeast:
			// open-ended
		default:
			mx := max(q.max, count)
			f.Max = &mx
		}
		if q.max > q.min && q.approx == Exact {
			f.Approx = Exact
		}
	}
	return &cand{fig: f, sent: si, firstTok: first, lastTok: last}, true
}

// skipAge steps over an age after a singular person noun ending at j:
// "a man of 45".
func (a *analysis) skipAge(j, hi int) int {
	sc := a.sc
	if j+1 < hi && sc.low(j) == "of" && sc.toks[j+1].Kind == tokens.Num {
		if q, ok := sc.core(j+1, hi); ok && q.end == j+2 && q.hasMax && q.max < 130 && q.vague == "" {
			return j + 2
		}
	}
	return j
}

// fromHomes reads where a count was forced to, from token j: "from their
// homes", "out of their homes", "to flee". It returns the token after.
func (a *analysis) fromHomes(j, hi int) (int, bool) {
	sc := a.sc
	k := j
	switch {
	case k+1 < hi && sc.low(k) == "to" && sc.low(k+1) == "flee":
		return k + 2, true
	case k < hi && sc.low(k) == "from":
		k++
	case k+1 < hi && sc.low(k) == "out" && sc.low(k+1) == "of":
		k += 2
	default:
		return 0, false
	}
	if k < hi && (sc.low(k) == "their" || sc.low(k) == "his" || sc.low(k) == "her") {
		k++
	}
	if k < hi && (sc.low(k) == "homes" || sc.low(k) == "home" || sc.low(k) == "houses") {
		return k + 1, true
	}
	return 0, false
}

// forceVerbs drive people out: "forcing 12,400 people from their homes".
var forceVerbs = set(`forcing forced forces force driving drove driven drives`)

// modalBefore: a modal or a negation in the two words before token p
// ("could kill", "did not kill").
func (a *analysis) modalBefore(p, lo int) bool {
	for t := p - 1; t >= lo && t >= p-2; t-- {
		if a.modalNegAt(t) {
			return true
		}
	}
	return false
}

// modalNegAt: token t is a modal or a negation ("could", "not", "won't"),
// not a name or a month ("May", "Will Smith").
func (a *analysis) modalNegAt(t int) bool {
	w := a.sc.low(t)
	if !modalNeg[w] && !strings.HasSuffix(w, "n't") {
		return false
	}
	if a.inTmx[t] || a.sc.isCap(t) && t != a.sents[a.sentOf[t]].First {
		return false
	}
	return true
}

// headInfo is the people noun after a number.
type headInfo struct {
	end       int    // token index after the head; 0 when there is none
	cat       string // the head's own category ("dead", "arrests", "injured people")
	singular  bool
	generic   bool // people, persons: a toll or population may count them
	residents bool
	lives     bool // "45 lives": killed only after "claimed", "cost", or before "were lost"
	partitive bool // "three of the dead": a part of a count already made
}

// head finds the people noun of q: "31 people", "three young girls",
// "500,000 Ukrainian refugees", "dozens of dead", "two of them".
func (a *analysis) head(q quantity, hi int) headInfo {
	sc := a.sc
	h := q.end
	partitive := false
	if h < hi && sc.low(h) == "of" && (q.vague != "" || !q.article) {
		nx := h + 1
		if nx < hi {
			switch sc.low(nx) {
			case "them", "whom", "those", "us":
				if sc.low(nx) == "those" && q.vague == "" {
					// "19 of those detained": a part of a count made before
					if c, e, _ := a.cueAt(nx+1, hi); c != "" {
						return headInfo{end: e, generic: true, partitive: true, cat: c}
					}
				}
				return headInfo{end: nx + 1, generic: true}
			case "the", "these", "its", "their":
				nx++
			}
		}
		h = nx
		partitive = true
	}
	partitive = partitive && q.vague == ""
	var modCat string
	for m, mods := h, 0; m < hi && mods < 4; m++ {
		w := sc.low(m)
		t := sc.toks[m]
		if w == "lives" && !q.singular {
			return headInfo{end: m + 1, lives: true}
		}
		if t.Kind == tokens.Word {
			if q.singular && personSingular[w] || !q.singular && (personPlural[w] || sc.norpPlural(m)) {
				end := m + 1
				for end < hi && end-m < 3 && (personPlural[sc.low(end)] || personSingular[sc.low(end)]) && nounCategory[sc.low(end)] == "" {
					end++
				}
				last := sc.low(end - 1)
				hi := headInfo{end: end, singular: q.singular, cat: nounCategory[last],
					generic:   last == "people" || last == "persons" || last == "others",
					residents: last == "residents" || last == "inhabitants" || last == "people" || last == "citizens"}
				if hi.cat == "" {
					hi.cat = modCat
				}
				return hi
			}
			if c, ok := nounCategory[w]; ok && !q.singular {
				// "31 dead", "dozens of wounded" — unless a people noun follows: "31 injured people"
				if m+1 < hi && (personPlural[sc.low(m+1)] || sc.norpPlural(m+1)) {
					modCat = modifierCategory[w]
					mods++
					continue
				}
				if mods == 0 || c == Casualties || c == Killed && w != "dead" || c == Detained || c == Refugees {
					return headInfo{end: m + 1, cat: c, partitive: partitive}
				}
				return headInfo{}
			}
			if c, ok := modifierCategory[w]; ok {
				modCat = c
				mods++
				continue
			}
			if modifierStop[w] || unitWords[w] || preCue[w] != "" || reportingVerbs[w] {
				return headInfo{}
			}
			mods++
			continue
		}
		// "a 35-year-old man": a number-hyphen-word adjective
		if t.Kind == tokens.Num && m+2 < hi && (sc.text(m+1) == "-" || sc.text(m+1) == "–") && sc.attached(m+1) && sc.attached(m+2) {
			m += 2
			mods++
			continue
		}
		if t.Kind == tokens.Punct && (sc.text(m) == "-" || sc.text(m) == "–") && sc.attached(m) {
			continue
		}
		return headInfo{}
	}
	return headInfo{}
}

// modifierStop: words that end the modifiers of a count before any people
// noun came.
var modifierStop = set(`the a an and or of in on at to for from by with were was is are have has had
	been be who which that this these those it its their his her as than said says after before
	during while when where into over under per since not no but if because so such there here
	them they we you he she i me my our your will would could should may might can do does did`)

// postCue reads the predicate after a count's people noun, from token j:
// "were killed", "have reportedly been injured", "died", "remain missing",
// "were left in a critical condition", "were stabbed and killed". blocked
// reports a modal or negation ("could be killed", "were not hurt").
func (a *analysis) postCue(j, hi int) (cat string, end int, blocked bool) {
	sc := a.sc
	k := j
	// a parenthesis: "three people, including a child, were killed"
	if k+1 < hi && sc.text(k) == "," && parenthesisStart[sc.low(k+1)] {
		for n := k + 1; n < hi && n <= k+12; n++ {
			if sc.text(n) == "," {
				k = n + 1
				break
			}
		}
	} else if k < hi && sc.text(k) == "(" {
		for n := k + 1; n < hi && n <= k+12; n++ {
			if sc.text(n) == ")" {
				k = n + 1
				break
			}
		}
	}
	// a short prepositional phrase: "two people in the car were killed"
	if k < hi && ppStart[sc.low(k)] {
		if c, _, _ := a.cueAt(k, hi); c == "" {
			for n := k + 1; n < hi && n <= k+6; n++ {
				if sc.toks[n].Kind == tokens.Punct {
					break
				}
				w := sc.low(n)
				if passiveAux[w] || w == "have" || w == "has" || w == "had" || w == "died" {
					k = n
					break
				}
			}
		}
	}
	passive := false
	for n := 0; k < hi && n < 7; n++ {
		w := sc.low(k)
		if a.modalNegAt(k) {
			return "", 0, true
		}
		if c, _, _ := a.cueAt(k, hi); c != "" {
			break
		}
		if auxWords[w] || w == "found" || w == "pronounced" || w == "declared" {
			if passiveAux[w] {
				passive = true
			}
			k++
			continue
		}
		if violenceVerbs[w] && k+1 < hi && (sc.low(k+1) == "and" || sc.low(k+1) == "or") {
			passive = passive || k > j
			k += 2
			continue
		}
		break
	}
	c, e, transitive := a.cueAt(k, hi)
	if c == "" {
		return "", 0, false
	}
	if transitive && !passive && e < hi {
		// "gunmen killed a guard": active, the count is the agent
		nx := sc.low(e)
		if determiners[nx] || sc.toks[e].Kind == tokens.Num || personPlural[nx] || personSingular[nx] ||
			nx == "him" || nx == "her" || nx == "them" || nx == "his" || nx == "their" || nx == "at" && e+1 < hi && sc.low(e+1) == "least" ||
			sc.isCap(e) && sc.toks[e].Kind == tokens.Word {
			return "", 0, false
		}
	}
	// "killed and injured", "dead or wounded": casualties
	if e+1 < hi && (sc.low(e) == "and" || sc.low(e) == "or") {
		n := e + 1
		if n < hi && (sc.low(n) == "were" || sc.low(n) == "was") {
			n++
		}
		if c2, e2, _ := a.cueAt(n, hi); c2 != "" && c2 != c && (c == Killed || c == Injured) && (c2 == Killed || c2 == Injured) {
			c, e = Casualties, e2
		}
	}
	return c, e, false
}

var parenthesisStart = set(`including most mostly mainly many among all both some aged one two
	three four five six seven eight nine ten half majority of whom which several`)

var ppStart = set(`in at on from inside aboard near across around outside within including`)

// cueAt matches a category word at token k: "killed", "died", "lost their
// lives", "in a critical condition", "taken hostage", "fled to Poland".
// transitive reports a verb that may take an object ("killed"), which is
// passive only after a passive auxiliary.
func (a *analysis) cueAt(k, hi int) (cat string, end int, transitive bool) {
	sc := a.sc
	if k >= hi {
		return "", 0, false
	}
	w := sc.low(k)
	nx := func(n int) string {
		if k+n < hi {
			return sc.low(k + n)
		}
		return ""
	}
	switch w {
	case "killed", "murdered", "executed", "slaughtered", "massacred":
		return Killed, k + 1, true
	case "dead", "died", "perished", "drowned", "slain":
		return Killed, k + 1, false
	case "lost":
		if (nx(1) == "their" || nx(1) == "his" || nx(1) == "her") && (nx(2) == "lives" || nx(2) == "life") {
			return Killed, k + 3, false
		}
	case "stabbed", "shot", "beaten", "burned", "burnt", "crushed", "hacked":
		if nx(1) == "dead" {
			return Killed, k + 2, false
		}
		if nx(1) == "to" && nx(2) == "death" {
			return Killed, k + 3, false
		}
	case "injured", "wounded", "hurt":
		return Injured, k + 1, true
	case "hospitalised", "hospitalized":
		return Injured, k + 1, false
	case "taken", "rushed", "airlifted", "admitted", "flown":
		// "taken to hospital", "rushed to a nearby hospital", "admitted to local hospitals"
		if nx(1) == "to" {
			for n := 2; n <= 4; n++ {
				if nx(n) == "hospital" || nx(n) == "hospitals" {
					return Injured, k + n + 1, false
				}
			}
		}
		if w == "taken" && (nx(1) == "hostage" || nx(1) == "captive") {
			return Detained, k + 2, false
		}
		if w == "taken" && nx(1) == "into" && nx(2) == "custody" {
			return Detained, k + 3, false
		}
	case "treated", "suffered", "sustained", "received", "needed", "required":
		// "treated for minor injuries", "suffered serious wounds", "needed hospital treatment"
		for n := 1; n <= 3; n++ {
			x := nx(n)
			if x == "injuries" || x == "wounds" || x == "burns" || (x == "treatment" && n > 1 && (nx(n-1) == "hospital" || nx(n-1) == "medical")) {
				if w == "treated" && nx(1) != "for" {
					break
				}
				return Injured, k + n + 1, false
			}
			if x == "" || npStop[x] && x != "for" {
				break
			}
		}
	case "in":
		switch {
		case nx(1) == "hospital" || nx(1) == "hospitals":
			return Injured, k + 2, false
		case (nx(1) == "a" || nx(1) == "an") && conditionWords[nx(2)] && nx(3) == "condition":
			return Injured, k + 4, false
		case conditionWords[nx(1)] && nx(2) == "condition":
			return Injured, k + 3, false
		case nx(1) == "custody":
			return Detained, k + 2, false
		}
	case "missing":
		return Missing, k + 1, false
	case "among":
		// "two children were among the dead"
		if nx(1) == "the" {
			if c, ok := nounCategory[nx(2)]; ok && c != Detained {
				return c, k + 3, false
			}
		}
	case "unaccounted":
		if nx(1) == "for" {
			return Missing, k + 2, false
		}
		return Missing, k + 1, false
	case "arrested", "detained", "abducted", "kidnapped":
		return Detained, k + 1, true
	case "held":
		if nx(1) == "hostage" || nx(1) == "captive" || nx(1) == "in" && nx(2) == "custody" {
			e := k + 2
			if nx(1) == "in" {
				e = k + 3
			}
			return Detained, e, false
		}
	case "displaced", "uprooted":
		return Displaced, k + 1, true
	case "homeless":
		return Displaced, k + 1, false
	case "made":
		if nx(1) == "homeless" {
			return Displaced, k + 2, false
		}
	case "forced":
		if (nx(1) == "from" || nx(1) == "out") && nx(2) != "" {
			if nx(2) == "of" && (nx(3) == "their" || nx(3) == "his" || nx(3) == "her") && (nx(4) == "homes" || nx(4) == "home") {
				return Displaced, k + 5, false
			}
			if (nx(2) == "their" || nx(2) == "his" || nx(2) == "her") && (nx(3) == "homes" || nx(3) == "home") {
				return Displaced, k + 4, false
			}
		}
		if nx(1) == "to" && nx(2) == "flee" {
			return Displaced, k + 3, false
		}
	case "fled", "crossed":
		return a.fled(k, hi)
	case "sought":
		if nx(1) == "refuge" && (nx(2) == "abroad" || nx(2) == "in") || nx(1) == "asylum" {
			return Refugees, k + 2, false
		}
	case "evacuated":
		return Evacuated, k + 1, true
	case "affected":
		return Affected, k + 1, true
	}
	return "", 0, false
}

// numberFollowers: words after "the number" or "the total" before its
// value: "the number has risen to", "the total now stands at".
var numberFollowers = set(`has had have is was now rose risen climbed increased jumped stands stood
	reached hit passed grew grown went gone`)

var conditionWords = set(`critical serious stable life-threatening grave`)

// fled reads "fled to Poland", "fled abroad", "crossed into Moldova"
// (refugees) and "fled their homes", "fled" (displaced).
func (a *analysis) fled(k, hi int) (string, int, bool) {
	sc := a.sc
	w := sc.low(k)
	for n := k + 1; n < hi && n <= k+6; n++ {
		x := sc.low(n)
		if x == "abroad" || x == "overseas" || x == "border" || x == "borders" || x == "neighbouring" || x == "neighboring" {
			return Refugees, n + 1, false
		}
		if x == "country" && n-1 > k && sc.low(n-1) == "the" {
			return Refugees, n + 1, false
		}
		if p, ok := a.placeStartingAt(sc.toks[n].Start); ok && p.country && n-1 > k && (sc.low(n-1) == "to" || sc.low(n-1) == "into" || sc.low(n-1) == "for") {
			return Refugees, n + 1, false
		}
		if sc.toks[n].Kind == tokens.Punct {
			break
		}
	}
	if w == "fled" {
		if k+2 < hi && (sc.low(k+1) == "their" || sc.low(k+1) == "his" || sc.low(k+1) == "her") && (sc.low(k+2) == "homes" || sc.low(k+2) == "home") {
			return Displaced, k + 3, false
		}
		return Displaced, k + 1, false
	}
	return "", 0, false
}

func (a *analysis) placeStartingAt(off int) (placeMention, bool) {
	i := sort.Search(len(a.places), func(i int) bool { return a.places[i].start >= off })
	if i < len(a.places) && a.places[i].start == off {
		return a.places[i], true
	}
	return placeMention{}, false
}

// toll reads a count that is the value of a toll or a number: "the death
// toll rose to 10", "a death toll of 21", "taking the number to 23", "put
// the number at around 370,000".
func (a *analysis) toll(q quantity, si int, before []*cand) (string, int, bool) {
	sc := a.sc
	lo := a.sents[si].First
	p := q.start - 1
	if p < lo || !tollLink[sc.low(p)] {
		return "", 0, false
	}
	for b := p - 1; b >= lo && b >= p-25; b-- {
		w := sc.low(b)
		if w == ";" || w == ":" {
			break
		}
		from := b
		if b-1 >= lo && (sc.low(b-1) == "death" || sc.low(b-1) == "casualty" || sc.low(b-1) == "injury") {
			from = b - 1
		}
		if p-from > 8 {
			from = p - 1
		}
		switch w {
		case "toll", "tolls":
			switch {
			case b-1 >= lo && sc.low(b-1) == "injury":
				return Injured, from, true
			case b-1 >= lo && sc.low(b-1) == "casualty":
				return Casualties, from, true
			}
			return Killed, from, true
		case "number", "total", "tally", "figure", "count":
			// "the number to 23", "the total has risen to", "the number of dead";
			// not "the total cost reached"
			if b+1 <= p && b+1 < len(sc.lows) && !tollLink[sc.low(b+1)] && !numberFollowers[sc.low(b+1)] && sc.low(b+1) != "of" {
				return "", 0, false
			}
			if b+2 < p && sc.low(b+1) == "of" {
				n := b + 2
				if sc.low(n) == "the" {
					n++
				}
				// "the number of (confirmed) deaths", "the number of people killed"
				for ; n < p && n < b+7; n++ {
					if c, ok := nounCategory[sc.low(n)]; ok {
						return c, from, true
					}
					if personPlural[sc.low(n)] {
						if c, _, _ := a.cueAt(n+1, p); c != "" {
							return c, from, true
						}
						break
					}
				}
				return "", 0, false
			}
			// "the number": the count before it, in this sentence or the one before
			if len(before) > 0 {
				return before[len(before)-1].fig.Category, from, true
			}
			if c, ok := a.lastCategory(si); ok {
				return c, from, true
			}
			return "", 0, false
		}
	}
	return "", 0, false
}

// lastCategory is the category of the last figure of the sentence before
// si, when it is in the same paragraph.
func (a *analysis) lastCategory(si int) (string, bool) {
	if si == 0 || a.para[si-1] != a.para[si] {
		return "", false
	}
	if a.lastFig != nil && a.lastFig.sent == si-1 {
		return a.lastFig.fig.Category, true
	}
	return "", false
}

// dateOf is the date of the time expression that dates [start, end): a day,
// month or year value; weeks and ranges, and future expressions, do not
// date a count.
func dateOf(text string, ms []timex.Mention, start, end int) (string, bool) {
	if len(ms) == 0 {
		return "", false
	}
	m, ok := timex.DateOf(text, ms, start, end)
	if !ok || m.Future {
		return "", false
	}
	switch m.Precision {
	case timex.Day, timex.Month, timex.Year:
		return m.Value, true
	}
	return "", false
}

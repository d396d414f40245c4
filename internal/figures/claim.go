package figures

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/tokens"
)

// Claim levels, most explicit first.
const (
	levelOutlet = iota
	levelCarried
	levelReported
	levelQuote
)

// claim sets the claimant of c.
func (a *analysis) claim(c *cand) {
	who, level := a.claimantOf(c)
	if !who.ok() {
		who, level = a.outlet, levelOutlet
	}
	c.claimLevel = level
	c.fig.ClaimedBy = document.Str(who.id)
	c.fig.ClaimedByName = document.Str(who.name)
}

func (a *analysis) claimantOf(c *cand) (claimant, int) {
	f := c.fig
	// 1. a direct or partial quote holding the figure
	for _, q := range a.quotes {
		if q.Kind != "indirect" && q.Start <= f.Start && f.End <= q.End {
			if w := a.speaker(q); w.ok() {
				return w, levelQuote
			}
		}
	}
	// 2. reported speech: the attribution of the sentence nearest the figure
	var indirect claimant
	for _, q := range a.quotes {
		if q.Kind == "indirect" && q.Start <= f.Start && f.End <= q.End {
			indirect = a.speaker(q)
			if indirect.ok() && a.namedIn(indirect, c.sent, q) && !a.isPlace(indirect) {
				return indirect, levelReported
			}
		}
	}
	best, bestDist := claimant{}, 1<<30
	for _, at := range a.attrs[c.sent] {
		if !at.who.ok() {
			continue
		}
		d := at.verb - c.lastTok
		if at.verb < c.firstTok {
			d = c.firstTok - at.verb
		} else if at.verb < c.lastTok {
			d = 0
		}
		if d < bestDist {
			best, bestDist = at.who, d
		}
	}
	if best.ok() {
		return best, levelReported
	}
	if indirect.ok() {
		return indirect, levelReported
	}
	// 3. the sentence before, in the same paragraph
	if si := c.sent; si > 0 && a.para[si-1] == a.para[si] {
		at := a.attrs[si-1]
		for i := len(at) - 1; i >= 0; i-- {
			if at[i].who.ok() {
				return at[i].who, levelCarried
			}
		}
		s := a.sents[si-1]
		for _, q := range a.quotes {
			if q.Kind == "indirect" && q.Start >= s.Start && q.End <= s.End+1 {
				if w := a.speaker(q); w.ok() {
					return w, levelCarried
				}
			}
		}
	}
	return claimant{}, levelOutlet
}

// isPlace: the claimant is a place entity, which the quote stage may give
// for "Police in Lusaka said"; the sentence's own reading comes first.
func (a *analysis) isPlace(c claimant) bool {
	if c.id == "" {
		return false
	}
	ei, ok := a.byID[c.id]
	return ok && (a.ents[ei].Type == document.GPE || a.ents[ei].Type == document.Loc)
}

// speaker is the claimant of a quote.
func (a *analysis) speaker(q document.Quote) claimant {
	var c claimant
	if q.Speaker != nil {
		if ei, ok := a.byID[*q.Speaker]; ok {
			e := a.ents[ei]
			c = claimant{id: e.ID, name: e.Name, person: e.Type == document.Person}
		}
	}
	if q.SpeakerName != nil && *q.SpeakerName != "" {
		if c.id == "" {
			c.name = *q.SpeakerName
			c.person = personHead(lastWord(c.name))
		}
	}
	return c
}

// namedIn: the quote's speaker is named in sentence si outside the quote
// itself, so the quote stage did not reach back for it.
func (a *analysis) namedIn(c claimant, si int, q document.Quote) bool {
	s := a.sents[si]
	if c.id != "" {
		ei := a.byID[c.id]
		for _, m := range a.ents[ei].Mentions {
			if m.Start >= s.Start && m.End <= s.End && (m.End <= q.Start || m.Start >= q.End) {
				return true
			}
		}
		return false
	}
	in := strings.ToLower(a.text[s.Start:s.End])
	return c.name != "" && strings.Contains(in, strings.ToLower(c.name))
}

// attributions finds the reporting verbs of sentence si and their
// subjects; pronouns are resolved to the claimants before.
func (a *analysis) attributions(si int) []attribution {
	sc := a.sc
	s := a.sents[si]
	lo, hi := s.First, s.Last
	var out []attribution
	for v := lo; v < hi; v++ {
		w := sc.low(v)
		if !reportingVerbs[w] && w != "put" && w != "puts" && w != "saying" && w != "adding" {
			continue
		}
		if a.inDirectQuote(sc.toks[v].Start) {
			continue
		}
		var who claimant
		switch {
		case w == "according":
			if v+1 < hi && sc.low(v+1) == "to" {
				who = a.npAfter(v+2, hi)
			}
		case w == "put" || w == "puts":
			// "he put the number at 370,000"
			if v+2 < hi && (sc.low(v+1) == "the" || sc.low(v+1) == "its" || sc.low(v+1) == "their") &&
				(sc.low(v+2) == "number" || sc.low(v+2) == "toll" || sc.low(v+2) == "figure" || sc.low(v+2) == "total" || sc.low(v+2) == "death") {
				who = a.subjectBefore(v, lo)
			} else {
				continue
			}
		case (w == "reported" || w == "reports") && v > lo && passiveAux[sc.low(v-1)]:
			continue // "three were reported killed"
		case w == "saying" || w == "adding":
			// "The IOM gave a higher figure, saying ...": the clause's subject
			if v == lo || sc.text(v-1) != "," {
				continue
			}
			who = a.clauseSubject(lo, v)
		default:
			who = a.subjectBefore(v, lo)
			if !who.ok() && who.pronoun == "" && a.inverted(v, lo) {
				who = a.npAfter(v+1, hi)
			}
		}
		if who.pronoun != "" {
			who = a.resolve(who.pronoun, sc.toks[v].Start, si)
		}
		if who.ok() {
			out = append(out, attribution{verb: v, who: who})
			a.heard = append(a.heard, who)
			a.heardS = append(a.heardS, si)
		}
	}
	return out
}

// inDirectQuote: offset off is inside a direct or partial quote.
func (a *analysis) inDirectQuote(off int) bool {
	for _, q := range a.quotes {
		if q.Kind != "indirect" && q.Start <= off && off < q.End {
			return true
		}
	}
	return false
}

// inverted: the verb opens its clause, "..., said the ministry".
func (a *analysis) inverted(v, lo int) bool {
	if v == lo {
		return true
	}
	switch a.sc.text(v - 1) {
	case ",", "\"", "”", "’", "'", "—", "–", "-", "--":
		return true
	}
	return false
}

// subjectBefore reads the subject of the reporting verb at v: "Russian
// authorities said", "the National Police Chiefs' Council (NPCC) said",
// "Filippo Grandi, head of the UN refugee agency, also said", "he said".
func (a *analysis) subjectBefore(v, lo int) claimant {
	sc := a.sc
	j := v - 1
	for j >= lo {
		w := sc.low(j)
		switch {
		case beforeVerbSkip[w]:
			j--
			continue
		case a.inTmx[j]:
			for j >= lo && a.inTmx[j] {
				j--
			}
			if j >= lo && timePreps[sc.low(j)] {
				j--
			}
			continue
		case w == ")":
			k := j - 1
			for k >= lo && k > j-10 && sc.low(k) != "(" {
				k--
			}
			if k >= lo && sc.low(k) == "(" {
				j = k - 1
				continue
			}
		}
		break
	}
	if j < lo {
		return claimant{}
	}
	if sc.low(j) == "and" && j-1 >= lo {
		// "he put the number at ... and said": the subject of the sentence
		return a.sentenceSubject(lo, j)
	}
	if (sc.low(j) == "which" || sc.low(j) == "who") && j-2 >= lo && sc.text(j-1) == "," {
		// "..., according to the IOM, which said": the word before the clause
		return a.npEnding(j-2, lo)
	}
	if sc.text(j) == "," {
		// an apposition: "X, head of Y, said"
		k := j - 1
		for k >= lo && k > j-16 && sc.text(k) != "," {
			k--
		}
		inner := claimant{}
		if k+1 <= j-1 {
			inner = a.npEnding(j-1, k+1)
		}
		outer := claimant{}
		if k >= lo && sc.text(k) == "," && k-1 >= lo {
			outer = a.npEnding(k-1, lo)
		}
		switch {
		case inner.person && inner.id != "":
			return inner
		case outer.person && outer.id != "":
			return outer
		case outer.ok() && outer.id != "":
			return outer
		case inner.ok() && inner.id != "":
			return inner
		case outer.ok() || outer.pronoun != "":
			return outer
		}
		return inner
	}
	return a.npEnding(j, lo)
}

var timePreps = set(`on in at late early earlier last this since by`)

// sentenceSubject is the first noun phrase of the clause [lo, end) after an
// opening adverbial ("On Sunday, he ...").
func (a *analysis) sentenceSubject(lo, end int) claimant {
	sc := a.sc
	start := lo
	for t := lo; t < end && t < lo+8; t++ {
		if sc.text(t) == "," {
			start = t + 1
			break
		}
	}
	if start >= end {
		return claimant{}
	}
	if _, ok := pronouns[sc.low(start)]; ok {
		return claimant{pronoun: sc.low(start)}
	}
	if m, ok := a.startA[start]; ok {
		return a.entityClaimant(m)
	}
	return claimant{}
}

// clauseSubject is the subject of the clause that a participle of saying
// at v hangs from: "The IOM gave a higher figure, saying ...", "The UN
// migration agency, the IOM, gave ..., saying ...". An entity named in an
// apposition stands for a description before it.
func (a *analysis) clauseSubject(lo, v int) claimant {
	sc := a.sc
	start := lo
	if a.inTmx[lo] || timePreps[sc.low(lo)] {
		// an opening adverbial: "On Tuesday, the IOM ..."
		for t := lo; t < v && t < lo+8; t++ {
			if sc.text(t) == "," {
				start = t + 1
				break
			}
		}
	}
	for start < v && determiners[sc.low(start)] {
		start++
	}
	if start >= v || sc.toks[start].Kind != tokens.Word {
		return claimant{}
	}
	if _, ok := pronouns[sc.low(start)]; ok {
		return claimant{pronoun: sc.low(start)}
	}
	var who claimant
	end := -1
	if m, ok := a.startA[start]; ok {
		if e := a.ents[m.ent]; e.Type == document.Person || e.Type == document.Org || e.Type == document.Media {
			who, end = a.entityClaimant(m), a.tokenAt(m.end)-1
		}
	}
	if end < 0 {
		// a description: "the UN migration agency"
		for t := start; t < v && t-start < 6; t++ {
			if sc.toks[t].Kind != tokens.Word || npStop[sc.low(t)] || determiners[sc.low(t)] {
				break
			}
			if claimantHeads[sc.low(t)] {
				end = t
			}
		}
		if end < 0 {
			return claimant{}
		}
		who = a.describe(end, start, false)
	}
	// an apposition: "The UN migration agency, the IOM, gave"
	if who.id == "" && end+2 < v && sc.text(end+1) == "," {
		t := end + 2
		for t < v && determiners[sc.low(t)] {
			t++
		}
		if m, ok := a.startA[t]; ok {
			if e := a.ents[m.ent]; e.Type == document.Person || e.Type == document.Org || e.Type == document.Media {
				if x := a.tokenAt(m.end); x < v && sc.text(x) == "," {
					return a.entityClaimant(m)
				}
			}
		}
	}
	return who
}

// npEnding reads the noun phrase that ends at token j (not before lo):
// an entity mention, a pronoun, or a description with a claimant head.
func (a *analysis) npEnding(j, lo int) claimant {
	sc := a.sc
	if j < lo || sc.toks[j].Kind != tokens.Word {
		return claimant{}
	}
	w := sc.low(j)
	if _, ok := pronouns[w]; ok {
		return claimant{pronoun: w}
	}
	if m, ok := a.endAt[j]; ok {
		e := a.ents[m.ent]
		switch e.Type {
		case document.Person, document.Org, document.Media:
			return a.entityClaimant(m)
		case document.GPE, document.Loc:
			// "the governor of Kharkiv": the phrase, not the place
			st := a.tokenAt(m.start)
			if st-1 >= lo && (sc.low(st-1) == "of" || sc.low(st-1) == "in" || sc.low(st-1) == "for") {
				return a.describe(st-2, lo, true)
			}
			return a.entityClaimant(m)
		}
	}
	if claimantHeads[w] {
		return a.describe(j, lo, false)
	}
	if sc.isCap(j) {
		// an unknown name: the capitalised words before the verb
		k := j
		for k-1 >= lo && j-k < 8 {
			if sc.isCap(k - 1) {
				k--
				continue
			}
			// "Committee to Protect Journalists", "Organization for Migration"
			if nameJoiners[sc.low(k-1)] && k-2 >= lo && sc.isCap(k-2) {
				k -= 2
				continue
			}
			break
		}
		if k == a.sents[a.sentOf[j]].First && k == j {
			return claimant{} // "Officials said" is handled above; one capitalised word opening the sentence
		}
		for k < j && determiners[sc.low(k)] {
			k++
		}
		return claimant{name: a.text[sc.toks[k].Start:sc.toks[j].End], start: sc.toks[k].Start, end: sc.toks[j].End}
	}
	return claimant{}
}

// describe reads a description that ends at token j: "Russian
// authorities", "the interior ministry officials", "Ukraine's state
// emergency service", "the governor of Kharkiv" (of set). An
// organisation named inside it is the claimant.
func (a *analysis) describe(j, lo int, ofPhrase bool) claimant {
	sc := a.sc
	if j < lo {
		return claimant{}
	}
	end := j
	if ofPhrase {
		// j is the token before "of X"; the phrase runs to X
		for end+1 < len(sc.toks) && a.sentOf[end+1] == a.sentOf[j] && sc.toks[end+1].Kind == tokens.Word &&
			!reportingVerbs[sc.low(end+1)] && end-j < 6 {
			end++
		}
	}
	if !claimantHeads[sc.low(j)] {
		return claimant{}
	}
	k := j
	for k-1 >= lo && j-k < 6 {
		x := sc.low(k - 1)
		if sc.toks[k-1].Kind != tokens.Word || npStop[x] {
			break
		}
		if determiners[x] {
			k--
			break
		}
		k--
	}
	for k < j && determiners[sc.low(k)] {
		k++
	}
	// an organisation inside: "the interior ministry officials"
	for t := j; t >= k; t-- {
		if m, ok := a.endAt[t]; ok && m.start >= sc.toks[k].Start {
			if e := a.ents[m.ent]; e.Type == document.Org || e.Type == document.Media {
				return a.entityClaimant(m)
			}
		}
	}
	name := a.text[sc.toks[k].Start:sc.toks[end].End]
	return claimant{name: name, person: personHead(sc.low(j)), start: sc.toks[k].Start, end: sc.toks[end].End}
}

// npAfter reads the claimant that starts at token j: "according to
// Palestinian health authorities", "said the ministry".
func (a *analysis) npAfter(j, hi int) claimant {
	sc := a.sc
	k := j
	for k < hi && determiners[sc.low(k)] {
		k++
	}
	if k >= hi {
		return claimant{}
	}
	if m, ok := a.startA[k]; ok {
		if e := a.ents[m.ent]; e.Type == document.Person || e.Type == document.Org || e.Type == document.Media {
			return a.entityClaimant(m)
		}
	}
	// a description: words up to a boundary, the last a claimant head
	end := -1
	for t := k; t < hi && t-k < 8; t++ {
		if sc.toks[t].Kind != tokens.Word {
			break
		}
		x := sc.low(t)
		if npStop[x] && x != "of" {
			break
		}
		if m, ok := a.startA[t]; ok && t > k {
			if e := a.ents[m.ent]; e.Type == document.Org || e.Type == document.Media {
				return a.entityClaimant(m)
			}
		}
		if claimantHeads[x] || sc.isCap(t) {
			end = t
		}
	}
	if end < 0 {
		return claimant{}
	}
	if m, ok := a.endAt[end]; ok {
		if e := a.ents[m.ent]; e.Type == document.Person || e.Type == document.Org || e.Type == document.Media {
			return a.entityClaimant(m)
		}
	}
	return claimant{name: a.text[sc.toks[k].Start:sc.toks[end].End], person: personHead(sc.low(end)),
		start: sc.toks[k].Start, end: sc.toks[end].End}
}

func (a *analysis) entityClaimant(m mention) claimant {
	e := a.ents[m.ent]
	return claimant{id: e.ID, name: e.Name, person: e.Type == document.Person, start: m.start, end: m.end}
}

// tokenAt is the index of the token that starts at byte offset off.
func (a *analysis) tokenAt(off int) int {
	toks := a.sc.toks
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// resolve finds the claimant a pronoun stands for: the latest claimant of
// the same kind heard in the three sentences before (a person for he and
// she), from this stage's attributions and the quote stage's speakers.
func (a *analysis) resolve(pronoun string, off, si int) claimant {
	wantPerson := pronouns[pronoun] == "person"
	var best claimant
	bestAt := -1
	fits := func(c claimant) bool {
		if !c.ok() {
			return false
		}
		if wantPerson {
			return c.person
		}
		return !c.person
	}
	for i := len(a.heard) - 1; i >= 0; i-- {
		if a.heardS[i] < si-3 {
			break
		}
		if fits(a.heard[i]) && a.heard[i].end <= off {
			best, bestAt = a.heard[i], a.heard[i].end
			break
		}
	}
	minOff := 0
	if si-3 >= 0 {
		minOff = a.sents[si-3].Start
	}
	for _, q := range a.quotes {
		if q.End > off || q.Start < minOff || q.Start <= bestAt {
			continue
		}
		if c := a.speaker(q); fits(c) {
			best, bestAt = c, q.Start
		}
	}
	return best
}

// personHead: a description's head names a person ("a police spokesman").
func personHead(w string) bool {
	return personHeads[strings.ToLower(w)]
}

var personHeads = set(`spokesman spokeswoman spokesperson official minister president governor mayor
	chief head director coroner prosecutor teacher witness resident adviser advisor aide
	commissioner commander secretary chairman chairwoman chair leader ambassador envoy`)

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// locate sets the place and date of c.
func (a *analysis) locate(c *cand, before []*cand) {
	s := a.sents[c.sent]
	f := &c.fig
	var claimStart, claimEnd int
	if f.ClaimedByName != nil {
		if i := strings.Index(a.text[s.Start:s.End], *f.ClaimedByName); i >= 0 {
			claimStart, claimEnd = s.Start+i, s.Start+i+len(*f.ClaimedByName)
		}
	}
	best, bestD := "", 1<<30
	for _, p := range a.places {
		if p.start < s.Start || p.end > s.End || (p.start >= claimStart && p.end <= claimEnd && claimEnd > 0) {
			continue
		}
		d := 0
		switch {
		case p.start >= f.End:
			d = p.start - f.End
		case p.end <= f.Start:
			d = 2 * (f.Start - p.end) // after the figure wins a tie: "killed ... in Kharkiv"
		}
		if d < bestD {
			best, bestD = p.id, d
		}
	}
	if best == "" {
		for i := len(before) - 1; i >= 0; i-- {
			b := before[i]
			if a.para[b.sent] != a.para[c.sent] {
				break
			}
			if b.fig.Place != nil {
				best = *b.fig.Place
				break
			}
		}
	}
	f.Place = document.Str(best)
	date := ""
	// only the expressions of the sentence: DateOf reads all it is given
	i := sort.Search(len(a.tmx), func(i int) bool { return a.tmx[i].End > s.Start })
	j := i
	for j < len(a.tmx) && a.tmx[j].Start < s.End {
		j++
	}
	if m, ok := dateOf(a.text, a.tmx[i:j], f.Start, f.End); ok {
		date = m
	} else if !a.in.Published.IsZero() {
		date = a.in.Published.Format("2006-01-02")
	}
	f.Date = document.Str(date)
}

// dedupe keeps one figure of each count: the same category, numbers or
// vague word, and place (or no place on one side). The occurrence with
// the most explicit claimant stays, the first of equals.
func dedupe(cs []*cand) []*cand {
	keep := make([]bool, len(cs))
	for i := range cs {
		keep[i] = true
	}
	for i, c := range cs {
		if !keep[i] {
			continue
		}
		for j := i + 1; j < len(cs); j++ {
			d := cs[j]
			if !keep[j] || !sameCount(c.fig, d.fig) {
				continue
			}
			if d.claimLevel > c.claimLevel {
				keep[i] = false
				break
			}
			keep[j] = false
		}
	}
	out := cs[:0]
	for i, c := range cs {
		if keep[i] {
			out = append(out, c)
		}
	}
	return out
}

func sameCount(f, g document.Figure) bool {
	if f.Category != g.Category || !eqInt(f.Min, g.Min) || !eqInt(f.Max, g.Max) || !eqStr(f.Vague, g.Vague) {
		return false
	}
	return f.Place == nil || g.Place == nil || *f.Place == *g.Place
}

func eqInt(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
func eqStr(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// nameJoiners: lower-case words inside organisation names.
var nameJoiners = set(`of for to the and on de del`)

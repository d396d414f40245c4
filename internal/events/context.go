package events

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/timex"
	"github.com/sitrep/sitrep/internal/tokens"
)

// Status cues, read in the words of the sentence before the trigger.
var (
	reNegated      = regexp.MustCompile(`(?i)\b(?:not|n't|never|no longer|denied|denies|without|neither|nor)\s+(?:\w+\s+){0,5}$|\b(?:no|zero)\s+(?:\w+\s+)?$`)
	reAttempt      = regexp.MustCompile(`(?i)\b(?:tried|trying|attempt(?:ed|ing|s)?|sought|seeking)\s+to\s+(?:\w+\s+){0,3}$|\b(?:an? )?(?:earlier |failed )?attempts?\s+to\s+(?:\w+\s+){0,3}$`)
	reFuture       = regexp.MustCompile(`(?i)\b(?:will|would|'ll|shall|plans? to|planned|planning to|is expected to|are expected to|set to|due to|going to|scheduled|to be held|next week|ahead of|upcoming|intends? to|prepar(?:ing|es) to|ready to)\s+(?:\w+\s+){0,4}$`)
	reHypothetical = regexp.MustCompile(`(?i)\b(?:could|may|might|possible|possibly|if|unless|risk of|threat of|fears? of|feared|warned (?:that|of)|in case of|potential|likely to)\s+(?:\w+\s+){0,4}$`)
)

// reModalAfter: a modal right after the trigger ("talks may resume").
var reModalAfter = regexp.MustCompile(`(?i)^\S*\s+(?:\w+\s+){0,3}?(?:may|might|could)\s+(?:resume|take place|go ahead|begin|start|happen|continue)\b`)
var reFutureAfter = regexp.MustCompile(`(?i)^\S*\s+(?:\w+\s+){0,3}?(?:will|would|is due to|are due to|is set to|are set to|is scheduled to|are scheduled to)\s+(?:resume|take place|go ahead|begin|start|be held|open|continue)\b`)

// statusCues: a clause holding none of them is asserted.
var statusCues = []string{"not", "n't", "never", "no ", "zero", "denie", "without", "neither", "nor ", "tried", "trying",
	"attempt", "sought", "seeking", "will", "would", "'ll", "shall", "plan", "expect", "set to", "due to", "going to",
	"schedul", "to be held", "next", "ahead of", "upcoming", "intend", "prepar", "ready to", "could", "may", "might",
	"possib", "if ", "unless", "risk", "threat", "fear", "warned", "in case", "potential", "likely"}

func hasStatusCue(clause string) bool {
	for _, c := range statusCues {
		if strings.Contains(clause, c) {
			return true
		}
	}
	return false
}

// statusAfter reads a modal or future verb that follows the trigger.
func statusAfter(after string) string {
	if len(after) > 80 {
		after = after[:80]
	}
	switch {
	case reModalAfter.MatchString(after):
		return "hypothetical"
	case reFutureAfter.MatchString(after):
		return "future"
	}
	return "asserted"
}

// statusOf reads whether the words before a trigger deny, suppose, plan or
// only attempt it.
func statusOf(before string) string {
	clause := before
	if i := strings.LastIndexAny(clause, ",;:—–("); i >= 0 && len(clause)-i < 60 {
		// the trigger's own clause, unless the break is far back
		clause = clause[i+1:]
	}
	if len(clause) > 90 {
		clause = clause[len(clause)-90:]
	}
	if !hasStatusCue(clause) {
		return "asserted"
	}
	switch {
	case reNegated.MatchString(clause):
		return "negated"
	case reAttempt.MatchString(clause):
		return "reported_attempt"
	case reFuture.MatchString(clause):
		return "future"
	case reHypothetical.MatchString(clause):
		return "hypothetical"
	}
	return "asserted"
}

// placeFor picks the place a sentence's event happened: in the trigger's
// own clause, after a locative preposition, a town before a country,
// nearest the trigger. People fleeing go to places they did not flee from.
func (a *article) placeFor(s tokens.Sentence, start, end int, class string) *document.Place {
	clauseStart, clauseEnd := a.clause(s, start, end)
	var best *document.Place
	bestScore := -1 << 30
	for _, r := range a.places {
		if r.start < s.Start || r.end > s.End {
			continue
		}
		before := a.text[max(s.Start, r.start-40):r.start]
		locative, destination, venue := prepsBefore(before)
		if class == "displacement" && (destination ||
			r.start > end && strings.Contains(a.text[end:r.start], " to ")) {
			continue // "fled to Poland, Hungary": where they went
		}
		if (class == "negotiation" || class == "agreement") && (!venue || r.start < end || r.start-end > 60) {
			continue // only "talks in X" names where talks were; "a cease-fire in Ukraine" does not
		}
		score := 0
		if r.start >= clauseStart && r.end <= clauseEnd {
			score += 2000
		}
		if locative {
			score += 400
		}
		// a town or district tells more than a country
		if r.place.Precision == 1 {
			score += 300
		} else if r.place.Feature != "country" {
			score += 150
		}
		dist := r.start - end
		if dist < 0 {
			dist = start - r.end
		}
		score -= dist
		if score > bestScore {
			best, bestScore = r.place, score
		}
	}
	return best
}

// breakWords open a new clause (the words are matched in lower case with
// the spaces around them); a semicolon or a spaced dash does too.
var breakWords = []string{" as ", " while ", " whereas ", " but ", " after ", " before ", " when ", " although ",
	" though ", " since ", " because ", ", in response to ", ", in the wake of ", ", following ", ", which ", ", who ", ", and ",
	"; ", " -- ", " — "}

// clauseBreaks returns the offsets (plus base) of the clause breaks of a
// lower-case sentence.
func clauseBreaks(lower string, base int) []int {
	var out []int
	for _, w := range breakWords {
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			out = append(out, base+from+i)
			from += i + len(w)
		}
	}
	return out
}

// prepsBefore reads the prepositions among the last three words before a
// place: locative ("in", "near", "of"), destination ("to", "into") and
// venue ("in", "at", "hosted by").
func prepsBefore(before string) (locative, destination, venue bool) {
	words := strings.Fields(strings.ToLower(before))
	if n := len(words); n > 3 {
		words = words[n-3:]
	}
	for i, w := range words {
		switch w {
		case "in", "on", "at", "near", "over", "across", "outside", "around", "of", "from", "through", "throughout",
			"inside", "within", "hit", "struck":
			locative = true
		}
		switch w {
		case "to", "into", "towards", "toward", "for", "reached":
			destination = true
		case "in", "at", "host":
			venue = true
		case "by":
			venue = venue || i > 0 && words[i-1] == "hosted"
		}
	}
	return
}

// clause returns the bounds of the clause around a trigger.
func (a *article) clause(s tokens.Sentence, start, end int) (int, int) {
	cs, ce := s.Start, s.End
	breaks, ok := a.breaks[s.Start]
	if !ok {
		breaks = clauseBreaks(a.masked[s.Start:s.End], s.Start)
		a.breaks[s.Start] = breaks
	}
	for _, at := range breaks {
		if at < start && at > cs {
			cs = at
		}
		if at >= end && at < ce {
			ce = at
		}
	}
	return cs, ce
}

// carriesPlace: classes whose following sentences often keep talking about
// the same place without naming it again.
func (a *article) carriesPlace(class string) bool {
	switch class {
	case "attack", "armed_clash", "disaster", "riot", "protest", "violence_against_civilians", "arrest":
		return true
	}
	return false
}

// fallbackPlace is, for a sentence that names no place, the dateline's
// place, else the place the article names most.
func (a *article) fallbackPlace(s tokens.Sentence) *document.Place {
	if d := a.in.Dateline; d != nil && d.Place != nil {
		for _, part := range strings.Split(*d.Place, ",") {
			if p := a.byName[strings.ToLower(strings.TrimSpace(part))]; p != nil {
				return p
			}
		}
	}
	var best *document.Place
	for i := range a.in.Places {
		p := &a.in.Places[i]
		if best == nil || len(p.Mentions) > len(best.Mentions) {
			best = p
		}
	}
	return best
}

// countryOfDemonym finds the article's place for the country of an
// adjective: "Ukrainian" -> the place "Ukraine", when the article names it.
func (a *article) countryOfDemonym(adj string) *document.Place {
	adj = strings.TrimSuffix(adj, "s")
	for i := range a.in.Places {
		p := &a.in.Places[i]
		if p.Feature != "country" {
			continue
		}
		name := strings.ToLower(p.Name)
		low := strings.ToLower(adj)
		// "Ukrainian" ~ "Ukraine", "Russian" ~ "Russia", "Israeli" ~ "Israel"
		if len(name) >= 4 && strings.HasPrefix(low, name[:len(name)-1]) {
			return p
		}
	}
	return nil
}

// reBackground: an event told as the cause or start of the story's events
// ("since three girls were stabbed", "in the wake of the attack"), whose
// day the sentence does not give.
var reBackground = regexp.MustCompile(`(?i)\b(?:since|in the wake of|in response to|after|following)\s+(?:\w+\s+){0,6}$`)

// dateFor is the day of the event: a time expression of its clause, else,
// for an event told as background, no day, else the publication date.
func (a *article) dateFor(s tokens.Sentence, start, end int) (string, string) {
	if m, ok := timex.DateOf(a.text, a.times, start, end); ok && a.governs(s, m, start, end) {
		return m.Value, m.Precision
	}
	if reBackground.MatchString(a.text[max(s.Start, start-80):start]) {
		return "", ""
	}
	if !a.in.Published.IsZero() {
		return a.in.Published.Format("2006-01-02"), timex.Day
	}
	return "", ""
}

// governs: a time expression dates a trigger when it stands in the
// trigger's clause or close to it, and is not a "since" or "until" bound.
func (a *article) governs(s tokens.Sentence, m timex.Mention, start, end int) bool {
	if m.Prep == "since" || m.Prep == "until" || m.Prep == "till" {
		return false
	}
	// "since the violence erupted this weekend": the day of another event
	if m.Start > start && reBackground.MatchString(a.text[max(start, m.Start-80):m.Start]) {
		return false
	}
	cs, ce := a.clause(s, start, end)
	if m.Start >= cs && m.End <= ce {
		return true
	}
	d := m.Start - end
	if d < 0 {
		d = start - m.End
	}
	return d <= 60
}

// reNationwide: the event happened across the country.
var reNationwide = regexp.MustCompile(`(?i)\b(?:across the country|around the country|up and down the country|nationwide|across the nation|throughout the country|across (?:britain|the uk|england))\b`)

// focusCountry is the country place the article names most.
func (a *article) focusCountry() *document.Place {
	var best *document.Place
	for i := range a.in.Places {
		p := &a.in.Places[i]
		if p.Feature == "country" && (best == nil || len(p.Mentions) > len(best.Mentions)) {
			best = p
		}
	}
	return best
}

// recentPlace is the place named last before offset at, within a few
// sentences: where a story goes on without naming its place again.
func (a *article) recentPlace(at int) *document.Place {
	var best *document.Place
	for _, r := range a.places {
		if r.start >= at {
			break
		}
		if at-r.end < 500 && r.place.Feature != "country" {
			best = r.place
		}
	}
	return best
}

// listedWith returns the other places named in a list with the event's
// place ("in Sunderland, Hull and Bristol"), for the classes that happen in
// many places at once.
func (a *article) listedWith(s tokens.Sentence, place *document.Place, class string) []*document.Place {
	switch class {
	case "riot", "protest", "attack", "disaster", "arrest":
	default:
		return nil
	}
	if place == nil {
		return nil
	}
	var refs []placeRef
	for _, r := range a.places {
		if r.start >= s.Start && r.end <= s.End {
			refs = append(refs, r)
		}
	}
	at := -1
	for i, r := range refs {
		if r.place == place {
			at = i
			break
		}
	}
	if at < 0 {
		return nil
	}
	var out []*document.Place
	for i := at + 1; i < len(refs); i++ {
		gap := a.text[refs[i-1].end:refs[i].start]
		if !listGap(gap) {
			break
		}
		if refs[i].place != place && refs[i].place.Precision == place.Precision {
			out = append(out, refs[i].place)
		}
	}
	for i := at - 1; i >= 0; i-- {
		gap := a.text[refs[i].end:refs[i+1].start]
		if !listGap(gap) {
			break
		}
		if refs[i].place != place && refs[i].place.Precision == place.Precision {
			out = append(out, refs[i].place)
		}
	}
	return out
}

func listGap(gap string) bool {
	switch strings.TrimSpace(gap) {
	case ",", "and", ", and", "&", "or", ", or":
		return true
	}
	return false
}

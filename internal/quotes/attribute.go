package quotes

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/tokens"
)

// attribute finds who said a quote: in the words after it (`," he
// said`), else in the words before it (`Kirby said: "`).
func (f *finder) attribute(s span, spans []span, si int, left string, paras []paragraph) *who {
	right := f.rightContext(s, spans, si, paras)
	rightAt := s.end
	if s.close >= 0 {
		_, size := utf8.DecodeRuneInString(f.text[s.close:])
		rightAt = s.close + size
	}
	if w := f.matchPhrase(reAfterSpeakerVerb, right, rightAt); w != nil {
		return w
	}
	if w := f.matchPhrase(reAfterVerbSpeaker, right, rightAt); w != nil {
		return w
	}
	leftAt := s.open - len(left)
	if w := f.matchPhrase(reBeforeAccording, left, leftAt); w != nil {
		return w
	}
	// the attribution before a quote stands in the last words before it
	near, nearAt := left, leftAt
	if cut := runeCut(left, max(0, len(left)-260)); cut > 0 {
		near, nearAt = left[cut:], leftAt+cut
	}
	if w := f.matchPhrase(reBeforeSpeakerVerb, near, nearAt); w != nil {
		return w
	}
	// a partial quote inside a sentence whose subject speaks: "Joshua
	// Simmons, a lawyer for the State Department, argued there is no
	// requirement ... “to conduct activities ...”"
	sentence, sentenceAt := f.sentenceBefore(s, paras)
	if w := f.matchPhrase(reSubjectVerb, sentence, sentenceAt); w != nil {
		return w
	}
	// "The 80-year-old, a member of ...: “" — a description of the person
	// just named
	if t := strings.TrimSpace(left); strings.HasSuffix(t, ":") && reAnaphor.MatchString(t) {
		return f.pronoun(s.open)
	}
	// a partial quote in a sentence whose subject is a named entity:
	// "Israel ..., rejected the questions as “patently biased”"
	if hasWords(left) {
		return f.sentenceSubject(sentenceAt, s.open)
	}
	return nil
}

// reAnaphor: a definite description standing for a person named before.
var reAnaphor = regexp.MustCompile(`(?i)^the\s+(?:\d+-year-old|woman|man|mother|father|girl|boy|teenager|pensioner|grandmother|grandfather|resident|witness|survivor|widow|nurse|teacher|volunteer|owner)\b`)

// sentenceSubject returns the entity named at the start of the sentence
// (after a leading phrase such as "Last August,"), if one is.
func (f *finder) sentenceSubject(from, to int) *who {
	lead := from
	if i := strings.Index(f.text[from:to], ", "); i >= 0 && i < 40 {
		lead = from + i + 2
	}
	for _, r := range f.refsFrom(from) {
		if r.start >= to {
			break
		}
		if f.insideQuote(r.start) {
			continue
		}
		switch r.ent.Type {
		case document.Person, document.Org, document.Media, document.GPE:
		default:
			continue
		}
		gapFrom := lead
		if r.start < lead {
			gapFrom = from
		}
		gap := strings.ToLower(strings.TrimSpace(f.text[gapFrom:r.start]))
		if gap == "" || gap == "the" {
			return &who{id: r.ent.ID, name: r.ent.Name, person: r.ent.Type == document.Person}
		}
		return nil
	}
	return nil
}

// sentenceBefore is the text from the start of the quote's sentence to its
// opening mark, earlier quotes of the sentence included.
func (f *finder) sentenceBefore(s span, paras []paragraph) (string, int) {
	p := paras[s.para]
	lo := max(p.start, s.open-window)
	for lo < s.open && !utf8Start(f.text[lo]) {
		lo++
	}
	from := lo
	if i := lastSentenceEnd(f.text[lo:s.open]); i >= 0 {
		from = lo + i
	}
	return f.text[from:s.open], from
}

// matchPhrase runs re on ctx (which starts at offset at in the text) and
// resolves its speaker group.
func (f *finder) matchPhrase(re *regexp.Regexp, ctx string, at int) *who {
	m := re.FindStringSubmatchIndex(ctx)
	if m == nil {
		return nil
	}
	i := re.SubexpIndex("speaker")
	if m[2*i] < 0 {
		return nil
	}
	start, end := m[2*i], m[2*i+1]
	phrase := ctx[start:end]
	// the subject of a longer clause: "..., while Ukrainian presidential
	// adviser Mikhaylo Podolyak" -> after the last comma-free break
	if k := strings.LastIndexAny(phrase, ",;"); k >= 0 {
		start += k + 1
		phrase = ctx[start:end]
	}
	trimmed := strings.TrimSpace(phrase)
	lead := strings.Index(phrase, trimmed)
	start += lead
	phrase = trimmed
	if phrase == "" || !plausibleSpeaker(phrase) || passive(phrase) {
		return nil
	}
	w := f.resolve(at+start, at+start+len(phrase), phrase)
	if ai := re.SubexpIndex("appos"); ai >= 0 && m[2*ai] >= 0 && (w == nil || !w.person) {
		// "The Leader of Burnley Council, Councillor X," -> X
		if aw := f.resolve(at+m[2*ai], at+m[2*ai+1], ctx[m[2*ai]:m[2*ai+1]]); aw != nil && aw.person {
			return aw
		}
	}
	return w
}

// plausibleSpeaker rejects phrases that are clauses, not speakers.
func plausibleSpeaker(p string) bool {
	words := strings.Fields(p)
	if len(words) > 14 {
		return false
	}
	switch strings.ToLower(words[0]) {
	case "it":
		return len(words) == 1
	case "this", "that", "which", "there", "what", "who", "when", "where", "after", "before", "as", "while",
		"because", "since", "if", "in", "on", "at", "for", "with", "by", "to", "from", "of", "amid", "despite",
		"between", "and", "but", "or", "so", "than", "although", "though", "until", "unless", "whether":
		return false
	}
	return true
}

// passive: "Family doctors have been urged to ‘...’" — the subject of a
// passive verb did not say the words.
func passive(p string) bool {
	low := strings.ToLower(p)
	for _, w := range []string{" been", " be", " being", " was", " were", " is", " are", " get", " got"} {
		if strings.HasSuffix(low, w) {
			return true
		}
	}
	return false
}

// describers open a description of a speaker who is not the entity named
// inside it: "an aide to Ukrainian President Volodymyr Zelensky".
var reDescription = regexp.MustCompile(`(?i)^(?:an?|one|another|two|three|several|some)\s+(?:[\p{L}-]+\s+){0,3}?(?:to|of|for|from|at|with|close to|in)\s+`)

// resolve turns a speaker phrase at [start, end) into a speaker.
func (f *finder) resolve(start, end int, phrase string) *who {
	low := strings.ToLower(phrase)
	if low == "it" || low == "they" {
		if w := f.lastBody(); w != nil {
			return w // "It also promised ...": the organisation named before
		}
	}
	if rePronoun.MatchString(low) {
		return f.pronoun(start)
	}
	if reDescription.MatchString(phrase) {
		return &who{name: phrase}
	}
	var person, other *document.Entity
	for _, r := range f.refsFrom(start) {
		if r.start >= end {
			break
		}
		if r.end > end {
			continue
		}
		switch r.ent.Type {
		case document.Person:
			person = r.ent // the last person named is the head: "adviser Anton Gerashchenko"
		case document.Org, document.Media, document.GPE:
			if r.ent.Type == document.GPE && afterPreposition(f.text[start:r.start]) {
				continue // "Doctors at the hospital in Kramatorsk": the doctors, not the town
			}
			if other == nil {
				other = r.ent
			}
		}
	}
	if person != nil {
		return &who{id: person.ID, name: person.Name, person: true}
	}
	// "Plymouth MP", "Manchester mayor": a role, held by the person the
	// article gave that title
	if t := f.titleIn(phrase); t != "" {
		if p := f.personTitled(t); p != nil {
			return &who{id: p.ID, name: p.Name, person: true}
		}
		return &who{name: phrase}
	}
	if other != nil {
		return &who{id: other.ID, name: other.Name}
	}
	return &who{name: strings.TrimPrefix(strings.TrimPrefix(phrase, "the "), "The ")}
}

// afterPreposition: the words before a place in a speaker phrase end with
// a preposition, so the place is where the speaker is, not who speaks.
func afterPreposition(before string) bool {
	f := strings.Fields(before)
	if len(f) < 2 {
		return false
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "in", "at", "from", "near", "across", "outside", "inside":
		return true
	}
	return false
}

// roleWords are titles a speaker description may hold.
var roleWords = map[string]bool{"mp": true, "mayor": true, "minister": true, "president": true, "governor": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "chairman": true, "chairwoman": true, "chair": true,
	"leader": true, "chief": true, "ambassador": true, "envoy": true, "councillor": true, "senator": true,
	"commissioner": true, "secretary": true, "premier": true, "chancellor": true, "king": true, "queen": true}

// titleIn returns the role word a phrase holds, lower case, or "".
func (f *finder) titleIn(phrase string) string {
	for _, w := range strings.Fields(strings.ToLower(phrase)) {
		if roleWords[strings.Trim(w, "'’s,")] {
			return strings.Trim(w, "'’s,")
		}
	}
	return ""
}

// personTitled finds the one person whose titles hold the role word.
func (f *finder) personTitled(role string) *document.Entity {
	var found *document.Entity
	for _, e := range f.byID {
		if e.Type != document.Person {
			continue
		}
		for _, t := range e.Titles {
			if strings.Contains(strings.ToLower(t), role) {
				if found != nil && found != e {
					return nil // two people hold it: no telling
				}
				found = e
			}
		}
	}
	return found
}

// pronoun resolves "he", "she", "they" to the speaker of the quote before,
// or else to the last person named before the pronoun.
func (f *finder) pronoun(at int) *who {
	// a described speaker of the quote just before, whom no name stands
	// for: "..., the teacher added. She said: “..."
	if f.lastWho != nil && f.lastWho.id == "" && f.quoteOpen-f.lastWhoEnd < 400 && f.quoteOpen > f.lastWhoEnd {
		return f.lastWho
	}
	var last *document.Entity
	for _, r := range f.refsFrom(f.quoteOpen - 4*window) {
		if r.start >= f.quoteOpen {
			break
		}
		if r.ent.Type == document.Person && !f.insideQuote(r.start) {
			last = r.ent
		}
	}
	if last != nil {
		return &who{id: last.ID, name: last.Name, person: true}
	}
	return f.lastWho
}

// lastBody is the organisation named last before the quote, outside quotes.
func (f *finder) lastBody() *who {
	// the first body named in the sentence before: its subject, most often
	prev, ok := f.prevSentence(f.quoteOpen)
	if !ok {
		return nil
	}
	var owner *who
	for _, r := range f.refsFrom(prev.Start) {
		if r.start >= prev.End {
			break
		}
		if (r.ent.Type == document.Org || r.ent.Type == document.Media || r.ent.Type == document.GPE) && !f.insideQuote(r.start) {
			if r.ent.Type == document.GPE && possessive(f.text[r.end:prev.End]) {
				// "Mozambique's weather institute, INAM, ...": the body it owns
				if owner == nil {
					owner = &who{id: r.ent.ID, name: r.ent.Name}
				}
				continue
			}
			return &who{id: r.ent.ID, name: r.ent.Name}
		}
	}
	return owner
}

// possessive: the text after a name opens with "'s".
func possessive(after string) bool {
	return strings.HasPrefix(after, "'s ") || strings.HasPrefix(after, "’s ")
}

// prevSentence returns the sentence before the one holding offset at.
func (f *finder) prevSentence(at int) (tokens.Sentence, bool) {
	i := sort.Search(len(f.sents), func(i int) bool { return f.sents[i].End > at })
	if i <= 0 || i > len(f.sents) {
		return tokens.Sentence{}, false
	}
	return f.sents[i-1], true
}

// insideQuote reports an offset inside a quoted stretch.
func (f *finder) insideQuote(at int) bool {
	// the last span that starts at or before at
	i := sort.Search(len(f.spans), func(i int) bool { return f.spans[i].start > at }) - 1
	return i >= 0 && at < f.spans[i].end
}

// refsFrom returns the mentions that start at or after offset from.
func (f *finder) refsFrom(from int) []ref {
	i := sort.Search(len(f.refs), func(i int) bool { return f.refs[i].start >= from })
	return f.refs[i:]
}

// channelAndVia reads how the words came: "in a tweet", "wrote on
// Facebook", "in a televised address"; and through which outlet:
// "according to CNN", "told CNBC", "in an interview with Euronews".
func (f *finder) channelAndVia(window string) (*string, *string) {
	var channel, via *string
	low := strings.ToLower(window)
	if !hasAnyWord(low, channelCues) {
		// no channel named; an outlet only through its verbs
		if len(f.media) > 0 && hasAnyWord(low, viaCues) {
			via = f.viaIn(window)
		}
		return nil, via
	}
	if m := reChannel.FindStringSubmatch(window); m != nil {
		c := channelName(m[reChannel.SubexpIndex("channel")])
		channel = &c
	} else if m := reChannelVerb.FindStringSubmatch(window); m != nil {
		c := channelName(m[reChannelVerb.SubexpIndex("channel")])
		channel = &c
	}
	if len(f.media) > 0 {
		via = f.viaIn(window)
	}
	return channel, via
}

var (
	channelCues = []string{"tweet", "post", "address", "speech", "briefing", "conference", "interview", "statement",
		"letter", "op-ed", "podcast", "wrote on", "channel"}
	viaCues = []string{"according to", "told", "interview", "speaking to", "remarks to", "comments to", "said to"}
)

func hasAnyWord(s string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// viaIn finds the outlet a window relays words through.
func (f *finder) viaIn(window string) *string {
	for _, m := range reVia.FindAllStringSubmatch(window, -1) {
		name := strings.TrimRight(strings.TrimSpace(m[reVia.SubexpIndex("via")]), ".")
		if e := f.mediaNamed(name); e != nil {
			n := e.Name
			return &n
		}
	}
	return nil
}

// channelName normalises a channel phrase.
func channelName(c string) string {
	c = strings.ToLower(c)
	switch {
	case c == "tweeted" || c == "tweet" || strings.Contains(c, "twitter") || c == "post on x" || strings.HasSuffix(c, " on x"):
		return "tweet"
	case strings.Contains(c, "facebook"):
		return "Facebook post"
	case strings.Contains(c, "telegram"):
		return "Telegram post"
	case strings.Contains(c, "instagram"):
		return "Instagram post"
	case c == "press briefing":
		return "briefing"
	case c == "news conference":
		return "press conference"
	case c == "video address" || c == "address":
		return "televised address"
	}
	return c
}

// mediaNamed returns the outlet entity a name refers to.
func (f *finder) mediaNamed(name string) *document.Entity {
	for _, e := range f.media {
		for _, form := range append([]string{e.Name}, e.Aliases...) {
			if strings.EqualFold(form, name) || strings.HasPrefix(name, form+" ") {
				return e
			}
		}
	}
	return nil
}

// nameFromEntities links a headline quote's speaker description to an
// entity of the body when it names one exactly.
func (f *finder) nameFromEntities(q *document.Quote, ents []document.Entity) {
	if q.SpeakerName == nil || q.Speaker != nil {
		return
	}
	if reDescription.MatchString(*q.SpeakerName) {
		return
	}
	for i := range ents {
		e := &ents[i]
		if e.Type != document.Person && e.Type != document.Org && e.Type != document.Media {
			continue
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if strings.Contains(*q.SpeakerName, a) && len(a) > 3 {
				id, n := e.ID, e.Name
				q.Speaker, q.SpeakerName = &id, &n
				return
			}
		}
	}
}

// introSpeaker takes the person, else the organisation, that an
// introducing sentence names: "The Leader of Burnley Council, Councillor
// Afrasiab Anwar, has issued the following statement:".
func (f *finder) introSpeaker(start, end int) *who {
	var person, other *document.Entity
	for _, r := range f.refsFrom(start) {
		if r.start >= end {
			break
		}
		if r.end > end {
			continue
		}
		if r.ent.Type == document.Person && person == nil {
			person = r.ent
		} else if (r.ent.Type == document.Org || r.ent.Type == document.Media) && other == nil {
			other = r.ent
		}
	}
	if person != nil {
		return &who{id: person.ID, name: person.Name, person: true}
	}
	if other != nil {
		return &who{id: other.ID, name: other.Name}
	}
	return nil
}

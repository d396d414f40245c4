// Package quotes finds what people and organisations said in an article:
// direct quotes in any marks, partial quotes inside reported speech, quotes
// broken by their attribution or running over paragraphs, and reported
// speech; and who said each — a named entity, a description ("an aide to
// the president") or a pronoun resolved to the speaker before — with the
// channel (a tweet, a briefing) and the outlet it was relayed through.
package quotes

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/tokens"
)

// window bounds, in bytes, how far before and after a quote its speaker is
// looked for: enough for any sentence, and it keeps the work linear in the
// length of the text.
const window = 600

// MinWords is the shortest quote reported: shorter ones are scare quotes
// ("difficult", "roadmap"), kept out of the list.
const MinWords = 4

// ref is one entity mention, for finding who a phrase names.
type ref struct {
	start, end int
	ent        *document.Entity
}

// finder is the state for one text.
type finder struct {
	text     string
	refs     []ref // by start
	byID     map[string]*document.Entity
	lastWho  *who // the speaker of the previous quote
	lastPara int
	lastEnd  int
	spans    []span
	media    []*document.Entity // the outlets named, for "according to CNN"
	// quoteOpen is where the quote being attributed opens: a pronoun
	// refers to a person named before it.
	quoteOpen int
	sents     []tokens.Sentence
	// lastWhoEnd is where the last attributed quote ended.
	lastWhoEnd int
}

// who is a resolved speaker.
type who struct {
	id, name string
	person   bool
}

// Find returns the quotes of an article body, and of its headline and
// standfirst (marked In "title"/"deck", offsets into those fields).
func Find(text string, ents []document.Entity, title, deck string) []document.Quote {
	return FindSplit(text, nil, ents, title, deck)
}

// FindSplit is Find on a body already split into tokens and sentences (nil:
// split it here).
func FindSplit(text string, sp *tokens.Split, ents []document.Entity, title, deck string) []document.Quote {
	var out []document.Quote
	for _, part := range []struct{ in, text string }{{"title", title}, {"deck", deck}} {
		if part.text == "" {
			continue
		}
		f := newFinder(part.text, nil, nil)
		for _, q := range f.quotes() {
			q.In = part.in
			f.nameFromEntities(&q, ents)
			out = append(out, q)
		}
	}
	f := newFinder(text, ents, sp)
	body := f.quotes()
	// a standfirst repeated as the first paragraph: keep the body's copy
	kept := out[:0]
	for _, q := range out {
		dup := false
		for _, b := range body {
			if normQuote(b.Text) == normQuote(q.Text) {
				dup = true
			}
		}
		if !dup {
			kept = append(kept, q)
		}
	}
	out = append(kept, body...)
	out = append(out, f.reported(body)...)
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].In == "") != (out[j].In == "") {
			return out[i].In != ""
		}
		return out[i].Start < out[j].Start
	})
	for i := range out {
		out[i].ID = fmt.Sprintf("Q%d", i+1)
	}
	return out
}

func newFinder(text string, ents []document.Entity, sp *tokens.Split) *finder {
	f := &finder{text: text, byID: map[string]*document.Entity{}, lastPara: -10}
	for i := range ents {
		e := &ents[i]
		f.byID[e.ID] = e
		if e.Type == document.Media {
			f.media = append(f.media, e)
		}
		for _, m := range e.Mentions {
			f.refs = append(f.refs, ref{m.Start, m.End, e})
		}
	}
	sort.Slice(f.refs, func(i, j int) bool { return f.refs[i].start < f.refs[j].start })
	f.sents = tokens.Of(sp, text).Sentences
	return f
}

// quotes finds the direct and partial quotes.
func (f *finder) quotes() []document.Quote {
	var out []document.Quote
	var paraOf []int
	seen := map[string]bool{}
	spans := findSpans(f.text)
	f.spans = spans
	paras := paragraphs(f.text)
	for si, s := range spans {
		f.quoteOpen = s.open
		inner := strings.TrimSpace(f.text[s.start:s.end])
		if len(strings.Fields(inner)) < MinWords {
			continue
		}
		// a pull quote or summary box repeats a quote: report it once
		key := normQuote(inner)
		if seen[key] {
			continue
		}
		seen[key] = true
		q := document.Quote{Kind: "direct", Text: inner, Start: s.start, End: s.end}
		if s.unclosed {
			q.Flags = append(q.Flags, "unclosed")
		}
		pStart := paras[s.para].start
		left := f.leftContext(spans, si, pStart, s.open)
		if hasWords(left) && !strings.HasSuffix(strings.TrimSpace(left), ":") {
			q.Kind = "partial"
		}
		w := f.attribute(s, spans, si, left, paras)
		if w == nil && strings.TrimSpace(left) == "" && s.para > 0 {
			// "X has issued the following statement:" closing the paragraph
			// before a quote that opens its own
			prev := paras[s.para-1]
			intro := f.text[prev.start:prev.end]
			if strings.HasSuffix(strings.TrimSpace(intro), ":") && !strings.ContainsAny(intro, "\"“”") {
				if i := lastSentenceEnd(intro); i >= 0 {
					intro = intro[i:]
				}
				at := prev.end - len(intro)
				w = f.matchPhrase(reBeforeSpeakerVerb, intro, at)
				if w == nil {
					w = f.introSpeaker(at, prev.end)
				}
			}
		}
		heading := f.isHeading(s, paras)
		if w == nil && f.lastWho != nil && s.para-f.lastPara <= 1 && !hasWords(left) && !heading {
			w = f.lastWho // a quote that goes on: "... So many topics ..."
		}
		if w != nil {
			q.Speaker, q.SpeakerName = strPtr(w.id), strPtr(w.name)
			f.lastWho = w
			f.lastWhoEnd = s.end
		}
		if heading {
			q.Flags = append(q.Flags, "heading")
		} else {
			f.lastPara, f.lastEnd = s.para, s.end
		}
		window := f.sentenceWindow(s, paras)
		q.Channel, q.Via = f.channelAndVia(window)
		out = append(out, q)
		paraOf = append(paraOf, s.para)
	}
	// A live blog's heading quotes what the entry below it reports: its
	// speaker is the next quote's, within a few paragraphs.
	for i := range out {
		if out[i].Speaker != nil || out[i].SpeakerName != nil || !hasFlag(out[i], "heading") {
			continue
		}
		for j := i + 1; j < len(out) && paraOf[j]-paraOf[i] <= 3; j++ {
			if out[j].SpeakerName != nil {
				out[i].Speaker, out[i].SpeakerName = out[j].Speaker, out[j].SpeakerName
				break
			}
		}
	}
	return out
}

// isHeading: the quote stands in a short paragraph that reads as a
// headline — no full stop at its end, few words.
func (f *finder) isHeading(s span, paras []paragraph) bool {
	p := paras[s.para]
	if p.end-p.start > 300 {
		return false
	}
	t := strings.TrimSpace(f.text[p.start:p.end])
	return len(strings.Fields(t)) <= 20 && !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ".”") &&
		!strings.HasSuffix(t, ".\"") && !strings.HasSuffix(t, ",”")
}

func hasFlag(q document.Quote, flag string) bool {
	for _, f := range q.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// leftContext is the text of the sentence before the quote's opening mark,
// after the previous quote in the same paragraph.
func (f *finder) leftContext(spans []span, si, pStart, open int) string {
	from := max(pStart, open-window)
	if si > 0 && spans[si-1].close >= 0 && spans[si-1].close > from && spans[si-1].close < open {
		from = spans[si-1].close + 1
		for from < open && from < len(f.text) && !utf8Start(f.text[from]) {
			from++
		}
	}
	left := f.text[from:open]
	// only the sentence the quote stands in
	if i := lastSentenceEnd(left); i >= 0 {
		left = left[i:]
	}
	return left
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// lastSentenceEnd returns the index after the last ". " in s, or -1.
func lastSentenceEnd(s string) int {
	best := -1
	for _, sep := range []string{". ", "! ", "? "} {
		if i := strings.LastIndex(s, sep); i >= 0 && i+len(sep) > best {
			// "U.S. officials", "Mr. Smith": not an end
			if sep == ". " && i > 0 && (isAbbrevBefore(s[:i])) {
				continue
			}
			best = i + len(sep)
		}
	}
	return best
}

func isAbbrevBefore(s string) bool {
	j := strings.LastIndexAny(s, " (")
	w := strings.ToLower(s[j+1:])
	switch w {
	case "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "gov", "st", "u.s", "u.n", "u.k", "prof", "capt", "sgt":
		return true
	}
	return len(w) == 1
}

// rightContext is the text after the closing mark up to the end of its
// sentence or the next quote.
func (f *finder) rightContext(s span, spans []span, si int, paras []paragraph) string {
	if s.close < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(f.text[s.close:])
	from := s.close + size
	end := min(paras[s.para].end, from+window)
	if si+1 < len(spans) && spans[si+1].open < end && spans[si+1].open >= from {
		end = spans[si+1].open
	}
	r := f.text[from:end]
	if i := sentenceEndIn(r); i >= 0 {
		r = r[:i]
	}
	return r
}

// sentenceEndIn finds the first ". " (not after an abbreviation) in s.
func sentenceEndIn(s string) int {
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ') && i > 0 {
			if s[i] == '.' && isAbbrevBefore(s[:i]) {
				continue
			}
			return i + 1
		}
	}
	return -1
}

// sentenceWindow is the quote with its left and right context, where the
// channel and the outlet are named.
func (f *finder) sentenceWindow(s span, paras []paragraph) string {
	p := paras[s.para]
	lo := max(p.start, s.open-window)
	from := lo
	if i := lastSentenceEnd(f.text[lo:s.open]); i >= 0 {
		from = lo + i
	}
	end := min(p.end, max(s.end, s.open)+window)
	if s.close >= 0 && s.close+1 <= end {
		if i := sentenceEndIn(f.text[s.close+1 : end]); i >= 0 {
			end = s.close + 1 + i
		}
	}
	for from < end && !utf8Start(f.text[from]) {
		from++
	}
	for end < len(f.text) && !utf8Start(f.text[end]) {
		end++
	}
	return f.text[from:end]
}

// normQuote folds a quote's words for comparing copies.
func normQuote(s string) string {
	var sb strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		sb.WriteString(w)
		sb.WriteByte(' ')
	}
	return sb.String()
}

func hasWords(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

package quotes

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
)

var (
	// "X said (that) ...": the clause after the verb
	// (matched on the sentence's head; the clause is the rest)
	reReportedAfter = regexp.MustCompile(`^(?P<speaker>[^,.;:!?"“”]{2,100}?)\s+(?:also\s+|later\s+|previously\s+)?(?:said|says|told (?:reporters|journalists|staff|parliament|lawmakers|the court|a court|the council|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*)|warned|added|announced|claimed|stated|insisted|argued|noted|confirmed|wrote|tweeted|posted)\b(?:\s+on\s+\p{Lu}\p{L}+\b|\s+(?:in|on|at)\s+[^,]{1,60},)?\s+(?:that\s+)?`)
	// "..., X said." : the clause before the speaker
	// (matched on the sentence's tail; the clause is what stands before)
	reReportedBefore = regexp.MustCompile(`,\s+(?P<speaker>[^,.;:!?"“”]{2,80}?)\s+(?:said|says|reported|added|announced|claimed|warned|told \S+)(?:\s+[^,.]{0,60})?\.?$`)
	// "X, APPOSITION, said (that) ...": a name with a description or a
	// relative clause between it and its verb (matched on the head)
	reReportedAppos = regexp.MustCompile(`^(?P<speaker>[^,.;:!?"“”]{2,60}?),\s+[^,;:!?"“”]{2,160}?,\s+(?:also\s+|later\s+|previously\s+)?(?:said|says|told (?:reporters|journalists|the court|a court|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*)|warned|added|announced|claimed|stated|insisted|argued|noted|confirmed)\b(?:\s+on\s+\p{Lu}\p{L}+\b|\s+(?:in|on|at)\s+[^,]{1,60},)?\s+(?:that\s+)?`)
	// "According to X, ..."
	reAccording = regexp.MustCompile(`^(?i:according to)\s+(?P<speaker>[^,]{2,80}),\s+(?P<clause>[^"“”]{12,})$`)
)

// reported finds reported (indirect) speech in sentences without quote
// marks: "X said (that) ...", "..., X said", "According to X, ...".
func (f *finder) reported(direct []document.Quote) []document.Quote {
	var out []document.Quote
	// a pronoun reads the speaker of the last direct quote before it, not
	// the state the direct quotes left at the end of the text
	f.lastWho, f.lastWhoEnd = nil, 0
	di := 0
	for _, s := range f.sents {
		for ; di < len(direct) && direct[di].End <= s.Start; di++ {
			if w := f.whoOf(direct[di]); w != nil {
				f.lastWho, f.lastWhoEnd = w, direct[di].End
			}
		}
		sent := f.text[s.Start:s.End]
		if strings.ContainsAny(sent, "\"“”«»") || !hasReportingWord(sent) {
			continue
		}
		body := strings.TrimRight(sent, ".!? ")
		for _, shape := range reportedShapes(body) {
			spS, spE, cS, cE, ok := shape(body)
			if !ok || cE-cS < 12 {
				continue
			}
			sp := strings.TrimSpace(body[spS:spE])
			if !plausibleSpeaker(sp) || len(strings.Fields(sp)) > 8 {
				continue
			}
			spStart := s.Start + spS + strings.Index(body[spS:spE], sp)
			if cS > spE && body[spE] == ',' && !f.namesExactly(spStart, spStart+len(sp)) && !looksLikeSpeaker(sp) {
				continue // "X, APPOSITION, said": X must be a name or a speaker's description
			}
			f.quoteOpen = spStart // a pronoun refers to what comes before it
			w := f.resolve(spStart, spStart+len(sp), sp)
			if cS > spE && body[spE] == ',' && (w == nil || !w.person) {
				// "The regional governor, Pavlo Horbenko, said": the person
				if k := strings.IndexByte(body[spE+1:cS], ','); k > 0 {
					ap := strings.TrimSpace(body[spE+1 : spE+1+k])
					apStart := s.Start + spE + 1 + strings.Index(body[spE+1:], ap)
					if f.namesExactly(apStart, apStart+len(ap)) {
						if aw := f.resolve(apStart, apStart+len(ap), ap); aw != nil && aw.person {
							w = aw
						}
					}
				}
			}
			if w == nil || w.id == "" && !looksLikeSpeaker(sp) {
				continue
			}
			cStart, cEnd := s.Start+cS, s.Start+cE
			// "..., according to Newsweek" closes the clause, not part of it
			if k := strings.LastIndex(f.text[cStart:cEnd], ", according to "); k > 0 {
				cEnd = cStart + k
			}
			q := document.Quote{Kind: "indirect", Text: strings.TrimSpace(f.text[cStart:cEnd]), Start: cStart, End: cEnd}
			q.Speaker, q.SpeakerName = strPtr(w.id), strPtr(w.name)
			q.Channel, q.Via = f.channelAndVia(sent)
			out = append(out, q)
			break
		}
	}
	return out
}

// namesExactly: [start, end) is one mention of a person, an organisation
// or an outlet, a leading "the" aside.
func (f *finder) namesExactly(start, end int) bool {
	if strings.HasPrefix(f.text[start:end], "The ") || strings.HasPrefix(f.text[start:end], "the ") {
		start += 4
	}
	for _, r := range f.refsFrom(start) {
		if r.start > start {
			break
		}
		if r.end == end && (r.ent.Type == document.Person || r.ent.Type == document.Org || r.ent.Type == document.Media) {
			return true
		}
	}
	return false
}

// whoOf is the speaker of a quote already attributed, or nil.
func (f *finder) whoOf(q document.Quote) *who {
	if q.SpeakerName == nil {
		return nil
	}
	w := &who{name: *q.SpeakerName}
	if q.Speaker != nil {
		w.id = *q.Speaker
		if e, ok := f.byID[w.id]; ok {
			w.person = e.Type == document.Person
		}
	}
	return w
}

// shape finds a reported-speech shape in a sentence's body and returns the
// offsets of its speaker and its clause.
type shape func(body string) (spS, spE, cS, cE int, ok bool)

// reportedShapes picks the shapes a sentence can hold, by where its
// reporting words stand: "According to X, ...", "X said ...", "..., X said".
// Each expression reads only the head or the tail of the sentence.
func reportedShapes(body string) []shape {
	var res []shape
	if strings.HasPrefix(body, "According") || strings.HasPrefix(body, "according") {
		res = append(res, func(b string) (int, int, int, int, bool) {
			m := reAccording.FindStringSubmatchIndex(b)
			if m == nil {
				return 0, 0, 0, 0, false
			}
			return m[2], m[3], m[4], m[5], true
		})
	}
	head := body[:runeCut(body, min(len(body), 240))]
	if hasReportingWord(head[:runeCut(head, min(len(head), 130))]) {
		res = append(res, func(b string) (int, int, int, int, bool) {
			m := reReportedAfter.FindStringSubmatchIndex(head)
			if m == nil || strings.ContainsAny(b[m[1]:], "\"“”") {
				return 0, 0, 0, 0, false
			}
			return m[2], m[3], m[1], len(b), true
		})
	}
	if strings.Contains(head, ", ") && hasReportingWord(head) {
		res = append(res, func(b string) (int, int, int, int, bool) {
			m := reReportedAppos.FindStringSubmatchIndex(head)
			if m == nil || strings.ContainsAny(b[m[1]:], "\"“”") {
				return 0, 0, 0, 0, false
			}
			return m[2], m[3], m[1], len(b), true
		})
	}
	from := runeCut(body, max(0, len(body)-170))
	tail := body[from:]
	if hasReportingWord(tail[runeCut(tail, max(0, len(tail)-90)):]) && strings.Contains(body, ", ") {
		res = append(res, func(b string) (int, int, int, int, bool) {
			m := reReportedBefore.FindStringSubmatchIndex(tail)
			if m == nil {
				return 0, 0, 0, 0, false
			}
			return from + m[2], from + m[3], 0, from + m[0], true
		})
	}
	return res
}

// runeCut moves i back to the start of a rune.
func runeCut(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// hasReportingWord: the sentence holds a verb of saying or "according".
func hasReportingWord(s string) bool {
	for _, w := range []string{"said", "says", "told", "ccording", "warned", "added", "announced", "claimed",
		"stated", "insisted", "argued", "noted", "confirmed", "wrote", "tweeted", "posted", "reported"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// looksLikeSpeaker: a description of people or a body ("officials",
// "the ministry", "a spokesman for the army"), not any clause.
func looksLikeSpeaker(p string) bool {
	low := strings.ToLower(p)
	for _, w := range []string{"official", "administration", "company", "firm", "organisation", "organization",
		"operator", "airline", "union", "hospital", "court", "prosecutor", "spokes", "minister", "ministry", "police", "authorit", "government",
		"agency", "army", "military", "residents", "witness", "source", "analyst", "expert", "president", "governor",
		"mayor", "commander", "statement", "report", "council", "office", "service", "aide", "adviser", "advisor"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

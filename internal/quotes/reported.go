package quotes

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
)

var (
	// "X said (that) ...": the clause after the verb
	reReportedAfter = regexp.MustCompile(`^(?P<speaker>[^,.;:!?"“”]{2,100}?)\s+(?:also\s+|later\s+|previously\s+)?(?:said|says|told (?:reporters|journalists|staff|parliament|lawmakers|the court|a court|the council|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*)|warned|added|announced|claimed|stated|insisted|argued|noted|confirmed|wrote|tweeted|posted)\b(?:\s+(?:in|on|at)\s+[^,]{1,60},)?\s+(?:that\s+)?(?P<clause>[^"“”]{12,})$`)
	// "..., X said." : the clause before the speaker
	reReportedBefore = regexp.MustCompile(`^(?P<clause>[^"“”]{12,}?),\s+(?P<speaker>[^,.;:!?"“”]{2,80}?)\s+(?:said|says|reported|added|announced|claimed|warned|told \S+)(?:\s+[^,.]{0,60})?\.?$`)
	// "According to X, ..."
	reAccording = regexp.MustCompile(`^(?i:according to)\s+(?P<speaker>[^,]{2,80}),\s+(?P<clause>[^"“”]{12,})$`)
)

// reported finds reported (indirect) speech in sentences without quote
// marks: "X said (that) ...", "..., X said", "According to X, ...".
func (f *finder) reported() []document.Quote {
	var out []document.Quote
	for _, s := range f.sents {
		sent := f.text[s.Start:s.End]
		if strings.ContainsAny(sent, "\"“”«»") || !hasReportingWord(sent) {
			continue
		}
		body := strings.TrimRight(sent, ".!? ")
		for _, re := range reportedShapes(body) {
			m := re.FindStringSubmatchIndex(body)
			if m == nil {
				continue
			}
			si, ci := re.SubexpIndex("speaker"), re.SubexpIndex("clause")
			sp := strings.TrimSpace(body[m[2*si]:m[2*si+1]])
			if !plausibleSpeaker(sp) || len(strings.Fields(sp)) > 8 {
				continue
			}
			spStart := s.Start + m[2*si] + strings.Index(body[m[2*si]:m[2*si+1]], sp)
			w := f.resolve(spStart, spStart+len(sp), sp)
			if w == nil || w.id == "" && !looksLikeSpeaker(sp) {
				continue
			}
			cStart, cEnd := s.Start+m[2*ci], s.Start+m[2*ci+1]
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

// reportedShapes picks the expressions a sentence can match, by where its
// reporting words stand: "According to X, ...", "X said ...", "..., X said".
func reportedShapes(body string) []*regexp.Regexp {
	var res []*regexp.Regexp
	if strings.HasPrefix(body, "According") || strings.HasPrefix(body, "according") {
		res = append(res, reAccording)
	}
	head := body[:min(len(body), 130)]
	if hasReportingWord(head) {
		res = append(res, reReportedAfter)
	}
	tail := body[max(0, len(body)-90):]
	if hasReportingWord(tail) && strings.Contains(body, ", ") {
		res = append(res, reReportedBefore)
	}
	return res
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

package events

import (
	"regexp"
	"strings"
)

// trigger is a pattern that, found in a sentence, asserts (or denies, or
// supposes) an event of a class.
type trigger struct {
	class string
	re    *regexp.Regexp
	sub   string   // ACLED sub-type, when the words fix it
	cues  []string // lower-case stems one of which every match holds
}

// t compiles a trigger that matches lower-case text. cues are derived from
// the pattern's alternatives: their leading letters, so a sentence holding
// none of them is skipped without running the expression.
func t(class, sub, pattern string) trigger {
	return trigger{class: class, sub: sub, re: regexp.MustCompile(`\b(?:` + pattern + `)\b`), cues: cuesOf(pattern)}
}

// tc is t with hand-written cues, for patterns whose alternatives open
// with a group.
func tc(class, sub string, cues []string, pattern string) trigger {
	tr := t(class, sub, pattern)
	tr.cues = cues
	return tr
}

// cuesOf returns the leading literal letters (at least three) of each
// top-level alternative of a pattern.
func cuesOf(pattern string) []string {
	var cues []string
	depth, start := 0, 0
	alt := func(s string) {
		var b []byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'a' && c <= 'z' || c == ' ' || c == '-' {
				b = append(b, c)
				continue
			}
			break
		}
		cue := string(b)
		// a quantifier after the last letter makes it optional
		if len(cue) < len(s) && len(cue) > 0 && (s[len(cue)] == '?' || s[len(cue)] == '*') {
			cue = cue[:len(cue)-1]
		}
		if len(cue) > 6 {
			cue = cue[:6]
		}
		if len(cue) < 3 {
			cue = "" // no usable cue: always run
		}
		cues = append(cues, cue)
	}
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				alt(pattern[start:i])
				start = i + 1
			}
		}
	}
	alt(pattern[start:])
	for _, c := range cues {
		if c == "" {
			return nil
		}
	}
	return cues
}

// cueIndex maps a cue's first word (or its first six letters) to the
// triggers it guards; always lists the triggers without cues.
var cueIndex, always = func() (map[string][]int, []int) {
	idx := map[string][]int{}
	var all []int
	for i, tr := range triggers {
		if tr.cues == nil {
			all = append(all, i)
			continue
		}
		for _, c := range tr.cues {
			if j := strings.IndexByte(c, ' '); j > 0 {
				c = c[:j]
			}
			if len(c) > 6 {
				c = c[:6] // words are looked up by their first 3 to 6 letters
			}
			idx[c] = append(idx[c], i)
		}
	}
	return idx, all
}()

// candidates returns, for each trigger a lower-case sentence may match,
// the offsets of the words that begin with one of its cues (nil: the
// trigger cannot match; a trigger without cues gets offset 0).
func candidates(lower string) [][]int {
	cand := make([][]int, len(triggers))
	for _, i := range always {
		cand[i] = []int{0}
	}
	i := 0
	for i < len(lower) {
		for i < len(lower) && !(lower[i] >= 'a' && lower[i] <= 'z') {
			i++
		}
		j := i
		for j < len(lower) && (lower[j] >= 'a' && lower[j] <= 'z' || lower[j] == '-') {
			j++
		}
		w := lower[i:j]
		for k := 3; k <= len(w) && k <= 6; k++ {
			for _, ti := range cueIndex[w[:k]] {
				if n := len(cand[ti]); n == 0 || cand[ti][n-1] != i {
					cand[ti] = append(cand[ti], i)
				}
			}
		}
		i = j + 1
	}
	return cand
}

// wordsBack moves from the start of a word to the start of the word n
// words before it, staying within the sentence.
func wordsBack(s string, pos, n int) int {
	for ; n > 0 && pos > 0; n-- {
		i := pos - 1
		for i > 0 && s[i] == ' ' {
			i--
		}
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] == '-') {
			break // punctuation: the trigger cannot reach over it
		}
		for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] == '-') {
			i--
		}
		pos = i
	}
	return pos
}

// triggerWindow is how far past a cue word a trigger's words may run.
const triggerWindow = 120

// find runs a trigger at the cue words of a sentence, leftmost first, each
// time on a short window, and returns its first match.
func (tr trigger) find(lower string, at []int) []int {
	if tr.cues == nil {
		return tr.re.FindStringIndex(lower)
	}
	for _, pos := range at {
		// the window starts two words before the cue ("cruise missile"),
		// at a word's start, so the expression's \b holds there
		pos = wordsBack(lower, pos, 2)
		end := min(len(lower), pos+triggerWindow)
		if loc := tr.re.FindStringIndex(lower[pos:end]); loc != nil {
			return []int{pos + loc[0], pos + loc[1]}
		}
	}
	return nil
}

// triggers, most specific first within a class. They are matched on the
// sentence with quotations blanked out.
var triggers = []trigger{
	// attack: remote violence
	t("attack", subAir, `air ?strikes?|airstrikes?|drone (?:strikes?|attacks?)|drones? (?:hit|struck|slammed|crashed into|killed|attacked|targeted)|bombed from the air|air raids?|warplanes? (?:hit|struck|bombed)`),
	t("attack", subIED, `roadside bomb|car bomb|suicide bomb(?:ing|er)?|improvised explosive|ieds?|landmines?|explosive device`),
	tc("attack", subShelling, []string{"shell", "artiller", "rocket", "missile", "mortar", "fired upon", "struck", "hit ", "bombard", "strike", "targeted", "pounded"}, `shell(?:ing|ed|s)|artillery (?:fire|strikes?|attacks?|hit|struck|pounded|slammed)|shells (?:hit|struck|landed|slammed)|rockets? (?:rained|hit|struck|fired|landed|slammed|attacks?)|missiles? (?:hit|struck|slammed|attacks?|strikes?)|missile and drone attack|(?:ballistic|cruise|hypersonic) missiles?|mortar (?:fire|rounds?|attacks?)|massively fired upon|struck by (?:a |an )?(?:\w+ )?(?:missile|rocket|drone|shell)|hit by (?:a |an )?(?:\w+ )?(?:missile|rocket|drone|shell)|bombard(?:ed|ment)|(?:russian|ukrainian|israeli) strikes?|strikes? (?:on|against|hit)|(?:struck|hit|targeted|pounded) (?:the )?(?:city|town|village|capital|region|port|centre|center) of|(?:missiles?|rockets?|shells?|strikes?) (?:killed|wounded|injured|damaged|destroyed)`),
	// armed clashes
	t("armed_clash", "", `clash(?:es|ed)|fighting (?:between|in|for|around|near|raged)|heavy fighting|gun ?battles?|firefights?|exchanged fire|fought|repelled|repulsed|counter-?attacks?|battles? for`),
	// territory
	tc("territory_seized", "", []string{"seized", "captur", "took", "taken", "retook", "recaptur", "overran", "liberat", "fell to"}, `(?:seized|captured|took|taken|retook|recaptured|overran|liberated)(?: (?:control of|full control of))? (?:the |two |three |several |a |an )?(?:\w+ )?(?:cities|city|towns?|villages?|settlements?|areas?|region|territory|capital|port|airport|base|bridgehead)|took control of|taken control of|fell to`),
	// violence against civilians
	t("violence_against_civilians", "", `massacre[ds]?|executed|abduct(?:ed|ion)|kidnapp?(?:ed|ing)|tortured|raped|stabb(?:ed|ing)|knife attack|shot dead`),
	// riots and protests
	t("riot", "", `riots?|rioting|rioters|violent disorder|looting|looted|unrest`),
	t("protest", "", `protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|marched|sit-in|vigil|chant(?:ing|ed)|took to the streets|crowds? marched`),
	// arrests
	t("arrest", "", `arrest(?:s|ed)|detained|taken into custody|apprehended`),
	// military operations
	t("military_operation", "", `invaded|ordered (?:the start of )?(?:the|an|a) (?:invasion|offensive|attack)|launched (?:a|an|the|its) (?:[\w-]+ )?(?:invasion|offensive|operation)|began (?:a|an|the|its) (?:[\w-]+ )?(?:invasion|offensive)|mobili[sz](?:ation|ed)|deployed (?:\w+ )?(?:troops|forces|soldiers)|troops (?:advanced|moved|massed)|sent (?:\w+ )?troops`),
	// diplomacy
	t("negotiation", "", `talks|negotiations|negotiators|held (?:a )?meeting|summit|consultations|meet(?:s|ing)? (?:in|with)|met (?:in|with)`),
	t("agreement", "", `agreed (?:to|on)|reached (?:an|a) (?:agreement|deal)|signed (?:an|a|the) (?:agreement|deal|accord|treaty)|ceasefire (?:was )?agreed|truce (?:was )?agreed|peace deal`),
	t("request", "", `formal application|applied (?:to join|for membership)|appealed for|called for|requested|asked for|demanded|urged`),
	tc("aid", "", []string{"approved", "announc", "pledged", "sent", "deliver", "provid", "gave", "airdrop", "dispatch", "aid ", "send weapons", "donated"}, `(?:approved|announced|pledged|sent|delivered|provided|gave|airdropped|dispatched) (?:\S+ ){0,3}(?:in )?(?:military |humanitarian |financial |economic )?(?:aid|assistance|weapons|supplies|relief)|aid (?:convoys?|trucks|flights|shipments?) (?:arrived|reached|entered|crossed)|send weapons|donated`),
	t("sanction", "", `sanction(?:s|ed)|embargo|banned|barred from|expelled|suspended|blacklisted|asset freeze|frozen assets`),
	t("threaten", "", `threaten(?:ed|s)?|ultimatum|vowed to (?:strike|retaliate|respond)`),
	t("accuse", "", `accus(?:ed|es|ing)|condemn(?:ed|s)|blamed|denounc(?:ed|es)|disputed|criticis(?:ed|es)|criticiz(?:ed|es)`),
	// people moving
	t("displacement", "", `fled|fleeing|refugees|displaced|evacuat(?:ed|ion|ions)|exodus|forced from their homes|sought shelter`),
	// disasters
	t("disaster", "", `earthquake|quake|storms?|floods?|flooding|landslides?|mudslides?|cyclone|hurricane|typhoon|tornado|wildfires?|blaze|fire (?:broke out|ripped|engulfed|swept)|engulfed (?:by|in) (?:fire|flames)|tsunami|volcan(?:o|ic eruption)|drought|epidemic|outbreak`),
}

// notEvents are phrases that look like triggers but report no event.
var notEvents = regexp.MustCompile(`\b(?:request for comment|requests? for comment|bird strike|strike (?:a|the) (?:balance|deal|chord|pose)|hunger strike|lucky strike|strike price|talks? show|talk(?:s|ing)? about|talks? to (?:reporters|journalists|the media)|protest vote|rally(?:ing)? (?:cry|behind)|stock market rally|fire (?:alarm|brigade|service|fighters?|department|crews?|station)|firefighters?|price war|war of words|trade war|culture war|fighting (?:fit|chance|spirit)|fought (?:back tears|off)|seized (?:on|upon) (?:the|an?)|captured (?:the )?(?:imagination|attention|hearts?)|flood of|outbreak of (?:violence|fighting|war)|heart attack|panic attack|under attack from critics|asked for comment|for comment|(?:investors|money|capital|buyers|shoppers) fled|fled to (?:the )?safety of|threatened species|endangered|banned substance|tested positive|storm of|perfect storm|brainstorm\w*|took (?:the )?(?:city|world|stage) by storm)\b`)

// notEventCues guard notEvents: most texts hold none of them.
var notEventCues = []string{"comment", "strike", "talk", "protest vote", "rally", "fire", "war", "fight", "fought",
	"seized", "captured", "flood of", "outbreak of", "attack", "fled", "threatened", "endangered", "banned", "positive",
	"storm"}

// notEventSpans finds the phrases that report no event, running the
// expression only on the sentences that could hold one.
func notEventSpans(lower string) [][]int {
	found := false
	for _, c := range notEventCues {
		if strings.Contains(lower, c) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	return notEvents.FindAllStringIndex(lower, -1)
}

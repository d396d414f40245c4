package quotes

import "regexp"

// attributionVerbs close or open a quote's attribution; unlike
// speechVerbs they leave out words that are also nouns ("reports", "calls").
const attributionVerbs = `said|says|told|tells|added|adds|wrote|writes|tweeted|posted|warned|warns|stressed|` +
	`exhorted|noted|explained|asked|declared|insisted|argued|claimed|stated|continued|recalled|remarked|urged|` +
	`replied|responded|announced|acknowledged|admitted|conceded|confirmed|cautioned|emphasised|emphasized|` +
	`suggested|predicted|vowed|pledged|promised|shouted|yelled|cried|joked|quipped|complained|lamented|charged|` +
	`alleged|maintained|observed|pointed out|reiterated|agreed|described|accused|denied|threatened|called|` +
	`branded|dubbed|labelled|labeled|slammed|hailed|praised|condemned|criticised|criticized|blasted|urging|saying|adding`

// auxiliaries between a speaker and the verb: "has branded", "had told".
const aux = `(?:\s+(?:has|have|had|was|were|is|also|later|then|previously|earlier|recently|further|again|once|simply|quickly|had\s+earlier))*`

// appos is an apposition after a name: ", acting chairwoman of X,".
const appos = `(?:,\s+(?P<appos>[^,;:!?"“”]{1,140}),)?`

var (
	// after a quote: `," he said` / `," Kuleba told CNBC` / `," Lynch, a nurse, said`
	reAfterSpeakerVerb = regexp.MustCompile(`^\s*(?:[,!?.…—–-]\s*)?(?P<speaker>[^,.;:!?"“”]{1,120}?)` + appos + aux + `\s+(?P<verb>` + attributionVerbs + `)\b`)
	reAfterVerbSpeaker = regexp.MustCompile(`^\s*(?:[,!?.…—–-]\s*)?(?P<verb>said|says|added|adds|wrote|writes|asked|continued|explained|insisted|noted|recalled|tweeted|posted|warned|declared)\s+(?P<speaker>(?:(?:[\p{L}]+\s+){0,3}(?:Dr|Mr|Mrs|Ms|Gen|Col|Lt|Sen|Rep|Gov|Prof|Capt|Sgt)\.\s+)?[^,.;:!?"“”]{1,120}?)\s*(?:[,.;:!?]|$|\s+(?:in|on|at|during|from|to|after|before|while|when|as|according)\b)`)
	// before a quote: `Kirby said: "` / `Kuleba told CNBC that "` / `X has branded it an ‘`
	reBeforeSpeakerVerb = regexp.MustCompile(`(?P<speaker>[^,.;:!?"“”]{1,120}?)` + appos + aux + `\s+(?P<verb>` + attributionVerbs + `)\b(?P<tail>(?:[^.,;!?"“”]|,\s(?:adding|saying|noting|explaining|writing|arguing|insisting|claiming|warning|telling)\b){0,80}?)\s*(?:[:,]|\bthat)?\s*$`)
	reSubjectVerb       = regexp.MustCompile(`^\s*(?:[^"“”]{1,140}?,\s+)?(?P<speaker>[^,.;:!?"“”]{1,120}?)` + appos + aux + `\s+(?P<verb>` + attributionVerbs + `|rejected|dismissed|defended|called for|demanded)\b`)
	reBeforeAccording   = regexp.MustCompile(`(?i)\baccording to\s+(?P<speaker>[^,.;:!?"“”]{1,100}?)\s*,\s*$`)
	// a speaker phrase that is a pronoun
	rePronoun = regexp.MustCompile(`(?i)^(?:he|she|they|it|we|i)$`)
	// the channel the words came through
	reChannel     = regexp.MustCompile(`(?i)\b(?:in|on|via|during|at)\s+(?:a|an|the|his|her|their|its|another|one)?\s*(?:(?:separate|later|brief|earlier|new|video|written|joint|short|televised|nightly)\s+)*(?P<channel>tweet|facebook post|telegram post|telegram channel|instagram post|social media post|post on x|post|televised address|video address|address|speech|briefing|press briefing|news conference|press conference|interview|statement|letter|op-ed|podcast|radio interview|television interview|tv interview)\b`)
	reChannelVerb = regexp.MustCompile(`(?i)\b(?P<channel>tweeted|wrote on (?:facebook|telegram|x|twitter|instagram)|posted on (?:facebook|telegram|x|twitter|instagram))\b`)
	// the outlet it was relayed through
	reVia = regexp.MustCompile(`(?:according to|told|in an interview with|speaking to|in remarks to|in comments to|in a statement to|said to)\s+(?:the\s+)?(?P<via>\p{Lu}[\p{L}.&'’]*(?:\s+\p{Lu}[\p{L}.&'’]*){0,4})`)
)

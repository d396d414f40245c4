// Package lang identifies the language of an article body.
//
// It wraps github.com/abadojack/whatlanggo (trigram profiles, ISO 639-3) and
// restricts it to a whitelist of languages that are likely in international
// news, so that a short English paragraph is not reported as, say, Tagalog.
// Results are ISO 639-1 codes ("en", "fr", ...); text that is too short or
// whose best guess is not reliable yields "".
//
// Swahili, although common in East African news, is not in the whitelist:
// whatlanggo has no profile for it. Like any language outside the whitelist
// but written in a whitelisted script, Swahili text is then reported as the
// closest whitelisted language, sometimes with high confidence (a Swahili
// news sentence comes back as "id").
package lang

import (
	"maps"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

const (
	// MaxRunes is how much of the text Detect looks at: the first MaxRunes
	// runes. An article lead is plenty for trigram statistics and keeps
	// detection cheap on long bodies.
	MaxRunes = 500

	// MinLetters is the least amount of letters (after weighting, see
	// letterWeight) a text must have before Detect will name a language.
	MinLetters = 20

	// MinConfidence is the whatlanggo confidence below which Detect returns "".
	// whatlanggo's own ReliableConfidenceThreshold is 0.8; with a whitelist the
	// competitors are fewer, so a slightly lower bar is still safe.
	MinConfidence = 0.5
)

// language is one whitelisted language.
type language struct {
	lang whatlanggo.Lang
	iso1 string // ISO 639-1
	iso3 string // ISO 639-3 code as whatlanggo spells it
	name string // English name
}

// languages is the whitelist. whatlanggo uses individual-language ISO 639-3
// codes: "arb" (Standard Arabic) for ar, "pes" (Iranian Persian) for fa,
// "cmn" (Mandarin) for zh; whatlanggo has no ISO 639-1 code for "pes", so the
// mapping here is the authority rather than Lang.Iso6391.
var languages = []language{
	{whatlanggo.Eng, "en", "eng", "English"},
	{whatlanggo.Fra, "fr", "fra", "French"},
	{whatlanggo.Deu, "de", "deu", "German"},
	{whatlanggo.Spa, "es", "spa", "Spanish"},
	{whatlanggo.Ita, "it", "ita", "Italian"},
	{whatlanggo.Por, "pt", "por", "Portuguese"},
	{whatlanggo.Nld, "nl", "nld", "Dutch"},
	{whatlanggo.Pol, "pl", "pol", "Polish"},
	{whatlanggo.Ron, "ro", "ron", "Romanian"},
	{whatlanggo.Tur, "tr", "tur", "Turkish"},
	{whatlanggo.Ind, "id", "ind", "Indonesian"},
	{whatlanggo.Rus, "ru", "rus", "Russian"},
	{whatlanggo.Ukr, "uk", "ukr", "Ukrainian"},
	{whatlanggo.Arb, "ar", "arb", "Arabic"},
	{whatlanggo.Pes, "fa", "pes", "Persian"},
	{whatlanggo.Urd, "ur", "urd", "Urdu"},
	{whatlanggo.Heb, "he", "heb", "Hebrew"},
	{whatlanggo.Hin, "hi", "hin", "Hindi"},
	{whatlanggo.Cmn, "zh", "cmn", "Chinese"},
	{whatlanggo.Jpn, "ja", "jpn", "Japanese"},
	{whatlanggo.Kor, "ko", "kor", "Korean"},
	{whatlanggo.Ell, "el", "ell", "Greek"},
}

var (
	options  whatlanggo.Options         // whitelist handed to whatlanggo
	byLang   map[whatlanggo.Lang]string // whatlanggo enum -> ISO 639-1
	iso3to1  map[string]string          // ISO 639-3 -> ISO 639-1
	nameOf   map[string]string          // ISO 639-1 -> English name
	isoCodes []string                   // sorted ISO 639-1 codes
)

func init() {
	options.Whitelist = make(map[whatlanggo.Lang]bool, len(languages))
	byLang = make(map[whatlanggo.Lang]string, len(languages))
	iso3to1 = make(map[string]string, len(languages))
	nameOf = make(map[string]string, len(languages))
	for _, l := range languages {
		options.Whitelist[l.lang] = true
		byLang[l.lang] = l.iso1
		iso3to1[l.iso3] = l.iso1
		nameOf[l.iso1] = l.name
		isoCodes = append(isoCodes, l.iso1)
	}
	slices.Sort(isoCodes)
}

// Detect returns the ISO 639-1 code of the language of text and whatlanggo's
// confidence in it (0..1). Only the first MaxRunes runes are examined.
//
// code is "" when the text has fewer than MinLetters letters, when its
// script or best guess is outside the whitelist, or when the confidence is
// below MinConfidence; confidence is then that of the rejected guess (0 when
// there was none). Invalid UTF-8 is tolerated.
func Detect(text string) (code string, confidence float64) {
	text = head(text, MaxRunes)
	if !utf8.ValidString(text) {
		text = toValid(text)
	}
	if !enoughLetters(text) {
		return "", 0
	}
	if plainlyEnglish(text) {
		return "en", 1 // the common case, without scoring every language
	}
	info := whatlanggo.DetectWithOptions(text, options)
	iso, ok := byLang[info.Lang]
	if !ok {
		return "", 0
	}
	if info.Confidence < MinConfidence {
		return "", info.Confidence
	}
	return iso, info.Confidence
}

// englishWords are frequent English words that other languages of the
// whitelist seldom write as words.
var englishWords = map[string]bool{"the": true, "and": true, "of": true, "to": true, "in": true, "that": true,
	"is": true, "was": true, "for": true, "on": true, "with": true, "said": true, "he": true, "she": true,
	"it": true, "as": true, "at": true, "by": true, "have": true, "has": true, "had": true, "were": true,
	"from": true, "this": true, "which": true, "their": true, "they": true, "are": true, "been": true, "will": true}

// plainlyEnglish: at least 30 words, a third of them from the list of
// frequent English words. Text in another language never comes close.
func plainlyEnglish(text string) bool {
	n, hits := 0, 0
	var buf [16]byte
	start := -1
	word := func(w string) {
		n++
		if len(w) > len(buf) {
			return
		}
		b := buf[:len(w)]
		for k := 0; k < len(w); k++ {
			b[k] = w[k] | 0x20
		}
		if englishWords[string(b)] {
			hits++
		}
	}
	for i, r := range text {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(text[start:i])
			start = -1
			if n == 120 {
				break
			}
		}
	}
	if start >= 0 && n < 120 {
		word(text[start:])
	}
	return n >= 30 && hits*5 >= n
}

// Name returns the English name of a whitelisted ISO 639-1 code ("en" ->
// "English"), or "" for any other code.
func Name(code string) string {
	return nameOf[code]
}

// FromISO6393 maps a whatlanggo ISO 639-3 code ("eng", "pes", "cmn") of a
// whitelisted language to its ISO 639-1 code; it returns "" otherwise.
func FromISO6393(code string) string {
	return iso3to1[code]
}

// ISO6393To6391 returns a copy of the whitelist mapping from whatlanggo's
// ISO 639-3 codes to ISO 639-1 codes.
func ISO6393To6391() map[string]string {
	return maps.Clone(iso3to1)
}

// Codes returns the sorted ISO 639-1 codes Detect can return.
func Codes() []string {
	return slices.Clone(isoCodes)
}

// head returns the prefix of s holding at most n runes (an invalid byte counts
// as one rune).
func head(s string, n int) string {
	if len(s) <= n { // n runes need at least n bytes
		return s
	}
	i := 0
	for range n {
		if i >= len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// toValid replaces every invalid UTF-8 byte with a space, so that stray bytes
// neither count as letters nor glue words together into odd trigrams.
func toValid(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, ' ')
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// enoughLetters reports whether s has at least MinLetters letters, counting
// each ideographic, kana or hangul character as letterWeight letters because
// one of them carries about as much as a short alphabetic word fragment.
func enoughLetters(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r):
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			n += letterWeight
		default:
			n++
		}
		if n >= MinLetters {
			return true
		}
	}
	return false
}

// letterWeight is how many letters one CJK character counts as in
// enoughLetters.
const letterWeight = 3

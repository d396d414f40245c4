package fusion

import (
	"hash/fnv"
	"unicode"
	"unicode/utf8"
)

// MinSentenceWords is the length below which a sentence does not count for
// near-duplicate detection: short sentences ("He denied it.") recur in
// unrelated articles.
const MinSentenceWords = 6

// SentenceKeys returns a hash of each sentence of text that has at least
// MinSentenceWords words, lower-cased and stripped of punctuation, so that
// layout and typography do not count; repeated sentences count once. Two
// articles that share most of these are copies of one text.
func SentenceKeys(text string) []int64 {
	var keys []int64
	seen := map[int64]bool{}
	h := fnv.New64a()
	words, inWord := 0, false
	var buf [4]byte
	flush := func() {
		if words >= MinSentenceWords {
			k := int64(h.Sum64() >> 1) // non-negative: stores keep it as a signed integer
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		h.Reset()
		words, inWord = 0, false
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				if words > 0 {
					h.Write([]byte{' '})
				}
				words++
				inWord = true
			}
			h.Write(buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))])
		case r == '.' || r == '!' || r == '?' || r == '\n':
			// A dot inside a number or an abbreviation followed by a
			// lower-case word does not end the sentence.
			if r == '.' && i < len(text) && text[i] != ' ' && text[i] != '\n' {
				inWord = false
				continue
			}
			flush()
		default:
			inWord = false
		}
	}
	flush()
	return keys
}

// NearDuplicate decides from the sentence keys two articles share whether
// they are copies of one text: a wire story republished with a new headline
// and a sentence or two edited shares most of its sentences; two reports
// written separately share few or none. a and b are the numbers of keys of
// each article.
func NearDuplicate(shared, a, b int) bool {
	small := min(a, b)
	if small == 0 || shared < 2 {
		return false
	}
	return float64(shared) >= 0.6*float64(small) && float64(shared) >= 0.4*float64(max(a, b))
}

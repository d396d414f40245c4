package reader

import (
	"regexp"
	"strings"
)

// cueSet finds any of a fixed set of short strings in a text in one pass,
// in place of one strings.Contains per cue. The first two bytes of each cue
// are kept in a bit set, so most positions cost one look-up.
type cueSet struct {
	fold    bool                 // ASCII letters match in either case; the cues are lower case
	single  [256]bool            // one-byte cues
	pair    [1 << 16 / 64]uint64 // the first two bytes of the longer cues
	byFirst [256][]string        // the longer cues by their first byte
}

// asciiLower maps a byte to its ASCII lower case; other bytes are unchanged.
var asciiLower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

func newCueSet(fold bool, cues ...string) *cueSet {
	c := &cueSet{fold: fold}
	for _, cue := range cues {
		if fold && cue != strings.ToLower(cue) {
			panic("cueSet: a folding set takes lower-case cues: " + cue)
		}
		switch len(cue) {
		case 0:
			panic("cueSet: empty cue")
		case 1:
			c.single[cue[0]] = true
		default:
			k := uint16(cue[0])<<8 | uint16(cue[1])
			c.pair[k>>6] |= 1 << (k & 63)
			c.byFirst[cue[0]] = append(c.byFirst[cue[0]], cue)
		}
	}
	return c
}

// index is the position of the first cue in s, -1 when there is none. With
// fold, it equals the first cue position in strings.ToLower(s) as long as s
// holds none of the runes that lower-case to ASCII (see oddFold).
func index[S string | []byte](c *cueSet, s S) int {
	for i := 0; i < len(s); i++ {
		c0 := s[i]
		if c.fold {
			c0 = asciiLower[c0]
		}
		if c.single[c0] {
			return i
		}
		if i+1 == len(s) {
			break
		}
		c1 := s[i+1]
		if c.fold {
			c1 = asciiLower[c1]
		}
		if k := uint16(c0)<<8 | uint16(c1); c.pair[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, cue := range c.byFirst[c0] {
			if hasPrefixAt(s, i, cue, c.fold) {
				return i
			}
		}
	}
	return -1
}

// in reports whether s holds any of the cues.
func in[S string | []byte](c *cueSet, s S) bool {
	return index(c, s) >= 0
}

// hasPrefixAt reports whether s[i:] begins with cue, ASCII case folded
// when fold is set.
func hasPrefixAt[S string | []byte](s S, i int, cue string, fold bool) bool {
	if len(s)-i < len(cue) {
		return false
	}
	for j := 0; j < len(cue); j++ {
		b := s[i+j]
		if fold {
			b = asciiLower[b]
		}
		if b != cue[j] {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether s begins with the lower-case cue, ASCII case
// folded.
func hasPrefixFold(s, cue string) bool {
	return hasPrefixAt(s, 0, cue, true)
}

// oddFold reports the runes whose case mapping crosses into ASCII: "İ" and
// the Kelvin sign lower-case to "i" and "k", and (?i) in an expression
// matches "ſ" for "s" and the Kelvin sign for "k". Byte-wise ASCII folding
// does not see them, so a text that holds one takes the slow, exact path.
func oddFold(s string) bool {
	return strings.Contains(s, "\u0130") || strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a")
}

// matchFrom runs re on s from just before from, the first place a match of
// re could start (a byte test that looks at no context), or not at all when
// from is negative. It gives re.MatchString(s): no match starts before from,
// and one starting at from or later sees the same text and the same rune
// before it. The rune before from is kept so that \b at from reads as
// it does in the whole of s; a match cannot start at that rune, and ^ is
// true there only.
func matchFrom(re *regexp.Regexp, s string, from int) bool {
	if from < 0 {
		return false
	}
	return re.MatchString(s[runeStart(s, max(0, from-1)):])
}

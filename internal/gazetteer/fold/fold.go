// Package fold turns place names into match keys: lower case, Latin
// diacritics removed ("València" -> "valencia", "Łódź" -> "lodz"),
// apostrophes dropped ("Khar'kov" -> "kharkov"), and every other run of
// punctuation or space made a single space ("Ivano-Frankivsk" ->
// "ivano frankivsk", "St. Louis" -> "st louis"). The gazetteer builder and
// the gazetteer itself share it, so keys made at build time and at run time
// agree.
package fold

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// What a non-ASCII rune becomes.
const (
	actKeep   = iota // not in the table: lower-case letters and digits, space otherwise
	actDrop          // combining marks, apostrophes
	actSpace         // separators
	actString        // replaced by rep
)

type entry struct {
	act uint8
	rep string
}

// tableSize covers Latin-1, Latin Extended-A/B, IPA, spacing modifiers,
// combining marks, Greek, Cyrillic... up to the end of General Punctuation.
const tableSize = 0x2070

var table [tableSize]entry

func init() {
	set := func(r rune, act uint8, rep string) { table[r] = entry{act, rep} }
	// Latin letters with diacritics: decompose and keep the base letters.
	for _, rg := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if !unicode.IsLetter(r) {
				continue
			}
			var out []rune
			for _, d := range norm.NFD.String(string(r)) {
				if unicode.Is(unicode.Mn, d) {
					continue
				}
				out = append(out, unicode.ToLower(d))
			}
			if len(out) > 0 && (len(out) != 1 || out[0] != r) {
				set(r, actString, string(out))
			}
		}
	}
	// Letters with no decomposition but a usual Latin spelling.
	for from, to := range map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
		'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
		'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ŀ': "l",
		'Ŀ': "l", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ə': "e",
		'Ə': "e", 'ŋ': "ng", 'Ŋ': "ng", 'ĸ': "k", 'ſ': "s", 'ƒ': "f",
		'ǝ': "e", 'ɨ': "i", 'ʉ': "u", 'ƶ': "z", 'Ƶ': "z", 'ȥ': "z",
	} {
		set(from, actString, to)
	}
	// Combining marks.
	for r := rune(0x300); r <= 0x36F; r++ {
		set(r, actDrop, "")
	}
	// Apostrophes and modifier letters used as apostrophes or for soft
	// signs and ayn in transliterations.
	for _, r := range "’‘‛′´ʹʻʼʽʾʿˈˊˋ`" {
		set(r, actDrop, "")
	}
	// Spaces, dashes and other punctuation in General Punctuation.
	for r := rune(0x2000); r <= 0x206F; r++ {
		if table[r].act == actKeep {
			set(r, actSpace, "")
		}
	}
	set(0xA0, actSpace, "")
}

// Key returns the match key of s.
func Key(s string) string {
	var buf [64]byte
	b := AppendKey(buf[:0], s)
	if len(b) == len(s) && string(b) == s {
		return s
	}
	return string(b)
}

// AppendKey appends the match key of s to dst.
func AppendKey(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	emit := func(dst []byte) []byte {
		if space {
			space = false
			if len(dst) > start {
				dst = append(dst, ' ')
			}
		}
		return dst
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(emit(dst), c)
			case 'A' <= c && c <= 'Z':
				dst = append(emit(dst), c+'a'-'A')
			case c == '\'' || c == '`':
			default:
				space = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r < tableSize {
			switch e := table[r]; e.act {
			case actDrop:
				continue
			case actSpace:
				space = true
				continue
			case actString:
				dst = append(emit(dst), e.rep...)
				continue
			}
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(emit(dst), unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
		default:
			space = true
		}
	}
	return dst
}

// AcronymKey returns the letters of s lower-cased when s is written as an
// acronym: two to six letters, all capitals, optionally with dots ("US",
// "U.S.", "UAE"). Otherwise it returns "".
func AcronymKey(s string) string {
	var buf [8]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			if n == len(buf) {
				return ""
			}
			buf[n] = c + 'a' - 'A'
			n++
		case c == '.':
		default:
			return ""
		}
	}
	if n < 2 || n > 6 {
		return ""
	}
	return string(buf[:n])
}

// IsLatin reports whether every letter of s is in the Latin script.
func IsLatin(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

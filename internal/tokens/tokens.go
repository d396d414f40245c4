// Package tokens splits news text into tokens and sentences with exact UTF-8
// byte offsets. It knows the abbreviations, initials, datelines and dashes of
// news copy ("U.N.", "Lt. Col.", "V. Zelensky", "--"), so that later stages
// can treat a sentence as a sentence.
package tokens

import (
	"unicode"
	"unicode/utf8"
)

// Kind of a token.
type Kind uint8

const (
	Word  Kind = iota // letters, possibly with inner apostrophes, hyphens or dots
	Num               // digits, possibly with , . separators
	Punct             // anything else, one rune (or a dash run)
)

// Token is a span of the text.
type Token struct {
	Start, End int
	Kind       Kind
}

// Text returns the token's text in s.
func (t Token) Text(s string) string { return s[t.Start:t.End] }

// Tokenize splits s into tokens. Offsets are byte offsets into s; invalid
// UTF-8 bytes become one-byte punctuation tokens.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5)
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r):
			end := scanWord(s, i)
			toks = append(toks, Token{i, end, Word})
			i = end
		case unicode.IsDigit(r):
			end := scanNumber(s, i)
			toks = append(toks, Token{i, end, Num})
			i = end
		case r == '-' || r == '–' || r == '—':
			end := i + size
			for end < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[end:])
				if r2 != '-' && r2 != '–' && r2 != '—' {
					break
				}
				end += s2
			}
			toks = append(toks, Token{i, end, Punct})
			i = end
		default:
			toks = append(toks, Token{i, i + size, Punct})
			i += size
		}
	}
	return toks
}

// scanWord reads letters and marks, with apostrophes, hyphens and dots
// inside words ("don't", "al-Assad", "U.N.", "Heung-min").
func scanWord(s string, i int) int {
	end := i
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			end += size
			continue
		}
		if r == '\'' || r == '’' || r == '-' || r == '.' {
			// keep the joiner only when a letter follows it: "U.N." keeps
			// its last dot through the abbreviation rule below.
			next, ns := utf8.DecodeRuneInString(s[end+size:])
			if end+size < len(s) && unicode.IsLetter(next) && ns > 0 {
				if r == '.' && !isInitialsWord(s[i:end]) {
					break
				}
				end += size
				continue
			}
			if r == '.' && isInitialsWord(s[i:end]) && end-i >= 3 {
				// "U.N" + "." -> "U.N."
				return end + size
			}
		}
		break
	}
	return end
}

// isInitialsWord: single letters joined by dots ("U.N", "U.S", "a.m").
func isInitialsWord(w string) bool {
	n := 0
	letters := 0
	for _, r := range w {
		if r == '.' {
			if letters != 1 {
				return false
			}
			letters = 0
			n++
			continue
		}
		if !unicode.IsLetter(r) {
			return false
		}
		letters++
	}
	return letters <= 1
}

func scanNumber(s string, i int) int {
	end := i
	for end < len(s) {
		c := s[end]
		if c >= '0' && c <= '9' {
			end++
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[end:]); c >= utf8.RuneSelf && unicode.IsDigit(r) {
			end += size // other scripts' digits: "٠١٢"
			continue
		}
		if (c == ',' || c == '.') && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9' {
			end++
			continue
		}
		break
	}
	return end
}

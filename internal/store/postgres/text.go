package postgres

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep/sitrep/internal/store"
)

// Full-text search matches what the SQLite store's FTS5 indexes match
// (tokenizer unicode61, remove_diacritics 2, detail=none): a token is a run
// of letters, digits and private-use characters, folded to lower case
// without the diacritics of Latin letters; no stemming, no stop words, and
// no positions, so a query is a set of tokens that must all be there. The
// store tokenizes in Go and writes the tsvector itself, so PostgreSQL's
// parser (which keeps "example.com" or "tear-gas" whole) and its text search
// configurations play no part, and a query is a tsquery of the same tokens
// joined by &. Lexemes longer than PostgreSQL's limit (2,046 bytes) are left
// out, and indexing stops at maxVectorBytes of distinct lexemes (an article)
// or maxEventLexemes (a fused event, which gathers its reports' words as the
// SQLite store's events_fts does).

// maxVectorBytes bounds the lexemes of one tsvector, well inside the 1 MB
// PostgreSQL allows.
const maxVectorBytes = 512 << 10

const maxLexeme = 2046

// maxEventLexemes bounds the vector of a fused event, which gathers the
// tokens of all its reports: past it, a report's words are not added.
const maxEventLexemes = 50000

// tokens splits s into FTS5 unicode61 tokens, folded: a token starts with
// a letter, digit or private-use character and goes on through those and
// the combining diacritics FTS5 knows (isDiacritic), which it drops.
func tokens(s string) []string {
	var out []string
	start := -1
	plain := true // ASCII only: folding is lower-casing
	flush := func(end int) {
		if start >= 0 {
			if t := fold(s[start:end], plain); t != "" {
				out = append(out, t)
			}
		}
		start, plain = -1, true
	}
	for i, r := range s {
		switch {
		case isTokenRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && isDiacritic(r):
		default:
			flush(i)
			continue
		}
		if r >= utf8.RuneSelf {
			plain = false
		}
	}
	flush(len(s))
	return out
}

func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// isDiacritic is FTS5's sqlite3Fts5UnicodeIsdiacritic: the combining marks
// among U+0300–U+0331 that it takes as part of a word and removes.
func isDiacritic(r rune) bool {
	const mask0, mask1 = 0x08029FDF, 0x000361F8
	switch {
	case r < 768 || r > 817:
		return false
	case r < 768+32:
		return mask0&(1<<(r-768)) != 0
	}
	return mask1&(1<<(r-768-32)) != 0
}

// fold lower-cases a token and, as remove_diacritics 2 does, strips the
// diacritics of Latin letters (U+00C0–U+024F, U+1E00–U+1EFF) and drops the
// combining diacritics; other scripts keep theirs ("київ").
func fold(t string, plain bool) string {
	if plain {
		return strings.ToLower(t)
	}
	var b strings.Builder
	for _, r := range t {
		if isDiacritic(r) {
			continue
		}
		r = unicode.ToLower(r)
		if r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF {
			for _, c := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, c) {
					b.WriteRune(c)
				}
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tsvector returns the text form of a tsvector (without positions) of the
// tokens of fields.
func tsvector(fields ...string) string {
	seen := map[string]bool{}
	size := 0
	for _, f := range fields {
		for _, t := range tokens(f) {
			if len(t) > maxLexeme || seen[t] || size+len(t) > maxVectorBytes {
				continue
			}
			seen[t] = true
			size += len(t)
		}
	}
	lex := make([]string, 0, len(seen))
	for t := range seen {
		lex = append(lex, quoteLexeme(t))
	}
	sort.Strings(lex)
	return strings.Join(lex, " ")
}

// quoteLexeme quotes a lexeme for the text form of a tsvector or tsquery.
func quoteLexeme(t string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t) + "'"
}

// tsquery turns words a user typed into a tsquery matching rows that hold
// all of them, as the SQLite store's ftsQuery does for FTS5: the input is
// split into words at anything but letters, digits and combining marks, and
// each word into its tokens ("al-Shabab" is two words, "cafe\u0301" one
// token), all of them required. A word without tokens asks for nothing, as
// an empty FTS5 phrase does; ok is false when no word has a token, which
// matches nothing. Input without words is a bad query.
func tsquery(s string) (q string, ok bool, err error) {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	if len(words) == 0 {
		return "", false, fmt.Errorf("%w: search text %q has no words", store.ErrBadQuery, s)
	}
	var terms []string
	seen := map[string]bool{}
	for _, w := range words {
		for _, t := range tokens(w) {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, quoteLexeme(t))
			}
		}
	}
	if len(terms) == 0 {
		return "", false, nil
	}
	return strings.Join(terms, " & "), true, nil
}

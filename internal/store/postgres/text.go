package postgres

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep/sitrep/internal/store"
)

// Full-text search matches what the SQLite store's FTS5 indexes match
// (tokenizer unicode61, remove_diacritics 2): a token is a run of letters,
// digits and private-use characters, folded to lower case without
// diacritics; no stemming and no stop words. The store tokenizes in Go and
// writes the tsvector itself, so PostgreSQL's parser (which keeps
// "example.com" or "tear-gas" whole) and its configurations play no part,
// and a query is a tsquery of the same tokens: each word the user typed a
// phrase of its tokens (<->), all of them required (&). The columns of an
// FTS5 row (an article's title and text, a quote's text and speaker) are
// kept apart by a gap of one position, so that a phrase does not run from
// one into the next.
//
// A tsvector keeps at most 256 positions of a lexeme, positions up to 16383
// and lexemes up to 2,046 bytes, in at most 1 MB: past those a very long
// article loses phrase matches near its end, lexemes too long are left
// out, and indexing stops at maxVectorBytes.

// maxVectorBytes bounds the lexemes of one tsvector, well inside the 1 MB
// PostgreSQL allows with their positions.
const maxVectorBytes = 512 << 10

const (
	maxPos       = 16383
	maxLexeme    = 2046
	maxPositions = 256
)

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

// tsvector returns the text form of a tsvector of the tokens of fields, the
// fields one position apart.
func tsvector(fields ...string) string {
	pos := map[string][]int{}
	size := 0
	p := 0
	for i, f := range fields {
		if i > 0 {
			p++ // the gap between columns
		}
		for _, t := range tokens(f) {
			p++
			if len(t) > maxLexeme {
				continue
			}
			ps, seen := pos[t]
			if !seen {
				if size+len(t) > maxVectorBytes {
					continue
				}
				size += len(t)
			}
			q := min(p, maxPos)
			if len(ps) < maxPositions && (len(ps) == 0 || ps[len(ps)-1] != q) {
				pos[t] = append(ps, q)
			}
		}
	}
	lex := make([]string, 0, len(pos))
	for t := range pos {
		lex = append(lex, t)
	}
	sort.Strings(lex)
	var b strings.Builder
	for i, t := range lex {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(t))
		for j, q := range pos[t] {
			if j == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(q))
		}
	}
	return b.String()
}

// quoteLexeme quotes a lexeme for the text form of a tsvector or tsquery.
func quoteLexeme(t string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t) + "'"
}

// tsquery turns words a user typed into a tsquery matching rows that hold
// all of them, as the SQLite store's ftsQuery does for FTS5: the input is
// split into words the same way (letters, digits, hyphens, apostrophes and
// anything beyond ASCII), and each word becomes the phrase of its tokens. A word
// without tokens ("—") asks for nothing, as an empty FTS5 phrase does; ok
// is false when no word has a token, which matches nothing. Input without
// words is a bad query.
func tsquery(s string) (q string, ok bool, err error) {
	var words []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '-' || r == '\'' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	}) {
		if f = strings.Trim(f, "-'"); f != "" {
			words = append(words, f)
		}
	}
	if len(words) == 0 {
		return "", false, fmt.Errorf("%w: search text %q has no words", store.ErrBadQuery, s)
	}
	var terms []string
	for _, w := range words {
		ts := tokens(w)
		if len(ts) == 0 {
			continue
		}
		for i, t := range ts {
			ts[i] = quoteLexeme(t)
		}
		term := strings.Join(ts, " <-> ")
		if len(ts) > 1 {
			term = "(" + term + ")"
		}
		terms = append(terms, term)
	}
	if len(terms) == 0 {
		return "", false, nil
	}
	return strings.Join(terms, " & "), true, nil
}

package sqlite

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/store/sqlq"

	"github.com/sitrep/sitrep/internal/store"
)

// where collects the conditions and arguments of a query.
type where = sqlq.Where

// ftsQuery turns words a user typed into an FTS5 query that matches
// documents holding all of them: split into letters and digits the way the
// index's tokenizer splits text ("al-Shabab" is two tokens), each quoted so
// that FTS5 syntax in the input ("NEAR", "*", "OR") is taken as text. The
// indexes keep no positions (detail=none: smaller, and quicker to intersect),
// so a query is a set of tokens, never a phrase.
func ftsQuery(s string) (string, error) {
	var terms []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	}) {
		terms = append(terms, `"`+f+`"`)
	}
	if len(terms) == 0 {
		return "", fmt.Errorf("%w: search text %q has no words", store.ErrBadQuery, s)
	}
	return strings.Join(terms, " "), nil
}

// likeArg is a LIKE pattern matching s anywhere, with LIKE's wildcards in s
// escaped (use with ESCAPE '\').
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// dialect is SQLite's way with the shared filters (package sqlq).
type dialect struct{}

func (dialect) Contains(col, s string) (string, []any) {
	return col + ` LIKE ? ESCAPE '\'`, []any{likeArg(s)}
}

func (dialect) Matches(table, text string) (string, []any, error) {
	q, err := ftsQuery(text)
	if err != nil {
		return "", nil, err
	}
	if table == "articles" {
		return `a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`, []any{q}, nil
	}
	return `q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`, []any{q}, nil
}

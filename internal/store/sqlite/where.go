package sqlite

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/store"
)

// where collects the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

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

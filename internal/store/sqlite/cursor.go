package sqlite

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/store"
)

// A cursor is the sort key of the last item of a page ("2022-02-28", 42),
// opaque to clients.
func encodeCursor(key string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key + "\x00" + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (key string, id int64, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	k, n, ok := strings.Cut(string(b), "\x00")
	if !ok {
		return "", 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	id, err = strconv.ParseInt(n, 10, 64)
	if err != nil {
		return "", 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	return k, id, nil
}

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

// checkDate rejects a date filter that is not YYYY-MM-DD (or YYYY-MM, YYYY).
func checkDate(field, s string) error {
	if s == "" {
		return nil
	}
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return fmt.Errorf("%w: %s %q is not a date (YYYY-MM-DD)", store.ErrBadQuery, field, s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (i == 4 || i == 7) && c != '-' || i != 4 && i != 7 && (c < '0' || c > '9') {
			return fmt.Errorf("%w: %s %q is not a date (YYYY-MM-DD)", store.ErrBadQuery, field, s)
		}
	}
	return nil
}

// untilBound makes an inclusive upper date bound compare as strings with
// full dates: "2022-02" covers every day of February.
func untilBound(s string) string {
	switch len(s) {
	case 4:
		return s + "-12-31"
	case 7:
		return s + "-31"
	}
	return s
}

package postgres

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store"
)

// A cursor is the sort key of the last item of a page ("2022-02-28", 42),
// opaque to clients; the encoding is the SQLite store's.
func encodeCursor(key string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key + "\x00" + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (key string, id int64, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	k, n, ok := strings.Cut(string(b), "\x00")
	if !ok || !utf8.ValidString(k) {
		return "", 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	id, err = strconv.ParseInt(n, 10, 64)
	if err != nil {
		return "", 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	return k, id, nil
}

// where collects the conditions and arguments of a query, written with ?
// placeholders (numbered by bind).
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

// bind numbers the ? placeholders of q: $1, $2, ... (no query of this
// package has a ? of its own).
func bind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// likeArg is an ILIKE pattern matching s anywhere, with the wildcards in s
// escaped (backslash is ILIKE's escape character). With COLLATE "C" ILIKE
// folds the case of ASCII letters only, as SQLite's LIKE does.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(txt(s)) + "%"
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

// txt makes a string storable as PostgreSQL text, which holds neither NUL
// nor invalid UTF-8 (SQLite stores both): NUL bytes are dropped and
// invalid bytes become U+FFFD. Valid strings, all but pathological input,
// are returned as they are.
func txt(s string) string {
	if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// txts applies txt to the string arguments of a query.
func txts(args []any) []any {
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = txt(v)
		case *string:
			if v != nil {
				s := txt(*v)
				args[i] = &s
			}
		case []*string:
			c := make([]*string, len(v))
			for j, s := range v {
				if s != nil {
					t := txt(*s)
					c[j] = &t
				}
			}
			args[i] = c
		case []string:
			c := make([]string, len(v))
			for j, s := range v {
				c[j] = txt(s)
			}
			args[i] = c
		}
	}
	return args
}

package postgres

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

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

package postgres

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store/sqlq"
)

// where collects the conditions and arguments of a query.
type where = sqlq.Where

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

// dialect is PostgreSQL's way with the shared filters (package sqlq).
type dialect struct{}

func (dialect) Contains(col, s string) (string, []any) {
	return col + ` ILIKE ?`, []any{likeArg(s)}
}

func (dialect) Matches(table, text string) (string, []any, error) {
	q, ok, err := tsquery(text)
	if err != nil {
		return "", nil, err
	}
	if !ok {
		return `false`, nil, nil
	}
	return table[:1] + `.tsv @@ ?::text::tsquery`, []any{q}, nil
}

// Package sqlq builds the WHERE clauses that the SQL stores (SQLite and
// PostgreSQL) give the same filters, so that both select the same rows in
// the same order from the same cursor. Each store supplies its Dialect: how
// it matches a substring and how it matches full text. Queries are written
// with ? placeholders; a store that numbers them does so afterwards.
package sqlq

import (
	"strings"

	"github.com/sitrep/sitrep/internal/store"
)

// Where collects the conditions and arguments of a query.
type Where struct {
	Conds []string
	Args  []any
}

// Add appends a condition and its arguments.
func (w *Where) Add(cond string, args ...any) {
	w.Conds = append(w.Conds, cond)
	w.Args = append(w.Args, args...)
}

// String is " WHERE c1 AND c2 ...", or "" without conditions.
func (w *Where) String() string {
	if len(w.Conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.Conds, " AND ")
}

// Dialect is what differs between the stores' SQL.
type Dialect interface {
	// Contains is the condition that column col holds s anywhere,
	// ignoring the case of ASCII letters, with its arguments.
	Contains(col, s string) (string, []any)
	// Matches is the condition that the row of table ("articles", alias
	// a, or "quotes", alias q) matches the words of text; an ErrBadQuery
	// when text has none.
	Matches(table, text string) (string, []any, error)
}

// published adds the date window on a publication column and the cursor
// of a list ordered by (col, id) descending, or ascending when asc.
func published(w *Where, col, id, since, until, cursor string, asc bool) error {
	if err := store.CheckDate("since", since); err != nil {
		return err
	}
	if err := store.CheckDate("until", until); err != nil {
		return err
	}
	if since != "" {
		w.Add(col+` >= ?`, since)
	}
	if until != "" {
		w.Add(col+` <= ?`, store.UntilBound(until))
	}
	if cursor != "" {
		k, n, err := store.DecodeCursor(cursor)
		if err != nil {
			return err
		}
		op := "<"
		if asc {
			op = ">"
		}
		w.Add(`(`+col+` `+op+` ? OR (`+col+` = ? AND `+id+` `+op+` ?))`, k, k, n)
	}
	return nil
}

// Articles is the WHERE of a list of articles a, newest first by
// (a.published, a.seq).
func Articles(f store.ArticleFilter, d Dialect) (*Where, error) {
	w := &Where{}
	if f.Text != "" {
		cond, args, err := d.Matches("articles", f.Text)
		if err != nil {
			return nil, err
		}
		w.Add(cond, args...)
	}
	if f.Outlet != "" {
		w.Add(`a.outlet = ?`, f.Outlet)
	}
	return w, published(w, "a.published", "a.seq", f.Since, f.Until, f.Cursor, false)
}

// Quotes is the WHERE of a list of quotes q, newest first by
// (q.published, q.id).
func Quotes(f store.QuoteFilter, d Dialect) (*Where, error) {
	w := &Where{}
	if f.Text != "" {
		cond, args, err := d.Matches("quotes", f.Text)
		if err != nil {
			return nil, err
		}
		w.Add(cond, args...)
	}
	if f.Speaker != "" {
		cond, args := d.Contains("q.speaker_name", f.Speaker)
		w.Add(cond, args...)
	}
	if f.SpeakerID != 0 {
		w.Add(`q.speaker_id = ?`, f.SpeakerID)
	}
	if f.Article != "" {
		w.Add(`q.article_id = ?`, f.Article)
	}
	return w, published(w, "q.published", "q.id", f.Since, f.Until, f.Cursor, false)
}

// Claims is the WHERE and ORDER BY of a list of claims c: newest first,
// except for one event's claims, oldest first, so a rising toll reads in
// order.
func Claims(f store.ClaimFilter, d Dialect) (*Where, string, error) {
	w := &Where{}
	if f.Category != "" {
		w.Add(`c.category = ?`, f.Category)
	}
	if f.Claimant != "" {
		cond, args := d.Contains("c.claimant", f.Claimant)
		w.Add(cond, args...)
	}
	if f.EventID != 0 {
		w.Add(`c.event_id = ?`, f.EventID)
	}
	if f.Article != "" {
		w.Add(`c.article_id = ?`, f.Article)
	}
	if f.Country != "" {
		w.Add(`c.country = ?`, f.Country)
	}
	asc := f.EventID != 0
	order := `c.published DESC, c.id DESC`
	if asc {
		order = `c.published, c.id`
	}
	return w, order, published(w, "c.published", "c.id", f.Since, f.Until, f.Cursor, asc)
}

package sqlite

import (
	"context"
	"database/sql"

	"github.com/sitrep/sitrep/internal/store"
)

const quoteCols = `q.id, q.article_id, q.local_id, q.kind, q.text, q.speaker_id, coalesce(q.speaker_name, ''), coalesce(a.outlet, ''), q.published, coalesce(a.url, '')`

func scanQuote(sc interface{ Scan(...any) error }) (store.Quote, error) {
	var q store.Quote
	var sp sql.NullInt64
	err := sc.Scan(&q.ID, &q.ArticleID, &q.LocalID, &q.Kind, &q.Text, &sp, &q.SpeakerName, &q.Outlet, &q.Published, &q.URL)
	q.SpeakerID = ptrInt(sp)
	return q, err
}

// queryQuotes runs SELECT quoteCols + rest.
func (db *DB) queryQuotes(ctx context.Context, rest string, args ...any) ([]store.Quote, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT DISTINCT `+quoteCols+` `+rest, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Quote{}
	for rows.Next() {
		q, err := scanQuote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// Quotes lists quotes, newest first.
func (db *DB) Quotes(ctx context.Context, f store.QuoteFilter) (store.Page[store.Quote], error) {
	page := store.Page[store.Quote]{Items: []store.Quote{}}
	w := &where{}
	if f.Text != "" {
		q, err := ftsQuery(f.Text)
		if err != nil {
			return page, err
		}
		w.add(`q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`, q)
	}
	if f.Speaker != "" {
		w.add(`q.speaker_name LIKE ? ESCAPE '\'`, likeArg(f.Speaker))
	}
	if f.SpeakerID != 0 {
		w.add(`q.speaker_id = ?`, f.SpeakerID)
	}
	if f.Article != "" {
		w.add(`q.article_id = ?`, f.Article)
	}
	if err := store.CheckDate("since", f.Since); err != nil {
		return page, err
	}
	if err := store.CheckDate("until", f.Until); err != nil {
		return page, err
	}
	if f.Since != "" {
		w.add(`q.published >= ?`, f.Since)
	}
	if f.Until != "" {
		w.add(`q.published <= ?`, store.UntilBound(f.Until))
	}
	if f.Cursor != "" {
		k, id, err := store.DecodeCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		w.add(`(q.published < ? OR (q.published = ? AND q.id < ?))`, k, k, id)
	}
	limit := store.Limit(f.Limit, 100, 1000)
	items, err := db.queryQuotes(ctx, `FROM quotes q JOIN articles a ON a.id = q.article_id`+w.String()+` ORDER BY q.published DESC, q.id DESC LIMIT ?`,
		append(w.args, limit+1)...)
	if err != nil {
		return page, err
	}
	if len(items) > limit {
		items = items[:limit]
		last := items[limit-1]
		page.Next = store.EncodeCursor(last.Published, last.ID)
	}
	page.Items = items
	return page, nil
}

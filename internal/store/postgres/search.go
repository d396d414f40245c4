package postgres

import (
	"context"

	"github.com/sitrep/sitrep/internal/store"
)

// Search runs a full-text query over articles, quotes and event reports,
// best matches first (ts_rank; ties in the order of storing); the event
// filters narrow the events found.
func (db *DB) Search(ctx context.Context, q store.SearchQuery) (*store.SearchResult, error) {
	tsq, ok, err := tsquery(q.Text)
	if err != nil {
		return nil, err
	}
	limit := store.Limit(q.Limit, 20, 200)
	res := &store.SearchResult{Articles: []store.Article{}, Events: []store.Event{}, Quotes: []store.Quote{}}
	if !ok {
		return res, nil
	}
	rows, err := db.query(ctx, `SELECT `+articleCols+` FROM articles a
		WHERE a.tsv @@ ?::text::tsquery ORDER BY ts_rank(a.tsv, ?::text::tsquery) DESC, a.seq LIMIT ?`, tsq, tsq, limit)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		a, _, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		res.Articles = append(res.Articles, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if res.Quotes, err = db.queryQuotes(ctx, `SELECT `+quoteCols+` FROM quotes q JOIN articles a ON a.id = q.article_id
		WHERE q.tsv @@ ?::text::tsquery ORDER BY ts_rank(q.tsv, ?::text::tsquery) DESC, q.id LIMIT ?`, tsq, tsq, limit); err != nil {
		return nil, err
	}
	f := q.Events
	f.Text, f.Limit, f.Cursor = q.Text, limit, ""
	ev, err := db.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	res.Events = ev.Items
	return res, nil
}

// Stats counts what the store holds.
func (db *DB) Stats(ctx context.Context) (*store.Stats, error) {
	var s store.Stats
	err := db.queryRow(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT count(*) FROM events), (SELECT count(*) FROM reports), (SELECT count(*) FROM entities),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM claims), (SELECT count(*) FROM sources)`).Scan(
		&s.Articles, &s.Duplicates, &s.Events, &s.Reports, &s.Entities, &s.Quotes, &s.Claims, &s.Sources)
	return &s, err
}

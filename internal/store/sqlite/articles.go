package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlq"
)

const articleCols = `a.seq, a.id, coalesce(a.url, ''), coalesce(a.outlet, ''), a.title, a.published, a.language,
	coalesce(a.duplicate_of, ''), coalesce(a.source, ''), a.ingested_at, a.n_events, a.n_quotes, a.n_claims`

func scanArticle(sc interface{ Scan(...any) error }) (store.Article, int64, error) {
	var a store.Article
	var rowid int64
	err := sc.Scan(&rowid, &a.ID, &a.URL, &a.Outlet, &a.Title, &a.Published, &a.Language,
		&a.DuplicateOf, &a.Source, &a.IngestedAt, &a.Events, &a.Quotes, &a.Claims)
	return a, rowid, err
}

// Articles lists stored articles, newest first.
func (db *DB) Articles(ctx context.Context, f store.ArticleFilter) (store.Page[store.Article], error) {
	page := store.Page[store.Article]{Items: []store.Article{}}
	w, err := sqlq.Articles(f, dialect{})
	if err != nil {
		return page, err
	}
	limit := store.Limit(f.Limit, 100, 1000)
	rows, err := db.r.QueryContext(ctx, `SELECT `+articleCols+` FROM articles a`+w.String()+` ORDER BY a.published DESC, a.seq DESC LIMIT ?`,
		append(w.Args, limit+1)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	var lastRow int64
	for rows.Next() {
		a, rowid, err := scanArticle(rows)
		if err != nil {
			return page, err
		}
		if len(page.Items) == limit {
			page.Next = store.EncodeCursor(page.Items[limit-1].Published, lastRow)
			break
		}
		page.Items = append(page.Items, a)
		lastRow = rowid
	}
	return page, rows.Err()
}

// Article returns one article with its document.
func (db *DB) Article(ctx context.Context, id string) (*store.ArticleDetail, error) {
	var doc []byte
	row := db.r.QueryRowContext(ctx, `SELECT `+articleCols+`, a.doc FROM articles a WHERE a.id = ?`, id)
	var d store.ArticleDetail
	var rowid int64
	err := row.Scan(&rowid, &d.ID, &d.URL, &d.Outlet, &d.Title, &d.Published, &d.Language,
		&d.DuplicateOf, &d.Source, &d.IngestedAt, &d.Events, &d.Quotes, &d.Claims, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	d.Document = &document.Document{}
	if err := json.Unmarshal(doc, d.Document); err != nil {
		return nil, fmt.Errorf("article %s: stored document: %w", id, err)
	}
	d.Duplicates, err = db.strings(ctx, `SELECT id FROM articles WHERE duplicate_of = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	d.EventIDs, err = db.idMap(ctx, `SELECT local_id, event_id FROM reports WHERE article_id = ?`, id)
	if err != nil {
		return nil, err
	}
	d.EntityIDs, err = db.idMap(ctx, `SELECT local_id, entity_id FROM article_entities WHERE article_id = ?`, id)
	return &d, err
}

func (db *DB) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (db *DB) idMap(ctx context.Context, q string, args ...any) (map[string]int64, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var v int64
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

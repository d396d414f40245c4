package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlq"
)

const articleCols = `a.seq, a.id, coalesce(a.url, ''), coalesce(a.outlet, ''), a.title, a.published, a.language,
	coalesce(a.duplicate_of, ''), coalesce(a.source, ''), a.ingested_at, a.n_events, a.n_quotes, a.n_claims`

func scanArticle(sc pgx.Row) (store.Article, int64, error) {
	var a store.Article
	var seq int64
	err := sc.Scan(&seq, &a.ID, &a.URL, &a.Outlet, &a.Title, &a.Published, &a.Language,
		&a.DuplicateOf, &a.Source, &a.IngestedAt, &a.Events, &a.Quotes, &a.Claims)
	return a, seq, err
}

// Articles lists stored articles, newest first.
func (db *DB) Articles(ctx context.Context, f store.ArticleFilter) (store.Page[store.Article], error) {
	page := store.Page[store.Article]{Items: []store.Article{}}
	w, err := sqlq.Articles(f, dialect{})
	if err != nil {
		return page, err
	}
	limit := store.Limit(f.Limit, 100, 1000)
	rows, err := db.query(ctx, `SELECT `+articleCols+` FROM articles a`+w.String()+` ORDER BY a.published DESC, a.seq DESC LIMIT ?`,
		append(w.Args, limit+1)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	var lastSeq int64
	for rows.Next() {
		a, seq, err := scanArticle(rows)
		if err != nil {
			return page, err
		}
		if len(page.Items) == limit {
			page.Next = store.EncodeCursor(page.Items[limit-1].Published, lastSeq)
			break
		}
		page.Items = append(page.Items, a)
		lastSeq = seq
	}
	return page, rows.Err()
}

// Article returns one article with its document.
func (db *DB) Article(ctx context.Context, id string) (*store.ArticleDetail, error) {
	var doc []byte
	var d store.ArticleDetail
	var seq int64
	err := db.queryRow(ctx, `SELECT `+articleCols+`, a.doc FROM articles a WHERE a.id = ?`, id).Scan(
		&seq, &d.ID, &d.URL, &d.Outlet, &d.Title, &d.Published, &d.Language,
		&d.DuplicateOf, &d.Source, &d.IngestedAt, &d.Events, &d.Quotes, &d.Claims, &doc)
	if errors.Is(err, pgx.ErrNoRows) {
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
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	out := []string{}
	var s string
	_, err = pgx.ForEachRow(rows, []any{&s}, func() error {
		out = append(out, s)
		return nil
	})
	return out, err
}

func (db *DB) idMap(ctx context.Context, q string, args ...any) (map[string]int64, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	var k string
	var v int64
	_, err = pgx.ForEachRow(rows, []any{&k, &v}, func() error {
		out[k] = v
		return nil
	})
	return out, err
}

package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

func (db *DB) scanEntities(ctx context.Context, q string, args ...any) ([]store.Entity, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var out []store.Entity
	for rows.Next() {
		var e store.Entity
		var titles string
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &titles, &e.Articles, &e.Mentions); err != nil {
			rows.Close()
			return nil, err
		}
		if json.Unmarshal([]byte(titles), &e.Titles) != nil || len(e.Titles) == 0 {
			e.Titles = nil
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Aliases, err = db.strings(ctx, `SELECT alias FROM entity_aliases WHERE entity_id = ? AND alias != ? ORDER BY alias`, out[i].ID, out[i].Name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const entityCols = `e.id, e.type, e.name, e.titles, e.articles, e.mentions`

// Entities lists entities, most mentioned first.
func (db *DB) Entities(ctx context.Context, f store.EntityFilter) (store.Page[store.Entity], error) {
	page := store.Page[store.Entity]{Items: []store.Entity{}}
	w := &where{}
	if f.Name != "" {
		w.Add(`e.id IN (SELECT entity_id FROM entity_names WHERE key LIKE ? ESCAPE '\' UNION SELECT entity_id FROM entity_aliases WHERE alias LIKE ? ESCAPE '\')`,
			likeArg(fusion.Key(f.Name)), likeArg(f.Name))
	}
	if f.Type != "" {
		w.Add(`e.type = ?`, f.Type)
	}
	if f.Cursor != "" {
		k, id, err := store.DecodeCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		n, err := strconv.Atoi(k)
		if err != nil {
			return page, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
		}
		w.Add(`(e.mentions < ? OR (e.mentions = ? AND e.id > ?))`, n, n, id)
	}
	limit := store.Limit(f.Limit, 100, 1000)
	items, err := db.scanEntities(ctx, `SELECT `+entityCols+` FROM entities e`+w.String()+` ORDER BY e.mentions DESC, e.id LIMIT ?`, append(w.Args, limit+1)...)
	if err != nil {
		return page, err
	}
	if len(items) > limit {
		items = items[:limit]
		last := items[limit-1]
		page.Next = store.EncodeCursor(strconv.Itoa(last.Mentions), last.ID)
	}
	if items != nil {
		page.Items = items
	}
	return page, nil
}

// Entity returns one entity with its quotes over time and its events: for
// a place, the events located there; for an actor, the events it is an
// actor of.
func (db *DB) Entity(ctx context.Context, id int64) (*store.EntityDetail, error) {
	items, err := db.scanEntities(ctx, `SELECT `+entityCols+` FROM entities e WHERE e.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("entity %d: %w", id, store.ErrNotFound)
	}
	d := &store.EntityDetail{Entity: items[0], Events: []store.Event{}}
	if d.Quotes, err = db.queryQuotes(ctx, `FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? ORDER BY q.published, q.id LIMIT 500`, id); err != nil {
		return nil, err
	}
	names := append([]string{d.Name}, d.Aliases...)
	var q string
	switch d.Type {
	case "GPE", "LOC", "FAC":
		q = `SELECT ` + eventCols + ` FROM events e WHERE e.location IN (` + placeholders(len(names)) + `) ORDER BY e.date_lo DESC, e.id DESC LIMIT 500`
	default:
		q = `SELECT ` + eventCols + ` FROM events e WHERE e.actor1 IN (` + placeholders(len(names)) + `) OR e.actor2 IN (` + placeholders(len(names)) + `) ORDER BY e.date_lo DESC, e.id DESC LIMIT 500`
		names = append(names, names...)
	}
	args := make([]any, len(names))
	for i, n := range names {
		args[i] = n
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		d.Events = append(d.Events, e)
	}
	return d, rows.Err()
}

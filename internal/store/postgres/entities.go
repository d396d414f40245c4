package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

func (db *DB) scanEntities(ctx context.Context, q string, args ...any) ([]store.Entity, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var out []store.Entity
	var e store.Entity
	var titles string
	if _, err := pgx.ForEachRow(rows, []any{&e.ID, &e.Type, &e.Name, &titles, &e.Articles, &e.Mentions}, func() error {
		x := e
		if json.Unmarshal([]byte(titles), &x.Titles) != nil || len(x.Titles) == 0 {
			x.Titles = nil
		}
		out = append(out, x)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	// The aliases of all of them in one query.
	ids := make([]int64, len(out))
	at := make(map[int64]int, len(out))
	for i := range out {
		ids[i] = out[i].ID
		at[out[i].ID] = i
		out[i].Aliases = []string{}
	}
	rows, err = db.query(ctx, `SELECT entity_id, alias FROM entity_aliases WHERE entity_id = ANY(?::bigint[]) ORDER BY entity_id, alias`, ids)
	if err != nil {
		return nil, err
	}
	var id int64
	var alias string
	_, err = pgx.ForEachRow(rows, []any{&id, &alias}, func() error {
		if e := &out[at[id]]; alias != e.Name {
			e.Aliases = append(e.Aliases, alias)
		}
		return nil
	})
	return out, err
}

const entityCols = `e.id, e.type, e.name, e.titles, e.articles, e.mentions`

// Entities lists entities, most mentioned first.
func (db *DB) Entities(ctx context.Context, f store.EntityFilter) (store.Page[store.Entity], error) {
	page := store.Page[store.Entity]{Items: []store.Entity{}}
	w := &where{}
	if f.Name != "" {
		w.Add(`e.id IN (SELECT entity_id FROM entity_names WHERE key ILIKE ? UNION SELECT entity_id FROM entity_aliases WHERE alias ILIKE ?)`,
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
		w.Add(`(e.mentions < ? OR (e.mentions = ? AND e.id > ?))`, int64(n), int64(n), id)
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
	if d.Quotes, err = db.queryQuotes(ctx, `SELECT DISTINCT `+quoteCols+` FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? ORDER BY q.published, q.id LIMIT 500`, id); err != nil {
		return nil, err
	}
	names := append([]string{d.Name}, d.Aliases...)
	var q string
	switch d.Type {
	case "GPE", "LOC", "FAC":
		q = `SELECT ` + eventCols + ` FROM events e WHERE e.location = ANY(?::text[]) ORDER BY e.date_lo DESC, e.id DESC LIMIT 500`
	default:
		q = `SELECT ` + eventCols + ` FROM events e WHERE e.actor1 = ANY(?::text[]) OR e.actor2 = ANY(?::text[]) ORDER BY e.date_lo DESC, e.id DESC LIMIT 500`
	}
	args := []any{names}
	if d.Type != "GPE" && d.Type != "LOC" && d.Type != "FAC" {
		args = append(args, names)
	}
	rows, err := db.query(ctx, q, args...)
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

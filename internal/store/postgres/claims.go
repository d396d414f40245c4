package postgres

import (
	"context"

	"github.com/sitrep/sitrep/internal/store"
)

// Claims lists figure claims, newest first (for one event: oldest first,
// so a rising toll reads in order).
func (db *DB) Claims(ctx context.Context, f store.ClaimFilter) (store.Page[store.Claim], error) {
	page := store.Page[store.Claim]{Items: []store.Claim{}}
	w := &where{}
	if f.Category != "" {
		w.add(`c.category = ?`, f.Category)
	}
	if f.Claimant != "" {
		w.add(`c.claimant ILIKE ?`, likeArg(f.Claimant))
	}
	if f.EventID != 0 {
		w.add(`c.event_id = ?`, f.EventID)
	}
	if f.Article != "" {
		w.add(`c.article_id = ?`, f.Article)
	}
	if f.Country != "" {
		w.add(`c.country = ?`, f.Country)
	}
	if err := store.CheckDate("since", f.Since); err != nil {
		return page, err
	}
	if err := store.CheckDate("until", f.Until); err != nil {
		return page, err
	}
	if f.Since != "" {
		w.add(`c.published >= ?`, f.Since)
	}
	if f.Until != "" {
		w.add(`c.published <= ?`, store.UntilBound(f.Until))
	}
	order := `c.published DESC, c.id DESC`
	if f.EventID != 0 {
		order = `c.published, c.id`
	}
	if f.Cursor != "" {
		k, id, err := store.DecodeCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		if f.EventID != 0 {
			w.add(`(c.published > ? OR (c.published = ? AND c.id > ?))`, k, k, id)
		} else {
			w.add(`(c.published < ? OR (c.published = ? AND c.id < ?))`, k, k, id)
		}
	}
	limit := store.Limit(f.Limit, 100, 1000)
	rows, err := db.query(ctx, `SELECT c.id, c.article_id, c.local_id, c.event_id, c.category, c.min, c.max, c.approx,
		coalesce(c.vague, ''), c.phrase, coalesce(c.claimant, ''), c.claimant_id, coalesce(c.outlet, ''), c.published,
		coalesce(c.date, ''), coalesce(c.location, '') FROM claims c`+w.String()+` ORDER BY `+order+` LIMIT ?`,
		append(w.args, limit+1)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var c store.Claim
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.LocalID, &c.EventID, &c.Category, &c.Min, &c.Max, &c.Approx, &c.Vague, &c.Phrase,
			&c.Claimant, &c.ClaimantID, &c.Outlet, &c.Published, &c.Date, &c.Location); err != nil {
			return page, err
		}
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.Next = store.EncodeCursor(last.Published, last.ID)
			break
		}
		page.Items = append(page.Items, c)
	}
	return page, rows.Err()
}

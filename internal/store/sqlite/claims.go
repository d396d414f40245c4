package sqlite

import (
	"context"
	"database/sql"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlq"
)

// Claims lists figure claims, newest first (for one event: oldest first,
// so a rising toll reads in order).
func (db *DB) Claims(ctx context.Context, f store.ClaimFilter) (store.Page[store.Claim], error) {
	page := store.Page[store.Claim]{Items: []store.Claim{}}
	w, order, err := sqlq.Claims(f, dialect{})
	if err != nil {
		return page, err
	}
	limit := store.Limit(f.Limit, 100, 1000)
	rows, err := db.r.QueryContext(ctx, `SELECT c.id, c.article_id, c.local_id, c.event_id, c.category, c.min, c.max, c.approx,
		coalesce(c.vague, ''), c.phrase, coalesce(c.claimant, ''), c.claimant_id, coalesce(c.outlet, ''), c.published,
		coalesce(c.date, ''), coalesce(c.location, '') FROM claims c`+w.String()+` ORDER BY `+order+` LIMIT ?`,
		append(w.Args, limit+1)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var c store.Claim
		var ev, lo, hi, cl sql.NullInt64
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.LocalID, &ev, &c.Category, &lo, &hi, &c.Approx, &c.Vague, &c.Phrase,
			&c.Claimant, &cl, &c.Outlet, &c.Published, &c.Date, &c.Location); err != nil {
			return page, err
		}
		c.EventID, c.Min, c.Max, c.ClaimantID = ptrInt(ev), ptrInt(lo), ptrInt(hi), ptrInt(cl)
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.Next = store.EncodeCursor(last.Published, last.ID)
			break
		}
		page.Items = append(page.Items, c)
	}
	return page, rows.Err()
}

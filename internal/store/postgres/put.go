package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// prepared is what storing an item needs that does not depend on what is
// stored, computed before the transaction.
type prepared struct {
	keys []int64 // fusion.SentenceKeys of the text
	body []byte  // the document as JSON
	tsv  string  // title and text
}

// Put stores a batch of articles in one transaction; see store.Store and,
// for concurrent writers and retries, the package comment.
func (db *DB) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	prep := make([]prepared, len(items))
	for i, it := range items {
		if it.Doc == nil {
			return nil, fmt.Errorf("postgres: item %q has no document", it.Source)
		}
		body, err := json.Marshal(it.Doc)
		if err != nil {
			return nil, fmt.Errorf("postgres: store %s: %w", name(it), err)
		}
		prep[i] = prepared{keys: fusion.SentenceKeys(it.Doc.Text), body: body, tsv: tsvector(it.Doc.Title, it.Doc.Text)}
	}
	var res []store.PutResult
	var w *writer
	err := db.retry(ctx, func(attempt int) error {
		w = &writer{ctx: ctx, db: db, now: time.Now().UTC().Format(time.RFC3339), newEntities: map[string]int64{}}
		res = make([]store.PutResult, 0, len(items))
		return pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
			w.tx = tx
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockPut); err != nil {
				return fmt.Errorf("write lock: %w", err)
			}
			for i, it := range items {
				r, err := w.put(it, &prep[i])
				if err != nil {
					return fmt.Errorf("store %s: %w", name(it), err)
				}
				res = append(res, r)
				if db.afterItem != nil {
					db.afterItem(attempt, i, tx)
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db.mu.Lock()
	for k, id := range w.newEntities { // only now are they there for good
		db.entities[k] = id
	}
	db.mu.Unlock()
	return res, nil
}

func name(it store.Item) string {
	if it.Source != "" {
		return it.Source
	}
	return it.Doc.ID
}

// HasSource reports whether an input with this key was stored.
func (db *DB) HasSource(ctx context.Context, key string) (bool, error) {
	var ok bool
	err := db.retry(ctx, func(int) error {
		return db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE key = $1)`, txt(key)).Scan(&ok)
	})
	return ok, err
}

// writer stores the articles of one transaction.
type writer struct {
	ctx context.Context
	tx  pgx.Tx
	db  *DB
	now string
	// newEntities are the name keys of entities found or made in this
	// transaction; they join the DB's cache when it commits.
	newEntities map[string]int64
}

func (w *writer) exec(q string, args ...any) (pgconn.CommandTag, error) {
	return w.tx.Exec(w.ctx, bind(q), txts(args)...)
}

func (w *writer) query(q string, args ...any) (pgx.Rows, error) {
	return w.tx.Query(w.ctx, bind(q), txts(args)...)
}

func (w *writer) queryRow(q string, args ...any) pgx.Row {
	return w.tx.QueryRow(w.ctx, bind(q), txts(args)...)
}

func (w *writer) put(it store.Item, p *prepared) (store.PutResult, error) {
	d := it.Doc
	res := store.PutResult{ArticleID: d.ID, Events: []int64{}}
	if it.SourceKey != "" {
		var id string
		err := w.queryRow(`SELECT article_id FROM sources WHERE key = ?`, it.SourceKey).Scan(&id)
		if err == nil {
			res.ArticleID = id
			return res, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return res, err
		}
	}
	var exists bool
	if err := w.queryRow(`SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?)`, d.ID).Scan(&exists); err != nil {
		return res, err
	}
	if !exists {
		stored, err := w.article(it, p, &res)
		if err != nil {
			return res, err
		}
		res.New = stored
	}
	if it.SourceKey != "" {
		if _, err := w.exec(`INSERT INTO sources (key, name, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, it.SourceKey, it.Source, d.ID); err != nil {
			return res, err
		}
	}
	return res, nil
}

// article stores a new article and everything found in it, fusing it with
// what is stored. It returns false, having stored nothing, if the article
// is there after all.
func (w *writer) article(it store.Item, p *prepared, res *store.PutResult) (bool, error) {
	d := it.Doc
	dup, err := w.duplicateOf(p.keys)
	if err != nil {
		return false, err
	}
	tag, err := w.exec(`INSERT INTO articles (id, url, outlet, title, published, language, source, ingested_at, duplicate_of,
		n_sentences, n_events, n_quotes, n_claims, doc, tsv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text::tsvector)
		ON CONFLICT (id) DO NOTHING`,
		d.ID, d.URL, d.Outlet, d.Title, d.Published, d.Language, nullStr(it.Source), w.now, nullStr(dup),
		len(p.keys), len(d.Events), len(d.Quotes), len(d.Figures), p.body, p.tsv)
	if err != nil {
		return false, err
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	res.DuplicateOf = dup
	if len(p.keys) > 0 {
		if _, err := w.exec(`INSERT INTO sentences (key, article_id) SELECT k, ? FROM unnest(?::bigint[]) k ON CONFLICT DO NOTHING`, d.ID, p.keys); err != nil {
			return false, err
		}
	}
	ents, err := w.entitiesOf(d)
	if err != nil {
		return false, err
	}
	if err := w.quotes(d, ents); err != nil {
		return false, err
	}
	events, err := w.events(d)
	if err != nil {
		return false, err
	}
	for _, e := range d.Events {
		res.Events = append(res.Events, events[e.ID])
	}
	touched, err := w.claims(d, ents, events)
	if err != nil {
		return false, err
	}
	for _, id := range res.Events {
		touched[id] = true
	}
	for id := range touched {
		if err := w.recount(id); err != nil {
			return false, err
		}
	}
	return true, nil
}

// duplicateOf returns the earliest stored article that the sentence keys
// show to be the same text, or "": the SQLite store's estimate from a
// sample of at most 64 keys, spread over the article, and at most 50
// articles a key (the first by id), in one query.
func (w *writer) duplicateOf(keys []int64) (string, error) {
	if len(keys) == 0 {
		return "", nil
	}
	probe := keys
	if len(keys) > 64 {
		probe = make([]int64, 64)
		for i := range probe {
			probe[i] = keys[i*len(keys)/64]
		}
	}
	rows, err := w.query(`SELECT h.article_id, count(*), a.seq, a.n_sentences, coalesce(a.duplicate_of, '')
		FROM unnest(?::bigint[]) p(k)
		CROSS JOIN LATERAL (SELECT article_id FROM sentences WHERE key = p.k ORDER BY article_id LIMIT 50) h
		JOIN articles a ON a.id = h.article_id
		GROUP BY h.article_id, a.seq, a.n_sentences, a.duplicate_of`, probe)
	if err != nil {
		return "", err
	}
	type cand struct {
		id, root string
		n, total int
		seq      int64
	}
	var best *cand
	var c cand
	if _, err := pgx.ForEachRow(rows, []any{&c.id, &c.n, &c.seq, &c.total, &c.root}, func() error {
		n := c.n * len(keys) / len(probe)
		if !fusion.NearDuplicate(n, len(keys), n) {
			return nil // too few shared for any length of the other article
		}
		if !fusion.NearDuplicate(min(n, c.total), len(keys), c.total) {
			return nil
		}
		if best == nil || c.seq < best.seq {
			b := c
			best = &b
		}
		return nil
	}); err != nil {
		return "", err
	}
	if best == nil {
		return "", nil
	}
	if best.root != "" {
		return best.root, nil
	}
	return best.id, nil
}

// entitiesOf merges the document's entities into the stored ones and
// returns the store id of each local id.
func (w *writer) entitiesOf(d *document.Document) (map[string]int64, error) {
	ids := make(map[string]int64, len(d.Entities))
	for _, e := range d.Entities {
		keys := fusion.NameKeys(e.Type, e.Name, e.Aliases)
		if len(keys) == 0 {
			continue
		}
		id, err := w.findEntity(e.Type, keys)
		if err != nil {
			return nil, err
		}
		if id == 0 {
			titles, _ := json.Marshal(nonNil(e.Titles))
			if err := w.queryRow(`INSERT INTO entities (type, name, titles) VALUES (?, ?, ?) RETURNING id`, e.Type, e.Name, string(titles)).Scan(&id); err != nil {
				return nil, err
			}
		}
		// The rest is one round trip.
		b := &pgx.Batch{}
		b.Queue(bind(`INSERT INTO entity_names (type, key, entity_id) SELECT ?, k, ? FROM unnest(?::text[]) k ON CONFLICT DO NOTHING RETURNING key`),
			txts([]any{e.Type, id, keys})...)
		b.Queue(bind(`INSERT INTO entity_aliases (entity_id, alias) SELECT ?, a FROM unnest(?::text[]) a ON CONFLICT DO NOTHING`),
			txts([]any{id, append([]string{e.Name}, e.Aliases...)})...)
		b.Queue(bind(`UPDATE entities SET articles = articles + 1, mentions = mentions + ? WHERE id = ?`), len(e.Mentions), id)
		b.Queue(bind(`INSERT INTO article_entities (article_id, local_id, entity_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
			txts([]any{d.ID, e.ID, id})...)
		br := w.tx.SendBatch(w.ctx, b)
		rows, err := br.Query()
		if err == nil {
			var k string
			_, err = pgx.ForEachRow(rows, []any{&k}, func() error {
				w.newEntities[e.Type+"\x00"+k] = id
				return nil
			})
		}
		for i := 0; i < 3 && err == nil; i++ {
			_, err = br.Exec()
		}
		if cerr := br.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		ids[e.ID] = id
	}
	return ids, nil
}

// findEntity returns the entity known by the first of keys that names one,
// or 0.
func (w *writer) findEntity(typ string, keys []string) (int64, error) {
	var ask []string
	w.db.mu.RLock()
	for _, k := range keys {
		ck := typ + "\x00" + k
		id, ok := w.newEntities[ck]
		if !ok {
			id, ok = w.db.entities[ck]
		}
		if ok && len(ask) == 0 {
			w.db.mu.RUnlock()
			return id, nil
		}
		if !ok {
			ask = append(ask, k)
		}
	}
	w.db.mu.RUnlock()
	// Keys are never reassigned, so whatever the cache knows of a later key
	// is also stored; one query finds which keys name an entity.
	found := map[string]int64{}
	rows, err := w.query(`SELECT key, entity_id FROM entity_names WHERE type = ? AND key = ANY(?::text[])`, typ, keys)
	if err != nil {
		return 0, err
	}
	var k string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&k, &id}, func() error {
		found[k] = id
		return nil
	}); err != nil {
		return 0, err
	}
	for _, k := range keys {
		if id, ok := found[txt(k)]; ok {
			w.newEntities[typ+"\x00"+k] = id
			return id, nil
		}
	}
	return 0, nil
}

func (w *writer) quotes(d *document.Document, ents map[string]int64) error {
	if len(d.Quotes) == 0 {
		return nil
	}
	n := len(d.Quotes)
	local, kind, text, names, in, tsv := make([]string, n), make([]string, n), make([]string, n), make([]*string, n), make([]string, n), make([]string, n)
	speakers := make([]*int64, n)
	start, end := make([]int64, n), make([]int64, n)
	for i, q := range d.Quotes {
		if q.Speaker != nil {
			if id, ok := ents[*q.Speaker]; ok {
				speakers[i] = &id
			}
		}
		sp := ""
		if q.SpeakerName != nil {
			sp = *q.SpeakerName
		}
		local[i], kind[i], text[i], names[i], in[i] = q.ID, q.Kind, q.Text, q.SpeakerName, q.In
		start[i], end[i] = int64(q.Start), int64(q.End)
		tsv[i] = tsvector(q.Text, sp)
	}
	_, err := w.exec(`INSERT INTO quotes (article_id, local_id, kind, text, speaker_id, speaker_name, published, span_start, span_end, in_field, tsv)
		SELECT ?, l, k, t, s, n, ?, a, b, f, v::tsvector
		FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::integer[], ?::integer[], ?::text[], ?::text[])
			WITH ORDINALITY AS u(l, k, t, s, n, a, b, f, v, o)
		ORDER BY o`,
		d.ID, d.Published, local, kind, text, speakers, names, start, end, in, tsv)
	return err
}

// claims stores the figures of the document and returns the fused events
// whose claims changed.
func (w *writer) claims(d *document.Document, ents map[string]int64, events map[string]int64) (map[int64]bool, error) {
	touched := map[int64]bool{}
	for _, f := range d.Figures {
		var event *int64
		if f.Event != nil {
			if id, ok := events[*f.Event]; ok && id != 0 {
				event = &id
				touched[id] = true
			}
		}
		var claimant *int64
		if f.ClaimedBy != nil {
			if id, ok := ents[*f.ClaimedBy]; ok {
				claimant = &id
			}
		}
		pl := placeOf(d, f.Place)
		if _, err := w.exec(`INSERT INTO claims (article_id, local_id, event_id, category, min, max, approx, vague, phrase,
			claimant, claimant_id, outlet, published, date, location, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, f.ID, event, f.Category, f.Min, f.Max, f.Approx, f.Vague, f.Phrase,
			f.ClaimedByName, claimant, d.Outlet, d.Published, f.Date, nullStr(pl.Location), nullStr(pl.Country)); err != nil {
			return nil, err
		}
	}
	return touched, nil
}

// recount sets a fused event's claim count, fatalities and injured from its
// claims (fusion.Count).
func (w *writer) recount(id int64) error {
	rows, err := w.query(`SELECT category, min, max, coalesce(vague, ''), coalesce(claimant, ''), published FROM claims WHERE event_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	byCat := map[string][]fusion.Claim{}
	n := 0
	var c fusion.Claim
	var cat string
	if _, err := pgx.ForEachRow(rows, []any{&cat, &c.Min, &c.Max, &c.Vague, &c.Claimant, &c.Published}, func() error {
		byCat[cat] = append(byCat[cat], c)
		c = fusion.Claim{}
		n++
		return nil
	}); err != nil {
		return err
	}
	count := func(cat string) *int64 {
		if v, ok := fusion.Count(byCat[cat]); ok {
			return &v
		}
		return nil
	}
	_, err = w.exec(`UPDATE events SET claims = ?, fatalities = ?, injured = ? WHERE id = ?`, n, count("killed"), count("injured"), id)
	return err
}

func nullStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

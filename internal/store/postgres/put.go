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
	if len(touched) > 0 {
		ids := make([]int64, 0, len(touched))
		for id := range touched {
			ids = append(ids, id)
		}
		if err := w.recount(ids); err != nil {
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
// returns the store id of each local id. It does what the SQLite store does
// entity by entity — find the entity by the first of its name keys that
// names one, else make one; give it the keys no entity has yet, its name
// and aliases; count the article and the mentions — but works out the
// whole document in memory from one lookup of its keys (under the write
// lock nothing else changes them) and writes it in one round trip.
func (w *writer) entitiesOf(d *document.Document) (map[string]int64, error) {
	type ent struct {
		local, typ, name string
		keys, aliases    []string
		titles           string
		mentions         int
	}
	var es []ent
	var types, keys []string
	for _, e := range d.Entities {
		ks := fusion.NameKeys(e.Type, e.Name, e.Aliases)
		if len(ks) == 0 {
			continue
		}
		titles, _ := json.Marshal(nonNil(e.Titles))
		es = append(es, ent{e.ID, e.Type, e.Name, ks, append([]string{e.Name}, e.Aliases...), string(titles), len(e.Mentions)})
		for _, k := range ks {
			types, keys = append(types, e.Type), append(keys, k)
		}
	}
	ids := make(map[string]int64, len(es))
	if len(es) == 0 {
		return ids, nil
	}
	// Who each key names now: the caches, then the store.
	names := map[string]int64{}
	var askT, askK []string
	w.db.mu.RLock()
	for i, k := range keys {
		ck := types[i] + "\x00" + k
		if id, ok := w.newEntities[ck]; ok {
			names[ck] = id
		} else if id, ok := w.db.entities[ck]; ok {
			names[ck] = id
		} else {
			askT, askK = append(askT, types[i]), append(askK, k)
		}
	}
	w.db.mu.RUnlock()
	if len(askK) > 0 {
		rows, err := w.query(`SELECT n.type, n.key, n.entity_id FROM entity_names n JOIN unnest(?::text[], ?::text[]) AS q(t, k) ON n.type = q.t AND n.key = q.k`, askT, askK)
		if err != nil {
			return nil, err
		}
		var t, k string
		var id int64
		if _, err := pgx.ForEachRow(rows, []any{&t, &k, &id}, func() error {
			names[t+"\x00"+k] = id
			return nil
		}); err != nil {
			return nil, err
		}
	}
	// Entity by entity, as if stored one after another; new entities get
	// placeholder ids -1, -2, ... until the sequence gives them theirs.
	type made struct{ typ, name, titles string }
	var fresh []made
	var nameT, nameK []string
	var nameID []int64
	for _, e := range es {
		var id int64
		for _, k := range e.keys {
			if x, ok := names[e.typ+"\x00"+k]; ok {
				id = x
				break
			}
		}
		if id == 0 {
			fresh = append(fresh, made{e.typ, e.name, e.titles})
			id = -int64(len(fresh))
		}
		for _, k := range e.keys {
			ck := e.typ + "\x00" + k
			if _, ok := names[ck]; !ok {
				names[ck] = id
				nameT, nameK, nameID = append(nameT, e.typ), append(nameK, k), append(nameID, id)
			}
		}
		ids[e.local] = id
	}
	if len(fresh) > 0 {
		rows, err := w.query(`SELECT nextval(pg_get_serial_sequence('entities', 'id')) FROM generate_series(1, ?::integer)`, len(fresh))
		if err != nil {
			return nil, err
		}
		seq, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return nil, err
		}
		if len(seq) != len(fresh) {
			return nil, fmt.Errorf("entity ids: %d for %d entities", len(seq), len(fresh))
		}
		real := func(id int64) int64 {
			if id < 0 {
				return seq[-id-1]
			}
			return id
		}
		for k, id := range ids {
			ids[k] = real(id)
		}
		for i := range nameID {
			nameID[i] = real(nameID[i])
		}
		for ck, id := range names {
			names[ck] = real(id)
		}
		ftype, fname, ftitles := make([]string, len(fresh)), make([]string, len(fresh)), make([]string, len(fresh))
		for i, f := range fresh {
			ftype[i], fname[i], ftitles[i] = f.typ, f.name, f.titles
		}
		if _, err := w.exec(`INSERT INTO entities (id, type, name, titles) SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[])`,
			seq, ftype, fname, ftitles); err != nil {
			return nil, err
		}
	}
	for ck, id := range names {
		w.newEntities[ck] = id
	}
	var aliasID, artID, mentions []int64
	var aliases, locals []string
	for _, e := range es {
		id := ids[e.local]
		for _, a := range e.aliases {
			aliasID, aliases = append(aliasID, id), append(aliases, a)
		}
		artID, locals, mentions = append(artID, id), append(locals, e.local), append(mentions, int64(e.mentions))
	}
	b := &pgx.Batch{}
	queue := func(q string, args ...any) { b.Queue(bind(q), txts(args)...) }
	queue(`INSERT INTO entity_names (type, key, entity_id) SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[]) ON CONFLICT DO NOTHING`, nameT, nameK, nameID)
	queue(`INSERT INTO entity_aliases (entity_id, alias) SELECT * FROM unnest(?::bigint[], ?::text[]) ON CONFLICT DO NOTHING`, aliasID, aliases)
	queue(`UPDATE entities e SET articles = e.articles + x.n, mentions = e.mentions + x.m
		FROM (SELECT id, count(*) AS n, sum(m) AS m FROM unnest(?::bigint[], ?::bigint[]) AS u(id, m) GROUP BY id) x WHERE e.id = x.id`, artID, mentions)
	queue(`INSERT INTO article_entities (article_id, local_id, entity_id) SELECT ?, l, i FROM unnest(?::text[], ?::bigint[]) AS u(l, i) ON CONFLICT DO NOTHING`,
		d.ID, locals, artID)
	if err := w.tx.SendBatch(w.ctx, b).Close(); err != nil {
		return nil, err
	}
	return ids, nil
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
	if len(d.Figures) == 0 {
		return touched, nil
	}
	n := len(d.Figures)
	local, cat, approx, phrase := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	vague, claimant, date, loc, country := make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
	event, lo, hi, claimantID := make([]*int64, n), make([]*int64, n), make([]*int64, n), make([]*int64, n)
	for i, f := range d.Figures {
		if f.Event != nil {
			if id, ok := events[*f.Event]; ok && id != 0 {
				event[i] = &id
				touched[id] = true
			}
		}
		if f.ClaimedBy != nil {
			if id, ok := ents[*f.ClaimedBy]; ok {
				claimantID[i] = &id
			}
		}
		pl := fusion.PlaceOf(d, f.Place)
		local[i], cat[i], approx[i], phrase[i] = f.ID, f.Category, f.Approx, f.Phrase
		vague[i], claimant[i], date[i], loc[i], country[i] = f.Vague, f.ClaimedByName, f.Date, nullStr(pl.Location), nullStr(pl.Country)
		lo[i], hi[i] = f.Min, f.Max
	}
	_, err := w.exec(`INSERT INTO claims (article_id, local_id, event_id, category, min, max, approx, vague, phrase,
		claimant, claimant_id, outlet, published, date, location, country)
		SELECT ?, l, e, c, lo, hi, a, v, p, cl, ci, ?, ?, dt, lc, co
		FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[])
			WITH ORDINALITY AS u(l, e, c, lo, hi, a, v, p, cl, ci, dt, lc, co, o)
		ORDER BY o`,
		d.ID, d.Outlet, d.Published, local, event, cat, lo, hi, approx, vague, phrase, claimant, claimantID, date, loc, country)
	return touched, err
}

// recount sets the claim count, fatalities and injured of fused events
// from their claims (fusion.Count).
func (w *writer) recount(ids []int64) error {
	rows, err := w.query(`SELECT event_id, category, min, max, coalesce(vague, ''), published
		FROM claims WHERE event_id = ANY(?::bigint[]) ORDER BY id`, ids)
	if err != nil {
		return err
	}
	type tally struct {
		n     int
		byCat map[string][]fusion.Claim
	}
	all := map[int64]*tally{}
	var id int64
	var c fusion.Claim
	var cat string
	if _, err := pgx.ForEachRow(rows, []any{&id, &cat, &c.Min, &c.Max, &c.Vague, &c.Published}, func() error {
		t := all[id]
		if t == nil {
			t = &tally{byCat: map[string][]fusion.Claim{}}
			all[id] = t
		}
		t.byCat[cat] = append(t.byCat[cat], c)
		t.n++
		c = fusion.Claim{}
		return nil
	}); err != nil {
		return err
	}
	n, killed, injured := make([]int64, len(ids)), make([]*int64, len(ids)), make([]*int64, len(ids))
	count := func(t *tally, cat string) *int64 {
		if v, ok := fusion.Count(t.byCat[cat]); ok {
			return &v
		}
		return nil
	}
	for i, id := range ids {
		if t := all[id]; t != nil {
			n[i], killed[i], injured[i] = int64(t.n), count(t, "killed"), count(t, "injured")
		}
	}
	_, err = w.exec(`UPDATE events e SET claims = x.n, fatalities = x.k, injured = x.i
		FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS x(id, n, k, i) WHERE e.id = x.id`, ids, n, killed, injured)
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

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// Put stores a batch of articles in one transaction; see store.Store.
func (db *DB) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, db: db, now: time.Now().UTC().Format(time.RFC3339), newEntities: map[string]int64{}, unprepared: map[string]bool{}, txStmts: map[string]*sql.Stmt{}}
	res := make([]store.PutResult, 0, len(items))
	for _, it := range items {
		if it.Doc == nil {
			return nil, fmt.Errorf("sqlite: item %q has no document", it.Source)
		}
		r, err := w.put(it)
		if err != nil {
			return nil, fmt.Errorf("sqlite: store %s: %w", name(it), err)
		}
		res = append(res, r)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	for k, id := range w.newEntities { // only now are they there for good
		db.entities[k] = id
	}
	for q := range w.unprepared {
		if s, err := db.w.PrepareContext(ctx, q); err == nil {
			db.stmts[q] = s
		}
	}
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
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM sources WHERE key = ?`, key).Scan(&n)
	return n > 0, err
}

// writer stores the articles of one transaction.
type writer struct {
	ctx context.Context
	tx  *sql.Tx
	db  *DB
	now string
	// newEntities are the name keys of entities made in this transaction;
	// they join the DB's cache when it commits.
	newEntities map[string]int64
	// unprepared are the statements to prepare for the store after commit;
	// txStmts the statements of this transaction.
	unprepared map[string]bool
	txStmts    map[string]*sql.Stmt
}

// stmt returns the statement of q for this transaction. Statements are
// prepared once for the life of the store (parsing the same SQL for every
// row cost a quarter of the time of a Put); one the store has not prepared
// yet is prepared for this transaction alone, and for the store once the
// transaction has released the writer's only connection.
func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if s, ok := w.txStmts[q]; ok {
		return s, nil
	}
	var s *sql.Stmt
	if ds, ok := w.db.stmts[q]; ok {
		s = w.tx.StmtContext(w.ctx, ds)
	} else {
		var err error
		if s, err = w.tx.PrepareContext(w.ctx, q); err != nil {
			return nil, err
		}
		w.unprepared[q] = true
	}
	w.txStmts[q] = s
	return s, nil
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	s, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(w.ctx, args...)
}

func (w *writer) query(q string, args ...any) (*sql.Rows, error) {
	s, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(w.ctx, args...)
}

func (w *writer) queryRow(q string, args ...any) *sql.Row {
	s, err := w.stmt(q)
	if err != nil {
		return w.tx.QueryRowContext(w.ctx, q, args...) // reports the same error on Scan
	}
	return s.QueryRowContext(w.ctx, args...)
}

func (w *writer) put(it store.Item) (store.PutResult, error) {
	d := it.Doc
	res := store.PutResult{ArticleID: d.ID, Events: []int64{}}
	if it.SourceKey != "" {
		var id string
		err := w.queryRow(`SELECT article_id FROM sources WHERE key = ?`, it.SourceKey).Scan(&id)
		if err == nil {
			res.ArticleID = id
			return res, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return res, err
		}
	}
	var exists int
	if err := w.queryRow(`SELECT count(*) FROM articles WHERE id = ?`, d.ID).Scan(&exists); err != nil {
		return res, err
	}
	if exists == 0 {
		if err := w.article(it, &res); err != nil {
			return res, err
		}
		res.New = true
	}
	if it.SourceKey != "" {
		if _, err := w.exec(`INSERT OR IGNORE INTO sources (key, name, article_id) VALUES (?, ?, ?)`, it.SourceKey, it.Source, d.ID); err != nil {
			return res, err
		}
	}
	return res, nil
}

// article stores a new article and everything found in it, fusing it with
// what is stored.
func (w *writer) article(it store.Item, res *store.PutResult) error {
	d := it.Doc
	keys := fusion.SentenceKeys(d.Text)
	dup, err := w.duplicateOf(keys)
	if err != nil {
		return err
	}
	res.DuplicateOf = dup
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	r, err := w.exec(`INSERT INTO articles (id, url, outlet, title, published, language, source, ingested_at, duplicate_of,
		n_sentences, n_events, n_quotes, n_claims, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.URL, d.Outlet, d.Title, d.Published, d.Language, nullStr(it.Source), w.now, nullStr(dup),
		len(keys), len(d.Events), len(d.Quotes), len(d.Figures), body)
	if err != nil {
		return err
	}
	rowid, err := r.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`, rowid, d.Title, d.Text); err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := w.exec(`INSERT OR IGNORE INTO sentences (key, article_id) VALUES (?, ?)`, k, d.ID); err != nil {
			return err
		}
	}
	ents, err := w.entitiesOf(d)
	if err != nil {
		return err
	}
	if err := w.quotes(d, ents); err != nil {
		return err
	}
	events, err := w.events(d)
	if err != nil {
		return err
	}
	for _, e := range d.Events {
		res.Events = append(res.Events, events[e.ID])
	}
	touched, err := w.claims(d, ents, events)
	if err != nil {
		return err
	}
	for _, id := range res.Events {
		touched[id] = true
	}
	for id := range touched {
		if err := w.recount(id); err != nil {
			return err
		}
	}
	return nil
}

// duplicateOf returns the earliest stored article that the sentence keys
// show to be the same text, or "". It looks up at most 64 of the keys,
// spread over the article, and scales the count of shared ones.
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
	shared := map[string]int{}
	for _, k := range probe {
		rows, err := w.query(`SELECT article_id FROM sentences WHERE key = ? LIMIT 50`, k)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return "", err
			}
			shared[id]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	type cand struct {
		id    string
		n     int
		seq   int64
		root  string
		total int
	}
	var best *cand
	for id, n := range shared {
		n = n * len(keys) / len(probe)
		if !fusion.NearDuplicate(n, len(keys), n) {
			continue // too few shared for any length of the other article
		}
		c := cand{id: id, n: n}
		if err := w.queryRow(`SELECT seq, n_sentences, coalesce(duplicate_of, '') FROM articles WHERE id = ?`, id).Scan(&c.seq, &c.total, &c.root); err != nil {
			return "", err
		}
		if !fusion.NearDuplicate(min(n, c.total), len(keys), c.total) {
			continue
		}
		if best == nil || c.seq < best.seq {
			best = &c
		}
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
			r, err := w.exec(`INSERT INTO entities (type, name, titles) VALUES (?, ?, ?)`, e.Type, e.Name, string(titles))
			if err != nil {
				return nil, err
			}
			if id, err = r.LastInsertId(); err != nil {
				return nil, err
			}
		}
		for _, k := range keys {
			r, err := w.exec(`INSERT OR IGNORE INTO entity_names (type, key, entity_id) VALUES (?, ?, ?)`, e.Type, k, id)
			if err != nil {
				return nil, err
			}
			if n, _ := r.RowsAffected(); n > 0 {
				w.newEntities[e.Type+"\x00"+k] = id
			}
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if _, err := w.exec(`INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)`, id, a); err != nil {
				return nil, err
			}
		}
		if _, err := w.exec(`UPDATE entities SET articles = articles + 1, mentions = mentions + ? WHERE id = ?`, len(e.Mentions), id); err != nil {
			return nil, err
		}
		if _, err := w.exec(`INSERT OR IGNORE INTO article_entities (article_id, local_id, entity_id) VALUES (?, ?, ?)`, d.ID, e.ID, id); err != nil {
			return nil, err
		}
		ids[e.ID] = id
	}
	return ids, nil
}

// findEntity returns the entity known by any of keys, or 0.
func (w *writer) findEntity(typ string, keys []string) (int64, error) {
	for _, k := range keys {
		ck := typ + "\x00" + k
		if id, ok := w.newEntities[ck]; ok {
			return id, nil
		}
		if id, ok := w.db.entities[ck]; ok {
			return id, nil
		}
		var id int64
		err := w.queryRow(`SELECT entity_id FROM entity_names WHERE type = ? AND key = ?`, typ, k).Scan(&id)
		if err == nil {
			w.newEntities[ck] = id
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	return 0, nil
}

func (w *writer) quotes(d *document.Document, ents map[string]int64) error {
	for _, q := range d.Quotes {
		var speaker *int64
		if q.Speaker != nil {
			if id, ok := ents[*q.Speaker]; ok {
				speaker = &id
			}
		}
		r, err := w.exec(`INSERT INTO quotes (article_id, local_id, kind, text, speaker_id, speaker_name, published, span_start, span_end, in_field)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, q.ID, q.Kind, q.Text, speaker, q.SpeakerName, d.Published, q.Start, q.End, q.In)
		if err != nil {
			return err
		}
		id, err := r.LastInsertId()
		if err != nil {
			return err
		}
		sp := ""
		if q.SpeakerName != nil {
			sp = *q.SpeakerName
		}
		if _, err := w.exec(`INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)`, id, q.Text, sp); err != nil {
			return err
		}
	}
	return nil
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
		pl := fusion.PlaceOf(d, f.Place)
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
	rows, err := w.query(`SELECT category, min, max, coalesce(vague, ''), published FROM claims WHERE event_id = ?`, id)
	if err != nil {
		return err
	}
	byCat := map[string][]fusion.Claim{}
	n := 0
	for rows.Next() {
		var c fusion.Claim
		var cat string
		var lo, hi sql.NullInt64
		if err := rows.Scan(&cat, &lo, &hi, &c.Vague, &c.Published); err != nil {
			rows.Close()
			return err
		}
		c.Min, c.Max = ptrInt(lo), ptrInt(hi)
		byCat[cat] = append(byCat[cat], c)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
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

func ptrInt(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func int64s(v []int64) []any {
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = x
	}
	return out
}

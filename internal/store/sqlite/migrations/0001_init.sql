-- The first schema of the sitrep store. Dates are ISO strings (YYYY-MM-DD),
-- which order as they read. Full-text indexes are contentless: they give
-- row ids, the rows hold the text.

CREATE TABLE articles (
	seq          INTEGER PRIMARY KEY,        -- order of storing; the row id of articles_fts
	id           TEXT NOT NULL UNIQUE,       -- content id: SHA-256 of the clean body
	url          TEXT,
	outlet       TEXT,
	title        TEXT NOT NULL,
	published    TEXT NOT NULL,
	language     TEXT NOT NULL,
	source       TEXT,
	ingested_at  TEXT NOT NULL,
	duplicate_of TEXT REFERENCES articles(id),
	n_sentences  INTEGER NOT NULL,           -- sentence keys, for near-duplicate checks
	n_events     INTEGER NOT NULL,
	n_quotes     INTEGER NOT NULL,
	n_claims     INTEGER NOT NULL,
	doc          BLOB NOT NULL               -- the sitrep.document/v1 JSON
);
CREATE INDEX articles_published ON articles(published DESC, seq DESC);
CREATE INDEX articles_outlet ON articles(outlet, published DESC);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE sentences (
	key        INTEGER NOT NULL,
	article_id TEXT NOT NULL REFERENCES articles(id),
	PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

-- Inputs already stored, so that re-ingesting one skips its extraction.
CREATE TABLE sources (
	key        TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	article_id TEXT NOT NULL REFERENCES articles(id)
);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='', tokenize='unicode61 remove_diacritics 2', detail=none);

CREATE TABLE entities (
	id       INTEGER PRIMARY KEY,
	type     TEXT NOT NULL,
	name     TEXT NOT NULL,
	titles   TEXT NOT NULL DEFAULT '[]',     -- JSON array
	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_mentions ON entities(mentions DESC, id);

-- Every key an entity is known by (fusion.NameKeys): its canonical name and
-- the aliases that name it alone.
CREATE TABLE entity_names (
	type      TEXT NOT NULL,
	key       TEXT NOT NULL,
	entity_id INTEGER NOT NULL REFERENCES entities(id),
	PRIMARY KEY (type, key)
) WITHOUT ROWID;
CREATE INDEX entity_names_entity ON entity_names(entity_id);

CREATE TABLE entity_aliases (
	entity_id INTEGER NOT NULL REFERENCES entities(id),
	alias     TEXT NOT NULL,
	PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE TABLE article_entities (
	article_id TEXT NOT NULL REFERENCES articles(id),
	local_id   TEXT NOT NULL,
	entity_id  INTEGER NOT NULL REFERENCES entities(id),
	PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE quotes (
	id           INTEGER PRIMARY KEY,
	article_id   TEXT NOT NULL REFERENCES articles(id),
	local_id     TEXT NOT NULL,
	kind         TEXT NOT NULL,
	text         TEXT NOT NULL,
	speaker_id   INTEGER REFERENCES entities(id),
	speaker_name TEXT,
	published    TEXT NOT NULL,
	span_start   INTEGER NOT NULL,
	span_end     INTEGER NOT NULL,
	in_field     TEXT NOT NULL DEFAULT '',
	UNIQUE (article_id, local_id)
);
CREATE INDEX quotes_published ON quotes(published DESC, id DESC);
CREATE INDEX quotes_speaker ON quotes(speaker_id, published DESC);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='', tokenize='unicode61 remove_diacritics 2', detail=none);

-- Fused events. date_lo/date_hi are the days the date covers.
CREATE TABLE events (
	id             INTEGER PRIMARY KEY,
	class          TEXT NOT NULL,
	acled_type     TEXT,
	acled_sub_type TEXT,
	date           TEXT NOT NULL,
	date_precision TEXT NOT NULL,
	date_lo        TEXT NOT NULL,
	date_hi        TEXT NOT NULL,
	location       TEXT,
	country        TEXT,
	admin1         TEXT,
	lat            REAL,
	lon            REAL,
	geo_precision  INTEGER,
	actor1         TEXT,
	actor2         TEXT,
	fatalities     INTEGER,
	injured        INTEGER,
	summary        TEXT NOT NULL,
	reports        INTEGER NOT NULL DEFAULT 0,
	claims         INTEGER NOT NULL DEFAULT 0,
	first_reported TEXT NOT NULL,
	last_reported  TEXT NOT NULL
);
-- Lists run newest first by the first day of the event's date, the day
-- ACLED's event_date gives for a coarse date.
CREATE INDEX events_date ON events(date_lo DESC, id DESC);
CREATE INDEX events_class ON events(class, date_lo DESC, id DESC);
CREATE INDEX events_country ON events(country, date_lo DESC, id DESC);
CREATE INDEX events_fuse ON events(class, country, date_lo);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);

-- Each article's mention of a fused event.
CREATE TABLE reports (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES events(id),
	article_id TEXT NOT NULL REFERENCES articles(id),
	local_id   TEXT NOT NULL,
	date       TEXT,
	location   TEXT,
	summary    TEXT NOT NULL,
	status     TEXT NOT NULL,
	evidence   TEXT NOT NULL,                -- JSON array of the evidence sentences
	spans      TEXT NOT NULL,                -- JSON array of their [start, end] in the text
	ev_start   INTEGER NOT NULL,             -- first and last byte of the evidence
	ev_end     INTEGER NOT NULL,
	published  TEXT NOT NULL,
	UNIQUE (article_id, local_id)
);
CREATE INDEX reports_event ON reports(event_id, published);
-- The text of every report of an event, under the event's id: rewritten
-- (contentless_delete) when a report joins the event.
CREATE VIRTUAL TABLE events_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', detail=none);

-- Figure claims: each count as one source states it.
CREATE TABLE claims (
	id         INTEGER PRIMARY KEY,
	article_id TEXT NOT NULL REFERENCES articles(id),
	local_id   TEXT NOT NULL,
	event_id   INTEGER REFERENCES events(id),
	category   TEXT NOT NULL,
	min        INTEGER,
	max        INTEGER,
	approx     TEXT NOT NULL,
	vague      TEXT,
	phrase     TEXT NOT NULL,
	claimant   TEXT,
	claimant_id INTEGER REFERENCES entities(id),
	outlet     TEXT,
	published  TEXT NOT NULL,
	date       TEXT,
	location   TEXT,
	country    TEXT,
	UNIQUE (article_id, local_id)
);
CREATE INDEX claims_event ON claims(event_id, category);
CREATE INDEX claims_published ON claims(published DESC, id DESC);

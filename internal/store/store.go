// Package store defines the knowledge base that sitrep builds from extracted
// articles: the Store interface every backend satisfies (SQLite embedded, in
// store/sqlite; PostgreSQL later), and the types its queries return, which the
// API serialises as they are.
//
// A Store keeps every article once (by content id), everything the pipeline
// found in it, and the fusion across articles: near-duplicate articles are
// linked, event mentions of the same happening become one fused event that
// keeps all its reports and every figure claim, and entities with the same
// canonical name or alias become one entity. The rules of fusion live in
// package fusion so that every backend applies the same ones.
package store

import (
	"context"
	"errors"

	"github.com/sitrep/sitrep/internal/document"
)

// ErrNotFound is returned by the lookups of one item that does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadQuery wraps a filter that cannot be answered (a malformed cursor, a
// date that is not a date); the API answers it with 400.
var ErrBadQuery = errors.New("bad query")

// Item is one extracted article to store, with where it came from.
type Item struct {
	Doc *document.Document
	// Source names the input the article came from ("dir/a.html", a URL, a
	// WARC file and record id); SourceKey identifies that input's version
	// (path, size and modification time; URL; WARC record id) so that
	// re-ingesting it can be skipped before extraction.
	Source    string
	SourceKey string
}

// PutResult tells what storing one item did.
type PutResult struct {
	ArticleID string `json:"article_id"`
	// New is false when the article was already stored: nothing changed.
	New bool `json:"new"`
	// DuplicateOf is the earlier article this one nearly duplicates.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Events are the ids of the fused events the article's events joined
	// or created, in the order of its events.
	Events []int64 `json:"events"`
}

// Store is the knowledge base. Every method is safe for concurrent use;
// writes are serialised by the backend.
type Store interface {
	// Put stores a batch of articles in one transaction, fusing each with
	// what is stored: all of the batch is stored or none. An article
	// already stored, or an item whose SourceKey is already recorded,
	// changes nothing.
	Put(ctx context.Context, items []Item) ([]PutResult, error)
	// HasSource reports whether an input with this SourceKey was stored.
	HasSource(ctx context.Context, key string) (bool, error)

	Article(ctx context.Context, id string) (*ArticleDetail, error)
	Articles(ctx context.Context, f ArticleFilter) (Page[Article], error)
	Event(ctx context.Context, id int64) (*EventDetail, error)
	Events(ctx context.Context, f EventFilter) (Page[Event], error)
	Entity(ctx context.Context, id int64) (*EntityDetail, error)
	Entities(ctx context.Context, f EntityFilter) (Page[Entity], error)
	Quotes(ctx context.Context, f QuoteFilter) (Page[Quote], error)
	Claims(ctx context.Context, f ClaimFilter) (Page[Claim], error)
	// Search runs a full-text query over articles and quotes.
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
	Stats(ctx context.Context) (*Stats, error)
	Close() error
}

// Page is one page of a list; Next is the cursor of the next page, empty
// on the last.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// Stats counts what the store holds.
type Stats struct {
	Articles   int64 `json:"articles"`
	Duplicates int64 `json:"duplicates"`
	Events     int64 `json:"events"`
	Reports    int64 `json:"reports"`
	Entities   int64 `json:"entities"`
	Quotes     int64 `json:"quotes"`
	Claims     int64 `json:"claims"`
	Sources    int64 `json:"sources"`
}

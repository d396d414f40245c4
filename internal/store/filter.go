package store

// Circle selects points within Km of a centre.
type Circle struct {
	Lat, Lon, Km float64
}

// BBox selects points inside a box: West ≤ lon ≤ East, South ≤ lat ≤ North.
type BBox struct {
	West, South, East, North float64
}

// EventFilter selects fused events. Empty fields select everything; the
// result is ordered by date, newest first, then by id. An event's date, for
// ordering and for Since and Until, is the first day it covers, the day
// ACLED's event_date gives for a coarse date ("2022-02" counts as
// 2022-02-01).
type EventFilter struct {
	// Text matches the evidence and summaries of the reports (full text).
	Text    string
	Class   string
	Country string // ISO 3166-1 alpha-2, as the documents give it
	Admin1  string
	Near    *Circle
	BBox    *BBox
	// Since and Until bound the event date, inclusive (YYYY-MM-DD; a
	// month or year as Until covers all of it).
	Since, Until string
	// Actor matches actor1 or actor2 (case-insensitive substring).
	Actor string
	// Speaker keeps events one of whose reporting sentences quotes a
	// speaker whose name contains it.
	Speaker string
	// Article keeps events reported by that article.
	Article string
	Limit   int    // 0 means 100; at most 1000
	Cursor  string // from Page.Next
}

// ArticleFilter selects articles, newest first.
type ArticleFilter struct {
	Text         string
	Outlet       string
	Since, Until string
	Limit        int
	Cursor       string
}

// EntityFilter selects entities, most mentioned first.
type EntityFilter struct {
	Name   string // case-insensitive substring of the name or an alias
	Type   string
	Limit  int
	Cursor string
}

// QuoteFilter selects quotes, newest first.
type QuoteFilter struct {
	Text      string
	Speaker   string // substring of the speaker's name
	SpeakerID int64
	Article   string
	Since     string
	Until     string
	Limit     int
	Cursor    string
}

// ClaimFilter selects figure claims, newest first.
type ClaimFilter struct {
	Category     string // killed, injured, displaced, ...
	Claimant     string
	EventID      int64
	Article      string
	Country      string
	Since, Until string
	Limit        int
	Cursor       string
}

// SearchQuery is a full-text query with the event filters applied to the
// events it finds.
type SearchQuery struct {
	Text   string
	Events EventFilter
	Limit  int
}

// SearchResult holds the best matches of each kind.
type SearchResult struct {
	Articles []Article `json:"articles"`
	Events   []Event   `json:"events"`
	Quotes   []Quote   `json:"quotes"`
}

// Limit clamps a page size: 0 means def, and no more than max.
func Limit(n, def, max int) int {
	if n <= 0 {
		return def
	}
	if n > max {
		return max
	}
	return n
}

// Package reader turns the bytes of a news page — scraped plain text or HTML —
// into a clean article: title, deck, dateline, byline, publication date and the
// body text, with the page furniture it removed listed by kind.
//
// HTML main-text extraction is go-trafilatura's; what this package adds is the
// news cleaner that runs on both paths alike.
package reader

import "github.com/sitrep/sitrep/internal/document"

// Meta is what a caller already knows about an article. Empty fields are unknown.
type Meta struct {
	URL       string
	Outlet    string
	Published string // ISO date or datetime
	Name      string // input name for error messages
}

// Block is one paragraph-level piece of a page, in reading order.
type Block struct {
	Tag  string // p, h1..h6, li, blockquote, figcaption, td, pre; "p" for plain text
	Text string
}

// Article is the reader's result.
type Article struct {
	Title     string
	Deck      string
	Byline    []string
	Published string // ISO date or datetime, "" when unknown
	// Modified is the date of the page's latest update, when it says.
	Modified string
	// Live marks a live blog: its relative dates ("this evening") count
	// from its latest update, not its first publication.
	Live     bool
	Dateline *document.Dateline
	Outlet   string
	URL      string
	Language string
	Text     string
	Removed  []document.Removed
	Warnings []string
	// FromHTML tells which path read the article.
	FromHTML bool
}

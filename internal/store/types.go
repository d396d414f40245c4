package store

import "github.com/sitrep/sitrep/internal/document"

// Article is the summary of one stored article.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Language  string `json:"language"`
	// DuplicateOf is the earlier article this one nearly duplicates (a
	// wire copy, a small edit).
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Source      string `json:"source,omitempty"`
	IngestedAt  string `json:"ingested_at"`
	Events      int    `json:"events"`
	Quotes      int    `json:"quotes"`
	Claims      int    `json:"claims"`
}

// ArticleDetail is one article with its whole document and the fused events
// and entities its local ids map to.
type ArticleDetail struct {
	Article
	Document *document.Document `json:"document"`
	// Duplicates are the later articles that nearly duplicate this one.
	Duplicates []string `json:"duplicates"`
	// EventIDs maps the document's event ids ("V1") to fused event ids.
	EventIDs map[string]int64 `json:"event_ids"`
	// EntityIDs maps the document's entity ids ("E1") to store entity ids.
	EntityIDs map[string]int64 `json:"entity_ids"`
}

// Event is one fused event: what several reports say happened.
type Event struct {
	ID           int64  `json:"id"`
	Class        string `json:"class"`
	ACLEDType    string `json:"acled_type,omitempty"`
	ACLEDSubType string `json:"acled_sub_type,omitempty"`
	// Date is ISO (YYYY, YYYY-MM or YYYY-MM-DD); DatePrecision "day",
	// "month" or "year"; TimePrecision ACLED's 1 (day), 2 (week or
	// month) or 3 (longer).
	Date          string `json:"date"`
	DatePrecision string `json:"date_precision"`
	TimePrecision int    `json:"time_precision"`
	// Location is the place name; GeoPrecision ACLED's 1 (town), 2 (near
	// a town, or a province), 3 (a region or country).
	Location     string   `json:"location,omitempty"`
	Country      string   `json:"country,omitempty"`
	Admin1       string   `json:"admin1,omitempty"`
	Lat          *float64 `json:"lat"`
	Lon          *float64 `json:"lon"`
	GeoPrecision int      `json:"geo_precision,omitempty"`
	Actor1       string   `json:"actor1,omitempty"`
	Actor2       string   `json:"actor2,omitempty"`
	// Fatalities and Injured follow ACLED: the most conservative count
	// among the latest claims; nil when no report gives one.
	Fatalities *int64 `json:"fatalities"`
	Injured    *int64 `json:"injured"`
	Summary    string `json:"summary"`
	// ReportCount is the number of reports (articles' mentions) fused
	// into the event, ClaimCount the number of figure claims about it.
	ReportCount int `json:"report_count"`
	ClaimCount  int `json:"claim_count"`
	// FirstReported and LastReported are the publication dates of the
	// earliest and latest report.
	FirstReported string `json:"first_reported"`
	LastReported  string `json:"last_reported"`
}

// Report is one article's mention of a fused event.
type Report struct {
	ArticleID string `json:"article_id"`
	LocalID   string `json:"local_id"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published"`
	Date      string `json:"date,omitempty"`
	Location  string `json:"location,omitempty"`
	Summary   string `json:"summary"`
	Status    string `json:"status"`
	// Evidence are the sentences of the article the event was read from.
	Evidence []string `json:"evidence"`
}

// Claim is one figure as one source states it: the rows of the claims
// table, which show conflicting and rising counts side by side.
type Claim struct {
	ID        int64  `json:"id"`
	ArticleID string `json:"article_id"`
	LocalID   string `json:"local_id"`
	EventID   *int64 `json:"event_id"`
	Category  string `json:"category"`
	Min       *int64 `json:"min"`
	Max       *int64 `json:"max"`
	Approx    string `json:"approx"`
	Vague     string `json:"vague,omitempty"`
	Phrase    string `json:"phrase"`
	// Claimant is who states the figure; ClaimantID its entity when
	// known. Outlet and Published say who reported the claim and when;
	// Date is the day the figure refers to.
	Claimant   string `json:"claimant,omitempty"`
	ClaimantID *int64 `json:"claimant_id"`
	Outlet     string `json:"outlet,omitempty"`
	Published  string `json:"published"`
	Date       string `json:"date,omitempty"`
	Location   string `json:"location,omitempty"`
}

// EventDetail is a fused event with everything said about it.
type EventDetail struct {
	Event
	Reports []Report `json:"reports"`
	Claims  []Claim  `json:"claims"`
	// Quotes are the quotes of the reporting articles made in the
	// sentences that report the event.
	Quotes []Quote `json:"quotes"`
}

// Entity is one person, organisation or place merged across articles.
type Entity struct {
	ID       int64    `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Titles   []string `json:"titles,omitempty"`
	Articles int      `json:"articles"`
	Mentions int      `json:"mentions"`
}

// EntityDetail is an entity with its quotes over time (a person) and its
// events (a place or an actor).
type EntityDetail struct {
	Entity
	Quotes []Quote `json:"quotes"`
	Events []Event `json:"events"`
}

// Quote is one stored quote with its speaker and the article it is from.
type Quote struct {
	ID          int64  `json:"id"`
	ArticleID   string `json:"article_id"`
	LocalID     string `json:"local_id"`
	Kind        string `json:"kind"`
	Text        string `json:"text"`
	SpeakerID   *int64 `json:"speaker_id"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Outlet      string `json:"outlet,omitempty"`
	Published   string `json:"published"`
	URL         string `json:"url,omitempty"`
}

// Package document holds the output contract of sitrep: the types of a
// sitrep.document/v1 JSON object (see schema/document-v1.schema.json) and the
// helpers that every stage uses to fill it. It depends on nothing else in sitrep.
package document

// Schema is the value of the "schema" field of every document.
const Schema = "sitrep.document/v1"

// Document is one extracted article.
type Document struct {
	Schema    string   `json:"schema"`
	ID        string   `json:"id"`
	URL       *string  `json:"url"`
	Outlet    *string  `json:"outlet"`
	Title     string   `json:"title"`
	Deck      *string  `json:"deck"`
	Byline    []string `json:"byline,omitempty"`
	Published string   `json:"published"`
	// Modified is the date of the latest update; Live marks a live blog,
	// whose relative dates count from it.
	Modified string    `json:"modified,omitempty"`
	Live     bool      `json:"live,omitempty"`
	Dateline *Dateline `json:"dateline"`
	Language string    `json:"language"`
	Text     string    `json:"text"`
	Removed  []Removed `json:"removed"`
	Warnings []string  `json:"warnings,omitempty"`

	Entities []Entity `json:"entities"`
	Places   []Place  `json:"places"`
	// Areas are the region phrases that qualify places: "eastern Ukraine",
	// "30 km north of Kyiv", "near the Russian border".
	Areas   []Area   `json:"areas,omitempty"`
	Timexes []Timex  `json:"timexes,omitempty"`
	Quotes  []Quote  `json:"quotes"`
	Events  []Event  `json:"events"`
	Figures []Figure `json:"figures"`
}

// Dateline is the "KYIV, Ukraine (AP) —" opening of a wire story.
type Dateline struct {
	Text   string  `json:"text,omitempty"`
	Place  *string `json:"place"`
	Agency *string `json:"agency"`
	Date   *string `json:"date"`
}

// Removed kinds.
const (
	RemovedCaption    = "caption"
	RemovedCredit     = "credit"
	RemovedNavigation = "navigation"
	RemovedRelated    = "related"
	RemovedAdvert     = "advert"
	RemovedOther      = "other"
)

// Removed is a piece of page furniture the reader took out of the body.
type Removed struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Mention is a span of Document.Text, in UTF-8 byte offsets, half-open.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Span is a bare span of Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Entity types.
const (
	Person = "PERSON"
	Org    = "ORG"
	Media  = "MEDIA"
	GPE    = "GPE"
	Loc    = "LOC"
	Fac    = "FAC"
	NORP   = "NORP"
)

// Entity is one real-world person, organisation or place named in the article.
type Entity struct {
	ID          string    `json:"id"`
	Type        string    `json:"type"`
	Name        string    `json:"name"`
	Aliases     []string  `json:"aliases"`
	Titles      []string  `json:"titles,omitempty"`
	Affiliation *string   `json:"affiliation,omitempty"`
	Mentions    []Mention `json:"mentions"`
}

// Place is a geocoded place mentioned in the article.
type Place struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Aliases   []string  `json:"aliases,omitempty"`
	Entity    *string   `json:"entity"`
	GeonameID int64     `json:"geonameid,omitempty"`
	Lat       *float64  `json:"lat"`
	Lon       *float64  `json:"lon"`
	Country   string    `json:"country,omitempty"`
	Admin1    string    `json:"admin1,omitempty"`
	Feature   string    `json:"feature,omitempty"`
	Precision int       `json:"precision,omitempty"`
	Mentions  []Mention `json:"mentions"`
}

// Area is a region phrase that qualifies a place, with the best point for
// it and ACLED's geo-precision.
type Area struct {
	ID string `json:"id"` // "A1"
	// Place is the ID of the place qualified ("P2"); for a border, the
	// place of the country on whose side the area lies. Nil when the article
	// names that country only by its demonym ("the Russian border").
	Place *string `json:"place"`
	// Text is the phrase, Start and End its UTF-8 byte offsets in the text.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Relation is what the area is to the place: "part" ("eastern
	// Ukraine"), "near" ("near Kherson", "on the outskirts of Kherson"),
	// "offset" ("30 km north of Kyiv", "north of Bakhmut", "20 km from
	// Mariupol") or "border" ("near the Russian border").
	Relation string `json:"relation"`
	// Qualifier is the phrase's word for it, normalised: "southeastern",
	// "far north", "central"; "near", "outskirts", "outside", "around";
	// "north of", "from"; "border".
	Qualifier string `json:"qualifier"`
	// Bearing is the direction from the place's point, in degrees clockwise
	// from north, for a directional part or offset.
	Bearing *float64 `json:"bearing,omitempty"`
	// OffsetKm is the distance the text gives ("30 km north of Kyiv": 30).
	OffsetKm *float64 `json:"offset_km,omitempty"`
	// With is the country across a border.
	With string `json:"with,omitempty"`
	// Lat and Lon are the best point for the area: the place's point moved
	// by the offset, the centre of the named part, or the place's point.
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
	Country string   `json:"country,omitempty"`
	Admin1  string   `json:"admin1,omitempty"`
	// Precision is ACLED's geo-precision: 1 a part of a town; 2 near a
	// town, at a distance from it, or a part of a province; 3 a part of a
	// country or of a larger region, or a stretch of border.
	Precision int `json:"precision"`
}

// Timex is a time expression resolved against the publication date.
type Timex struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Value     string `json:"value"`
	Precision string `json:"precision"`
}

// Quote is direct, partial or reported speech with its speaker.
type Quote struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Text        string   `json:"text"`
	Speaker     *string  `json:"speaker"`
	SpeakerName *string  `json:"speaker_name"`
	Channel     *string  `json:"channel"`
	Via         *string  `json:"via"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Flags       []string `json:"flags,omitempty"`
	// In is "title" or "deck" for a quote in the headline or standfirst,
	// whose offsets are then into that field; empty for the body.
	In string `json:"in,omitempty"`
}

// Fatalities is the ACLED-style death count of an event.
type Fatalities struct {
	Min *int64 `json:"min"`
	Max *int64 `json:"max"`
}

// Event is one happening: who did what to whom, where and when.
type Event struct {
	ID            string      `json:"id"`
	Class         string      `json:"class"`
	ACLEDType     *string     `json:"acled_type"`
	ACLEDSubType  *string     `json:"acled_sub_type"`
	PLOVER        *string     `json:"plover"`
	CAMEO         *string     `json:"cameo"`
	Actor1        *string     `json:"actor1"`
	Actor2        *string     `json:"actor2"`
	Place         *string     `json:"place"`
	Date          *string     `json:"date"`
	DatePrecision string      `json:"date_precision,omitempty"`
	Status        string      `json:"status"`
	Fatalities    *Fatalities `json:"fatalities"`
	Figures       []string    `json:"figures"`
	Evidence      []Span      `json:"evidence"`
	Summary       string      `json:"summary"`
}

// Figure is a count of people with the source that claims it.
type Figure struct {
	ID            string  `json:"id"`
	Category      string  `json:"category"`
	Min           *int64  `json:"min"`
	Max           *int64  `json:"max"`
	Approx        string  `json:"approx"`
	Vague         *string `json:"vague"`
	Phrase        string  `json:"phrase"`
	ClaimedBy     *string `json:"claimed_by"`
	ClaimedByName *string `json:"claimed_by_name"`
	Place         *string `json:"place"`
	Date          *string `json:"date"`
	Event         *string `json:"event"`
	Start         int     `json:"start"`
	End           int     `json:"end"`
}

// New returns a document with the schema set and every list non-nil, so that
// empty lists serialise as [] rather than null.
func New() *Document {
	return &Document{
		Schema:   Schema,
		Removed:  []Removed{},
		Entities: []Entity{},
		Places:   []Place{},
		Quotes:   []Quote{},
		Events:   []Event{},
		Figures:  []Figure{},
	}
}

// Str returns a pointer to s, or nil when s is empty: the contract writes
// unknown strings as null.
func Str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Normalize replaces every nil list of d that the contract requires with an
// empty one — the top-level lists, and each entity's aliases and mentions,
// each place's mentions and each event's figures and evidence — so that they
// serialise as [] rather than null and the document validates. Lists that
// are already set, and the optional lists the JSON omits when empty, are left
// alone.
func (d *Document) Normalize() {
	d.Removed = nonNil(d.Removed)
	d.Entities = nonNil(d.Entities)
	d.Places = nonNil(d.Places)
	d.Quotes = nonNil(d.Quotes)
	d.Events = nonNil(d.Events)
	d.Figures = nonNil(d.Figures)
	for i := range d.Entities {
		e := &d.Entities[i]
		e.Aliases = nonNil(e.Aliases)
		e.Mentions = nonNil(e.Mentions)
	}
	for i := range d.Places {
		d.Places[i].Mentions = nonNil(d.Places[i].Mentions)
	}
	for i := range d.Events {
		e := &d.Events[i]
		e.Figures = nonNil(e.Figures)
		e.Evidence = nonNil(e.Evidence)
	}
}

// nonNil returns s, or an empty slice when s is nil.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

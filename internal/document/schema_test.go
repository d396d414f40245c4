package document

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
)

const sampleText = "Feb. 28 (UPI) -- Rockets rained down on Kharkiv on Monday, killing one woman, " +
	"the Ministry of Internal Affairs of Ukraine said. \"Kharkiv has just been massively fired upon,\" " +
	"Anton Gerashchenko wrote on Facebook."

func ptr[T any](v T) *T { return &v }

// fullDocument returns a document in which every field, optional ones
// included, is populated.
func fullDocument() *Document {
	d := New()
	sum := sha256.Sum256([]byte(sampleText))
	d.ID = hex.EncodeToString(sum[:])
	d.URL = Str("https://www.upi.com/Top_News/World-News/2022/02/28/ukraine-russia-kharkiv/")
	d.Outlet = Str("UPI")
	d.Title = "Russian rockets target Kharkiv"
	d.Deck = Str("\"History is being made now,\" an aide said.")
	d.Byline = []string{"Darryl Coote"}
	d.Published = "2022-02-28T14:05:00Z"
	d.Dateline = &Dateline{Text: "Feb. 28 (UPI) --", Place: nil, Agency: Str("UPI"), Date: Str("2022-02-28")}
	d.Language = "en"
	d.Text = sampleText
	d.Removed = []Removed{
		{Kind: RemovedCaption, Text: "Firefighters work at a damaged building. Photo by Sergey Kozlov/EPA-EFE"},
		{Kind: RemovedRelated, Text: "Read more: Ukraine talks begin"},
	}
	d.Warnings = []string{"dateline without place"}
	d.Entities = []Entity{
		{ID: "E1", Type: GPE, Name: "Kharkiv", Aliases: []string{}, Mentions: []Mention{{Start: 40, End: 47, Text: "Kharkiv"}}},
		{ID: "E2", Type: Org, Name: "Ministry of Internal Affairs of Ukraine", Aliases: []string{"interior ministry"},
			Affiliation: Str("UA"), Mentions: []Mention{{Start: 84, End: 123, Text: "Ministry of Internal Affairs of Ukraine"}}},
		{ID: "E3", Type: Person, Name: "Anton Gerashchenko", Aliases: []string{"Gerashchenko"}, Titles: []string{"adviser"},
			Affiliation: Str("UA"), Mentions: []Mention{{Start: 167, End: 185, Text: "Anton Gerashchenko"}}},
		{ID: "E4", Type: Media, Name: "UPI", Aliases: []string{}, Mentions: []Mention{{Start: 9, End: 12, Text: "UPI"}}},
	}
	d.Places = []Place{{
		ID: "P1", Name: "Kharkiv", Aliases: []string{"Kharkov"}, Entity: Str("E1"), GeonameID: 706483,
		Lat: ptr(49.98081), Lon: ptr(36.25272), Country: "UA", Admin1: "Kharkivska", Feature: "city", Precision: 1,
		Mentions: []Mention{{Start: 40, End: 47, Text: "Kharkiv"}},
	}}
	d.Timexes = []Timex{{Start: 51, End: 57, Text: "Monday", Value: "2022-02-28", Precision: "day"}}
	d.Quotes = []Quote{{
		ID: "Q1", Kind: "direct", Text: "Kharkiv has just been massively fired upon,",
		Speaker: Str("E3"), SpeakerName: Str("Anton Gerashchenko"), Channel: Str("Facebook post"), Via: nil,
		Start: 122, End: 165, Flags: []string{"verb:wrote"},
	}}
	d.Events = []Event{{
		ID: "V1", Class: "attack",
		ACLEDType: Str("Explosions/Remote violence"), ACLEDSubType: Str("Shelling/artillery/missile attack"),
		PLOVER: Str("ASSAULT"), CAMEO: Str("195"),
		Actor1: Str("Military Forces of Russia"), Actor2: Str("Civilians (Ukraine)"),
		Place: Str("P1"), Date: Str("2022-02-28"), DatePrecision: "day", Status: "asserted",
		Fatalities: &Fatalities{Min: ptr[int64](1), Max: nil},
		Figures:    []string{"F1"},
		Evidence:   []Span{{Start: 17, End: 123}},
		Summary:    "Russian rockets hit Kharkiv; 1 killed (interior ministry).",
	}}
	d.Figures = []Figure{{
		ID: "F1", Category: "killed", Min: ptr[int64](1), Max: ptr[int64](1), Approx: "exact", Vague: nil,
		Phrase: "killing one woman", ClaimedBy: Str("E2"), ClaimedByName: Str("Ministry of Internal Affairs of Ukraine"),
		Place: Str("P1"), Date: Str("2022-02-28"), Event: Str("V1"), Start: 59, End: 76,
	}}
	return d
}

// encode marshals d, then lets edit change the generic JSON form (nil edit:
// none).
func encode(t *testing.T, d *Document, edit func(m map[string]any)) []byte {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if edit == nil {
		return b
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if b, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestValidateFullDocument(t *testing.T) {
	b := encode(t, fullDocument(), nil)
	if err := Validate(b); err != nil {
		t.Fatalf("fully populated document does not validate: %v\n%s", err, b)
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *Document)
		edit   func(m map[string]any)
	}{
		{name: "minimal New() document", change: func(d *Document) {
			*d = *New()
			d.ID = strings.Repeat("0", 64)
			d.Published = "2022-02-28"
		}},
		{name: "nulls where pointers", change: func(d *Document) {
			d.URL, d.Outlet, d.Deck, d.Dateline = nil, nil, nil, nil
			d.Entities[1].Affiliation = nil
			d.Places[0].Entity, d.Places[0].Lat, d.Places[0].Lon = nil, nil, nil
			d.Places[0].GeonameID, d.Places[0].Feature, d.Places[0].Precision = 0, "", 0
			q := &d.Quotes[0]
			q.Speaker, q.SpeakerName, q.Channel, q.Via = nil, nil, nil, nil
			e := &d.Events[0]
			e.ACLEDType, e.ACLEDSubType, e.PLOVER, e.CAMEO = nil, nil, nil, nil
			e.Actor1, e.Actor2, e.Place, e.Date, e.Fatalities = nil, nil, nil, nil, nil
			e.DatePrecision = ""
			f := &d.Figures[0]
			f.Min, f.Max, f.ClaimedBy, f.ClaimedByName, f.Place, f.Date, f.Event = nil, nil, nil, nil, nil, nil, nil
			f.Vague = Str("dozens")
		}},
		{name: "dateline all null", change: func(d *Document) { d.Dateline = &Dateline{} }},
		{name: "published with offset", change: func(d *Document) { d.Published = "2022-02-28T09:30:15.250+02:00" }},
		{name: "undetermined language", change: func(d *Document) { d.Language = "" }},
		{name: "month-precision event", change: func(d *Document) {
			d.Events[0].Date, d.Events[0].DatePrecision = Str("2022-02"), "month"
		}},
		{name: "range event", change: func(d *Document) {
			d.Events[0].Date, d.Events[0].DatePrecision = Str("2022-02-24/2022-02-28"), "range"
		}},
		{name: "open-ended figure", change: func(d *Document) {
			d.Figures[0].Min, d.Figures[0].Max, d.Figures[0].Approx = ptr[int64](500000), nil, "more than"
		}},
		{name: "added fields", edit: func(m map[string]any) {
			m["x_debug"] = map[string]any{"stage": "reader"}
			m["events"].([]any)[0].(map[string]any)["confidence"] = 0.8
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fullDocument()
			if tt.change != nil {
				tt.change(d)
			}
			b := encode(t, d, tt.edit)
			if err := Validate(b); err != nil {
				t.Fatalf("rejected: %v\n%s", err, b)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		want   string // in the error: the JSON pointer or message of the violation
		change func(d *Document)
		edit   func(m map[string]any)
	}{
		{name: "wrong schema const", want: "/schema", change: func(d *Document) { d.Schema = "sitrep.document/v2" }},
		{name: "empty schema", want: "/schema", change: func(d *Document) { d.Schema = "" }},
		{name: "short id", want: "/id", change: func(d *Document) { d.ID = "abc123" }},
		{name: "non-hex id", want: "/id", change: func(d *Document) { d.ID = strings.Repeat("g", 64) }},
		{name: "bad published", want: "/published", change: func(d *Document) { d.Published = "28 February 2022" }},
		{name: "bad language", want: "/language", change: func(d *Document) { d.Language = "English" }},
		{name: "bad removed kind", want: "/removed/0/kind", change: func(d *Document) { d.Removed[0].Kind = "photo" }},
		{name: "bad entity type", want: "/entities/0/type", change: func(d *Document) { d.Entities[0].Type = "CITY" }},
		{name: "null aliases", want: "/entities/0/aliases", change: func(d *Document) { d.Entities[0].Aliases = nil }},
		{name: "negative offset", want: "/entities/0/mentions/0/start", change: func(d *Document) { d.Entities[0].Mentions[0].Start = -1 }},
		{name: "bad place feature", want: "/places/0/feature", change: func(d *Document) { d.Places[0].Feature = "town" }},
		{name: "bad place precision", want: "/places/0/precision", change: func(d *Document) { d.Places[0].Precision = 4 }},
		{name: "latitude out of range", want: "/places/0/lat", change: func(d *Document) { d.Places[0].Lat = ptr(91.0) }},
		{name: "bad quote kind", want: "/quotes/0/kind", change: func(d *Document) { d.Quotes[0].Kind = "reported" }},
		{name: "bad event class", want: "/events/0/class", change: func(d *Document) { d.Events[0].Class = "bombing" }},
		{name: "bad event status", want: "/events/0/status", change: func(d *Document) { d.Events[0].Status = "confirmed" }},
		{name: "empty event status", want: "/events/0/status", change: func(d *Document) { d.Events[0].Status = "" }},
		{name: "bad date precision", want: "/events/0/date_precision", change: func(d *Document) { d.Events[0].DatePrecision = "hour" }},
		{name: "bad plover", want: "/events/0/plover", change: func(d *Document) { d.Events[0].PLOVER = Str("ATTACK") }},
		{name: "negative fatalities", want: "/events/0/fatalities", change: func(d *Document) { d.Events[0].Fatalities.Min = ptr[int64](-1) }},
		{name: "bad event date", want: "/events/0/date", change: func(d *Document) { d.Events[0].Date = Str("last Monday") }},
		{name: "figure with bad category", want: "/figures/0/category", change: func(d *Document) { d.Figures[0].Category = "dead" }},
		{name: "figure with bad approx", want: "/figures/0/approx", change: func(d *Document) { d.Figures[0].Approx = "about" }},
		{name: "figure with empty approx", want: "/figures/0/approx", change: func(d *Document) { d.Figures[0].Approx = "" }},
		{name: "null entities", want: "/entities", change: func(d *Document) { d.Entities = nil }},
		{name: "missing text", want: "missing property 'text'", edit: func(m map[string]any) { delete(m, "text") }},
		{name: "missing events", want: "missing property 'events'", edit: func(m map[string]any) { delete(m, "events") }},
		{name: "text is null", want: "/text", edit: func(m map[string]any) { m["text"] = nil }},
		{name: "title is number", want: "/title", edit: func(m map[string]any) { m["title"] = 42 }},
		{name: "missing quote speaker", want: "missing property 'speaker'", edit: func(m map[string]any) {
			delete(m["quotes"].([]any)[0].(map[string]any), "speaker")
		}},
		{name: "fractional figure", want: "/figures/0/min", edit: func(m map[string]any) {
			m["figures"].([]any)[0].(map[string]any)["min"] = 1.5
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fullDocument()
			if tt.change != nil {
				tt.change(d)
			}
			b := encode(t, d, tt.edit)
			err := Validate(b)
			if err == nil {
				t.Fatalf("accepted an invalid document:\n%s", b)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not mention %q:\n%v", tt.want, err)
			}
		})
	}
}

func TestValidateBadJSON(t *testing.T) {
	good := encode(t, fullDocument(), nil)
	for _, b := range [][]byte{nil, []byte("{"), []byte("[]"), []byte("null"), append(slices.Clone(good), good...)} {
		if err := Validate(b); err == nil {
			t.Errorf("Validate(%.40q) = nil, want an error", b)
		}
	}
}

func TestJSONSchemaIsCopy(t *testing.T) {
	s := JSONSchema()
	if !json.Valid(s) {
		t.Fatal("embedded schema is not valid JSON")
	}
	s[0] = 'x'
	if JSONSchema()[0] == 'x' {
		t.Fatal("JSONSchema returned the embedded bytes, not a copy")
	}
}

// contractPath is the contract markdown, relative to this package directory.
const contractPath = "../../../shared/schema/document-v1.md"

// contractEventClasses reads the first column of the "## Event classes" table
// of the contract; "protest / riot" yields two classes.
func contractEventClasses(t *testing.T) []string {
	t.Helper()
	md, err := os.ReadFile(contractPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("contract %s not present", contractPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(md), "## Event classes")
	if !ok {
		t.Fatalf("%s has no \"## Event classes\" section", contractPath)
	}
	var classes []string
	rows := 0
	for line := range strings.Lines(section) {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			if rows > 0 {
				break // end of the table
			}
			continue
		}
		rows++
		if rows <= 2 { // header and |---| separator
			continue
		}
		cell := strings.TrimSpace(strings.Split(line, "|")[1])
		for c := range strings.SplitSeq(cell, "/") {
			classes = append(classes, strings.Trim(strings.TrimSpace(c), "`"))
		}
	}
	if len(classes) == 0 {
		t.Fatalf("no event classes found in %s", contractPath)
	}
	return classes
}

// TestContractEventClasses checks that the schema's event class enum is
// exactly the class table of the contract.
func TestContractEventClasses(t *testing.T) {
	classes := contractEventClasses(t)
	for _, c := range classes {
		d := fullDocument()
		d.Events[0].Class = c
		if err := Validate(encode(t, d, nil)); err != nil {
			t.Errorf("contract event class %q rejected: %v", c, err)
		}
	}

	var s struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []any `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schemaJSON, &s); err != nil {
		t.Fatal(err)
	}
	enum := s.Defs["event"].Properties["class"].Enum
	if len(enum) == 0 {
		t.Fatal("schema has no enum at $defs/event/properties/class")
	}
	for _, c := range enum {
		if s, ok := c.(string); !ok || !slices.Contains(classes, s) {
			t.Errorf("schema event class %q is not in the contract table", c)
		}
	}
	if len(enum) != len(classes) {
		t.Errorf("schema has %d event classes, contract table %d: %v", len(enum), len(classes), classes)
	}
}

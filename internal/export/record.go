package export

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

// Record is one event as a flat, ACLED-style row: the columns of the CSV
// and of the Parquet file, in their order (the package documentation says
// what each holds). Read a Parquet export back with
// parquet.Read[export.Record].
//
// The pointer fields are unknown when nil: null in Parquet, an empty cell
// in the CSV, except fatalities, which the CSV writes as 0 as ACLED does.
type Record struct {
	EventIDCnty   string   `parquet:"event_id_cnty"`
	EventDate     string   `parquet:"event_date"`
	TimePrecision *int32   `parquet:"time_precision,optional"`
	EventType     string   `parquet:"event_type,dict"`
	SubEventType  string   `parquet:"sub_event_type,dict"`
	Actor1        string   `parquet:"actor1,dict"`
	Actor2        string   `parquet:"actor2,dict"`
	Country       string   `parquet:"country,dict"`
	Admin1        string   `parquet:"admin1,dict"`
	Location      string   `parquet:"location"`
	Latitude      *float64 `parquet:"latitude,optional"`
	Longitude     *float64 `parquet:"longitude,optional"`
	GeoPrecision  *int32   `parquet:"geo_precision,optional"`
	Source        string   `parquet:"source"`
	Notes         string   `parquet:"notes"`
	Fatalities    *int64   `parquet:"fatalities,optional"`
	Injured       *int64   `parquet:"injured,optional"`
	Claims        int64    `parquet:"claims"`
	URL           string   `parquet:"url"`
	SitrepID      int64    `parquet:"sitrep_id"`
	SitrepClass   string   `parquet:"sitrep_class,dict"`
}

// Columns are the column names of Record, in order: the CSV header.
var Columns = []string{
	"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
	"actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
	"geo_precision", "source", "notes", "fatalities", "injured", "claims", "url",
	"sitrep_id", "sitrep_class",
}

// noCountry is the event_id_cnty prefix of an event without a country: ICAO
// 9303's code for an unspecified nationality, which ISO 3166 leaves free.
const noCountry = "XXX"

// ToRecord flattens a row into the ACLED-style columns.
func ToRecord(r Row) Record {
	e := &r.Event
	rec := Record{
		EventDate:    eventDate(e.Date),
		EventType:    e.ACLEDType,
		SubEventType: e.ACLEDSubType,
		Actor1:       e.Actor1,
		Actor2:       e.Actor2,
		Country:      e.Country,
		Admin1:       e.Admin1,
		Location:     e.Location,
		Source:       strings.Join(uniq(r.Sources), "; "),
		Notes:        Notes(e.Summary, r.Claims),
		Fatalities:   copyInt(e.Fatalities),
		Injured:      copyInt(e.Injured),
		Claims:       int64(e.ClaimCount),
		URL:          strings.Join(uniq(r.URLs), " "),
		SitrepID:     e.ID,
		SitrepClass:  e.Class,
	}
	if r.Claims != nil {
		rec.Claims = int64(len(r.Claims))
	}
	iso3 := noCountry
	if name, code, ok := Country(e.Country); ok {
		rec.Country, iso3 = name, code
	}
	rec.EventIDCnty = iso3 + strconv.FormatInt(e.ID, 10)
	if tp := timePrecision(e); tp != 0 {
		rec.TimePrecision = &tp
	}
	if lat, lon, ok := coords(e); ok {
		rec.Latitude, rec.Longitude = &lat, &lon
	}
	if e.GeoPrecision >= 1 && e.GeoPrecision <= 3 {
		gp := int32(e.GeoPrecision)
		rec.GeoPrecision = &gp
	}
	return rec
}

// copyInt copies a count, so that a Record does not share memory with the
// Row a store may reuse for the next event.
func copyInt(p *int64) *int64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// eventDate is ACLED's event_date of one of our dates: the day itself, or
// the first day of the month, year or range ("2024-03" -> "2024-03-01",
// "2024-03-04/2024-03-06" -> "2024-03-04"; a week is stored as its Monday).
// A date of another form is passed on as it is.
func eventDate(d string) string {
	if a, _, ok := strings.Cut(d, "/"); ok {
		d = a
	}
	switch len(d) {
	case 4:
		if _, err := time.Parse("2006", d); err == nil {
			return d + "-01-01"
		}
	case 7:
		if _, err := time.Parse("2006-01", d); err == nil {
			return d + "-01"
		}
	}
	return d
}

// timePrecision is the event's ACLED time precision: the store's when it
// gives one, else derived from the date as package fusion does (1 a day; 2
// a week, a month or a range up to 31 days; 3 longer); 0 without a date.
func timePrecision(e *store.Event) int32 {
	if e.TimePrecision >= 1 && e.TimePrecision <= 3 {
		return int32(e.TimePrecision)
	}
	if a, b, ok := strings.Cut(e.Date, "/"); ok {
		lo, err1 := time.Parse("2006-01-02", a)
		hi, err2 := time.Parse("2006-01-02", b)
		switch {
		case err1 != nil || err2 != nil:
			return 3
		case !hi.After(lo):
			return 1
		case hi.Sub(lo) <= 31*24*time.Hour:
			return 2
		}
		return 3
	}
	switch e.DatePrecision {
	case "day":
		return 1
	case "week", "month":
		return 2
	case "year", "range":
		return 3
	}
	switch len(e.Date) {
	case 10:
		return 1
	case 7:
		return 2
	case 4:
		return 3
	}
	return 0
}

// coords returns the event's position rounded to 5 decimals (about a
// metre, finer than any gazetteer point), or ok false when it is unknown:
// missing, not finite, out of range, or (0, 0).
func coords(e *store.Event) (lat, lon float64, ok bool) {
	if e.Lat == nil || e.Lon == nil {
		return 0, 0, false
	}
	lat, lon = *e.Lat, *e.Lon
	if math.IsNaN(lat) || math.IsNaN(lon) || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return 0, 0, false
	}
	lat, lon = round5(lat), round5(lon)
	if lat == 0 && lon == 0 {
		return 0, 0, false
	}
	return lat, lon, true
}

func round5(v float64) float64 {
	r := math.Round(v*1e5) / 1e5
	if r == 0 {
		return 0 // no -0
	}
	return r
}

// uniq returns the non-empty strings of ss, trimmed, each once, in order of
// first appearance.
func uniq(ss []string) []string {
	out := make([]string, 0, len(ss))
outer:
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		for _, o := range out {
			if o == s {
				continue outer
			}
		}
		out = append(out, s)
	}
	return out
}

// maxBriefs bounds the claims listed per category in the notes, so that an
// event reported hundreds of times keeps a readable cell (and within the
// 32,767 characters a spreadsheet cell holds); the claims column counts
// them all.
const maxBriefs = 12

// categoryOrder ranks the figure categories of the contract in the notes.
var categoryOrder = map[string]int{
	"killed": 1, "injured": 2, "casualties": 3, "missing": 4, "detained": 5,
	"displaced": 6, "refugees": 7, "evacuated": 8, "affected": 9,
	"population": 10, "other": 11,
}

// Notes is ACLED's notes column for an event: its summary, then each
// category of figure claims as one sentence that lists every distinct
// claim with who made it, the outlet that reported it and when:
//
//	Shelling hit Kharkiv. Killed: 12 (governor, UPI 2024-03-06); 14
//	(emergency service, Reuters 2024-03-06). Injured: at least 30 (Reuters
//	2024-03-06).
//
// Categories come in the contract's order (killed, injured, casualties,
// ...), claims in the order given; a claim stated alike by several reports
// is listed once, and at most 12 per category, the rest counted ("and 3
// more").
func Notes(summary string, claims []store.Claim) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(summary))
	type group struct {
		cat    string
		briefs []string
		seen   map[string]bool
		more   int
	}
	var groups []*group
	for _, c := range claims {
		brief := claimBrief(c)
		if brief == "" {
			continue
		}
		var g *group
		for _, x := range groups {
			if x.cat == c.Category {
				g = x
				break
			}
		}
		if g == nil {
			g = &group{cat: c.Category, seen: map[string]bool{}}
			groups = append(groups, g)
		}
		if g.seen[brief] {
			continue
		}
		g.seen[brief] = true
		if len(g.briefs) < maxBriefs {
			g.briefs = append(g.briefs, brief)
		} else {
			g.more++
		}
	}
	rank := func(cat string) int {
		if r, ok := categoryOrder[cat]; ok {
			return r
		}
		return len(categoryOrder) + 1
	}
	// Insertion sort: few groups, and stable for the unknown categories.
	for i := 1; i < len(groups); i++ {
		for j := i; j > 0 && rank(groups[j].cat) < rank(groups[j-1].cat); j-- {
			groups[j], groups[j-1] = groups[j-1], groups[j]
		}
	}
	for _, g := range groups {
		if b.Len() > 0 {
			if s := b.String(); !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
				b.WriteByte('.')
			}
			b.WriteByte(' ')
		}
		b.WriteString(categoryLabel(g.cat))
		b.WriteString(": ")
		b.WriteString(strings.Join(g.briefs, "; "))
		if g.more > 0 {
			b.WriteString("; and " + strconv.Itoa(g.more) + " more")
		}
		b.WriteByte('.')
	}
	return b.String()
}

// categoryLabel capitalises a category for the notes ("killed" ->
// "Killed"); a claim without one is "Other".
func categoryLabel(cat string) string {
	cat = strings.ReplaceAll(strings.TrimSpace(cat), "_", " ")
	if cat == "" {
		return "Other"
	}
	return strings.ToUpper(cat[:1]) + cat[1:]
}

// claimBrief is one claim in brief: "12 (governor, UPI 2024-03-06)", "at
// least 30 (Reuters 2024-03-06)", "12-15", "dozens (police)". "" for a
// claim with neither a number, a vague word nor a phrase.
func claimBrief(c store.Claim) string {
	var fig string
	switch {
	case c.Min != nil && c.Max != nil && *c.Min == *c.Max:
		fig = strconv.FormatInt(*c.Min, 10)
	case c.Min != nil && c.Max != nil:
		fig = strconv.FormatInt(*c.Min, 10) + "-" + strconv.FormatInt(*c.Max, 10)
	case c.Min != nil:
		fig = strconv.FormatInt(*c.Min, 10)
	case c.Max != nil:
		fig = strconv.FormatInt(*c.Max, 10)
	}
	switch {
	case fig != "":
		if a := strings.TrimSpace(c.Approx); a != "" && a != "exact" {
			fig = a + " " + fig
		}
	case strings.TrimSpace(c.Vague) != "":
		fig = strings.TrimSpace(c.Vague)
	case strings.TrimSpace(c.Phrase) != "":
		fig = `"` + strings.TrimSpace(c.Phrase) + `"`
	default:
		return ""
	}
	var who []string
	if s := strings.TrimSpace(c.Claimant); s != "" {
		who = append(who, s)
	}
	src := strings.TrimSpace(strings.TrimSpace(c.Outlet) + " " + day(c.Published))
	if src != "" {
		who = append(who, src)
	}
	if len(who) == 0 {
		return fig
	}
	return fig + " (" + strings.Join(who, ", ") + ")"
}

// day is the date part of a publication date or timestamp.
func day(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return s
}

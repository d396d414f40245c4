// Package report writes situation reports from the store: a daily (or
// longer) brief on a region in the layout humanitarian readers know from
// OCHA's sitreps — a header with the region, the period and the sources
// counted, the highlights (the most severe events), the key figures (each
// count with the range across sources, who claims what and the latest
// value), sections on security, civilians and displacement, unrest,
// diplomacy, notable statements, charts, and a numbered list of sources.
//
// Every sentence is made by a template of this package from facts the store
// holds — fused events, their reports, figure claims and quotes — and cites
// the articles it comes from; no language model writes anything. Figures
// are never added up: where sources disagree the report gives each figure
// with who states it. The same store and query give the same report byte
// for byte: every list has a total order and nothing depends on the clock.
//
// Build gathers the facts and composes the report; Markdown and HTML write
// it (the HTML with SVG charts drawn here, no script), and PDF prints the
// HTML with a headless Chromium when one is installed.
package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
)

// Region kinds.
const (
	Country = "country"
	Admin1  = "admin1"
	BBox    = "bbox"
)

// Region is the area a report covers: a country, a first-level region
// (optionally within a country) or a box.
type Region struct {
	Kind string `json:"kind"`
	// Country is the ISO 3166-1 alpha-2 code (a country, or the country of
	// an admin1 region when given).
	Country string `json:"country,omitempty"`
	// Admin1 is the first-level region as the store names it ("Kharkiv").
	Admin1 string      `json:"admin1,omitempty"`
	Box    *store.BBox `json:"bbox,omitempty"`
	// Name is how the report names the region ("Ukraine").
	Name string `json:"name"`
}

// Query is what a report covers: a region and the days from Since to Until
// (YYYY-MM-DD, inclusive).
type Query struct {
	Region       Region `json:"region"`
	Since, Until string
	// PerSection is the number of events each section lists, most severe
	// first; 0 means DefaultPerSection.
	PerSection int `json:"-"`
}

// DefaultPerSection is how many events a section lists by default.
const DefaultPerSection = 12

// MaxDays is the longest period a report covers.
const MaxDays = 366

// QueryError is a report query that cannot be read; Param names the
// parameter at fault ("region", "date", "since", "until").
type QueryError struct {
	Param string
	Msg   string
}

func (e *QueryError) Error() string { return e.Param + ": " + e.Msg }

func badQuery(param, format string, args ...any) error {
	return &QueryError{Param: param, Msg: fmt.Sprintf(format, args...)}
}

// ParseQuery reads a report query as the command line and the API take it:
// a region (see ParseRegion) and either one day or a period from since to
// until. A lone since or until makes a one-day period.
func ParseQuery(region, date, since, until string) (Query, error) {
	var q Query
	r, err := ParseRegion(region)
	if err != nil {
		return q, err
	}
	q.Region = r
	date, since, until = strings.TrimSpace(date), strings.TrimSpace(since), strings.TrimSpace(until)
	sinceParam, untilParam := "since", "until"
	switch {
	case date != "" && (since != "" || until != ""):
		return q, badQuery("date", "give either a date or since and until, not both")
	case date != "":
		since, until, sinceParam, untilParam = date, date, "date", "date"
	case since == "" && until == "":
		return q, badQuery("date", "a report needs a date (YYYY-MM-DD) or a period (since and until)")
	case since == "":
		since, sinceParam = until, "until"
	case until == "":
		until, untilParam = since, "since"
	}
	a, err := parseDay(sinceParam, since)
	if err != nil {
		return q, err
	}
	b, err := parseDay(untilParam, until)
	if err != nil {
		return q, err
	}
	if b.Before(a) {
		return q, badQuery("until", "%s is before %s", until, since)
	}
	if days := int(b.Sub(a).Hours()/24) + 1; days > MaxDays {
		return q, badQuery("until", "the period is %d days; a report covers at most %d", days, MaxDays)
	}
	q.Since, q.Until = a.Format(day), b.Format(day)
	return q, nil
}

const day = "2006-01-02"

func parseDay(param, s string) (time.Time, error) {
	t, err := time.Parse(day, s)
	if err != nil || len(s) != len(day) {
		return t, badQuery(param, "%q is not a date (YYYY-MM-DD)", clip(s, 40))
	}
	return t, nil
}

// ParseRegion reads a region: an ISO 3166-1 code ("UA", "UKR") or an English
// country name ("Ukraine", as ACLED spells it), a box
// "west,south,east,north" in degrees, or else a first-level region as the
// store names it ("Kharkiv"), optionally with its country after a comma
// ("Punjab, PK"). Two letters that are no country code are an error, not a
// region.
func ParseRegion(s string) (Region, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return Region{}, badQuery("region", "a report needs a region: a country code or name, a first-level region, or a box west,south,east,north")
	}
	if len(s) > 200 {
		return Region{}, badQuery("region", "%q is too long", clip(s, 40))
	}
	if cc, ok := countryCode(s); ok {
		return countryRegion(cc), nil
	}
	parts := strings.Split(s, ",")
	if len(parts) == 4 {
		var v [4]float64
		numbers := true
		for i, p := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				numbers = false
				break
			}
			v[i] = f
		}
		if numbers {
			b := store.BBox{West: v[0], South: v[1], East: v[2], North: v[3]}
			if b.South < -90 || b.North > 90 || b.West < -180 || b.East > 180 || b.South > b.North || b.West > b.East {
				return Region{}, badQuery("region", "a box is west,south,east,north in degrees, with west ≤ east and south ≤ north")
			}
			return Region{Kind: BBox, Box: &b, Name: boxName(b)}, nil
		}
	}
	if len(parts) == 2 {
		name, c := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
		cc, ok := countryCode(c)
		if !ok {
			return Region{}, badQuery("region", "%q: %q is not a country", clip(s, 60), clip(c, 40))
		}
		if name == "" {
			return Region{}, badQuery("region", "%q names no region before the country", clip(s, 60))
		}
		cn, _, _ := export.Country(cc)
		return Region{Kind: Admin1, Admin1: name, Country: cc, Name: name + ", " + cn}, nil
	}
	if len(s) == 2 {
		return Region{}, badQuery("region", "%q is no ISO 3166-1 country code", s)
	}
	if len(parts) > 1 {
		return Region{}, badQuery("region", "%q is neither a box (west,south,east,north) nor a region with its country (Punjab, PK)", clip(s, 60))
	}
	return Region{Kind: Admin1, Admin1: s, Name: s}, nil
}

func countryRegion(cc string) Region {
	name, _, _ := export.Country(cc)
	return Region{Kind: Country, Country: cc, Name: name}
}

// countryNames maps the folded English name and the alpha-3 code of every
// country to its alpha-2 code: the reverse of export.Country.
var countryNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			cc := string([]rune{a, b})
			if name, iso3, ok := export.Country(cc); ok {
				m[foldName(name)] = cc
				m[foldName(iso3)] = cc
			}
		}
	}
	return m
})

// countryCode finds the alpha-2 code of a country code or name.
func countryCode(s string) (string, bool) {
	if len(s) == 2 {
		if _, _, ok := export.Country(s); ok {
			return strings.ToUpper(s), true
		}
		return "", false
	}
	cc, ok := countryNames()[foldName(s)]
	return cc, ok
}

func foldName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimPrefix(s, "the ")
}

func boxName(b store.BBox) string {
	return "the area " + degrees(b.West, "E", "W") + " to " + degrees(b.East, "E", "W") + ", " +
		degrees(b.South, "N", "S") + " to " + degrees(b.North, "N", "S")
}

func degrees(v float64, pos, neg string) string {
	h := pos
	if v < 0 {
		v, h = -v, neg
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "°" + h
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// filter is the store's event filter of the query.
func (q Query) filter() store.EventFilter {
	f := store.EventFilter{Since: q.Since, Until: q.Until, Limit: 1000}
	switch q.Region.Kind {
	case Country:
		f.Country = q.Region.Country
	case Admin1:
		f.Admin1, f.Country = q.Region.Admin1, q.Region.Country
	case BBox:
		f.BBox = q.Region.Box
	}
	return f
}

func (q Query) check() error {
	switch q.Region.Kind {
	case Country, Admin1, BBox:
	default:
		return badQuery("region", "unknown kind of region %q", q.Region.Kind)
	}
	if q.Region.Kind == BBox && q.Region.Box == nil {
		return badQuery("region", "a box region without its box")
	}
	a, err := parseDay("since", q.Since)
	if err != nil {
		return err
	}
	b, err := parseDay("until", q.Until)
	if err != nil {
		return err
	}
	if b.Before(a) {
		return badQuery("until", "%s is before %s", q.Until, q.Since)
	}
	if int(b.Sub(a).Hours()/24)+1 > MaxDays {
		return badQuery("until", "a report covers at most %d days", MaxDays)
	}
	return nil
}

// Build gathers from st the facts of the events q selects and composes the
// report.
func Build(ctx context.Context, st store.Store, q Query) (*Report, error) {
	if err := q.check(); err != nil {
		return nil, err
	}
	if q.PerSection <= 0 {
		q.PerSection = DefaultPerSection
	}
	f, err := gather(ctx, st, q)
	if err != nil {
		var qe *QueryError
		if errors.As(err, &qe) {
			return nil, err
		}
		return nil, fmt.Errorf("report: %w", err)
	}
	return compose(f), nil
}

package api

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/store"
)

// The query parameters are read here, all of them, before the store sees a
// filter: a value that cannot be read is a ParamError naming the parameter,
// which the API answers with 400. The store still checks what only it can
// (the cursors it issued) and answers store.ErrBadQuery.

// ParamError is a query parameter that cannot be read.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string { return "parameter " + e.Param + ": " + e.Msg }

func badParam(name, format string, args ...any) *ParamError {
	return &ParamError{Param: name, Msg: fmt.Sprintf(format, args...)}
}

// Bounds of the parameters.
const (
	// MaxLimit is the largest page; the store's own bound.
	MaxLimit = 1000
	// MaxSearchLimit is the most matches of each kind a search returns.
	MaxSearchLimit = 100
	maxText        = 500  // bytes of a text parameter
	maxCursor      = 1024 // bytes of a cursor
	maxKm          = 20040
)

// params reads a query string, refusing parameters the route does not know
// and parameters given twice. A parameter with an empty value is taken as
// absent, as a form leaves a field it did not fill.
type params struct {
	q url.Values
}

func newParams(raw string, known ...string) (params, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return params{}, &ParamError{Param: "query", Msg: "the query string is malformed: " + err.Error()}
	}
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	slices.Sort(names) // the first bad one is the same every time
	for _, k := range names {
		if !slices.Contains(known, k) {
			return params{}, badParam(printable(k), "unknown parameter (this route takes: %s)", strings.Join(known, ", "))
		}
		if len(q[k]) > 1 {
			return params{}, badParam(k, "given %d times; give it once", len(q[k]))
		}
		if strings.TrimSpace(q[k][0]) == "" {
			delete(q, k) // an empty form field filters nothing
		}
	}
	return params{q: q}, nil
}

// printable quotes a name for a message when it holds anything odd.
func printable(s string) string {
	if s == "" {
		return `""`
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '"' {
			return strconv.Quote(s)
		}
	}
	return s
}

// text reads a free-text parameter: UTF-8 without control characters, at
// most maxText bytes, trimmed.
func (p params) text(name string) (string, error) {
	s, ok := p.q[name]
	if !ok {
		return "", nil
	}
	v := strings.TrimSpace(s[0])
	if len(v) > maxText {
		return "", badParam(name, "longer than %d bytes", maxText)
	}
	if !utf8.ValidString(v) {
		return "", badParam(name, "not valid UTF-8")
	}
	for _, r := range v {
		if unicode.IsControl(r) {
			return "", badParam(name, "holds a control character")
		}
	}
	return v, nil
}

// required reads a free-text parameter that must be given and not blank.
func (p params) required(name string) (string, error) {
	v, err := p.text(name)
	if err == nil && v == "" {
		err = badParam(name, "required")
	}
	return v, err
}

// limit reads a page size in 1..max; absent is 0, the store's default.
func (p params) limit(max int) (int, error) {
	s, ok := p.q["limit"]
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s[0]))
	if err != nil {
		return 0, badParam("limit", "%q is not a whole number", clip(s[0]))
	}
	if n < 1 || n > max {
		return 0, badParam("limit", "%d is out of range: give 1 to %d", n, max)
	}
	return n, nil
}

// cursor reads an opaque cursor from a page's next; the store checks it.
func (p params) cursor() (string, error) {
	s, ok := p.q["cursor"]
	if !ok {
		return "", nil
	}
	v := s[0]
	if len(v) > maxCursor {
		return "", badParam("cursor", "not a cursor this API issued (too long)")
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			return "", badParam("cursor", "not a cursor this API issued")
		}
	}
	return v, nil
}

// id reads a positive integer id.
func (p params) id(name string) (int64, error) {
	s, ok := p.q[name]
	if !ok {
		return 0, nil
	}
	return parseID(name, s[0])
}

func parseID(name, s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, badParam(name, "%q is not an id (a positive whole number)", clip(s))
	}
	return n, nil
}

// date reads a day, YYYY-MM-DD.
func (p params) date(name string) (string, error) {
	s, ok := p.q[name]
	if !ok {
		return "", nil
	}
	v := strings.TrimSpace(s[0])
	if len(v) != 10 {
		return "", badParam(name, "%q is not a date: give YYYY-MM-DD", clip(v))
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return "", badParam(name, "%q is not a date: give YYYY-MM-DD", clip(v))
	}
	return v, nil
}

// dates reads since and until, and checks that they are in order.
func (p params) dates() (since, until string, err error) {
	if since, err = p.date("since"); err != nil {
		return
	}
	if until, err = p.date("until"); err != nil {
		return
	}
	if since != "" && until != "" && since > until {
		err = badParam("until", "%s is before since %s", until, since)
	}
	return
}

// country reads an ISO 3166-1 alpha-2 code, as upper case.
func (p params) country() (string, error) {
	s, ok := p.q["country"]
	if !ok {
		return "", nil
	}
	v := strings.TrimSpace(s[0])
	if len(v) != 2 || !isASCIILetter(v[0]) || !isASCIILetter(v[1]) {
		return "", badParam("country", "%q is not a country code: give two letters (ISO 3166-1 alpha-2, as UA)", clip(v))
	}
	return strings.ToUpper(v), nil
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// oneOf reads a value from a closed list, case-insensitively, and returns
// it as the list spells it.
func (p params) oneOf(name string, list []string) (string, error) {
	s, ok := p.q[name]
	if !ok {
		return "", nil
	}
	v := strings.TrimSpace(s[0])
	for _, c := range list {
		if strings.EqualFold(v, c) {
			return c, nil
		}
	}
	return "", badParam(name, "%q is not one of %s", clip(v), strings.Join(list, ", "))
}

// floats reads n comma-separated finite numbers.
func (p params) floats(name string, n int, form string) ([]float64, bool, error) {
	s, ok := p.q[name]
	if !ok {
		return nil, false, nil
	}
	parts := strings.Split(s[0], ",")
	if len(parts) != n {
		return nil, true, badParam(name, "%q: give %s", clip(s[0]), form)
	}
	out := make([]float64, n)
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, true, badParam(name, "%q is not a number: give %s", clip(part), form)
		}
		out[i] = f
	}
	return out, true, nil
}

// near reads lat,lon,km.
func (p params) near() (*store.Circle, error) {
	const form = "lat,lon,km (as 50.45,30.52,25)"
	f, ok, err := p.floats("near", 3, form)
	if !ok || err != nil {
		return nil, err
	}
	c := &store.Circle{Lat: f[0], Lon: f[1], Km: f[2]}
	switch {
	case c.Lat < -90 || c.Lat > 90:
		return nil, badParam("near", "latitude %g is out of range -90..90", c.Lat)
	case c.Lon < -180 || c.Lon > 180:
		return nil, badParam("near", "longitude %g is out of range -180..180", c.Lon)
	case c.Km <= 0 || c.Km > maxKm:
		return nil, badParam("near", "radius %g km is out of range: give more than 0 and at most %d", c.Km, maxKm)
	}
	return c, nil
}

// bbox reads west,south,east,north.
func (p params) bbox() (*store.BBox, error) {
	const form = "west,south,east,north in degrees (as 22,44,40,53)"
	f, ok, err := p.floats("bbox", 4, form)
	if !ok || err != nil {
		return nil, err
	}
	b := &store.BBox{West: f[0], South: f[1], East: f[2], North: f[3]}
	switch {
	case b.West < -180 || b.West > 180 || b.East < -180 || b.East > 180:
		return nil, badParam("bbox", "longitudes must be in -180..180")
	case b.South < -90 || b.South > 90 || b.North < -90 || b.North > 90:
		return nil, badParam("bbox", "latitudes must be in -90..90")
	case b.South > b.North:
		return nil, badParam("bbox", "south %g is north of north %g", b.South, b.North)
	case b.West > b.East:
		return nil, badParam("bbox", "west %g is east of east %g (boxes across the antimeridian are not supported: ask for two)", b.West, b.East)
	}
	return b, nil
}

// articleID reads a content id: 64 hexadecimal digits.
func articleID(name, s string) (string, error) {
	if len(s) != 64 {
		return "", badParam(name, "%q is not an article id (64 hexadecimal digits)", clip(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f') {
			return "", badParam(name, "%q is not an article id (64 hexadecimal digits)", clip(s))
		}
	}
	return strings.ToLower(s), nil
}

func (p params) article() (string, error) {
	s, ok := p.q["article"]
	if !ok {
		return "", nil
	}
	return articleID("article", strings.TrimSpace(s[0]))
}

// clip shortens a value quoted back in a message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// The parameters of each route.
var (
	eventFilterParams = []string{"text", "class", "country", "admin1", "near", "bbox", "since", "until", "actor", "speaker", "article"}
	eventParams       = append(slices.Clone(eventFilterParams), "limit", "cursor")
	exportParams      = eventFilterParams
	searchParams      = []string{"q", "class", "country", "admin1", "near", "bbox", "since", "until", "actor", "speaker", "limit"}
	articleParams     = []string{"text", "outlet", "since", "until", "limit", "cursor"}
	entityParams      = []string{"name", "type", "limit", "cursor"}
	quoteParams       = []string{"text", "speaker", "speaker_id", "article", "since", "until", "limit", "cursor"}
	claimParams       = []string{"category", "claimant", "event", "article", "country", "since", "until", "limit", "cursor"}
	postParams        = []string{"url", "published", "outlet"}
)

// firstErr returns the first error of a list of reads.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// eventFilter reads the event filters shared by events, search and the
// exports, without limit and cursor.
func (p params) eventFilter() (store.EventFilter, error) {
	var f store.EventFilter
	var errs [11]error
	f.Text, errs[0] = p.text("text")
	f.Class, errs[1] = p.oneOf("class", EventClasses())
	f.Country, errs[2] = p.country()
	f.Admin1, errs[3] = p.text("admin1")
	f.Near, errs[4] = p.near()
	f.BBox, errs[5] = p.bbox()
	f.Since, f.Until, errs[6] = p.dates()
	f.Actor, errs[7] = p.text("actor")
	f.Speaker, errs[8] = p.text("speaker")
	f.Article, errs[9] = p.article()
	return f, firstErr(errs[:]...)
}

// ParseEventFilter reads the query string of GET /api/events.
func ParseEventFilter(raw string) (store.EventFilter, error) {
	p, err := newParams(raw, eventParams...)
	if err != nil {
		return store.EventFilter{}, err
	}
	f, err := p.eventFilter()
	if err != nil {
		return store.EventFilter{}, err
	}
	if f.Limit, err = p.limit(MaxLimit); err != nil {
		return store.EventFilter{}, err
	}
	if f.Cursor, err = p.cursor(); err != nil {
		return store.EventFilter{}, err
	}
	return f, nil
}

// parseExportFilter reads the query string of the exports: the event
// filters; the export walks every page itself.
func parseExportFilter(raw string) (store.EventFilter, error) {
	p, err := newParams(raw, exportParams...)
	if err != nil {
		return store.EventFilter{}, err
	}
	return p.eventFilter()
}

// ParseSearch reads the query string of GET /api/search.
func ParseSearch(raw string) (store.SearchQuery, error) {
	var q store.SearchQuery
	p, err := newParams(raw, searchParams...)
	if err != nil {
		return q, err
	}
	if q.Text, err = p.required("q"); err != nil {
		return q, err
	}
	if q.Events, err = p.eventFilter(); err != nil {
		return q, err
	}
	q.Limit, err = p.limit(MaxSearchLimit)
	return q, err
}

// ParseArticleFilter reads the query string of GET /api/articles.
func ParseArticleFilter(raw string) (store.ArticleFilter, error) {
	var f store.ArticleFilter
	p, err := newParams(raw, articleParams...)
	if err != nil {
		return f, err
	}
	var errs [5]error
	f.Text, errs[0] = p.text("text")
	f.Outlet, errs[1] = p.text("outlet")
	f.Since, f.Until, errs[2] = p.dates()
	f.Limit, errs[3] = p.limit(MaxLimit)
	f.Cursor, errs[4] = p.cursor()
	if err := firstErr(errs[:]...); err != nil {
		return store.ArticleFilter{}, err
	}
	return f, nil
}

// ParseEntityFilter reads the query string of GET /api/entities.
func ParseEntityFilter(raw string) (store.EntityFilter, error) {
	var f store.EntityFilter
	p, err := newParams(raw, entityParams...)
	if err != nil {
		return f, err
	}
	var errs [4]error
	f.Name, errs[0] = p.text("name")
	f.Type, errs[1] = p.oneOf("type", EntityTypes())
	f.Limit, errs[2] = p.limit(MaxLimit)
	f.Cursor, errs[3] = p.cursor()
	if err := firstErr(errs[:]...); err != nil {
		return store.EntityFilter{}, err
	}
	return f, nil
}

// ParseQuoteFilter reads the query string of GET /api/quotes.
func ParseQuoteFilter(raw string) (store.QuoteFilter, error) {
	var f store.QuoteFilter
	p, err := newParams(raw, quoteParams...)
	if err != nil {
		return f, err
	}
	var errs [7]error
	f.Text, errs[0] = p.text("text")
	f.Speaker, errs[1] = p.text("speaker")
	f.SpeakerID, errs[2] = p.id("speaker_id")
	f.Article, errs[3] = p.article()
	f.Since, f.Until, errs[4] = p.dates()
	f.Limit, errs[5] = p.limit(MaxLimit)
	f.Cursor, errs[6] = p.cursor()
	if err := firstErr(errs[:]...); err != nil {
		return store.QuoteFilter{}, err
	}
	return f, nil
}

// ParseClaimFilter reads the query string of GET /api/figures.
func ParseClaimFilter(raw string) (store.ClaimFilter, error) {
	var f store.ClaimFilter
	p, err := newParams(raw, claimParams...)
	if err != nil {
		return f, err
	}
	var errs [8]error
	f.Category, errs[0] = p.oneOf("category", FigureCategories())
	f.Claimant, errs[1] = p.text("claimant")
	f.EventID, errs[2] = p.id("event")
	f.Article, errs[3] = p.article()
	f.Country, errs[4] = p.country()
	f.Since, f.Until, errs[5] = p.dates()
	f.Limit, errs[6] = p.limit(MaxLimit)
	f.Cursor, errs[7] = p.cursor()
	if err := firstErr(errs[:]...); err != nil {
		return store.ClaimFilter{}, err
	}
	return f, nil
}

// The closed lists of the contract, read from its JSON Schema so that they
// never drift from it.
var enums = sync.OnceValue(func() map[string][]string {
	var s struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []any `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(document.JSONSchema(), &s); err != nil {
		panic("api: the document schema does not parse: " + err.Error())
	}
	get := func(def, prop string) []string {
		var out []string
		for _, v := range s.Defs[def].Properties[prop].Enum {
			if str, ok := v.(string); ok {
				out = append(out, str)
			}
		}
		if len(out) == 0 {
			panic("api: the document schema has no enum at " + def + "." + prop)
		}
		return out
	}
	return map[string][]string{
		"class":    get("event", "class"),
		"type":     get("entity", "type"),
		"category": get("figure", "category"),
	}
})

// EventClasses are the values of the class parameter.
func EventClasses() []string { return enums()["class"] }

// EntityTypes are the values of the type parameter of /api/entities.
func EntityTypes() []string { return enums()["type"] }

// FigureCategories are the values of the category parameter of
// /api/figures.
func FigureCategories() []string { return enums()["category"] }

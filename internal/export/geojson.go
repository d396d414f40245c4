package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
)

// GeoJSONWriter writes events as one GeoJSON FeatureCollection (RFC 7946),
// a Point feature per event, written as the events come: the opening of
// the collection with the first event, each feature after a comma, the end
// on Close. Coordinates are [longitude, latitude] (WGS 84, RFC 7946 §3.1.1)
// rounded to 5 decimals. Events without coordinates are skipped and
// counted (Skipped).
//
// The feature's id is the event id; its properties are
//
//	id, class, event_type, sub_event_type  (ACLED's, null for none)
//	date, date_precision                   as stored: "2024-03", "month"
//	location, country (ISO 3166-1 alpha-2), country_name, admin1
//	actors                                 actor1 and actor2, those known
//	fatalities, injured                    null when unknown
//	reports, claims                        how many
//	summary, geo_precision
//
// with null for what is unknown, as the API's JSON does.
type GeoJSONWriter struct {
	bw      *bufio.Writer
	enc     *json.Encoder
	started bool
	closed  bool
	n       int
	skipped int
	err     error
}

// NewGeoJSON returns a GeoJSON writer on w.
func NewGeoJSON(w io.Writer) *GeoJSONWriter {
	bw := bufio.NewWriterSize(w, 32<<10)
	return &GeoJSONWriter{bw: bw, enc: json.NewEncoder(bw)}
}

const (
	geoJSONHeader = `{"type":"FeatureCollection","features":[` + "\n"
	geoJSONFooter = "]}\n"
)

type geoFeature struct {
	Type       string      `json:"type"`
	ID         int64       `json:"id"`
	Geometry   geoPoint    `json:"geometry"`
	Properties geoFeatProp `json:"properties"`
}

type geoPoint struct {
	Type        string   `json:"type"`
	Coordinates [2]coord `json:"coordinates"`
}

// coord is a coordinate already rounded, written in its shortest decimal
// form (never exponent notation).
type coord float64

func (c coord) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(c), 'f', -1, 64), nil
}

type geoFeatProp struct {
	ID            int64    `json:"id"`
	Class         string   `json:"class"`
	EventType     *string  `json:"event_type"`
	SubEventType  *string  `json:"sub_event_type"`
	Date          *string  `json:"date"`
	DatePrecision *string  `json:"date_precision"`
	Location      *string  `json:"location"`
	Country       *string  `json:"country"`
	CountryName   *string  `json:"country_name"`
	Admin1        *string  `json:"admin1"`
	Actors        []string `json:"actors"`
	Fatalities    *int64   `json:"fatalities"`
	Injured       *int64   `json:"injured"`
	Reports       int      `json:"reports"`
	Claims        int      `json:"claims"`
	Summary       string   `json:"summary"`
	GeoPrecision  *int     `json:"geo_precision"`
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (g *GeoJSONWriter) start() {
	if !g.started && g.err == nil {
		g.started = true
		_, g.err = g.bw.WriteString(geoJSONHeader)
	}
}

// Write writes one event as a feature, or skips it (without error) when
// its coordinates are unknown.
func (g *GeoJSONWriter) Write(r Row) error {
	if g.closed {
		return errClosed
	}
	g.start()
	if g.err != nil {
		return g.err
	}
	e := &r.Event
	lat, lon, ok := coords(e)
	if !ok {
		g.skipped++
		return nil
	}
	f := geoFeature{
		Type: "Feature",
		ID:   e.ID,
		Geometry: geoPoint{
			Type:        "Point",
			Coordinates: [2]coord{coord(lon), coord(lat)},
		},
		Properties: geoFeatProp{
			ID:            e.ID,
			Class:         e.Class,
			EventType:     str(e.ACLEDType),
			SubEventType:  str(e.ACLEDSubType),
			Date:          str(e.Date),
			DatePrecision: str(e.DatePrecision),
			Location:      str(e.Location),
			Country:       str(e.Country),
			Admin1:        str(e.Admin1),
			Actors:        uniq([]string{e.Actor1, e.Actor2}),
			Fatalities:    e.Fatalities,
			Injured:       e.Injured,
			Reports:       e.ReportCount,
			Claims:        e.ClaimCount,
			Summary:       e.Summary,
		},
	}
	if r.Claims != nil {
		f.Properties.Claims = len(r.Claims)
	}
	if name, _, ok := Country(e.Country); ok {
		f.Properties.CountryName = &name
	}
	if gp := e.GeoPrecision; gp >= 1 && gp <= 3 {
		f.Properties.GeoPrecision = &gp
	}
	if g.n > 0 {
		if g.err = g.bw.WriteByte(','); g.err != nil {
			return g.err
		}
	}
	if g.err = g.enc.Encode(&f); g.err != nil {
		return g.err
	}
	g.n++
	return nil
}

// Features returns how many features were written.
func (g *GeoJSONWriter) Features() int { return g.n }

// Skipped returns how many events were skipped for want of coordinates.
func (g *GeoJSONWriter) Skipped() int { return g.skipped }

// Flush writes the buffered features to the underlying writer.
func (g *GeoJSONWriter) Flush() error {
	if g.closed {
		return nil
	}
	g.start()
	if g.err != nil {
		return g.err
	}
	g.err = g.bw.Flush()
	return g.err
}

// Close ends the FeatureCollection and flushes it; the underlying writer
// stays open.
func (g *GeoJSONWriter) Close() error {
	if g.closed {
		return g.err
	}
	g.start()
	g.closed = true
	if g.err != nil {
		return g.err
	}
	if _, g.err = g.bw.WriteString(geoJSONFooter); g.err != nil {
		return g.err
	}
	g.err = g.bw.Flush()
	return g.err
}

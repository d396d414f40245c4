package fusion

import "github.com/sitrep/sitrep/internal/document"

// Place is what fusion and the stores need of a document's place or area.
type Place struct {
	Location, Country, Admin1 string
	Lat, Lon                  *float64
	// Precision is ACLED's geo-precision; a place without one counts as 3.
	Precision int
}

// PlaceOf resolves a place ("P2") or area ("A1") id of the document; the
// zero Place when ref is nil or names nothing.
func PlaceOf(d *document.Document, ref *string) Place {
	if ref == nil {
		return Place{}
	}
	for _, p := range d.Places {
		if p.ID == *ref {
			prec := p.Precision
			if prec == 0 {
				prec = 3
			}
			return Place{p.Name, p.Country, p.Admin1, p.Lat, p.Lon, prec}
		}
	}
	for _, a := range d.Areas {
		if a.ID == *ref {
			return Place{a.Text, a.Country, a.Admin1, a.Lat, a.Lon, a.Precision}
		}
	}
	return Place{}
}

// MentionOf is the fusion view of a document's event, with its date and
// date precision ("day" when the document gives none). ok is false for an
// event without a date that parses: it can be neither placed in time nor
// fused.
func MentionOf(d *document.Document, e document.Event) (m Mention, date, prec string, ok bool) {
	if e.Date == nil {
		return m, "", "", false
	}
	prec = e.DatePrecision
	if prec == "" {
		prec = "day"
	}
	lo, hi, ok := DateRange(*e.Date, prec)
	if !ok {
		return m, "", "", false
	}
	p := PlaceOf(d, e.Place)
	return Mention{Class: e.Class, DateLo: lo, DateHi: hi, Location: p.Location, Country: p.Country,
		Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeoPrecision: p.Precision}, *e.Date, prec, true
}

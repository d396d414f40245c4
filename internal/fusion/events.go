package fusion

import (
	"math"
	"strings"
)

// SameTownKm is how far apart two town-precision places may be and still be
// the place of one event: the spread of a city and its outskirts.
const SameTownKm = 25

// Mention is what fusion compares of an event mention or a fused event.
type Mention struct {
	Class string
	// DateLo and DateHi are the days the date covers (DateRange).
	DateLo, DateHi string
	// Place: the name, country and first-level region, the point, and
	// ACLED's geo-precision (1 a town, 2 near a town or a province, 3 a
	// region or country; 0 unknown).
	Location        string
	Country, Admin1 string
	Lat, Lon        *float64
	GeoPrecision    int
}

// Located reports whether a mention has a place fusion can compare.
func (m Mention) Located() bool {
	return m.Country != "" || (m.Lat != nil && m.Lon != nil)
}

// SameEvent decides whether two mentions report the same happening: the
// same class, dates that overlap (each within its precision), and the same
// place — the same town or towns at most SameTownKm apart when both are
// towns, the same first-level region when either is coarser, the same
// country when either is only a country. Mentions without a place are never
// fused: "an attack on Monday" alone says too little.
func SameEvent(a, b Mention) bool {
	if a.Class != b.Class || a.Class == "" {
		return false
	}
	if a.DateLo == "" || b.DateLo == "" || a.DateLo > b.DateHi || b.DateLo > a.DateHi {
		return false
	}
	if !a.Located() || !b.Located() {
		return false
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return false
	}
	pa, pb := precision(a), precision(b)
	switch {
	case pa == 1 && pb == 1:
		if a.Location != "" && strings.EqualFold(a.Location, b.Location) {
			return true
		}
		if a.Lat == nil || b.Lat == nil {
			return false
		}
		return Km(*a.Lat, *a.Lon, *b.Lat, *b.Lon) <= SameTownKm
	case pa == 3 || pb == 3:
		return a.Country != "" && a.Country == b.Country
	default:
		if a.Admin1 != "" && b.Admin1 != "" {
			return a.Admin1 == b.Admin1 && a.Country == b.Country
		}
		if a.Lat == nil || b.Lat == nil {
			return false
		}
		return Km(*a.Lat, *a.Lon, *b.Lat, *b.Lon) <= 2*SameTownKm
	}
}

// precision is the mention's geo-precision, 3 when unknown.
func precision(m Mention) int {
	if m.GeoPrecision < 1 || m.GeoPrecision > 3 {
		return 3
	}
	return m.GeoPrecision
}

// SearchBox is the box in degrees around a point that holds every point
// within km of it, for an index lookup of candidates.
func SearchBox(lat, lon, km float64) (south, north, west, east float64) {
	dLat := km / 111.0
	c := math.Cos(lat * math.Pi / 180)
	dLon := 180.0
	if c > 0.01 {
		dLon = math.Min(180, km/(111.0*c))
	}
	return lat - dLat, lat + dLat, lon - dLon, lon + dLon
}

// Km is the great-circle distance between two points in kilometres.
func Km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp := p2 - p1
	dl := (lon2 - lon1) * math.Pi / 180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Merge folds mention m into fused event f: the date narrows to the finer
// precision where the two overlap and the place becomes the more precise one.
func Merge(f, m Mention) Mention {
	lo, hi := f.DateLo, f.DateHi
	if m.DateLo > lo {
		lo = m.DateLo
	}
	if m.DateHi < hi {
		hi = m.DateHi
	}
	if lo <= hi {
		f.DateLo, f.DateHi = lo, hi
	}
	if m.Located() && (!f.Located() || precision(m) < precision(f)) {
		f.Location, f.Country, f.Admin1 = m.Location, m.Country, m.Admin1
		f.Lat, f.Lon, f.GeoPrecision = m.Lat, m.Lon, m.GeoPrecision
	}
	return f
}

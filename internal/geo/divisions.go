package geo

import (
	"sync"

	"github.com/sitrep/sitrep/internal/gazetteer"
)

// div is a first-level division's point.
type div struct {
	code     string
	lat, lon float64
}

// divisionCache holds the divisions of the countries asked about.
type divisionCache struct {
	mu sync.Mutex
	m  map[string][]div
}

// divisions returns the first-level divisions of a country that have a
// point. The gazetteer lists none by country, so they are found by their
// GeoNames codes: two digits for most countries, two letters (US, CH),
// a letter and a digit, then three digits or three letters (GB: ENG,
// SCT...). Countries whose codes are long numbers have none here.
func (r *Resolver) divisions(cc string) []div {
	if cc == "" {
		return nil
	}
	r.divs.mu.Lock()
	defer r.divs.mu.Unlock()
	if d, ok := r.divs.m[cc]; ok {
		return d
	}
	if r.divs.m == nil {
		r.divs.m = map[string][]div{}
	}
	var out []div
	seen := map[string]bool{}
	try := func(code string) {
		if seen[code] {
			return
		}
		seen[code] = true
		name := r.g.Admin1Name(cc, code)
		if name == "" {
			return
		}
		for _, p := range r.g.Lookup(name) {
			if p.Kind == gazetteer.KindAdmin && p.Country == cc && p.Admin1 == code {
				if p.Lat != 0 || p.Lon != 0 {
					out = append(out, div{code: code, lat: p.Lat, lon: p.Lon})
				}
				return
			}
		}
	}
	const digits, letters = "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for _, a := range digits {
		try(string(a))
		for _, b := range digits {
			try(string(a) + string(b))
		}
	}
	for _, a := range letters {
		try(string(a))
		for _, b := range letters + digits {
			try(string(a) + string(b))
		}
	}
	if len(out) == 0 {
		for _, a := range digits {
			for _, b := range digits {
				for _, c := range digits {
					try(string(a) + string(b) + string(c))
				}
			}
		}
		for _, a := range letters {
			for _, b := range letters {
				for _, c := range letters {
					try(string(a) + string(b) + string(c))
				}
			}
		}
	}
	r.divs.m[cc] = out
	return out
}

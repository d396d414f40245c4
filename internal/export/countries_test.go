package export

import (
	"testing"

	"github.com/sitrep/sitrep/internal/gazetteer"
)

func TestCountry(t *testing.T) {
	tests := []struct{ code, name, iso3 string }{
		{"UA", "Ukraine", "UKR"},
		{"ua", "Ukraine", "UKR"},
		{"UKR", "Ukraine", "UKR"},
		{"CD", "Democratic Republic of Congo", "COD"},
		{"TR", "Turkey", "TUR"},
		{"XK", "Kosovo", "XKX"},
		{"PS", "Palestine", "PSE"},
		{"ZZ", "", ""},
	}
	for _, tt := range tests {
		name, iso3, ok := Country(tt.code)
		if name != tt.name || iso3 != tt.iso3 || ok != (tt.name != "") {
			t.Errorf("Country(%q) = %q %q %v", tt.code, name, iso3, ok)
		}
	}
}

// TestCountriesMatchGazetteer keeps countries.tsv in step with the
// gazetteer's countries: the same codes, and the same names except where
// ACLED spells them otherwise.
func TestCountriesMatchGazetteer(t *testing.T) {
	acled := map[string]bool{"CD": true, "CG": true, "CZ": true, "SZ": true, "TL": true, "TR": true}
	gz := gazetteer.Load().Countries()
	for _, c := range gz {
		name, iso3, ok := Country(c.ISO2)
		if !ok {
			t.Errorf("%s %s missing", c.ISO2, c.Name)
			continue
		}
		if iso3 != c.ISO3 && c.ISO2 != "XK" {
			t.Errorf("%s: iso3 %s, gazetteer %s", c.ISO2, iso3, c.ISO3)
		}
		if name != c.Name && !acled[c.ISO2] {
			t.Errorf("%s: name %q, gazetteer %q", c.ISO2, name, c.Name)
		}
	}
	if n := len(countryTable()) / 2; n != len(gz) {
		t.Errorf("%d countries, gazetteer %d", n, len(gz))
	}
}

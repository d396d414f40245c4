package export

import (
	_ "embed"
	"strings"
	"sync"
)

// countries.tsv holds the ISO 3166-1 codes and English names of the
// countries and territories of the gazetteer (world-countries), with the
// names ACLED spells differently ("Turkey", "Democratic Republic of Congo")
// changed to its spelling. It is a copy of a few columns rather than a call
// into package gazetteer, whose Load reads 6 MB of places (0.4 s, 45 MB of
// memory) that an export of stored events does not need; a test checks
// that the two agree.
//
//go:embed countries.tsv
var countriesTSV string

type countryNames struct {
	name, iso3 string
}

// countryTable maps alpha-2 and alpha-3 codes to the country.
var countryTable = sync.OnceValue(func() map[string]countryNames {
	m := make(map[string]countryNames, 520)
	for line := range strings.Lines(countriesTSV) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("export: bad line in countries.tsv: " + line)
		}
		c := countryNames{name: f[2], iso3: f[1]}
		m[f[0]] = c
		m[f[1]] = c
	}
	return m
})

// Country returns the English name and the ISO 3166-1 alpha-3 code of a
// country from its alpha-2 (or alpha-3) code, in any case: Country("ua") =
// "Ukraine", "UKR". Names follow ACLED where its spelling differs from the
// common English one. Kosovo is XK, XKX.
func Country(code string) (name, iso3 string, ok bool) {
	c, ok := countryTable()[strings.ToUpper(strings.TrimSpace(code))]
	return c.name, c.iso3, ok
}

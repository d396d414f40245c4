// Package gazetteer is an offline gazetteer: countries, first-level
// administrative divisions, the ~200,000 populated places of GeoNames'
// cities500 table, and a hand-written set of regions, seas, rivers,
// continents and landmarks that news names (Donbas, Sahel, Black Sea...).
//
// The data is embedded in the binary (data/*.tsv.gz, about 5 MB, written by
// scripts/build-gazetteer.sh; sources and licences in
// scripts/buildgaz/SOURCES.md: GeoNames, CC BY 4.0; world-countries, ODbL).
// Load reads it once. Names match case- and diacritic-insensitively
// ("València" = "valencia"), punctuation aside ("Khar'kov" = "Kharkov",
// "Ivano-Frankivsk" = "Ivano Frankivsk"); acronyms ("US", "U.K.", "UAE")
// match only when written in capitals.
//
// Lookup returns every place a name may denote, most likely first:
// countries, then continents, then the hand-written regions, seas and
// rivers (Donbas, Sahel, Red Sea: few, and named as news names them), then
// divisions (after a populated place of 100,000 or more in the same country
// and of the same name: "Kharkiv" the city before Kharkiv Oblast,
// "Washington" D.C. before the state), then populated places and landmarks
// by population.
//
// A Gazetteer is read-only and safe for concurrent use.
package gazetteer

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/gazetteer/fold"
)

// Kinds of places.
const (
	KindCountry   = "country"
	KindAdmin     = "admin"
	KindCity      = "city"
	KindRegion    = "region"
	KindWater     = "water"
	KindContinent = "continent"
	KindLandmark  = "landmark"
)

// Place is one thing a name can denote.
type Place struct {
	// GeonameID is the GeoNames id of a populated place; 0 for countries,
	// divisions and the hand-written entries.
	GeonameID int64
	Name      string
	// Lat and Lon are a representative point: a place's position; for a
	// country the centre given by world-countries; for a division the
	// populated place nearest to the mean position of its places (0, 0
	// for the few divisions with no place in cities500); for regions,
	// seas and rivers a rough centre or a point on the middle course.
	Lat, Lon float64
	// Country is the ISO 3166-1 alpha-2 code ("" for places in no single
	// country, such as the Sahel or the Black Sea).
	Country string
	// Admin1 is the GeoNames first-level division code ("07" for Kharkiv
	// Oblast in UA); Admin1Name its name.
	Admin1     string
	Admin1Name string
	// FeatureClass and FeatureCode follow GeoNames ("P", "PPLA"); countries
	// are A/PCLI (independent) or A/PCLD, divisions A/ADM1.
	FeatureClass string
	FeatureCode  string
	// Population of a populated place; for a country or a division the
	// summed population of its places in cities500 (a lower bound).
	Population int64
	Kind       string
}

// Country is a country or territory of world-countries.
type Country struct {
	ISO2, ISO3 string
	Name       string // common English name ("Ukraine", "Türkiye")
	Official   string // "United Kingdom of Great Britain and Northern Ireland"
	// AltNames are other names: alternative spellings, acronyms ("UK"),
	// Latin-script names in other languages ("Ucraina") and our additions
	// ("Turkey").
	AltNames []string
	// Demonyms are English adjectives of nationality ("Ukrainian").
	Demonyms          []string
	Capital           string
	Lat, Lon          float64
	Region, Subregion string // "Europe", "Eastern Europe"
	Independent       bool
	UNMember          bool
	// Population is the summed population of the country's places in
	// cities500, a lower bound; world-countries has no population.
	Population int64
}

// Gazetteer holds the loaded data.
type Gazetteer struct {
	recs      []rec
	countries []Country
	admins    []adminRec
	fcodes    []string

	seed maphash.Seed
	keys []uint64 // sorted hashes of match keys
	vals []uint32 // index into recs, parallel to keys

	countryByCode   map[string]int
	countryByName   map[string]int
	countryByDemon  map[string]int
	adminByCode     map[adminKey]int32
	countryRecIndex []int32 // country index -> rec index
}

type adminKey struct{ cc, code string }

type adminRec struct {
	cc, code, name string
}

// rec is a place as stored: strings are substrings of the decompressed
// data, numbers are narrowed.
type rec struct {
	name     string
	cc       string
	adm1     string
	id       uint32
	pop      uint32
	lat, lon float32
	admin    int32 // index into admins, or -1
	fcode    uint16
	kind     uint8
	fclass   byte
}

const (
	kCountry uint8 = iota
	kAdmin
	kCity
	kRegion
	kWater
	kContinent
	kLandmark
)

var kindNames = [...]string{KindCountry, KindAdmin, KindCity, KindRegion, KindWater, KindContinent, KindLandmark}

var (
	once   sync.Once
	loaded *Gazetteer
)

// Load returns the gazetteer, reading the embedded data the first time.
// It panics if the embedded data is corrupt, which is a build error.
func Load() *Gazetteer {
	once.Do(func() {
		g, err := load()
		if err != nil {
			panic("gazetteer: " + err.Error())
		}
		loaded = g
	})
	return loaded
}

func (g *Gazetteer) hash(key []byte) uint64 { return maphash.Bytes(g.seed, key) }

// find appends to ids the records whose names have the match key whose hash
// is h.
func (g *Gazetteer) find(h uint64, ids []uint32) []uint32 {
	i, _ := slices.BinarySearch(g.keys, h)
	for ; i < len(g.keys) && g.keys[i] == h; i++ {
		ids = append(ids, g.vals[i])
	}
	return ids
}

// candidates returns the indices of the records name may denote.
func (g *Gazetteer) candidates(name string, ids []uint32) []uint32 {
	var buf [128]byte
	key := fold.AppendKey(buf[:0], name)
	if len(key) > 0 {
		ids = g.find(g.hash(key), ids)
	}
	if ak := fold.AcronymKey(name); ak != "" {
		key = append(append(buf[:0], '^'), ak...)
		n := len(ids)
		ids = g.find(g.hash(key), ids)
		if n > 0 && len(ids) > n {
			slices.Sort(ids)
			ids = slices.Compact(ids)
		}
	}
	return ids
}

// IsPlaceName reports whether name is a name of any place, division,
// country, region, sea or river. It does not allocate.
func (g *Gazetteer) IsPlaceName(name string) bool {
	var buf [128]byte
	key := fold.AppendKey(buf[:0], name)
	if len(key) > 0 && g.has(g.hash(key)) {
		return true
	}
	if ak := fold.AcronymKey(name); ak != "" {
		key = append(append(buf[:0], '^'), ak...)
		return g.has(g.hash(key))
	}
	return false
}

func (g *Gazetteer) has(h uint64) bool {
	_, ok := slices.BinarySearch(g.keys, h)
	return ok
}

// Lookup returns the places name may denote, most likely first (see the
// package comment), or nil.
func (g *Gazetteer) Lookup(name string) []Place {
	var arr [16]uint32
	ids := g.candidates(name, arr[:0])
	if len(ids) == 0 {
		return nil
	}
	g.rank(ids)
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.place(id)
	}
	return out
}

// PlaceKind returns the kind of the most likely place name denotes, or "".
// With Demonym it makes a *Gazetteer an entities.Places.
func (g *Gazetteer) PlaceKind(name string) string {
	var arr [16]uint32
	ids := g.candidates(name, arr[:0])
	if len(ids) == 0 {
		return ""
	}
	best, promoted := ids[0], g.promoted(ids)
	for _, id := range ids[1:] {
		if g.less(id, best, promoted) {
			best = id
		}
	}
	return kindNames[g.recs[best].kind]
}

// Buckets of the ranking, in order.
const (
	bCountry = iota
	bContinent
	bRegion   // our hand-written regions: "Sahel" before Burkina Faso's Sahel
	bWater    // and seas and rivers: "Red Sea" before Sudan's Red Sea state
	bPromoted // a big populated place named like a division of its country
	bAdmin
	bOther
)

// promoted returns, for a candidate list, the predicate telling whether a
// populated place ranks before divisions: one of 100,000 or more people in
// a country of which a division is also a candidate.
func (g *Gazetteer) promoted(ids []uint32) func(uint32) bool {
	var admCC [4]string
	n := 0
	for _, id := range ids {
		if r := &g.recs[id]; r.kind == kAdmin && n < len(admCC) {
			admCC[n] = r.cc
			n++
		}
	}
	return func(id uint32) bool {
		r := &g.recs[id]
		if r.kind != kCity || r.pop < 100_000 {
			return false
		}
		for _, cc := range admCC[:n] {
			if cc == r.cc {
				return true
			}
		}
		return false
	}
}

func (g *Gazetteer) bucket(id uint32, promoted func(uint32) bool) int {
	switch g.recs[id].kind {
	case kCountry:
		return bCountry
	case kContinent:
		return bContinent
	case kAdmin:
		return bAdmin
	case kRegion:
		return bRegion
	case kWater:
		return bWater
	}
	if promoted(id) {
		return bPromoted
	}
	return bOther
}

func (g *Gazetteer) less(a, b uint32, promoted func(uint32) bool) bool {
	ba, bb := g.bucket(a, promoted), g.bucket(b, promoted)
	if ba != bb {
		return ba < bb
	}
	if pa, pb := g.recs[a].pop, g.recs[b].pop; pa != pb {
		return pa > pb
	}
	return a < b
}

func (g *Gazetteer) rank(ids []uint32) {
	if len(ids) < 2 {
		return
	}
	promoted := g.promoted(ids)
	slices.SortFunc(ids, func(a, b uint32) int {
		if g.less(a, b, promoted) {
			return -1
		}
		if g.less(b, a, promoted) {
			return 1
		}
		return 0
	})
}

func (g *Gazetteer) place(id uint32) Place {
	r := &g.recs[id]
	p := Place{
		GeonameID:    int64(r.id),
		Name:         r.name,
		Lat:          float64(r.lat),
		Lon:          float64(r.lon),
		Country:      r.cc,
		Admin1:       r.adm1,
		FeatureClass: fclassNames[r.fclass],
		FeatureCode:  g.fcodes[r.fcode],
		Population:   int64(r.pop),
		Kind:         kindNames[r.kind],
	}
	if r.admin >= 0 {
		p.Admin1Name = g.admins[r.admin].name
	}
	if r.kind == kCountry {
		p.Population = g.countries[g.countryByCode[r.cc]].Population
	}
	return p
}

// fclassNames interns the one-letter feature classes.
var fclassNames = func() [256]string {
	var t [256]string
	for _, c := range "ADHLPRSTUV" {
		t[c] = string(c)
	}
	return t
}()

// Country returns the country of an ISO 3166-1 alpha-2 or alpha-3 code, in
// any case ("UA", "ukr").
func (g *Gazetteer) Country(code string) (Country, bool) {
	i, ok := g.countryByCode[code]
	if !ok {
		i, ok = g.countryByCode[strings.ToUpper(code)]
	}
	if !ok {
		return Country{}, false
	}
	return g.countries[i], true
}

// CountryByName returns the country a name denotes: its common or official
// name, an alternative spelling or acronym ("UK", "USA"), a Latin-script
// name in another language, or one of our additions ("Turkey", "Burma").
func (g *Gazetteer) CountryByName(name string) (Country, bool) {
	if i, ok := g.countryByName[fold.Key(name)]; ok {
		return g.countries[i], true
	}
	if ak := fold.AcronymKey(name); ak != "" {
		if i, ok := g.countryByName["^"+ak]; ok {
			return g.countries[i], true
		}
	}
	return Country{}, false
}

// CountryByDemonym returns the country of a nationality adjective
// ("Ukrainian" -> UA, "British" -> GB), also in the plural ("Israelis").
// Where several countries share an adjective the independent, then the more
// populous one wins ("American" -> US, "Congolese" -> CD).
func (g *Gazetteer) CountryByDemonym(adj string) (Country, bool) {
	k := fold.Key(adj)
	i, ok := g.countryByDemon[k]
	if !ok && len(k) > 3 && k[len(k)-1] == 's' {
		i, ok = g.countryByDemon[k[:len(k)-1]]
	}
	if !ok {
		return Country{}, false
	}
	return g.countries[i], true
}

// Demonym returns the ISO code of the country of a nationality adjective.
// With PlaceKind it makes a *Gazetteer an entities.Places.
func (g *Gazetteer) Demonym(adj string) (string, bool) {
	c, ok := g.CountryByDemonym(adj)
	return c.ISO2, ok
}

// Admin1Name returns the name of a first-level division from its country
// code and GeoNames admin1 code (Admin1Name("UA", "07") = "Kharkiv"), or "".
func (g *Gazetteer) Admin1Name(country, code string) string {
	if i, ok := g.adminByCode[adminKey{country, code}]; ok {
		return g.admins[i].name
	}
	if i, ok := g.adminByCode[adminKey{strings.ToUpper(country), code}]; ok {
		return g.admins[i].name
	}
	return ""
}

// Countries returns all countries and territories, by ISO2 code. The slice
// is shared: do not modify it.
func (g *Gazetteer) Countries() []Country { return g.countries }

// Len returns the number of entries: countries, divisions and places.
func (g *Gazetteer) Len() int { return len(g.recs) }

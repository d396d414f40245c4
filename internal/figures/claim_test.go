package figures

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
)

// ent makes an entity whose mentions are every occurrence of its names.
func ent(text, id, typ, name string, aliases ...string) document.Entity {
	e := document.Entity{ID: id, Type: typ, Name: name, Aliases: aliases}
	for _, n := range append([]string{name}, aliases...) {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			e.Mentions = append(e.Mentions, document.Mention{Start: off + i, End: off + i + len(n), Text: n})
			off += i + len(n)
		}
	}
	return e
}

// quote makes a quote over the first occurrence of s.
func quote(text, kind, s, speaker string) document.Quote {
	i := strings.Index(text, s)
	sp := speaker
	return document.Quote{Kind: kind, Text: s, Start: i, End: i + len(s), Speaker: &sp}
}

func TestClaimants(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		ents   func(string) []document.Entity
		quotes func(string) []document.Quote
		want   []string // claimant name of each figure
	}{
		{"apposition before the verb",
			"Filippo Grandi, head of the UN refugee agency, also said on Monday that more than 500,000 refugees have fled to Poland.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Person, "Filippo Grandi"), ent(s, "E2", document.Org, "UN refugee agency")}
			}, nil, []string{"Filippo Grandi"}},
		{"trailing attribution with a title",
			"A drone attack on Kyiv killed at least two people, Ukrainian President Volodymyr Zelenskyy said Sunday.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Person, "Volodymyr Zelenskyy")}
			}, nil, []string{"Volodymyr Zelenskyy"}},
		{"according to a description",
			"The assault has killed more than 52,000 people and wounded about 118,000 others, according to Palestinian health authorities.",
			nil, nil, []string{"Palestinian health authorities", "Palestinian health authorities"}},
		{"a pronoun resolved to the claimant before",
			"The death toll from that strike had risen to 21, Russian authorities said late Saturday. They said 42 other people had been wounded.",
			nil, nil, []string{"Russian authorities", "Russian authorities"}},
		{"he resolved to the person before",
			"Filippo Grandi said more than 500,000 refugees have fled. On Sunday, he put the number at around 370,000 and said the refugees have fled to Poland.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Person, "Filippo Grandi")}
			}, nil, []string{"Filippo Grandi", "Filippo Grandi"}},
		{"a direct quote wins over the sentence",
			"\"There were dozens of dead and hundreds of wounded,\" the adviser Anton Gerashchenko wrote, according to CNN.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Person, "Anton Gerashchenko"), ent(s, "E2", document.Media, "CNN")}
			},
			func(s string) []document.Quote {
				return []document.Quote{quote(s, "direct", "There were dozens of dead and hundreds of wounded,", "E1")}
			}, []string{"Anton Gerashchenko", "Anton Gerashchenko"}},
		{"an organisation with its abbreviation",
			"Police have made 378 arrests so far, the National Police Chiefs' Council (NPCC) said.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Org, "National Police Chiefs' Council", "NPCC")}
			}, nil, []string{"National Police Chiefs' Council"}},
		{"revealed that, and a number that refers back",
			"Mr Burnham also revealed that four further arrests have been made following protests, taking the number to 23.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Person, "Andy Burnham", "Burnham")}
			}, nil, []string{"Andy Burnham", "Andy Burnham"}},
		{"carried from the sentence before in the paragraph",
			"The assault damaged buildings across the capital, Ukrainian authorities said. At least 83 people were wounded in the attack.",
			nil, nil, []string{"Ukrainian authorities"}},
		{"not carried across paragraphs",
			"The airline said the engine was fine.\n\nThe crash in January killed all 72 people aboard.",
			nil, nil, []string{"Outlet News"}},
		{"unattributed: the outlet",
			"Three police officers have reportedly been injured after protesters threw stones.",
			nil, nil, []string{"Outlet News"}},
		{"said the ministry",
			"Eleven soldiers were killed in the attack, said the defence ministry.",
			nil, nil, []string{"defence ministry"}},
		{"a spokesman for an organisation",
			"A spokesman for Merseyside Police said one child remained in hospital.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Org, "Merseyside Police")}
			}, nil, []string{"Merseyside Police"}},
		{"the nearer of two attributions",
			"Dozens of people were killed and injured by shelling, the interior ministry said, while the adviser Mikhaylo Podolyak said talks had failed.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Org, "interior ministry"), ent(s, "E2", document.Person, "Mikhaylo Podolyak")}
			}, nil, []string{"interior ministry"}},
		{"organisers and protest leaders",
			"The march began at noon, the police said. Organisers said dozens of demonstrators were hurt. By evening, protest leaders said 30 marchers had been arrested.",
			nil, nil, []string{"Organisers", "protest leaders"}},
		{"organizers, medics and doctors",
			"The rally ended at dusk, the mayor said. Organizers said 14 people were injured. Medics said two people had died. Doctors said 11 people were in hospital.",
			nil, nil, []string{"Organizers", "Medics", "Doctors"}},
		{"the opposition, rights groups, activists and hospital officials",
			"Voting closed at six, the commission said. The opposition said 30 people were arrested. Rights groups said nine people were killed. Activists said 40 marchers were detained. Hospital officials said 12 people were wounded.",
			nil, nil, []string{"opposition", "Rights groups", "Activists", "Hospital officials"}},
		{"police in a city, not the city",
			"Police in Ndola said 46 people were arrested after the march.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.GPE, "Ndola")}
			},
			func(s string) []document.Quote {
				return []document.Quote{quote(s, "indirect", "46 people were arrested after the march", "E1")}
			}, []string{"Police in Ndola"}},
		{"which said, after the organisation",
			"The river rose overnight, the governor said. Aid is handled by the IOM, which said more than 27,000 people had been displaced.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Org, "IOM")}
			}, nil, []string{"IOM"}},
		{"saying, after an apposition",
			"The river rose overnight, the governor said. The UN migration agency, the IOM, gave a much higher figure, saying more than 27,000 people had fled.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Org, "IOM")}
			}, nil, []string{"IOM"}},
		{"saying, after the subject",
			"The river rose overnight, the governor said. The IOM gave a much higher figure on Tuesday, saying more than 27,000 people had fled.",
			func(s string) []document.Entity {
				return []document.Entity{ent(s, "E1", document.Org, "IOM")}
			}, nil, []string{"IOM"}},
		{"announced after the figure",
			"The death toll from the fire rose to 10 on Saturday after authorities announced they had found the last missing person.",
			nil, nil, []string{"authorities"}},
	}
	for _, c := range cases {
		in := Input{Text: c.text, Published: pub, Outlet: "Outlet News"}
		if c.ents != nil {
			in.Entities = c.ents(c.text)
		}
		if c.quotes != nil {
			in.Quotes = c.quotes(c.text)
		}
		var got []string
		for _, f := range Find(in) {
			n := ""
			if f.ClaimedByName != nil {
				n = *f.ClaimedByName
			}
			got = append(got, n)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: %q\n got %q\nwant %q", c.name, c.text, got, c.want)
		}
	}
}

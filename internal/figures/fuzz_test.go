package figures

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
)

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"31", "1,200", "1.4 million", "twenty-one", "a dozen", "between 20 and 30",
		"20-30", "two hundred and fifty", "half a million", "1.200", "9,999,999,999,999", "1e9", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseNumber(s)
		if ok && (n < 0 || n >= maxCount) {
			t.Fatalf("ParseNumber(%q) = %d", s, n)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"The ministry said one woman died and 31 people were injured in Kharkiv, a city of 1.4 million people.",
		"\"There were dozens of dead and hundreds of wounded,\" he said.",
		"The death toll rose to 10, taking the number to 23, officials said.",
		"Filippo Grandi, head of the agency, also said that more than 500,000 refugees have fled to Poland.",
		"Between 20 and 30 people, including 4 children, were killed or wounded, according to the Red Cross.",
		"They said 42 other people had been wounded. He put the number at around 370,000.",
		"a a a of of the 1 2 3 , , , said said according to",
	} {
		f.Add(s, 3, 12)
	}
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "?")
		}
		in := Input{Text: text, Published: pub, Outlet: "Outlet"}
		// an entity and a quote over arbitrary (valid or not) spans
		if a >= 0 && b > a && b <= len(text) {
			in.Entities = []document.Entity{{ID: "E1", Type: document.Person, Name: "X",
				Mentions: []document.Mention{{Start: a, End: b, Text: text[a:b]}}}}
			sp := "E1"
			in.Quotes = []document.Quote{{ID: "Q1", Kind: "direct", Speaker: &sp, Start: a, End: b},
				{ID: "Q2", Kind: "indirect", Start: 0, End: len(text)}}
		} else {
			in.Quotes = []document.Quote{{ID: "Q1", Kind: "indirect", Start: a, End: b}}
		}
		for _, fg := range Find(in) {
			if fg.Start < 0 || fg.End > len(text) || fg.Start > fg.End {
				t.Fatalf("span %d-%d out of %d bytes", fg.Start, fg.End, len(text))
			}
			if text[fg.Start:fg.End] != fg.Phrase {
				t.Fatalf("phrase %q at %d-%d is %q", fg.Phrase, fg.Start, fg.End, text[fg.Start:fg.End])
			}
			if fg.Min == nil && fg.Vague == nil {
				t.Fatalf("figure %q has neither a number nor a vague word", fg.Phrase)
			}
		}
	})
}

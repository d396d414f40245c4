package entities_test

// A Go port of the entity scoring of ../shared/eval/score.py (norm,
// TYPE_CLASS, names_of, pred_entity_names, score_entities), so that a test can
// score any recognizer against the gold files exactly as the scorer does.

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep/sitrep/internal/document"
)

// scoreNorm is score.py's norm(): NFKD, combining marks dropped, lower case,
// ’ as ', everything but [a-z0-9' ] as a space, spaces collapsed and trimmed,
// one leading "the ", "a " or "an " removed.
func scoreNorm(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		r = unicode.ToLower(r)
		if r == '\u2019' {
			r = '\''
		}
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r == ' ') {
			r = ' '
		}
		b.WriteRune(r)
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, art := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(out, art) {
			return out[len(art):]
		}
	}
	return out
}

// typeClass is score.py's TYPE_CLASS: predicted type to gold class.
var typeClass = map[string]string{
	"PERSON": "PERSON", "PER": "PERSON",
	"ORG": "ORG", "ORGANIZATION": "ORG", "MEDIA": "ORG", "ORGANISATION": "ORG",
	"GPE": "PLACE", "LOC": "PLACE", "LOCATION": "PLACE", "PLACE": "PLACE", "FAC": "PLACE",
}

// goldEntity is one item of a gold file's "entities".
type goldEntity struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// goldFile is the part of a gold file that entity scoring reads. Entities is
// nil when the file has no "entities" key: the article is then not scored.
type goldFile struct {
	Doc      string        `json:"doc"`
	Entities *[]goldEntity `json:"entities"`
	Optional []string      `json:"entities_optional"`
}

// namesOf is score.py's names_of(): every normalised name of a gold entity.
func namesOf(g goldEntity) map[string]bool {
	out := map[string]bool{scoreNorm(g.Name): true}
	for _, a := range g.Aliases {
		out[scoreNorm(a)] = true
	}
	return out
}

// predEntity is a predicted entity as the scorer sees it.
type predEntity struct {
	Type     string
	Name     string
	Aliases  []string
	Mentions []string // mention texts
}

// predEntityNames is score.py's pred_entity_names().
func predEntityNames(e predEntity) map[string]bool {
	out := map[string]bool{scoreNorm(e.Name): true}
	for _, a := range e.Aliases {
		out[scoreNorm(a)] = true
	}
	for _, m := range e.Mentions {
		if m != "" {
			out[scoreNorm(m)] = true
		}
	}
	delete(out, "")
	return out
}

// docPreds turns a document's entities, and its places that no entity already
// names, into predictions, as score_entities does.
func docPreds(ents []document.Entity, places []document.Place) []predEntity {
	var preds []predEntity
	named := map[string]bool{}
	for _, e := range ents {
		p := predEntity{Type: e.Type, Name: e.Name, Aliases: e.Aliases}
		for _, m := range e.Mentions {
			p.Mentions = append(p.Mentions, m.Text)
		}
		preds = append(preds, p)
		for n := range predEntityNames(p) {
			named[n] = true
		}
	}
	for _, pl := range places {
		if !named[scoreNorm(pl.Name)] {
			preds = append(preds, predEntity{Type: "GPE", Name: pl.Name, Aliases: pl.Aliases})
		}
	}
	return preds
}

// prf counts true and false positives and false negatives.
type prf struct{ tp, fp, fn int }

func (s *prf) add(o prf) { s.tp += o.tp; s.fp += o.fp; s.fn += o.fn }

func (s prf) p() float64 {
	if s.tp+s.fp > 0 {
		return float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.fn == 0 {
		return 1
	}
	return 0
}

func (s prf) r() float64 {
	if s.tp+s.fn > 0 {
		return float64(s.tp) / float64(s.tp+s.fn)
	}
	return 1
}

func (s prf) f1() float64 {
	p, r := s.p(), s.r()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// scoreEntities is score.py's score_entities(): each prediction matches the
// first unmatched gold entity of its class sharing a name with it; a second
// prediction of an already matched entity is a false positive; a prediction
// matching nothing but an optional name is ignored.
func scoreEntities(gold goldFile, preds []predEntity) (prf, []string) {
	var res prf
	var items []goldEntity
	if gold.Entities != nil {
		items = *gold.Entities
	}
	gnames := make([]map[string]bool, len(items))
	for i, g := range items {
		gnames[i] = namesOf(g)
	}
	optional := map[string]bool{}
	for _, o := range gold.Optional {
		optional[scoreNorm(o)] = true
	}
	matched := make([]bool, len(items))
	var misses []string
	for _, e := range preds {
		cls, ok := typeClass[strings.ToUpper(e.Type)]
		if !ok {
			continue
		}
		pn := predEntityNames(e)
		hit := -1
		for i, g := range items {
			if g.Type == cls && intersects(pn, gnames[i]) {
				hit = i
				if !matched[i] {
					break
				}
			}
		}
		switch {
		case hit >= 0 && !matched[hit]:
			matched[hit] = true
			res.tp++
		case hit < 0 && intersects(pn, optional):
		default:
			res.fp++
			misses = append(misses, fmt.Sprintf("extra %s %q", cls, e.Name))
		}
	}
	for i, g := range items {
		if !matched[i] {
			res.fn++
			misses = append(misses, fmt.Sprintf("missed %s %q", g.Type, g.Name))
		}
	}
	return res, misses
}

func intersects(a, b map[string]bool) bool {
	if len(b) < len(a) {
		a, b = b, a
	}
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// The expected values are the output of score.py's norm() on the inputs.
func TestScoreNorm(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"The United Nations", "united nations"},
		{"  Zelenskyy’s  office ", "zelenskyy's office"},
		{"A", "a"},
		{"an apple", "apple"},
		{"The the Kremlin", "the kremlin"},
		{"Côte d'Ivoire", "cote d'ivoire"},
		{"São Paulo", "sao paulo"},
		{"ﬁnance Ministry", "finance ministry"},
		{"İstanbul", "istanbul"},
		{"Kyiv—Ukraine", "kyiv ukraine"},
		{"U.S.", "u s"},
		{"the", "the"},
		{"théâtre", "theatre"},
		{"Łódź", "odz"},
		{"Straße", "stra e"},
		{"ΑΘΗΝΑ", ""},
		{"Mr. O’Brien-Smith", "mr o'brien smith"},
		{"½ Moon", "1 2 moon"},
		{"a  an b", "an b"},
		{"The\u00a0Hague", "hague"},
		{"Ⅻ", "xii"},
	} {
		if got := scoreNorm(c.in); got != c.want {
			t.Errorf("scoreNorm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestScoreEntities checks the matching rules on a small case worked out by
// hand against score.py.
func TestScoreEntities(t *testing.T) {
	ents := []goldEntity{
		{Type: "PERSON", Name: "Volodymyr Zelensky", Aliases: []string{"Zelensky"}},
		{Type: "PLACE", Name: "Kyiv", Aliases: []string{"Kiev"}},
		{Type: "ORG", Name: "United Nations", Aliases: []string{"UN"}},
	}
	gold := goldFile{Entities: &ents, Optional: []string{"Facebook"}}
	preds := []predEntity{
		{Type: "PERSON", Name: "Zelensky"},                        // tp
		{Type: "PER", Name: "Volodymyr Zelensky"},                 // duplicate: fp
		{Type: "GPE", Name: "the Kiev"},                           // tp through alias, article dropped
		{Type: "ORG", Name: "Kyiv"},                               // wrong class: fp
		{Type: "MEDIA", Name: "Facebook"},                         // optional: ignored
		{Type: "NORP", Name: "Ukrainian"},                         // no class: ignored
		{Type: "ORG", Name: "U.N.", Mentions: []string{"the UN"}}, // tp through a mention
	}
	got, _ := scoreEntities(gold, preds)
	if want := (prf{tp: 3, fp: 2, fn: 0}); got != want {
		t.Errorf("scoreEntities = %+v, want %+v", got, want)
	}
	places := []document.Place{{Name: "Kyiv"}, {Name: "Lviv"}}
	dp := docPreds([]document.Entity{{Type: "GPE", Name: "Kiev", Aliases: []string{"Kyiv"}}}, places)
	if len(dp) != 2 || dp[1].Name != "Lviv" || dp[1].Type != "GPE" {
		t.Errorf("docPreds = %+v, want the entity and Lviv", dp)
	}
	if got, _ := scoreEntities(gold, dp); got != (prf{tp: 1, fp: 1, fn: 2}) {
		t.Errorf("scoreEntities with places = %+v, want {tp:1 fp:1 fn:2}", got)
	}
}

package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/tokens"
)

// scanner holds the tokens of a text with their lower-case forms.
type scanner struct {
	src  string
	toks []tokens.Token
	lows []string
	norp []bool // token inside a nationality mention ("Palestinians")
}

func newScanner(src string, toks []tokens.Token, norp []bool) *scanner {
	sc := &scanner{src: src, toks: toks, lows: make([]string, len(toks)), norp: norp}
	for i, t := range toks {
		w := src[t.Start:t.End]
		if t.Kind == tokens.Word {
			w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
		}
		sc.lows[i] = w
	}
	return sc
}

// low is token i in lower case (words) or as written (numbers, marks).
func (sc *scanner) low(i int) string {
	if i < 0 || i >= len(sc.lows) {
		return ""
	}
	return sc.lows[i]
}

// text is token i as written.
func (sc *scanner) text(i int) string {
	if i < 0 || i >= len(sc.toks) {
		return ""
	}
	return sc.src[sc.toks[i].Start:sc.toks[i].End]
}

// attached: token i follows token i-1 with no space.
func (sc *scanner) attached(i int) bool {
	return i > 0 && i < len(sc.toks) && sc.toks[i].Start == sc.toks[i-1].End
}

// isCap: token i is a word that starts with a capital letter.
func (sc *scanner) isCap(i int) bool {
	if i < 0 || i >= len(sc.toks) || sc.toks[i].Kind != tokens.Word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(sc.text(i))
	return unicode.IsUpper(r)
}

// norpPlural: a plural nationality or group noun, "Palestinians",
// "Ukrainians", "Israelis" — a nationality mention that ends in s, or a
// capitalised word of a demonym's shape when the entity stage has none.
func (sc *scanner) norpPlural(i int) bool {
	if i < 0 || i >= len(sc.toks) || !sc.isCap(i) {
		return false
	}
	w := sc.lows[i]
	if sc.norp != nil && sc.norp[i] {
		return strings.HasSuffix(w, "s")
	}
	if groupNouns[w] {
		return true
	}
	for _, suf := range []string{"ians", "eans", "ans", "anis", "aqis", "elis", "alis", "ites"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// groupNouns: plural nationality and group names of other shapes.
var groupNouns = set(`kurds jews arabs muslims christians turks poles serbs croats thais somalis
	afghans britons scots swedes danes finns czechs slovaks greeks uyghurs uighurs rohingya yazidis
	druze bedouins roma tutsis hutus israelis iraqis pakistanis bangladeshis yemenis kuwaitis
	saudis omanis emiratis qataris nepalis sikhs hindus buddhists shias sunnis alawites copts
	chinese japanese vietnamese lebanese sudanese congolese senegalese burmese taiwanese
	portuguese maltese filipinos kenyans`)

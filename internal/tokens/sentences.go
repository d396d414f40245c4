package tokens

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is a span of the text and the index range of its tokens.
type Sentence struct {
	Start, End  int // byte offsets
	First, Last int // token indexes, Last exclusive
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "lt": true, "col": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true,
	"pvt": true, "adm": true, "cmdr": true, "gov": true, "sen": true, "rep": true, "rev": true, "hon": true,
	"pres": true, "supt": true, "insp": true, "det": true, "cllr": true, "fr": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"no": true, "nos": true, "vs": true, "v": true, "etc": true, "approx": true, "est": true, "dept": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "bros": true, "mt": true, "ft": true, "ave": true,
	"blvd": true, "rd": true, "fig": true, "vol": true, "al": true, "e.g": true, "i.e": true,
}

// Sentences splits the tokens of s into sentences. Paragraph breaks (a blank
// line) always end a sentence; a full stop ends one unless it closes an
// abbreviation or an initial; a closing quote after the stop stays with the
// sentence.
func Sentences(s string, toks []Token) []Sentence {
	var out []Sentence
	start := 0
	for i := 0; i < len(toks); i++ {
		end := false
		t := toks[i]
		if i+1 < len(toks) && paragraphBreak(s[t.End:toks[i+1].Start]) {
			end = true
		} else if t.Kind == Punct {
			switch s[t.Start:t.End] {
			case ".", "!", "?", "…":
				end = sentenceStop(s, toks, i)
			}
		}
		if !end {
			continue
		}
		// keep closing quotes and brackets with the sentence
		for i+1 < len(toks) && toks[i+1].Kind == Punct && isCloser(s[toks[i+1].Start:toks[i+1].End]) &&
			toks[i+1].Start == toks[i].End {
			i++
		}
		out = append(out, Sentence{Start: toks[start].Start, End: toks[i].End, First: start, Last: i + 1})
		start = i + 1
	}
	if start < len(toks) {
		out = append(out, Sentence{Start: toks[start].Start, End: toks[len(toks)-1].End, First: start, Last: len(toks)})
	}
	return out
}

// paragraphBreak: the text between two tokens holds a blank line.
func paragraphBreak(gap string) bool {
	return strings.Count(gap, "\n") >= 2
}

func isCloser(p string) bool {
	switch p {
	case "\"", "”", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

// sentenceStop decides whether the stop at toks[i] ends a sentence.
func sentenceStop(s string, toks []Token, i int) bool {
	if s[toks[i].Start:toks[i].End] != "." {
		return nextStartsSentence(s, toks, i)
	}
	if i > 0 && toks[i-1].End == toks[i].Start && toks[i-1].Kind == Word {
		prev := s[toks[i-1].Start:toks[i-1].End]
		low := strings.ToLower(prev)
		if (low == "no" || low == "nos") && (i+1 >= len(toks) || toks[i+1].Kind != Num) {
			return nextStartsSentence(s, toks, i)
		}
		if abbreviations[low] {
			// "Feb. 28", "Gen. Smith": an abbreviation before a number or a
			// capitalised word does not end the sentence.
			return false
		}
		if utf8.RuneCountInString(prev) == 1 {
			r, _ := utf8.DecodeRuneInString(prev)
			if unicode.IsUpper(r) {
				return false // an initial: "V. Zelensky"
			}
		}
	}
	return nextStartsSentence(s, toks, i)
}

// nextStartsSentence: the next word begins with a capital, a digit or a quote.
func nextStartsSentence(s string, toks []Token, i int) bool {
	for j := i + 1; j < len(toks); j++ {
		t := s[toks[j].Start:toks[j].End]
		if toks[j].Kind == Punct && isCloser(t) && toks[j].Start == toks[j-1].End {
			continue
		}
		if toks[j].Kind == Num {
			return true
		}
		r, _ := utf8.DecodeRuneInString(t)
		if toks[j].Kind == Punct {
			return r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '['
		}
		return unicode.IsUpper(r)
	}
	return true
}

// Split holds a text's tokens and sentences, computed once and shared by
// the stages that read the same text.
type Split struct {
	Tokens    []Token
	Sentences []Sentence
}

// SplitText tokenizes s and splits it into sentences.
func SplitText(s string) *Split {
	toks := Tokenize(s)
	return &Split{Tokens: toks, Sentences: Sentences(s, toks)}
}

// Of returns sp when it is given, else the split of s: stages take an
// optional split from their caller.
func Of(sp *Split, s string) *Split {
	if sp != nil {
		return sp
	}
	return SplitText(s)
}

package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a stretch of quoted words: the text between the marks.
type span struct {
	open, close int // offsets of the marks; close == -1 when never closed
	start, end  int // the words inside
	para        int // index of the paragraph it opens in
	unclosed    bool
}

// maxParas is how many paragraphs an unclosed quote may run on before it is
// cut back: news continues a quote over paragraphs by reopening each one,
// but a stray mark must not swallow the article.
const maxParas = 4

// paragraph is a stretch of text between blank lines.
type paragraph struct{ start, end int }

func paragraphs(text string) []paragraph {
	var out []paragraph
	start := 0
	for {
		i := strings.Index(text[start:], "\n\n")
		if i < 0 {
			if strings.TrimSpace(text[start:]) != "" {
				out = append(out, paragraph{start, len(text)})
			}
			return out
		}
		if strings.TrimSpace(text[start:start+i]) != "" {
			out = append(out, paragraph{start, start + i})
		}
		start += i + 2
	}
}

// openers and their closers.
var pairs = map[rune]rune{'“': '”', '«': '»', '"': '"', '‘': '’', '„': '“', '\'': '\''}

// findSpans finds the quoted stretches of a text. A quote that a paragraph
// leaves open continues when the next paragraph opens with a mark (the
// news convention); otherwise it ends with its paragraph, flagged.
func findSpans(text string) []span {
	paras := paragraphs(text)
	var out []span
	for pi := 0; pi < len(paras); pi++ {
		p := paras[pi]
		i := p.start
		for i < p.end {
			r, size := utf8.DecodeRuneInString(text[i:])
			closer, isOpen := pairs[r]
			if !isOpen || !opensHere(text, i, r) {
				i += size
				continue
			}
			j := findClose(text, i+size, p.end, r, closer)
			if j >= 0 {
				out = append(out, span{open: i, close: j, start: i + size, end: j, para: pi})
				_, csize := utf8.DecodeRuneInString(text[j:])
				i = j + csize
				continue
			}
			// unclosed in this paragraph: does the quote run on?
			s := span{open: i, close: -1, start: i + size, end: p.end, para: pi}
			k := pi
			closed := false
			for k+1 < len(paras) && k-pi+1 < maxParas && startsWithMark(text, paras[k+1]) {
				np := paras[k+1]
				_, msize := utf8.DecodeRuneInString(text[np.start:])
				out = append(out, s)
				k++
				if c := findClose(text, np.start+msize, np.end, r, closer); c >= 0 {
					// the run closes here: the rest of this paragraph is
					// read as usual ("..., she said. “Three.”")
					out = append(out, span{open: np.start, close: c, start: np.start + msize, end: c, para: k})
					_, csize := utf8.DecodeRuneInString(text[c:])
					pi, p, i = k, np, c+csize
					closed = true
					break
				}
				s = span{open: np.start, close: -1, start: np.start + msize, end: np.end, para: k}
			}
			if closed {
				continue
			}
			s.unclosed = true
			out = append(out, s)
			pi = k
			break
		}
	}
	return out
}

// opensHere: a mark that starts a quote — not an apostrophe inside a word,
// not a closing straight quote.
func opensHere(text string, i int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
	switch r {
	case '‘', '\'':
		// an opening single quote: after a space or bracket, before a letter
		// that is not a lone letter ("rock 'n roll")
		rest := text[i+utf8.RuneLen(r):]
		if len(rest) >= 2 && unicode.IsLetter(next) && next != 'a' && next != 'A' && next != 'I' &&
			(rest[1] == ' ' || rest[1] == '\'' || rest[1] == 0xE2) {
			return false
		}
		return (i == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '—' || prev == '“') && unicode.IsLetter(next)
	case '"':
		return (i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([—–-/", prev)) && !unicode.IsSpace(next) && next != utf8.RuneError
	}
	return true
}

// findClose finds the closing mark of a quote opened with open, before end.
func findClose(text string, from, end int, open, closer rune) int {
	possessive := -1 // a closer that may be a plural possessive ("workers’ demands")
	i := from
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:])
		if possessive >= 0 && r == open && open != closer && opensHere(text, i, r) {
			return possessive // a new quote opens: the doubtful mark closed the last
		}
		if r == closer {
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if closer == '’' || closer == '"' || closer == '\'' {
				// an apostrophe inside a word ("don’t") does not close
				if (closer == '’' || closer == '\'') && unicode.IsLetter(next) && unicode.IsLetter(prev) {
					i += size
					continue
				}
				if closer == '"' && unicode.IsLetter(next) && i+size < end {
					i += size
					continue
				}
			}
			if (closer == '’' || closer == '\'') && prev == 's' && next == ' ' && i+size+1 < end {
				if n2, _ := utf8.DecodeRuneInString(text[i+size+1:]); unicode.IsLower(n2) {
					// "the workers’ demands": keep looking for a better close
					if possessive < 0 {
						possessive = i
					}
					i += size
					continue
				}
			}
			return i
		}
		i += size
	}
	return possessive
}

func startsWithMark(text string, p paragraph) bool {
	r, _ := utf8.DecodeRuneInString(text[p.start:])
	_, ok := pairs[r]
	return ok
}

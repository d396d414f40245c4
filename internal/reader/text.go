package reader

import (
	"strings"
	"unicode/utf8"
)

// textBlocks splits scraped plain text into paragraph blocks. Paragraphs are
// separated by blank lines; inside one, each line is a block of its own unless
// the lines look hard-wrapped, in which case they are joined.
func textBlocks(s string) []Block {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	paras := splitParagraphs(s)
	wrapped := hardWrapped(paras)
	blocks := make([]Block, 0, len(paras)+4)
	for n, lines := range paras {
		// The opening line of a page is its headline, whatever follows it.
		if n == 0 && len(lines) > 1 {
			blocks = append(blocks, Block{Tag: "p", Text: collapseSpace(lines[0])})
			lines = lines[1:]
		}
		if wrapped {
			blocks = append(blocks, Block{Tag: "p", Text: collapseSpace(strings.Join(lines, " "))})
			continue
		}
		for _, l := range lines {
			if t := collapseSpace(l); t != "" {
				blocks = append(blocks, Block{Tag: "p", Text: t})
			}
		}
	}
	return blocks
}

// splitParagraphs cuts s at its blank lines into paragraphs, each the list
// of its lines (none of them blank).
func splitParagraphs(s string) [][]string {
	// One backing array for all the lines, sized so that it never moves.
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	var out [][]string
	start := 0 // the first line of the paragraph being read
	for rest := s; ; {
		l, after, more := strings.Cut(rest, "\n")
		if strings.TrimSpace(l) == "" {
			if len(lines) > start {
				out = append(out, lines[start:len(lines):len(lines)])
				start = len(lines)
			}
		} else {
			lines = append(lines, l)
		}
		if !more {
			break
		}
		rest = after
	}
	if len(lines) > start {
		out = append(out, lines[start:len(lines):len(lines)])
	}
	return out
}

// hardWrapped reports a text whose paragraphs are broken into lines of a
// fixed width (e-mail and wire feeds) rather than one line per paragraph:
// no line is long, and some paragraphs run over three lines or more.
func hardWrapped(paras [][]string) bool {
	multi := 0
	for _, lines := range paras {
		if len(lines) >= 3 {
			multi++
		}
		for _, l := range lines {
			// a line of 100 bytes or fewer has 100 runes or fewer
			if len(l) > 100 && utf8.RuneCountInString(strings.TrimSpace(l)) > 100 {
				return false
			}
		}
	}
	return multi > 0
}

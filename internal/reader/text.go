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
	var blocks []Block
	for n, para := range splitParagraphs(s) {
		lines := nonEmptyLines(para)
		if len(lines) == 0 {
			continue
		}
		// The opening line of a page is its headline, whatever follows it.
		if n == 0 && len(lines) > 1 {
			blocks = append(blocks, Block{Tag: "p", Text: collapseSpace(lines[0])})
			lines = lines[1:]
		}
		if hardWrapped(lines) {
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

func splitParagraphs(s string) []string {
	var out []string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, "\n"))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n"))
	}
	return out
}

func nonEmptyLines(p string) []string {
	var out []string
	for _, l := range strings.Split(p, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// hardWrapped reports lines broken at a fixed width: every line but the last
// is of similar length and most do not end a sentence.
func hardWrapped(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	open := 0
	for _, l := range lines[:len(lines)-1] {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		if n < 40 || n > 100 {
			return false
		}
		t := strings.TrimSpace(l)
		if !strings.ContainsAny(t[len(t)-1:], ".!?\"”:") {
			open++
		}
	}
	return open*2 >= len(lines)-1
}

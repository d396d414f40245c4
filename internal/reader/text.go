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
	var blocks []Block
	for n, para := range paras {
		lines := nonEmptyLines(para)
		if len(lines) == 0 {
			continue
		}
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

// hardWrapped reports a text whose paragraphs are broken into lines of a
// fixed width (e-mail and wire feeds) rather than one line per paragraph:
// no line is long, and some paragraphs run over three lines or more.
func hardWrapped(paras []string) bool {
	long, multi := 0, 0
	for _, p := range paras {
		lines := nonEmptyLines(p)
		if len(lines) >= 3 {
			multi++
		}
		for _, l := range lines {
			if utf8.RuneCountInString(strings.TrimSpace(l)) > 100 {
				long++
			}
		}
	}
	return long == 0 && multi > 0
}

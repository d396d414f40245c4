package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
)

// cleaner state for one article: the blocks in order with what each became.
type cleaned struct {
	title    string
	deck     string
	byline   []string
	dateline *Dateline
	body     []string
	removed  []document.Removed
	// stamp is the date of an "Updated ..." or "Published ..." line.
	stamp string
}

// terminalHeads are headings after which a page holds no more story.
var terminalHeads = map[string]bool{
	"latest headlines": true, "related": true, "related stories": true, "related articles": true,
	"related content": true, "related coverage": true, "more stories": true, "top stories": true,
	"most read": true, "most popular": true, "recommended": true, "recommended for you": true,
	"you may also like": true, "you might also like": true, "more from": true, "read next": true,
	"trending": true, "more on this story": true, "editor's picks": true, "we recommend": true,
	"don't miss": true, "popular": true, "comments": true, "all comments": true, "more videos": true, "latest news": true, "latest": true,
	"read more": true, "trending stories": true, "trending now": true, "more news": true,
	"also read": true, "see also": true, "more on this": true, "related links": true, "related news": true,
}

// cleanBlocks is the news cleaner shared by the text and HTML paths.
// deck is the standfirst the page itself shows, when known.
func cleanBlocks(blocks []Block, titleHint, deck string) cleaned {
	var c cleaned
	i := 0
	// Title: the page's own, else the first block of scraped text.
	if titleHint != "" {
		c.title = titleHint
	} else if len(blocks) > 0 && looksLikeHeadline(blocks[0].Text) {
		c.title = blocks[0].Text
		i = 1
	}
	kinds := make([]string, len(blocks))
	for j := i; j < len(blocks); j++ {
		kinds[j] = classify(blocks[j])
	}
	markCaptionEchoes(blocks, kinds, i)
	markGalleryHeads(blocks, kinds, i)

	markKickers(blocks, kinds, i)

	titleKey := normKey(c.title)
	var rest []Block
	var keyBuf [128]byte
	for j := i; j < len(blocks); j++ {
		b := blocks[j]
		// the keys of short blocks only: headings and repeated headlines
		var low []byte // read as a string, without a copy
		if len(b.Text) <= len(c.title)+8 || len(b.Text) < 48 {
			low = appendNormKey(keyBuf[:0], b.Text)
		}
		if terminalHeads[string(low)] && len(rest) > 0 {
			// A "Related" or "Most read" box: drop its list of headlines, up
			// to the next paragraph of prose (the box may sit mid-story).
			c.removed = append(c.removed, document.Removed{Kind: document.RemovedRelated, Text: b.Text})
			for j+1 < len(blocks) && !isProse(blocks[j+1].Text) {
				j++
				c.removed = append(c.removed, document.Removed{Kind: document.RemovedRelated, Text: blocks[j].Text})
			}
			continue
		}
		if kinds[j] != "" {
			c.removed = append(c.removed, document.Removed{Kind: kinds[j], Text: b.Text})
			if kinds[j] == document.RemovedOther && c.stamp == "" && opensWith(b.Text, timeLineWords) && reShortTimeLine.MatchString(b.Text) {
				c.stamp = fullDateIn(b.Text)
			}
			continue
		}
		if c.title != "" && string(low) == titleKey {
			continue // the headline repeated in the page
		}
		if len(c.body)+len(rest) < 6 && opensWith(b.Text, bylineWords) {
			if m := reByline.FindStringSubmatch(b.Text); m != nil && len(b.Text) < 120 {
				c.byline = append(c.byline, splitNames(m[1])...)
				c.removed = append(c.removed, document.Removed{Kind: document.RemovedCredit, Text: b.Text})
				continue
			}
		}
		if reportingShaped(b.Text) && reReportingLine.MatchString(b.Text) {
			c.removed = append(c.removed, document.Removed{Kind: document.RemovedCredit, Text: b.Text})
			continue
		}
		rest = append(rest, b)
	}

	// Deck: a short standfirst before the dateline paragraph (wire text), or
	// the page description when the extracted text does not hold it.
	start := 0
	for k := 0; k < len(rest) && k < 3; k++ {
		if d, ok := ParseDateline(rest[k].Text); ok {
			c.dateline = &d
			if k > 0 && isDeckLike(rest[0].Text) {
				c.deck = rest[0].Text
				start = 1
			}
			break
		}
	}
	if c.deck == "" && deck != "" && len(rest) > 0 && isDeckLike(deck) && !overlapsBody(deck, rest) {
		c.deck = deck
	}
	for _, b := range rest[start:] {
		c.body = append(c.body, b.Text)
	}
	return c
}

// markCaptionEchoes finds captions that a slideshow counter repeats: the
// block "X" before "1 of 3 | X" is the same caption shown twice.
func markCaptionEchoes(blocks []Block, kinds []string, from int) {
	captions := map[string]bool{}
	longest := 0
	for j := from; j < len(blocks); j++ {
		if kinds[j] == document.RemovedCaption {
			// the caption without the counter that opens it (the
			// expression matches at the start only)
			t := strings.ToLower(blocks[j].Text)
			if m := reSlideCounterAt.FindStringIndex(t); m != nil {
				t = t[m[1]:]
			}
			captions[normKey(t)] = true
			longest = max(longest, len(blocks[j].Text))
		}
	}
	if len(captions) == 0 {
		return
	}
	var buf [256]byte
	for j := from; j < len(blocks); j++ {
		if kinds[j] == "" && len(blocks[j].Text) <= longest && captions[string(appendNormKey(buf[:0], blocks[j].Text))] {
			kinds[j] = document.RemovedCaption
		}
	}
}

// markKickers removes the section labels pages print above a story
// ("MIDDLE EAST CRISIS"): short all-capital lines before the first paragraph.
func markKickers(blocks []Block, kinds []string, from int) {
	for j := from; j < len(blocks) && j < from+6; j++ {
		t := blocks[j].Text
		if kinds[j] != "" {
			continue
		}
		if isProse(t) {
			return
		}
		if fieldsUpTo(t, 5) <= 5 && t == strings.ToUpper(t) && strings.ToLower(t) != t && !endsSentence(t) {
			if _, ok := ParseDateline(t + " x"); !ok {
				kinds[j] = document.RemovedNavigation
			}
		}
	}
}

// markGalleryHeads removes a short title-like line that introduces a caption
// ("Scenes from the war" followed by a photo caption): the head of a gallery.
func markGalleryHeads(blocks []Block, kinds []string, from int) {
	for j := from; j+1 < len(blocks); j++ {
		if kinds[j] == "" && kinds[j+1] == document.RemovedCaption && looksLikeHeadline(blocks[j].Text) &&
			!(opensWith(blocks[j].Text, bylineWords) && reByline.MatchString(blocks[j].Text)) &&
			fieldsUpTo(blocks[j].Text, 12) <= 12 && !endsSentence(blocks[j].Text) {
			kinds[j] = document.RemovedRelated
		}
	}
}

// isProse: a block that reads as a paragraph of the story rather than a
// headline or a link.
func isProse(t string) bool {
	return fieldsUpTo(t, 12) >= 12 && endsSentence(t)
}

func looksLikeHeadline(t string) bool {
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 250 {
		return false
	}
	if _, ok := ParseDateline(t); ok {
		return false
	}
	return true
}

func endsSentence(t string) bool {
	t = strings.TrimRight(t, " ")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(`.!?"”’:;`, r)
}

// isDeckLike: one or two sentences, not a whole paragraph of body.
func isDeckLike(t string) bool {
	n := utf8.RuneCountInString(t)
	return n >= 20 && n <= 400
}

// overlapsBody reports a description that repeats the opening of the text
// (most pages use the first paragraph as their description).
func overlapsBody(desc string, rest []Block) bool {
	d := normKey(desc)
	d = strings.TrimSuffix(d, "...")
	if len(d) > 60 {
		d = d[:60]
	}
	for k := 0; k < len(rest) && k < 4; k++ {
		if strings.Contains(normKey(rest[k].Text), d) {
			return true
		}
	}
	return false
}

// normKey folds case, punctuation and spacing for comparisons.
func normKey(s string) string {
	var buf [128]byte
	return string(appendNormKey(buf[:0], s))
}

// appendNormKey appends the normKey of s to dst. It reads s as
// strings.ToLower(s) would be read: each rune lower-cased, ASCII by hand.
func appendNormKey(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		r := rune(s[i])
		if r < utf8.RuneSelf {
			i++
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				space = true
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			r = unicode.ToLower(r)
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				space = true
				continue
			}
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// fieldsUpTo is len(strings.Fields(s)) when that is at most max, and max+1
// when it is more.
func fieldsUpTo(s string, max int) int {
	n := 0
	inField := false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			inField = false
		} else if !inField {
			inField = true
			if n++; n > max {
				return n
			}
		}
	}
	return n
}

// asciiSpace is the white space strings.Fields knows in ASCII.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// reportingWords open a reporting line (reReportingLine); none has a
// letter that (?i) matches outside ASCII.
var reportingWords = []string{"reporting", "additional reporting", "writing", "editing", "compiled", "produced", "contributed", "edited"}

// reportingShaped: t opens, after an optional parenthesis, with a word
// that opens a reporting line.
func reportingShaped(t string) bool {
	t = strings.TrimPrefix(t, "(")
	for _, w := range reportingWords {
		if hasPrefixFold(t, w) {
			return true
		}
	}
	return false
}

func splitNames(s string) []string {
	s = strings.ReplaceAll(s, " and ", ",")
	s = strings.ReplaceAll(s, "&", ",")
	s = strings.ReplaceAll(s, ";", ",")
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

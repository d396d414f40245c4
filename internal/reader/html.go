package reader

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitrep/sitrep/internal/document"
)

// pageMeta is what the HTML head says about the article.
type pageMeta struct {
	Title, Author, Sitename, Description, Language, URL string
	Published                                           string
	// Deck is the standfirst the page marks under its headline.
	Deck string
	// Modified is the date of the latest update; Live marks a live blog.
	Modified string
	Live     bool
}

// readHTML extracts the main text of a page as blocks, its metadata, and the
// furniture taken out before extraction (captions, cookie banners).
func readHTML(b []byte, meta Meta) ([]Block, pageMeta, []document.Removed, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, pageMeta{}, nil, fmt.Errorf("parse HTML: %w", err)
	}
	ld := readJSONLD(root)
	titles := readTitleCandidates(root, ld)
	if titles.Deck == "" && shownInBody(root, res0Description(root)) {
		titles.Deck = res0Description(root)
	}
	removed := stripFurniture(root)
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		ExcludeTables:   false,
		HtmlDateMode:    trafilatura.Fast,
	}
	if meta.URL != "" {
		if u, err := url.Parse(meta.URL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return nil, pageMeta{}, removed, fmt.Errorf("no article text found: %w", err)
	}
	pm := pageMeta{
		Deck:        titles.Deck,
		Title:       strings.TrimSpace(res.Metadata.Title),
		Author:      strings.TrimSpace(res.Metadata.Author),
		Sitename:    strings.TrimSpace(res.Metadata.Sitename),
		Description: strings.TrimSpace(res.Metadata.Description),
		Language:    res.Metadata.Language,
		URL:         res.Metadata.URL,
	}
	if !res.Metadata.Date.IsZero() {
		pm.Published = res.Metadata.Date.Format("2006-01-02")
	}
	// The article's own structured data dates it more reliably than the
	// dates scattered through the page.
	if t := pickTitle(titles, firstNonEmpty(pm.Sitename, ld.Publisher)); t != "" {
		pm.Title = t
	}
	if d := isoDatePrefix(ld.Published); d != "" {
		pm.Published = d
	}
	pm.Modified = isoDatePrefix(ld.Modified)
	pm.Live = ld.Live
	// the page's structured data spells its authors as the page does
	if len(ld.Authors) > 0 {
		pm.Author = strings.Join(ld.Authors, ", ")
	}
	if pm.Sitename == "" {
		pm.Sitename = ld.Publisher
	}
	blocks := contentBlocks(res.ContentNode)
	return blocks, pm, removed, nil
}

// isoDatePrefix returns the YYYY-MM-DD that an ISO date or datetime starts
// with, in the writer's own time zone, or "".
func isoDatePrefix(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// res0Description is the page's meta description.
func res0Description(root *html.Node) string {
	var desc string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if desc != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			key := attr(n, "name")
			if key == "" {
				key = attr(n, "property")
			}
			if key == "description" || key == "og:description" {
				desc = strings.TrimSpace(rawAttr(n, "content"))
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return desc
}

// shownInBody reports whether the page prints text (its description, say)
// as visible text of its body, not only in its metadata.
func shownInBody(root *html.Node, text string) bool {
	key := normKey(text)
	if len(key) < 30 {
		return false
	}
	key = key[:30]
	found := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Head, atom.Template:
				return
			case atom.P, atom.H2, atom.H3, atom.Div, atom.Span:
				// Only elements without block children: checking every
				// ancestor's whole text would be quadratic in page size.
				if hasBlockChild(n) {
					break
				}
				if t := normKey(nodeText(n)); strings.HasPrefix(t, key) && len(t) < len(normKey(text))+40 {
					found = true
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || c.DataAtom == atom.Div || c.DataAtom == atom.Section || c.DataAtom == atom.Article || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol || c.DataAtom == atom.Table) {
			return true
		}
	}
	return false
}

// furnitureWords mark elements (by class or id) that hold no article text.
var furnitureWords = []string{"cookie", "consent", "gdpr", "onetrust", "newsletter-signup"}

// stripFurniture removes consent banners and figure captions from the tree
// before extraction, so that a caption's places and dates never reach the body.
func stripFurniture(root *html.Node) []document.Removed {
	var removed []document.Removed
	var drop []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Figcaption:
				if t := nodeText(n); t != "" {
					removed = append(removed, document.Removed{Kind: document.RemovedCaption, Text: t})
				}
				drop = append(drop, n)
				return
			case atom.Body, atom.Html, atom.Main, atom.Article:
			default:
				if isFurniture(n) {
					drop = append(drop, n)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	return removed
}

func isFurniture(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "aria-label" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, w := range furnitureWords {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Td: true, atom.Th: true, atom.Figcaption: true,
	atom.Dd: true, atom.Dt: true,
}

// contentBlocks walks trafilatura's ContentNode and returns one block per
// paragraph-level element, keeping the paragraph breaks that ContentText loses.
func contentBlocks(n *html.Node) []Block {
	var blocks []Block
	var sb strings.Builder
	tag := "p"
	flush := func() {
		t := collapseSpace(sb.String())
		if t != "" {
			blocks = append(blocks, Block{Tag: tag, Text: t})
		}
		sb.Reset()
		tag = "p"
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				sb.WriteString("\n")
				return
			}
			isBlock := blockTags[n.DataAtom]
			if isBlock || n.DataAtom == atom.Div || n.DataAtom == atom.Ul || n.DataAtom == atom.Ol || n.DataAtom == atom.Section || n.DataAtom == atom.Table || n.DataAtom == atom.Tr {
				flush()
				if isBlock {
					tag = n.Data
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				if isBlock {
					tag = n.Data
				}
				flush()
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	flush()
	return blocks
}

// load64 reads the first eight bytes of s as a little-endian word.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// tidyLook marks the bytes tidy looks at twice: white space, and the lead
// bytes of the Unicode spaces.
var tidyLook = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true,
	0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// tidy: no leading or trailing space, and no white space but single
// ASCII spaces.
func tidy(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		// eight bytes at a time while they are ASCII, none below a space,
		// and no two spaces stand together
		for i+8 <= len(s) {
			w := load64(s[i : i+8])
			if w&0x8080808080808080 != 0 || (w-0x2020202020202020)&^w&0x8080808080808080 != 0 {
				break
			}
			x := w ^ 0x2020202020202020 // zero where a space is
			sp := ^((x & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f | x | 0x7f7f7f7f7f7f7f7f)
			if sp&(sp<<8) != 0 || prev == ' ' && s[i] == ' ' {
				break
			}
			prev = s[i+7]
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if !tidyLook[c] {
			prev = c
			continue
		}
		switch {
		case c == ' ' && prev == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			return false
		case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0x85):
			return false // no-break space, next line
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] >= 0x80 && s[i+2] <= 0x8A || s[i+2] == 0xA8 || s[i+2] == 0xA9 || s[i+2] == 0xAF):
			return false // the Unicode spaces
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80, c == 0xE1 && i+2 < len(s) && s[i+1] == 0x9A && s[i+2] == 0x80:
			return false
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x81 && s[i+2] == 0x9F:
			return false
		}
		prev = c
	}
	return true
}

// nodeText is the collapsed text of a subtree.
func nodeText(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapseSpace(sb.String())
}

// collapseSpace folds runs of white space into one space, keeping single line
// breaks that a <br> made.
func collapseSpace(s string) string {
	if tidy(s) {
		return s // the common case: nothing to collapse
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = sb.Len() > 0
			i += size
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteString(s[i : i+size]) // the bytes as they are, valid or not
		i += size
	}
	return sb.String()
}

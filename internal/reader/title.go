package reader

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleCandidates are the places a page names its headline.
type titleCandidates struct {
	H1, LD, OG, Title string
	// Deck is the standfirst shown under the <h1>, when the page marks one.
	Deck string
}

// reDeckClass names the classes pages give a standfirst.
var reDeckClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:excerpt|standfirst|dek|deck|subtitle|sub-?head(?:line)?|strapline|summary|lede|lead|intro|teaser|description|kicker-sub)(?:$|[\s_-])`)

// pickTitle takes the headline from the most deliberate source the page has:
// its structured data, then the og:title the publisher declares, then the
// visible <h1>, then the <title> without its site suffix.
func pickTitle(c titleCandidates, site string) string {
	for _, s := range []string{c.LD, c.OG, c.H1, c.Title} {
		if s = strings.TrimSpace(cleanTitle(s, site)); s != "" {
			return s
		}
	}
	return ""
}

// readTitleCandidates reads the headline candidates from the parsed page.
func readTitleCandidates(root *html.Node, ld ldArticle) titleCandidates {
	c := titleCandidates{LD: ld.Headline}
	afterH1 := -1 // elements seen since the <h1>, -1 before it
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && afterH1 >= 0 && c.Deck == "" && afterH1 < 40 {
			afterH1++
			if isDeckElement(n) {
				if t := nodeText(n); len(t) >= 20 && len(t) <= 400 && normKey(t) != normKey(c.H1) && classify(Block{Tag: "p", Text: t}) == "" {
					c.Deck = t
				}
			}
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if c.Title == "" {
					c.Title = nodeText(n)
				}
			case atom.Meta:
				key := attr(n, "property")
				if key == "" {
					key = attr(n, "name")
				}
				if key == "og:title" && c.OG == "" {
					c.OG = strings.TrimSpace(rawAttr(n, "content"))
				}
			case atom.H1:
				if c.H1 == "" {
					c.H1 = nodeText(n)
					if c.H1 != "" {
						afterH1 = 0
						return false
					}
				}
			case atom.Script, atom.Style, atom.Noscript, atom.Svg:
				return false
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		return false
	}
	walk(root)
	return c
}

// isDeckElement: a paragraph-level element marked as a standfirst.
func isDeckElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.P, atom.Div, atom.Span:
	default:
		return false
	}
	return reDeckClass.MatchString(rawAttr(n, "class"))
}

// rawAttr is an attribute's value as written (attr lower-cases it).
func rawAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

package reader

import (
	"encoding/json"
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ldArticle is what a page's JSON-LD says about its article.
type ldArticle struct {
	Headline, Published, Description, Publisher, Body string
	Modified                                          string
	Authors                                           []string
	// Live is set for a live blog, whose "today" is its latest update.
	Live bool
}

// articleTypes are the schema.org types of a news article.
var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"blogposting": true, "liveblogposting": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "scholarlyarticle": true, "report": true, "socialmediaposting": true,
	"techarticle": true, "webpage": false,
}

// readJSONLD collects the first news article described in the page's
// application/ld+json scripts.
func readJSONLD(root *nethtml.Node) ldArticle {
	var out ldArticle
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && n.DataAtom == atom.Script && attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
			var v any
			if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
				findArticle(v, &out, 0)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func findArticle(v any, out *ldArticle, depth int) {
	if depth > 6 || out.Headline != "" {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			findArticle(e, out, depth+1)
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			out.Headline = ldString(x["headline"])
			if out.Headline == "" {
				out.Headline = ldString(x["name"])
			}
			out.Published = ldString(x["datePublished"])
			out.Modified = ldString(x["dateModified"])
			out.Live = isType(x["@type"], "liveblogposting")
			out.Description = ldString(x["description"])
			out.Body = ldString(x["articleBody"])
			out.Authors = ldNames(x["author"])
			if p := ldNames(x["publisher"]); len(p) > 0 {
				out.Publisher = p[0]
			}
			return
		}
		if g, ok := x["@graph"]; ok {
			findArticle(g, out, depth+1)
		}
		if m, ok := x["mainEntity"]; ok {
			findArticle(m, out, depth+1)
		}
	}
}

func isType(t any, name string) bool {
	switch x := t.(type) {
	case string:
		return strings.EqualFold(x, name)
	case []any:
		for _, e := range x {
			if isType(e, name) {
				return true
			}
		}
	}
	return false
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldString reads a JSON-LD text value, decoding HTML entities that some
// sites leave in it.
func ldString(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(html.UnescapeString(s))
}

func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		if x = strings.TrimSpace(x); x != "" {
			return []string{x}
		}
	case map[string]any:
		if n := ldString(x["name"]); n != "" {
			return []string{n}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(strings.ToLower(a.Val))
		}
	}
	return ""
}

package geo

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
	"github.com/sitrep/sitrep/internal/gazetteer"
)

const borderName = `[A-Z][\p{L}.]*(?:[-–][A-Z][\p{L}.]*)*`

var (
	// "near the Russian border", "along Russia's border", "the US-Mexico
	// border"
	borderRe = regexp.MustCompile(`(?:\b(?:[Nn]ear|[Aa]long|[Oo]n|[Aa]t|[Cc]lose to|[Bb]y|[Aa]cross|[Tt]owards?|[Ff]rom|[Oo]ver)\s+)?(?:\b[Tt]he\s+(` + borderName + `(?:\s+` + borderName + `)?)|\b(` + borderName + `(?:\s+` + borderName + `)?)(?:'s|’s))\s+(?:(?:land|frontier|northern|southern|eastern|western)\s+)?border(?:s|lands?)?\b`)
	// "the border with Russia", "the border between Thailand and Myanmar"
	borderWithRe = regexp.MustCompile(`\bborders?\s+(?:with|between)\s+(?:the\s+)?(` + borderName + `(?:\s+` + borderName + `)?)(?:\s+and\s+(?:the\s+)?(` + borderName + `(?:\s+` + borderName + `)?))?`)
	// words after "border" that make it an organisation's name
	borderOrgRe = regexp.MustCompile(`^\s+(?:guards?|guard\s+service|service|police|force|forces|agency|patrol|officials?|authorit(?:y|ies)|control|protection)\b`)
)

// borders finds the stretches of border the text names. The area lies on
// the side of the article's focus country when the other side is named
// ("near the Russian border" in a story about Ukraine), else on the side of
// the country named, across from another country of the sentence.
func (r *Resolver) borders(text string, ents []document.Entity, places []document.Place, ctx *docContext) []Area {
	if !strings.Contains(text, "border") {
		return nil
	}
	var out []Area
	add := func(start, end int, codes []string) {
		side, other := "", ""
		switch {
		case len(codes) >= 2 && codes[0] != codes[1]:
			side, other = codes[0], codes[1]
			if codes[1] == ctx.focus {
				side, other = codes[1], codes[0]
			}
		case len(codes) == 1:
			// the side is the country of what the sentence places by the
			// border ("Kharkiv, ... close to the Russian border"), else the
			// article's; a border of that country is across from another
			// country of the sentence
			other = codes[0]
			side = r.sentenceCountry(text, ents, places, start, end, other, true)
			if side == "" && ctx.focus != other {
				side = ctx.focus
			}
			if side == "" {
				side, other = other, r.sentenceCountry(text, ents, places, start, end, other, false)
			}
		}
		if side == "" || other == "" {
			return
		}
		a := Area{Relation: RelBorder, Qualifier: "border", With: other, Country: side, Precision: 3}
		a.Start, a.End, a.Text = start, end, text[start:end]
		lat, lon, ok := r.borderPoint(side, other)
		if !ok {
			return
		}
		setPoint(&a, lat, lon)
		for _, code := range []string{side, other} {
			for i := range places {
				if places[i].Feature == gazetteer.KindCountry && places[i].Country == code {
					id := places[i].ID
					a.Place = &id
					break
				}
			}
			if a.Place != nil {
				break
			}
		}
		out = append(out, a)
	}
	var with [][2]int // spans of "border with" phrases
	for _, g := range findNearBorders(borderWithRe, text, 12, 160) {
		var codes []string
		for _, k := range []int{2, 4} {
			if g[k] >= 0 {
				codes = append(codes, r.countryCodes(text[g[k]:g[k+1]])...)
			}
		}
		if len(codes) == 0 {
			continue
		}
		start, end := g[0], g[1]
		last := 2
		if g[4] >= 0 {
			last = 4
		}
		if name := text[g[last]:g[last+1]]; strings.HasSuffix(name, ".") && strings.Count(name, ".") == 1 {
			end-- // the full stop ends the sentence; "U.S." keeps its own
		}
		if g[4] < 0 {
			// "Ukraine's border with Russia": the side is the owner
			if owner, at := r.ownerBefore(text, g[0]); owner != "" && owner != codes[0] {
				codes = []string{owner, codes[0]}
				start = at
			}
		}
		with = append(with, [2]int{start, end})
		add(start, end, codes)
	}
	for _, g := range findNearBorders(borderRe, text, 140, 14) {
		if borderOrgRe.MatchString(text[g[1]:]) || overlaps(with, g[0], g[1]) {
			continue
		}
		k := 2
		if g[2] < 0 {
			k = 4
		}
		if codes := r.countryCodes(text[g[k]:g[k+1]]); len(codes) > 0 {
			add(g[0], g[1], codes)
		}
	}
	return out
}

// countryCodes reads the countries of "Russian", "Russia", "Ukraine-Russia",
// "US-Mexico", "Thai-Myanmar".
func (r *Resolver) countryCodes(s string) []string {
	if c, ok := r.country(s); ok {
		return []string{c}
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, func(c rune) bool { return c == '-' || c == '–' }) {
		c, ok := r.country(part)
		if !ok {
			return nil
		}
		out = append(out, c)
	}
	return out
}

func (r *Resolver) country(s string) (string, bool) {
	if c, ok := r.g.CountryByName(s); ok {
		return c.ISO2, true
	}
	return r.g.Demonym(s)
}

// ownerBefore is the country written as owner right before a border
// phrase, and where it starts: "Ukraine's border with Russia" -> UA.
func (r *Resolver) ownerBefore(text string, start int) (string, int) {
	lo := max(0, start-40)
	before := strings.TrimSuffix(text[lo:start], " ")
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(before, s) {
			before = strings.TrimSuffix(before, s)
			for _, pre := range []string{"the ", "The "} {
				before = strings.TrimSuffix(before, pre)
			}
			i := strings.LastIndexAny(before, " \n(") + 1
			if c, ok := r.country(before[i:]); ok {
				return c, lo + i
			}
		}
	}
	return "", 0
}

func overlaps(spans [][2]int, start, end int) bool {
	for _, s := range spans {
		if start < s[1] && s[0] < end {
			return true
		}
	}
	return false
}

// sentenceCountry is the country, other than not, of the place or
// nationality named nearest to a span within its sentence; only before the
// span if before.
func (r *Resolver) sentenceCountry(text string, ents []document.Entity, places []document.Place, start, end int, not string, before bool) string {
	lo := strings.LastIndexAny(text[:start], ".!?\n") + 1
	hi := strings.IndexAny(text[end:], ".!?\n")
	if hi < 0 || before {
		hi = len(text)
	} else {
		hi += end
	}
	if before {
		hi = start
	}
	best, bestDist := "", math.MaxInt
	consider := func(code string, ms []document.Mention) {
		if code == "" || code == not {
			return
		}
		for _, m := range ms {
			if m.Start < lo || m.End > hi {
				continue
			}
			d := start - m.End
			if m.Start >= end {
				d = m.Start - end
			}
			if d >= 0 && d < bestDist {
				best, bestDist = code, d
			}
		}
	}
	for _, e := range ents {
		if e.Type == document.NORP {
			code, _ := r.g.Demonym(e.Name)
			consider(code, e.Mentions)
		}
	}
	for _, p := range places {
		consider(p.Country, p.Mentions)
	}
	return best
}

// borderPoint is a point on side's side of its border with other: the
// point of side's division nearest to one of other's, or side's point
// when its divisions are unknown.
func (r *Resolver) borderPoint(side, other string) (float64, float64, bool) {
	a, b := r.divisions(side), r.divisions(other)
	if len(a) == 0 || len(b) == 0 {
		c, ok := r.g.Country(side)
		return c.Lat, c.Lon, ok
	}
	best, bestKm := a[0], math.Inf(1)
	for _, p := range a {
		for _, q := range b {
			if d := km(p.lat, p.lon, q.lat, q.lon); d < bestKm {
				best, bestKm = p, d
			}
		}
	}
	return best.lat, best.lon, true
}

// findNearBorders runs re only on windows around each "border" of the
// text (before bytes before it, after bytes after it) and returns its
// matches in text offsets, each once: the expressions are long, the word
// is rare.
func findNearBorders(re *regexp.Regexp, text string, before, after int) [][]int {
	var out [][]int
	seen := map[int]bool{}
	for from := 0; ; {
		i := strings.Index(text[from:], "border")
		if i < 0 {
			return out
		}
		i += from
		lo, hi := max(0, i-before), min(len(text), i+len("border")+after)
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		for _, g := range re.FindAllStringSubmatchIndex(text[lo:hi], -1) {
			// a match cut by the window's edge is found again from a
			// window that holds it whole
			if g[0] == 0 && lo > 0 || seen[lo+g[0]] {
				continue
			}
			for k := range g {
				if g[k] >= 0 {
					g[k] += lo
				}
			}
			seen[g[0]] = true
			out = append(out, g)
		}
		from = i + len("border")
	}
}

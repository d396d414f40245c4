package report

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// The checks of this file read a report as its readers do, from the
// Markdown, and trace what it says back to the store: every citation to a
// listed source that is a stored article, and every number of a sentence to
// a figure claim of an article that sentence cites.

var (
	mdUnescape = regexp.MustCompile(`\\([\\` + "`" + `*_\[\]<>#|~&])`)
	citeGroup  = regexp.MustCompile(`((?: ?\[\d+\])+)`)
	citeNum    = regexp.MustCompile(`\[(\d+)\]`)
	sourceLine = regexp.MustCompile(`^(\d+)\. (.*?)(?: <(https?://[^>]+)>)?$`)
	quoted     = regexp.MustCompile(`“[^”]*”`)
	months     = `(?:January|February|March|April|May|June|July|August|September|October|November|December)`
	dateForms  = regexp.MustCompile(`\b\d{1,2} (?:and|to) \d{1,2} ` + months + ` \d{4}\b|\b\d{1,2} ` + months + `(?: \d{4})?\b|\b` + months + ` \d{4}\b`)
	numberRe   = regexp.MustCompile(`(?:^|[^\w.,])(\d{1,3}(?:,\d{3})+|\d+)\b`)
	// "14 killed and 40 injured according to X (" or "… according to X" at
	// the end of a segment; "X spoke of dozens killed".
	according = regexp.MustCompile(`(?:^|[:;.] |Latest: |Also: )([^:;.]+?) according to (.+?)(?: \(|$)`)
	spokeOf   = regexp.MustCompile(`(?:^|[:;.] |Latest: |Also: )([^:;.]+?) spoke of ([^:;.(]+?)(?: \(|$)`)
	figureRe  = regexp.MustCompile(`^(?:(about|more than|at least|fewer than|up to) )?(\d[\d,]*)(?: to (\d[\d,]*))? (killed or injured|killed|injured|missing|detained|displaced|refugees|evacuated|affected)$`)
	vagueRe   = regexp.MustCompile(`^([a-z]+(?: of [a-z]+)?) (killed or injured|killed|injured|missing|detained|displaced|refugees|evacuated|affected)$`)
)

// traced is what trace found.
type traced struct {
	sources, cites, numbers, figures int
}

// trace checks a Markdown report against the store it was built from.
func trace(t *testing.T, st store.Store, md []byte) traced {
	t.Helper()
	ctx := context.Background()
	var tr traced

	// Every stored article, as the list of sources would give it.
	byText := map[string]string{}
	for f := (store.ArticleFilter{Limit: 1000}); ; {
		p, err := st.Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Items {
			s := Source{Outlet: a.Outlet, Title: a.Title, Published: dayOf(a.Published), URL: a.URL}
			key := s.sourceText()
			if webURL(a.URL) {
				key += " <" + mdURL(a.URL) + ">"
			} else if a.URL != "" {
				key += " " + a.URL
			}
			byText[key] = a.ID
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}

	lines := strings.Split(string(md), "\n")
	sources := map[int]string{}
	section := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "## ") {
			section = l[3:]
			continue
		}
		if section != "Sources" || l == "" {
			continue
		}
		m := sourceLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("source line %q is not “N. outlet, “title”, date. <url>”", l)
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n != len(sources)+1 {
			t.Errorf("source %d follows source %d", n, len(sources))
		}
		text := mdUnescape.ReplaceAllString(m[2], "$1")
		if m[3] != "" {
			text += " <" + m[3] + ">"
		}
		id, ok := byText[text]
		if !ok {
			t.Errorf("source %d (%s) is no stored article", n, text)
		}
		sources[n] = id
	}
	tr.sources = len(sources)

	claims := map[string][]store.Claim{}
	claimsOf := func(id string) []store.Claim {
		if cs, ok := claims[id]; ok {
			return cs
		}
		p, err := st.Claims(ctx, store.ClaimFilter{Article: id, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		claims[id] = p.Items
		return p.Items
	}

	cited := map[int]bool{}
	section = ""
	for _, l := range lines {
		if strings.HasPrefix(l, "## ") {
			section = l[3:]
			continue
		}
		if section == "Sources" {
			break
		}
		// Citations resolve to listed sources.
		segs := citeGroup.Split(l, -1)
		groups := citeGroup.FindAllString(l, -1)
		for i, g := range groups {
			if strings.HasSuffix(segs[i], `\`) {
				t.Errorf("escaped bracket before a citation in %q", l)
			}
			var ids []string
			for _, m := range citeNum.FindAllStringSubmatch(g, -1) {
				n, _ := strconv.Atoi(m[1])
				tr.cites++
				cited[n] = true
				id, ok := sources[n]
				if !ok {
					t.Errorf("citation [%d] is not in the list of sources: %q", n, l)
					continue
				}
				ids = append(ids, id)
			}
			if !strings.HasPrefix(l, "- ") || section == "Notable statements" {
				continue
			}
			tr.numbers += checkNumbers(t, segs[i], ids, claimsOf, l)
			tr.figures += checkFigures(t, segs[i], ids, claimsOf, l)
		}
		if strings.HasPrefix(l, "- ") && section != "Notable statements" {
			if rest := segs[len(segs)-1]; len(numbers(rest)) > 0 {
				t.Errorf("numbers %v with no citation after them in %q", numbers(rest), l)
			}
		}
	}
	for n := range sources {
		if !cited[n] {
			t.Errorf("source %d is listed but never cited", n)
		}
	}
	return tr
}

// numbers are the numbers a piece of a sentence states, leaving out dates
// and words quoted from articles.
func numbers(seg string) []int64 {
	seg = mdUnescape.ReplaceAllString(seg, "$1")
	seg = quoted.ReplaceAllString(seg, "")
	seg = dateForms.ReplaceAllString(seg, "")
	var out []int64
	for _, m := range numberRe.FindAllStringSubmatch(seg, -1) {
		n, err := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
		if err == nil {
			out = append(out, n)
		}
	}
	return out
}

// checkNumbers: each number of the segment is the lower or upper bound of a
// claim of an article the segment cites.
func checkNumbers(t *testing.T, seg string, ids []string, claimsOf func(string) []store.Claim, line string) int {
	t.Helper()
	nums := numbers(seg)
	for _, n := range nums {
		found := false
		for _, id := range ids {
			for _, c := range claimsOf(id) {
				if c.Min != nil && *c.Min == n || c.Max != nil && *c.Max == n {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("number %d is no figure claimed in the articles it cites (%v): %q", n, ids, line)
		}
	}
	return len(nums)
}

// checkFigures: each "14 killed and 40 injured according to X" and "X
// spoke of dozens killed" of the segment is made of claims of a cited
// article with that category, amount and claimant.
func checkFigures(t *testing.T, seg string, ids []string, claimsOf func(string) []store.Claim, line string) int {
	t.Helper()
	seg = mdUnescape.ReplaceAllString(seg, "$1")
	seg = quoted.ReplaceAllString(seg, "")
	seg = strings.ReplaceAll(strings.TrimPrefix(seg, "- "), "**", "")
	n := 0
	match := func(desc string, ok func(c store.Claim) bool) {
		n++
		for _, id := range ids {
			for _, c := range claimsOf(id) {
				if ok(c) {
					return
				}
			}
		}
		t.Errorf("%q is no claim of the articles it cites (%v): %q", desc, ids, line)
	}
	items := func(list string) []string {
		list = strings.TrimPrefix(list, "Sources disagree: ")
		return strings.Split(strings.ReplaceAll(list, " and ", ", "), ", ")
	}
	for _, m := range according.FindAllStringSubmatch(seg, -1) {
		who := m[2]
		for _, it := range items(m[1]) {
			f := figureRe.FindStringSubmatch(strings.ToLower(it))
			if f == nil {
				t.Errorf("%q before “according to” is not a figure: %q", it, line)
				continue
			}
			want := strings.TrimSpace(f[1] + " " + f[2])
			if f[3] != "" {
				want += " to " + f[3]
			}
			cat := categoryOfWord(f[4])
			match(it+" according to "+who, func(c store.Claim) bool {
				a, _ := amount(c)
				return c.Category == cat && a == want && sameName(claimantName(c.Claimant, c.Outlet), who)
			})
		}
	}
	for _, m := range spokeOf.FindAllStringSubmatch(seg, -1) {
		who := m[1]
		for _, it := range items(m[2]) {
			f := vagueRe.FindStringSubmatch(it)
			if f == nil {
				t.Errorf("%q after “spoke of” is not a vague figure: %q", it, line)
				continue
			}
			cat := categoryOfWord(f[2])
			match(who+" spoke of "+it, func(c store.Claim) bool {
				return c.Category == cat && strings.EqualFold(c.Vague, f[1]) && c.Min == nil && c.Max == nil &&
					sameName(claimantName(c.Claimant, c.Outlet), who)
			})
		}
	}
	return n
}

// sameName compares claimants as the report groups them.
func sameName(a, b string) bool { return fusion.Key(a) == fusion.Key(b) }

func categoryOfWord(w string) string {
	for _, c := range categories {
		if c.word == w {
			return c.key
		}
	}
	return ""
}

package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// category is a kind of figure the report gives: the store's claim
// category, its heading and the word that follows a number ("12 killed").
type category struct {
	key, title, word string
}

// categories are the figures of the key figures, in their order. The
// store's "population" and "other" are not counts of people affected.
var categories = []category{
	{"killed", "Killed", "killed"},
	{"injured", "Injured", "injured"},
	{"casualties", "Killed or injured", "killed or injured"},
	{"missing", "Missing", "missing"},
	{"detained", "Detained or arrested", "detained"},
	{"displaced", "Displaced", "displaced"},
	{"refugees", "Refugees", "refugees"},
	{"evacuated", "Evacuated", "evacuated"},
	{"affected", "Affected", "affected"},
}

func categoryIndex(key string) int {
	return slices.IndexFunc(categories, func(c category) bool { return c.key == key })
}

// lower is a claim's number as fusion counts it: its lower bound, its upper
// bound when it has only that, or ACLED's number for its vague word.
func lower(c store.Claim) (int64, bool) {
	switch {
	case c.Min != nil:
		return *c.Min, true
	case c.Max != nil:
		return *c.Max, true
	}
	return fusion.VagueCount(c.Vague)
}

// upper is the highest number a claim allows, as far as it says.
func upper(c store.Claim) (int64, bool) {
	if c.Max != nil {
		return *c.Max, true
	}
	return lower(c)
}

// amount is how the report states a claim's number, as the source put it:
// "16", "at least 12", "about 20,000", "12 to 15", "dozens". ok is false
// for a claim with neither a number nor a vague word.
func amount(c store.Claim) (string, bool) {
	pre := ""
	switch c.Approx {
	case "around":
		pre = "about "
	case "more than", "at least", "fewer than", "up to":
		pre = c.Approx + " "
	}
	switch {
	case c.Min != nil && c.Max != nil && *c.Min != *c.Max:
		return pre + number(*c.Min) + " to " + number(*c.Max), true
	case c.Min != nil:
		if c.Max == nil && pre == "" {
			pre = "at least "
		}
		return pre + number(*c.Min), true
	case c.Max != nil:
		if pre == "" {
			pre = "up to "
		}
		return pre + number(*c.Max), true
	case c.Vague != "":
		if _, ok := fusion.VagueCount(c.Vague); ok {
			return strings.ToLower(strings.TrimSpace(c.Vague)), true
		}
	}
	return "", false
}

// number writes n with thousands separators: 500,000.
func number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// claimantKey groups the claims of one claimant the way fusion.Count
// does; claims that name no claimant are grouped by their outlet.
func claimantKey(c store.Claim) string {
	if k := fusion.Key(c.Claimant); k != "" {
		return k
	}
	return "\x00" + c.Outlet
}

// latest is the index of the claim that gives the latest value: the one
// whose figure is of the latest day (the day the claim says the figure is
// for, or the day it was published), and among those the most conservative,
// as ACLED counts. The store's count of an event (fusion.Count) dates a
// claim by its publication instead, so that an article recalling an earlier
// toll beside a new one can make the older toll the store's count; the
// report follows the sources' own dates. cs is in claimOrder; -1 when no
// claim has a number.
func latest(cs []store.Claim) int {
	best, bestV, bestDay := -1, int64(0), ""
	for i, c := range cs {
		v, ok := lower(c)
		if !ok {
			continue
		}
		if _, ok := amount(c); !ok {
			continue
		}
		d := figureDay(c)
		if best < 0 || d > bestDay || d == bestDay && v < bestV {
			best, bestV, bestDay = i, v, d
		}
	}
	return best
}

// figureDay is the day a claim's figure is for: its date when it is a day,
// else the day it was published.
func figureDay(c store.Claim) string {
	if len(c.Date) == len(day) {
		return c.Date
	}
	return dayOf(c.Published)
}

// statement is one figure as one claimant states it, perhaps in several
// articles.
type statement struct {
	claimant string // as the first claim names them; "" when none
	outlet   string // of the first claim, for an unattributed figure
	amount   string
	low      int64 // lower(c), for ordering
	high     int64 // upper(c)
	vague    bool
	first    string // the day it was first reported
	asOf     string // the latest day its claims say the figure is for
	articles []string
	claims   []store.Claim
}

// statements groups the claims of one category about one subject by
// claimant and amount, each with the articles that report it, newest first
// (then by amount and claimant).
func statements(cs []store.Claim) []*statement {
	var out []*statement
	idx := map[string]*statement{}
	for _, c := range cs { // claimOrder: the first of a group is its earliest
		a, ok := amount(c)
		if !ok {
			continue
		}
		k := claimantKey(c) + "\x00" + a
		s := idx[k]
		if s == nil {
			lo, _ := lower(c)
			hi, _ := upper(c)
			s = &statement{claimant: c.Claimant, outlet: c.Outlet, amount: a, low: lo, high: hi,
				vague: c.Min == nil && c.Max == nil, first: dayOf(c.Published)}
			idx[k] = s
			out = append(out, s)
		}
		s.claims = append(s.claims, c)
		s.asOf = max(s.asOf, figureDay(c))
		if !slices.Contains(s.articles, c.ArticleID) {
			s.articles = append(s.articles, c.ArticleID)
		}
	}
	slices.SortStableFunc(out, func(a, b *statement) int {
		return cmp.Or(cmp.Compare(b.first, a.first), cmp.Compare(a.low, b.low), cmp.Compare(a.high, b.high),
			cmp.Compare(a.amount, b.amount), cmp.Compare(fusion.Key(a.claimant), fusion.Key(b.claimant)), cmp.Compare(a.outlet, b.outlet))
	})
	return out
}

// byCategory splits claims (in claimOrder) by category, dropping those of
// categories the report does not give.
func byCategory(cs []store.Claim) map[string][]store.Claim {
	m := map[string][]store.Claim{}
	for _, c := range cs {
		if categoryIndex(c.Category) >= 0 {
			m[c.Category] = append(m[c.Category], c)
		}
	}
	return m
}

// span is what the figures of one category say about one subject: the
// lowest and highest statement and the latest.
type span struct {
	cat       category
	stmts     []*statement
	low, high *statement
	latest    *statement
	// disagree is true when the statements give different amounts.
	disagree bool
}

// spanOf reads the claims of one category about one subject (in
// claimOrder); nil when none states an amount.
func spanOf(cat category, cs []store.Claim) *span {
	st := statements(cs)
	if len(st) == 0 {
		return nil
	}
	sp := &span{cat: cat, stmts: st}
	for _, s := range st {
		if sp.low == nil || s.low < sp.low.low || s.low == sp.low.low && s.high < sp.low.high {
			sp.low = s
		}
		if sp.high == nil || s.high > sp.high.high || s.high == sp.high.high && s.low > sp.high.low {
			sp.high = s
		}
		if s.amount != st[0].amount {
			sp.disagree = true
		}
	}
	if i := latest(cs); i >= 0 {
		c := cs[i]
		a, _ := amount(c)
		for _, s := range st {
			if s.amount == a && claimantKey(c) == claimantKey(s.claims[0]) {
				sp.latest = s
				break
			}
		}
	}
	if sp.latest == nil {
		sp.latest = st[0]
	}
	return sp
}

// severity orders events for the highlights and the sections: most killed,
// then most injured, then most reports, then most claims; then newest, then
// by id.
func severity(a, b *event) int {
	return cmp.Or(cmp.Compare(count(b.Fatalities), count(a.Fatalities)), cmp.Compare(count(b.Injured), count(a.Injured)),
		cmp.Compare(len(b.reports), len(a.reports)), cmp.Compare(b.ClaimCount, a.ClaimCount),
		cmp.Compare(b.Date, a.Date), cmp.Compare(a.ID, b.ID))
}

func count(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// Span is a piece of a sentence: its text, then the citations (numbers in
// Report.Sources) of the articles it comes from.
type Span struct {
	Text  string `json:"text"`
	Cites []int  `json:"cites,omitempty"`
	// Quote marks words quoted from an article; they are written between
	// quotation marks.
	Quote bool `json:"quote,omitempty"`
	// Lead marks the lead-in of a line ("Killed.").
	Lead bool `json:"lead,omitempty"`
}

// Line is one paragraph or list item of a few sentences.
type Line []Span

// Text is the line as plain text with its citations as [n].
func (l Line) Text() string {
	var b strings.Builder
	for _, s := range l {
		if s.Quote {
			b.WriteString("“" + s.Text + "”")
		} else {
			b.WriteString(s.Text)
		}
		for i, n := range s.Cites {
			if i == 0 {
				b.WriteByte(' ')
			}
			b.WriteString("[" + itoa(n) + "]")
		}
	}
	return b.String()
}

// citer numbers the articles in the order the report first cites them.
type citer struct {
	fx      *facts
	num     map[string]int
	sources []Source
}

// cite returns the numbers of the articles, ascending; articles it has not
// numbered yet are numbered in order of publication, outlet and id.
func (c *citer) cite(ids ...string) []int {
	ids = slices.Clone(ids)
	slices.SortFunc(ids, func(a, b string) int {
		x, y := c.fx.articles[a], c.fx.articles[b]
		return cmp.Or(cmp.Compare(dayOf(x.Published), dayOf(y.Published)), cmp.Compare(x.Outlet, y.Outlet), cmp.Compare(a, b))
	})
	var out []int
	for _, id := range ids {
		n, ok := c.num[id]
		if !ok {
			a := c.fx.articles[id]
			n = len(c.sources) + 1
			c.num[id] = n
			c.sources = append(c.sources, Source{N: n, ArticleID: id, Outlet: a.Outlet, Title: a.Title, Published: dayOf(a.Published), URL: a.URL})
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// reportArticles are the articles of an event's cited reports.
func reportArticles(e *event) []string {
	var ids []string
	for _, r := range e.reports {
		if !slices.Contains(ids, r.ArticleID) {
			ids = append(ids, r.ArticleID)
		}
	}
	return ids
}

// classText is how the report names a class of events: the subject of a
// sentence ("An attack"), whether it takes a plural verb, the plural for
// counts and the label of charts.
type classText struct {
	subject   string
	plural    bool
	one, many string
	label     string
}

var classTexts = map[string]classText{
	"attack":                     {"An attack", false, "attack", "attacks", "Attack"},
	"armed_clash":                {"Armed clashes", true, "armed clash", "armed clashes", "Armed clash"},
	"territory_seized":           {"A change of territorial control", false, "change of territorial control", "changes of territorial control", "Territory"},
	"military_operation":         {"Military operations", true, "military operation", "military operations", "Military operation"},
	"violence_against_civilians": {"Violence against civilians", false, "act of violence against civilians", "acts of violence against civilians", "Violence against civilians"},
	"displacement":               {"Displacement of people", false, "displacement", "displacements", "Displacement"},
	"disaster":                   {"A disaster", false, "disaster", "disasters", "Disaster"},
	"protest":                    {"A protest", false, "protest", "protests", "Protest"},
	"riot":                       {"A riot", false, "riot", "riots", "Riot"},
	"arrest":                     {"Arrests", true, "arrest", "arrests", "Arrest"},
	"negotiation":                {"Talks", true, "round of talks", "rounds of talks", "Talks"},
	"agreement":                  {"An agreement", false, "agreement", "agreements", "Agreement"},
	"request":                    {"A request or appeal", false, "request or appeal", "requests or appeals", "Request"},
	"aid":                        {"Aid", false, "aid pledge or delivery", "aid pledges or deliveries", "Aid"},
	"sanction":                   {"Sanctions", true, "sanction", "sanctions", "Sanction"},
	"threaten":                   {"A threat", false, "threat", "threats", "Threat"},
	"accuse":                     {"An accusation", false, "accusation", "accusations", "Accusation"},
	"statement":                  {"A statement", false, "statement", "statements", "Statement"},
}

func classOf(class string) classText {
	if t, ok := classTexts[class]; ok {
		return t
	}
	w := strings.ReplaceAll(class, "_", " ")
	return classText{"An event of the kind “" + w + "”", false, "event of the kind “" + w + "”", "events of the kind “" + w + "”", upperFirst(w)}
}

// dateText writes an ISO date for reading: "28 February 2022", "February
// 2022", "2022", "24 to 26 February 2022".
func dateText(d string) string {
	if a, b, ok := strings.Cut(d, "/"); ok {
		return periodText(a, b)
	}
	d = dayOf(d)
	for _, layout := range []struct{ in, out string }{{day, "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
		if t, err := time.Parse(layout.in, d); err == nil {
			return t.Format(layout.out)
		}
	}
	return d
}

// periodText writes the days from a to b: "4 to 7 March 2024", "28
// February to 3 March 2022", "30 December 2023 to 2 January 2024".
func periodText(a, b string) string {
	ta, err1 := time.Parse(day, a)
	tb, err2 := time.Parse(day, b)
	switch {
	case err1 != nil || err2 != nil:
		return a + " to " + b
	case a == b:
		return ta.Format("2 January 2006")
	case ta.Year() == tb.Year() && ta.Month() == tb.Month():
		return ta.Format("2") + " to " + tb.Format("2 January 2006")
	case ta.Year() == tb.Year():
		return ta.Format("2 January") + " to " + tb.Format("2 January 2006")
	}
	return ta.Format("2 January 2006") + " to " + tb.Format("2 January 2006")
}

// onDate is the date of an event as a phrase: "on 28 February 2022", "in
// February 2022", "between 24 and 26 February 2022".
func onDate(d string) string {
	if strings.Contains(d, "/") {
		return "between " + strings.Replace(dateText(d), " to ", " and ", 1)
	}
	switch len(dayOf(d)) {
	case 10:
		return "on " + dateText(d)
	}
	return "in " + dateText(d)
}

// countryName is the English name of a country code, or the code.
func countryName(cc string) string {
	if n, _, ok := export.Country(cc); ok {
		return n
	}
	return cc
}

// placeText names where an event happened: the place, with its region and
// (outside a country report, or abroad) its country.
func placeText(e *event, r Region) string {
	var parts []string
	if e.Admin1 != "" && !strings.EqualFold(e.Admin1, e.Location) && r.Kind != Admin1 {
		parts = append(parts, e.Admin1)
	}
	cn := ""
	if e.Country != "" {
		cn = countryName(e.Country)
	}
	if cn != "" && !strings.EqualFold(cn, e.Location) && (r.Kind != Country || e.Country != r.Country) {
		parts = append(parts, cn)
	}
	loc := e.Location
	if loc == "" {
		switch {
		case e.Admin1 != "":
			loc, parts = e.Admin1, parts[min(1, len(parts)):]
		case cn != "":
			return cn
		default:
			return "a place not named"
		}
	}
	if len(parts) == 0 {
		return loc
	}
	return loc + " (" + strings.Join(parts, ", ") + ")"
}

// subject is a short name of an event for a list of figures: "Attack in
// Kharkiv, 28 February 2022".
func subject(e *event, r Region) string {
	return classOf(e.Class).label + " in " + placeText(e, r) + ", " + dateText(e.Date)
}

// eventLine is the sentence that reports an event: what, where, when, who,
// from which articles; then what each claimant says of its toll.
func eventLine(c *citer, e *event, r Region) Line {
	ct := classOf(e.Class)
	subj := ct.subject
	if e.ACLEDSubType != "" && e.Class == "attack" {
		subj += " (" + strings.ToLower(e.ACLEDSubType) + ")"
	}
	verb := "was"
	if ct.plural {
		verb = "were"
	}
	what := "reported"
	if e.planned {
		what = "announced as planned or expected"
	}
	text := subj + " " + verb + " " + what + " in " + placeText(e, r) + " " + onDate(e.Date)
	if a := actors(e); a != "" {
		text += ", involving " + a
	}
	line := Line{{Text: text, Cites: c.cite(reportArticles(e)...)}}
	if fig := figureClause(c, e.Claims); len(fig) > 0 {
		fig[0].Text = ": " + fig[0].Text
		line = append(line, fig...)
	}
	return append(line, Span{Text: "."})
}

// actors names the actors of an event, leaving out one that is only the
// event's place.
func actors(e *event) string {
	var out []string
	for _, a := range []string{e.Actor1, e.Actor2} {
		a = strings.TrimSpace(a)
		if a == "" || fusion.Key(a) == fusion.Key(e.Location) || fusion.Key(a) == fusion.Key(e.Admin1) ||
			slices.ContainsFunc(out, func(x string) bool { return fusion.Key(x) == fusion.Key(a) }) {
			continue
		}
		out = append(out, a)
	}
	return strings.Join(out, " and ")
}

// maxClaimants is how many claimants an event's sentence quotes; the key
// figures give the others.
const maxClaimants = 3

// figureClause says what each claimant gives as the toll of an event, from
// their latest claim of each category: "1 killed and 31 injured according
// to the interior ministry [1]; an adviser spoke of dozens killed [1]". The
// claimant of the count the store keeps comes first.
func figureClause(c *citer, claims []store.Claim) Line {
	cs := slices.Clone(claims)
	slices.SortFunc(cs, claimOrder)
	type voice struct {
		key, name, outlet string
		latest            map[string]store.Claim // category → latest claim
		last              string
		rank              int
	}
	var voices []*voice
	idx := map[string]*voice{}
	for _, cl := range cs {
		if categoryIndex(cl.Category) < 0 {
			continue
		}
		if _, ok := amount(cl); !ok {
			continue
		}
		k := claimantKey(cl)
		v := idx[k]
		if v == nil {
			v = &voice{key: k, name: cl.Claimant, outlet: cl.Outlet, latest: map[string]store.Claim{}, rank: 1}
			idx[k] = v
			voices = append(voices, v)
		}
		if old, ok := v.latest[cl.Category]; !ok || figureDay(cl) >= figureDay(old) {
			v.latest[cl.Category] = cl // cs is in claimOrder: the later report wins a tie
		}
		v.last = max(v.last, figureDay(cl))
	}
	if len(voices) == 0 {
		return nil
	}
	// The claimant of the latest figure of the first category leads.
	for _, cat := range categories {
		var of []store.Claim
		for _, cl := range cs {
			if cl.Category == cat.key {
				of = append(of, cl)
			}
		}
		if i := latest(of); i >= 0 {
			idx[claimantKey(of[i])].rank = 0
			break
		}
	}
	slices.SortStableFunc(voices, func(a, b *voice) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(b.last, a.last), cmp.Compare(a.key, b.key))
	})
	var line Line
	for i, v := range voices {
		if i == maxClaimants {
			break
		}
		var parts []string
		var ids []string
		allVague := true
		for _, cat := range categories {
			cl, ok := v.latest[cat.key]
			if !ok {
				continue
			}
			if _, k := v.latest["killed"]; cat.key == "casualties" && k {
				continue // the key figures give both
			}
			if _, in := v.latest["injured"]; cat.key == "casualties" && in {
				continue
			}
			a, _ := amount(cl)
			parts = append(parts, a+" "+cat.word)
			ids = append(ids, cl.ArticleID)
			if cl.Min != nil || cl.Max != nil {
				allVague = false
			}
		}
		var text string
		who := claimantName(v.name, v.outlet)
		if allVague && v.name != "" {
			text = upperFirst(who) + " spoke of " + andList(parts)
		} else {
			text = andList(parts) + " according to " + who
		}
		if i > 0 {
			text = "; " + text
		}
		line = append(line, Span{Text: text, Cites: c.cite(ids...)})
	}
	return line
}

// claimantName is how a sentence names a claimant: "the interior ministry",
// "officials", "Anton Gerashchenko"; a figure nobody is said to give is
// the outlet's.
func claimantName(name, outlet string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		if outlet != "" {
			return outlet
		}
		return "one report"
	}
	r, _ := utf8.DecodeRuneInString(name)
	low := strings.ToLower(name)
	if unicode.IsLower(r) && !strings.HasPrefix(low, "the ") && !strings.HasSuffix(low, "s") {
		return "the " + name
	}
	return name
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// reported says where and when a statement was first reported, and the
// day the figure is for when that is another: "UPI, 28 February 2022", "as
// of 6 March 2024; Kyiv Ledger, 7 March 2024".
func reported(s *statement, fx *facts) string {
	a := fx.articles[s.articles[0]]
	out := dateText(s.first)
	if a.Outlet != "" {
		out = a.Outlet + ", " + out
	}
	if s.asOf != "" && s.asOf != s.first {
		out = "as of " + dateText(s.asOf) + "; " + out
	}
	return out
}

// statementText is a statement as a phrase: "16 killed according to the
// city's mayor (Kyiv Ledger, 7 March 2024)"; start capitalises it.
func statementText(s *statement, cat category, fx *facts, start bool) string {
	who := claimantName(s.claimant, s.outlet)
	if s.vague && s.claimant != "" {
		if start {
			who = upperFirst(who)
		}
		return who + " spoke of " + s.amount + " " + cat.word + " (" + reported(s, fx) + ")"
	}
	t := s.amount + " " + cat.word + " according to " + who + " (" + reported(s, fx) + ")"
	if start {
		return upperFirst(t)
	}
	return t
}

// spanLines are the sentences on the figures of one category about one
// event: the range when sources disagree, the latest value with its date,
// and who says what else.
func spanLines(c *citer, sp *span, fx *facts) Line {
	var line Line
	if sp.disagree {
		line = append(line,
			Span{Text: "Sources disagree: figures range from " + sp.low.amount, Cites: c.cite(sp.low.articles...)},
			Span{Text: " to " + sp.high.amount + " " + sp.cat.word, Cites: c.cite(sp.high.articles...)},
			Span{Text: ". Latest: " + statementText(sp.latest, sp.cat, fx, false), Cites: c.cite(sp.latest.articles...)})
	} else {
		line = append(line, Span{Text: statementText(sp.latest, sp.cat, fx, true), Cites: c.cite(sp.latest.articles...)})
	}
	var others []*statement
	for _, s := range sp.stmts {
		if s != sp.latest {
			others = append(others, s)
		}
	}
	for i, s := range others {
		if i == maxStatementsListed {
			line = append(line, Span{Text: "; others are not listed here"})
			break
		}
		pre := "; "
		if i == 0 {
			pre = ". Also: "
		}
		line = append(line, Span{Text: pre + statementText(s, sp.cat, fx, false), Cites: c.cite(s.articles...)})
	}
	return append(line, Span{Text: "."})
}

// maxStatementsListed is how many figures of one category a line of the
// key figures lists beside the latest.
const maxStatementsListed = 8

// listLines list the figures of one category that articles give without
// tying them to an event: they may count different things (a new toll,
// a part of one), so no range is drawn from them.
func listLines(c *citer, sp *span, fx *facts) Line {
	var line Line
	for i, s := range sp.stmts {
		if i == maxStatementsListed {
			line = append(line, Span{Text: "; others are not listed here"})
			break
		}
		pre := "; "
		if i == 0 {
			pre = ""
		}
		line = append(line, Span{Text: pre + statementText(s, sp.cat, fx, i == 0), Cites: c.cite(s.articles...)})
	}
	return append(line, Span{Text: "."})
}

// quoteLine is a notable statement: "“…,” said Anton Gerashchenko (UPI,
// 28 February 2022) [1]."
func quoteLine(c *citer, q store.Quote) Line {
	text := strings.TrimRight(strings.TrimSpace(q.Text), ",;: ")
	when := dateText(q.Published)
	if q.Outlet != "" {
		when = q.Outlet + ", " + when
	}
	cites := c.cite(q.ArticleID)
	who := claimantName(q.SpeakerName, "")
	if q.Kind == "partial" {
		return Line{{Text: upperFirst(who) + " spoke of "}, {Text: strings.TrimRight(text, "."), Quote: true}, {Text: " (" + when + ")", Cites: cites}, {Text: "."}}
	}
	// The comma of "“…,” said X" goes inside the quotation marks, in place
	// of a full stop; a question or exclamation mark stays.
	if !strings.HasSuffix(text, "?") && !strings.HasSuffix(text, "!") && !strings.HasSuffix(text, "…") {
		text = strings.TrimRight(text, ".") + ","
	}
	return Line{{Text: text, Quote: true}, {Text: " said " + who + " (" + when + ")", Cites: cites}, {Text: "."}}
}

// evidenceLine quotes the first sentence an article reported an event in.
func evidenceLine(c *citer, e *event) Line {
	for _, r := range e.reports {
		for _, s := range r.Evidence {
			s = strings.Join(strings.Fields(s), " ")
			if s == "" {
				continue
			}
			s = clipWords(s, 280)
			who := r.Outlet
			if who == "" {
				who = "One report"
			}
			return Line{{Text: who + " reported: "}, {Text: s, Quote: true, Cites: c.cite(r.ArticleID)}}
		}
	}
	return nil
}

// clipWords shortens s to at most n bytes at a word boundary, with an
// ellipsis.
func clipWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

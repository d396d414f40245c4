package report

import (
	"bufio"
	"io"
	"strings"
)

// Method is what the report says of how it was written, under its header.
const Method = "Every sentence below is written by sitrep from the events, figures and quotes it has stored, " +
	"and cites the articles they come from. Figures are given as each source states them and are never added up; " +
	"counts of events come from the store."

// Markdown writes the report as Markdown (CommonMark). Charts are left out:
// they are in the HTML edition.
func (r *Report) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(s ...string) {
		for _, x := range s {
			bw.WriteString(x)
		}
		bw.WriteByte('\n')
	}
	p("# ", mdEscape(r.Title))
	p()
	p("**Period:** ", mdEscape(r.Period), "  ")
	p("**Region:** ", mdEscape(r.regionText()), "  ")
	p("**Sources counted:** ", mdEscape(r.countsText()))
	p()
	p("_", mdEscape(Method), "_")
	p()
	p("## Highlights")
	p()
	if len(r.Highlights) == 0 {
		p(mdEscape(noEvents))
		p()
	}
	mdList(p, r.Highlights)

	if len(r.KeyFigures) > 0 {
		p("## Key figures")
		p()
		for _, f := range r.KeyFigures {
			p("### ", mdEscape(f.Title))
			p()
			mdList(p, f.Lines)
			if f.More > 0 {
				p("_", mdEscape(moreFigures(f.More)), "_")
				p()
			}
		}
	}
	for _, s := range r.Sections {
		p("## ", mdEscape(s.Title))
		p()
		p("_", mdEscape(s.Summary), "._")
		p()
		mdList(p, s.Lines)
		if s.More > 0 {
			p("_", mdEscape(moreEvents(s.More)), "_")
			p()
		}
	}
	if len(r.Statements) > 0 {
		p("## Notable statements")
		p()
		mdList(p, r.Statements)
	}
	p("## Sources")
	p()
	if len(r.Sources) == 0 {
		p("None cited.")
	}
	for _, s := range r.Sources {
		line := itoa(s.N) + ". " + mdEscape(s.sourceText())
		if webURL(s.URL) {
			line += " <" + mdURL(s.URL) + ">"
		} else if s.URL != "" {
			line += " " + mdEscape(s.URL)
		}
		p(line)
	}
	return bw.Flush()
}

const noEvents = "No events were found in the store for this region and period."

func moreFigures(n int) string {
	if n == 1 {
		return "1 more event has figures of this kind."
	}
	return number(int64(n)) + " more events have figures of this kind."
}

func moreEvents(n int) string {
	if n == 1 {
		return "1 more event of this section is not listed."
	}
	return number(int64(n)) + " more events of this section are not listed."
}

// regionText names the region with its kind: "Ukraine (UA)".
func (r *Report) regionText() string {
	switch r.Region.Kind {
	case Country:
		return r.Region.Name + " (" + r.Region.Country + ")"
	case Admin1:
		return r.Region.Name + " (first-level administrative region)"
	}
	return r.Region.Name
}

// countsText counts the sources: "3 articles from 2 outlets, reporting 9
// events".
func (r *Report) countsText() string {
	return plural(r.Articles, "article", "articles") + " from " + plural(r.Outlets, "outlet", "outlets") +
		", reporting " + plural(r.Events, "event", "events") + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(int64(n)) + " " + many
}

// sourceText is a source as the list gives it: outlet, “title”, date.
func (s Source) sourceText() string {
	var parts []string
	if s.Outlet != "" {
		parts = append(parts, s.Outlet)
	}
	title := strings.TrimSpace(s.Title)
	if title == "" {
		title = "untitled"
	}
	parts = append(parts, "“"+title+"”")
	if s.Published != "" {
		parts = append(parts, dateText(s.Published))
	}
	return strings.Join(parts, ", ") + "."
}

func mdList(p func(...string), lines []Line) {
	for _, l := range lines {
		p("- ", mdLine(l))
	}
	if len(lines) > 0 {
		p()
	}
}

// mdLine writes a line: leads in bold, quotes in quotation marks, each
// span's citations after it as [n].
func mdLine(l Line) string {
	var b strings.Builder
	for _, s := range l {
		switch {
		case s.Lead:
			t := strings.TrimRight(s.Text, " ")
			b.WriteString("**" + mdEscape(t) + "**" + s.Text[len(t):])
		case s.Quote:
			b.WriteString("“" + mdEscape(s.Text) + "”")
		default:
			b.WriteString(mdEscape(s.Text))
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

// mdEscaper escapes the characters Markdown would read as markup, so that
// stored text is shown as it is and cannot make links, emphasis or HTML.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`#`, `\#`, `|`, `\|`, `~`, `\~`, `&`, `\&`, "\n", " ", "\r", " ",
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// mdURL makes a URL safe inside <...>: no spaces, angle brackets or
// newlines.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", "\n", "", "\r", "").Replace(u)
}

// webURL tells whether u is an http or https URL, the only ones the report
// links.
func webURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

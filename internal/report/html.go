package report

import (
	"bufio"
	"html/template"
	"io"
)

// htmlView is what the HTML template reads: the report, with the charts'
// SVG marked as safe (svg.go escapes every string it puts in them).
type htmlView struct {
	*Report
	Method, NoEvents, RegionText, CountsText string
	EventChart                               *htmlChart
	FigureCharts                             []htmlChart
	Figures                                  []htmlFigures
	Sections                                 []htmlSection
	Sources                                  []htmlSource
}

type htmlChart struct {
	Title, Caption string
	SVG            template.HTML
}

type htmlFigures struct {
	Figures
	MoreText string
}

type htmlSection struct {
	Section
	MoreText string
}

type htmlSource struct {
	Source
	Text string
	Link bool
}

// HTML writes the report as one HTML page: the text, the SVG charts, and a
// style sheet for screen and print (A4), with no script and nothing to
// fetch. Every stored string is escaped.
func (r *Report) HTML(w io.Writer) error {
	v := htmlView{Report: r, Method: Method, NoEvents: noEvents, RegionText: r.regionText(), CountsText: r.countsText()}
	// The charts' SVG is built by svg.go, which escapes every string in it.
	if c := r.EventChart; c != nil {
		v.EventChart = &htmlChart{c.Title, c.Caption, template.HTML(c.SVG)}
	}
	for _, c := range r.FigureCharts {
		v.FigureCharts = append(v.FigureCharts, htmlChart{c.Title, c.Caption, template.HTML(c.SVG)})
	}
	for _, f := range r.KeyFigures {
		hf := htmlFigures{Figures: f}
		if f.More > 0 {
			hf.MoreText = moreFigures(f.More)
		}
		v.Figures = append(v.Figures, hf)
	}
	for _, s := range r.Sections {
		hs := htmlSection{Section: s}
		if s.More > 0 {
			hs.MoreText = moreEvents(s.More)
		}
		v.Sections = append(v.Sections, hs)
	}
	for _, s := range r.Sources {
		v.Sources = append(v.Sources, htmlSource{Source: s, Text: s.sourceText(), Link: webURL(s.URL)})
	}
	bw := bufio.NewWriter(w)
	if err := page.Execute(bw, v); err != nil {
		return err
	}
	return bw.Flush()
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — {{.Period}}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: Georgia, "Times New Roman", serif; color: #1d1d1d; max-width: 800px; margin: 0 auto; padding: 24px 16px; line-height: 1.45; font-size: 15px; }
header { border-bottom: 4px solid #418fde; padding-bottom: 10px; margin-bottom: 14px; }
h1 { font-family: Helvetica, Arial, sans-serif; font-size: 26px; margin: 0 0 6px; color: #0b3d6e; }
h2 { font-family: Helvetica, Arial, sans-serif; font-size: 18px; color: #0b3d6e; border-bottom: 1px solid #c9d9ea; padding-bottom: 3px; margin-top: 26px; break-after: avoid; }
h3 { font-family: Helvetica, Arial, sans-serif; font-size: 15px; margin: 14px 0 4px; break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 0; font-family: Helvetica, Arial, sans-serif; font-size: 14px; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.method { font-size: 13px; color: #555; font-style: italic; }
section.highlights ul { background: #eef4fb; border-left: 4px solid #418fde; padding: 8px 14px 8px 30px; }
ul { padding-left: 20px; }
li { margin: 5px 0; break-inside: avoid; }
.summary, .more { font-style: italic; color: #444; }
a.cite { text-decoration: none; color: #1f5fa8; font-size: 0.85em; }
.quote { font-style: italic; }
figure { margin: 16px 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #555; }
ol.sources { font-size: 13px; }
ol.sources li { word-break: break-word; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<dl class="meta">
<dt>Period</dt><dd>{{.Period}}</dd>
<dt>Region</dt><dd>{{.RegionText}}</dd>
<dt>Sources counted</dt><dd>{{.CountsText}}</dd>
</dl>
</header>
<p class="method">{{.Method}}</p>
<section class="highlights">
<h2>Highlights</h2>
{{if .Highlights}}<ul>
{{range .Highlights}}<li>{{template "line" .}}</li>
{{end}}</ul>{{else}}<p>{{.NoEvents}}</p>{{end}}
{{with .EventChart}}{{template "chart" .}}{{end}}</section>
{{if .Figures}}<section>
<h2>Key figures</h2>
{{range .Figures}}<h3>{{.Title}}</h3>
<ul>
{{range .Lines}}<li>{{template "line" .}}</li>
{{end}}</ul>
{{with .MoreText}}<p class="more">{{.}}</p>
{{end}}{{end}}{{range .FigureCharts}}{{template "chart" .}}{{end}}</section>
{{end}}{{range .Sections}}<section>
<h2>{{.Title}}</h2>
<p class="summary">{{.Summary}}.</p>
<ul>
{{range .Lines}}<li>{{template "line" .}}</li>
{{end}}</ul>
{{with .MoreText}}<p class="more">{{.}}</p>
{{end}}</section>
{{end}}{{if .Statements}}<section>
<h2>Notable statements</h2>
<ul>
{{range .Statements}}<li>{{template "line" .}}</li>
{{end}}</ul>
</section>
{{end}}<section>
<h2>Sources</h2>
{{if .Sources}}<ol class="sources">
{{range .Sources}}<li id="source-{{.N}}">{{.Text}}{{if .Link}} <a href="{{.URL}}" rel="noreferrer">{{.URL}}</a>{{else if .URL}} {{.URL}}{{end}}</li>
{{end}}</ol>{{else}}<p>None cited.</p>{{end}}
</section>
</body>
</html>
{{define "chart"}}<figure>
{{.SVG}}<figcaption><strong>{{.Title}}.</strong> {{.Caption}}</figcaption>
</figure>
{{end}}{{define "line"}}{{range .}}{{if .Lead}}<strong>{{.Text}}</strong>{{else if .Quote}}<span class="quote">“{{.Text}}”</span>{{else}}{{.Text}}{{end}}{{with .Cites}} {{range .}}<a class="cite" href="#source-{{.}}">[{{.}}]</a>{{end}}{{end}}{{end}}{{end}}`))

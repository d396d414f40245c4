package report

import (
	"cmp"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/fusion"
	"github.com/sitrep/sitrep/internal/store"
)

// classColours colour the classes in the charts; sections share a hue.
var classColours = map[string]string{
	"attack": "#b2182b", "armed_clash": "#d6604d", "territory_seized": "#f4a582", "military_operation": "#8c510a",
	"violence_against_civilians": "#762a83", "displacement": "#2166ac", "disaster": "#4393c3",
	"protest": "#e08214", "riot": "#fdb863", "arrest": "#7f6b3a",
	"negotiation": "#1b7837", "agreement": "#5aae61", "request": "#a6dba0", "aid": "#01665e", "sanction": "#35978f",
	"threaten": "#80cdc1", "accuse": "#c7eae5",
	"statement": "#999999",
}

// seriesColours colour the claimants of a figures chart.
var seriesColours = []string{"#1f4e9c", "#c0392b", "#27864a", "#8e44ad", "#d68910", "#17808a", "#6e5a3a", "#555555"}

const (
	maxFigureCharts = 3
	maxSeries       = 8
)

// figureCharts draw, for the most severe events whose sources give
// different numbers, their figures over time by source.
func figureCharts(fx *facts, ranked []*event) []Chart {
	out := []Chart{}
	for _, cat := range categories {
		for _, e := range ranked {
			if len(out) == maxFigureCharts {
				return out
			}
			if ch, ok := figureChart(fx, e, cat, e.byCat[cat.key]); ok {
				out = append(out, ch)
			}
		}
	}
	return out
}

// bucket is one bar of the events chart: the days from lo to hi.
type bucket struct {
	lo, hi string
	n      map[string]int
}

// buckets are the bars of the period: days, or weeks for a long period.
func buckets(since, until string) []bucket {
	a, _ := time.Parse(day, since)
	b, _ := time.Parse(day, until)
	days := int(b.Sub(a).Hours()/24) + 1
	step := 1
	if days > 62 {
		step = 7
	}
	var out []bucket
	for t := a; !t.After(b); t = t.AddDate(0, 0, step) {
		hi := t.AddDate(0, 0, step-1)
		if hi.After(b) {
			hi = b
		}
		out = append(out, bucket{lo: t.Format(day), hi: hi.Format(day), n: map[string]int{}})
	}
	return out
}

// eventsChart is a stacked bar chart of the events per day (or week), by
// class.
func eventsChart(fx *facts, sums []ClassSum) Chart {
	bs := buckets(fx.q.Since, fx.q.Until)
	for _, e := range fx.events {
		lo, _, _ := fusion.DateRange(e.Date, e.DatePrecision)
		i, _ := slices.BinarySearchFunc(bs, lo, func(b bucket, d string) int {
			if b.hi < d {
				return -1
			}
			if b.lo > d {
				return 1
			}
			return 0
		})
		if i < len(bs) {
			bs[i].n[e.Class]++
		}
	}
	top := 0
	for _, b := range bs {
		n := 0
		for _, v := range b.n {
			n += v
		}
		top = max(top, n)
	}
	const (
		w, h                 = 760.0, 300.0
		left, right, tp, bot = 44.0, 200.0, 16.0, 46.0
	)
	pw, ph := w-left-right, h-tp-bot
	yMax, ticks := niceAxis(float64(top))
	var s svgBuf
	s.open(w, h, "Events per day by class")
	s.axisY(left, tp, pw, ph, yMax, ticks)
	slot := pw / float64(len(bs))
	bw := math.Max(1, math.Min(48, slot*0.7))
	every := max(1, int(math.Ceil(float64(len(bs))/12)))
	for i, b := range bs {
		x := left + slot*float64(i) + (slot-bw)/2
		y := tp + ph
		for _, cs := range sums {
			n := b.n[cs.Class]
			if n == 0 {
				continue
			}
			bh := ph * float64(n) / yMax
			y -= bh
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>`,
				f1(x), f1(y), f1(bw), f1(bh), colourOf(cs.Class), esc(bucketText(b)+": "+number(int64(n))+" "+strings.ToLower(cs.Label)))
		}
		if i%every == 0 {
			s.printf(`<text x="%s" y="%s" text-anchor="middle" class="tick">%s</text>`, f1(left+slot*float64(i)+slot/2), f1(tp+ph+16), esc(shortDay(b.lo)))
		}
	}
	s.legend(w-right+16, tp, sumsLegend(sums))
	s.close()
	what := "day"
	if len(bs) > 0 && bs[0].lo != bs[0].hi {
		what = "week (from the day shown)"
	}
	return Chart{
		Title:   "Events per " + strings.Split(what, " ")[0] + " by class",
		Caption: "Fused events in the report by the first day of their date and their class, per " + what + ". Source: the sitrep store.",
		SVG:     s.String(),
	}
}

func sumsLegend(sums []ClassSum) []legendItem {
	var out []legendItem
	for _, cs := range sums {
		out = append(out, legendItem{colourOf(cs.Class), cs.Label + " (" + number(int64(cs.Count)) + ")", false})
	}
	return out
}

func colourOf(class string) string {
	if c, ok := classColours[class]; ok {
		return c
	}
	return "#bbbbbb"
}

func bucketText(b bucket) string {
	if b.lo == b.hi {
		return dateText(b.lo)
	}
	return periodText(b.lo, b.hi)
}

func shortDay(d string) string {
	t, err := time.Parse(day, d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan")
}

// point is one claim on a figures chart.
type point struct {
	day      string
	lo, hi   int64
	label    string
	articles []string
}

// figureChart draws the figures of one category about one event over the
// days they were reported, one line per claimant; ok is false when fewer
// than two numbers disagree.
func figureChart(fx *facts, e *event, cat category, cs []store.Claim) (Chart, bool) {
	type series struct {
		key, name string
		pts       []point
	}
	var ss []*series
	idx := map[string]*series{}
	values := map[int64]bool{}
	for _, c := range cs {
		if c.Min == nil && c.Max == nil {
			continue // a vague word is not a number to plot
		}
		a, ok := amount(c)
		if !ok {
			continue
		}
		lo, _ := lower(c)
		hi, _ := upper(c)
		values[lo] = true
		k := claimantKey(c)
		s := idx[k]
		if s == nil {
			s = &series{key: k, name: claimantName(c.Claimant, c.Outlet)}
			idx[k] = s
			ss = append(ss, s)
		}
		d := dayOf(c.Published)
		if n := len(s.pts); n > 0 && s.pts[n-1].day == d && s.pts[n-1].lo == lo && s.pts[n-1].hi == hi {
			s.pts[n-1].articles = append(s.pts[n-1].articles, c.ArticleID)
			continue
		}
		s.pts = append(s.pts, point{day: d, lo: lo, hi: hi, label: a, articles: []string{c.ArticleID}})
	}
	if len(values) < 2 {
		return Chart{}, false
	}
	slices.SortStableFunc(ss, func(a, b *series) int { return cmp.Compare(a.key, b.key) })
	if len(ss) > maxSeries {
		ss = ss[:maxSeries]
	}
	first, last := "", ""
	top := int64(0)
	for _, s := range ss {
		for _, p := range s.pts {
			if first == "" || p.day < first {
				first = p.day
			}
			last = max(last, p.day)
			top = max(top, p.hi)
		}
	}
	a, _ := time.Parse(day, first)
	b, _ := time.Parse(day, last)
	span := b.Sub(a).Hours() / 24
	const (
		w, h                 = 760.0, 300.0
		left, right, tp, bot = 64.0, 220.0, 16.0, 46.0
	)
	pw, ph := w-left-right, h-tp-bot
	xOf := func(d string) float64 {
		if span == 0 {
			return left + pw/2
		}
		t, _ := time.Parse(day, d)
		return left + 20 + (pw-40)*t.Sub(a).Hours()/24/span
	}
	yMax, ticks := niceAxis(float64(top))
	yOf := func(v int64) float64 { return tp + ph - ph*float64(v)/yMax }
	title := cat.title + " — " + subject(e, fx.q.Region)
	var s svgBuf
	s.open(w, h, title+", by source")
	s.axisY(left, tp, pw, ph, yMax, ticks)
	for d := a; !d.After(b); d = d.AddDate(0, 0, max(1, int(math.Ceil(span/8)))) {
		s.printf(`<text x="%s" y="%s" text-anchor="middle" class="tick">%s</text>`, f1(xOf(d.Format(day))), f1(tp+ph+16), esc(shortDay(d.Format(day))))
	}
	var legend []legendItem
	for i, sr := range ss {
		col := seriesColours[i%len(seriesColours)]
		if len(sr.pts) > 1 {
			var pts []string
			for _, p := range sr.pts {
				pts = append(pts, f1(xOf(p.day))+","+f1(yOf(p.lo)))
			}
			s.printf(`<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), col)
		}
		for _, p := range sr.pts {
			x := xOf(p.day)
			if p.hi != p.lo {
				s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>`, f1(x), f1(yOf(p.lo)), f1(x), f1(yOf(p.hi)), col)
			}
			s.printf(`<circle cx="%s" cy="%s" r="4.5" fill="%s"><title>%s</title></circle>`, f1(x), f1(yOf(p.lo)), col,
				esc(p.label+" "+cat.word+" according to "+sr.name+", reported "+dateText(p.day)))
			s.printf(`<text x="%s" y="%s" class="val" fill="%s">%s</text>`, f1(x+7), f1(yOf(p.lo)-6), col, esc(p.label))
		}
		legend = append(legend, legendItem{col, sr.name, true})
	}
	s.legend(w-right+16, tp, legend)
	s.close()
	return Chart{
		Title: title + ", by source",
		Caption: "Each line is one source's figure on the day it was reported (the lower bound where a source gives a range or “at least”). " +
			"Vague figures such as “dozens” are not plotted, and the figures are not added up.",
		SVG: s.String(),
	}, true
}

// niceAxis returns the top of a y axis at or above v and its tick step.
func niceAxis(v float64) (top, step float64) {
	if v <= 0 {
		return 1, 1
	}
	raw := v / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if step < 1 {
		step = 1
	}
	return math.Ceil(v/step) * step, step
}

// svgBuf writes an SVG document.
type svgBuf struct {
	strings.Builder
}

func (s *svgBuf) printf(format string, args ...string) {
	// Only %s verbs, each filled with a string already escaped or made here.
	parts := strings.Split(format, "%s")
	for i, p := range parts {
		s.WriteString(p)
		if i < len(args) && i < len(parts)-1 {
			s.WriteString(args[i])
		}
	}
	s.WriteByte('\n')
}

func (s *svgBuf) open(w, h float64, label string) {
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
		f1(w), f1(h), f1(w), f1(h), esc(label))
	s.printf(`<style>.tick{fill:#555;font-size:11px}.val{font-size:11px}.leg{fill:#222;font-size:12px}</style>`)
}

func (s *svgBuf) close() { s.printf(`</svg>`) }

// axisY draws the plot's frame, the y ticks and grid lines.
func (s *svgBuf) axisY(left, top, w, h, yMax, step float64) {
	for v := 0.0; v <= yMax+step/2; v += step {
		y := top + h - h*v/yMax
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#ddd"/>`, f1(left), f1(y), f1(left+w), f1(y))
		s.printf(`<text x="%s" y="%s" text-anchor="end" class="tick">%s</text>`, f1(left-6), f1(y+4), esc(number(int64(v))))
	}
	s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, f1(left), f1(top+h), f1(left+w), f1(top+h))
}

type legendItem struct {
	colour, label string
	line          bool
}

func (s *svgBuf) legend(x, y float64, items []legendItem) {
	for i, it := range items {
		yy := y + 18*float64(i)
		if it.line {
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>`, f1(x), f1(yy+6), f1(x+14), f1(yy+6), it.colour)
			s.printf(`<circle cx="%s" cy="%s" r="3.5" fill="%s"/>`, f1(x+7), f1(yy+6), it.colour)
		} else {
			s.printf(`<rect x="%s" y="%s" width="12" height="12" fill="%s"/>`, f1(x), f1(yy), it.colour)
		}
		s.printf(`<text x="%s" y="%s" class="leg">%s</text>`, f1(x+20), f1(yy+10), esc(clip(it.label, 30)))
	}
}

// f1 writes a coordinate with one decimal, the same on every machine.
func f1(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// esc escapes text for SVG (XML) content and attributes.
func esc(s string) string { return html.EscapeString(s) }

func itoa(n int) string { return strconv.Itoa(n) }

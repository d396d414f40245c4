package api

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/sitrep/sitrep/internal/report"
)

// reportParams are the parameters of GET /api/report.
var reportParams = []string{"region", "date", "since", "until", "format"}

// report answers GET /api/report: the situation report on a region and a
// period, as Markdown (the default), HTML with its charts, or JSON.
func (s *server) report(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.RawQuery, reportParams...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	region, e1 := p.required("region")
	date, e2 := p.text("date")
	since, e3 := p.text("since")
	until, e4 := p.text("until")
	format, e5 := p.oneOf("format", []string{"md", "html", "json"})
	if err := firstErr(e1, e2, e3, e4, e5); err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := report.ParseQuery(region, date, since, until)
	var qe *report.QueryError
	if errors.As(err, &qe) {
		s.fail(w, r, badParam(qe.Param, "%s", qe.Msg))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, cancel := s.queryContext(r)
	defer cancel()
	rep, err := report.Build(ctx, s.st, q)
	if errors.As(err, &qe) {
		s.fail(w, r, badParam(qe.Param, "%s", qe.Msg))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	switch format {
	case "json":
		writeJSON(w, http.StatusOK, rep)
		return
	case "html":
		err = rep.HTML(&buf)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The report is a document, not an app: no script runs in it.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	default:
		err = rep.Markdown(&buf)
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Write(buf.Bytes())
}

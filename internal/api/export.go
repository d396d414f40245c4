package api

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
)

// Exporter is one export format: how to name and type the download, and
// the writer that streams events into it.
type Exporter struct {
	// ContentType is the media type of the download.
	ContentType string
	// Filename names the download ("sitrep-events.csv").
	Filename string
	// New returns a writer on w.
	New func(w io.Writer) EventWriter
	// Detail asks for each event with its reports and claims (one more
	// store query per event); without it the writer gets the event row
	// alone, Reports and Claims nil.
	Detail bool
}

// EventWriter streams events into an export. Nothing need be written
// before the first Write or Flush; Close ends the output (a header, the end
// of a collection) and flushes it without closing the io.Writer.
type EventWriter interface {
	Write(*store.EventDetail) error
	Flush() error
	Close() error
}

// exportPage is how many events an export reads from the store at once.
const exportPage = 500

func (s *server) exportCSV(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, s.opt.CSV)
}

func (s *server) exportGeoJSON(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, s.opt.GeoJSON)
}

// export streams every event the filters select, page by page (each with
// its reports and claims when the format asks). The first page is read before anything is
// written, so that a bad filter is still a JSON 400; a fault after the
// download has begun cuts the connection, so that a client never takes a
// truncated file for a whole one.
func (s *server) export(w http.ResponseWriter, r *http.Request, ex *Exporter) {
	f, err := parseExportFilter(r.URL.RawQuery)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ex == nil || ex.New == nil {
		writeError(w, http.StatusNotImplemented, "this export format is not available in this build")
		return
	}
	ctx := r.Context()
	f.Limit = exportPage
	page, err := s.st.Events(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ex.ContentType)
	if ex.Filename != "" {
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", ex.Filename))
	}
	ew := ex.New(w)
	rc := http.NewResponseController(w)
	n := 0
	abort := func(what string, err error) {
		if ctx.Err() == nil {
			s.log.Error("export cut short", "path", r.URL.Path, "query", r.URL.RawQuery, "events", n, "step", what, "err", err)
		}
		panic(http.ErrAbortHandler)
	}
	for {
		for _, e := range page.Items {
			d := &store.EventDetail{Event: e}
			if ex.Detail {
				if d, err = s.st.Event(ctx, e.ID); err != nil {
					abort("read event", err)
				}
			}
			if err := ew.Write(d); err != nil {
				abort("write", err)
			}
			n++
		}
		if err := ew.Flush(); err != nil {
			abort("flush", err)
		}
		rc.Flush() // the writer has no Flush in some tests; nothing to do then
		rc.SetWriteDeadline(time.Now().Add(exportWriteTimeout))
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
		if page, err = s.st.Events(ctx, f); err != nil {
			abort("read events", err)
		}
	}
	if err := ew.Close(); err != nil {
		abort("close", err)
	}
}

// The exporters used when Options leave them nil: the export package's
// ACLED-style CSV (with each event's outlets, URLs and claims) and GeoJSON
// (the event rows alone: its features need nothing more).
var (
	defaultCSV = &Exporter{ContentType: export.ContentType(export.FormatCSV), Filename: "sitrep-events.csv", Detail: true,
		New: func(w io.Writer) EventWriter { return rowWriter{export.NewCSV(w)} }}
	defaultGeoJSON = &Exporter{ContentType: export.ContentType(export.FormatGeoJSON), Filename: "sitrep-events.geojson",
		New: func(w io.Writer) EventWriter { return rowWriter{export.NewGeoJSON(w)} }}
)

// rowWriter adapts an export.Writer.
type rowWriter struct{ export.Writer }

func (w rowWriter) Write(d *store.EventDetail) error { return w.Writer.Write(export.RowFromDetail(d)) }

// Package export writes fused events for other tools: CSV in the manner of
// ACLED's data exports, GeoJSON for maps, JSON Lines and Parquet. It backs
// `sitrep export --format csv|geojson|jsonl|parquet` and the API's CSV and
// GeoJSON downloads.
//
// Every writer streams: a store hands it one Row at a time, in the order it
// reads them, and the writer keeps nothing of a row once it is written
// (Parquet aside, which buffers a row group of at most 65,536 rows before it
// writes it, as the format requires). Nothing is written before the first
// Write or Flush, so a caller can still answer an error instead of a
// truncated file; Close ends the output (the CSV header of an empty export,
// the end of the GeoJSON FeatureCollection, the Parquet footer) and flushes
// it, but does not close the underlying io.Writer.
//
// The CSV and the Parquet file have the same columns (Record); ACLED's
// column names and conventions hold where they apply and our additions
// follow them:
//
//	event_id_cnty   ISO 3166-1 alpha-3 code of the country and our id: UKR42
//	event_date      YYYY-MM-DD; the first day of a week, month, year or range
//	time_precision  1 day, 2 week or month (or a range up to 31 days), 3 longer
//	event_type      ACLED event type, empty for classes ACLED has none for
//	sub_event_type  ACLED sub-event type
//	actor1, actor2  as the events stage names them
//	country         English name ("Ukraine", "Democratic Republic of Congo")
//	admin1          first-level division
//	location        place name
//	latitude        WGS 84, rounded to 5 decimals; empty when unknown
//	longitude
//	geo_precision   1 town, 2 near a town or a province, 3 region or country
//	source          the outlets of the reports, joined with "; "
//	notes           the summary, then the figure claims in brief
//	fatalities      ACLED's conservative count; 0 when unknown (CSV)
//	injured         ours: the same for the injured; empty when unknown
//	claims          ours: the number of figure claims
//	url             ours: the URLs of the reports, joined with " "
//	sitrep_id       ours: the fused event id
//	sitrep_class    ours: the event class (attack, protest, aid, ...), which
//	                says what an event without an ACLED type is
//
// Coordinates are treated as unknown when they are missing, not finite, out
// of range, or exactly (0, 0): the gazetteer gives that point to the few
// divisions it has no position for, and no news event happens on Null Island.
package export

import (
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/store"
)

// Row is one fused event with what the export needs of its reports. A store
// fills it while it streams events: the event row, the outlet and URL of
// each report (one query per page, or a GROUP_CONCAT) and the figure
// claims. The writers drop empty and repeated outlets and URLs, so Sources
// and URLs may have one entry per report, in any order the store likes;
// the order kept is the first appearance.
type Row struct {
	Event store.Event
	// Sources are the outlets of the reports ("Reuters", "UPI").
	Sources []string
	// URLs are the addresses of the reports.
	URLs []string
	// Claims are the figure claims of the event, in the store's order
	// (the notes column lists them in it, grouped by category). Nil means
	// not loaded: the claims column then reports Event.ClaimCount.
	Claims []store.Claim
}

// RowFromDetail builds the Row of an event read with all its reports.
func RowFromDetail(d *store.EventDetail) Row {
	r := Row{Event: d.Event, Claims: d.Claims}
	for _, rep := range d.Reports {
		r.Sources = append(r.Sources, rep.Outlet)
		r.URLs = append(r.URLs, rep.URL)
	}
	return r
}

// The formats New knows.
const (
	FormatCSV     = "csv"
	FormatGeoJSON = "geojson"
	FormatJSONL   = "jsonl"
	FormatParquet = "parquet"
)

// Formats lists the formats New knows, for flag help and validation.
var Formats = []string{FormatCSV, FormatGeoJSON, FormatJSONL, FormatParquet}

// Writer is what every format's writer does.
type Writer interface {
	// Write writes one event (or, for GeoJSON, skips it when it has no
	// coordinates).
	Write(Row) error
	// Flush writes what is buffered to the underlying writer, for a
	// caller that streams over HTTP. The Parquet writer cannot emit
	// anything usable before Close; its Flush only hands buffered rows to
	// the encoder.
	Flush() error
	// Close ends the output and flushes it; the underlying io.Writer is
	// left open. Write after Close is an error.
	Close() error
}

// New returns the writer of a format (FormatCSV, ...).
func New(format string, w io.Writer) (Writer, error) {
	switch format {
	case FormatCSV:
		return NewCSV(w), nil
	case FormatGeoJSON:
		return NewGeoJSON(w), nil
	case FormatJSONL:
		return NewJSONL(w), nil
	case FormatParquet:
		return NewParquet(w), nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want csv, geojson, jsonl or parquet)", format)
}

// ContentType returns the media type of a format's output, "" for an
// unknown format.
func ContentType(format string) string {
	switch format {
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatGeoJSON:
		return "application/geo+json" // RFC 7946
	case FormatJSONL:
		return "application/x-ndjson"
	case FormatParquet:
		return "application/vnd.apache.parquet"
	}
	return ""
}

// errClosed is returned by Write after Close.
var errClosed = fmt.Errorf("export: write after close")

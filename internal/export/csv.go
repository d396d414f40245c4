package export

import (
	"encoding/csv"
	"io"
	"strconv"
)

// CSVWriter writes events as CSV: a header of Columns, then one line per
// event. Fields are quoted as RFC 4180 says (encoding/csv: a field with a
// comma, a double quote, a line break or leading space is enclosed in
// double quotes, and its quotes doubled); lines end in LF, which every CSV
// reader takes. The text is UTF-8 without a byte order mark.
//
// Spreadsheet applications run a cell that starts with = + - or @ (and, in
// some, a tab or a carriage return) as a formula, which a news text could
// abuse ("=HYPERLINK(...)"). Such a cell gets a leading apostrophe, which
// the applications show as text: "'=1+2". Numbers are left alone ("-33.92"
// is a longitude, not a formula), whatever their column.
type CSVWriter struct {
	w      *csv.Writer
	header bool
	closed bool
	cells  []string
}

// NewCSV returns a CSV writer on w. The header is written with the first
// event, or by Flush or Close when there is none.
func NewCSV(w io.Writer) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w), cells: make([]string, len(Columns))}
}

func (c *CSVWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.w.Write(Columns)
}

// Write writes one event.
func (c *CSVWriter) Write(r Row) error {
	if c.closed {
		return errClosed
	}
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.cells = CSVCells(ToRecord(r), c.cells[:0])
	for i, s := range c.cells {
		c.cells[i] = SafeCell(s)
	}
	return c.w.Write(c.cells)
}

// Flush writes the buffered lines to the underlying writer.
func (c *CSVWriter) Flush() error {
	if c.closed {
		return nil
	}
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// Close flushes; the underlying writer stays open.
func (c *CSVWriter) Close() error {
	if c.closed {
		return nil
	}
	err := c.Flush()
	c.closed = true
	return err
}

// CSVCells appends the cells of a record, in the order of Columns, to dst:
// numbers in decimal ("48.45716"), unknown values empty, except fatalities,
// 0 when unknown as in ACLED's files. The cells are not yet guarded against
// formulas (SafeCell).
func CSVCells(rec Record, dst []string) []string {
	fat := int64(0)
	if rec.Fatalities != nil {
		fat = *rec.Fatalities
	}
	return append(dst,
		rec.EventIDCnty,
		rec.EventDate,
		optInt32(rec.TimePrecision),
		rec.EventType,
		rec.SubEventType,
		rec.Actor1,
		rec.Actor2,
		rec.Country,
		rec.Admin1,
		rec.Location,
		optFloat(rec.Latitude),
		optFloat(rec.Longitude),
		optInt32(rec.GeoPrecision),
		rec.Source,
		rec.Notes,
		strconv.FormatInt(fat, 10),
		optInt64(rec.Injured),
		strconv.FormatInt(rec.Claims, 10),
		rec.URL,
		strconv.FormatInt(rec.SitrepID, 10),
		rec.SitrepClass,
	)
}

func optInt32(p *int32) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(int64(*p), 10)
}

func optInt64(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func optFloat(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// SafeCell guards a CSV cell against formula injection: a cell that starts
// with = + - @, a tab or a carriage return, and is not a plain decimal
// number, gets a leading apostrophe.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !isNumber(s) {
			return "'" + s
		}
	}
	return s
}

// isNumber reports whether s is a plain decimal number: an optional sign,
// digits, and optionally a point and more digits ("-33.92", "+5", "12").
func isNumber(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point && digits > 0 && i < len(s)-1:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

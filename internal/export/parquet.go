package export

import (
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// ParquetWriter writes events as an Apache Parquet file with the columns of
// the CSV, typed (Record): dates as strings, precisions int32, counts and
// ids int64, coordinates float64, and null for what is unknown, fatalities
// included (the CSV's 0 is ACLED's convention for a text file; a typed
// column can say "unknown"). Columns are zstd-compressed, the ones with few
// distinct values dictionary-encoded.
//
// A Parquet file is only readable once its footer is written, by Close.
// Rows go out in row groups of at most 65,536 events, so memory stays
// bounded however long the export.
type ParquetWriter struct {
	pw     *parquet.GenericWriter[Record]
	batch  []Record
	closed bool
}

// parquetBatch is how many records Write gathers before it hands them to
// the encoder, which is much faster in batches than row by row.
const parquetBatch = 256

// parquetRowGroup is the largest row group: some 20-60 MB of events before
// compression.
const parquetRowGroup = 65536

// NewParquet returns a Parquet writer on w.
func NewParquet(w io.Writer) *ParquetWriter {
	return &ParquetWriter{
		pw: parquet.NewGenericWriter[Record](w,
			parquet.Compression(&zstd.Codec{}),
			parquet.MaxRowsPerRowGroup(parquetRowGroup),
		),
		batch: make([]Record, 0, parquetBatch),
	}
}

// Write adds one event.
func (p *ParquetWriter) Write(r Row) error {
	if p.closed {
		return errClosed
	}
	p.batch = append(p.batch, ToRecord(r))
	if len(p.batch) == parquetBatch {
		return p.Flush()
	}
	return nil
}

// Flush hands the gathered records to the encoder. It does not make the
// output readable: only Close does.
func (p *ParquetWriter) Flush() error {
	if p.closed || len(p.batch) == 0 {
		return nil
	}
	_, err := p.pw.Write(p.batch)
	clear(p.batch)
	p.batch = p.batch[:0]
	return err
}

// Close writes the last row group and the footer; the underlying writer
// stays open.
func (p *ParquetWriter) Close() error {
	if p.closed {
		return nil
	}
	err := p.Flush()
	p.closed = true
	if err != nil {
		return err
	}
	return p.pw.Close()
}

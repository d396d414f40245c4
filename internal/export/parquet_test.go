package export

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func TestParquetRoundTrip(t *testing.T) {
	// More rows than a batch, built the way a store streaming rows might:
	// one count variable reused from row to row, so a writer that kept the
	// row's pointer would write the last count everywhere.
	var fat int64
	row := func(i int) Row {
		var r Row
		switch i % 3 {
		case 0:
			r = kharkiv()
			fat = int64(i)
			r.Event.Fatalities = &fat
		case 1:
			r = lima()
		default:
			r = talks()
		}
		r.Event.ID = int64(1000 + i)
		r.Event.Location += fmt.Sprint(" ", i)
		return r
	}

	var buf bytes.Buffer
	w := NewParquet(&buf)
	var want []Record
	n := parquetBatch + 44
	for i := range n {
		r := row(i)
		want = append(want, ToRecord(r))
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(row(0)); err == nil {
		t.Error("Write after Close succeeded")
	}
	if *want[3].Fatalities != 3 {
		t.Fatalf("record 3 shares the row's fatalities: %d", *want[3].Fatalities)
	}

	got, err := parquet.Read[Record](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	// Unknowns are nulls, not zeros.
	if got[1].Fatalities != nil || got[2].Latitude != nil || got[2].GeoPrecision != nil {
		t.Errorf("unknowns not null: %+v %+v", got[1], got[2])
	}
	if got[0].Notes == "" || *got[0].Latitude != 49.98081 || got[0].EventIDCnty != "UKR1000" {
		t.Errorf("row 0: %+v", got[0])
	}

	// The schema has the CSV's columns, in order.
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range f.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	if !reflect.DeepEqual(cols, Columns) {
		t.Errorf("columns %v\nwant    %v", cols, Columns)
	}
}

func TestParquetEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewParquet(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	got, err := parquet.Read[Record](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(got) != 0 {
		t.Errorf("empty file: %d rows, %v", len(got), err)
	}
}

package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSVHeaderAndConflictingClaims(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSV(&buf)
	for _, r := range []Row{kharkiv(), lima(), talks()} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := []string{
		"event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location," +
			"latitude,longitude,geo_precision,source,notes,fatalities,injured,claims,url,sitrep_id,sitrep_class",
		"UKR42,2024-03-05,1,Explosions/Remote violence,Shelling/artillery/missile attack," +
			"Military Forces of Russia,Civilians (Ukraine),Ukraine,Kharkiv,Kharkiv,49.98081,36.25272,1,UPI; Reuters," +
			`"Russian shelling hit residential areas of Kharkiv. Killed: 12 (governor, UPI 2024-03-06); ` +
			`14 (emergency service, Reuters 2024-03-06). Injured: at least 30 (Reuters 2024-03-06).",` +
			"12,30,4,https://upi.example/a https://reuters.example/b https://upi.example/a2,42,attack",
		"PER7,2023-01-01,2,Protests,Peaceful protest,Protesters (Peru),,Peru,,Lima,-12.04318,-77.02824,1,AP," +
			"Thousands marched in Lima.,0,,0,,7,protest",
		"XXX9,2024-01-01,3,,,,,,,,,,,,Envoys met.,0,,0,,9,negotiation",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
	if got := strings.Join(Columns, ","); got != want[0] {
		t.Errorf("Columns = %s", got)
	}
}

func TestCSVEmptyHasHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := NewCSV(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), strings.Join(Columns, ",")+"\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCSVEscaping(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Row)
		col   string
		want  string // the cell as a CSV reader reads it back
		inRaw string // if set, must appear in the raw output
	}{
		{"quotes", func(r *Row) { r.Event.Summary = `Officials said "no comment"` },
			"notes", `Officials said "no comment"`, `"Officials said ""no comment"""`},
		{"newline", func(r *Row) { r.Event.Summary = "First line.\nSecond line." },
			"notes", "First line.\nSecond line.", "\"First line.\nSecond line.\""},
		{"comma", func(r *Row) { r.Event.Location = "Donetsk, Ukraine" },
			"location", "Donetsk, Ukraine", `"Donetsk, Ukraine"`},
		{"formula =", func(r *Row) { r.Event.Actor1 = `=HYPERLINK("http://evil.example","click")` },
			"actor1", `'=HYPERLINK("http://evil.example","click")`, ""},
		{"formula +", func(r *Row) { r.Event.Actor2 = "+1-555" }, "actor2", "'+1-555", ""},
		{"formula -", func(r *Row) { r.Event.Admin1 = "-2+3" }, "admin1", "'-2+3", ""},
		{"formula @", func(r *Row) { r.Event.Location = "@SUM(A1:A9)" }, "location", "'@SUM(A1:A9)", ""},
		{"formula tab", func(r *Row) { r.Event.Location = "\t=1" }, "location", "'\t=1", ""},
		{"formula in summary", func(r *Row) { r.Event.Summary = "=1+2" }, "notes", "'=1+2", ""},
		{"source list", func(r *Row) { r.Sources = []string{"=cmd", "UPI"} }, "source", "'=cmd; UPI", ""},
		{"negative number kept", func(r *Row) { r.Event.Lon = f64(-33.92) }, "longitude", "-33.92", ""},
		{"number-like text kept", func(r *Row) { r.Event.Location = "-5" }, "location", "-5", ""},
		{"plain text", func(r *Row) { r.Event.Location = "Kyiv" }, "location", "Kyiv", ""},
	}
	col := map[string]int{}
	for i, c := range Columns {
		col[c] = i
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lima()
			tt.edit(&r)
			var buf bytes.Buffer
			w := NewCSV(&buf)
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
			if err != nil {
				t.Fatalf("output does not parse: %v\n%s", err, buf.String())
			}
			if len(recs) != 2 || len(recs[1]) != len(Columns) {
				t.Fatalf("got %d records (%v)", len(recs), recs)
			}
			if got := recs[1][col[tt.col]]; got != tt.want {
				t.Errorf("%s = %q, want %q", tt.col, got, tt.want)
			}
			if tt.inRaw != "" && !strings.Contains(buf.String(), tt.inRaw) {
				t.Errorf("raw output lacks %q:\n%s", tt.inRaw, buf.String())
			}
		})
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Kyiv", "Kyiv"},
		{"=1+1", "'=1+1"},
		{"+44 20", "'+44 20"},
		{"-", "'-"},
		{"@x", "'@x"},
		{"\rx", "'\rx"},
		{"-12.5", "-12.5"},
		{"+7", "+7"},
		{"-12.", "'-12."},
		{"-.5", "'-.5"},
		{"-1e5", "'-1e5"},
		{"12", "12"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

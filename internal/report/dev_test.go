package report

import "testing"

// TestDevUkraine20220228 builds the report on Ukraine for 28 February 2022
// from the whole dev corpus (skipped without ../shared), checks it against
// its golden file and traces every citation and number to the store.
func TestDevUkraine20220228(t *testing.T) {
	st := devStore(t)
	r := build(t, st, "UA", "2022-02-28", "2022-02-28")
	md := markdown(t, r)
	golden(t, "dev-ua-2022-02-28.golden.md", md)
	tr := trace(t, st, md)
	if r.Events == 0 || tr.cites == 0 || tr.numbers == 0 || tr.figures == 0 {
		t.Errorf("report traces too little: %d events, %+v", r.Events, tr)
	}
	t.Logf("%d events, %d sources, %d citations, %d numbers and %d figure phrases traced", r.Events, tr.sources, tr.cites, tr.numbers, tr.figures)
}

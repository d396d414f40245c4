package figures

import (
	"strings"
	"testing"
)

// BenchmarkFind measures figure finding on news text with a figure in most
// sentences (time expressions computed too).
func BenchmarkFind(b *testing.B) {
	s := strings.Repeat("The ministry said one woman died and 31 people were injured in the city, a city of 1.4 million people. "+
		"Russian troops seized two cities on Monday, the army said. \"There were dozens of dead and hundreds of wounded,\" he said. "+
		"The death toll rose to 10 on Saturday after authorities announced they had found the last missing person.\n\n"+
		"More than 500,000 refugees have fled to neighbouring states, according to the UN refugee agency. "+
		"Leanne Lucas, 35, was injured. Prices rose 12% and £40,000 was raised for 300 families in 2021.\n\n", 200)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Find(Input{Text: s, Published: pub, Outlet: "Outlet"})
	}
}

// TestLongInputsStayFast runs inputs built to make a quadratic pass show.
func TestLongInputsStayFast(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("31 people were killed, police said. ", 5000),
		strings.Repeat("said ", 20000),
		strings.Repeat("the number of ", 10000) + "to 5",
		strings.Repeat("1 2 3 4 5 6 7 8 9 ", 5000),
		strings.Repeat("dozens of ", 10000),
	} {
		Find(Input{Text: s, Published: pub, Outlet: "Outlet"})
	}
}

package timex

import (
	"strings"
	"testing"
)

// benchText builds about 100 KB of news-like text from sentences written for
// the benchmark, most of them with time expressions, some without.
func benchText() string {
	sentences := []string{
		"Feb. 28 (UPI) -- Rockets rained down on the strategic city of Kharkiv on Monday as Russian and Ukrainian negotiators held a \"difficult\" initial round of talks in Belarus.",
		"Dozens of people were killed and injured by shelling in residential areas of Ukraine's second-largest city, the interior ministry said.",
		"Russian forces have made advances at several points along the border since President Vladimir Putin ordered the start of the invasion last Thursday.",
		"Zelensky said late on Sunday that the next 24 hours would be a critical period for Ukrainian forces and civilians.",
		"The foreign ministers are due to meet on Thursday in Antalya, and a third round of talks is scheduled for next Monday.",
		"More than 500,000 people have fled to neighbouring states in the past five days, the UN refugee agency said in a tweet on Monday.",
		"The European Union, which imposed sanctions in 2014 after the annexation of Crimea, said earlier this week it would send weapons.",
		"A ceasefire agreed between March 1 and March 3 collapsed overnight, officials said, and shelling resumed early Tuesday.",
		"The march on the capital may continue, but 24 people were detained and the Sunday Times reported that prices rose 3.5% in February.",
		"Officials said on Feb. 24, 2022, that the airport had been closed until further notice; flights resumed in May 2022.",
		"Two days ago, the governor said three weeks of fighting had destroyed more than 1,200 buildings in recent days.",
		"Talks will resume next week in Istanbul, the ministry said in a statement, adding that no date had been set.",
		"Analysts expect the central bank to raise rates again later this month, after a surprise increase last month.",
		"The UN General Assembly voted on March 2 to demand that Russia withdraw its troops, with 141 votes in favour.",
		"Protesters gathered in the square yesterday afternoon and again this morning, police said.",
	}
	var b strings.Builder
	for i := 0; b.Len() < 100_000; i++ {
		b.WriteString(sentences[i%len(sentences)])
		if i%4 == 3 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	n := len(Find(text, mon))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(text, mon)
	}
	b.ReportMetric(float64(n), "timexes")
}

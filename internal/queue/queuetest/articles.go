package queuetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Invented places, people and bodies: the articles are written for the
// queue's tests and benchmarks.
var (
	towns   = []string{"Harlow Creek", "Vessbridge", "Ostrava Mills", "Kettering Sound", "Palmyra Heights", "Drumlin", "Saltmarsh", "Ivory Gate", "Corran"}
	people  = []string{"Ilse Marchetti", "Dorian Quaye", "Nadia Brunsfeld", "Oskar Penhallow", "Ruth Achterberg", "Tariq Lowell", "Mei Strand"}
	offices = []string{"harbour board", "district health service", "transport authority", "nurses' association", "county council", "coast guard", "rail operator"}
)

// paragraphs are filled with a town, a person, an office and a number.
var paragraphs = []string{
	"Ferries out of %[1]s were held in port on Monday as gale-force winds swept the coast, and %[2]s of the %[3]s said %[4]d sailings had been cancelled.",
	"The %[3]s said it had opened the sports hall in %[1]s to travellers stranded overnight, and that about %[4]d people had slept there.",
	"\"Nobody should try to drive along the sea road until we say it is safe,\" %[2]s told reporters at the quayside in %[1]s.",
	"Cafes and shops near the harbour in %[1]s closed early, and owners said the storm would cost them around %[4]d thousand in lost trade.",
	"Engineers from the %[3]s worked through the night on the sea wall at %[1]s, which protects %[4]d homes on the low ground behind it.",
	"Classes in %[1]s were moved online for the rest of the week, %[2]s said, while surveyors checked %[4]d school roofs for damage.",
	"Fishermen in %[1]s said the boats had been tied up for %[4]d days already this month, and that the season's catch was well below last year's.",
	"Forecasters expect the wind to ease by Thursday, although %[2]s warned that a second storm could reach %[1]s before the weekend.",
	"Volunteers served %[4]d hot meals at the church hall in %[1]s, where buses replaced the trains for most of the afternoon.",
	"A spokeswoman for the %[3]s said the last storm of this strength to hit %[1]s was %[4]d years ago, before the breakwater was extended.",
	"Electricity came back to most streets in %[1]s by the evening, but %[4]d households on the headland were still without power, %[2]s said.",
	"The council leader in %[1]s thanked the %[3]s and the volunteers, and said a report on the damage would be ready within %[4]d days.",
	"Insurers said they had received %[4]d claims from %[1]s by midday, most of them for broken windows, fallen fences and flooded cellars.",
	"Police closed the coastal path north of %[1]s after part of the cliff gave way, and %[2]s said walkers should keep at least %[4]d metres back.",
}

// Article is the plain text of article i, about size bytes (at least a
// headline and two paragraphs): every i gives a different article.
func Article(i, size int) string {
	town := towns[i%len(towns)]
	office := offices[(i/3)%len(offices)]
	var b strings.Builder
	fmt.Fprintf(&b, "Gales shut ports around %s as the %s counts the cost (report %d)\n\n", town, office, i)
	for k := 0; k < 2 || b.Len() < size; k++ {
		p := paragraphs[(i*5+k*3)%len(paragraphs)]
		fmt.Fprintf(&b, p, towns[(i+k)%len(towns)], people[(i+2*k)%len(people)], offices[(i+3*k)%len(offices)], 10+(i*37+k*13)%4000)
		b.WriteString("\n\n")
	}
	return b.String()
}

// WriteArticles writes n articles of about size bytes as 0000.txt, ... in
// dir and returns dir.
func WriteArticles(t testing.TB, dir string, n, size int) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(Article(i, size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteFile writes one file in dir.
func WriteFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

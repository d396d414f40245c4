package quotes

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParagraphs(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // each paragraph's text
		bug        string
	}{
		{"empty", "", nil, ""},
		{"only blank lines", "\n\n\n\n", nil, ""},
		{"one", "One line.", []string{"One line."}, ""},
		{"a single newline does not break", "Line one.\nLine two.", []string{"Line one.\nLine two."}, ""},
		{"two", "First.\n\nSecond.", []string{"First.", "Second."}, ""},
		{"leading and trailing blank lines", "\n\nFirst.\n\n", []string{"First."}, ""},
		{"white space only paragraph skipped", "First.\n\n   \n\nSecond.", []string{"First.", "Second."}, ""},
		{"four newlines", "First.\n\n\n\nSecond.", []string{"First.", "Second."}, ""},
		{"three newlines", "First.\n\n\nSecond.", []string{"First.", "Second."},
			"an odd run of newlines leaves the third at the start of the next paragraph (\"\\nSecond.\"), so startsWithMark misses a mark that opens it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range paragraphs(c.text) {
				if p.start < 0 || p.end > len(c.text) || p.start >= p.end {
					t.Fatalf("paragraph [%d,%d) out of %d bytes", p.start, p.end, len(c.text))
				}
				got = append(got, c.text[p.start:p.end])
			}
			if fmt.Sprint(got) == fmt.Sprint(c.want) && len(got) == len(c.want) {
				return
			}
			msg := fmt.Sprintf("paragraphs(%q) = %q, want %q", c.text, got, c.want)
			if c.bug != "" {
				t.Skipf("known bug: %s\n%s", c.bug, msg)
			}
			t.Error(msg)
		})
	}
}

// wantSpan is a span by its words: the text inside the marks, the
// paragraph it opens in, whether its closing mark was found (closed) and
// whether it is flagged as never closed (unclosed).
type wantSpan struct {
	inner    string
	para     int
	closed   bool
	unclosed bool
}

func (w wantSpan) String() string {
	return fmt.Sprintf("{%q para %d closed %v unclosed %v}", w.inner, w.para, w.closed, w.unclosed)
}

// closedIn is a span closed in paragraph para.
func closedIn(inner string, para int) wantSpan { return wantSpan{inner, para, true, false} }

// runsOn is a segment of a quote that goes on in the next paragraph.
func runsOn(inner string, para int) wantSpan { return wantSpan{inner, para, false, false} }

// stray is a quote never closed, cut at the end of its paragraph.
func stray(inner string, para int) wantSpan { return wantSpan{inner, para, false, true} }

func TestFindSpans(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []wantSpan
		bug        string
	}{
		// plain marks
		{name: "straight double", text: `"We will hold the line," he said.`,
			want: []wantSpan{closedIn("We will hold the line,", 0)}},
		{name: "curly double", text: `“We will hold the line,” he said.`,
			want: []wantSpan{closedIn("We will hold the line,", 0)}},
		{name: "curly single", text: `‘We will hold the line,’ he said.`,
			want: []wantSpan{closedIn("We will hold the line,", 0)}},
		{name: "straight single", text: `'We will hold the line,' he said.`,
			want: []wantSpan{closedIn("We will hold the line,", 0)}},
		{name: "guillemets", text: `«We will hold the line,» he said.`,
			want: []wantSpan{closedIn("We will hold the line,", 0)}},
		{name: "German low-high", text: `„We will hold the line,“ he said.`,
			want: []wantSpan{closedIn("We will hold the line,", 0)}},
		{name: "two in one paragraph", text: `“First part,” she said. “Second part.”`,
			want: []wantSpan{closedIn("First part,", 0), closedIn("Second part.", 0)}},
		{name: "after an opening bracket", text: `The plan ("a road map to peace") was rejected.`,
			want: []wantSpan{closedIn("a road map to peace", 0)}},
		{name: "after an em dash", text: `He had one word for it—'betrayal' and nothing else.`,
			want: []wantSpan{closedIn("betrayal", 0)}},
		{name: "multi-byte text inside", text: `“Kyiv — Київ — is ours,” she said.`,
			want: []wantSpan{closedIn("Kyiv — Київ — is ours,", 0)}},

		// nesting and mixed marks
		{name: "single nested in double", text: `“He told us ‘hold the line’ and left,” she said.`,
			want: []wantSpan{closedIn("He told us ‘hold the line’ and left,", 0)}},
		{name: "single nested at the start", text: `“‘Never again’ is what they all said,” she recalled.`,
			want: []wantSpan{closedIn("‘Never again’ is what they all said,", 0)}},
		{name: "straight double inside curly double", text: `“They call it "the corridor" now,” he said.`,
			want: []wantSpan{closedIn(`They call it "the corridor" now,`, 0)}},
		{name: "guillemets nested in curly", text: `“The sign read «closed» all week,” she said.`,
			want: []wantSpan{closedIn("The sign read «closed» all week,", 0)}},

		// apostrophes and primes are no marks
		{name: "contractions and possessives", text: `Ukraine's allies don't expect it; the city's mayor won't say.`},
		{name: "curly apostrophes", text: `Ukraine’s allies don’t expect it; the city’s mayor won’t say.`},
		{name: "decades", text: `In the 1990s' chaos and the '90s crisis, few spoke.`},
		{name: "inches and feet", text: `A 12" pipe and a 5'11" man stood by the 6' wall.`},
		{name: "plural possessive", text: `The workers' union met the veterans' council.`},
		{name: "apostrophe inside a curly single quote", text: `‘Ukraine’s future is in Europe,’ she said.`,
			want: []wantSpan{closedIn("Ukraine’s future is in Europe,", 0)}},
		{name: "apostrophe inside a straight single quote", text: `'Ukraine's future is in Europe,' she said.`,
			want: []wantSpan{closedIn("Ukraine's future is in Europe,", 0)}},
		{name: "plural possessive inside a straight single quote", text: `'The workers' demands are fair,' she said.`,
			want: []wantSpan{closedIn("The workers' demands are fair,", 0)}},
		{name: "plural possessive inside a curly single quote", text: `‘The workers’ demands are fair,’ she said.`,
			want: []wantSpan{closedIn("The workers’ demands are fair,", 0)}},
		{name: "leading apostrophe, then a plural possessive", text: `Fans of rock 'n roll filled the students' union hall.`},

		// stray and unclosed marks
		{name: "closing mark alone", text: `He said it” and left.`},
		{name: "straight mark at the very end", text: `He measured 12"`},
		{name: "stray opener stays in its paragraph", text: "The council spoke of “a new start for the city.\n\nResidents were not asked.\n\nThe vote passed.",
			want: []wantSpan{stray("a new start for the city.", 0)}},
		{name: "stray opener at the end of the text", text: `He called it “a new start`,
			want: []wantSpan{stray("a new start", 0)}},
		{name: "quote closed in a paragraph that does not open with a mark", text: "“We left at dawn\n\nand never came back,” she said.",
			want: []wantSpan{stray("We left at dawn", 0)}},

		// quotes over paragraphs
		{name: "continued over two paragraphs", text: "“We left at dawn.\n\n“We never came back,” she said.",
			want: []wantSpan{runsOn("We left at dawn.", 0), closedIn("We never came back,", 1)}},
		{name: "continued with straight marks", text: "\"We left at dawn.\n\n\"We never came back,\" she said.",
			want: []wantSpan{runsOn("We left at dawn.", 0), closedIn("We never came back,", 1)}},
		{name: "continued over three paragraphs", text: "“One.\n\n“Two.\n\n“Three.”\n\nAfter.",
			want: []wantSpan{runsOn("One.", 0), runsOn("Two.", 1), closedIn("Three.", 2)}},
		{name: "broken quote, then continued", text: "“First,” she said. “Second.\n\n“Third.”",
			want: []wantSpan{closedIn("First,", 0), runsOn("Second.", 0), closedIn("Third.", 1)}},
		{name: "continued, never closed", text: "“One.\n\n“Two.\n\nAfter.",
			want: []wantSpan{runsOn("One.", 0), stray("Two.", 1)}},
		{name: "run cut after maxParas paragraphs", text: "“P1.\n\n“P2.\n\n“P3.\n\n“P4.\n\n“P5.”",
			want: []wantSpan{runsOn("P1.", 0), runsOn("P2.", 1), runsOn("P3.", 2), stray("P4.", 3), closedIn("P5.", 4)}},
		{name: "a quote after the run closes", text: "“One.\n\n“Two,” she said. “Three.”\n\n“Four.”",
			want: []wantSpan{runsOn("One.", 0), closedIn("Two,", 1), closedIn("Three.", 1), closedIn("Four.", 2)}},
		{name: "continued after three newlines", text: "“We left at dawn.\n\n\n“We never came back,” she said.",
			want: []wantSpan{runsOn("We left at dawn.", 0), closedIn("We never came back,", 1)},
			bug:  "the continuation paragraph starts with the third newline, so startsWithMark misses its mark: the first part is flagged unclosed"},
		{name: "next paragraph's quote is not a continuation of a closed one", text: "“One,” she said.\n\n“Two,” he said.",
			want: []wantSpan{closedIn("One,", 0), closedIn("Two,", 1)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			spans := findSpans(c.text)
			checkSpanInvariants(t, c.text, spans)
			var got []wantSpan
			for _, s := range spans {
				got = append(got, wantSpan{c.text[s.start:s.end], s.para, s.close >= 0, s.unclosed})
			}
			if fmt.Sprint(got) == fmt.Sprint(c.want) {
				if c.bug != "" {
					t.Logf("marked as a bug but passes now, drop the bug field: %s", c.bug)
				}
				return
			}
			msg := fmt.Sprintf("findSpans(%q)\n got  %v\n want %v", c.text, got, c.want)
			if c.bug != "" {
				t.Skipf("known bug: %s\n%s", c.bug, msg)
			}
			t.Error(msg)
		})
	}
}

// checkSpanInvariants: spans in order, not overlapping, each opening at a
// mark, closed ones ending at their closer, offsets on rune boundaries.
func checkSpanInvariants(t *testing.T, text string, spans []span) {
	t.Helper()
	paras := paragraphs(text)
	prevEnd := 0
	for i, s := range spans {
		if s.open < prevEnd || s.open >= s.start || s.start > s.end || s.end > len(text) {
			t.Fatalf("span %d %+v out of order or range (previous end %d, %d bytes)", i, s, prevEnd, len(text))
		}
		for _, off := range []int{s.open, s.start, s.end} {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				t.Fatalf("span %d %+v: offset %d inside a rune", i, s, off)
			}
		}
		if s.para < 0 || s.para >= len(paras) || s.open < paras[s.para].start || s.end > paras[s.para].end {
			t.Fatalf("span %d %+v not inside its paragraph %d", i, s, s.para)
		}
		r, _ := utf8.DecodeRuneInString(text[s.open:])
		closer, ok := pairs[r]
		if !ok {
			t.Fatalf("span %d %+v opens at %q, not a mark", i, s, r)
		}
		if s.close >= 0 {
			c, _ := utf8.DecodeRuneInString(text[s.close:])
			if s.close != s.end || c != closer {
				t.Fatalf("span %d %+v: closes at %q, want %q at its end", i, s, c, closer)
			}
			prevEnd = s.close + utf8.RuneLen(c)
		} else {
			prevEnd = s.end
		}
		if s.unclosed && s.close >= 0 {
			t.Fatalf("span %d %+v flagged unclosed but closed", i, s)
		}
	}
}

// TestFindMarks runs tricky mark sequences through Find with no entities:
// which quotes come out, and with which flags.
func TestFindMarks(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // each quote's text and flags
		bug        string
	}{
		{name: "scare quotes are too short", text: `He called the plan a "road map" and a 'first step' only.`},
		{name: "apostrophes make no quotes", text: `Ukraine's allies don't expect the 1990s' rock 'n' roll to return.`},
		{name: "stray mark cut at its paragraph", text: "They promised “a new start for every family here.\n\nResidents were not asked about it at all.",
			want: []string{"a new start for every family here. [unclosed]"}},
		{name: "run-on quote segments keep no flag", text: "“We left the house at dawn.\n\n“We never came back to it,” she said.",
			want: []string{"We left the house at dawn. []", "We never came back to it, []"}},
		{name: "repeated quote reported once", text: "“We will never leave this city,” she said.\n\n“We will never leave this city,” she said again.",
			want: []string{"We will never leave this city, []"}},
		{name: "heading quote", text: "“We will never leave this city”\n\nThe mayor spoke on Monday. “We will rebuild it all,” he said.",
			want: []string{"We will never leave this city [heading]", "We will rebuild it all, []"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, q := range Find(c.text, nil, "", "") {
				if q.Kind == "indirect" {
					continue
				}
				got = append(got, fmt.Sprintf("%s [%s]", q.Text, strings.Join(q.Flags, " ")))
			}
			if fmt.Sprintf("%q", got) == fmt.Sprintf("%q", c.want) {
				return
			}
			msg := fmt.Sprintf("Find(%q)\n got  %q\n want %q", c.text, got, c.want)
			if c.bug != "" {
				t.Skipf("known bug: %s\n%s", c.bug, msg)
			}
			t.Error(msg)
		})
	}
}

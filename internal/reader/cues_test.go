package reader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// The reader's fast paths stand in for plain calls: a regular expression
// run on the whole block, hasAny on a lower-cased copy, strings.Fields. These
// tests hold each to the call it replaces, on the lines of the samples and of
// the development corpus and on cases made to sit at the edges.

// fastPathCases: the lines of the sample and corpus files, and variants.
func fastPathCases(t testing.TB) []string {
	t.Helper()
	cases := []string{
		"", " ", "Photo by Jane Doe/AP", "(AP Photo/Jane Doe)", "xphoto by jane", "_photo: jane", "1photo by x",
		"A man walks. PHOTO: JANE DOE", "Riot police in Lima. Photo by Diego Ramos/AP", "caption | License Photo",
		"caption / Getty Images", "caption/AFP via Getty Images.", "(Reuters photo)", "(EPA-EFE photos of the day)  ",
		"Text © 2024 Reuters", "© 2024", "COPYRIGHT 2024 X", "xx copyright © 2024", "Sign up for our newsletter",
		"ſign up for the right stuff", "Get in touch with us", "we may earn a commission", "cooKie policy right",
		"Pictured: the minister", "From left, A and B", "(L) A and (R) B", "left to right: x", "l-r: x",
		"(Reporting by A; Editing by B)", "Additional reporting by X", "EDITED BY x", "\u0130mage by x", "\xffphoto by x",
		"a\u00a0b\u2003c  d\te", "one two three four five six seven eight nine ten eleven twelve.",
	}
	seen := map[string]bool{}
	var files []string
	for _, g := range []string{filepath.Join(samplesDir, "*"), filepath.Join(devDir, "*"), "testdata/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || len(b) > 4<<20 {
			continue
		}
		lines := strings.Split(string(b), "\n")
		if Detect(b) == KindHTML {
			// the text between the tags, roughly
			lines = lines[:0]
			for _, part := range strings.Split(string(b), "<") {
				if _, text, ok := strings.Cut(part, ">"); ok && !strings.ContainsAny(text, "{}=;") {
					lines = append(lines, collapseSpace(text))
				}
			}
		}
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if len(l) > 800 {
				l = l[len(l)-800:] // the end is where the credits are
			}
			if l != "" && !seen[l] {
				seen[l] = true
				cases = append(cases, l)
			}
		}
	}
	n := len(cases)
	for _, c := range cases[:n] {
		cases = append(cases, strings.ToUpper(c), c+" Photo by X/AP", c+" (AP Photo/X)", "Follow "+c, c+" | Getty Images",
			strings.ReplaceAll(c, "k", "\u212a"), strings.ReplaceAll(c, "s", "\u017f"), strings.ReplaceAll(c, "i", "\u0130"))
		for _, cut := range []int{40, 110, 150, 300} {
			if cut < len(c) {
				cases = append(cases, c[len(c)-cut:])
			}
		}
	}
	return cases
}

func TestFastPathsAgree(t *testing.T) {
	cases := fastPathCases(t)
	for _, s := range cases {
		low := strings.ToLower(s)
		odd := oddFold(s)
		if got, want := creditTail(s), reCreditTail.MatchString(s); got != want {
			t.Errorf("creditTail(%q) = %v, reCreditTail says %v", s, got, want)
		}
		if got, want := matchFrom(reFooter, s, footerStart(s, odd)), reFooter.MatchString(s); got != want {
			t.Errorf("reFooter from %d on %q = %v, whole says %v", footerStart(s, odd), s, got, want)
		}
		if got, want := captionMarks(s), reCaptionMarks.MatchString(s); got != want {
			t.Errorf("captionMarks(%q) = %v, reCaptionMarks says %v", s, got, want)
		}
		checkShapes(t, s)
		if got, want := reportingShaped(s) && reReportingLine.MatchString(s), reReportingLine.MatchString(s); got != want {
			t.Errorf("reportingShaped(%q) misses a reporting line", s)
		}
		if got, want := reSlideCounterAt.MatchString(low), reSlideCounter.MatchString(low); got != want {
			t.Errorf("reSlideCounterAt(%q) = %v, reSlideCounter says %v", low, got, want)
		}
		if !hasDateMark(s) && reFullDate.MatchString(s) {
			t.Errorf("hasDateMark(%q) misses a date", s)
		}
		for _, max := range []int{3, 5, 12, 60} {
			if got, want := fieldsUpTo(s, max), min(len(strings.Fields(s)), max+1); got != want {
				t.Errorf("fieldsUpTo(%q, %d) = %d, want %d", s, max, got, want)
			}
		}
		if got, want := normKey(s), normKeyPlain(s); got != want {
			t.Errorf("normKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := hasProseBreaker(s), hasAny(edges(s), proseBreakers); got != want {
			t.Errorf("hasProseBreaker(%q) = %v, want %v", s, got, want)
		}
		lowAll := s // what classify reads the cues in
		if odd {
			lowAll = low
		}
		for _, set := range []struct {
			c    *cueSet
			cues []string
		}{{creditCueSet, creditCues}, {footerCueSet, footerCues}, {captionCueSet, captionCues}, {bioCueSet, bioCues}} {
			if got, want := in(set.c, lowAll), hasAny(low, set.cues); got != want {
				t.Errorf("cues %q in %q: %v, hasAny on the lower-cased text says %v", set.cues, s, got, want)
			}
		}
		if got, want := promptShaped(lowAll), promptShapedPlain(low); got != want {
			t.Errorf("promptShaped(%q) = %v, want %v", s, got, want)
		}
	}
}

// normKeyPlain is normKey as it was first written.
func normKeyPlain(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(r)
		default:
			space = true
		}
	}
	return sb.String()
}

func promptShapedPlain(low string) bool {
	for _, p := range promptWords {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// FuzzFastPaths holds the fast paths to the calls they replace on
// arbitrary text.
func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{"Photo by Jane Doe/AP", "(AP Photo/X)", "© 2024. All rights reserved", "Pictured (L) x",
		"(Reporting by X)", "1 of 3 | caption", "Oct. 10, 2023", "a\u00a0b  c", "ſubscribing to our", "\u0130mage"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		odd := oddFold(s)
		if creditTail(s) != reCreditTail.MatchString(s) {
			t.Errorf("creditTail(%q) disagrees", s)
		}
		if matchFrom(reFooter, s, footerStart(s, odd)) != reFooter.MatchString(s) {
			t.Errorf("reFooter from its start marks disagrees on %q", s)
		}
		if captionMarks(s) != reCaptionMarks.MatchString(s) {
			t.Errorf("captionMarks(%q) disagrees", s)
		}
		checkShapes(t, s)
		if !reportingShaped(s) && reReportingLine.MatchString(s) {
			t.Errorf("reportingShaped(%q) misses a reporting line", s)
		}
		if !hasDateMark(s) && reFullDate.MatchString(s) {
			t.Errorf("hasDateMark(%q) misses a date", s)
		}
		if fieldsUpTo(s, 12) != min(len(strings.Fields(s)), 13) {
			t.Errorf("fieldsUpTo(%q) disagrees", s)
		}
		if normKey(s) != normKeyPlain(s) {
			t.Errorf("normKey(%q) disagrees", s)
		}
		if hasProseBreaker(s) != hasAny(edges(s), proseBreakers) {
			t.Errorf("hasProseBreaker(%q) disagrees", s)
		}
		if !odd && in(footerCueSet, s) != hasAny(strings.ToLower(s), footerCues) {
			t.Errorf("footer cues in %q disagree", s)
		}
		low := strings.ToLower(s)
		if reSlideCounterAt.MatchString(low) != reSlideCounter.MatchString(low) {
			t.Errorf("reSlideCounterAt(%q) disagrees", low)
		}
	})
}

// checkShapes: a block the byte tests turn away is one the expression
// behind them does not match.
func checkShapes(t *testing.T, s string) {
	t.Helper()
	low := strings.ToLower(s)
	for _, c := range []struct {
		name  string
		shape bool
		match bool
	}{
		{"byline", opensWith(s, bylineWords), reByline.MatchString(s)},
		{"time line", opensWith(s, timeLineWords), reShortTimeLine.MatchString(s)},
		{"advert", opensWith(low, advertWords), reAdvert.MatchString(low)},
		{"credit only", creditOnlyShaped(s), reCreditOnly.MatchString(s)},
		{"bio", bioShaped(s), reAuthorBio.MatchString(s)},
		{"dateline", datelineShaped(s), parsesDateline(s)},
	} {
		if c.match && !c.shape {
			t.Errorf("%s: the byte test turns away %q, which the expression matches", c.name, s)
		}
	}
	var buf [8]byte
	if got, want := string(appendLower(buf[:0], s)), low; got != want {
		t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
	}
}

// parsesDateline: does any dateline expression match at all.
func parsesDateline(s string) bool {
	for _, re := range datelineRes {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

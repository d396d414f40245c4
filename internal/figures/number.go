package figures

import (
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/tokens"
)

// maxCount bounds every parsed number: nothing in news counts more people
// than this, and it keeps the arithmetic far from overflow.
const maxCount = 1e13

var units = map[string]int64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19,
}

var tens = map[string]int64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

// scales after a number: "1.4 million", "two hundred", "1.5 lakh".
var scales = map[string]int64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "lakh": 1e5, "lakhs": 1e5,
	"crore": 1e7, "crores": 1e7,
}

// attached scale suffixes: "2.3m", "1.2bn", "500k".
var suffixScales = map[string]int64{"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}

// ParseNumber reads a whole string as a count: digits ("31", "1,200",
// "500,000"), decimals with a scale ("1.4 million", "2.3m"), number words
// ("one", "twenty-one", "two hundred and fifty", "a dozen", "a million")
// and ranges ("20-30", "between 20 and 30", "two or three"), which give
// their lower bound. It returns false for anything else, including
// decimals without a scale, ordinals and negative numbers.
func ParseNumber(s string) (int64, bool) {
	sc := newScanner(s, tokens.Tokenize(s), nil)
	if len(sc.toks) == 0 {
		return 0, false
	}
	q, ok := sc.core(0, len(sc.toks))
	if !ok || q.end != len(sc.toks) || q.vague != "" || q.article {
		return 0, false
	}
	return q.min, true
}

// digits parses a Num token's text: plain digits, thousands groups with
// commas (or dots, "1.200", as some translated copy writes them), or a
// decimal. decimal reports a fractional part, whose value is then in f.
func digits(s string) (n int64, f float64, decimal bool, ok bool) {
	if s == "" || len(s) > 24 {
		return 0, 0, false, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != ',' && c != '.' {
			return 0, 0, false, false
		}
	}
	if !strings.ContainsAny(s, ",.") {
		if len(s) > 13 {
			return 0, 0, false, false
		}
		v, err := strconv.ParseInt(s, 10, 64)
		return v, float64(v), false, err == nil
	}
	if strings.Count(s, ".") == 1 && !strings.Contains(s, ",") {
		// a decimal, unless the fraction is a thousands group ("1.200")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v > maxCount {
			return 0, 0, false, false
		}
		return 0, v, true, true
	}
	sep := ","
	if !strings.Contains(s, ",") {
		sep = "."
	}
	if strings.Contains(s, ",") && strings.Contains(s, ".") {
		// "1,234.5": a decimal with groups
		ip, fp, _ := strings.Cut(s, ".")
		n, _, _, ok := digits(ip)
		if !ok || strings.Contains(fp, ",") || fp == "" {
			return 0, 0, false, false
		}
		v, err := strconv.ParseFloat("0."+fp, 64)
		if err != nil {
			return 0, 0, false, false
		}
		return 0, float64(n) + v, true, true
	}
	groups := strings.Split(s, sep)
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return 0, 0, false, false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return 0, 0, false, false
		}
	}
	joined := strings.Join(groups, "")
	if len(joined) > 13 {
		return 0, 0, false, false
	}
	v, err := strconv.ParseInt(joined, 10, 64)
	return v, float64(v), false, err == nil
}

// wordNumber parses one number word, hyphenated compounds included
// ("twenty-one"); scale words are not numbers by themselves.
func wordNumber(w string) (int64, bool) {
	if v, ok := units[w]; ok {
		return v, true
	}
	if v, ok := tens[w]; ok {
		return v, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		t, ok1 := tens[a]
		u, ok2 := units[b]
		if ok1 && ok2 && u > 0 && u < 10 {
			return t + u, true
		}
	}
	return 0, false
}

// quantity is a number or vague amount found at a token range.
type quantity struct {
	start, coreStart, end int // token indexes: start includes the approximation, end exclusive
	min, max              int64
	hasMax                bool
	vague                 string
	approx                string
	article               bool // "a"/"an": one, only in front of a singular person
	singular              bool // one person
}

// core parses the number at token i (no approximation words): digits with
// an optional scale, number words, a dozen, vague words, ranges. limit is
// the end of the sentence's tokens.
func (sc *scanner) core(i, limit int) (quantity, bool) {
	q := quantity{start: i, coreStart: i, approx: Exact}
	if i >= limit {
		return q, false
	}
	w := sc.low(i)
	// between X and Y
	if w == "between" {
		a, ok := sc.simple(i+1, limit)
		if ok && a.end < limit && sc.low(a.end) == "and" {
			b, ok := sc.simple(a.end+1, limit)
			if ok && b.min >= a.min {
				q.min, q.max, q.hasMax, q.end = a.min, b.min, true, b.end
				return q, true
			}
		}
		return q, false
	}
	// vague amounts
	switch {
	case w == "tens" || w == "hundreds" || w == "thousands":
		// "tens of thousands", "hundreds of thousands"
		if i+2 < limit && sc.low(i+1) == "of" && (sc.low(i+2) == "thousands" || sc.low(i+2) == "millions") {
			q.vague, q.end = w+" of "+sc.low(i+2), i+3
			return q, true
		}
		if w == "tens" {
			return q, false
		}
		q.vague, q.end = w, i+1
		return q, true
	case vagueOf[w]:
		q.vague, q.end = w, i+1
		return q, true
	case vagueDirect[w]:
		q.vague, q.end = w, i+1
		return q, true
	case (w == "a" || w == "an") && i+2 < limit && sc.low(i+2) == "of" &&
		(sc.low(i+1) == "number" || sc.low(i+1) == "handful"):
		q.vague, q.end = w+" "+sc.low(i+1), i+2
		return q, true
	}
	a, ok := sc.simple(i, limit)
	if !ok {
		if w == "a" || w == "an" {
			q.min, q.max, q.hasMax, q.end, q.article, q.singular = 1, 1, true, i+1, true, true
			return q, true
		}
		return q, false
	}
	q.min, q.max, q.hasMax, q.end = a.min, a.min, true, a.end
	q.singular = a.min == 1
	// ranges: "20-30", "20 to 30", "two or three"
	j := a.end
	if j+1 < limit {
		sep := sc.text(j)
		if (sep == "-" || sep == "–" || sep == "to" || sep == "or") && !(j > 0 && i > 0 && sc.low(i-1) == "from") {
			if b, ok := sc.simple(j+1, limit); ok && b.min > a.min {
				// "20-30": no space around the dash, or spaces on both sides
				q.max, q.end, q.singular = b.min, b.end, false
			}
		}
	}
	return q, true
}

// simple parses a single number at token i: digits with an optional scale,
// number words with scales, "a dozen", "a hundred", "a million".
func (sc *scanner) simple(i, limit int) (quantity, bool) {
	q := quantity{start: i, coreStart: i, approx: Exact}
	if i >= limit {
		return q, false
	}
	t := sc.toks[i]
	if t.Kind == tokens.Num {
		n, f, decimal, ok := digits(sc.text(i))
		if !ok {
			return q, false
		}
		j := i + 1
		scale := int64(0)
		if j < limit && sc.attached(j) && sc.toks[j].Kind == tokens.Word {
			if v, ok := suffixScales[sc.low(j)]; ok {
				scale, j = v, j+1
			}
		}
		if scale == 0 && j < limit && sc.toks[j].Kind == tokens.Word && !sc.attached(j) {
			if v, ok := scales[sc.low(j)]; ok {
				scale, j = v, j+1
				// "1.5 million" may go on: "two hundred thousand"
				if j < limit {
					if v2, ok := scales[sc.low(j)]; ok && v2 > v {
						scale, j = scale*v2, j+1
					}
				}
			}
		}
		switch {
		case scale > 0:
			v := f * float64(scale)
			if v >= maxCount || v < 1 {
				return q, false
			}
			q.min = int64(v + 0.5)
		case decimal:
			// "1.200 people": a thousands group with a dot
			s := sc.text(i)
			if dot := strings.IndexByte(s, '.'); dot >= 1 && dot <= 3 && len(s)-dot-1 == 3 {
				v, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
				if err != nil {
					return q, false
				}
				q.min = v
			} else {
				return q, false
			}
		default:
			q.min = n
		}
		q.end = j
		return q, true
	}
	if t.Kind != tokens.Word {
		return q, false
	}
	w := sc.low(i)
	// "a dozen", "a hundred", "a million", "half a million"
	if w == "a" && i+1 < limit {
		switch nx := sc.low(i + 1); {
		case nx == "dozen":
			q.min, q.end = 12, i+2
			return q, true
		case scales[nx] > 0 && nx != "lakhs" && nx != "crores":
			q.min, q.end = scales[nx], i+2
			if i+2 < limit {
				if v2, ok := scales[sc.low(i+2)]; ok && v2 > scales[nx] {
					q.min, q.end = scales[nx]*v2, i+3
				}
			}
			return q, true
		}
	}
	if w == "half" && i+2 < limit && sc.low(i+1) == "a" && scales[sc.low(i+2)] >= 1000 {
		q.min, q.end = scales[sc.low(i+2)]/2, i+3
		return q, true
	}
	// number words: "two hundred and fifty", "three dozen", "twenty one"
	var total, current int64
	seen := false
	last := "" // "unit", "tens", "scale", "and"
	j := i
	for j < limit && j-i < 12 {
		x := sc.low(j)
		if v, ok := wordNumber(x); ok {
			switch {
			case last == "" || last == "scale" || last == "and":
			case last == "tens" && v < 10 && v > 0:
			default:
				goto done // "two three": not one number
			}
			if _, isTens := tens[x]; isTens {
				last = "tens"
			} else {
				last = "unit"
			}
			current += v
			seen = true
			j++
			continue
		}
		if !seen {
			break
		}
		if x == "dozen" && last != "scale" && current > 0 && current < 100 {
			current *= 12
			last = "scale"
			j++
			continue
		}
		if v, ok := scales[x]; ok && v > 0 && last != "and" {
			if current == 0 {
				current = 1
			}
			if v == 100 {
				current *= 100
			} else {
				total += current * v
				current = 0
			}
			if total+current >= maxCount {
				return q, false
			}
			last = "scale"
			j++
			continue
		}
		if x == "and" && last == "scale" && j+1 < limit {
			if _, ok := wordNumber(sc.low(j + 1)); ok {
				last = "and"
				j++
				continue
			}
		}
		break
	}
done:
	if !seen {
		return q, false
	}
	q.min, q.end = total+current, j
	return q, true
}

package figures

import "testing"

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"31", 31, true},
		{"1,200", 1200, true},
		{"500,000", 500000, true},
		{"1,234,567", 1234567, true},
		{"1.4 million", 1400000, true},
		{"2.3 million", 2300000, true},
		{"2.3m", 2300000, true},
		{"1.2bn", 1200000000, true},
		{"5 thousand", 5000, true},
		{"1.5 lakh", 150000, true},
		{"2 crore", 20000000, true},
		{"1.200", 1200, true}, // a thousands group with a dot
		{"one", 1, true},
		{"two", 2, true},
		{"twelve", 12, true},
		{"twenty", 20, true},
		{"twenty-one", 21, true},
		{"ninety-nine", 99, true},
		{"twenty one", 21, true},
		{"a dozen", 12, true},
		{"two dozen", 24, true},
		{"a hundred", 100, true},
		{"one hundred", 100, true},
		{"two hundred and fifty", 250, true},
		{"three thousand", 3000, true},
		{"a million", 1000000, true},
		{"half a million", 500000, true},
		{"one million two hundred thousand", 1200000, true},
		{"20-30", 20, true},
		{"between 20 and 30", 20, true},
		{"two or three", 2, true},
		{"Fifteen", 15, true},
		// not numbers
		{"", 0, false},
		{"1.4", 0, false},
		{"1,2", 0, false},
		{"12,34", 0, false},
		{"10th", 0, false},
		{"dozens", 0, false},
		{"a", 0, false},
		{"two three", 0, false},
		{"twenty-zero", 0, false},
		{"five-day-old", 0, false},
		{"ninety ninety", 0, false},
		{"people", 0, false},
		{"-5", 0, false},
		{"99999999999999999999", 0, false},
		{"1e9", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseNumber(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestQuantities checks the bounds, approximations and vague words of
// counts in context.
func TestQuantities(t *testing.T) {
	cases := []struct {
		text, want string
	}{
		{"More than 500,000 people were displaced.", "displaced 500000-_"},
		{"Around 370,000 people were displaced.", "displaced 370000-370000"},
		{"At least 83 people were wounded.", "injured 83-_"},
		{"Up to 30 people were wounded.", "injured 30-30"},
		{"Fewer than 10 people were wounded.", "injured 10-10"},
		{"Between 20 and 30 people were wounded.", "injured 20-30"},
		{"20-30 people were wounded.", "injured 20-30"},
		{"Two or three people were wounded.", "injured 2-3"},
		{"Dozens of people were wounded.", "injured _-_ ~dozens"},
		{"Tens of thousands of people were displaced.", "displaced _-_ ~tens of thousands"},
		{"A number of officers were wounded.", "injured _-_ ~a number"},
		{"Multiple people were wounded.", "injured _-_ ~multiple"},
		{"Some 2,000 people were evacuated.", "evacuated 2000-2000"},
		{"An estimated 1.1 million people were displaced.", "displaced 1100000-1100000"},
		{"No fewer than 40 people were arrested.", "detained 40-_"},
	}
	approx := map[string]string{
		"More than": MoreThan, "Around": Around, "At least": AtLeast, "Up to": UpTo, "Fewer than": FewerThan,
		"Some": Around, "An estimated": Around, "No fewer": AtLeast,
	}
	for _, c := range cases {
		fs := Find(Input{Text: c.text})
		if len(fs) != 1 {
			t.Errorf("%q: %d figures", c.text, len(fs))
			continue
		}
		got := fig(fs[0])
		if i := len(c.want); len(got) < i || got[:i] != c.want {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
		wantApprox := Exact
		for p, ap := range approx {
			if len(c.text) >= len(p) && c.text[:len(p)] == p {
				wantApprox = ap
			}
		}
		if fs[0].Vague != nil {
			wantApprox = Around
		}
		if fs[0].Approx != wantApprox {
			t.Errorf("%q: approx %q, want %q", c.text, fs[0].Approx, wantApprox)
		}
	}
}

package tokens

import (
	"reflect"
	"strings"
	"testing"
)

func words(s string) []string {
	var out []string
	for _, t := range Tokenize(s) {
		out = append(out, t.Text(s))
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"The U.N. Security Council met.", []string{"The", "U.N.", "Security", "Council", "met", "."}},
		{"U.S.-backed forces", []string{"U.S.", "-", "backed", "forces"}},
		{"Feb. 28 (UPI) -- Rockets", []string{"Feb", ".", "28", "(", "UPI", ")", "--", "Rockets"}},
		{"Zelensky's aide didn't", []string{"Zelensky's", "aide", "didn't"}},
		{"Zelensky’s aide", []string{"Zelensky’s", "aide"}},
		{"al-Assad and Heung-min", []string{"al-Assad", "and", "Heung-min"}},
		{"1.4 million, 500,000 people", []string{"1.4", "million", ",", "500,000", "people"}},
		{"border — again", []string{"border", "—", "again"}},
		{"V. Zelensky", []string{"V", ".", "Zelensky"}},
		{"8:00pm", []string{"8", ":", "00", "pm"}},
		{"São Tomé", []string{"São", "Tomé"}},
		{"“Quoted,” she said", []string{"“", "Quoted", ",", "”", "she", "said"}},
		{"a.m. today", []string{"a.m.", "today"}},
	}
	for _, c := range cases {
		if got := words(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func sentences(s string) []string {
	var out []string
	for _, se := range Sentences(s, Tokenize(s)) {
		out = append(out, s[se.Start:se.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Rockets hit Kharkiv. The talks were hard.", []string{"Rockets hit Kharkiv.", "The talks were hard."}},
		{"The U.N. Security Council met. It ended.", []string{"The U.N. Security Council met.", "It ended."}},
		{"Feb. 28 (UPI) -- Rockets rained down.", []string{"Feb. 28 (UPI) -- Rockets rained down."}},
		{"Lt. Col. John Smith said it. Gen. Ann Lee agreed.", []string{"Lt. Col. John Smith said it.", "Gen. Ann Lee agreed."}},
		{"President V. Zelensky signed it.", []string{"President V. Zelensky signed it."}},
		{`"We will win," he said. "So many topics remain."`, []string{`"We will win," he said.`, `"So many topics remain."`}},
		{`He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"Mr. Burnham and Dr. Lee met at St. Mary's.", []string{"Mr. Burnham and Dr. Lee met at St. Mary's."}},
		{"Room No. 5 was hit. No. It was room 6.", []string{"Room No. 5 was hit.", "No.", "It was room 6."}},
		{"First paragraph without a stop\n\nSecond paragraph.", []string{"First paragraph without a stop", "Second paragraph."}},
		{"Why? Because. Really!", []string{"Why?", "Because.", "Really!"}},
		{"It cost $1.4 billion. Prices rose.", []string{"It cost $1.4 billion.", "Prices rose."}},
		{"He arrived at 9 a.m. and left.", []string{"He arrived at 9 a.m. and left."}},
		{"The men... They fled.", []string{"The men...", "They fled."}},
		{"‘Yes,’ she said. ‘No.’", []string{"‘Yes,’ she said.", "‘No.’"}},
		{"Rockets fell on the city. 31 people were hurt.", []string{"Rockets fell on the city.", "31 people were hurt."}},
		{"KYIV, Ukraine (AP) — Russia struck. Power failed.", []string{"KYIV, Ukraine (AP) — Russia struck.", "Power failed."}},
	}
	for _, c := range cases {
		if got := sentences(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestOffsetsCoverText(t *testing.T) {
	s := "Zelensky’s aide said “Kyiv will hold.” Rockets hit Kharkiv — again.\n\nThe U.N. met; \xff bad byte."
	for _, tk := range Tokenize(s) {
		if tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End {
			t.Fatalf("bad token %+v", tk)
		}
		if strings.TrimSpace(tk.Text(s)) != tk.Text(s) {
			t.Errorf("token %q holds white space", tk.Text(s))
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"U.N.", "Feb. 28 (UPI) --", "\xff\xfe", "a.b.c.d.", "'s’s", "1,2,3.4.", "...", "“”‘’"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("bad token %+v after %d in %q", tk, prev, s)
			}
			prev = tk.End
		}
		last := 0
		for _, se := range Sentences(s, toks) {
			if se.Start < last || se.End > len(s) || se.First >= se.Last {
				t.Fatalf("bad sentence %+v in %q", se, s)
			}
			last = se.End
		}
	})
}

func BenchmarkTokenizeAndSplit(b *testing.B) {
	s := strings.Repeat("Rockets rained down on the strategic city of Kharkiv on Monday, the U.N. said. \"We are here,\" Lt. Col. John Smith told reporters.\n\n", 500)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Sentences(s, Tokenize(s))
	}
}

package lang

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzDetect(f *testing.F) {
	seeds := []string{
		"",
		" ",
		"The mayor said on Tuesday that the bridge would remain closed.",
		"Правительство во вторник объявило, что школы останутся закрытыми.",
		"أعلنت الحكومة يوم الثلاثاء أن المدارس ستبقى مغلقة",
		"政府は火曜日、大雨と洪水のため発表した。",
		"\xff\xfe\xfd",
		"ab\xc3",
		"\x00\x00\x00",
		"1234567890 !!! ???",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		code, conf := Detect(string(data))
		if conf < 0 || conf > 1 || conf != conf {
			t.Fatalf("confidence %v outside [0,1]", conf)
		}
		if code != "" && Name(code) == "" {
			t.Fatalf("Detect returned non-whitelisted code %q", code)
		}
		if code != "" && conf < MinConfidence {
			t.Fatalf("code %q with confidence %v below MinConfidence", code, conf)
		}
		s := string(data)
		h := head(s, MaxRunes)
		if !strings.HasPrefix(s, h) {
			t.Fatalf("head(%q) = %q is not a prefix", s, h)
		}
		if n := utf8.RuneCountInString(h); n > MaxRunes || (len(h) < len(s) && n != MaxRunes) {
			t.Fatalf("head kept %d runes of %d", n, utf8.RuneCountInString(s))
		}
	})
}

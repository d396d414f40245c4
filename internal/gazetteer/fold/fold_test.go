package fold

import "testing"

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"València", "valencia"},
		{"Łódź", "lodz"},
		{"Khar'kov", "kharkov"},
		{"Khar’kov", "kharkov"},
		{"Ivano-Frankivsk", "ivano frankivsk"},
		{"St. Louis", "st louis"},
		{"  São  Paulo ", "sao paulo"},
		{"Straße", "strasse"},
		{"Zaporizhzhia", "zaporizhzhia"},
		{"Qəzza", "qezza"},
		{"Kyïv", "kyiv"},
		{"Ha\u0301noi", "hanoi"},
		{"Київ", "київ"},
		{"Washington, D.C.", "washington d c"},
		{"", ""},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAcronymKey(t *testing.T) {
	for in, want := range map[string]string{"US": "us", "U.S.": "us", "UAE": "uae", "Us": "", "us": "", "A": "", "ABCDEFGH": ""} {
		if got := AcronymKey(in); got != want {
			t.Errorf("AcronymKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsLatin(t *testing.T) {
	for in, want := range map[string]bool{"Kyiv": true, "Kraków": true, "Київ": false, "ji fu": true, "Mumbai - मुम़बई": false} {
		if got := IsLatin(in); got != want {
			t.Errorf("IsLatin(%q) = %v, want %v", in, got, want)
		}
	}
}

func BenchmarkKey(b *testing.B) {
	var buf []byte
	for i := 0; i < b.N; i++ {
		buf = AppendKey(buf[:0], "Zaporizhzhia Oblast")
	}
}

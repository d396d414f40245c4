package postgres

import (
	"errors"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
)

// The tokens are FTS5 unicode61's with remove_diacritics 2 (checked against
// the sqlite3 shell): letters, digits and private-use characters, folded.
func TestTokens(t *testing.T) {
	tests := map[string]string{
		"Héllo WÖRLD":                "hello world",
		"tear-gas example.com":       "tear gas example com",
		"2,000 people, don't":        "2 000 people don t",
		"price $5, 3°C a+b x€y":      "price 5 3 c a b x y",
		"cafe\u0301 naïve Łódź":      "cafe naive łodz",
		"Київ — Харків":              "київ харків",
		"":                           "",
		"\xff broken \x00 bytes\xfe": "broken bytes",
	}
	for in, want := range tests {
		if got := strings.Join(tokens(in), " "); got != want {
			t.Errorf("tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTSVector(t *testing.T) {
	if got, want := tsvector("Rockets hit Kyiv", "Kyiv's mayor: rockets"), "'hit' 'kyiv' 'mayor' 'rockets' 's'"; got != want {
		t.Errorf("tsvector = %s, want %s", got, want)
	}
	if got := tsvector(strings.Repeat("x", maxLexeme+1) + " y"); got != "'y'" {
		t.Errorf("a lexeme too long: %s", got)
	}
	if got := tsvector(""); got != "" {
		t.Errorf("tsvector of nothing: %q", got)
	}
}

func TestTSQuery(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"tear gas", "'tear' & 'gas'", true},
		{"tear-gas gas", "'tear' & 'gas'", true},
		{`"NEAR" * OR`, "'near' & 'or'", true},
		{"hello —", "'hello'", true},
		{"\u0301", "", false},
		{"Ünïcode x²", "'unicode' & 'x'", true},
	}
	for _, tc := range tests {
		q, ok, err := tsquery(tc.in)
		if err != nil || q != tc.want || ok != tc.ok {
			t.Errorf("tsquery(%q) = %q, %v, %v; want %q, %v", tc.in, q, ok, err, tc.want, tc.ok)
		}
	}
	for _, in := range []string{"", "!!! ???", "--", "—", "²"} {
		if _, _, err := tsquery(in); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("tsquery(%q): %v, want ErrBadQuery", in, err)
		}
	}
}

func TestBind(t *testing.T) {
	if got := bind(`a = ? AND b IN (?, ?)`); got != `a = $1 AND b IN ($2, $3)` {
		t.Errorf("bind = %s", got)
	}
	if got := txt("a\x00b\xffc"); got != "ab\uFFFDc" {
		t.Errorf("txt = %q", got)
	}
}

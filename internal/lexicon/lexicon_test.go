package lexicon

import "testing"

func TestFold(t *testing.T) {
	cases := map[string]string{
		"U.N.": "un", "Zelensky": "zelensky", "  Kyiv  City ": "kyiv city", "València": "valencia",
		"Hammarskjöld": "hammarskjold", "Chiefs’ Council": "chiefs' council", "already": "already", "": "",
		"MBE": "mbe", "São Tomé": "sao tome",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	l := Load()
	if !l.GivenName("John") || l.GivenName("john") {
		t.Error("given names are case-sensitive and include John")
	}
	if !l.Title("Foreign Minister") || !l.Title("spokesman") || !l.Title("Lt.") {
		t.Error("titles missing")
	}
	if !l.OrgHeads["ministry"] || !l.FunctionWords["however"] || !l.Calendar["monday"] || !l.NotEntities["gp"] {
		t.Error("sets missing words")
	}
	if o, ok := l.Org("U.N. refugee agency"); !ok || o.Name != "UNHCR" {
		t.Errorf("Org alias lookup: %+v %v", o, ok)
	}
	if o, ok := l.Org("Reuters"); !ok || o.Type != "MEDIA" {
		t.Errorf("Reuters: %+v", o)
	}
}

func TestPersonName(t *testing.T) {
	l := Load()
	if !l.PersonName("Gallagher") || l.PersonName("Reuters") {
		t.Error("PersonName: want Gallagher, not Reuters")
	}
}

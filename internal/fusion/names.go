package fusion

import (
	"strings"

	"github.com/sitrep/sitrep/internal/lexicon"
)

// NameKeys returns the keys under which an entity is merged across
// articles: its canonical name, and those of its aliases that name it alone —
// names of two words or more, and acronyms of organisations ("UN", "IAEA").
// A single word such as a surname ("Biden") is not a key: in another
// article it may be someone else.
func NameKeys(typ, name string, aliases []string) []string {
	keys := []string{Key(name)}
	for _, a := range aliases {
		if strings.Contains(strings.TrimSpace(a), " ") || (typ != "PERSON" && isAcronym(a)) {
			if k := Key(a); k != "" && !contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	if keys[0] == "" {
		keys = keys[1:]
	}
	return keys
}

// Key is the folded form of a name: lower case, no diacritics or dots, one
// space between words, without a leading "the".
func Key(name string) string {
	k := lexicon.Fold(name)
	return strings.TrimPrefix(k, "the ")
}

func isAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '&' {
			return false
		}
	}
	return true
}

func contains(s []string, k string) bool {
	for _, x := range s {
		if x == k {
			return true
		}
	}
	return false
}

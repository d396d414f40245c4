package fusion

import "strings"

// Claim is what the count rule needs of one figure claim.
type Claim struct {
	Min, Max *int64
	Vague    string
	// Published orders the claims: the date of the report that made it.
	Published string
}

// VagueCount is ACLED's number for a vague count of people: "several",
// "many", "multiple" or "a number of" count as 10, "dozens" as 12,
// "hundreds" as 100, "thousands" as 1,000, "millions" as 1,000,000, and a
// compound takes the product ("tens of thousands": 10,000; "hundreds of
// thousands": 100,000); ok is false for a word it has no number for.
func VagueCount(vague string) (int64, bool) {
	vague = strings.ToLower(strings.TrimSpace(vague))
	if a, b, ok := strings.Cut(vague, " of "); ok {
		x, ok1 := vagueUnit[a]
		y, ok2 := vagueUnit[b]
		return x * y, ok1 && ok2
	}
	n, ok := vagueUnit[vague]
	return n, ok
}

var vagueUnit = map[string]int64{
	"several": 10, "many": 10, "multiple": 10, "numerous": 10, "countless": 10,
	"a number": 10, "a number of": 10, "scores": 10, "some": 10,
	"a few": 3, "few": 3, "a handful": 3,
	"tens": 10, "dozen": 12, "dozens": 12,
	"hundred": 100, "hundreds": 100,
	"thousand": 1000, "thousands": 1000,
	"million": 1000000, "millions": 1000000,
}

// Count is a fused event's count of one category the way ACLED codes
// fatalities: the most recent reports win (tolls rise as bodies are found),
// and among the claims of the latest day that reported one, the most
// conservative. A number that a later article repeats dates from the first
// report of it, whoever the later article credits it to ("the governor" one
// day, "Oleh Tkachuk" the next), so that a story recalling the earlier toll
// beside the mayor's new one does not make the old toll current. A claim's number is its lower bound, its upper
// bound when it has only that, or the ACLED number of its vague word. ok is
// false when no claim gives a number.
func Count(claims []Claim) (n int64, ok bool) {
	first := map[int64]string{} // number → first report
	for _, c := range claims {
		v, has := value(c)
		if !has {
			continue
		}
		if p, seen := first[v]; !seen || c.Published < p {
			first[v] = c.Published
		}
	}
	latest := ""
	for _, c := range claims {
		v, has := value(c)
		if !has {
			continue
		}
		published := first[v]
		switch {
		case !ok || published > latest:
			n, latest, ok = v, published, true
		case published == latest && v < n:
			n = v
		}
	}
	return n, ok
}

func value(c Claim) (int64, bool) {
	switch {
	case c.Min != nil:
		return *c.Min, true
	case c.Max != nil:
		return *c.Max, true
	}
	return VagueCount(c.Vague)
}

package events

// Class is an event class of the contract with its codes in the schemes
// users compare against: ACLED's event type and sub-type, PLOVER 2.0 and a
// CAMEO root code.
type Class struct {
	Name         string
	ACLEDType    string
	ACLEDSubType string
	PLOVER       string
	CAMEO        string
	// Verb is the plain-words verb phrase for summaries.
	Verb string
}

// classes by name. Sub-types that depend on the weapon are refined by the
// trigger (an air strike is "Air/drone strike").
var classes = map[string]Class{
	"attack":                     {"attack", "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "195", "attack"},
	"armed_clash":                {"armed_clash", "Battles", "Armed clash", "ASSAULT", "190", "fighting"},
	"territory_seized":           {"territory_seized", "Battles", "Non-state actor overtakes territory", "ASSAULT", "190", "territory taken"},
	"violence_against_civilians": {"violence_against_civilians", "Violence against civilians", "Attack", "ASSAULT", "180", "violence against civilians"},
	"protest":                    {"protest", "Protests", "Peaceful protest", "PROTEST", "141", "protest"},
	"riot":                       {"riot", "Riots", "Violent demonstration", "PROTEST", "145", "riot"},
	"arrest":                     {"arrest", "Strategic developments", "Arrests", "COERCE", "173", "arrests"},
	"military_operation":         {"military_operation", "Strategic developments", "Other", "MOBILIZE", "15", "military operation"},
	"negotiation":                {"negotiation", "", "", "CONSULT", "04", "talks"},
	"agreement":                  {"agreement", "Strategic developments", "Agreement", "AGREE", "08", "agreement"},
	"request":                    {"request", "", "", "REQUEST", "02", "request"},
	"aid":                        {"aid", "", "", "AID", "07", "aid"},
	"sanction":                   {"sanction", "", "", "SANCTION", "16", "sanctions"},
	"threaten":                   {"threaten", "", "", "THREATEN", "13", "threat"},
	"accuse":                     {"accuse", "", "", "ACCUSE", "11", "accusation"},
	"displacement":               {"displacement", "", "", "", "", "displacement"},
	"disaster":                   {"disaster", "", "", "", "", "disaster"},
	"statement":                  {"statement", "", "", "", "", "statement"},
}

// ACLED sub-types of remote violence by weapon.
const (
	subShelling = "Shelling/artillery/missile attack"
	subAir      = "Air/drone strike"
	subIED      = "Remote explosive/landmine/IED"
)

package figures

import "strings"

// set builds a lookup set from space-separated words.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Categories: the contract's list.
const (
	Killed     = "killed"
	Injured    = "injured"
	Casualties = "casualties"
	Missing    = "missing"
	Detained   = "detained"
	Displaced  = "displaced"
	Refugees   = "refugees"
	Evacuated  = "evacuated"
	Affected   = "affected"
	Population = "population"
	Other      = "other"
)

// Approximations: the contract's list.
const (
	Exact     = "exact"
	MoreThan  = "more than"
	FewerThan = "fewer than"
	Around    = "around"
	AtLeast   = "at least"
	UpTo      = "up to"
)

// plural nouns for people: what a count of people counts. "troops",
// "workers" and the like count people too, but a count of them is a
// figure only when a category word goes with it.
var personPlural = set(`people persons civilians children kids women men girls boys babies infants
	toddlers teenagers teens youths adults students pupils schoolchildren soldiers troops servicemen
	servicemembers personnel officers policemen policewomen police firefighters firemen fighters
	militants rebels insurgents gunmen attackers assailants protesters protestors demonstrators
	rioters migrants refugees asylum-seekers seekers residents villagers inhabitants citizens
	nationals passengers crew crewmen sailors members workers employees staff staffers journalists
	reporters doctors nurses medics paramedics patients pilgrims worshippers worshipers tourists
	visitors fans spectators miners farmers fishermen herders victims detainees prisoners inmates
	hostages captives suspects individuals others relatives bystanders pedestrians motorists
	drivers cyclists peacekeepers volunteers guards colleagues agents officials leaders commanders
	guests shoppers commuters locals evacuees hikers climbers swimmers holidaymakers cops
	villagers parishioners congregants mourners marchers settlers occupants survivors
	teachers learners elderly pensioners diners partygoers supporters followers sympathisers
	sympathizers loyalists opponents activists campaigners organisers organizers
	revellers revelers concertgoers labourers laborers`)

// singular nouns for one person: "one woman died", "killed a civilian".
var personSingular = set(`person civilian child kid woman man girl boy baby infant toddler teenager
	teen youth adult student pupil schoolchild soldier serviceman servicewoman officer policeman
	policewoman firefighter fireman fighter militant rebel insurgent gunman attacker protester
	protestor demonstrator rioter migrant refugee resident villager citizen national passenger
	member worker employee journalist reporter doctor nurse medic paramedic patient pilgrim
	worshipper tourist visitor fan spectator miner farmer fisherman herder victim detainee prisoner
	inmate hostage suspect individual relative bystander pedestrian motorist driver cyclist
	peacekeeper volunteer guard colleague agent official leader commander guest local hiker climber
	cop teacher pensioner`)

// nounCategory: nouns that are a count of a category by themselves
// ("31 dead", "378 arrests", "500,000 refugees", "dozens of wounded").
var nounCategory = map[string]string{
	"dead": Killed, "deaths": Killed, "fatalities": Killed, "bodies": Killed,
	"casualties": Casualties,
	"injured":    Injured, "wounded": Injured, "injuries": Injured,
	"missing":   Missing,
	"arrests":   Detained,
	"refugees":  Refugees,
	"evacuees":  Evacuated,
	"displaced": Displaced, "homeless": Displaced,
}

// modifierCategory: adjectives before a people noun that make the count a
// category: "31 injured people", "two dead soldiers".
var modifierCategory = map[string]string{
	"dead": Killed, "injured": Injured, "wounded": Injured, "missing": Missing,
	"displaced": Displaced, "detained": Detained, "arrested": Detained, "evacuated": Evacuated,
}

// units after a number that make it no count of people.
var unitWords = set(`years year months month weeks week days day hours hour minutes minute seconds
	decades decade centuries century km kilometres kilometers miles mile metres meters feet foot
	kg kilograms tonnes tons pounds dollars euros rand shillings rupees naira yuan yen cedis francs
	percent per pc points goals runs wickets votes seats times storeys stories floors acres hectares
	litres liters gallons barrels calories degrees mph kph times-a-day am pm gmt bst utc`)

// currency words or symbols before a number.
var currencyBefore = set(`$ £ € ¥ ₹ ₦ r rs us$ usd eur gbp sh ksh tsh ush zar inr`)

// approximation prefixes, longest first per first word.
type approxPrefix struct {
	words  []string
	approx string
}

var approxPrefixes = []approxPrefix{
	{[]string{"no", "fewer", "than"}, AtLeast},
	{[]string{"no", "less", "than"}, AtLeast},
	{[]string{"not", "less", "than"}, AtLeast},
	{[]string{"just", "over"}, MoreThan},
	{[]string{"well", "over"}, MoreThan},
	{[]string{"just", "under"}, FewerThan},
	{[]string{"more", "than"}, MoreThan},
	{[]string{"in", "excess", "of"}, MoreThan},
	{[]string{"upwards", "of"}, MoreThan},
	{[]string{"over"}, MoreThan},
	{[]string{"at", "least"}, AtLeast},
	{[]string{"a", "minimum", "of"}, AtLeast},
	{[]string{"fewer", "than"}, FewerThan},
	{[]string{"less", "than"}, FewerThan},
	{[]string{"under"}, FewerThan},
	{[]string{"up", "to"}, UpTo},
	{[]string{"as", "many", "as"}, UpTo},
	{[]string{"at", "most"}, UpTo},
	{[]string{"around"}, Around},
	{[]string{"about"}, Around},
	{[]string{"approximately"}, Around},
	{[]string{"approx"}, Around},
	{[]string{"roughly"}, Around},
	{[]string{"some"}, Around},
	{[]string{"nearly"}, Around},
	{[]string{"almost"}, Around},
	{[]string{"close", "to"}, Around},
	{[]string{"an", "estimated"}, Around},
	{[]string{"estimated"}, Around},
	{[]string{"a", "total", "of"}, Exact},
	{[]string{"exactly"}, Exact},
	{[]string{"all"}, Exact},
	{[]string{"another"}, Exact},
}

// approxByFirst indexes approxPrefixes by their first word.
var approxByFirst = func() map[string][]approxPrefix {
	m := map[string][]approxPrefix{}
	for _, p := range approxPrefixes {
		m[p.words[0]] = append(m[p.words[0]], p)
	}
	return m
}()

// vague quantity words, used with "of" ("dozens of") or directly
// ("several people").
var vagueOf = set(`dozens scores hundreds thousands millions tens`)
var vagueDirect = set(`several many multiple numerous countless`)

// auxiliaries, adverbs and copulas that may stand between a count and its
// verb: "31 people have reportedly been injured".
var auxWords = set(`were was have has had been are is be being reportedly also all both now later
	since allegedly reported confirmed believed thought said known so far still already
	subsequently initially eventually then each officially earlier got get gets to either
	remain remained remains left seriously critically badly slightly severely fatally mostly
	apparently reportedly just recently tragically who more`)

// passive markers among the auxiliaries: after them a transitive verb is
// passive ("were killed"), without them it may be active ("gunmen killed
// a guard").
var passiveAux = set(`were was been being are is be got get gets remain remained remains left`)

// modal and negation words: a count under them is hypothetical or denied.
var modalNeg = set(`could would might may will shall should must can not never no none nobody
	cannot without if unless feared fear fears risk risks threatens threaten expected likely
	possibly potentially hope hopes`)

// violence participles that may come before the category verb: "were
// stabbed and killed", "shot and wounded".
var violenceVerbs = set(`stabbed shot beaten attacked hit struck assaulted hacked burned burnt
	crushed trapped run`)

// place nouns that introduce a population: "a city of 1.4 million people".
var populationNouns = set(`city town country nation region province state island village capital
	metropolis population municipality county district territory enclave strip`)

// reporting verbs that attribute a figure to a claimant.
var reportingVerbs = set(`said says say told tells reported reports confirmed confirms confirm
	announced announces stated states added adds revealed reveals estimated estimates estimate
	claimed claims claim wrote writes tweeted posted declared noted warned explained disclosed
	indicated counted recorded registered updated acknowledged insisted according`)

// words that may stand between a subject and its reporting verb: "Filippo
// Grandi also said", "the ministry later confirmed".
var beforeVerbSkip = set(`also later earlier previously separately further additionally had has have
	was were would initially then now however meanwhile repeatedly reportedly officially publicly
	again too first last separately subsequently yesterday today tonight`)

// heads of descriptive claimants: "Russian authorities", "the ministry",
// "a police spokesman".
var claimantHeads = set(`authorities authority officials official police ministry department service
	services agency government military army spokesman spokeswoman spokesperson spokespeople
	sources source witnesses witness rescuers medics doctors hospital hospitals office council
	commission committee organisation organization group coalition federation union board
	administration governor mayor minister president chief head director coroner prosecutors
	prosecutor reports report media television tv broadcaster newspaper outlet officers force forces
	command ministries regulator regulators statement team unit company operator airline
	firm residents resident observers monitors monitor analysts experts researchers study survey
	figures data count tally ngo charity groups organisations organizations agencies activists
	campaigners lawyers opposition monitors ngos charities tallies counts statistics records
	rescuers paramedics relatives survivors organisers organizers organiser organizer leaders
	unions party movement`)

// pronoun subjects resolved to an earlier claimant.
var pronouns = map[string]string{"he": "person", "she": "person", "they": "other", "it": "other"}

// words that end a descriptive claimant phrase when walking back.
var npStop = set(`and or but that which who whom while as after before when where said says told
	to of in on at for from by with into than if because since though although was were is are has
	have had been be will would could should may might can also not`)

// determiners that open a claimant phrase.
var determiners = set(`the a an`)

// function words a count with no people noun may be followed by: "killing
// 72 in Kathmandu", "the toll rose to 10 on Saturday".
var afterBare = set(`in on at during and including when after since across while as near inside
	overnight yesterday today last this so by with following amid from`)

// cue verbs before a count: "killed 12", "killing at least 72 people".
var preCue = map[string]string{
	"killed": Killed, "killing": Killed, "kills": Killed, "kill": Killed,
	"injured": Injured, "injuring": Injured, "injures": Injured, "wounded": Injured,
	"wounding": Injured, "wounds": Injured, "hurt": Injured, "hurting": Injured,
	"arrested": Detained, "arresting": Detained, "arrests": Detained, "detained": Detained,
	"detaining": Detained, "detains": Detained, "kidnapped": Detained, "kidnapping": Detained,
	"abducted": Detained, "abducting": Detained,
	"evacuated": Evacuated, "evacuating": Evacuated, "evacuates": Evacuated,
	"displaced": Displaced, "displacing": Displaced, "displaces": Displaced,
	"affected": Affected, "affecting": Affected, "affects": Affected,
}

// nouns before "of N": "the deaths of 12 people", "the evacuation of 300".
var ofCue = map[string]string{
	"deaths": Killed, "death": Killed, "lives": Killed, "bodies": Killed, "killing": Killed,
	"killings": Killed, "evacuation": Evacuated, "arrest": Detained, "arrests": Detained,
	"detention": Detained, "displacement": Displaced,
}

// toll verbs: "the death toll rose to 10", "the number stands at 23".
var tollLink = set(`to at of reached reaches reaching hit hits is was stood stands passed passes
	passing topped tops topping exceeded exceeds exceeding surpassed surpasses crossed crosses nears
	neared nearing`)

// people nouns that "affected" may count: a disaster affects people, a
// strike or an outage affects passengers and customers, which are no toll.
var affectedHeads = set(`people persons residents civilians children villagers inhabitants women men
	families households`)

// verbs before "N lives": "claimed at least 45 lives".
var livesVerbs = set(`claimed claiming claims cost costing costs took taken taking`)

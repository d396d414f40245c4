package figures

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/document"
)

var pub = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)

// fig renders a figure for comparison: "category min-max vague | phrase".
func fig(f document.Figure) string {
	n := func(p *int64) string {
		if p == nil {
			return "_"
		}
		return fmt.Sprint(*p)
	}
	v := ""
	if f.Vague != nil {
		v = " ~" + *f.Vague
	}
	return fmt.Sprintf("%s %s-%s%s | %s", f.Category, n(f.Min), n(f.Max), v, f.Phrase)
}

// TestPhrases checks figures in sentences written for the test; want lists
// every figure of the sentence, an empty list none.
func TestPhrases(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		// killed
		{"The ministry said one woman died and 31 people were injured in the city.",
			[]string{"killed 1-1 | one woman died", "injured 31-31 | 31 people were injured"}},
		{"A strike on the market killed at least 12 civilians on Tuesday.",
			[]string{"killed 12-_ | killed at least 12 civilians"}},
		{"The crash killed all 150 passengers and crew on board.",
			[]string{"killed 150-150 | killed all 150 passengers"}},
		{"Twenty-one soldiers lost their lives in the ambush.",
			[]string{"killed 21-21 | Twenty-one soldiers lost their lives"}},
		{"Rescuers recovered the bodies of seven miners.",
			[]string{"killed 7-7 | the bodies of seven miners"}},
		{"The death toll from the floods has risen to 48.",
			[]string{"killed 48-48 | death toll from the floods has risen to 48"}},
		{"The earthquake left 2,300 dead and thousands homeless.",
			[]string{"killed 2300-2300 | 2,300 dead", "displaced _-_ ~thousands | thousands homeless"}},
		{"Two police officers were shot dead at a checkpoint.",
			[]string{"killed 2-2 | Two police officers were shot dead"}},
		{"A 35-year-old man was killed when the wall collapsed.",
			[]string{"killed 1-1 | A 35-year-old man was killed"}},
		{"Gunmen killed a farmer near the village.",
			[]string{"killed 1-1 | killed a farmer"}},
		{"Between 20 and 30 people are believed to have died in the fire.",
			[]string{"killed 20-30 | Between 20 and 30 people are believed to have died"}},
		{"Officials said 20-25 villagers drowned when the boat capsized.",
			[]string{"killed 20-25 | 20-25 villagers drowned"}},
		{"More than 1.2 million people were killed in the war.",
			[]string{"killed 1200000-_ | More than 1.2 million people were killed"}},
		{"Dozens were killed in the raid.",
			[]string{"killed _-_ ~dozens | Dozens were killed"}},
		{"Scores of civilians died in the shelling.",
			[]string{"killed _-_ ~scores | Scores of civilians died"}},
		{"Nearly a dozen protesters were killed by security forces.",
			[]string{"killed 12-12 | Nearly a dozen protesters were killed"}},
		{"Hundreds of thousands of people have died in the conflict.",
			[]string{"killed _-_ ~hundreds of thousands | Hundreds of thousands of people have died"}},
		// injured and casualties
		{"Three children were taken to hospital with burns.",
			[]string{"injured 3-3 | Three children were taken to hospital"}},
		{"Four firefighters were hurt tackling the blaze.",
			[]string{"injured 4-4 | Four firefighters were hurt"}},
		{"The blast wounded 14 people, two of them seriously.",
			[]string{"injured 14-14 | wounded 14 people"}},
		{"Five people remain in a critical condition.",
			[]string{"injured 5-5 | Five people remain in a critical condition"}},
		{"Several people were injured and dozens of others were treated at the scene.",
			[]string{"injured _-_ ~several | Several people were injured"}},
		{"At least 40 people were killed or wounded in the attack.",
			[]string{"casualties 40-_ | At least 40 people were killed or wounded"}},
		{"The army reported 35 casualties among its troops.",
			[]string{"casualties 35-35 | 35 casualties"}},
		{"Two were killed and 12 injured when the bus overturned.",
			[]string{"killed 2-2 | Two were killed", "injured 12-12 | 12 injured"}},
		// missing, detained
		{"Eight fishermen remain missing after the storm.",
			[]string{"missing 8-8 | Eight fishermen remain missing"}},
		{"Police arrested 57 people after the match.",
			[]string{"detained 57-57 | arrested 57 people"}},
		{"More than 200 arrests have been made since Sunday.",
			[]string{"detained 200-_ | More than 200 arrests"}},
		{"About 40 protesters were detained by police.",
			[]string{"detained 40-40 | About 40 protesters were detained"}},
		{"Militants kidnapped 30 students from a school.",
			[]string{"detained 30-30 | kidnapped 30 students"}},
		// displaced, refugees, evacuated, affected
		{"The fighting has displaced 1.5 million people.",
			[]string{"displaced 1500000-1500000 | displaced 1.5 million people"}},
		{"Some 4,000 residents were forced from their homes by the floods.",
			[]string{"displaced 4000-4000 | Some 4,000 residents were forced from their homes"}},
		{"More than 500,000 Ukrainian refugees have fled to neighbouring states.",
			[]string{"refugees 500000-_ | More than 500,000 Ukrainian refugees have fled to neighbouring"}},
		{"Authorities evacuated 12,000 people ahead of the cyclone.",
			[]string{"evacuated 12000-12000 | evacuated 12,000 people"}},
		{"Up to 3,000 residents were evacuated from the valley.",
			[]string{"evacuated 3000-3000 | Up to 3,000 residents were evacuated"}},
		{"The drought has affected 2.3m people across the region.",
			[]string{"affected 2300000-2300000 | affected 2.3m people"}},
		{"Officials estimated that 1.5 lakh people were affected by the floods.",
			[]string{"affected 150000-150000 | 1.5 lakh people were affected"}},
		// tolls and numbers that refer back
		{"Police made four more arrests on Monday, taking the total to 23.",
			[]string{"detained 4-4 | four more arrests", "detained 23-23 | total to 23"}},
		{"The death toll stood at 112 on Friday.",
			[]string{"killed 112-112 | death toll stood at 112"}},
		// traps: no figure
		{"Russian troops seized two cities in the south.", nil},
		{"He has worked in refugee crises for almost 40 years.", nil},
		{"Ukraine wants to join the EU as its 28th member.", nil},
		{"The country deployed 5,000 troops to the border.", nil},
		{"The fund raised £40,000 for the 300 families.", nil},
		{"Prices rose 12% and 31 per cent of people were unhappy.", nil},
		{"Leanne Lucas, 35, who was injured, is recovering.", nil},
		{"Bebe King, six, and Alice Aguiar, nine, died after the attack.", nil},
		{"The town was rebuilt in the 1990s and again in 2014.", nil},
		{"Kharkiv, a city of 1.4 million people, was shelled on Monday.", nil},
		{"Officials warned that casualties could mount.", nil},
		{"Up to 10,000 people could be killed if the dam bursts.", nil},
		{"None of the 20 passengers was injured.", nil},
		{"No one was hurt in the fire, which destroyed 14 homes.", nil},
		{"Chelsea coped with a 14-man injury list and won by three points.", nil},
		{"The meeting starts at 5.30pm on 7 October with 300 delegates.", nil},
		{"Two gunmen killed a guard at the bank.", []string{"killed 1-1 | killed a guard"}},
		{"Thousands of people marched through the capital.", nil},
		{"The 10th victim was found inside the building.", nil},
		{"About 20 people are feared dead after the landslide.", nil},
		{"Many refugees live in the camp.", nil},
		{"A man was arrested on suspicion of murder.", nil},
		{"The airline said a flight carrying 167 passengers landed safely.", nil},
		{"One of the plane's engines caught fire.", nil},
		{"She was one of three people injured in 2019.", []string{"injured 3-3 | three people injured"}},
		// more shapes
		{"The Gaza Health Ministry says more than 35,000 Palestinians have been killed since the war began.",
			[]string{"killed 35000-_ | more than 35,000 Palestinians have been killed"}},
		{"The storm has claimed at least 45 lives and left 100,000 homes without power.",
			[]string{"killed 45-_ | claimed at least 45 lives"}},
		{"The number of confirmed deaths has climbed to 1,027.",
			[]string{"killed 1027-1027 | number of confirmed deaths has climbed to 1,027"}},
		{"At least 14 people including two children were killed in the strike.",
			[]string{"killed 14-_ | At least 14 people including two children were killed"}},
		{"Six people, aged between 18 and 25, were arrested.",
			[]string{"detained 6-6 | Six people, aged between 18 and 25, were arrested"}},
		{"Two children were among the dead.", []string{"killed 2-2 | Two children were among the dead"}},
		{"Nearly 9 million people have been displaced, including 1.8 million who have crossed into neighbouring countries.",
			[]string{"displaced 9000000-9000000 | Nearly 9 million people have been displaced",
				"refugees 1800000-1800000 | 1.8 million who have crossed into neighbouring"}},
		{"Three killed, 12 hurt in blast at fireworks factory",
			[]string{"killed 3-3 | Three killed", "injured 12-12 | 12 hurt"}},
		{"Seven bodies have been recovered, with 20 still missing.",
			[]string{"killed 7-7 | Seven bodies", "missing 20-20 | 20 still missing"}},
		{"Twelve people, six of them children, died in the fire.",
			[]string{"killed 12-12 | Twelve people, six of them children, died"}},
		{"The cyclone left 5,000 homeless.", []string{"displaced 5000-5000 | 5,000 homeless"}},
		{"Officials put the death toll at 26.", []string{"killed 26-26 | death toll at 26"}},
		{"Dozens more were wounded.", []string{"injured _-_ ~dozens | Dozens more were wounded"}},
		{"The quake injured scores.", []string{"injured _-_ ~scores | injured scores"}},
		{"Forty people were treated for minor injuries.", []string{"injured 40-40 | Forty people were treated for minor injuries"}},
		{"Twelve people needed hospital treatment after the crash.", []string{"injured 12-12 | Twelve people needed hospital treatment"}},
		{"Nine were rushed to a nearby hospital.", []string{"injured 9-9 | Nine were rushed to a nearby hospital"}},
		{"The militants killed or injured 40 people in the raid.", []string{"casualties 40-40 | killed or injured 40 people"}},
		{"There were dozens of dead and wounded in the square.", []string{"casualties _-_ ~dozens | dozens of dead and wounded"}},
		{"The crash claimed the lives of 11 people.", []string{"killed 11-11 | the lives of 11 people"}},
		{"About 30,000 internally displaced people live in the camp.", []string{"displaced 30000-30000 | About 30,000 internally displaced people"}},
		// more traps
		{"Over 80% of Gaza's population of 2.3 million has been displaced.", nil},
		{"Three of the dead were children, officials said.", nil},
		{"Officials said 12 of the injured were in a serious condition.", nil},
		{"The outage affected 500,000 customers across the state.", nil},
		{"It was not immediately clear how many people were hurt.", nil},
		{"The striker, 24, has scored 31 goals in 40 games this season.", nil},
		{"Police arrested 10 people. The total cost reached 30 million.", []string{"detained 10-10 | arrested 10 people"}},
		{"In May 12 people died in the floods.", []string{"killed 12-12 | 12 people died"}},
		{"Two men were shot in the incident.", nil},
		{"COVID-19 deaths fell last week as F-16 pilots trained.", nil},
		{"Apple said it had sold 200 million iPhones and hired 3,000 workers.", nil},
		// supporters counted in a party's own words; ages; parts of a count made before
		{"The party said 112 of its supporters had been arrested since the vote.",
			[]string{"detained 112-112 | 112 of its supporters had been arrested"}},
		{"Activists said more than 100 of their supporters were detained overnight.",
			[]string{"detained 100-_ | more than 100 of their supporters were detained"}},
		{"Neighbours said a man of 45 had died in the crush.", []string{"killed 1-1 | a man of 45 had died"}},
		{"Neighbours said the man of 45 had died in the crush.", nil},
		{"A woman of 80 was killed when the roof fell in.", []string{"killed 1-1 | A woman of 80 was killed"}},
		{"A 71-year-old woman and a 45-year-old man had died in the blaze.",
			[]string{"killed 2-2 | A 71-year-old woman and a 45-year-old man had died"}},
		{"A soldier and a civilian were killed by the shell.",
			[]string{"killed 2-2 | A soldier and a civilian were killed"}},
		{"Officials said 19 of those detained had been released on bail.", nil},
		{"Prosecutors said six of those arrested were charged with arson.", nil},
		{"The ministry had given a figure of at least 12 killed in the raid.",
			[]string{"killed 12-_ | at least 12 killed"}},
		{"Heavy rain flooded the delta, forcing at least 12,400 people from their homes.",
			[]string{"displaced 12400-_ | forcing at least 12,400 people from their homes"}},
		{"The fighting forced more than 41,000 people from their homes last month.",
			[]string{"displaced 41000-_ | forced more than 41,000 people from their homes"}},
		{"The cyclone drove 3,000 villagers out of their homes.",
			[]string{"displaced 3000-3000 | drove 3,000 villagers out of their homes"}},
		{"The army forced 200 prisoners to march north.", nil},
	}
	for _, c := range cases {
		got := Find(Input{Text: c.text, Published: pub, Outlet: "Test News"})
		var gs []string
		for _, f := range got {
			gs = append(gs, fig(f))
			if c.text[f.Start:f.End] != f.Phrase {
				t.Errorf("%q: span %d-%d is %q, phrase %q", c.text, f.Start, f.End, c.text[f.Start:f.End], f.Phrase)
			}
		}
		if strings.Join(gs, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q\n got: %q\nwant: %q", c.text, gs, c.want)
		}
	}
}

// TestSchemaValid checks that figures of every shape validate against the
// contract's JSON schema.
func TestSchemaValid(t *testing.T) {
	text := "The ministry said one woman died and 31 people were injured. Dozens of people were killed and injured. " +
		"Between 20 and 30 people are missing. More than 500,000 refugees have fled abroad, according to the UN. " +
		"Hundreds of arrests have been made, taking the number to 378."
	d := document.New()
	d.Text = text
	d.ID = strings.Repeat("ab", 32)
	d.Published = "2024-03-04"
	d.Language = "en"
	d.Figures = Find(Input{Text: text, Published: pub, Outlet: "Test News"})
	if len(d.Figures) < 6 {
		t.Fatalf("only %d figures", len(d.Figures))
	}
	d.Normalize()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := document.Validate(b); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
}

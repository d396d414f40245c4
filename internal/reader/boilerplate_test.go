package reader

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/document"
)

const (
	kCaption  = document.RemovedCaption
	kCredit   = document.RemovedCredit
	kNav      = document.RemovedNavigation
	kRelated  = document.RemovedRelated
	kAdvert   = document.RemovedAdvert
	kOther    = document.RemovedOther
	kArticle  = "" // article text
	tagP      = "p"
	tagFigcap = "figcaption"
)

type classifyCase struct {
	tag  string // "p" when empty
	text string
	want string
	// bug, when set, names a known reader bug: the case is skipped while it
	// fails, and runs as an ordinary case once the bug is fixed.
	bug string
}

var classifyCases = []classifyCase{
	// Captions.
	{text: "1 of 3 | Territorial defense fighters train in a forest near Kyiv on Saturday. Photo by Oleg Petrasyuk/EPA-EFE", want: kCaption},
	{text: "1 of 4 | Firefighters work at the site of a damaged apartment building in Kostiantynivka. Photo by Mykola Hrytsenko/UPI", want: kCaption},
	{text: "Firefighters work at the site of a damaged apartment building. Photo by Mykola Hrytsenko/UPI | License Photo", want: kCaption},
	{text: "Demonstrators gather outside parliament in Nairobi on Tuesday. (AP Photo/John Doe)", want: kCaption},
	{text: "(AP Photo/John Doe)", want: kCaption},
	{text: "Rescuers search the rubble in Antakya on Monday. Photo: Getty Images", want: kCaption},
	{text: "Residents inspect burnt-out stalls at the market. Photo: Issa Maïga/AFP", want: kCaption},
	{text: "Image 2 of 12", want: kCaption},
	{text: "Photo 3/5", want: kCaption},
	{text: "Slide 1 of 4: Flood waters rise in Mocuba", want: kCaption},
	{text: "Prime Minister Jane Doe (C) and ministers pose for a photo in Canberra", want: kCaption},
	{text: "From left: John Smith, Jane Doe and Mary Roe at the summit", want: kCaption},
	{tag: tagFigcap, text: "Police officers stand guard outside the court.", want: kCaption},
	{tag: tagFigcap, text: "The minister said the talks would resume on Monday, officials said.", want: kCaption},

	// Credits.
	{text: "Photo: Getty Images", want: kCredit},
	{text: "(Photo: Reuters)", want: kCredit},
	{text: "Photo by Jane Smith", want: kCredit},
	{text: "Image: Supplied", want: kCredit},
	{text: "Getty Images", want: kCredit},
	{text: "License Photo", want: kCredit},
	{text: "John Doe/AFP via Getty Images", want: kCredit},
	{text: "Jane Smith/Reuters", want: kCredit},
	{text: "Photographs: Jane Smith/Reuters", want: kCredit},
	{text: "Credit: Jane Smith", want: kCredit},

	// Navigation and page furniture.
	{text: "Latest Headlines", want: kNav},
	{text: "Read more", want: kNav},
	{text: "Read more:", want: kNav},
	{text: "Share this article", want: kNav},
	{text: "Share", want: kNav},
	{text: "Sign up for our newsletter", want: kNav},
	{text: "Sign up for our daily newsletter to get the latest news.", want: kNav},
	{text: "Subscribe now", want: kNav},
	{text: "Skip to main content", want: kNav},
	{text: "Story continues below advertisement", want: kNav},
	{text: "Most read", want: kNav},
	{text: "Related", want: kNav},
	{text: "Trending", want: kNav},
	{text: "Copyright 2024 The Associated Press. All rights reserved.", want: kNav},
	{text: "© 2024 Reuters", want: kNav,
		bug: "a bare \"©\" line is not furniture: reSubscribe's `\\b(?:...|©|...)\\b` can never match \"©\" at the start of a block or before a space, since © is not a word character"},

	// Comment counts.
	{text: "Comments", want: kNav},
	{text: "12 comments", want: kNav},
	{text: "View comments (34)", want: kNav},
	{text: "Comments (5)", want: kNav},

	// Adverts.
	{text: "Advertisement", want: kAdvert},
	{text: "ADVERTISEMENT", want: kAdvert},
	{text: "Advertisement - scroll to continue", want: kAdvert},
	{text: "Sponsored content from Acme", want: kAdvert},
	{text: "Ad", want: kAdvert},

	// Related-link prompts.
	{text: "Read more: Ukraine talks begin in Belarus", want: kRelated},
	{text: "Also read | Monsoon floods hit Assam", want: kRelated},
	{text: "WATCH: Drone footage shows the damage", want: kRelated},

	// Embedded social-media posts.
	{text: "We're not going anywhere. — Volodymyr Zelensky (@ZelenskyyUa) February 26, 2022", want: kOther},

	// Author bios.
	{text: "Jane Doe is a politics reporter at the Courier. Follow her on Twitter @janedoe.", want: kCredit},
	{text: "John Smith covers foreign affairs for the Daily News, where he has been a correspondent since 2015.", want: kCredit},

	// Time stamps and empty blocks.
	{text: "Updated 7:18 PM EDT, October 11, 2023", want: kOther},
	{text: "Published 3 hours ago", want: kOther},
	{text: "", want: kOther},
	{text: "   ", want: kOther},

	// Article text that merely mentions the words furniture is made of.
	{text: "The agency said it would share the photos with investigators.", want: kArticle},
	{text: "Shares in the company fell 4%.", want: kArticle},
	{text: "Shares in the company fell 4% on Tuesday after it warned on profits.", want: kArticle},
	{text: "Share prices in Tokyo rose sharply on Wednesday.", want: kArticle},
	{text: "“We will share this with our partners,” the minister said.", want: kArticle},
	{text: "The ministry released a photo of the damaged bridge on Tuesday.", want: kArticle},
	{text: "The photo, taken by a local resident, showed smoke rising over the port.", want: kArticle},
	{text: "Police said they had not identified the man in the photo, the agency said.", want: kArticle},
	{text: "Photographs of the damage were shared widely on social media, the ministry said.", want: kArticle},
	{text: "Police said one man had been arrested. Photo by residents showed the car on fire.", want: kArticle},
	{text: "Getty Images, the photo agency, said it had removed the picture.", want: kArticle},
	{text: "The photographer, John Smith of Reuters, was injured in the blast.", want: kArticle},
	{text: "Reuters photographer John Smith said he saw at least 10 bodies.", want: kArticle},
	{text: "The video, verified by Reuters, showed a column of tanks moving south.", want: kArticle},
	{text: "The image, released by the Ukrainian military, could not be independently verified.", want: kArticle},
	{text: "Officials said the related investigation would take months.", want: kArticle},
	{text: "Related charges were filed against three other men, prosecutors said.", want: kArticle},
	{text: "The newspaper said advertisement revenue had fallen by a third since 2020.", want: kArticle},
	{text: "He said he would read more of the report before deciding.", want: kArticle},
	{text: "Read the full report on the agency's website, the statement said.", want: kArticle},
	{text: "Comments by the minister drew criticism from opposition parties on Monday.", want: kArticle},
	{text: "He told the crowd to follow him on foot to the square, witnesses said.", want: kArticle},
	{text: "“Sign up or be left behind,” the union leader told members.", want: kArticle},
	{text: "The company said it had signed up 2 million new subscribers in the quarter.", want: kArticle},
	{text: "Live coverage of the summit was broadcast on state television.", want: kArticle},
	{text: "Watch officials said the river would crest on Friday.", want: kArticle},
	{text: "The UN said 1 of 3 children in the region was malnourished.", want: kArticle},
	{text: "Of the 12 people killed, 3 of 5 were children, officials said.", want: kArticle},
	{text: "Maria Lopez is a mother of three who lost her home in the fire.", want: kArticle},
	{text: "Evan Gershkovich is a reporter for The Wall Street Journal who was detained in Russia in March.", want: kArticle},
	{text: "He was pictured, left, with the minister at the airport.", want: kArticle},
	{text: "Listen to the voices of the survivors, the bishop urged.", want: kArticle},
	{text: "Print media outlets were barred from the briefing.", want: kArticle},
	{text: "Close to 400 people were evacuated from the area.", want: kArticle},
	{text: "Copyright lawyers said the case could take years.", want: kArticle},
	{text: "Tags on the shipping containers showed they came from Mersin.", want: kArticle},

	// Article text the current patterns mistake for furniture.
	{text: "Residents were urged to subscribe to emergency text alerts from the city.", want: kArticle,
		bug: "reSubscribe matches \"subscribe to\" anywhere in a block under 300 chars"},
	{text: "The newsletter, published by the opposition, was banned in 2019.", want: kArticle,
		bug: "reSubscribe matches the bare word \"newsletter\" anywhere in a block under 300 chars"},
	{text: "The posts violated the platform's terms of service, a spokesperson said.", want: kArticle,
		bug: "reSubscribe matches \"terms of service\" / \"privacy policy\" anywhere in a block under 300 chars"},
	{text: "The text message urged recipients to click here to update their bank details.", want: kArticle,
		bug: "reSubscribe matches \"click here\" / \"click to\" anywhere in a block under 300 chars"},
	{text: "He urged his supporters to follow him on X for updates.", want: kArticle,
		bug: "reAuthorBio's \"follow ... on X\" alternative matches anywhere, not only in a bio"},
	{text: "Jane Doe is a nurse at the hospital who treated many of the injured, and she said the news was devastating.", want: kArticle,
		bug: "reAuthorBio's \"<Name> is a <word> ... news\" alternative matches any sentence about a named person that mentions news, politics or a writer within 120 chars"},
	{text: "Advertising spending rose 5% in 2023.", want: kArticle,
		bug: "reAdvert matches any short block that starts with the word \"advertising\""},
	{text: "Sponsored by the UN, the talks began on Monday.", want: kArticle,
		bug: "reAdvert matches any short block that starts with the word \"sponsored\""},
	{text: "Sources close to the minister denied the report.", want: kArticle,
		bug: "reCreditOnly matches a short letters-only sentence that starts with \"Sources\" (the optional [:/] lets any words follow)"},
	{text: "Video shows the moment the bridge collapsed.", want: kArticle,
		bug: "reCreditOnly matches a short letters-only sentence that starts with \"Video\""},
	{text: "The minister made the remarks in an interview with Anadolu Agency.", want: kArticle,
		bug: "reCreditTail matches a sentence ending in \"Anadolu Agency.\" (also \"Alamy.\", \"Shutterstock.\"); endsLikeProse does not cover it"},
	{text: "Updated figures from the ministry showed 143 dead.", want: kArticle,
		bug: "reShortTimeLine matches any short block starting with \"Updated\"/\"Published\", with no time or date in it"},
	{text: "Published reports said the minister would resign.", want: kArticle,
		bug: "reShortTimeLine matches any short block starting with \"Published\""},
	{text: "9/11: The attacks killed nearly 3,000 people.", want: kArticle,
		bug: "reSlideCounter reads \"9/11:\" as a slideshow counter"},
}

func TestClassify(t *testing.T) {
	for _, tc := range classifyCases {
		tag := tc.tag
		if tag == "" {
			tag = tagP
		}
		name := tc.text
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(tag+"/"+name, func(t *testing.T) {
			got := classify(Block{Tag: tag, Text: tc.text})
			if got == tc.want {
				return
			}
			if tc.bug != "" {
				t.Errorf("BUG: %s\ninput %q: got %q, want %q", tc.bug, tc.text, got, tc.want)
			}
			t.Errorf("classify(%s %q) = %q, want %q", tag, tc.text, got, tc.want)
		})
	}
}

// TestClassifyCaseCounts keeps the table honest: enough furniture and enough
// prose that must survive.
func TestClassifyCaseCounts(t *testing.T) {
	furniture, prose := 0, 0
	for _, tc := range classifyCases {
		if tc.want == kArticle {
			prose++
		} else {
			furniture++
		}
	}
	if furniture < 20 || prose < 20 {
		t.Fatalf("classify table has %d furniture and %d prose cases; want at least 20 of each", furniture, prose)
	}
}

// TestCleanBlocksKeepsProse runs the prose cases through the whole cleaner:
// a paragraph classify leaves alone must reach the body.
func TestCleanBlocksKeepsProse(t *testing.T) {
	var blocks []Block
	blocks = append(blocks, Block{Tag: "p", Text: "LONDON (Reuters) - Officials said on Tuesday that the inquiry would begin next month."})
	var want []string
	for _, tc := range classifyCases {
		if tc.want == kArticle && tc.bug == "" && tc.tag == "" {
			blocks = append(blocks, Block{Tag: "p", Text: tc.text})
			want = append(want, tc.text)
		}
	}
	c := cleanBlocks(blocks, "Inquiry to begin next month", "")
	body := strings.Join(c.body, "\n")
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("prose paragraph dropped by cleanBlocks: %q", w)
		}
	}
	for _, r := range c.removed {
		t.Logf("removed %s: %q", r.Kind, r.Text)
	}
}

// TestCleanBlocksCredits covers the credit lines cleanBlocks (not classify)
// takes out: bylines near the top and the wire's reporting line at the end.
func TestCleanBlocksCredits(t *testing.T) {
	blocks := []Block{
		{Tag: "p", Text: "By Tom Balmforth and Olena Harmash"},
		{Tag: "p", Text: "KYIV, Feb 28 (Reuters) - Russian forces shelled the city on Monday, officials said, as talks began."},
		{Tag: "p", Text: "The talks on the Belarus border ended without agreement, a Ukrainian negotiator said."},
		{Tag: "p", Text: "(Reporting by Tom Balmforth in Kyiv; Editing by Mark Heinrich)"},
		{Tag: "p", Text: "Reporting by Olena Harmash; Writing by Tom Balmforth"},
	}
	c := cleanBlocks(blocks, "Shelling continues as talks begin", "")
	if got, want := strings.Join(c.byline, "|"), "Tom Balmforth|Olena Harmash"; got != want {
		t.Errorf("byline = %q, want %q", got, want)
	}
	if len(c.body) != 2 {
		t.Errorf("body has %d paragraphs, want 2: %q", len(c.body), c.body)
	}
	credits := 0
	for _, r := range c.removed {
		if r.Kind == kCredit {
			credits++
		}
	}
	if credits != 3 {
		t.Errorf("%d credit blocks removed, want 3: %+v", credits, c.removed)
	}
	if c.dateline == nil || c.dateline.Agency != "Reuters" {
		t.Errorf("dateline = %+v, want a Reuters dateline", c.dateline)
	}
}

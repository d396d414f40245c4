package reader

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/internal/document"
)

// Boilerplate patterns. Each names the kind of furniture it finds; they are
// matched against whole blocks, so a sentence of the story that merely
// contains "photo" is not touched.
var (
	// "1 of 3 | caption", "Photo 2/5", "Image 1 of 12"
	reSlideCounter = regexp.MustCompile(`^(?:(?:photo|image|picture|slide)\s*)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*(?:\||:|-|–|—|$)`)
	// a credit at the end of a caption: "Photo by X/EPA-EFE", "(AP Photo/X)", "Getty Images"
	reCreditTail = regexp.MustCompile(`(?i)(?:\b(?:photo|photograph|image|picture|video|file photo|credit)s?\s*(?:by|:|credit:?)\s*[^.]{0,80}$|\((?:[A-Z]{2,6} )?(?:photo|image)s?[^)]{0,60}\)\s*$|\b(?:getty images|afp via getty images|shutterstock|reuters/[\w .]+|ap photo[\w/ .]*|epa-efe|anadolu(?: agency)?|alamy)\s*\)?\.?\s*$|\|\s*license photo\s*$)`)
	// a bare credit line
	reCreditOnly = regexp.MustCompile(`(?i)^(?:\(?(?:photo|image|picture|photograph|video|credit|source)s?(?:\s*(?:by|credit))?\s*[:/]?\s*[\p{L}.'’\- ]{2,60}(?:/[\p{L}.'’\- ]{2,40})?\)?|license photo|getty images|[\p{L}.'’\- ]{2,40}/(?:afp|ap|reuters|epa|epa-efe|getty images|anadolu|upi|xinhua|tass)(?: via getty images)?)\.?$`)
	// whole-block page furniture
	navPhrases = []string{
		"latest headlines", "top stories", "most read", "most popular", "trending", "related", "related stories",
		"related articles", "related content", "related coverage", "related topics", "more stories", "more on this story",
		"more from", "recommended", "recommended for you", "you may also like", "you might also like", "read more",
		"read next", "read more:", "see also", "also read", "advertisement", "advertisement:", "sponsored", "sponsored content",
		"share", "share this", "share this article", "share on facebook", "share on twitter", "share via email",
		"sign up", "subscribe", "subscribe now", "follow us", "skip to content", "skip to main content", "back to top",
		"comments", "leave a comment", "view comments", "show comments", "print", "email", "copy link", "listen",
		"listen to this article", "watch", "watch:", "video", "topics", "tags", "newsletter", "story continues below",
		"story continues below advertisement", "continue reading", "continue reading below", "loading", "close",
		"scroll to continue", "click here", "follow", "article continues below", "article continues after advertisement",
		"content continues below", "ad", "ads", "promoted", "we recommend", "editor's picks", "don't miss",
		"scenes from", "photos", "in pictures", "gallery", "view gallery", "open gallery", "more videos",
	}
	navSet          = map[string]bool{}
	rePromptPrefix  = regexp.MustCompile(`(?i)^(?:read more|read next|also read|see also|related|more|watch|listen|sign up|subscribe|click here|follow us|download|get the|join us|don't miss|must read|recommended|read|more on|more from|video|gallery|photos|pictures|explainer|live|opinion|analysis|podcast)\s*(?::|\||»|›|>|–|—|-)\s*`)
	reSubscribe     = regexp.MustCompile(`(?i)\b(?:sign up (?:for|to|\(|now)|subscrib(?:e|ing) (?:to|for|now)|newsletter|get in touch (?:at|with us|on)|comment on this article|comment policy|follow us on|join (?:us|our) on|download (?:our|the) app|enable javascript|cookies? (?:policy|settings|preferences)|all rights reserved|©|copyright \d{4}|terms of (?:use|service)|privacy policy|get (?:our|the) .{0,30}newsletter|have a (?:news )?tip|send us a tip|contact us at|this article (?:was|is) (?:originally )?(?:published|produced)|we may earn a commission|affiliate link|share (?:this|your) (?:story|article)|click (?:here|to)|tap here)\b`)
	reAdvert        = regexp.MustCompile(`(?i)^(?:advertisement|advertising|sponsored|paid content|partner content|ad)\b.{0,40}$`)
	reShortTimeLine = regexp.MustCompile(`(?i)^(?:updated|published|posted|last updated|first published)\b.{0,60}$`)
	reByline        = regexp.MustCompile(`^(?i:by|words by|written by|reporting by|report by)\s+(\p{Lu}[\p{L}.'’\-]+(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|de|da|van|von|der|al|el|bin))*(?:(?:,|\s+and|\s*&)\s+\p{Lu}[\p{L}.'’\-]+(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|de|da|van|von|der|al|el|bin))*)*)(?:\s*[,|–—-]\s*.{0,60})?$`)
	reReportingLine = regexp.MustCompile(`^\(?(?i:reporting|additional reporting|writing|editing|compiled|produced|contributed|edited) by\b.{0,300}$`)
	// an embedded social-media post: "... — Name (@handle) August 5, 2024"
	reEmbeddedPost = regexp.MustCompile(`\(@\w{1,30}\)\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}`)
	// photo captions naming who stands where
	reCaptionMarks = regexp.MustCompile(`(?i)\((?:L|R|C|left|right|centre|center|top|bottom|pictured)\)|\b(?:from left|left to right|l-r|pictured)\s*[:,]`)
	// comment-thread furniture
	reComments = regexp.MustCompile(`(?i)^(?:all |view |show |read |load )?(?:\d+\s+)?comments?\s*\(?\d*\)?$`)
	// an author's bio line: "X covers politics ... Follow X on Twitter @x."
	reAuthorBio = regexp.MustCompile(`(?i)\bfollow (?:\w+ ){0,3}on (?:twitter|x|instagram|facebook|threads|bluesky|linkedin|tiktok)\b|^\p{Lu}[\p{L}'’\-]+(?: \p{Lu}[\p{L}'’\-]+)+ (?:is an? |covers )\w+.{0,120}(?:reporter|editor|correspondent|writer|journalist|columnist|politics|news)\b`)
	reReadMore  = regexp.MustCompile(`(?i)^(?:read more|read next|also read|see also|related|must read|recommended)\b`)
)

func init() {
	for _, p := range navPhrases {
		navSet[p] = true
	}
}

// classify tells whether a block is page furniture and of which kind; "" means
// it is article text.
func classify(b Block) string {
	t := strings.TrimSpace(b.Text)
	low := strings.ToLower(strings.Trim(t, " .:|»›>-–—•"))
	switch {
	case t == "":
		return document.RemovedOther
	case b.Tag == "figcaption":
		return document.RemovedCaption
	case navSet[low]:
		if strings.HasPrefix(low, "advert") || low == "ad" || low == "ads" || strings.HasPrefix(low, "sponsor") || low == "promoted" {
			return document.RemovedAdvert
		}
		return document.RemovedNavigation
	case reSlideCounter.MatchString(low):
		return document.RemovedCaption
	case reAdvert.MatchString(low) && len(t) < 60:
		return document.RemovedAdvert
	case reCreditOnly.MatchString(t):
		return document.RemovedCredit
	case reCreditTail.MatchString(t) && !endsLikeProse(t):
		return document.RemovedCaption
	case rePromptPrefix.MatchString(t) && len(t) < 200:
		return document.RemovedRelated
	case reSubscribe.MatchString(t) && len(t) < 300:
		return document.RemovedNavigation
	case reComments.MatchString(t):
		return document.RemovedNavigation
	case reEmbeddedPost.MatchString(t) && len(t) < 800:
		return document.RemovedOther
	case reCaptionMarks.MatchString(t) && len(strings.Fields(t)) <= 25 && !endsSentence(t):
		return document.RemovedCaption
	case reAuthorBio.MatchString(t) && len(t) < 400:
		return document.RemovedCredit
	case reShortTimeLine.MatchString(t):
		return document.RemovedOther
	}
	return ""
}

// endsLikeProse reports a sentence whose credit-like ending is quoted speech
// or ordinary prose ("..., the photo agency said.").
func endsLikeProse(t string) bool {
	return strings.HasSuffix(t, `."`) || strings.HasSuffix(t, ".”") || strings.HasSuffix(t, " said.")
}

package reader

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/document"
)

// The branches of reCreditTail: "Photo by X", "(AP Photo/X)", "/ Getty Images".
const (
	creditWordTail = `(?:photo|photograph|image|picture|file photo|credit)s?\s*(?:by|:|credit:?)\s*[^.]{0,80}$`
	creditMarkTail = `\((?:[A-Z]{2,6} )?(?:photo|image)s?[^)]{0,60}\)\s*$|[/|]\s*(?:getty images|afp via getty images|afp|shutterstock|reuters|ap photo[\w/ .]*|ap|epa-efe|epa|anadolu(?: agency)?|alamy|upi|xinhua)\s*\)?\.?\s*$|\|\s*license photo\s*$`
)

// Boilerplate patterns. Each names the kind of furniture it finds; they are
// matched against whole blocks, so a sentence of the story that merely
// contains "photo" is not touched.
var (
	// "1 of 3 | caption", "Photo 2/5", "Image 1 of 12"
	reSlideCounter = regexp.MustCompile(`^(?:(?:photo|image|picture|slide)\s*)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*(?:\||$)|^(?:photo|image|picture|slide)\s*\d{1,3}\s*(?:of|/)\s*\d{1,3}\b`)
	// the same, anchored as a whole: both branches open with ^, but only an
	// expression that does is tried at the start alone
	reSlideCounterAt = regexp.MustCompile(`^(?:` + reSlideCounter.String() + `)`)
	// a credit at the end of a caption: "Photo by X/EPA-EFE", "(AP Photo/X)",
	// "/ Getty Images", "| License Photo"
	reCreditTail = regexp.MustCompile(`(?i)(?:\b` + creditWordTail + `|` + creditMarkTail + `)`)
	// The same in two parts, each anchored, for the places a match can
	// start (see creditTail): a credit word at a word boundary, or a mark.
	reCreditWordTail = regexp.MustCompile(`(?i)^(?:` + creditWordTail + `)`)
	reCreditMarkTail = regexp.MustCompile(`(?i)^(?:` + creditMarkTail + `)`)
	// a bare credit line: "Photo: Jane Doe/AFP", "Getty Images"
	reCreditOnly = regexp.MustCompile(`(?i)^(?:\(?(?:photo|image|picture|photograph|video|credit|source)s?\s*(?:by|credit|:|/)\s*[\p{L}.'’\- ]{2,60}(?:/[\p{L}.'’\- ]{2,40})?\)?|license photo|getty images|[\p{L}.'’\- ]{2,40}/(?:afp|ap|reuters|epa|epa-efe|getty images|anadolu|upi|xinhua|tass)(?: via getty images)?)\.?$`)
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
	navSet         = map[string]bool{}
	rePromptPrefix = regexp.MustCompile(`(?i)^(?:read more|read next|also read|see also|related|more|watch|listen|sign up|subscribe|click here|follow us|download|get the|join us|don't miss|must read|recommended|read|more on|more from|video|gallery|photos|pictures|explainer|live|opinion|analysis|podcast)\s*(?::|\||»|›|>|–|—|-)\s*`)
	// calls to action, which open with the imperative
	rePromptStart = regexp.MustCompile(`(?i)^(?:sign up|subscribe|click|tap|follow us|join us|join our|download|get (?:our|the latest|breaking)|enable javascript|send us|have a (?:news )?tip|contact us|to (?:subscribe|sign up|read more|continue reading)|for (?:the latest|more stories)|support (?:independent|our) journalism|already a subscriber|log ?in|sign in|create (?:an|a free) account|would you like to comment|please read our|are (?:protests|you) .{0,40}\? get in touch|get in touch)\b`)
	// page footers and disclosures, wherever they stand in a short block
	reFooter        = regexp.MustCompile(`(?i)(?:all rights reserved|^©|^copyright\s*(?:©|\(c\)|\d{4})|\bcopyright © |cookie (?:policy|settings|preferences)|privacy policy|we may earn a commission|affiliate links?\b|this (?:article|story) (?:was|is) (?:originally )?(?:published|produced|made possible)|comment policy|subscribing to our|our (?:daily |weekly )?newsletter|sign up (?:for|to) (?:our|the)|get in touch (?:at|with us))`)
	reAdvert        = regexp.MustCompile(`(?i)^(?:advertisement|advertising|sponsored(?: content)?(?: (?:by|from) [\p{L}&. ]{1,30})?|paid content|partner content|paid post|ad|ads)(?:\s*[:\-–—|]\s*[\p{L} ]{0,30})?\s*$`)
	reShortTimeLine = regexp.MustCompile(`(?i)^(?:updated|published|posted|last updated|first published)(?:\s*:|\s+on\b|\s+at\b|\s+\d|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\s+\w+ (?:hours?|minutes?|days?) ago)`)
	reByline        = regexp.MustCompile(`^(?i:by|words by|written by|reporting by|report by)\s+(\p{Lu}[\p{L}.'’\-]+(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|de|da|van|von|der|al|el|bin))*(?:(?:,|\s+and|\s*&)\s+\p{Lu}[\p{L}.'’\-]+(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|de|da|van|von|der|al|el|bin))*)*)(?:\s*[,|–—-]\s*.{0,60})?$`)
	reReportingLine = regexp.MustCompile(`^\(?(?i:reporting|additional reporting|writing|editing|compiled|produced|contributed|edited) by\b.{0,300}$`)
	// an embedded social-media post: "... — Name (@handle) August 5, 2024"
	reEmbeddedPost = regexp.MustCompile(`\(@\w{1,30}\)\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}`)
	// photo captions naming who stands where
	reCaptionMarks = regexp.MustCompile(`(?i)\((?:L|R|C|left|right|centre|center|top|bottom|pictured)\)|\b(?:from left|left to right|l-r|pictured)\s*[:,]`)
	// comment-thread furniture
	reComments = regexp.MustCompile(`(?i)^(?:all |view |show |read |load )?(?:\d+\s+)?comments?\s*\(?\d*\)?$`)
	// an author's bio line: "X covers politics ... Follow X on Twitter @x."
	reAuthorBio = regexp.MustCompile(`^(?i:follow)\b.{0,60}(?i:on (?:twitter|x|instagram|facebook|threads|bluesky|linkedin|tiktok))|(?i:follow) \p{Lu}\p{L}+ on (?i:twitter|x)\s+@\w+|^\p{Lu}[\p{L}'’\-]+(?: \p{Lu}[\p{L}'’\-]+)+ (?:is an? (?:[\p{L}\-]+ ){0,3}(?:reporter|editor|correspondent|writer|journalist|columnist|contributor|producer)\b.*(?:\bcover(?:s|ing)\b|based in|\bwrites\b|@\w|(?i:follow)|email)|covers \p{Ll}+)`)
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
	// Cheap facts first, so that a long paragraph of prose runs none of
	// the expressions it cannot match.
	n := len(t)
	// A paragraph of prose — long, ending a sentence, with none of the
	// marks of credits, embeds or bios — is article text: most blocks are.
	if n > 150 && b.Tag != "figcaption" && endsSentence(t) && !hasProseBreaker(t) {
		return ""
	}
	// low is the trimmed block lower-cased, in a buffer that is made a
	// string only for the expressions that read it
	var lowBuf [128]byte
	var low []byte
	if n < 120 {
		low = appendLower(lowBuf[:0], strings.Trim(t, " .:|»›>-–—•"))
	}
	tail := t[max(0, n-110):] // a credit closes its caption
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	// The cue tests fold ASCII case as they go rather than read a
	// lower-cased copy; the rare runes that lower-case into ASCII, or that
	// (?i) matches for an ASCII letter, send a block the exact way.
	odd := n < 600 && oddFold(t)
	lowAll, lowTail := t, tail
	if odd {
		lowAll, lowTail = strings.ToLower(t), strings.ToLower(tail)
	}
	switch {
	case t == "":
		return document.RemovedOther
	case b.Tag == "figcaption":
		return document.RemovedCaption
	case navSet[string(low)]:
		if bytes.HasPrefix(low, []byte("advert")) || string(low) == "ad" || string(low) == "ads" || bytes.HasPrefix(low, []byte("sponsor")) || string(low) == "promoted" {
			return document.RemovedAdvert
		}
		return document.RemovedNavigation
	case n < 120 && startsWithDigitOrSlide(low) && reSlideCounterAt.MatchString(string(low)):
		return document.RemovedCaption
	case n < 60 && opensWith(string(low), advertWords) && reAdvert.MatchString(string(low)):
		return document.RemovedAdvert
	case n < 160 && creditShaped(t) && creditOnlyShaped(t) && reCreditOnly.MatchString(t):
		return document.RemovedCredit
	case n < 600 && (!endsSentence(t) || strings.HasSuffix(t, ")")) && in(creditCueSet, lowTail) &&
		creditTail(tail) && !endsLikeProse(t):
		return document.RemovedCaption
	case n < 200 && strings.ContainsAny(t[:runeStart(t, min(n, 40))], ":|»›>–—-") && rePromptPrefix.MatchString(t):
		return document.RemovedRelated
	case n < 300 && (promptShaped(lowAll) && rePromptStart.MatchString(t) ||
		footerStart(t, odd) >= 0 && in(footerCueSet, lowAll) && matchFrom(reFooter, t, footerStart(t, odd))):
		return document.RemovedNavigation
	case n < 40 && reComments.MatchString(t):
		return document.RemovedNavigation
	case n < 800 && strings.Contains(t, "(@") && reEmbeddedPost.MatchString(t):
		return document.RemovedOther
	case n < 250 && !endsSentence(t) && in(captionCueSet, lowAll) && captionMarks(t):
		return document.RemovedCaption
	case n < 400 && bioShaped(t) && in(bioCueSet, lowAll) && reAuthorBio.MatchString(t):
		return document.RemovedCredit
	case n < 100 && opensWith(t, timeLineWords) && reShortTimeLine.MatchString(t):
		return document.RemovedOther
	}
	return ""
}

// edges are the first and last words of a long block, where furniture
// shows itself: a credit closes a caption, a prompt or a bio opens its block.
func edges(t string) string {
	if len(t) <= 300 {
		return t
	}
	return t[:runeStart(t, 110)] + " " + t[runeStart(t, len(t)-170):]
}

// hasProseBreaker is hasAny(edges(t), proseBreakers) without building the
// string.
func hasProseBreaker(t string) bool {
	if len(t) <= 300 {
		return in(proseBreakerSet, t)
	}
	var buf [300]byte
	e := append(buf[:0], t[:runeStart(t, 110)]...)
	e = append(e, ' ')
	e = append(e, t[runeStart(t, len(t)-170):]...)
	return in(proseBreakerSet, e)
}

// runeStart moves i back to the start of a rune.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// promptWords open calls to action.
var promptWords = []string{"sign", "subscri", "click", "tap", "follow", "join", "download", "get ", "enable", "send",
	"have a", "contact", "to ", "for ", "support", "already", "log", "create", "would you", "please", "are "}

// promptShaped: a block opening (ASCII case folded) like a call to action.
func promptShaped(low string) bool {
	for _, p := range promptWords {
		if hasPrefixFold(low, p) {
			return true
		}
	}
	return false
}

// creditShaped: a block that could be a bare credit line.
func creditShaped(t string) bool {
	if strings.Contains(t, "/") {
		return true
	}
	low := strings.ToLower(t[:runeStart(t, min(len(t), 12))])
	for _, p := range []string{"photo", "image", "picture", "video", "credit", "source", "license", "getty", "("} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// proseBreakers are the marks that can make a long, full-stopped block
// furniture after all.
var proseBreakers = []string{"©", "(@", "Photo", "photo", "Getty", "Image", "Credit", "Follow", "follow", "ubscri",
	"newsletter", "Newsletter", "ookie", "rivacy", "ights reserved", "omment", "ffiliate", "commission",
	" is a ", " is an ", "covers ", "This article", "This story", "Sign up", "sign up", "Read more", "Click", "click"}

// Cue words: a block holding none of them cannot match the expression
// they guard.
var (
	creditCues  = []string{"photo", "image", "picture", "credit", "/", "|", "getty", "shutterstock", "alamy", "license"}
	footerCues  = []string{"right", "©", "copyright", "cookie", "privacy", "commission", "affiliate", "this article", "this story", "comment", "subscrib", "newsletter", "sign up", "get in touch"}
	captionCues = []string{"(", "left", "right", "pictured", "l-r"}
	bioCues     = []string{"follow", " is a", " is an", "covers"}
)

var (
	proseBreakerSet = newCueSet(false, proseBreakers...)
	creditCueSet    = newCueSet(true, creditCues...)
	footerCueSet    = newCueSet(true, footerCues...)
	captionCueSet   = newCueSet(true, captionCues...)
	bioCueSet       = newCueSet(true, bioCues...)
)

// Where a match of an expression can start: byte tests that need no
// context.
var (
	footerStarts = newCueSet(true, "all rights reserved", "©", "copyright", "cookie ", "privacy policy",
		"we may earn a commission", "affiliate link", "this article ", "this story ", "comment policy",
		"subscribing to our", "our daily newsletter", "our weekly newsletter", "our newsletter",
		"sign up for ", "sign up to ", "get in touch at", "get in touch with us")
	creditWords = newCueSet(true, "photo", "image", "picture", "file photo", "credit")
	creditMarks = newCueSet(false, "(", "/", "|")
)

// creditTail is reCreditTail.MatchString(s), tried only where a match can
// start: at a credit word after a word boundary (the \b of the expression,
// ASCII like Go's), or at a parenthesis, slash or bar. The credit words hold
// no letter that (?i) matches outside ASCII.
func creditTail(s string) bool {
	for i := 0; i < len(s); i++ {
		if creditMarks.single[s[i]] && reCreditMarkTail.MatchString(s[i:]) {
			return true
		}
	}
	for i := 0; ; i++ {
		j := index(creditWords, s[i:])
		if j < 0 {
			return false
		}
		i += j
		if (i == 0 || !isWordByte(s[i-1])) && reCreditWordTail.MatchString(s[i:]) {
			return true
		}
	}
}

// isWordByte: an ASCII word character, as \b reads them.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// footerStart is where a match of reFooter can start in t. Its phrases hold
// an "s" and a "k", which (?i) also matches as "ſ" and the Kelvin sign: a
// text with those (odd) is read from its start.
func footerStart(t string, odd bool) int {
	if odd {
		return 0
	}
	return index(footerStarts, t)
}

func hasAny(s string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// startsWithDigitOrSlide: what a slideshow counter opens with.
func startsWithDigitOrSlide(low []byte) bool {
	if len(low) == 0 {
		return false
	}
	if low[0] >= '0' && low[0] <= '9' {
		return true
	}
	return bytes.HasPrefix(low, []byte("photo")) || bytes.HasPrefix(low, []byte("image")) || bytes.HasPrefix(low, []byte("picture")) || bytes.HasPrefix(low, []byte("slide"))
}

// endsLikeProse reports a sentence whose credit-like ending is quoted speech
// or ordinary prose ("..., the photo agency said.").
func endsLikeProse(t string) bool {
	return strings.HasSuffix(t, `."`) || strings.HasSuffix(t, ".”") || strings.HasSuffix(t, " said.")
}

// The words that open what some expressions match, for opensWith.
var (
	advertWords    = []string{"ad", "sponsored", "paid content", "partner content", "paid post"}
	timeLineWords  = []string{"updated", "published", "posted", "last updated", "first published"}
	bylineWords    = []string{"by", "words by", "written by", "reporting by", "report by"}
	creditOnlyOpen = []string{"photo", "image", "picture", "video", "credit", "source"}
	creditOnlyAll  = []string{"license photo", "getty images"}
)

// opensWith reports whether t can open with one of words as (?i) reads
// them: an ASCII case-folded prefix, or a rune that (?i) or lower-casing
// takes for an ASCII letter (oddFold) where a word would stand.
func opensWith(t string, words []string) bool {
	longest := 0
	for _, w := range words {
		if hasPrefixFold(t, w) {
			return true
		}
		longest = max(longest, len(w))
	}
	return oddFold(t[:min(len(t), 3*longest)])
}

// creditOnlyShaped: what reCreditOnly needs of a block. It opens with a
// credit word (after a parenthesis) or is "license photo" or "getty
// images", or it is a name, two to forty runes of letters, dots,
// apostrophes, hyphens and spaces, before its first slash ("Jane Doe/AFP").
func creditOnlyShaped(t string) bool {
	if opensWith(strings.TrimPrefix(t, "("), creditOnlyOpen) || opensWith(t, creditOnlyAll) {
		return true
	}
	slash := strings.IndexByte(t, '/')
	if slash < 0 {
		return false
	}
	n := 0
	for _, r := range t[:slash] {
		if !unicode.IsLetter(r) && r != '.' && r != '\'' && r != '’' && r != '-' && r != ' ' {
			return false
		}
		n++
	}
	return n >= 2 && n <= 40
}

// The marks of reCaptionMarks: a parenthesised place, anywhere, or a phrase
// after a word boundary and before a colon or comma. Their letters have no
// fold outside ASCII.
var (
	captionParens     = newCueSet(true, "(l)", "(r)", "(c)", "(left)", "(right)", "(centre)", "(center)", "(top)", "(bottom)", "(pictured)")
	captionPhraseList = []string{"from left", "left to right", "l-r", "pictured"}
	captionPhrases    = newCueSet(true, captionPhraseList...)
)

// captionMarks is reCaptionMarks.MatchString(t), by hand.
func captionMarks(t string) bool {
	if in(captionParens, t) {
		return true
	}
	for i := 0; ; i++ {
		j := index(captionPhrases, t[i:])
		if j < 0 {
			return false
		}
		i += j
		if i > 0 && isWordByte(t[i-1]) {
			continue // no \b
		}
		for _, p := range captionPhraseList {
			if !hasPrefixAt(t, i, p, true) {
				continue
			}
			k := i + len(p)
			for k < len(t) && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\f' || t[k] == '\r') {
				k++ // \s, as Go reads it
			}
			if k < len(t) && (t[k] == ':' || t[k] == ',') {
				return true
			}
		}
	}
}

// bioShaped: what reAuthorBio needs of a block. It opens with "follow", or
// holds an "@", or it opens with a capital and runs on in letters,
// apostrophes, hyphens and spaces to " is a" or " covers ".
func bioShaped(t string) bool {
	if hasPrefixFold(t, "follow") || strings.IndexByte(t, '@') >= 0 {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
		return false
	}
	for i, r := range t {
		switch {
		case r == ' ':
			if strings.HasPrefix(t[i:], " is a") || strings.HasPrefix(t[i:], " covers ") {
				return true
			}
		case unicode.IsLetter(r) || r == '\'' || r == '’' || r == '-':
		default:
			return false
		}
	}
	return false
}

// appendLower appends strings.ToLower(s) to dst, by hand when s is ASCII.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		dst = append(dst, asciiLower[s[i]])
	}
	return dst
}

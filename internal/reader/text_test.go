package reader

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Paragraphs longer than 100 characters, as scraped text keeps them on one line.
const (
	para1 = "Floods in Mozambique's central Zambezia province have forced more than 41,000 people from their homes, the national disaster agency said on Friday."
	para2 = "At least 19 people have died since the rains began in late January, most of them swept away while trying to cross swollen rivers on foot, officials said."
	para3 = "The agency said it had opened 23 accommodation centres in schools and churches and was distributing food, tents and water purification tablets."
)

func TestTextBlocks(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "blank-line paragraphs",
			in:   "Floods displace 41,000 in Mozambique\n\n" + para1 + "\n\n" + para2 + "\n\n" + para3 + "\n",
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2, para3},
		},
		{
			name: "several blank lines and trailing spaces between paragraphs",
			in:   "Floods displace 41,000 in Mozambique  \n\n\n\n" + para1 + "   \n \n\t\n" + para2,
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2},
		},
		{
			name: "one line per paragraph, no blank lines",
			in:   "Floods displace 41,000 in Mozambique\n" + para1 + "\n" + para2 + "\n" + para3 + "\n",
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2, para3},
		},
		{
			name: "one line per paragraph with a blank line after the headline",
			in:   "Floods displace 41,000 in Mozambique\n\n" + para1 + "\n" + para2 + "\n" + para3,
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2, para3},
		},
		{
			name: "hard-wrapped paragraphs are joined",
			in: "Landslide buries homes in northern Peru\n\n" +
				"TRUJILLO, Peru (AP) -- A landslide triggered by days of\n" +
				"heavy rain buried at least 14 homes in a mountain village in\n" +
				"northern Peru late on Wednesday, officials said.\n\n" +
				"Firefighters and villagers using shovels and their bare hands\n" +
				"pulled three survivors from the mud overnight, the regional\n" +
				"government said.\n",
			want: []string{
				"Landslide buries homes in northern Peru",
				"TRUJILLO, Peru (AP) -- A landslide triggered by days of heavy rain buried at least 14 homes in a mountain village in northern Peru late on Wednesday, officials said.",
				"Firefighters and villagers using shovels and their bare hands pulled three survivors from the mud overnight, the regional government said.",
			},
		},
		{
			name: "hard-wrapped text keeps its headline and a one-line deck apart",
			in: "Landslide buries homes in northern Peru\n" +
				"At least nine people were killed.\n\n" +
				"TRUJILLO, Peru (AP) -- A landslide triggered by days of\n" +
				"heavy rain buried at least 14 homes in a mountain village in\n" +
				"northern Peru late on Wednesday, officials said.\n",
			want: []string{
				"Landslide buries homes in northern Peru",
				"At least nine people were killed.",
				"TRUJILLO, Peru (AP) -- A landslide triggered by days of heavy rain buried at least 14 homes in a mountain village in northern Peru late on Wednesday, officials said.",
			},
		},
		{
			name: "CRLF line ends",
			in:   "Floods displace 41,000 in Mozambique\r\n\r\n" + para1 + "\r\n\r\n" + para2 + "\r\n",
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2},
		},
		{
			name: "CRLF one line per paragraph",
			in:   "Floods displace 41,000 in Mozambique\r\n" + para1 + "\r\n" + para2 + "\r\n",
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2},
		},
		{
			name: "bare CR line ends",
			in:   "Floods displace 41,000 in Mozambique\r\r" + para1 + "\r\r" + para2,
			want: []string{"Floods displace 41,000 in Mozambique", para1, para2},
		},
		{
			name: "headline and deck in the first paragraph",
			in:   "Floods displace 41,000 in Mozambique\nRivers keep rising as rain falls upstream in Malawi.\n\n" + para1 + "\n\n" + para2,
			want: []string{"Floods displace 41,000 in Mozambique", "Rivers keep rising as rain falls upstream in Malawi.", para1, para2},
		},
		{
			name: "runs of spaces and tabs collapse",
			in:   "Floods   displace\t41,000\n\n   Floods in   Mozambique\thave forced people from their homes.  ",
			want: []string{"Floods displace 41,000", "Floods in Mozambique have forced people from their homes."},
		},
		{
			name: "single line",
			in:   "Only one line",
			want: []string{"Only one line"},
		},
		{name: "empty", in: "", want: nil},
		{name: "white space only", in: "  \n\n \t \r\n  \n", want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := textBlocks(tc.in)
			var texts []string
			for _, b := range got {
				if b.Tag != "p" {
					t.Errorf("block %q has tag %q, want p", b.Text, b.Tag)
				}
				texts = append(texts, b.Text)
			}
			if !reflect.DeepEqual(texts, tc.want) {
				t.Errorf("textBlocks(%q):\n got  %q\n want %q", tc.in, texts, tc.want)
			}
		})
	}
}

// TestTextBlocksWrappedFixture: the hard-wrapped wire story in testdata has
// no line break left inside a paragraph.
func TestTextBlocksWrappedFixture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "wrapped.txt"))
	if err != nil {
		t.Skip("testdata/wrapped.txt absent")
	}
	blocks := textBlocks(string(b))
	if len(blocks) < 5 {
		t.Fatalf("%d blocks, want at least 5", len(blocks))
	}
	for _, bl := range blocks {
		if strings.ContainsAny(bl.Text, "\r\n") {
			t.Errorf("block keeps a line break: %q", bl.Text)
		}
	}
	if !strings.HasPrefix(blocks[1].Text, "TRUJILLO, Peru, Jan. 16, 2025 (AP) -- A landslide triggered by days of heavy rain buried") {
		t.Errorf("second block = %q, want the whole dateline paragraph joined", blocks[1].Text)
	}
}

func TestDetect(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Kind
	}{
		// HTML.
		{"doctype page", "<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p></body></html>", KindHTML},
		{"lower-case doctype", "<!doctype html>\n<html lang=\"en\">", KindHTML},
		{"html without doctype", "<html><body><p>Hello</p></body></html>", KindHTML},
		{"BOM then doctype", "\xef\xbb\xbf<!doctype html><p>x", KindHTML},
		{"leading white space", "\n\n  \t<!DOCTYPE HTML>\n<html>", KindHTML},
		{"BOM and white space", "\xef\xbb\xbf\r\n  <html><body>x</body></html>", KindHTML},
		{"saved-from comment first", "<!-- saved from url=(0042)https://example.com/ -->\n<html><head><title>x</title>", KindHTML},
		{"XHTML with XML declaration", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", KindHTML},
		{"fragment with div and p", "<div class=\"story\"><p>Hello</p></div>", KindHTML},
		{"fragment with head", "  <head><title>x</title></head>", KindHTML},
		{"fragment with body", "<body>hello</body>", KindHTML},
		{"paragraph fragment", "<p>Hello</p>", KindHTML},

		// Plain text, including text with angle brackets.
		{"plain text", "Floods displace 41,000 in Mozambique\n\nMAPUTO (Reuters) - Floods...", KindText},
		{"less-than in prose", "Inflation was < 2% in March, and a < b for all b > 3.", KindText},
		{"less-than before a tag-like word", "The share of votes was <div in the count, officials said.", KindText},
		{"leading angle brackets", "<<< Back to the front page >>>\n\nThe storm hit on Monday.", KindText},
		{"a heart", "We <3 our volunteers, the charity said.", KindText},
		{"Latin-1 text with a few high bytes", "Aid agencies in Gen\xe8ve said the r\xe9fugi\xe9s in the Sahel were less than a quarter funded, forcing cuts to rations.", KindText},
		{"Latin-1 text dense with accents", "\xc9t\xe9 \xe0 Gen\xe8ve: d\xe9j\xe0 \xe9t\xe9 cr\xe9\xe9, r\xe9fugi\xe9s, caf\xe9s et h\xf4tels ferm\xe9s.", KindText},
		{"Windows-1252 smart quotes", "\x93We will rebuild,\x94 the mayor said on Tuesday, as crews cleared the roads.", KindText},
		{"form feed and tabs", "Page one\f\tPage two\n", KindText},
		{"NUL after the 4 KB head is not looked at", strings.Repeat("Plain words here. ", 300) + "\x00", KindText},
		{"UTF-8 text", "Kyiv – Київ, Genève, São Tomé, Zürich: officials said “no”.", KindText},

		// Binary.
		{"PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", KindBinary},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", KindBinary},
		{"GIF", "GIF89a\x01\x00\x01\x00", KindBinary},
		{"JPEG", "\xff\xd8\xff\xe0\x00\x10JFIF", KindBinary},
		{"ZIP", "PK\x03\x04\x14\x00\x00\x00", KindBinary},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00", KindBinary},
		{"NUL byte in text", "Plain text with a NUL\x00 in it.", KindBinary},
		{"dense control characters", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11", KindBinary},
		{"random high bytes", "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f", KindBinary},

		// Empty.
		{"empty", "", KindEmpty},
		{"white space only", "   \n\t \r\n ", KindEmpty},
		{"BOM only", "\xef\xbb\xbf", KindEmpty},
		{"BOM and white space", "\xef\xbb\xbf \n\n\t", KindEmpty},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect([]byte(tc.in)); got != tc.want {
				t.Errorf("Detect(%.80q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestDetectFixtures(t *testing.T) {
	cases := map[string]Kind{
		"binary.bin":      KindBinary,
		"empty.txt":       KindEmpty,
		"whitespace.txt":  KindEmpty,
		"latin1.html":     KindHTML,
		"wrapped.txt":     KindText,
		"xss.html":        KindHTML,
		"no-article.html": KindHTML,
	}
	for name, want := range cases {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Logf("testdata/%s absent", name)
			continue
		}
		if got := Detect(b); got != want {
			t.Errorf("Detect(testdata/%s) = %v, want %v", name, got, want)
		}
	}
}

func TestDetectDoesNotModifyInput(t *testing.T) {
	in := []byte("\xef\xbb\xbf  <HTML><BODY><P>Hello</P></BODY></HTML>")
	orig := bytes.Clone(in)
	Detect(in)
	if !bytes.Equal(in, orig) {
		t.Errorf("Detect modified its input: %q", in)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{KindEmpty: "empty", KindBinary: "binary", KindText: "text", KindHTML: "html"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

package reader

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// Kind is what the bytes of an input are.
type Kind int

const (
	KindEmpty Kind = iota
	KindBinary
	KindText
	KindHTML
)

func (k Kind) String() string {
	return [...]string{"empty", "binary", "text", "html"}[k]
}

// Detect tells plain text from HTML and from binary data by looking at the
// bytes only, never at a file name.
func Detect(b []byte) Kind {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 {
		return KindEmpty
	}
	head := trimmed
	if len(head) > 4096 {
		head = head[:4096]
	}
	if isBinary(head) {
		return KindBinary
	}
	// The markers are looked for where a '<' stands, ASCII case folded;
	// "İ" and the Kelvin sign, which lower-case to ASCII, take the exact way.
	if bytes.Contains(head, []byte("\u0130")) || bytes.Contains(head, []byte("\u212a")) {
		head = bytes.ToLower(head)
	}
	if hasPrefixAt(head, 0, "<!doctype html", true) || hasPrefixAt(head, 0, "<html", true) {
		return KindHTML
	}
	var seen uint16
	for i := bytes.IndexByte(head, '<'); i >= 0; {
		for k, m := range htmlMarkers {
			if hasPrefixAt(head, i, m, true) {
				seen |= 1 << k
			}
		}
		j := bytes.IndexByte(head[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	markers := bits.OnesCount16(seen)
	if markers >= 2 || (bytes.HasPrefix(head, []byte("<")) && markers >= 1) {
		return KindHTML
	}
	return KindText
}

// htmlMarkers are the tags that tell an HTML page.
var htmlMarkers = []string{"<html", "<head", "<body", "<div", "<p>", "<p ", "<meta ", "<title", "<article", "<script"}

// isBinary reports NUL bytes, a known binary signature, or mostly invalid
// UTF-8 / control characters in the head of the input.
func isBinary(head []byte) bool {
	for _, sig := range [][]byte{[]byte("%PDF-"), []byte("\x89PNG"), []byte("GIF8"), []byte("\xff\xd8\xff"), []byte("PK\x03\x04"), []byte("\x1f\x8b")} {
		if bytes.HasPrefix(head, sig) {
			return true
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad, n := 0, 0
	for len(head) > 0 {
		// eight printable ASCII bytes at a time: none has its top bit set
		// or is below 0x20
		if len(head) >= 8 {
			w := binary.LittleEndian.Uint64(head)
			if w&0x8080808080808080 == 0 && (w-0x2020202020202020)&^w&0x8080808080808080 == 0 {
				head = head[8:]
				n += 8
				continue
			}
		}
		if c := head[0]; c < utf8.RuneSelf {
			head = head[1:]
			n++
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
				bad++
			}
			continue
		}
		r, size := utf8.DecodeRune(head)
		head = head[size:]
		n++
		if r == utf8.RuneError && size == 1 {
			bad++
		} else if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			bad++
		}
	}
	// Legacy 8-bit encodings (Latin-1 pages) have some invalid bytes but are
	// still text; binary data is dense with them.
	return n > 0 && bad*10 > n*3
}

package reader

import (
	"bytes"
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
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return KindHTML
	}
	markers := 0
	for _, m := range [][]byte{[]byte("<html"), []byte("<head"), []byte("<body"), []byte("<div"), []byte("<p>"), []byte("<p "), []byte("<meta "), []byte("<title"), []byte("<article"), []byte("<script")} {
		if bytes.Contains(lower, m) {
			markers++
		}
	}
	if markers >= 2 || (bytes.HasPrefix(lower, []byte("<")) && markers >= 1) {
		return KindHTML
	}
	return KindText
}

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

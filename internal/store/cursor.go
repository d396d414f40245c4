package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EncodeCursor makes the opaque cursor of a page from the sort key of its
// last item ("2022-02-28", 42). Every backend uses this encoding, so a
// cursor means the same whichever store answers.
func EncodeCursor(key string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key + "\x00" + strconv.FormatInt(id, 10)))
}

// DecodeCursor reads a cursor made by EncodeCursor; a malformed one is an
// ErrBadQuery.
func DecodeCursor(c string) (key string, id int64, err error) {
	bad := fmt.Errorf("%w: malformed cursor", ErrBadQuery)
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, bad
	}
	k, n, ok := strings.Cut(string(b), "\x00")
	if !ok || !utf8.ValidString(k) {
		return "", 0, bad
	}
	id, err = strconv.ParseInt(n, 10, 64)
	if err != nil {
		return "", 0, bad
	}
	return k, id, nil
}

// CheckDate rejects a date filter that is not YYYY-MM-DD (or YYYY-MM, YYYY)
// with an ErrBadQuery naming the field.
func CheckDate(field, s string) error {
	if s == "" {
		return nil
	}
	bad := fmt.Errorf("%w: %s %q is not a date (YYYY-MM-DD)", ErrBadQuery, field, s)
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bad
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (i == 4 || i == 7) && c != '-' || i != 4 && i != 7 && (c < '0' || c > '9') {
			return bad
		}
	}
	return nil
}

// UntilBound makes an inclusive upper date bound compare as strings with
// full dates: "2022-02" covers every day of February.
func UntilBound(s string) string {
	switch len(s) {
	case 4:
		return s + "-12-31"
	case 7:
		return s + "-31"
	}
	return s
}

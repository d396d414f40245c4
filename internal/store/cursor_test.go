package store

import (
	"errors"
	"testing"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		key string
		id  int64
	}{{"2022-02-28", 42}, {"", 0}, {"17", -3}, {"Kharkiv, Ukraine", 1 << 40}} {
		k, id, err := DecodeCursor(EncodeCursor(tc.key, tc.id))
		if err != nil || k != tc.key || id != tc.id {
			t.Errorf("round trip of (%q, %d) = (%q, %d, %v)", tc.key, tc.id, k, id, err)
		}
	}
	for _, bad := range []string{"!!!", "YWJj", EncodeCursor("x", 1)[:3], "eAB4"} {
		if _, _, err := DecodeCursor(bad); !errors.Is(err, ErrBadQuery) {
			t.Errorf("DecodeCursor(%q): %v, want ErrBadQuery", bad, err)
		}
	}
}

func TestCheckDate(t *testing.T) {
	for s, ok := range map[string]bool{"": true, "2022": true, "2022-02": true, "2022-02-28": true,
		"22-02-28": false, "2022/02/28": false, "yesterday": false, "2022-2-8": false} {
		if err := CheckDate("since", s); (err == nil) != ok || err != nil && !errors.Is(err, ErrBadQuery) {
			t.Errorf("CheckDate(%q) = %v", s, err)
		}
	}
	for in, want := range map[string]string{"2022": "2022-12-31", "2022-02": "2022-02-31", "2022-02-28": "2022-02-28"} {
		if got := UntilBound(in); got != want {
			t.Errorf("UntilBound(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLimit(t *testing.T) {
	if Limit(0, 100, 1000) != 100 || Limit(5000, 100, 1000) != 1000 || Limit(7, 100, 1000) != 7 {
		t.Error("Limit does not clamp")
	}
}

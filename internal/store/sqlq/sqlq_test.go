package sqlq

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
)

type fakeDialect struct{}

func (fakeDialect) Contains(col, s string) (string, []any) { return col + " CONTAINS ?", []any{s} }
func (fakeDialect) Matches(table, text string) (string, []any, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil, fmt.Errorf("%w: no words", store.ErrBadQuery)
	}
	return table + " MATCHES ?", []any{text}, nil
}

func TestBuilders(t *testing.T) {
	cur := store.EncodeCursor("2024-03-05", 7)
	tests := []struct {
		name  string
		build func() (*Where, string, error)
		where string
		args  string
		order string
	}{
		{"articles", func() (*Where, string, error) {
			w, err := Articles(store.ArticleFilter{Text: "shelling", Outlet: "Eastline", Since: "2024-03", Until: "2024-03", Cursor: cur}, fakeDialect{})
			return w, "", err
		}, " WHERE articles MATCHES ? AND a.outlet = ? AND a.published >= ? AND a.published <= ? AND (a.published < ? OR (a.published = ? AND a.seq < ?))",
			"[shelling Eastline 2024-03 2024-03-31 2024-03-05 2024-03-05 7]", ""},
		{"quotes", func() (*Where, string, error) {
			w, err := Quotes(store.QuoteFilter{Speaker: "Tkachuk", SpeakerID: 3}, fakeDialect{})
			return w, "", err
		}, " WHERE q.speaker_name CONTAINS ? AND q.speaker_id = ?", "[Tkachuk 3]", ""},
		{"claims of an event, oldest first", func() (*Where, string, error) {
			return Claims(store.ClaimFilter{EventID: 9, Category: "killed", Cursor: cur}, fakeDialect{})
		}, " WHERE c.category = ? AND c.event_id = ? AND (c.published > ? OR (c.published = ? AND c.id > ?))",
			"[killed 9 2024-03-05 2024-03-05 7]", "c.published, c.id"},
		{"claims, newest first", func() (*Where, string, error) {
			return Claims(store.ClaimFilter{Claimant: "governor", Country: "UA"}, fakeDialect{})
		}, " WHERE c.claimant CONTAINS ? AND c.country = ?", "[governor UA]", "c.published DESC, c.id DESC"},
		{"nothing", func() (*Where, string, error) {
			w, err := Articles(store.ArticleFilter{}, fakeDialect{})
			return w, "", err
		}, "", "[]", ""},
	}
	for _, tc := range tests {
		w, order, err := tc.build()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if w.String() != tc.where || fmt.Sprint(w.Args) != tc.args || order != tc.order {
			t.Errorf("%s:\n got %q %v %q\nwant %q %s %q", tc.name, w.String(), w.Args, order, tc.where, tc.args, tc.order)
		}
	}
	for _, bad := range []error{
		func() error { _, err := Articles(store.ArticleFilter{Since: "yesterday"}, fakeDialect{}); return err }(),
		func() error { _, err := Quotes(store.QuoteFilter{Cursor: "!!"}, fakeDialect{}); return err }(),
		func() error { _, _, err := Claims(store.ClaimFilter{Until: "2024-3-1"}, fakeDialect{}); return err }(),
		func() error { _, err := Quotes(store.QuoteFilter{Text: "  "}, fakeDialect{}); return err }(),
	} {
		if !errors.Is(bad, store.ErrBadQuery) {
			t.Errorf("error %v, want ErrBadQuery", bad)
		}
	}
}

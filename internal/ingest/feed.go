package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sitrep/sitrep/internal/fetch"
)

// feedFileSource reads an RSS or Atom feed saved in a file; its items'
// links are fetched like URLs given on the command line.
type feedFileSource struct{ name string }

func (s feedFileSource) Name() string { return s.name }

func (s feedFileSource) Each(ctx context.Context, env *Env, emit func(Job) bool) error {
	f, err := os.Open(s.name)
	if err != nil {
		return unwrapPath(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxArticle+1))
	if err != nil {
		return err
	}
	if len(b) > maxArticle {
		return fmt.Errorf("feed larger than %d MB", maxArticle>>20)
	}
	return feedJobs(ctx, env, b, nil, s.name, emit)
}

// isFeed tells a feed from a page by the media type the server gave and,
// when that does not say, by the root element of the body.
func isFeed(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return true
	case "text/html", "application/xhtml+xml", "text/plain":
		return false
	}
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch gofeed.DetectFeedType(bytes.NewReader(head)) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return true
	}
	return false
}

// feedJobs parses a feed and emits one job per item, fetching the item's
// link when a loader gets to it. Relative links are resolved against base,
// the feed's own URL (nil for a file). The item's date becomes the
// article's publication date when the page does not give one.
func feedJobs(ctx context.Context, env *Env, body []byte, base *url.URL, name string, emit func(Job) bool) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return errors.New("not an RSS, Atom or JSON feed")
		}
		return fmt.Errorf("reading the feed: %v", err)
	}
	for i, it := range feed.Items {
		if ctx.Err() != nil {
			return nil
		}
		itemName := name + " item " + strconv.Itoa(i+1)
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" {
			if !emit(Job{Name: itemName, Err: errors.New("feed item has no link")}) {
				return nil
			}
			continue
		}
		u, err := url.Parse(link)
		if err == nil && base != nil {
			u = base.ResolveReference(u)
		}
		if err == nil {
			_, err = fetch.CheckURL(u.String())
		}
		if err != nil {
			if !emit(Job{Name: itemName, Err: fmt.Errorf("feed item link: %v", err)}) {
				return nil
			}
			continue
		}
		j := urlJob(u.String(), env.Fetch)
		if t := it.PublishedParsed; t != nil {
			j.Meta.Published = t.UTC().Format(time.RFC3339)
		} else if t := it.UpdatedParsed; t != nil {
			j.Meta.Published = t.UTC().Format(time.RFC3339)
		}
		if !emit(j) {
			return nil
		}
	}
	return nil
}

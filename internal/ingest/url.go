package ingest

import (
	"context"
	"net/url"

	"github.com/sitrep/sitrep/internal/fetch"
)

// urlSource is a URL given on the command line: a feed when what it returns
// is one (its items are ingested), an article otherwise. A URL already
// stored is not fetched again.
type urlSource struct{ url string }

func (s urlSource) Name() string { return s.url }

func (s urlSource) Each(ctx context.Context, env *Env, emit func(Job) bool) error {
	if env.HasSource != nil {
		stored, err := env.HasSource(ctx, s.url)
		if err != nil {
			return err
		}
		if stored {
			emit(Job{Name: s.url, SourceKey: s.url}) // the loader skips it
			return nil
		}
	}
	res, err := fetch.Fetch(ctx, s.url, env.Fetch)
	if err != nil {
		return err
	}
	if isFeed(res.ContentType, res.Body) {
		base, _ := url.Parse(res.URL)
		return feedJobs(ctx, env, res.Body, base, s.url, emit)
	}
	emit(Job{Name: s.url, SourceKey: s.url, Bytes: res.Body, Meta: Meta{URL: res.URL}})
	return nil
}

// urlJob is the job of a page to fetch: its source key is the URL.
func urlJob(u string, opt fetch.Options) Job {
	return Job{
		Name:      u,
		SourceKey: u,
		Meta:      Meta{URL: u},
		Load: func(ctx context.Context, j *Job) error {
			res, err := fetch.Fetch(ctx, u, opt)
			if err != nil {
				return err
			}
			j.Bytes, j.Meta.URL = res.Body, res.URL
			return nil
		},
	}
}

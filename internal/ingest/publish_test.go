package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// fakePublisher takes jobs in memory: asynchronously, the second copy of a
// source key as ErrAlready, a job whose name holds refuse with an error,
// one whose name holds fatal with a Fatal error.
type fakePublisher struct {
	refuse, fatal string
	mu            sync.Mutex
	keys          map[string]bool
	wg            sync.WaitGroup
}

func (p *fakePublisher) Publish(ctx context.Context, j Job, done func(error)) error {
	if len(j.Bytes) == 0 {
		return errors.New("job not loaded")
	}
	if p.refuse != "" && strings.Contains(j.Name, p.refuse) {
		return errors.New("refused")
	}
	p.wg.Go(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch {
		case p.fatal != "" && strings.Contains(j.Name, p.fatal):
			done(Fatal(errors.New("server gone")))
		case p.keys[j.SourceKey]:
			done(ErrAlready)
		default:
			p.keys[j.SourceKey] = true
			done(nil)
		}
	})
	return nil
}

func (p *fakePublisher) Wait(context.Context) error { p.wg.Wait(); return nil }

func TestPublish(t *testing.T) {
	dir := t.TempDir()
	for i := range 6 {
		writeFile(t, dir, fmt.Sprintf("%d.txt", i), article(i, 3))
	}
	ctx := context.Background()
	p := &fakePublisher{keys: map[string]bool{}}
	s, err := Publish(ctx, []string{dir, dir + "/nope.txt"}, p, PublishOptions{})
	if err != nil || s.Read != 7 || s.New != 6 || s.Failed != 1 {
		t.Fatalf("first: %v, %v", s, err)
	}
	s, err = Publish(ctx, []string{dir}, p, PublishOptions{})
	if err != nil || s.Read != 6 || s.New != 0 || s.Already != 6 {
		t.Errorf("again: %v, %v", s, err)
	}

	// Sources the store has are skipped before they are read.
	st := newFakeStore()
	if _, err := Run(ctx, st, []string{dir + "/0.txt", dir + "/1.txt"}, Options{}); err != nil {
		t.Fatal(err)
	}
	p = &fakePublisher{keys: map[string]bool{}, refuse: "2.txt"}
	s, err = Publish(ctx, []string{dir}, p, PublishOptions{HasSource: st.HasSource})
	if err != nil || s.Read != 6 || s.Already != 2 || s.New != 3 || s.Failed != 1 {
		t.Errorf("with the store: %v, %v", s, err)
	}

	// A fatal error stops the run.
	p = &fakePublisher{keys: map[string]bool{}, fatal: "0.txt"}
	s, err = Publish(ctx, []string{dir}, p, PublishOptions{Loaders: 1})
	if err == nil || !strings.Contains(err.Error(), "server gone") {
		t.Errorf("fatal: %v, %v", s, err)
	}
}

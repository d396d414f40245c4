// Package fetch downloads a web page for sitrep, with the guards a tool that
// fetches user-supplied URLs needs: only http and https, a time limit on the
// whole request, a cap on the body size and on the number of redirects, and a
// refusal to connect to loopback, private, link-local and other non-public
// addresses unless explicitly allowed.
//
// The address check runs at dial time on the resolved IP address of every
// connection — the first request, each redirect hop, each retry — so a host
// name that resolves (or re-resolves) to an internal address is refused too.
// Environment proxies are never used, since a proxy would do the resolving
// and connecting out of the guard's sight.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults for the zero values of Options.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20 // 10 MiB
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "sitrep/0.1 (+https://github.com/sitrep/sitrep)"
)

// Options of one fetch. Zero values mean the defaults.
type Options struct {
	Timeout      time.Duration // whole request, body included; default 20s
	MaxBytes     int64         // largest body accepted; default 10 MiB
	MaxRedirects int           // default 5; negative means none are followed
	AllowPrivate bool          // allow loopback/private/link-local/multicast/unspecified targets
	UserAgent    string        // default DefaultUserAgent
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	} else if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Result of a successful fetch.
type Result struct {
	URL         string // final URL, after redirects
	Body        []byte // the whole body, decompressed if the server gzipped it
	ContentType string // Content-Type header as sent
	Status      int    // HTTP status code (2xx)
}

// StatusError is returned when the server answers with a non-2xx status.
type StatusError struct {
	URL    string
	Status int
	Text   string // e.g. "404 Not Found"
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetching %s: HTTP %s", e.URL, e.Text)
}

// TooLargeError is returned when the body exceeds Options.MaxBytes.
type TooLargeError struct {
	Limit int64
}

func (e *TooLargeError) Error() string {
	return "page larger than " + formatSize(e.Limit)
}

// formatSize renders a byte count the way error messages show limits.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KB"
	default:
		return strconv.FormatInt(n, 10) + " bytes"
	}
}

// CheckURL parses rawURL and checks its syntax: the scheme must be http or
// https and there must be a host. It does not resolve or judge the host —
// that happens at connection time in Fetch.
func CheckURL(rawURL string) (*url.URL, error) {
	s := strings.TrimSpace(rawURL)
	if s == "" {
		return nil, errors.New("empty URL")
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("invalid URL %q: %w", rawURL, err)
	}
	if err := checkParsed(u); err != nil {
		return nil, fmt.Errorf("invalid URL %q: %w", rawURL, err)
	}
	return u, nil
}

// checkParsed holds the rules shared by CheckURL and redirect targets.
func checkParsed(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	case "":
		return errors.New("no scheme (want http:// or https://)")
	default:
		return fmt.Errorf("unsupported scheme %q (only http and https are fetched)", u.Scheme)
	}
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return errors.New("no host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("invalid port %q", p)
		}
	}
	return nil
}

// redirectError marks an error of CheckRedirect, whose url.Error would
// carry the raw, possibly relative, Location value.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// newClient builds the guarded client for one fetch.
func newClient(opt Options) *http.Client {
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		dialer.Control = guardControl
	}
	tr := &http.Transport{
		Proxy:                  nil, // never: a proxy would connect out of the guard's sight
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		MaxIdleConns:           4,
		IdleConnTimeout:        30 * time.Second,
	}
	maxRedirects := opt.MaxRedirects
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			// via holds the requests already made, so len(via) is the
			// number of this redirect.
			if len(via) > maxRedirects {
				return &redirectError{fmt.Errorf("stopped after %d redirects (next was %s)", maxRedirects, req.URL.Redacted())}
			}
			if err := checkParsed(req.URL); err != nil {
				return &redirectError{fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)}
			}
			return nil
		},
	}
}

// Fetch downloads rawURL under the limits of opt and returns the body of the
// final response. Any non-2xx status, a body over MaxBytes, too many
// redirects, a timeout or a refused address is an error.
func Fetch(ctx context.Context, rawURL string, opt Options) (*Result, error) {
	u, err := CheckURL(rawURL)
	if err != nil {
		return nil, err
	}
	opt = opt.withDefaults()

	tctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(tctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")

	client := newClient(opt)
	defer client.CloseIdleConnections()

	resp, err := client.Do(req)
	if err != nil {
		target := u.Redacted()
		var ue *url.Error
		var re *redirectError
		if errors.As(err, &re) {
			// Name the URL asked for; the message names the redirect.
			err = re.err
		} else if errors.As(err, &ue) {
			target = ue.URL // the hop that failed; the client strips passwords
			err = ue.Err
		}
		return nil, describe(ctx, target, opt, err)
	}
	defer resp.Body.Close()

	final := resp.Request.URL
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &StatusError{URL: final.Redacted(), Status: resp.StatusCode, Text: resp.Status}
	}
	if resp.ContentLength > opt.MaxBytes {
		return nil, fmt.Errorf("fetching %s: %w", final.Redacted(), &TooLargeError{Limit: opt.MaxBytes})
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return nil, describe(ctx, final.Redacted(), opt, err)
	}
	if int64(len(body)) > opt.MaxBytes {
		return nil, fmt.Errorf("fetching %s: %w", final.Redacted(), &TooLargeError{Limit: opt.MaxBytes})
	}
	return &Result{
		URL:         final.String(),
		Body:        body,
		ContentType: resp.Header.Get("Content-Type"),
		Status:      resp.StatusCode,
	}, nil
}

// describe turns a transport error into the message sitrep shows.
func describe(parent context.Context, target string, opt Options, err error) error {
	var be *BlockedError
	switch {
	case errors.As(err, &be):
		return fmt.Errorf("refusing to fetch %s: %w", target, be)
	case parent.Err() != nil:
		// The caller cancelled; that is not our timeout.
		return fmt.Errorf("fetching %s: %w", target, parent.Err())
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("fetching %s: timed out after %v: %w", target, opt.Timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("fetching %s: %w", target, err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

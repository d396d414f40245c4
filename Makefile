# sitrep: build the web page, run the demo, run the tests.
#
# The Go build and `go test ./...` need no npm: the page (web/, built into
# web/dist) is served from disk at run time, and its browser tests skip
# while it is not built. `make web` builds it; it needs Node.js 20+ and npm.

GO  ?= go
NPM ?= npm

WEB_SRC := $(wildcard web/src/*) web/build.mjs

.PHONY: web demo test

# The page: install the locked packages when the lock changes, rebuild when
# a source changes.
web: web/dist/index.html

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	$(NPM) --prefix web ci

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	$(NPM) --prefix web run build

# The demo, with the page built.
demo: web
	$(GO) run ./cmd/sitrep demo

# Every test: the page's own unit tests, then Go's (the browser tests run
# when Chromium is installed).
test: web
	$(NPM) --prefix web test
	$(GO) test ./...

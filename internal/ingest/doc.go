// Package ingest feeds articles into the store: it reads inputs — files and
// directories of .txt, .html and .jsonl files, WARC files (Common Crawl
// CC-NEWS), RSS and Atom feeds and URLs — extracts each article on all cores
// with package extract, and writes the documents through one writer in
// batches with store.Store.Put.
//
// Data flows one way:
//
//	sources → loaders → extractors → writer → store
//
// A source (files.go, jsonl.go, warc.go, feed.go, url.go) turns one input
// into jobs, each naming its input and carrying a SourceKey that identifies
// that input's version: a file's absolute path, size and modification time;
// a JSON Lines line's path, number and hash; a WARC record's WARC-Record-ID;
// a URL. Loaders ask the store whether the key is already recorded, and only
// when it is not do they read or fetch the bytes. Extractors run
// extract.Extract, one goroutine per core. The writer gathers the documents
// into batches (up to Options.Batch items or Options.FlushEvery) and stores
// each batch in one transaction, so a run killed at any moment loses at most
// the batch in flight, and running it again redoes just that: ingesting is
// idempotent.
//
// A bad input is reported with its name and reason and skipped; Run returns
// a Summary of what it read, stored, found already stored and failed. When
// its context is cancelled (SIGINT, SIGTERM in the command) Run stops taking
// inputs, stores what is already extracted, and returns.
//
// ingest imports the pipeline (extract, fetch, reader, document) and the
// store interface; nothing here knows of the API or the web page.
package ingest

// Package samples bundles the sample news articles that `sitrep demo`
// extracts: plain-text and HTML reports written for sitrep, so the binary can
// show what it does on a machine with no other input. Each NAME.txt or
// NAME.html has a NAME.expect.json beside it in the source tree (title, date,
// body limits and furniture that must be removed) for tests; those are not
// embedded.
package samples

import (
	"embed"
	"io/fs"
	"path"
)

// FS holds the sample articles, at the top level.
//
//go:embed *.txt *.html
var FS embed.FS

// Articles returns the file names of the sample articles in FS, sorted.
func Articles() []string {
	entries, err := fs.ReadDir(FS, ".") // sorted by name
	if err != nil {
		panic("samples: " + err.Error()) // an embedded directory always reads
	}
	var names []string
	for _, e := range entries {
		if ext := path.Ext(e.Name()); !e.IsDir() && (ext == ".txt" || ext == ".html") {
			names = append(names, e.Name())
		}
	}
	return names
}

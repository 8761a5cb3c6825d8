package output

import (
	"sort"

	"portal/internal/parallel"
)

// SearchIndex writes a built search index (file name → bytes) under a
// site's language prefix ("" or "en/").
func (e *Emitter) SearchIndex(langPrefix string, files map[string][]byte) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// A large site's index is thousands of small files (12,000 at 10,000
	// pages): written on all cores, as the pages are.
	parallel.Each(e.workers, names, func(n string) {
		if n == "search/search.js" {
			return // written once, fingerprinted, by Fingerprint
		}
		// The index is written compact already: minifying it again
		// would only spend time.
		e.writeRaw(langPrefix+n, files[n])
	})
}

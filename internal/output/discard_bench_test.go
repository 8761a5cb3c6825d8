package output

import (
	"fmt"
	"path/filepath"
	"testing"

	"portal/internal/testkit"
)

// makeSite writes a site shaped like a 10,000-page build: a folder per
// page under a few sections, with an index.html each, and the manifest.
func makeSite(b *testing.B, dir string, pages int) {
	b.Helper()
	var files []string
	for i := range pages {
		rel := fmt.Sprintf("s%d/bai-%d/index.html", i%20, i)
		files = append(files, rel)
	}
	for i := range pages {
		files = append(files, fmt.Sprintf("search/s/%d.json", i))
	}
	for _, f := range files {
		testkit.WriteFile(b, dir, f, "x")
	}
	if err := writeManifest(dir, files); err != nil {
		b.Fatal(err)
	}
}

// Clearing an old site by its manifest costs what removing it wholesale
// did (removeTree, the step it replaces).
func BenchmarkClearOldSite(b *testing.B) {
	for _, how := range []string{"removeTree", "discardTree"} {
		b.Run(how, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "old")
				makeSite(b, dir, 10000)
				b.StartTimer()
				if how == "removeTree" {
					if err := removeTree(dir); err != nil {
						b.Fatal(err)
					}
				} else if kept, _, err := discardTree(dir, func() string { return dir + ".kept" }); err != nil || kept != "" {
					b.Fatal(kept, err)
				}
			}
		})
	}
}

package build

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/output"
)

// The build minifies only each page's Markdown HTML and compacts the
// layouts as they are parsed, instead of minifying whole pages. On the
// portal's own site (both languages, every layout) each page must still
// be what the minifier makes of the page as the layouts write it, and
// within 1% of its size.
var assetRef = regexp.MustCompile(`(href|src)="[^"]*\.[0-9a-f]{10}\.(css|js)" integrity="[^"]*"`)

func TestPagesAreMinified(t *testing.T) {
	root := filepath.Join("..", "..")
	built := func(noMinify bool) *output.MemWriter {
		w := output.NewMemWriter()
		if _, err := Run(Options{Source: root, NoMinify: noMinify}, w); err != nil {
			t.Fatal(err)
		}
		return w
	}
	small, plain := built(false), built(true)
	m := output.NewMinifier()
	pages, sizeSmall, sizeMin := 0, 0, 0
	for _, rel := range plain.Files() {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		p, _ := plain.Get(rel)
		s, ok := small.Get(rel)
		if !ok {
			t.Fatalf("%s missing from the minified build", rel)
		}
		var b1, b2 bytes.Buffer
		want := m.Minify(&b1, "text/html", p)
		// The stylesheet's and script's names and hashes differ: they are
		// minified too.
		norm := func(b []byte) []byte { return assetRef.ReplaceAll(b, nil) }
		if got := m.Minify(&b2, "text/html", s); !bytes.Equal(norm(got), norm(want)) {
			t.Errorf("%s differs from the minified page as written", rel)
		}
		pages++
		sizeSmall += len(s)
		sizeMin += len(want)
	}
	if pages < 50 {
		t.Fatalf("only %d pages", pages)
	}
	if over := float64(sizeSmall-sizeMin) / float64(sizeMin); over > 0.01 {
		t.Errorf("pages are %d bytes, minified %d: %.2f%% over", sizeSmall, sizeMin, 100*over)
	}
	// Without minifying, the layouts are written as they are.
	home, _ := plain.Get("index.html")
	if !bytes.Contains(home, []byte(">\n<")) {
		t.Error("--no-minify home page has no line breaks between tags")
	}
}

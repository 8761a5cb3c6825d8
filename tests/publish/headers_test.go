package publish

import (
	"os"
	"path/filepath"
	"testing"

	"portal/internal/output"
	"portal/internal/testkit"
)

// TestHeadersFileStatic: the repository's static/_headers parses and gives
// the fingerprinted files and the pages different caches, with no header
// value doubled by two rules.
func TestHeadersFileStatic(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testkit.Root(t), "static", "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := output.ParseHeaders(b)
	if err != nil {
		t.Fatalf("static/_headers: %v", err)
	}
	page := output.ResolveHeaders(rules, "/ve-papi/")
	css := output.ResolveHeaders(rules, "/css/style.0123456789.css")
	js := output.ResolveHeaders(rules, "/search/search.0123456789.js")
	if page["Cache-Control"] != "public, max-age=300, must-revalidate" {
		t.Errorf("page Cache-Control %q", page["Cache-Control"])
	}
	for _, h := range []map[string]string{css, js} {
		if h["Cache-Control"] != "public, max-age=31536000, immutable" {
			t.Errorf("fingerprinted file Cache-Control %q", h["Cache-Control"])
		}
	}
	for _, h := range []map[string]string{page, css, js} {
		if h["Content-Security-Policy"] != csp {
			t.Errorf("Content-Security-Policy %q, want %q", h["Content-Security-Policy"], csp)
		}
	}
}

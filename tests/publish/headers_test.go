package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// TestResolveHeaders pins the _headers semantics the parity check relies
// on: every matching rule applies, values of one header add up, and
// "! Name" drops what earlier rules set.
func TestResolveHeaders(t *testing.T) {
	rules, err := parseHeadersFile([]byte("# comment\n/*\n  X-A: 1\n  Cache-Control: short\n/css/*\n  ! Cache-Control\n  Cache-Control: long\n/x/*\n  Cache-Control: more\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, header, want string }{
		{"/", "Cache-Control", "short"},
		{"/css/style.1234567890.css", "Cache-Control", "long"},
		{"/css/style.1234567890.css", "X-A", "1"},
		{"/x/y", "Cache-Control", "short, more"},
	} {
		if got := resolveHeaders(rules, c.path)[c.header]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.path, c.header, got, c.want)
		}
	}
	for _, bad := range []string{"  X-A: 1\n", "/a\nX-A: 1\n", "/a\n  X-A:\n", "/*/*\n  X-A: 1\n"} {
		if _, err := parseHeadersFile([]byte(bad)); err == nil {
			t.Errorf("parseHeadersFile(%q) accepted a malformed file", bad)
		}
	}
}

// TestHeadersFileStatic: the repository's static/_headers parses and gives
// the fingerprinted files and the pages different caches, with no header
// value doubled by two rules.
func TestHeadersFileStatic(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "static", "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := parseHeadersFile(b)
	if err != nil {
		t.Fatalf("static/_headers: %v", err)
	}
	page := resolveHeaders(rules, "/ve-papi/")
	css := resolveHeaders(rules, "/css/style.0123456789.css")
	js := resolveHeaders(rules, "/search/search.0123456789.js")
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

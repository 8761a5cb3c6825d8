package site_test

import (
	"path"
	"strings"
	"testing"

	"portal/internal/output"
	"portal/internal/site"
)

// outputFile is where the writer puts the page of site path u.
func outputFile(u string) string {
	rel := strings.TrimPrefix(u, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

// hasDotDot reports a ".." or "." segment in the path part of u.
func hasDotDot(u string) bool {
	p, _, _ := strings.Cut(u, "?")
	p, _, _ = strings.Cut(p, "#")
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}

// FuzzCleanURLPath checks the gate every url and alias passes: what it
// accepts is a site path with no way out of the output folder, and the
// writer's own check agrees.
func FuzzCleanURLPath(f *testing.F) {
	for _, s := range []string{"/ke-hoach/", "ke-hoach", "/a/../../etc/passwd", "/%2e%2e/x/", "//evil.example/", "C:\\Windows\\",
		"/a\x00b/", "https://evil.example/", "/tin-tuc/bai.html", "/./x", "/x/./", " / ", "/a//b/", "/mục-đích/", "/\\evil.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := site.CleanURLPath(raw)
		if err != nil {
			return
		}
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || hasDotDot(u) || strings.ContainsAny(u, "\\\x00") {
			t.Fatalf("CleanURLPath(%q) = %q", raw, u)
		}
		if path.Clean(u) != strings.TrimSuffix(u, "/") && u != "/" {
			t.Fatalf("CleanURLPath(%q) = %q: not clean", raw, u)
		}
		if err := output.SafeRel(outputFile(u)); err != nil {
			t.Fatalf("CleanURLPath(%q) = %q, but the writer refuses it: %v", raw, u, err)
		}
	})
}

// FuzzResolveLink checks the link rewriter of a small site: a link inside
// the site becomes a path under the site's base path that cannot climb out
// of it or turn into a link to another host.
func FuzzResolveLink(f *testing.F) {
	for _, s := range []string{"../ke-hoach/_index.md#muc-dich", "bai.md", "/ve-papi/", "../../../../etc/passwd", "%2e%2e/%2e%2e/x",
		"/\\evil.example/", "\\\\evil.example\\x", "anh.png?x=1#y", "#muc-dich", "../ve-papi", "./", "..", "/", "/papi/../../x",
		"..%2f..%2fx", "/ve-papi/#%00", "mục đích.md", "/ve-papi/?a=../../b"} {
		f.Add(s)
	}
	s := site.MustSite(f, map[string]string{
		"content/_index.md":          "---\ntitle: Trang chủ\n---\n",
		"content/ke-hoach/_index.md": "---\ntitle: Kế hoạch\n---\n## Mục đích\n",
		"content/ke-hoach/bai.md":    "---\ntitle: Bài\n---\n",
		"content/ke-hoach/anh.png":   "png",
		"content/ve-papi/_index.md":  "---\ntitle: Về PAPI\n---\n",
	})
	from := s.PageByFile("ke-hoach/bai.md")
	if from == nil {
		f.Fatal("fixture page missing")
	}
	f.Fuzz(func(t *testing.T, dest string) {
		l, err := s.NewResolver(from, nil).Link(dest)
		u := l.Href
		if err != nil || site.HasScheme(dest) || strings.HasPrefix(dest, "//") || dest == "" {
			return
		}
		if strings.HasPrefix(dest, "#") {
			if u != dest {
				t.Fatalf("Link(%q) = %q: fragment changed", dest, u)
			}
			return
		}
		// The query and fragment are the reader's business; the path is
		// what a browser fetches.
		p, _, _ := strings.Cut(u, "?")
		p, _, _ = strings.Cut(p, "#")
		if !strings.HasPrefix(p, "/papi/") || strings.Contains(p, "\\") || hasDotDot(p) {
			t.Fatalf("Link(%q) = %q: not a path inside the site", dest, u)
		}
		if err := output.SafeRel(outputFile(strings.TrimPrefix(p, "/papi"))); err != nil {
			t.Fatalf("Link(%q) = %q: %v", dest, u, err)
		}
	})
}

package site

import (
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/testkit"
)

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// newSite writes files (path → text) into a temporary site and builds its
// page graph. A file whose text does not start with "---" gets a front
// matter with its base name as title. The files under static/ are
// published as they are named, and so is css/a.css, which need not exist.
func newSite(t testing.TB, siteYAML string, files map[string]string, opts Options) (*Site, []*diag.Problem) {
	t.Helper()
	statics := map[string]string{"css/a.css": "static/css/a.css"}
	written := map[string]string{}
	for rel, text := range files {
		if strings.HasSuffix(rel, ".md") && !strings.HasPrefix(text, "---") {
			title := strings.TrimSuffix(path.Base(rel), ".md")
			if title == "_index" {
				title = path.Base(path.Dir(rel))
			}
			text = "---\ntitle: \"" + title + "\"\n" + text + "---\n"
		}
		written[rel] = text
		if after, ok := strings.CutPrefix(rel, "static/"); ok {
			statics[after] = rel
		}
	}
	root := testkit.Files(t, written)
	if siteYAML == "" {
		siteYAML = "title: Trang thử\nbaseURL: https://example.org/papi/\n"
	}
	cfg, err := config.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	loaded, probs := content.Load(root, cfg.Location)
	if len(probs) > 0 {
		t.Fatalf("load: %v", diag.Errors(probs))
	}
	data, _ := content.LoadData(root)
	if opts.Now.IsZero() {
		opts.Now = now
	}
	if opts.Generated == nil {
		opts.Generated = generated
	}
	return New(root, cfg, loaded, data, statics, opts)
}

// generated stands in for output.Generated (output imports site): the
// build writes the tag list and the sitemap itself, which the resolver and
// menu tests link to. output/paths_test.go checks the real registry.
func generated(*Site) func(out string) bool {
	return func(out string) bool { return out == "tags/index.html" || out == "sitemap.xml" }
}

func mustSite(t testing.TB, siteYAML string, files map[string]string, opts Options) *Site {
	t.Helper()
	s, probs := newSite(t, siteYAML, files, opts)
	if len(probs) != 0 {
		t.Fatalf("problems:\n%v", diag.Errors(probs))
	}
	return s
}

func urls(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return strings.Join(out, " ")
}

func TestPublishedFilter(t *testing.T) {
	files := map[string]string{
		"content/_index.md":          "",
		"content/tin/_index.md":      "",
		"content/tin/cong-bo.md":     "date: 2025-01-01\ntags: [A]\n",
		"content/tin/nhap.md":        "draft: true\ntags: [A, Nháp]\n",
		"content/tin/tuong-lai.md":   "date: 2025-12-01\ntags: [A]\n",
		"content/tin/hen-gio.md":     "date: 2025-01-01\npublishDate: 2025-07-01\n",
		"content/tin/het-han.md":     "date: 2024-01-01\nexpiryDate: 2025-05-31\n",
		"content/tin/con-han.md":     "date: 2024-01-02\nexpiryDate: 2025-06-30\n",
		"content/nhap-muc/_index.md": "draft: true\n",
		"content/nhap-muc/con.md":    "",
	}
	list := func(s *Site) string {
		var names []string
		for _, p := range s.Pages {
			names = append(names, strings.TrimSuffix(filepath.Base(p.File), ".md"))
		}
		sort.Strings(names)
		return strings.Join(names, " ")
	}
	tests := []struct {
		opts Options
		want string
	}{
		{Options{}, "con con-han cong-bo"},
		{Options{Drafts: true}, "con con-han cong-bo nhap"},
		{Options{Future: true}, "con con-han cong-bo hen-gio tuong-lai"},
		{Options{Expired: true}, "con con-han cong-bo het-han"},
		{Options{Drafts: true, Future: true, Expired: true}, "con con-han cong-bo hen-gio het-han nhap tuong-lai"},
	}
	for _, tc := range tests {
		s := mustSite(t, "", files, tc.opts)
		if got := list(s); got != tc.want {
			t.Errorf("%+v: Pages = %q, want %q", tc.opts, got, tc.want)
		}
		for _, p := range s.AllPages {
			if p.Draft && !tc.opts.Drafts {
				t.Errorf("%+v: draft %s in AllPages", tc.opts, p.File)
			}
		}
		sec := s.PageByURL("/tin/")
		if n := len(sec.Pages); n != strings.Count(tc.want, " ")+1-1 && !tc.opts.Drafts && !tc.opts.Future && !tc.opts.Expired && n != 2 {
			t.Errorf("section lists %d pages", n)
		}
		for _, term := range s.Taxonomies["tags"] {
			for _, p := range term.Pages {
				if !strings.Contains(" "+tc.want+" ", " "+strings.TrimSuffix(filepath.Base(p.File), ".md")+" ") {
					t.Errorf("%+v: tag %s lists unpublished %s", tc.opts, term.Name, p.File)
				}
			}
		}
	}
	s := mustSite(t, "", files, Options{})
	if got := urls(s.PageByURL("/tin/").Pages); got != "/tin/cong-bo/ /tin/con-han/" {
		t.Errorf("section list = %s", got)
	}
	if tags := s.Taxonomies["tags"]; len(tags) != 1 || tags[0].Name != "A" || len(tags[0].Pages) != 1 {
		t.Errorf("tags = %+v", tags)
	}
	// A draft section hides its own page but not its published pages.
	if p := s.PageByFile("nhap-muc/con.md"); p == nil || p.Parent == nil || p.Parent.File != "" || p.Parent.URL != "/nhap-muc/" {
		t.Errorf("page under draft section: %+v", p)
	}
}

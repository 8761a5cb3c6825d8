package site

import (
	"sort"
	"strings"
	"testing"

	"portal/internal/diag"
)

func TestURLs(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/_index.md":                       "",
		"content/ke-hoach/_index.md":              "",
		"content/ke-hoach/Kế hoạch năm 2023.md":   "",
		"content/ke-hoach/co-slug.md":             "slug: \"Đặc biệt Số 1\"\n",
		"content/ke-hoach/co-url.md":              "url: /tuy-chinh/duong-dan\n",
		"content/ke-hoach/trang.md":               "url: /trang-don.html\n",
		"content/Văn Bản Pháp Quy/_index.md":      "",
		"content/Văn Bản Pháp Quy/Quyết định.md":  "",
		"content/ke-hoach/2024/Đợt một/_index.md": "",
		"content/ke-hoach/2024/Đợt một/bai.md":    "",
		"content/ve-papi/gioi-thieu/index.md":     "",
		"content/ve-papi/gioi-thieu/anh.png":      "png",
		"content/khong-index/trang.md":            "",
		"content/ke-hoach/tai-lieu.pdf":           "pdf",
	}, Options{})
	want := map[string]string{
		"_index.md":                       "/",
		"ke-hoach/_index.md":              "/ke-hoach/",
		"ke-hoach/Kế hoạch năm 2023.md":   "/ke-hoach/ke-hoach-nam-2023/",
		"ke-hoach/co-slug.md":             "/ke-hoach/dac-biet-so-1/",
		"ke-hoach/co-url.md":              "/tuy-chinh/duong-dan/",
		"ke-hoach/trang.md":               "/trang-don.html",
		"Văn Bản Pháp Quy/_index.md":      "/van-ban-phap-quy/",
		"Văn Bản Pháp Quy/Quyết định.md":  "/van-ban-phap-quy/quyet-dinh/",
		"ke-hoach/2024/Đợt một/_index.md": "/ke-hoach/2024/dot-mot/",
		"ke-hoach/2024/Đợt một/bai.md":    "/ke-hoach/2024/dot-mot/bai/",
		"ve-papi/gioi-thieu/index.md":     "/ve-papi/gioi-thieu/",
		"khong-index/trang.md":            "/khong-index/trang/",
	}
	for file, u := range want {
		p := s.PageByFile(file)
		if p == nil {
			t.Errorf("no page for %s", file)
			continue
		}
		if p.URL != u {
			t.Errorf("%s: URL %q, want %q", file, p.URL, u)
		}
		if p.RelPermalink != "/papi"+u || p.Permalink != "https://example.org/papi"+u {
			t.Errorf("%s: RelPermalink %q Permalink %q", file, p.RelPermalink, p.Permalink)
		}
	}
	if got := s.PageByFile("ke-hoach/trang.md").OutputPath(); got != "trang-don.html" {
		t.Errorf("OutputPath = %q", got)
	}
	if got := s.PageByFile("ke-hoach/co-url.md").OutputPath(); got != "tuy-chinh/duong-dan/index.html" {
		t.Errorf("OutputPath = %q", got)
	}
	// A top folder without _index.md is still a section, titled from its name.
	var khong *Page
	for _, sec := range s.Sections {
		if sec.URL == "/khong-index/" {
			khong = sec
		}
	}
	if khong == nil || khong.Title != "Khong index" || khong.Kind != KindSection {
		t.Errorf("synthetic section = %+v", khong)
	}
	// Section pages: kinds and Section names.
	if p := s.PageByFile("ke-hoach/2024/Đợt một/bai.md"); p.Section != "ke-hoach" || p.Parent.URL != "/ke-hoach/2024/dot-mot/" || p.Kind != KindPage {
		t.Errorf("bai: Section %q Parent %q Kind %q", p.Section, p.Parent.URL, p.Kind)
	}
	if got := urls(s.Sections); got != "/ke-hoach/ /khong-index/ /van-ban-phap-quy/ /ve-papi/" {
		t.Errorf("Sections = %s", got)
	}
	// Resources: a bundle's files beside the page, others under the section.
	var res []string
	for out := range s.Resources {
		res = append(res, out)
	}
	sort.Strings(res)
	if got := strings.Join(res, " "); got != "ke-hoach/tai-lieu.pdf ve-papi/gioi-thieu/anh.png" {
		t.Errorf("Resources = %s", got)
	}
}

func TestDuplicateURLs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		a, b  string
	}{
		{"folded names", map[string]string{"content/tin/Đồng.md": "", "content/tin/dong.md": ""}, "content/tin/dong.md", "content/tin/Đồng.md"},
		{"slug and name", map[string]string{"content/tin/a.md": "slug: b\n", "content/tin/b.md": ""}, "content/tin/a.md", "content/tin/b.md"},
		{"url and section", map[string]string{"content/tin/_index.md": "", "content/khac/x.md": "url: /tin/\n"}, "content/khac/x.md", "content/tin/_index.md"},
		{"page and bundle", map[string]string{"content/tin/a.md": "", "content/tin/a/index.md": ""}, "content/tin/a.md", "content/tin/a/index.md"},
		{"case only", map[string]string{"content/tin/a.md": "url: /Hoa/\n", "content/tin/b.md": "url: /hoa/\n"}, "content/tin/a.md", "content/tin/b.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := newSite(t, "", tc.files, Options{})
			found := false
			for _, p := range probs {
				msg := p.Error()
				if strings.Contains(msg, "duplicate URL") && strings.Contains(msg, tc.a) && strings.Contains(msg, tc.b) {
					found = true
				}
			}
			if !found {
				t.Errorf("no duplicate URL error naming %s and %s:\n%v", tc.a, tc.b, diag.Errors(probs))
			}
		})
	}
}

func TestPathsLeavingOutputRefused(t *testing.T) {
	tests := []struct {
		name, fm string
		line     int
		key      string
	}{
		{"url dot-dot", "draft: false\nurl: ../../etc\n", 4, "url"},
		{"url absolute dot-dot", "url: /a/../../b\n", 3, "url"},
		{"url backslash", "url: '..\\..\\etc'\n", 3, "url"},
		{"url backslash inside", "url: '/a\\b/'\n", 3, "url"},
		{"url dot", "url: /a/./b/\n", 3, "url"},
		{"url other host", "url: https://evil.example/\n", 3, "url"},
		{"url scheme-relative", "url: //evil.example/x/\n", 3, "url"},
		{"url percent dot-dot", "url: /%2e%2e/x/\n", 3, "url"},
		{"url NUL", "url: \"/a\\0b/\"\n", 3, "url"},
		{"alias dot-dot", "aliases: [\"/ok/\", \"../../etc/passwd\"]\n", 3, "aliases"},
		{"alias absolute dot-dot", "aliases:\n  - /a/../../b\n", 3, "aliases"},
		{"alias backslash", "aliases: ['\\..\\x']\n", 3, "aliases"},
		{"slug dot-dot", "slug: ../../etc\n", 3, "slug"},
		{"slug with slash", "slug: a/b\n", 3, "slug"},
		{"slug backslash", "slug: '..\\x'\n", 3, "slug"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, probs := newSite(t, "", map[string]string{"content/tin/bai.md": "---\ntitle: Bài\n" + tc.fm + "---\n"}, Options{})
			if len(probs) == 0 {
				t.Fatalf("accepted; URL %q aliases %v", s.PageByFile("tin/bai.md").URL, s.Aliases)
			}
			p := probs[0]
			if p.File != "content/tin/bai.md" || p.Line != tc.line || !strings.HasPrefix(p.Msg, tc.key+":") {
				t.Errorf("problem = %v, want content/tin/bai.md:%d %s: ...", p, tc.line, tc.key)
			}
			for out := range s.Aliases {
				if strings.Contains(out, "..") || strings.Contains(out, "\\") {
					t.Errorf("alias output %q kept", out)
				}
			}
		})
	}
}

func TestCleanURLPath(t *testing.T) {
	good := map[string]string{
		"/a/b":         "/a/b/",
		"a/b/":         "/a/b/",
		"/":            "/",
		"/x.html":      "/x.html",
		"/feed.xml":    "/feed.xml",
		" /a// ":       "/a/",
		"/kế-hoạch/":   "/kế-hoạch/",
		"/a/b.c/index": "/a/b.c/index/",
	}
	for in, want := range good {
		if got, err := CleanURLPath(in); err != nil || got != want {
			t.Errorf("CleanURLPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "..", "../x", "/a/..", "/a/../b", "./a", "a\\b", "/a?b", "/a#b", "/a b", "/a%20b", "http://x/", "//x/", "/a\x01", "/\"x\"", "/<x>"} {
		if got, err := CleanURLPath(bad); err == nil {
			t.Errorf("CleanURLPath(%q) accepted: %q", bad, got)
		}
	}
}

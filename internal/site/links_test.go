package site

import (
	"strings"
	"testing"
)

func TestResolver(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/_index.md":                   "",
		"content/ke-hoach/_index.md":          "",
		"content/ke-hoach/Kế hoạch 2023.md":   "",
		"content/ke-hoach/nhap.md":            "draft: true\n",
		"content/ke-hoach/tai-lieu.pdf":       "pdf",
		"content/ve-papi/gioi-thieu/index.md": "",
		"content/ve-papi/gioi-thieu/logo.png": "png",
		"content/tin/a.md":                    "",
	}, Options{})
	from := s.PageByFile("ke-hoach/Kế hoạch 2023.md")
	bundle := s.PageByFile("ve-papi/gioi-thieu/index.md")
	tests := []struct {
		from *Page
		dest string
		want string
		err  string
	}{
		{from, "../tin/a.md", "/papi/tin/a/", ""},
		{from, "../tin/a.md#muc", "/papi/tin/a/#muc", ""},
		{from, "_index.md", "/papi/ke-hoach/", ""},
		{from, "../ke-hoach/", "/papi/ke-hoach/", ""},
		{from, "../ve-papi/gioi-thieu/index.md", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "../ve-papi/gioi-thieu/", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "../ve-papi/gioi-thieu/logo.png", "/papi/ve-papi/gioi-thieu/logo.png", ""},
		{from, "tai-lieu.pdf", "/papi/ke-hoach/tai-lieu.pdf", ""},
		{from, "tai-lieu.pdf?v=2#trang=3", "/papi/ke-hoach/tai-lieu.pdf?v=2#trang=3", ""},
		{from, "Kế%20hoạch%202023.md", "/papi/ke-hoach/ke-hoach-2023/", ""},
		{from, "Kế hoạch 2023.md", "/papi/ke-hoach/ke-hoach-2023/", ""},
		{from, "/ve-papi/gioi-thieu/", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "/ve-papi/gioi-thieu", "/papi/ve-papi/gioi-thieu/", ""},
		{from, "/css/a.css", "/papi/css/a.css", ""},
		{from, "/tags/", "/papi/tags/", ""},
		{from, "/sitemap.xml", "/papi/sitemap.xml", ""},
		{from, "#rieng", "#rieng", ""},
		{from, "https://example.com/a.md", "https://example.com/a.md", ""},
		{from, "mailto:a@example.org", "mailto:a@example.org", ""},
		{from, "tel:+842213862400", "tel:+842213862400", ""},
		{bundle, "logo.png", "/papi/ve-papi/gioi-thieu/logo.png", ""},
		{bundle, "../../ke-hoach/_index.md", "/papi/ke-hoach/", ""},
		{from, "khong-co.md", "", "không tìm thấy trang content/ke-hoach/khong-co.md"},
		{from, "nhap.md", "", "bản nháp"},
		{from, "../../ngoai.md", "", "đi ra ngoài thư mục content/"},
		{from, "/khong-co/", "", "broken link"},
		{from, "anh-khong-co.png", "", "broken link"},
	}
	for _, tc := range tests {
		r := s.NewResolver(tc.from)
		got, err := r.Link(tc.dest, 7)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Link(%q) = %q, %v; want error %q", tc.dest, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Link(%q) from %s = %q, %v; want %q", tc.dest, tc.from.File, got, err, tc.want)
		}
	}
	r := s.NewResolver(from)
	if _, err := r.Link("../tin/a.md#phan-mot", 9); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Link("#rieng", 10); err != nil {
		t.Fatal(err)
	}
	if len(r.Anchors) != 2 || r.Anchors[0].ID != "phan-mot" || r.Anchors[0].Line != 9 || r.Anchors[0].Target != s.PageByFile("tin/a.md") || r.Anchors[1].Target != from {
		t.Errorf("anchors = %+v", r.Anchors)
	}
	u, w, h, err := s.NewResolver(bundle).Image("logo.png", 3)
	if err != nil || u != "/papi/ve-papi/gioi-thieu/logo.png" || w != 0 || h != 0 {
		t.Errorf("Image = %q %d %d %v", u, w, h, err)
	}
}

// macOS can save file names decomposed (NFD) while the Markdown, being
// normalised, links to them composed (NFC).
func TestNFDFileNames(t *testing.T) {
	s := mustSite(t, "title: T\nmenus:\n  main:\n    - {page: \"tin/Kế hoạch.md\"}\n", map[string]string{
		"content/tin/Ke\u0302\u0301 hoa\u0323ch.md":  "---\ntitle: Kế hoạch\n---\n",
		"content/tin/Ta\u0300i lie\u0323\u0302u.pdf": "pdf",
		"content/tin/b.md":                           "",
	}, Options{})
	r := s.NewResolver(s.PageByFile("tin/b.md"))
	if u, err := r.Link("Kế hoạch.md", 1); err != nil || u != "/tin/ke-hoach/" {
		t.Errorf("link to NFD file = %q, %v", u, err)
	}
	if u, err := r.Link("Tài liệu.pdf", 1); err != nil || !strings.HasSuffix(u, ".pdf") {
		t.Errorf("link to NFD resource = %q, %v", u, err)
	}
	if m := s.Menus["main"]; len(m) != 1 || m[0].URL != "/tin/ke-hoach/" {
		t.Errorf("menu = %+v", m)
	}
}

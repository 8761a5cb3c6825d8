package site

import (
	"strings"
	"testing"

	"portal/internal/diag"
)

func TestMenus(t *testing.T) {
	cfg := `title: T
baseURL: https://example.org/papi/
menus:
  main:
    - {name: "Kế hoạch", url: "/ke-hoach/", weight: 20}
    - {page: "ve-papi/_index.md", weight: 10}
    - {name: "Ngoài", url: "https://example.com/", weight: 30}
    - {name: "Con", url: "/ke-hoach/a/", parent: "ke-hoach"}
    - {name: "Mục lục", url: "/ke-hoach/#muc-luc", weight: 40}
    - {name: "Không gạch", url: "ke-hoach", weight: 50}
    - {name: "Thẻ", url: "/tags/", weight: 60}
    - {name: "CSS", url: "/css/a.css", weight: 70}
    - {name: "Thư", url: "mailto:a@example.org", weight: 80}
`
	files := map[string]string{
		"content/ke-hoach/_index.md": "", "content/ke-hoach/a.md": "", "content/ve-papi/_index.md": "---\ntitle: Về PAPI\n---\n",
	}
	s := mustSite(t, cfg, files, Options{})
	var got []string
	for _, m := range s.Menus["main"] {
		e := m.Name + "=" + m.URL
		for _, c := range m.Children {
			e += "[" + c.Name + "=" + c.URL + "]"
		}
		got = append(got, e)
	}
	if g := strings.Join(got, " "); g != "Về PAPI=/papi/ve-papi/ Kế hoạch=/papi/ke-hoach/[Con=/papi/ke-hoach/a/] Ngoài=https://example.com/ Mục lục=/papi/ke-hoach/#muc-luc Không gạch=/papi/ke-hoach/ Thẻ=/papi/tags/ CSS=/papi/css/a.css Thư=mailto:a@example.org" {
		t.Errorf("menu = %s", g)
	}
	kh := s.Menus["main"][1]
	if !kh.IsActive(s.PageByURL("/ke-hoach/a/")) || !kh.IsActive(s.PageByURL("/ke-hoach/")) || kh.IsActive(s.PageByURL("/ve-papi/")) {
		t.Error("IsActive wrong")
	}

	bad := []struct{ entry, want string }{
		{`{name: "X", page: "khong-co.md"}`, `menus.main: mục "X" trỏ tới trang "khong-co.md" không tồn tại`},
		{`{name: "X", url: "/khong-co/"}`, `menus.main: mục "X" trỏ tới "/khong-co/"`},
		{`{name: "X", url: "/khong-co/#muc"}`, `menus.main: mục "X" trỏ tới "/khong-co/#muc"`},
		{`{name: "X"}`, `menus.main: mục "X" cần 'url' hoặc 'page'`},
		{`{name: "X", url: "/ke-hoach/a/", parent: "khong"}`, `menus.main: mục cha "khong" của "X" không tồn tại`},
	}
	for _, b := range bad {
		_, probs := newSite(t, "title: T\nmenus:\n  main:\n    - "+b.entry+"\n", files, Options{})
		if len(probs) != 1 || probs[0].File != "site.yaml" || probs[0].Line != 4 || !strings.Contains(probs[0].Msg, b.want) {
			t.Errorf("%s: problems %v, want %q", b.entry, diag.Errors(probs), b.want)
		}
	}
}

package site

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
)

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// newSite writes files (path → text) into a temporary site and builds its
// page graph. A file whose text does not start with "---" gets a front
// matter with its base name as title.
func newSite(t *testing.T, siteYAML string, files map[string]string, opts Options) (*Site, []*diag.Problem) {
	t.Helper()
	root := t.TempDir()
	for rel, text := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, ".md") && !strings.HasPrefix(text, "---") {
			title := strings.TrimSuffix(filepath.Base(rel), ".md")
			if title == "_index" {
				title = filepath.Base(filepath.Dir(rel))
			}
			text = "---\ntitle: \"" + title + "\"\n" + text + "---\n"
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if siteYAML == "" {
		siteYAML = "title: Trang thử\nbaseURL: https://example.org/papi/\n"
	}
	cfg, err := config.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	loaded, probs := content.Load(root, cfg.Location)
	for _, p := range probs {
		if p.Level == diag.Error {
			t.Fatalf("load: %v", p)
		}
	}
	data, _ := content.LoadData(root)
	if opts.Now.IsZero() {
		opts.Now = now
	}
	return New(root, cfg, loaded, data, map[string]string{"css/a.css": "static/css/a.css"}, opts)
}

func mustSite(t *testing.T, siteYAML string, files map[string]string, opts Options) *Site {
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

func TestOrderPrevNextBreadcrumbs(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/_index.md":             "",
		"content/tin/_index.md":         "",
		"content/tin/b.md":              "date: 2024-01-01\n",
		"content/tin/c.md":              "date: 2024-03-01\n",
		"content/tin/nang.md":           "weight: 2\n",
		"content/tin/nhe.md":            "weight: 1\n",
		"content/tin/Ánh.md":            "date: 2024-03-01\n",
		"content/tin/con/_index.md":     "",
		"content/tin/con/sau/x.md":      "",
		"content/tin/con/sau/_index.md": "",
	}, Options{})
	sec := s.PageByURL("/tin/")
	if got := urls(sec.Pages); got != "/tin/nhe/ /tin/nang/ /tin/anh/ /tin/c/ /tin/b/" {
		t.Errorf("order = %s", got)
	}
	nhe, anh, b := s.PageByURL("/tin/nhe/"), s.PageByURL("/tin/anh/"), s.PageByURL("/tin/b/")
	if nhe.Prev != nil || nhe.Next != s.PageByURL("/tin/nang/") || anh.Prev != s.PageByURL("/tin/nang/") || anh.Next != s.PageByURL("/tin/c/") || b.Next != nil {
		t.Errorf("prev/next wrong: nhe %v→%v, anh %v→%v, b next %v", nhe.Prev, nhe.Next, anh.Prev, anh.Next, b.Next)
	}
	x := s.PageByURL("/tin/con/sau/x/")
	if got := urls(x.Breadcrumbs); got != "/ /tin/ /tin/con/ /tin/con/sau/" {
		t.Errorf("breadcrumbs = %s", got)
	}
	if len(s.Home.Breadcrumbs) != 0 {
		t.Errorf("home breadcrumbs = %s", urls(s.Home.Breadcrumbs))
	}
	if got := urls(sec.Sections); got != "/tin/con/" {
		t.Errorf("sub-sections = %s", got)
	}
	if got := urls(x.Ancestors()); got != "/tin/con/sau/ /tin/con/ /tin/ /" {
		t.Errorf("ancestors = %s", got)
	}
}

func TestTagsAndRelated(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/tin/a.md": "tags: [\"Cải cách\", PAPI, Hưng Yên]\ndate: 2024-01-01\n",
		"content/tin/b.md": "tags: [\"cải cách\", PAPI]\ndate: 2024-02-01\n",
		"content/tin/c.md": "tags: [PAPI]\ndate: 2024-03-01\n",
		"content/tin/d.md": "tags: [Khác]\n",
		"content/tin/e.md": "tags: [\"Hưng Yên\", \"HƯNG YÊN\"]\ndate: 2023-01-01\n",
	}, Options{})
	var names []string
	for _, tm := range s.Taxonomies["tags"] {
		names = append(names, tm.Name+"="+tm.Slug+"="+tm.RelPermalink+"="+string(rune('0'+tm.Count())))
	}
	if got := strings.Join(names, " "); got != "Cải cách=cai-cach=/papi/tags/cai-cach/=2 Hưng Yên=hung-yen=/papi/tags/hung-yen/=2 Khác=khac=/papi/tags/khac/=1 PAPI=papi=/papi/tags/papi/=3" {
		t.Errorf("tags = %s", got)
	}
	a := s.PageByURL("/tin/a/")
	if got := urls(a.Related); got != "/tin/b/ /tin/c/ /tin/e/" {
		t.Errorf("related(a) = %s", got)
	}
	if len(s.PageByURL("/tin/e/").Tags) != 1 {
		t.Errorf("duplicate tag on one page counted twice")
	}
	if r := s.PageByURL("/tin/d/").Related; len(r) != 0 {
		t.Errorf("related(d) = %s", urls(r))
	}
}

func TestRelatedLimit(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		files["content/tin/"+n+".md"] = "tags: [PAPI]\n"
	}
	s := mustSite(t, "", files, Options{})
	if n := len(s.PageByURL("/tin/a/").Related); n != 5 {
		t.Errorf("related = %d, want 5", n)
	}
}

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

func TestAliasesAndCollisions(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/tin/a.md": "aliases: [\"/cu/a/\", \"cu/a.html\"]\n",
	}, Options{})
	var outs []string
	for out, p := range s.Aliases {
		outs = append(outs, out+"→"+p.URL)
	}
	sort.Strings(outs)
	if got := strings.Join(outs, " "); got != "cu/a.html→/tin/a/ cu/a/index.html→/tin/a/" {
		t.Errorf("aliases = %s", got)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"alias on a page", map[string]string{"content/tin/a.md": "aliases: [/tin/b/]\n", "content/tin/b.md": ""}, "content/tin/a.md:3: aliases: /tin/b/ đã là địa chỉ của content/tin/b.md"},
		{"alias twice", map[string]string{"content/tin/a.md": "aliases: [/cu/]\n", "content/tin/b.md": "aliases: [/cu/]\n"}, "aliases: /cu/ cũng là bí danh của content/tin/a.md"},
		{"alias on sitemap", map[string]string{"content/tin/a.md": "aliases: [/sitemap.xml]\n"}, "content/tin/a.md:3: aliases: sitemap.xml là tệp do hệ thống tạo"},
		{"url on a feed", map[string]string{"content/tin/a.md": "url: /index.xml\n"}, "content/tin/a.md:3: địa chỉ /index.xml trùng với tệp do hệ thống tạo"},
		{"url on tags", map[string]string{"content/tin/a.md": "url: /tags/\n"}, "content/tin/a.md:3: địa chỉ /tags/ trùng với tệp do hệ thống tạo"},
	}
	for _, tc := range tests {
		_, probs := newSite(t, "", tc.files, Options{})
		if !strings.Contains(diag.Errors(probs).Error(), tc.want) {
			t.Errorf("%s: problems\n%v\nwant %q", tc.name, diag.Errors(probs), tc.want)
		}
	}
}

package build

import (
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/testkit"
)

// apiSite is a small site whose layouts print the template API, so one
// build checks what templates see.
func apiSite(t *testing.T, extra map[string]string) string {
	src := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"site.yaml":                      "title: \"Cổng PAPI\"\nbaseURL: \"https://example.org/papi/\"\nparams:\n  coQuan: UBND\n  mau: xanh\nmenus:\n  main:\n    - {name: Tin, url: /tin/, weight: 1}\n",
		"content/_index.md":              "---\ntitle: Trang chủ\n---\n",
		"content/tin/_index.md":          "---\ntitle: Tin tức\ndescription: Các tin\n---\n",
		"content/tin/mot.md":             "---\ntitle: Một\ndate: 2024-01-02\ntags: [PAPI]\nmau: do\n---\n## Phần A\n\n### Phần A1\n\nXin chào {{< sc \"vị trí\" ten=\"Hưng Yên\" >}}.\n\n{{< khoi k=\"v\" >}}\nNội dung **đậm**.\n{{< /khoi >}}\n",
		"content/tin/hai.md":             "---\ntitle: Hai\ndate: 2024-03-04T08:00:00+07:00\nlastmod: 2024-05-06\ntags: [PAPI, Khác]\n---\n" + strings.Repeat("từ ", 450) + "\n",
		"data/diem.csv":                  "nam,tong\n2023,42.5\n2024,44.23\n",
		"data/lien-he.yaml":              "dien_thoai: \"0221 3862 400\"\n",
		"static/css/a.css":               "body{}\n",
		"layouts/_default/baseof.html":   "<!doctype html><html lang=\"{{ .Lang }}\"><head><title>{{ .Title }}</title><link rel=\"stylesheet\" href=\"{{ asset \"css/a.css\" }}\"></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
		"layouts/_default/list.html":     "{{ define \"main\" }}<h1>{{ .Title }}</h1>KIND={{ .Kind }} HOME={{ .IsHome }} SEC={{ .IsSection }}\nPAGES={{ range .Pages }}{{ .Title }};{{ end }}\nSECTIONS={{ range .Sections }}{{ .Title }};{{ end }}\nDATA={{ range .Site.Data.diem }}{{ .nam }}:{{ numberVN .tong 2 }};{{ end }} {{ .Site.Data.lien_he }}{{ index .Site.Data \"lien-he\" \"dien_thoai\" }}\nWHERE={{ range where .Site.Pages \"Title\" \"Hai\" }}{{ .RelPermalink }}{{ end }}\nSORT={{ range sortBy .Site.Pages \"Date\" \"asc\" }}{{ .Title }};{{ end }}\nMENU={{ range .Site.Menus.main }}{{ .Name }}={{ .URL }}{{ end }}\nTAGS={{ range .Site.Taxonomies.tags }}{{ .Name }}({{ .Count }}){{ end }}\nLAST={{ isoDate .Site.LastUpdated }}\nURLS={{ relURL \"css/a.css\" }} {{ absURL \"tin/\" }} {{ .Permalink }}\nTWICE={{ range .Site.Menus.main }}{{ relURL .URL }} {{ absURL .URL }}{{ end }} {{ relURL .RelPermalink }} {{ relURL \"/papi\" }}\nMD={{ markdownify \"**đậm** _nghiêng_\" }}\nT={{ T \"xin_chao\" }} {{ T \"khong_co\" }}\n{{ end }}\n",
		"layouts/_default/single.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>\nDATE={{ dateVN .Date }} LASTMOD={{ dateShort .Lastmod }}\nPARAM={{ .Param \"mau\" }} {{ .Param \"coQuan\" }}\nTOC={{ .TableOfContents }}\nHEADINGS={{ range .Headings }}{{ .Level }}:{{ .ID }};{{ end }}\nWORDS={{ .WordCount }} READ={{ .ReadingTime }}\nPARENT={{ .Parent.Title }} SECTION={{ .Section }} FILE={{ .File }}\nBC={{ range .Breadcrumbs }}{{ .Title }}>{{ end }}\nPREV={{ with .Prev }}{{ .Title }}{{ end }} NEXT={{ with .Next }}{{ .Title }}{{ end }}\nREL={{ range .Related }}{{ .Title }}{{ end }}\nTAGS={{ range .Tags }}{{ .Name }}@{{ .RelPermalink }}{{ end }}\n{{ .Content }}{{ end }}\n",
		"layouts/_default/taxonomy.html": "{{ define \"main\" }}TAXONOMY {{ range .Site.Taxonomies.tags }}{{ .Name }}{{ end }}{{ end }}\n",
		"layouts/_default/term.html":     "{{ define \"main\" }}TERM {{ .Title }}: {{ range .Pages }}{{ .Title }};{{ end }}{{ end }}\n",
		"layouts/404.html":               "{{ define \"main\" }}KHÔNG THẤY {{ .Kind }}{{ end }}\n",
		"layouts/i18n/vi.yaml":           "xin_chao: \"Xin chào\"\n",
		"layouts/shortcodes/sc.html":     "[{{ .Name }} 0={{ .Get 0 }} ten={{ .Get \"ten\" }} params={{ len .Params }} page={{ .Page.Title }} site={{ .Site.Title }} at={{ .Position }}]",
		"layouts/shortcodes/khoi.html":   "<div class=\"khoi\" data-k=\"{{ .Get \"k\" }}\">{{ .Inner }}</div>",
	}
	for k, v := range extra {
		files[k] = v
	}
	testkit.WriteFiles(t, src, files)
	return src
}

func runMem(t *testing.T, src string) (*output.MemWriter, *Result, error) {
	t.Helper()
	w := output.NewMemWriter()
	res, err := Run(Options{Source: src, Now: fixedNow, NoMinify: true}, w)
	return w, res, err
}

func TestTemplateAPI(t *testing.T) {
	w, res, err := runMem(t, apiSite(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	get := func(rel string) string {
		b, ok := w.Get(rel)
		if !ok {
			t.Fatalf("%s not written; files: %v", rel, w.Files())
		}
		return string(b)
	}
	// Static files are published under a content-hashed name; relURL and
	// asset both give it.
	cssURL := ""
	for _, f := range w.Files() {
		if strings.HasPrefix(f, "css/a.") && strings.HasSuffix(f, ".css") && f != "css/a.css" {
			cssURL = "/papi/" + f
		}
	}
	if cssURL == "" {
		t.Fatalf("no fingerprinted css/a.css in %v", w.Files())
	}
	checks := map[string][]string{
		"index.html": {
			"KIND=home HOME=true SEC=false", "SECTIONS=Tin tức;",
			"DATA=2023:42,50;2024:44,23; 0221 3862 400",
			"WHERE=/papi/tin/hai/", "SORT=Một;Hai;", "MENU=Tin=/papi/tin/", "TAGS=Khác(1)PAPI(2)",
			"LAST=2024-05-06", "URLS=" + cssURL + " https://example.org/papi/tin/ https://example.org/papi/",
			"TWICE=/papi/tin/ https://example.org/papi/tin/ /papi/ /papi",
			"MD=<strong>đậm</strong> <em>nghiêng</em>", "T=Xin chào khong_co", `href="` + cssURL + `"`,
		},
		"tin/index.html": {"KIND=section HOME=false SEC=true", "PAGES=Hai;Một;"},
		"tin/mot/index.html": {
			"DATE=ngày 2 tháng 1 năm 2024", "PARAM=do UBND",
			`TOC=<ol><li><a href="#phan-a">Phần A</a><ol><li><a href="#phan-a1">Phần A1</a></li></ol></li></ol>`,
			"HEADINGS=2:phan-a;3:phan-a1;", "PARENT=Tin tức SECTION=tin FILE=tin/mot.md", "BC=Trang chủ>Tin tức>",
			"PREV=Hai NEXT=", "REL=Hai", "TAGS=PAPI@/papi/tags/papi/",
			"[sc 0=vị trí ten=Hưng Yên params=1 page=Một site=Cổng PAPI at=content/tin/mot.md:11]",
			`<div class="khoi" data-k="v"><p>Nội dung <strong>đậm</strong>.</p>`,
		},
		"tin/hai/index.html":   {"DATE=ngày 4 tháng 3 năm 2024 LASTMOD=06/05/2024", "PARAM=xanh UBND", "TOC=\n", "WORDS=450 READ=3", "PREV= NEXT=Một"},
		"tags/index.html":      {"TAXONOMY KhácPAPI"},
		"tags/papi/index.html": {"TERM PAPI: Hai;Một;"},
		"404.html":             {"KHÔNG THẤY 404"},
	}
	for rel, wants := range checks {
		page := get(rel)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q:\n%s", rel, want, page)
			}
		}
	}
	var warned bool
	for _, p := range res.Warnings {
		if p.File == "layouts/i18n/vi.yaml" && strings.Contains(p.Msg, `"khong_co"`) {
			warned = true
		}
	}
	if !warned {
		t.Errorf("missing i18n string not warned: %v", res.Warnings)
	}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"recursive partial", map[string]string{
			"layouts/partials/vong.html": "{{ partial \"vong.html\" . }}",
			"layouts/_default/list.html": "{{ define \"main\" }}\n{{ partial \"vong.html\" . }}{{ end }}\n",
		}, "gọi lồng nhau quá 64 lần"},
		{"shortcode template error names the content line", map[string]string{
			"layouts/shortcodes/sc.html": "{{ .Khong }}",
		}, "content/tin/mot.md:11: mã ngắn \"sc\""},
		{"shortcode error from a function", map[string]string{
			"layouts/shortcodes/sc.html": "{{ numberVN \"abc\" 2 }}",
		}, "content/tin/mot.md:11: mã ngắn \"sc\""},
		{"where on a non-list", map[string]string{
			"layouts/_default/list.html": "{{ define \"main\" }}\n\n{{ where .Title \"x\" 1 }}{{ end }}\n",
		}, "layouts/_default/list.html:3:"},
		{"panic in a function", map[string]string{
			"layouts/_default/list.html": "{{ define \"main\" }}\n{{ index .Site.Pages 99 }}{{ end }}\n",
		}, "layouts/_default/list.html:2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runMem(t, apiSite(t, tc.files))
			if err == nil {
				t.Fatal("build succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error lacks %q:\n%v", tc.want, err)
			}
			var errs int
			for _, p := range failedProblems(t, err) {
				if p.Level == diag.Error {
					errs++
				}
			}
			if errs > 2 {
				t.Errorf("%d errors for one mistake:\n%v", errs, err)
			}
		})
	}
}

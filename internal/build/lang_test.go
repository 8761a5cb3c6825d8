package build

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testkit"
)

func TestLanguages(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"site.yaml": `title: "Cổng PAPI"
baseURL: "https://example.org/papi/"
menus:
  main:
    - {name: "Về PAPI", url: "/ve-papi/"}
languages:
  en:
    title: "PAPI portal"
    weight: 1
    menus:
      main:
        - {name: "About", url: "/en/about/"}
`,
		"content/_index.md":              "---\ntitle: Trang chủ\n---\n[Về](ve-papi/_index.md#muc-dich)\n",
		"content/ve-papi/_index.md":      "---\ntitle: Về PAPI\ntranslationKey: about\n---\n## Mục đích\n",
		"content/ve-papi/tin.md":         "---\ntitle: Tin\ndate: 2024-01-01\ntags: [PAPI]\n---\nTin.\n",
		"content/en/_index.md":           "---\ntitle: Home\n---\n[About](about/_index.md#purpose)\n",
		"content/en/about/_index.md":     "---\ntitle: About PAPI\ntranslationKey: about\n---\n## Purpose\n",
		"content/en/about/news.md":       "---\ntitle: News\ndate: 2024-02-01\ntags: [PAPI]\n---\nNews.\n",
		"content/tin/a.md":               "---\ntitle: Tin A\n---\nA.\n",
		"content/en/tin/b.md":            "---\ntitle: News B\n---\nB.\n",
		"layouts/_default/baseof.html":   "<!doctype html><html lang=\"{{ .Lang }}\"><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
		"layouts/_default/list.html":     "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}SITE={{ .Site.Title }} T={{ T \"hello\" }} MENU={{ range .Site.Menus.main }}<a href=\"{{ .URL }}\">{{ .Name }}</a>{{ end }} TR={{ range .Translations }}<a href=\"{{ .RelPermalink }}\" hreflang=\"{{ .Lang }}\">{{ .Title }}</a>{{ end }} PAGES={{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
		"layouts/_default/single.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Tags }}<a href=\"{{ .RelPermalink }}\">{{ .Name }}</a>{{ end }}{{ end }}\n",
		"layouts/_default/taxonomy.html": "{{ define \"main\" }}TR={{ range .Translations }}<a href=\"{{ .RelPermalink }}\" hreflang=\"{{ .Lang }}\">{{ .Title }}</a>{{ end }} TAGS {{ range .Site.Taxonomies.tags }}<a href=\"{{ .RelPermalink }}\">{{ .Name }}</a>{{ end }}{{ end }}\n",
		"layouts/_default/term.html":     "{{ define \"main\" }}TERM {{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
		"layouts/i18n/vi.yaml":           "hello: Xin chào\n",
		"layouts/i18n/en.yaml":           "hello: Hello\n",
	}
	testkit.WriteFiles(t, src, files)
	dest := filepath.Join(t.TempDir(), "out")
	res := build(t, Options{Source: src, Dest: dest, NoMinify: true})
	tree := testkit.ReadTree(t, dest)
	checks := map[string][]string{
		"index.html":               {`lang="vi"`, "SITE=Cổng PAPI", "T=Xin chào", `<a href="/papi/ve-papi/">Về PAPI</a>`, `href="/papi/ve-papi/#muc-dich"`},
		"ve-papi/index.html":       {`TR=<a href="/papi/en/about/" hreflang="en">About PAPI</a>`, `PAGES=<a href="/papi/ve-papi/tin/">Tin</a>`},
		"en/index.html":            {`lang="en"`, "SITE=PAPI portal", "T=Hello", `<a href="/papi/en/about/">About</a>`, `href="/papi/en/about/#purpose"`},
		"en/about/index.html":      {`TR=<a href="/papi/ve-papi/" hreflang="vi">Về PAPI</a>`, `PAGES=<a href="/papi/en/about/news/">News</a>`},
		"en/about/news/index.html": {`href="/papi/en/tags/papi/"`},
		"en/tags/papi/index.html":  {`<a href="/papi/en/about/news/">News</a>`},
		"tags/papi/index.html":     {`<a href="/papi/ve-papi/tin/">Tin</a>`},
		// Pages without a file pair too: a section made from a folder,
		// and the tag list.
		"tin/index.html":  {`TR=<a href="/papi/en/tin/" hreflang="en">`},
		"tags/index.html": {`TR=<a href="/papi/en/tags/" hreflang="en">`},
	}
	for rel, wants := range checks {
		page, ok := tree[rel]
		if !ok {
			t.Errorf("%s not built; files %v", rel, tree.Paths())
			continue
		}
		for _, w := range wants {
			if !strings.Contains(string(page), w) {
				t.Errorf("%s lacks %s:\n%s", rel, w, page)
			}
		}
	}
	if strings.Contains(tree["tags/papi/index.html"], "News") || strings.Contains(tree["en/tags/papi/index.html"], "Tin<") {
		t.Error("tag pages mix languages")
	}
	var sm sitemapXML
	parseXML(t, "sitemap.xml", tree["sitemap.xml"], &sm)
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	for _, want := range []string{"https://example.org/papi/en/about/news/", "https://example.org/papi/ve-papi/tin/"} {
		if !strings.Contains(strings.Join(locs, " "), want) {
			t.Errorf("sitemap lacks %s: %v", want, locs)
		}
	}
	var enFeed rssXML
	parseXML(t, "en/index.xml", tree["en/index.xml"], &enFeed)
	if len(enFeed.Channel.Items) != 2 || enFeed.Channel.Items[0].Title != "News" || enFeed.Channel.Language != "en" {
		t.Errorf("en feed = %+v", enFeed.Channel)
	}
	if checkLocalURLs(t, tree, "/papi/") < 15 {
		t.Error("too few URLs")
	}
	if len(res.Sites) != 2 || res.Sites[1].Lang != "en" {
		t.Errorf("Sites = %v", res.Sites)
	}
	_ = xml.Header
}

func TestLanguageErrors(t *testing.T) {
	src := testkit.Site(t, "engine")
	testkit.WriteFile(t, src, "site.yaml", "title: T\nbaseURL: https://example.org/\nlanguages:\n  en:\n    title: E\n")
	testkit.WriteFile(t, src, "content/en/_index.md", "---\ntitle: Home\n---\n[x](khong-co.md)\n\n[y](about.md#khong)\n")
	testkit.WriteFile(t, src, "content/en/about.md", "---\ntitle: About\nweight: abc\n---\n")
	_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "o"), Now: fixedNow})
	if err == nil {
		t.Fatal("built")
	}
	for _, want := range []string{
		`content/en/_index.md:4: liên kết tới "khong-co.md": không tìm thấy trang content/en/khong-co.md`,
		"content/en/about.md:3: weight:",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "#khong") {
		t.Errorf("link to a page that failed to load reported:\n%v", err)
	}
}

// An i18n string set to "" is a warning and shows its key, as a missing
// one does: an empty label (aria-label="") would pass unnoticed.
func TestEmptyI18nString(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	testkit.WriteFiles(t, src, map[string]string{
		"site.yaml":                    "title: \"Cổng\"\nbaseURL: \"https://example.org/\"\n",
		"content/_index.md":            "---\ntitle: Trang chủ\n---\n",
		"layouts/_default/baseof.html": "<!doctype html><html lang=\"{{ .Lang }}\"><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
		"layouts/_default/list.html":   "{{ define \"main\" }}<nav aria-label=\"{{ T \"nav_main\" }}\">N</nav>{{ end }}\n",
		"layouts/i18n/vi.yaml":         "nav_main: \"\"\n",
	})
	dest := filepath.Join(t.TempDir(), "out")
	res := build(t, Options{Source: src, Dest: dest, NoMinify: true})
	if page := testkit.ReadTree(t, dest)["index.html"]; !strings.Contains(page, `aria-label="nav_main"`) {
		t.Errorf("empty string shown as %s", page)
	}
	warned := false
	for _, p := range res.Warnings {
		warned = warned || p.File == "layouts/i18n/vi.yaml" && strings.Contains(p.Msg, `"nav_main"`)
	}
	if !warned {
		t.Errorf("empty i18n string not warned: %v", res.Warnings)
	}
}

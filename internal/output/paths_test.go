package output

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/site"
)

// assemble makes the page graph of pages (content path → front matter,
// with a title added) in language lang ("" or "en"), without files on
// disk: what the registry reads is the graph.
func assemble(t *testing.T, lang string, pages map[string]string, statics map[string]string) (*site.Site, []*diag.Problem) {
	t.Helper()
	yaml := "title: Trang thử\nbaseURL: https://example.org/papi/\nmenus:\n  main:\n    - {name: Thẻ, url: /tags/}\n"
	if lang != "" {
		yaml = "title: Test\nlanguageCode: " + lang + "\nbaseURL: https://example.org/papi/\n"
	}
	cfg, err := config.Parse("site.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	var files []*content.File
	for _, p := range slices.Sorted(maps.Keys(pages)) {
		parsed, probs := content.ParseFrontMatter("content/"+p, []byte("title: "+p+"\n"+pages[p]), 2, time.UTC)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		files = append(files, &content.File{Path: p, Markdown: true, FM: parsed})
	}
	opts := site.Options{Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Generated: Generated}
	if lang != "" {
		opts.Lang = config.LanguageInfo{Code: lang, Prefix: lang + "/"}
		for _, f := range files {
			f.Prefix = opts.Lang.Prefix
		}
	}
	return site.New(t.TempDir(), cfg, files, &content.Data{}, statics, opts)
}

func TestPathsGenerated(t *testing.T) {
	pages := map[string]string{"_index.md": "", "ke-hoach/_index.md": "", "ke-hoach/a.md": "tags: [PAPI]\n"}
	s, probs := assemble(t, "", pages, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	r := PathsOf(s)
	for _, out := range []string{"index.xml", "ke-hoach/index.xml", "tags/index.html", "tags/papi/index.html", "404.html", "sitemap.xml", "robots.txt", "search/manifest.json", "search/s/0.json"} {
		if !r.Generated(out) || !r.Reserved(out) {
			t.Errorf("%s: Generated %v, Reserved %v; want both", out, r.Generated(out), r.Reserved(out))
		}
	}
	for _, out := range []string{"ke-hoach/index.html", "ke-hoach/a/index.html", "tags/khac/index.html", "en/index.xml", "css/a.css"} {
		if r.Generated(out) || r.Reserved(out) {
			t.Errorf("%s: Generated %v, Reserved %v; want neither", out, r.Generated(out), r.Reserved(out))
		}
	}
	// Reserved also holds the manifest, the search script under any hash,
	// other cases and the folders on the way to a generated file.
	for _, out := range []string{ManifestName, "search/search.0123456789.js", "Sitemap.XML", "sitemap.xml/index.html", "TAGS/index.html",
		"sitemap-1.xml", "Sitemap-12.XML", "sitemap-3.xml/index.html"} {
		if !r.Reserved(out) {
			t.Errorf("%s not reserved", out)
		}
	}
	// The names of a sitemap's parts, and only those.
	for _, out := range []string{"sitemap-.xml", "sitemap-1a.xml", "sitemap-1.xml.bak", "tin/sitemap-1.xml", "sitemap-1/index.html"} {
		if r.Reserved(out) {
			t.Errorf("%s reserved", out)
		}
	}

	// Links and menus may point at a generated file.
	from := s.PageByFile("ke-hoach/a.md")
	for dest, want := range map[string]string{"/tags/": "/papi/tags/", "/tags/papi/": "/papi/tags/papi/", "/index.xml": "/papi/index.xml",
		"../index.xml": "/papi/ke-hoach/index.xml", "/sitemap.xml": "/papi/sitemap.xml", "/robots.txt": "/papi/robots.txt", "/search/": "/papi/search/"} {
		if l, err := s.NewResolver(from, nil).Link(dest); err != nil || l.Href != want {
			t.Errorf("Link(%q) = %q, %v; want %q", dest, l.Href, err, want)
		}
	}
	if m := s.Menus["main"]; len(m) != 1 || m[0].URL != "/papi/tags/" {
		t.Errorf("menu = %+v", m)
	}

	en, probs := assemble(t, "en", map[string]string{"_index.md": "", "about/_index.md": ""}, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	r = PathsOf(en)
	for out, want := range map[string]bool{"en/index.xml": true, "en/about/index.xml": true, "en/tags/index.html": true, "en/search/manifest.json": true,
		"index.xml": false, "404.html": false, "sitemap.xml": false} {
		if r.Reserved(out) != want {
			t.Errorf("en: Reserved(%s) = %v, want %v", out, !want, want)
		}
	}
}

// A page, alias or file on a path the build writes itself is refused,
// naming the file and the line that put it there.
func TestPathsCheck(t *testing.T) {
	tests := []struct {
		name    string
		pages   map[string]string
		statics map[string]string
		want    string
	}{
		{"alias on sitemap", map[string]string{"tin/a.md": "aliases: [/sitemap.xml]\n"}, nil, "content/tin/a.md:3: aliases: sitemap.xml là tệp do hệ thống tạo"},
		{"url on a feed", map[string]string{"tin/a.md": "url: /index.xml\n"}, nil, "content/tin/a.md:3: địa chỉ /index.xml trùng với tệp do hệ thống tạo"},
		{"url on tags", map[string]string{"tin/a.md": "url: /tags/\n"}, nil, "content/tin/a.md:3: địa chỉ /tags/ trùng với tệp do hệ thống tạo"},
		{"url under the sitemap", map[string]string{"tin/a.md": "url: /sitemap.xml/x/\n"}, nil, "content/tin/a.md:3: địa chỉ /sitemap.xml/x/ trùng với tệp do hệ thống tạo"},
		{"two pages one file", map[string]string{"tin/a.md": "url: /x/index.html\n", "tin/b.md": "url: /x/\n"}, nil, "content/tin/b.md:3: trang này và content/tin/a.md cùng được ghi ra tệp x/index.html"},
		{"static on a page", map[string]string{"tin/a.md": ""}, map[string]string{"tin/a/index.html": "static/tin/a/index.html"}, "static/tin/a/index.html: tệp tĩnh này ghi đè trang content/tin/a.md"},
		{"static robots", nil, map[string]string{"robots.txt": "static/robots.txt"}, "static/robots.txt: tệp tĩnh này trùng với tệp robots.txt do portal tự tạo"},
		{"alias on a static file", map[string]string{"tin/a.md": "aliases: [/a.html]\n"}, map[string]string{"a.html": "static/a.html"}, "content/tin/a.md:3: aliases: a.html trùng với tệp tĩnh static/a.html"},
	}
	for _, tc := range tests {
		s, probs := assemble(t, "", tc.pages, tc.statics)
		probs = append(probs, PathsOf(s).Check(s)...)
		if !strings.Contains(diag.Errors(probs).Error(), tc.want) {
			t.Errorf("%s: problems\n%v\nwant %q", tc.name, diag.Errors(probs), tc.want)
		}
	}
}

// A page of one language on a file of another is refused, blaming the
// address an editor wrote.
func TestCheckLanguages(t *testing.T) {
	vi, _ := assemble(t, "", map[string]string{"_index.md": "", "tin/a.md": "url: /en/tin/\n", "tin/b.md": "aliases: [/en/tags/]\n"}, nil)
	en, _ := assemble(t, "en", map[string]string{"_index.md": "", "tin/_index.md": ""}, nil)
	sites := []*site.Site{vi, en}
	got := diag.Errors(CheckLanguages(sites, []*Paths{PathsOf(vi), PathsOf(en)})).Error()
	for _, want := range []string{
		"content/tin/a.md:3: trang /en/tin/ ghi ra tệp en/tin/index.html, trùng với content/en/tin/_index.md của ngôn ngữ en",
		"content/tin/b.md:3: bí danh (aliases) ghi ra tệp en/tags/index.html, là tệp do portal tạo cho ngôn ngữ en",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems\n%s\nwant %q", got, want)
		}
	}
}

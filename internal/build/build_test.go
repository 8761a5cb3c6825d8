package build

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/testkit"
)

var fingerprintRE = regexp.MustCompile(`\.[0-9a-f]{10}\.`)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// fixedNow keeps future/expired decisions stable whatever the clock says.
var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func build(t testing.TB, opts Options) *Result {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = fixedNow
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatalf("build %s: %v", opts.Source, err)
	}
	return res
}

func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res := build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: dest, NoMinify: true})
	got := testkit.ReadTree(t, dest)
	golden := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		testkit.WriteFiles(t, golden, got)
		t.Logf("rewrote %s (%d files)", golden, len(got))
		return
	}
	want := testkit.ReadTree(t, golden)
	if d := testkit.Diff(want, got); len(d) > 0 {
		t.Errorf("output differs from %s (run go test ./internal/build -run TestGolden -update after checking):\n%s", golden, strings.Join(d, "\n"))
		for _, k := range got.Paths() {
			if w, ok := want[k]; ok && w != got[k] {
				t.Logf("%s:\n--- want\n%s\n--- got\n%s", k, w, got[k])
				break
			}
		}
	}
	// The result lists exactly what was written.
	var listed []string
	listed = append(listed, res.Files...)
	listed = append(listed, output.ManifestName)
	sort.Strings(listed)
	if strings.Join(listed, " ") != strings.Join(got.Paths(), " ") {
		t.Errorf("Result.Files = %v\nwritten = %v", listed, got.Paths())
	}
	if res.Pages != 7 {
		t.Errorf("Pages = %d, want 7", res.Pages)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "content/ke-hoach/_index.md:22: cảnh báo (warning): liên kết \"javascript:alert(1)\"") {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: a})
	build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: b, Workers: 1})
	if d := testkit.Diff(testkit.ReadTree(t, a), testkit.ReadTree(t, b)); len(d) > 0 {
		t.Errorf("two builds differ:\n%s", strings.Join(d, "\n"))
	}
	// Rebuilding over the first output gives the same bytes again.
	before := testkit.ReadTree(t, a)
	build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: a})
	if d := testkit.Diff(before, testkit.ReadTree(t, a)); len(d) > 0 {
		t.Errorf("rebuild differs:\n%s", strings.Join(d, "\n"))
	}
}

var urlAttrRE = regexp.MustCompile(`(?i)\s(href|src|action|poster|content)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))`)

// urlAttrs returns every URL-carrying attribute value in an HTML file
// (content only for http-equiv refresh).
func urlAttrs(html string) []string {
	var out []string
	for _, m := range urlAttrRE.FindAllStringSubmatch(html, -1) {
		v := m[3] + m[4] + m[5]
		if strings.EqualFold(m[1], "content") {
			_, u, ok := strings.Cut(v, "url=")
			if !ok {
				continue
			}
			v = u
		}
		out = append(out, v)
	}
	return out
}

func TestBaseURLSubPath(t *testing.T) {
	for _, minify := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "out")
		build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: dest, BaseURL: "https://example.org/papi/", NoMinify: !minify})
		tree := testkit.ReadTree(t, dest)
		checked := 0
		for _, rel := range tree.Paths() {
			if !strings.HasSuffix(rel, ".html") {
				continue
			}
			for _, u := range urlAttrs(tree[rel]) {
				checked++
				ok := strings.HasPrefix(u, "/papi/") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "mailto:")
				if !ok || strings.HasPrefix(u, "//") {
					t.Errorf("minify=%v %s: URL %q is not under /papi/", minify, rel, u)
				}
				// Every local URL leads to a file of the build.
				if strings.HasPrefix(u, "/papi/") {
					target := strings.TrimPrefix(strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0], "/papi/")
					if target == "" || strings.HasSuffix(target, "/") {
						target += "index.html"
					}
					if _, ok := tree[target]; !ok {
						t.Errorf("minify=%v %s: %q leads to no file (%s)", minify, rel, u, target)
					}
				}
			}
		}
		if checked < 40 {
			t.Errorf("only %d URLs checked: the attribute scan is broken", checked)
		}
		page := tree["ve-papi/gioi-thieu/index.html"]
		if !strings.Contains(page, `src="/papi/ve-papi/gioi-thieu/logo.svg"`) || !strings.Contains(page, `width="120"`) || !strings.Contains(page, `height="40"`) {
			t.Errorf("bundle image not under base path or without size:\n%s", page)
		}
	}
}

type sitemapXML struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

// links returns the channel's <link> text and its atom:link href.
func (r *rssXML) links() (link, self string) {
	for _, l := range r.Channel.Links {
		if l.XMLName.Space == "http://www.w3.org/2005/Atom" {
			self = l.Href
		} else {
			link = l.Text
		}
	}
	return link, self
}

type rssXML struct {
	Version string `xml:"version,attr"`
	Channel struct {
		Title    string `xml:"title"`
		Language string `xml:"language"`
		// <link> and <atom:link> share the local name: told apart by
		// namespace in (rssXML).links.
		Links []struct {
			XMLName xml.Name
			Href    string `xml:"href,attr"`
			Text    string `xml:",chardata"`
		} `xml:"link"`
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

func parseXML(t *testing.T, name string, data string, v any) {
	t.Helper()
	if err := xml.Unmarshal([]byte(data), v); err != nil {
		t.Fatalf("%s does not parse as XML: %v\n%s", name, err, data)
	}
}

// sitewithTimes is the fixture plus a future, an expired and a draft page.
func siteWithTimes(t *testing.T) string {
	src := testkit.Site(t, "engine")
	testkit.WriteFile(t, src, "content/ke-hoach/tuong-lai.md", "---\ntitle: Tương lai\ndate: 2030-01-01\n---\nSau.\n")
	testkit.WriteFile(t, src, "content/ke-hoach/het-han.md", "---\ntitle: Hết hạn\ndate: 2024-01-01\nexpiryDate: 2025-01-01\n---\nCũ.\n")
	testkit.WriteFile(t, src, "content/ke-hoach/hien-tai.md", "---\ntitle: Hiện tại\ndate: 2025-05-01T20:00:00Z\n---\nNay.\n")
	return src
}

func TestFeedsSitemapRobots(t *testing.T) {
	src := siteWithTimes(t)
	for _, minify := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "out")
		build(t, Options{Source: src, Dest: dest, BaseURL: "https://example.org/papi/", NoMinify: !minify})
		tree := testkit.ReadTree(t, dest)

		var sm sitemapXML
		parseXML(t, "sitemap.xml", tree["sitemap.xml"], &sm)
		var locs []string
		for _, u := range sm.URLs {
			if !strings.HasPrefix(u.Loc, "https://example.org/papi/") {
				t.Errorf("sitemap loc %q not absolute under the base URL", u.Loc)
			}
			if u.Lastmod != "" {
				if _, err := time.Parse("2006-01-02", u.Lastmod); err != nil {
					t.Errorf("sitemap lastmod %q: %v", u.Lastmod, err)
				}
			}
			locs = append(locs, strings.TrimPrefix(u.Loc, "https://example.org/papi/"))
		}
		if got := strings.Join(locs, " "); got != " ke-hoach/ ve-papi/ ke-hoach/hien-tai/ ve-papi/gioi-thieu/ tags/ tags/papi/" {
			t.Errorf("sitemap pages = %q", got)
		}

		var home rssXML
		parseXML(t, "index.xml", tree["index.xml"], &home)
		if link, self := home.links(); home.Version != "2.0" || link != "https://example.org/papi/" || self != "https://example.org/papi/index.xml" || home.Channel.Language != "vi" {
			t.Errorf("home feed channel = %+v", home.Channel)
		}
		var items []string
		for _, it := range home.Channel.Items {
			if !strings.HasPrefix(it.Link, "https://example.org/papi/") || it.GUID != it.Link {
				t.Errorf("feed item link %q guid %q", it.Link, it.GUID)
			}
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("pubDate %q: %v", it.PubDate, err)
			}
			items = append(items, it.Title)
		}
		if got := strings.Join(items, "|"); got != "Hiện tại|Giới thiệu PAPI" {
			t.Errorf("home feed items = %q", got)
		}
		var sec rssXML
		parseXML(t, "ke-hoach/index.xml", tree["ke-hoach/index.xml"], &sec)
		if link, self := sec.links(); link != "https://example.org/papi/ke-hoach/" || self != "https://example.org/papi/ke-hoach/index.xml" || len(sec.Channel.Items) != 1 || sec.Channel.Items[0].Title != "Hiện tại" {
			t.Errorf("section feed = %+v", sec.Channel)
		}
		// 20:00Z on 1 May is 2 May in Hà Nội.
		if !strings.Contains(tree["ke-hoach/hien-tai/index.html"], "ngày 2 tháng 5 năm 2025") {
			t.Errorf("page date not shown in the site time zone:\n%s", tree["ke-hoach/hien-tai/index.html"])
		}

		if got := tree["robots.txt"]; !strings.Contains(got, "\nSitemap: https://example.org/papi/sitemap.xml\n") || !strings.HasPrefix(got, "User-agent: *\n") {
			t.Errorf("robots.txt = %q", got)
		}
		for rel := range tree {
			for _, bad := range []string{"tuong-lai", "het-han", "ban-nhap"} {
				if strings.Contains(rel, bad) || strings.Contains(tree[rel], bad) {
					t.Errorf("unpublished page %s appears in %s", bad, rel)
				}
			}
		}
	}
	// The flags bring them back, in pages, lists, feeds and the sitemap.
	dest := filepath.Join(t.TempDir(), "out")
	build(t, Options{Source: src, Dest: dest, Drafts: true, Future: true, Expired: true})
	tree := testkit.ReadTree(t, dest)
	for _, slug := range []string{"ke-hoach/tuong-lai", "ke-hoach/het-han", "ve-papi/ban-nhap"} {
		if _, ok := tree[slug+"/index.html"]; !ok {
			t.Errorf("%s not built with the flags", slug)
		}
		if !strings.Contains(tree["sitemap.xml"], slug+"/") {
			t.Errorf("%s not in the sitemap with the flags", slug)
		}
	}
	if !strings.Contains(tree["ke-hoach/index.xml"], "Tương lai") || !strings.Contains(tree["ke-hoach/index.html"], "Hết hạn") {
		t.Error("flags do not bring pages back into feeds and lists")
	}
}

func TestAliasAndResources(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: dest, BaseURL: "https://example.org/papi/"})
	tree := testkit.ReadTree(t, dest)
	alias := tree["cu/gioi-thieu/index.html"]
	for _, want := range []string{`<link rel="canonical" href="https://example.org/papi/ve-papi/gioi-thieu/">`, `<meta http-equiv="refresh" content="0; url=/papi/ve-papi/gioi-thieu/">`, `<meta name="robots" content="noindex">`, `<a href="/papi/ve-papi/gioi-thieu/">Giới thiệu PAPI</a>`} {
		if !strings.Contains(alias, want) {
			t.Errorf("alias page lacks %s:\n%s", want, alias)
		}
	}
	src, err := os.ReadFile(filepath.Join(testkit.Fixture(t, "engine"), "content/ve-papi/gioi-thieu/logo.svg"))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := tree["ve-papi/gioi-thieu/logo.svg"]
	if !ok || len(got) == 0 || len(got) > len(src) || !strings.Contains(got, "<svg") {
		t.Errorf("bundle resource not published beside its page: %q", got)
	}
	found := false
	for k := range tree {
		if fingerprintRE.MatchString(k) && strings.HasPrefix(k, "css/style.") {
			found = true
		}
	}
	if !found {
		t.Error("static stylesheet not published under a fingerprinted name")
	}
}

func TestMinifiedSmaller(t *testing.T) {
	dir := t.TempDir()
	full, small := filepath.Join(dir, "full"), filepath.Join(dir, "min")
	build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: full, NoMinify: true})
	build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: small})
	a, b := testkit.ReadTree(t, full), testkit.ReadTree(t, small)
	// Fingerprints differ (the bytes do); compare the files by their names
	// without the hash.
	unhash := func(m testkit.Tree) testkit.Tree {
		out := testkit.Tree{}
		for k, v := range m {
			out[fingerprintRE.ReplaceAllString(k, ".HASH.")] = v
		}
		return out
	}
	a, b = unhash(a), unhash(b)
	if strings.Join(a.Paths(), " ") != strings.Join(b.Paths(), " ") {
		t.Fatalf("minified build has other files:\n%v\n%v", a.Paths(), b.Paths())
	}
	total := [2]int{}
	for _, k := range a.Paths() {
		ext := filepath.Ext(k)
		if ext == ".html" || ext == ".xml" || ext == ".css" || ext == ".svg" {
			if len(b[k]) > len(a[k]) {
				t.Errorf("%s: minified %d > %d bytes", k, len(b[k]), len(a[k]))
			}
			total[0] += len(a[k])
			total[1] += len(b[k])
		}
	}
	if total[1] >= total[0] {
		t.Errorf("minified output %d bytes, not smaller than %d", total[1], total[0])
	}
	t.Logf("HTML/XML/CSS/SVG: %d bytes, minified %d (%.0f%%)", total[0], total[1], 100*float64(total[1])/float64(total[0]))
	var sm sitemapXML
	parseXML(t, "minified sitemap.xml", b["sitemap.xml"], &sm)
}

// failedProblems returns the problems of a failed build, or fails.
func failedProblems(t *testing.T, err error) []*diag.Problem {
	t.Helper()
	var f *Failed
	if !errors.As(err, &f) {
		t.Fatalf("err = %v (%T), want *Failed", err, err)
	}
	return f.Problems
}

// All mistakes of a build are reported together, each with file and line,
// and the previous output is left as it was.
func TestAllErrorsTogether(t *testing.T) {
	src := testkit.Site(t, "engine")
	dest := filepath.Join(t.TempDir(), "public")
	build(t, Options{Source: src, Dest: dest})
	before := testkit.Snapshot(t, dest)

	testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\nweight: abc\n---\nGiới thiệu.\n")
	testkit.WriteFile(t, src, "content/ke-hoach/mot.md", "---\ntitle: Một\n---\nXem [trang mất](khong-co.md).\n\nVà [mục mất](../ve-papi/gioi-thieu/index.md#khong-co).\n")
	testkit.WriteFile(t, src, "content/ke-hoach/hai.md", "---\ntitle: Hai\n---\nĐoạn.\n\n{{< khong-co >}}\n\nXem [về PAPI](../ve-papi/_index.md).\n")
	testkit.WriteFile(t, src, "content/ke-hoach/Hai.md", "---\ntitle: Hai bis\n---\n")
	testkit.WriteFile(t, src, "content/ke-hoach/ba.md", "---\ntitle: Ba\ndate: 08/02/2023\n---\n")
	testkit.WriteFile(t, src, "data/so-lieu.csv", "nam,diem\n2023,1\n2024\n")
	testkit.WriteFile(t, src, "data/lien-he.yaml", "a: 1\n  b: 2\n")
	testkit.WriteFile(t, src, "layouts/_default/single.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ .KhongCo }}\n{{ end }}\n")

	_, err := Build(Options{Source: src, Dest: dest, Now: fixedNow})
	probs := failedProblems(t, err)
	want := []string{
		"content/ke-hoach/hai.md:1: trang này và content/ke-hoach/Hai.md cùng có địa chỉ /ke-hoach/hai/",
		"content/ke-hoach/ba.md:3: date: ngày \"08/02/2023\"",
		"content/ke-hoach/hai.md:6: mã ngắn \"khong-co\" không tồn tại",
		"content/ke-hoach/mot.md:4: liên kết tới \"khong-co.md\"",
		"content/ke-hoach/mot.md:6: liên kết tới #khong-co",
		"content/ve-papi/_index.md:3: weight:",
		"data/lien-he.yaml:2: YAML không hợp lệ",
		"data/so-lieu.csv:3: CSV không hợp lệ",
		"layouts/_default/single.html:3: lỗi mẫu trình bày",
	}
	var got []string
	for _, p := range probs {
		if p.Level == diag.Error {
			got = append(got, p.File+":"+itoa(p.Line)+": "+p.Msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing error %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
	// A link or menu entry to a page that failed to load is not reported
	// again.
	for _, g := range got {
		if strings.Contains(g, "hai.md:8") || strings.Contains(g, "menus.main") {
			t.Errorf("link to a page with its own error reported: %s", g)
		}
	}
	if d := testkit.Diff(before, testkit.Snapshot(t, dest)); len(d) > 0 {
		t.Errorf("failed build changed the previous output:\n%s", strings.Join(d, "\n"))
	}
	leftovers := output.Leftovers(dest)
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestTemplateErrorReportedOnce(t *testing.T) {
	src := testkit.Site(t, "engine")
	testkit.WriteFile(t, src, "layouts/_default/list.html", "{{ define \"main\" }}\n{{ .Khong }}\n{{ end }}\n")
	for i := 0; i < 2; i++ {
		_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "o"), Now: fixedNow})
		var probs []*diag.Problem
		for _, p := range failedProblems(t, err) {
			if p.Level == diag.Error {
				probs = append(probs, p)
			}
		}
		if len(probs) != 1 || probs[0].File != "layouts/_default/list.html" || probs[0].Line != 2 || !strings.Contains(probs[0].Msg, "(khi dựng content/_index.md)") {
			t.Errorf("problems = %v", diag.Errors(probs))
		}
	}
}

func TestOutputCollisions(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string
	}{
		{"static robots.txt", "static/robots.txt", "static/robots.txt: tệp tĩnh này trùng với tệp robots.txt do portal tự tạo"},
		{"static sitemap", "static/sitemap.xml", "static/sitemap.xml: tệp tĩnh này trùng với tệp sitemap.xml"},
		{"static section feed", "static/ke-hoach/index.xml", "static/ke-hoach/index.xml: tệp tĩnh này trùng với tệp ke-hoach/index.xml"},
		{"static over a bundle file", "static/ve-papi/gioi-thieu/logo.svg", "static/ve-papi/gioi-thieu/logo.svg: tệp tĩnh này và content/ve-papi/gioi-thieu/logo.svg"},
		{"static over an alias", "static/cu/gioi-thieu/index.html", "content/ve-papi/gioi-thieu/index.md:5: aliases: cu/gioi-thieu/index.html trùng với tệp tĩnh static/cu/gioi-thieu/index.html"},
		{"static over a page", "static/ke-hoach/index.html", "static/ke-hoach/index.html: tệp tĩnh này ghi đè trang content/ke-hoach/_index.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := testkit.Site(t, "engine")
			testkit.WriteFile(t, src, tc.file, "<svg/>")
			_, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "o"), Now: fixedNow})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant %q", err, tc.want)
			}
		})
	}
}

func TestBaseURLWithoutHostWarns(t *testing.T) {
	res := build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: filepath.Join(t.TempDir(), "o"), BaseURL: "/papi/"})
	found := false
	for _, w := range res.Warnings {
		if w.File == "site.yaml" && strings.Contains(w.Msg, "baseURL has no host") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for a baseURL without host: %v", res.Warnings)
	}
}

func TestDestinationSafety(t *testing.T) {
	src := testkit.Site(t, "engine")
	dir := filepath.Dir(src)
	testkit.WriteFile(t, src, "content/ve-papi/tam.md", "---\ntitle: Tạm\n---\n")
	refuse := func(name, dest, frag string) {
		t.Helper()
		before := testkit.Snapshot(t, dir)
		_, err := Build(Options{Source: src, Dest: dest, Now: fixedNow})
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("%s: err = %v, want containing %q", name, err, frag)
		}
		if d := testkit.Diff(before, testkit.Snapshot(t, dir)); len(d) > 0 {
			t.Errorf("%s: refused build changed files:\n%s", name, strings.Join(d, "\n"))
		}
	}
	refuse("dest is source", src, "chính là thư mục nguồn")
	refuse("dest is source with trailing slash", src+"/.", "chính là thư mục nguồn")
	refuse("dest contains source", dir, "chứa thư mục nguồn")
	refuse("dest is root", "/", "chứa thư mục nguồn")
	dotted := filepath.Join(dir, "..nguon")
	testkit.CopyTree(t, testkit.Fixture(t, "engine"), dotted)
	_, err := Build(Options{Source: dotted, Dest: dir, Now: fixedNow})
	if err == nil || !strings.Contains(err.Error(), "chứa thư mục nguồn") {
		t.Errorf("source in a '..x' folder of dest: err = %v", err)
	}
	if err := os.RemoveAll(dotted); err != nil {
		t.Fatal(err)
	}

	refuse("dest inside static/", filepath.Join(src, "static", "public"), "nằm trong static/")
	refuse("dest is content/", filepath.Join(src, "content"), "nằm trong content/")
	foreign := filepath.Join(dir, "cua-ai-do")
	testkit.WriteFile(t, foreign, "bao-cao.docx", "quan trọng")
	refuse("non-empty dest without manifest", foreign, "không do portal tạo ra")

	// An empty folder is fine, and so is building again over our output.
	empty := filepath.Join(dir, "trong")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	build(t, Options{Source: src, Dest: empty})
	first := testkit.ReadTree(t, empty)
	if _, ok := first[output.ManifestName]; !ok {
		t.Fatal("no manifest written")
	}
	build(t, Options{Source: src, Dest: empty})
	if d := testkit.Diff(first, testkit.ReadTree(t, empty)); len(d) > 0 {
		t.Errorf("second build differs:\n%s", strings.Join(d, "\n"))
	}
	// Removing a page removes its output on the next build.
	if _, ok := first["ve-papi/tam/index.html"]; !ok {
		t.Fatal("ve-papi/tam not built")
	}
	if err := os.Remove(filepath.Join(src, "content/ve-papi/tam.md")); err != nil {
		t.Fatal(err)
	}
	build(t, Options{Source: src, Dest: empty})
	if _, err := os.Stat(filepath.Join(empty, "ve-papi/tam/index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale page kept: %v", err)
	}

	// A file someone added to our output is not ours to delete.
	testkit.WriteFile(t, empty, "ghi-chu.txt", "của tôi")
	refuse("foreign file in previous output", empty, "ghi-chu.txt")
	// The destination is checked beside the build: its refusal still
	// comes first when the content has mistakes too.
	testkit.WriteFile(t, src, "content/ve-papi/hong.md", "---\ntitle: [hỏng\n---\n")
	refuse("foreign file and a broken page", empty, "ghi-chu.txt")
	if err := os.Remove(filepath.Join(src, "content/ve-papi/hong.md")); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFile(t, empty, "ve-papi/them/x.txt", "của tôi")
	refuse("foreign folder in previous output", empty, "ve-papi/them")
	if err := os.Remove(filepath.Join(empty, "ghi-chu.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(empty, "ve-papi/them")); err != nil {
		t.Fatal(err)
	}
	// A manifest that lists a file does not make the folder ours when the
	// file is not there but others are: removing the manifest is refused.
	if err := os.Remove(filepath.Join(empty, output.ManifestName)); err != nil {
		t.Fatal(err)
	}
	refuse("previous output without manifest", empty, "không do portal tạo ra")
}

func TestDestinationIsAFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	testkit.WriteFile(t, dir, "public", "tệp")
	_, err := Build(Options{Source: testkit.Fixture(t, "engine"), Dest: dest, Now: fixedNow})
	if err == nil {
		t.Fatal("built over a file")
	}
	if b, _ := os.ReadFile(dest); string(b) != "tệp" {
		t.Errorf("file replaced: %q", b)
	}
}

func BenchmarkBuildFixture(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Build(Options{Source: testkit.Fixture(b, "engine"), Dest: filepath.Join(dir, "out"), Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// The offline copy is read from file://: every local URL of every page
// must be relative and lead to a file of the copy, "index.html" included.
func TestOfflineLinks(t *testing.T) {
	for _, base := range []string{"", "https://example.org/papi/"} {
		dest := filepath.Join(t.TempDir(), "out")
		build(t, Options{Source: testkit.Fixture(t, "engine"), Dest: dest, BaseURL: base, Offline: true})
		tree := testkit.ReadTree(t, dest)
		checked := 0
		for _, rel := range tree.Paths() {
			if !strings.HasSuffix(rel, ".html") {
				continue
			}
			for _, u := range urlAttrs(tree[rel]) {
				if strings.Contains(u, "://") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "mailto:") {
					continue
				}
				checked++
				if strings.HasPrefix(u, "/") {
					t.Errorf("base %q %s: %q is root-relative, unusable from file://", base, rel, u)
					continue
				}
				p := strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]
				target := filepath.ToSlash(filepath.Join(filepath.Dir(rel), p))
				if strings.HasSuffix(p, "/") || p == "" || p == "." {
					t.Errorf("base %q %s: %q names a folder; file:// shows a listing, not its index.html", base, rel, u)
					continue
				}
				if _, ok := tree[target]; !ok {
					t.Errorf("base %q %s: %q leads to no file (%s)", base, rel, u, target)
				}
			}
		}
		if checked < 30 {
			t.Errorf("only %d URLs checked", checked)
		}
		zipPath := filepath.Join(filepath.Dir(dest), output.OfflineZipName)
		if st, err := os.Stat(zipPath); err != nil || st.Size() == 0 {
			t.Errorf("offline zip: %v", err)
		}
	}
}

// checkLocalURLs checks every URL attribute of every HTML file in tree:
// under base (or absolute, or an anchor) and leading to a file of the
// build; with base "" (offline) URLs must be relative file paths.
func checkLocalURLs(t *testing.T, tree testkit.Tree, base string) int {
	t.Helper()
	checked := 0
	for _, rel := range tree.Paths() {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		for _, u := range urlAttrs(tree[rel]) {
			if strings.Contains(u, "://") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "mailto:") || strings.HasPrefix(u, "tel:") || strings.HasPrefix(u, "data:") {
				continue
			}
			checked++
			p := strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]
			var target string
			if base == "" {
				if strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || p == "" {
					t.Errorf("%s: %q does not work from file://", rel, u)
					continue
				}
				target = filepath.ToSlash(filepath.Join(filepath.Dir(rel), p))
			} else {
				if !strings.HasPrefix(p, base) {
					t.Errorf("%s: %q is not under %s", rel, u, base)
					continue
				}
				target = strings.TrimPrefix(p, base)
				if target == "" || strings.HasSuffix(target, "/") {
					target += "index.html"
				}
			}
			if _, ok := tree[target]; !ok {
				t.Errorf("%s: %q leads to no file (%s)", rel, u, target)
			}
		}
	}
	return checked
}

// The portal itself (the repository's site) must work under a sub-path
// and as an offline copy, whatever its layouts do with URLs.
func TestPortalSubPathAndOffline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole portal")
	}
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Skip("no portal site in the repository")
	}
	dir := t.TempDir()
	online, offline := filepath.Join(dir, "online"), filepath.Join(dir, "offline")
	for _, o := range []Options{
		{Source: root, Dest: online, BaseURL: "https://example.org/papi/", Now: time.Now()},
		{Source: root, Dest: offline, BaseURL: "https://example.org/papi/", Now: time.Now(), Offline: true},
	} {
		if _, err := Build(o); err != nil {
			t.Fatalf("portal build (offline %v): %v", o.Offline, err)
		}
	}
	if n := checkLocalURLs(t, testkit.ReadTree(t, online), "/papi/"); n < 500 {
		t.Errorf("only %d URLs checked online", n)
	}
	if n := checkLocalURLs(t, testkit.ReadTree(t, offline), ""); n < 500 {
		t.Errorf("only %d URLs checked offline", n)
	}
}

// A destination that links to a folder elsewhere (public -> /var/www/papi)
// publishes into that folder and stays a link; nothing outside it is lost.
func TestDestinationIsASymlink(t *testing.T) {
	src := testkit.Site(t, "engine")
	dir := filepath.Dir(src)
	www := filepath.Join(dir, "www", "papi")
	if err := os.MkdirAll(www, 0o755); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFile(t, dir, "www/khac/giu.txt", "của trang khác")
	link := filepath.Join(src, "public")
	if err := os.Symlink(www, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		build(t, Options{Source: src, Dest: link})
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("public is no longer a symlink: %v", err)
		}
		if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
			t.Errorf("site not published into the link's target: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "www/khac/giu.txt")); err != nil {
			t.Errorf("file beside the target removed: %v", err)
		}
	}
	// A link to nowhere is an error naming it, not a site built elsewhere.
	broken := filepath.Join(dir, "broken")
	if err := os.Symlink(filepath.Join(dir, "khong-co"), broken); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Source: src, Dest: broken, Now: fixedNow}); err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("broken symlink dest: err = %v", err)
	}
}

// "portal build --offline --dest ." from inside the output folder: the
// zip's path is fixed before the swap replaces the working directory.
func TestOfflineDestIsWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	src, _ := filepath.Abs(testkit.Fixture(t, "engine"))
	out := filepath.Join(dir, "ban-sao")
	build(t, Options{Source: src, Dest: out, Offline: true})
	t.Chdir(out)
	if _, err := Build(Options{Source: src, Dest: ".", Offline: true, Now: fixedNow}); err != nil {
		t.Fatalf("rebuild from inside the output: %v", err)
	}
	zr, err := zip.OpenReader(filepath.Join(dir, output.OfflineZipName))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) == 0 || !strings.HasPrefix(zr.File[0].Name, "ban-sao/") {
		t.Errorf("zip entries start %q, want ban-sao/…", zr.File[0].Name)
	}
}

// A Markdown link to an id the base layout writes on every page (the
// skip link's <main id>) is not a missing anchor; a made-up one still is.
func TestAnchorToBaseLayoutID(t *testing.T) {
	src := testkit.Site(t, "engine")
	dir := filepath.Dir(src)
	b, err := os.ReadFile(filepath.Join(src, "layouts/_default/baseof.html"))
	if err != nil {
		t.Fatal(err)
	}
	testkit.WriteFile(t, src, "layouts/_default/baseof.html", strings.Replace(string(b), "<body>", `<body><div id="dau-trang"></div>`, 1))
	testkit.WriteFile(t, src, "content/ve-papi/neo.md", "---\ntitle: Neo\n---\n[Lên đầu](#dau-trang)\n")
	build(t, Options{Source: src, Dest: filepath.Join(dir, "out")})
	testkit.WriteFile(t, src, "content/ve-papi/neo.md", "---\ntitle: Neo\n---\n[Lên đầu](#khong-co)\n")
	if _, err := Build(Options{Source: src, Dest: filepath.Join(dir, "out"), Now: fixedNow}); err == nil || !strings.Contains(err.Error(), "missing heading anchor") {
		t.Errorf("made-up anchor: err = %v", err)
	}
}

// A layout that reaches a page's plain text without naming it (.Body,
// jsonify) sees the same thing in every build: the text the search index
// takes is dropped before pages render, not while they do.
func TestPlainTextDroppedBeforeRendering(t *testing.T) {
	src := testkit.Site(t, "engine")
	testkit.WriteFile(t, src, "layouts/_default/single.html", "{{ define \"main\" }}<pre>{{ jsonify .Body }}</pre>{{ end }}\n")
	var first testkit.Tree
	for i := range 6 {
		dest := filepath.Join(t.TempDir(), "public")
		build(t, Options{Source: src, Dest: dest})
		got := testkit.ReadTree(t, dest)
		if i == 0 {
			first = got
			continue
		}
		for name, data := range first {
			if got[name] != data {
				t.Fatalf("build %d: %s differs from the first build's", i+1, name)
			}
		}
	}
}

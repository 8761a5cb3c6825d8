// Package portal_test builds the repository's own site, the PAPI Hưng Yên
// portal, and checks what citizens get: every page present and described,
// links that lead somewhere, charts that show the data file's numbers,
// nothing loaded from another host, and pages within the byte budget.
package portal_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"portal/internal/build"
)

const repoRoot = "../.."

type builtSite struct {
	dir   string
	files map[string][]byte
	res   *build.Result
}

var (
	once   sync.Once
	shared *builtSite
	errB   error
)

// site builds the portal once for all tests in this package.
func site(t *testing.T) *builtSite {
	t.Helper()
	once.Do(func() {
		dir, err := os.MkdirTemp("", "portal-site-")
		if err != nil {
			errB = err
			return
		}
		dest := filepath.Join(dir, "public")
		res, err := build.Build(build.Options{Source: repoRoot, Dest: dest})
		if err != nil {
			errB = err
			return
		}
		files := map[string][]byte{}
		for _, f := range res.Files {
			b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)))
			if err != nil {
				errB = err
				return
			}
			files[f] = b
		}
		shared = &builtSite{dir: dest, files: files, res: res}
	})
	if errB != nil {
		t.Fatalf("building the portal: %v", errB)
	}
	return shared
}

func parse(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func htmlPages(s *builtSite) []string {
	var out []string
	for f := range s.files {
		if strings.HasSuffix(f, ".html") {
			out = append(out, f)
		}
	}
	return out
}

// isRedirect reports alias pages, which are not pages a citizen reads.
func isRedirect(b []byte) bool { return bytes.Contains(b, []byte(`http-equiv="refresh"`)) }

func TestBuildHasNoWarnings(t *testing.T) {
	s := site(t)
	for _, w := range s.res.Warnings {
		t.Errorf("warning: %s", w.Error())
	}
}

func TestRequiredPagesExist(t *testing.T) {
	s := site(t)
	required := []string{
		"index.html", "404.html",
		"ve-papi/index.html", "ke-hoach-2023/index.html", "chi-so/index.html",
		"chi-so/tham-gia-cua-nguoi-dan-o-cap-co-so/index.html",
		"chi-so/cong-khai-minh-bach-trong-viec-ra-quyet-dinh-o-dia-phuong/index.html",
		"chi-so/trach-nhiem-giai-trinh-voi-nguoi-dan/index.html",
		"chi-so/kiem-soat-tham-nhung-trong-khu-vuc-cong/index.html",
		"chi-so/thu-tuc-hanh-chinh-cong/index.html",
		"chi-so/cung-ung-dich-vu-cong/index.html",
		"chi-so/quan-tri-moi-truong/index.html",
		"chi-so/quan-tri-dien-tu/index.html",
		"trach-nhiem/index.html", "tham-gia/index.html", "ket-qua/index.html", "van-ban/index.html",
		"hoi-dap/index.html", "thuat-ngu/index.html", "lien-he/index.html", "so-do-trang/index.html",
		"tro-nang/index.html", "tim-kiem/index.html",
		"sitemap.xml", "robots.txt", "index.xml",
	}
	for _, r := range required {
		if _, ok := s.files[r]; !ok {
			t.Errorf("missing %s", r)
		}
	}
}

func TestEveryPageHasTitleDescriptionLangAndOneH1(t *testing.T) {
	s := site(t)
	described := 0
	for _, f := range htmlPages(s) {
		b := s.files[f]
		if isRedirect(b) {
			continue
		}
		doc := parse(t, b)
		var title, desc, lang string
		h1 := 0
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch n.Data {
			case "html":
				lang, _ = attr(n, "lang")
			case "title":
				title = text(n)
			case "meta":
				if name, _ := attr(n, "name"); name == "description" {
					desc, _ = attr(n, "content")
				}
			case "h1":
				h1++
			}
		})
		if title == "" {
			t.Errorf("%s: no <title>", f)
		}
		if lang == "" || (!strings.HasPrefix(f, "en/") && lang != "vi") {
			t.Errorf("%s: lang=%q", f, lang)
		}
		if h1 != 1 {
			t.Errorf("%s: %d <h1> elements, want 1", f, h1)
		}
		if strings.TrimSpace(desc) == "" {
			t.Errorf("%s: no meta description", f)
		} else if !strings.HasPrefix(f, "tags/") && !strings.HasPrefix(f, "en/") {
			described++
		}
	}
	if described < 25 {
		t.Errorf("only %d described Vietnamese pages, want at least 25", described)
	}
}

// resolve maps a link found on page f to the output file it names.
func resolve(f, ref, basePath string) (string, string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		return "", "", false
	}
	p := u.Path
	if p == "" {
		return f, u.Fragment, true
	}
	if !strings.HasPrefix(p, "/") {
		p = path.Join("/"+path.Dir(f), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	}
	p = strings.TrimPrefix(p, basePath)
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p, u.Fragment, true
}

func ids(doc *html.Node) map[string]bool {
	m := map[string]bool{}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id, ok := attr(n, "id"); ok {
				m[id] = true
			}
		}
	})
	return m
}

func TestEveryInternalLinkResolves(t *testing.T) {
	s := site(t)
	idCache := map[string]map[string]bool{}
	for _, f := range htmlPages(s) {
		doc := parse(t, s.files[f])
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for _, key := range []string{"href", "src", "action"} {
				ref, ok := attr(n, key)
				if !ok {
					continue
				}
				if n.Data == "link" && key == "href" {
					if rel, _ := attr(n, "rel"); rel == "canonical" || rel == "alternate" {
						continue // absolute URLs on the production host
					}
				}
				target, frag, internal := resolve(f, ref, "/")
				if !internal {
					continue
				}
				b, ok := s.files[target]
				if !ok {
					t.Errorf("%s: %s=%q leads to %s, which was not built", f, key, ref, target)
					continue
				}
				if frag != "" && strings.HasSuffix(target, ".html") {
					if idCache[target] == nil {
						idCache[target] = ids(parse(t, b))
					}
					if !idCache[target][frag] {
						t.Errorf("%s: %s=%q: no id %q in %s", f, key, ref, frag, target)
					}
				}
			}
		})
	}
}

func TestNothingLoadsFromAnotherHost(t *testing.T) {
	s := site(t)
	loads := map[string]string{"script": "src", "img": "src", "iframe": "src", "video": "src", "audio": "src", "source": "src", "embed": "src", "object": "data"}
	for f, b := range s.files {
		switch {
		case strings.HasSuffix(f, ".html"):
			doc := parse(t, b)
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				check := func(v string) {
					if strings.Contains(v, "://") || strings.HasPrefix(v, "//") {
						t.Errorf("%s: <%s> loads %q from another host", f, n.Data, v)
					}
				}
				if a, ok := loads[n.Data]; ok {
					if v, ok := attr(n, a); ok {
						check(v)
					}
				}
				if n.Data == "link" {
					rel, _ := attr(n, "rel")
					if rel == "stylesheet" || rel == "icon" || rel == "preload" || rel == "modulepreload" || rel == "manifest" {
						v, _ := attr(n, "href")
						check(v)
					}
				}
				if st, ok := attr(n, "style"); ok && strings.Contains(st, "url(") {
					check(st)
				}
			})
		case strings.HasSuffix(f, ".css"):
			if bytes.Contains(b, []byte("@import")) || bytes.Contains(b, []byte("://")) {
				t.Errorf("%s: the stylesheet refers to another host or imports", f)
			}
		case strings.HasSuffix(f, ".js"):
			for _, bad := range []string{"http://", "https://"} {
				if bytes.Contains(b, []byte(bad)) {
					t.Errorf("%s: script mentions %s", f, bad)
				}
			}
		}
	}
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func TestByteBudget(t *testing.T) {
	s := site(t)
	const pageBudget = 50 * 1024
	for f, b := range s.files {
		if strings.HasSuffix(f, ".css") && len(b) > 15*1024 {
			t.Errorf("%s: %d bytes minified, budget 15 KB", f, len(b))
		}
	}
	for _, f := range htmlPages(s) {
		total := gz(s.files[f])
		doc := parse(t, s.files[f])
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			var ref string
			switch {
			case n.Data == "link":
				if rel, _ := attr(n, "rel"); rel == "stylesheet" {
					ref, _ = attr(n, "href")
				}
			case n.Data == "script":
				ref, _ = attr(n, "src")
			}
			if ref == "" {
				return
			}
			target, _, ok := resolve(f, ref, "/")
			if ok {
				total += gz(s.files[target])
			}
		})
		if total > pageBudget {
			t.Errorf("%s: %d bytes gzip (HTML+CSS+JS), budget %d", f, total, pageBudget)
		}
	}
}

// TestChartsShowTheDataFile checks that every dimension page and the
// results pages carry the numbers of data/hung-yen-papi-scores.csv, in
// Vietnamese format.
func TestChartsShowTheDataFile(t *testing.T) {
	s := site(t)
	raw, err := os.ReadFile(filepath.Join(repoRoot, "data", "hung-yen-papi-scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	vn := func(v string) string {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("bad number %q", v)
		}
		return strings.Replace(fmt.Sprintf("%.2f", f), ".", ",", 1)
	}
	pages := map[string]string{
		"d1_participation":      "chi-so/tham-gia-cua-nguoi-dan-o-cap-co-so/index.html",
		"d2_transparency":       "chi-so/cong-khai-minh-bach-trong-viec-ra-quyet-dinh-o-dia-phuong/index.html",
		"d3_accountability":     "chi-so/trach-nhiem-giai-trinh-voi-nguoi-dan/index.html",
		"d4_corruption_control": "chi-so/kiem-soat-tham-nhung-trong-khu-vuc-cong/index.html",
		"d5_admin_procedures":   "chi-so/thu-tuc-hanh-chinh-cong/index.html",
		"d6_public_services":    "chi-so/cung-ung-dich-vu-cong/index.html",
		"d7_environment":        "chi-so/quan-tri-moi-truong/index.html",
		"d8_e_governance":       "chi-so/quan-tri-dien-tu/index.html",
	}
	for column, page := range pages {
		body := string(s.files[page])
		if !strings.Contains(body, "<svg") || !strings.Contains(body, "<table") {
			t.Errorf("%s: no chart with a data table", page)
		}
		for _, r := range rows[1:] {
			if want := vn(r[col[column]]); !strings.Contains(body, want) {
				t.Errorf("%s: %s %s = %s not shown", page, column, r[0], want)
			}
		}
	}
	var results strings.Builder
	for f, b := range s.files {
		if strings.HasPrefix(f, "ket-qua/") && strings.HasSuffix(f, ".html") {
			results.Write(b)
		}
	}
	for _, r := range rows[1:] {
		if want := vn(r[col["total"]]); !strings.Contains(results.String(), want) {
			t.Errorf("results pages: total %s = %s not shown", r[0], want)
		}
	}
	last := rows[len(rows)-1]
	for column := range pages {
		if want := vn(last[col[column]]); !strings.Contains(results.String(), want) {
			t.Errorf("results pages: %s %s = %s not shown", column, last[0], want)
		}
	}
}

// WCAG 3.1.2: words in the other language are marked with lang, so a
// screen reader switches voice: the dimensions' official names, the
// Vietnamese name of PAPI on English pages and the name of the
// Government's feedback system on the English contact page.
func TestOtherLanguageTextIsMarked(t *testing.T) {
	s := site(t)
	for _, c := range []struct{ page, lang, text string }{
		{"chi-so/cung-ung-dich-vu-cong/index.html", "en", "Public service delivery"},
		{"en/chi-so/cung-ung-dich-vu-cong/index.html", "vi", "Cung ứng dịch vụ công"},
		{"en/ve-papi/index.html", "vi", "Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh"},
		{"en/lien-he/index.html", "vi", "Hệ thống phản ánh, kiến nghị"},
		{"chi-so/quan-tri-dien-tu/index.html", "en", "E-governance"},
	} {
		b, ok := s.files[c.page]
		if !ok {
			t.Errorf("%s not built", c.page)
			continue
		}
		found := false
		walk(parse(t, b), func(n *html.Node) {
			if l, ok := attr(n, "lang"); ok && l == c.lang && strings.TrimSpace(text(n)) == c.text {
				found = true
			}
		})
		if !found {
			t.Errorf("%s: %q is not inside an element with lang=%q", c.page, c.text, c.lang)
		}
	}
}

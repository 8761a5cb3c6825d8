package hostile

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"portal/internal/build"
	"portal/internal/testkit"
)

// The xss case holds what an attacker (or a careless paste) puts in a page:
// raw HTML with scripts and event handlers, script URLs in every kind of
// link and image, and front matter values that try to break out of the
// layout's attributes. Markers alert(1)…alert(41) number the attempts.
const xssCase = "xss"

// buildXSS builds the base site with the hostile page, with the default
// settings (raw HTML off, minified), and returns the output folder.
func buildXSS(t testing.TB, siteYAML string) string {
	t.Helper()
	src, dest := testkit.Site(t, "small", filepath.Join("testdata/cases", xssCase)), filepath.Join(t.TempDir(), "public")
	if siteYAML != "" {
		testkit.WriteFile(t, src, "site.yaml", []byte(siteYAML))
	}
	if _, err := buildSite(src, dest, true); err != nil {
		t.Fatalf("hostile site does not build: %v", err)
	}
	return dest
}

// urlAttrs are the attributes whose value a browser may load or navigate
// to, in HTML and in SVG.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true,
	"data": true, "background": true, "cite": true, "srcset": true, "ping": true,
	"xlink:href": true, "lowsrc": true, "dynsrc": true, "manifest": true,
	// SVG animation can set an href to a script URL.
	"to": true, "from": true, "values": true,
}

// scriptScheme reports a URL that runs code or embeds a document.
// Browsers drop ASCII whitespace and control characters and ignore case in
// a scheme; so does this.
func scriptScheme(v string, img bool) bool {
	var b strings.Builder
	for _, r := range v {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.ToLower(b.String())
	if img && strings.HasPrefix(s, "data:image/") {
		return false // an image, never run as a document
	}
	for _, p := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(s, p) || strings.Contains(s, ","+p) {
			return true
		}
	}
	return false
}

// sameSite reports a script src that loads one of the site's own files.
func sameSite(src string) bool {
	return src != "" && !strings.HasPrefix(src, "//") && !strings.Contains(src, ":") && !strings.Contains(src, "\\")
}

// executable lists everything in an HTML document that could run script in
// a reader's browser: event handler attributes, script elements other than
// same-site files and JSON-LD data, script URLs, frames and plugins, and
// CSS that loads script.
func executable(doc *html.Node) []string {
	var found []string
	add := func(n *html.Node, format string, args ...any) {
		found = append(found, fmt.Sprintf("<%s> ", n.Data)+fmt.Sprintf(format, args...))
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			img := n.DataAtom == atom.Img || n.DataAtom == atom.Source
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch {
				case strings.HasPrefix(strings.ToLower(a.Key), "on"):
					add(n, "event handler %s=%q", a.Key, a.Val)
				case urlAttrs[key] || urlAttrs[strings.ToLower(a.Key)]:
					if scriptScheme(a.Val, img) {
						add(n, "script URL %s=%q", a.Key, a.Val)
					}
				case key == "style":
					if l := strings.ToLower(a.Val); strings.Contains(l, "javascript:") || strings.Contains(l, "expression(") {
						add(n, "script in style=%q", a.Val)
					}
				case key == "content" && n.DataAtom == atom.Meta:
					if _, u, ok := strings.Cut(strings.ToLower(a.Val), "url="); ok && scriptScheme(u, false) {
						add(n, "meta refresh to a script URL %q", a.Val)
					}
				}
			}
			switch strings.ToLower(n.Data) {
			case "script":
				src, typ := attr(n, "src"), strings.ToLower(attr(n, "type"))
				text := textOf(n)
				switch {
				case typ == "application/ld+json":
					if !json.Valid([]byte(text)) {
						add(n, "JSON-LD that is not JSON (broken out of?): %q", text)
					}
				case src != "" && sameSite(src) && strings.TrimSpace(text) == "":
					// the site's own script file
				default:
					add(n, "script src=%q type=%q %q", src, typ, text)
				}
			case "iframe", "frame", "frameset", "object", "embed", "applet", "base", "foreignobject", "portal":
				add(n, "element that embeds or redirects")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// scanSite checks every HTML page of the output, and the HTML inside every
// feed item, and returns what could run, by file.
func scanSite(t testing.TB, dest string) (found []string, pages int) {
	t.Helper()
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var docs []string
		switch filepath.Ext(p) {
		case ".html":
			docs = []string{string(b)}
		case ".xml":
			docs = feedHTML(t, rel, b)
		default:
			return nil
		}
		for _, d := range docs {
			doc, err := html.Parse(strings.NewReader(d))
			if err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			pages++
			for _, f := range executable(doc) {
				found = append(found, filepath.ToSlash(rel)+": "+f)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found, pages
}

// feedHTML returns the HTML that an RSS reader would render: each item's
// description.
func feedHTML(t testing.TB, rel string, b []byte) []string {
	var rss struct {
		Items []struct {
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(b, &rss); err != nil {
		return nil // the sitemap: URLs only, checked elsewhere
	}
	var out []string
	for _, it := range rss.Items {
		out = append(out, it.Description)
	}
	return out
}

// Under the default settings nothing an editor or attacker writes in a page
// can run in the reader's browser: every page and feed is parsed and
// searched for anything executable.
func TestNoInjectedScript(t *testing.T) {
	dest := buildXSS(t, "")
	found, pages := scanSite(t, dest)
	if pages < 10 {
		t.Fatalf("scanned only %d documents", pages)
	}
	for _, f := range found {
		t.Error(f)
	}
	// The attempts are there, as text a reader can see, not lost.
	p := testkit.ReadFile(t, dest, "tin-tuc/xss/index.html")
	doc, err := html.Parse(strings.NewReader(p))
	if err != nil {
		t.Fatal(err)
	}
	h1 := find(doc, atom.H1)
	if h1 == nil || allText(h1) != `"><script>alert(1)</script><img src=x onerror=alert(2)>` {
		t.Errorf("h1 does not show the title as text: %q", allText(h1))
	}
	body := allText(find(doc, atom.Main))
	for _, s := range []string{"<script>alert(10)</script>", `<img src="x" onerror="alert(11)">`, `<svg onload="alert(13)">`, "<script>alert(36)</script>", "<img src=x onerror=alert(37)>"} {
		if !strings.Contains(body, s) {
			t.Errorf("raw HTML %q is not shown as text", s)
		}
	}
	// Script links keep their words, lose their target.
	if !strings.Contains(body, "một hai ba") {
		t.Error("text of neutralised links lost")
	}
	// A bundle's SVG (one with a script is refused: the bundle-script
	// case) is published as a file and shown through <img>, never inlined.
	if _, err := os.Stat(filepath.Join(dest, "tin-tuc/bai-anh/hinh.svg")); err != nil {
		t.Errorf("the bundle's SVG is not published: %v", err)
	}
	bundle := testkit.ReadFile(t, dest, "tin-tuc/bai-anh/index.html")
	if strings.Contains(bundle, "<svg") {
		t.Error("the bundle's SVG was inlined into its page")
	}
	mustContain(t, bundle, `<img src="/tin-tuc/bai-anh/hinh.svg" alt="Hình SVG"`, "SVG shown through <img>")
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

func allText(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(allText(c))
	}
	return b.String()
}

// The scan is not blind: with raw HTML allowed (a setting for trusted
// sites only) the same page is full of script, and the scan says so.
func TestScanFindsScriptWhenUnsafe(t *testing.T) {
	base := testkit.ReadFile(t, testkit.Fixture(t, "small"), "site.yaml")
	dest := buildXSS(t, base+"markup:\n  unsafeHTML: true\n")
	found, _ := scanSite(t, dest)
	joined := strings.Join(found, "\n")
	for _, s := range []string{"alert(10)", "onerror", "onload", "<iframe>", "ontoggle"} {
		if !strings.Contains(joined, s) {
			t.Errorf("scan missed %q in the unsafe build; found:\n%s", s, joined)
		}
	}
}

// The checker itself, on small documents: each must be flagged.
func TestExecutableDetector(t *testing.T) {
	bad := []string{
		`<a href=" JaVa&#x09;Script:alert(1)">x</a>`,
		`<img src=x onerror=alert(1)>`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
		`<svg><script>alert(1)</script></svg>`,
		`<script>alert(1)</script>`,
		`<script src="//evil.example/x.js"></script>`,
		`<script type="application/ld+json">{"a":"</script><script>alert(1)</script>`,
		`<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`,
		`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
		`<div style="background:url(javascript:alert(1))">`,
		`<form><button formaction="javascript:alert(1)">x</button></form>`,
		`<img src="data:text/html,<script>alert(1)</script>">`,
		`<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>`,
	}
	for _, s := range bad {
		doc, err := html.Parse(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		if len(executable(doc)) == 0 {
			t.Errorf("not flagged: %s", s)
		}
	}
	good := `<script src="/js/site.js" defer></script><script type="application/ld+json">{"a":"<\/script>"}</script>` +
		`<a href="/tin-tuc/">x</a><img src="data:image/png;base64,AAAA" alt=""><p title="javascript: a word">x</p>`
	doc, _ := html.Parse(strings.NewReader(good))
	if f := executable(doc); len(f) > 0 {
		t.Errorf("harmless document flagged: %v", f)
	}
}

// The markup case is a page that uses every construct the portal's
// goldmark enables (heading attributes, footnotes with odd labels,
// definition lists, tables, autolinks, reference links, entities) with
// script in each, shortcodes wherever one can stand or only seem to, and
// text that imitates the tokens the engine once used (pxsc0x) or uses
// (html/template's ZgotmplZ, the partial stream's name); its front matter
// holds what breaks out of a script element, a comment or CDATA, and the
// line separators JSON allows and JavaScript once did not.
const markupCase = "testdata/cases/markup"

// markupTitle is the page's title as its front matter gives it.
const markupTitle = "Trang thử </script><script>alert(201)</script> <!-- ]]> {{ .Title }} \u2028\u2029 x"

// buildMarkup builds the markup page into the test kit's small site, or
// into the portal's own sources (their layouts, search and JSON-LD), and
// returns the output folder.
func buildMarkup(t testing.TB, portal, offline bool) string {
	t.Helper()
	var src string
	var now time.Time // the fixed day of the hostile cases
	if portal {
		now = time.Now() // the portal's pages are dated as they are published
		src = testkit.Portal(t)
		testkit.CopyTree(t, markupCase, src)
	} else {
		src = testkit.Site(t, "small", markupCase)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := buildWith(build.Options{Source: src, Dest: dest, Offline: offline, Now: now}); err != nil {
		t.Fatalf("the markup page does not build: %v", err)
	}
	return dest
}

// markdownMakes is every element and attribute the page's Markdown and its
// shortcodes may produce; anything else in the page's body came from the
// page.
var markdownMakes = map[string]bool{
	"p": true, "h2": true, "a": true, "img": true, "em": true, "strong": true, "code": true, "pre": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "table": true, "thead": true,
	"tbody": true, "tr": true, "th": true, "td": true, "sup": true, "div": true, "hr": true, "br": true,
	"aside": true, "span": true, "del": true,
	"@id": true, "@class": true, "@href": true, "@src": true, "@alt": true, "@title": true, "@loading": true,
	"@decoding": true, "@width": true, "@height": true, "@role": true, "@data-so": true,
}

// pageMarkup lists what in the body from node n on (n, its following
// siblings and all they hold) Markdown does not make: other elements or
// attributes, ids and classes that are not plain tokens, links that are
// neither the site's own, web nor e-mail addresses.
func pageMarkup(n *html.Node) []string {
	var found []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !markdownMakes[n.Data] {
				found = append(found, "element <"+n.Data+">")
			}
			for _, a := range n.Attr {
				switch {
				case !markdownMakes["@"+a.Key]:
					found = append(found, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
				case a.Key == "id" && !plainTokens(a.Val), a.Key == "class" && !plainTokens(a.Val):
					found = append(found, fmt.Sprintf("<%s %s=%q>: not a plain token", n.Data, a.Key, a.Val))
				case a.Key == "href" || a.Key == "src":
					if u := a.Val; !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "https://") &&
						!strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "mailto:") {
						found = append(found, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for ; n != nil; n = n.NextSibling {
		walk(n)
	}
	return found
}

func plainTokens(v string) bool {
	for _, f := range strings.Fields(v) {
		for _, r := range f {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_.:", r)) {
				return false
			}
		}
	}
	return strings.TrimSpace(v) != ""
}

// findText returns the first element whose own text starts with prefix.
func findText(n *html.Node, prefix string) *html.Node {
	if n.Type == html.ElementNode && n.FirstChild != nil && n.FirstChild.Type == html.TextNode && strings.HasPrefix(n.FirstChild.Data, prefix) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findText(c, prefix); f != nil {
			return f
		}
	}
	return nil
}

// walkAll calls f on every element of n.
func walkAll(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkAll(c, f)
	}
}

// The page is data: built into the small site and into the portal, no
// page or feed holds anything that runs; the body holds only what Markdown
// makes; the text that imitates tokens, the code that holds shortcodes and
// the title (in <h1> and in JSON-LD, which parses) come out as written.
func TestMarkupPageIsData(t *testing.T) {
	for _, portal := range []bool{false, true} {
		t.Run(fmt.Sprintf("portal=%v", portal), func(t *testing.T) {
			dest := buildMarkup(t, portal, false)
			found, _ := scanSite(t, dest)
			for _, f := range found {
				t.Error(f)
			}
			doc, err := html.Parse(strings.NewReader(testkit.ReadFile(t, dest, "tin-tuc/markup/index.html")))
			if err != nil {
				t.Fatal(err)
			}
			first := findText(doc, "MỞ-ĐẦU")
			if first == nil {
				t.Fatal("the page's first paragraph is not in the page")
			}
			for _, f := range pageMarkup(first) {
				t.Errorf("markup from the page: %s", f)
			}
			const opening = "MỞ-ĐẦU pxsc0x pxsc1x pxscq0x _portal_partial_stream ZgotmplZ {{ .Title }} {{% x %}} <script>alert(205)</script> <img src=x onerror=alert(206)> hết."
			if got := allText(first); got != opening {
				t.Errorf("first paragraph\n got %q\nwant %q", got, opening)
			}
			var codes []string
			callouts := 0
			walkAll(doc, func(n *html.Node) {
				switch {
				case n.DataAtom == atom.Code:
					codes = append(codes, allText(n))
				case slices.Contains(strings.Fields(attr(n, "class")), "callout"):
					callouts++
				}
			})
			for _, c := range []string{"{{< callout >}}mã{{< /callout >}}", "pxsc0x", "{{< callout >}}", "a|b",
				"{{< callout >}}rào{{< /callout >}}\n<script>alert(234)</script>\n", "{{< callout >}}thụt lề{{< /callout >}}\n"} {
				if !slices.Contains(codes, c) {
					t.Errorf("code %q is not in the page as written; code: %q", c, codes)
				}
			}
			// In a heading, a footnote, a table cell, and two nested.
			if callouts != 5 {
				t.Errorf("%d callouts, want 5", callouts)
			}
			if h1 := allText(find(doc, atom.H1)); h1 != markupTitle {
				t.Errorf("h1 %q, want the title as written", h1)
			}
			var names []string
			walkAll(doc, func(n *html.Node) {
				if n.DataAtom != atom.Script || attr(n, "type") != "application/ld+json" {
					return
				}
				var v any
				if err := json.Unmarshal([]byte(textOf(n)), &v); err != nil {
					t.Errorf("JSON-LD does not parse: %v", err)
				}
				names = append(names, jsonNames(v)...)
			})
			if !slices.Contains(names, markupTitle) {
				t.Errorf("no JSON-LD name is the title as written; names: %q", names)
			}
		})
	}
}

// jsonNames returns every "name" string in a decoded JSON value.
func jsonNames(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "name" {
				out = append(out, s)
			}
			out = append(out, jsonNames(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, jsonNames(x)...)
		}
	}
	return out
}

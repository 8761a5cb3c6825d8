package markdown

import (
	"errors"
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"portal/internal/diag"
	"portal/internal/textutil"
)

// passResolver accepts every destination as written, so the fuzzer sees
// what the converter alone lets through; "missing" links fail.
type passResolver struct{}

func (passResolver) Link(dest string, _ int) (Link, error) {
	if strings.Contains(dest, "missing") {
		return Link{}, errors.New("broken link")
	}
	return Link{Href: dest}, nil
}

func (passResolver) Image(dest string, _ int) (string, int, int, error) { return dest, 10, 10, nil }

// fuzzShortcode renders a shortcode as a shortcode template would: its
// arguments escaped, its inner Markdown as HTML.
func fuzzShortcode(sc *Shortcode) (string, error) {
	if sc.Name == "loi" {
		return "", errors.New("bad argument")
	}
	return `<span class="sc">` + html.EscapeString(sc.Name+" "+sc.Get(0)+" "+sc.Get("title")) + `</span>` + sc.Inner, nil
}

// scriptIn lists what could run in the reader's browser in an HTML
// fragment: script elements, event handler attributes and script URLs.
func scriptIn(fragment string) []string {
	var found []string
	z := xhtml.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return found
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "object", "embed", "style", "base", "svg", "math":
			found = append(found, "<"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			k := strings.ToLower(a.Key)
			if strings.HasPrefix(k, "on") {
				found = append(found, "<"+tok.Data+" "+a.Key+">")
			}
			if k == "href" || k == "src" {
				if isScriptURL(a.Val) && !(tok.Data == "img" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "data:image/")) {
					found = append(found, "<"+tok.Data+" "+a.Key+"="+a.Val+">")
				}
			}
		}
	}
}

// FuzzConvert runs Markdown with shortcodes through the converter with the
// default settings: it must never panic, its output must be valid UTF-8,
// nothing in it may run as script, heading ids must be unique slugs and
// problems must point at lines of the input.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"## Mục đích\n\nNội dung **đậm** [liên kết](../a.md#b).\n",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n",
		"[a](javascript:alert(1)) [b](&#106;avascript:x) <javascript:alert(1)> [c][r]\n\n[r]: vbscript:x\n",
		"![x](data:text/html,<script>alert(1)</script>) ![y](data:image/png;base64,AA==)\n",
		"{{< callout type=\"note\" title=\"<b>x</b>\" >}}\n**Bên trong** <script>x</script>\n{{< /callout >}}\n",
		"{{< loi >}}\n\n{{< a\n\n`{{< code >}}`\n",
		"## A {#id onclick=\"alert(1)\"}\n## A\n## A\n",
		"## A {#x}\n\n## B {#x}\n\n## x\n",
		"| a | b |\n|---|---|\n| <svg onload=x> | c |\n\n[^1]\n\n[^1]: <iframe>\n",
		"> > > - - - [x](javascript:y)\n",
		"Term\n: <b onmouseover=x>def</b>\n",
		"```html\n<script>alert(1)</script>\n```\n",
		"[x](<java\tscript:alert(1)>) [y](java&#x09;script:z) [z](JAVASCRIPT&colon;alert(1))\n",
	} {
		f.Add([]byte(s))
	}
	conv := New(Options{Typographer: true})
	linked := New(Options{Typographer: true})
	linked.noLinks = linked.md // always with autolinking
	f.Fuzz(func(t *testing.T, raw []byte) {
		src, err := textutil.CleanInput(raw)
		if err != nil {
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		res := conv.Convert(Input{Src: src, FirstLine: 5, Context: Context{Links: passResolver{}, Shortcodes: shortcodeFunc(fuzzShortcode)}})
		out := string(res.HTML)
		if !mayAutolink(src) {
			// goldmark's Linkify keeps the spaces before a hard line
			// break ("0    \n00" → "0 <br>"); a browser shows none.
			sameBreaks := func(s string) string { return strings.ReplaceAll(s, " <br>", "<br>") }
			if full := linked.Convert(Input{Src: src, FirstLine: 5, Context: Context{Links: passResolver{}, Shortcodes: shortcodeFunc(fuzzShortcode)}}); sameBreaks(string(full.HTML)) != sameBreaks(out) {
				t.Fatalf("skipping autolinks changed the output:\n%s\nwith autolinks:\n%s", out, full.HTML)
			}
		}
		if !utf8.ValidString(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		if found := scriptIn(out); len(found) > 0 {
			t.Fatalf("script in output %v:\n%s", found, out)
		}
		seen := map[string]bool{}
		dupReported := false
		for _, p := range res.Problems {
			dupReported = dupReported || strings.Contains(p.Msg, "(duplicate heading id)")
		}
		for _, h := range res.Headings {
			if h.ID == "" {
				continue
			}
			if seen[h.ID] && !dupReported {
				t.Fatalf("heading id %q twice, not reported", h.ID)
			}
			seen[h.ID] = true
		}
		for _, p := range res.Problems {
			if p.Line < 5 || p.Line > 5+lines {
				t.Fatalf("problem at line %d, input has lines 5–%d: %s", p.Line, 4+lines, p.Msg)
			}
		}
	})
}

// Found while writing FuzzConvert's heading property: the same {#id} on two headings gave two elements
// one id, silently; anchors then lead to the first only.
func TestDuplicateHeadingIDReported(t *testing.T) {
	res := New(Options{}).Convert(Input{Src: []byte("## A {#x}\n\nText.\n\n## B {#x}\n\n## x\n"), FirstLine: 4})
	if len(res.Problems) != 1 || res.Problems[0].Line != 8 ||
		res.Problems[0].Msg != "mã đề mục #x đã dùng cho đề mục ở dòng 4; mỗi đề mục cần một mã riêng (duplicate heading id)" {
		t.Fatalf("problems = %+v", res.Problems)
	}
	if got := res.Headings[2].ID; got != "x-1" {
		t.Errorf("automatic id after the explicit ones = %q, want x-1", got)
	}
}

// An image with a script URL is dropped and its description kept as
// text, rather than published as a broken <img src="">.
func TestUnsafeImageKeepsText(t *testing.T) {
	res := New(Options{}).Convert(Input{Src: []byte("Trước ![Bản đồ *xã*](javascript:alert(1)) sau\n")})
	if got, want := string(res.HTML), "<p>Trước Bản đồ <em>xã</em> sau</p>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(res.Problems) != 1 || res.Problems[0].Level != diag.Warning {
		t.Errorf("problems = %+v", res.Problems)
	}
}

// The layouts' own ids (the skip link's target "noi-dung", a banner's
// heading) are not given to headings: one made from the text gets a
// suffix, one written with {#id} is refused at its line.
func TestReservedHeadingIDs(t *testing.T) {
	res := New(Options{}).Convert(Input{Src: []byte("## Nội dung\n\n## Nội dung\n\n## Khác {#tinh-trang}\n"), FirstLine: 5,
		Context: Context{ReservedIDs: map[string]bool{"noi-dung": true, "tinh-trang": true}}})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "noi-dung-1 noi-dung-2 tinh-trang" {
		t.Errorf("ids = %s, want noi-dung-1 noi-dung-2 tinh-trang", got)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 9 || !strings.Contains(res.Problems[0].Msg, "mã đề mục #tinh-trang trùng với một mã mà mẫu trình bày (layouts/) đã dùng") {
		t.Errorf("problems = %+v", res.Problems)
	}
}

package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"portal/internal/diag"
)

// fakeResolver maps ".md" links through a table and refuses the rest of
// the relative links, like the site's resolver does.
type fakeResolver struct {
	pages map[string]string
	lines []string
}

func (r *fakeResolver) Link(dest string, line int) (Link, error) {
	r.lines = append(r.lines, fmt.Sprintf("%d:%s", line, dest))
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "mailto:") {
		return Link{Href: dest}, nil
	}
	path, frag, _ := strings.Cut(dest, "#")
	if u, ok := r.pages[path]; ok {
		if frag != "" {
			u += "#" + frag
		}
		return Link{Href: u, Target: path, Fragment: frag}, nil
	}
	return Link{}, fmt.Errorf("liên kết tới %q: không tìm thấy (broken link)", dest)
}

func (r *fakeResolver) Image(dest string, line int) (string, int, int, error) {
	if dest == "anh.png" {
		return "/papi/anh.png", 640, 480, nil
	}
	if dest == "nang.jpg" {
		return "/papi/nang.jpg", 3024, 4032, &diag.Problem{Level: diag.Warning, Msg: "ảnh nặng (heavy photo)"}
	}
	if strings.Contains(dest, "://") {
		return dest, 0, 0, nil
	}
	return "", 0, 0, fmt.Errorf("ảnh %q không tồn tại", dest)
}

// shortcodeFunc is a Shortcodes of one function, for tests: "note" and
// "callout" take content, as a template using .Inner does.
type shortcodeFunc func(sc *Shortcode) (string, error)

func (f shortcodeFunc) Render(sc *Shortcode) (string, error) { return f(sc) }

func (shortcodeFunc) Encloses(name string) bool { return name == "note" || name == "callout" }

// Has: every name testShortcodes renders exists; "loi" does not.
func (shortcodeFunc) Has(name string) bool {
	return name == "note" || name == "callout" || name == "args"
}

// testShortcodes renders a shortcode as a visible tag that shows what it
// received, and fails for the name "loi".
func testShortcodes(sc *Shortcode) (string, error) {
	switch sc.Name {
	case "loi":
		return "", errors.New("mã ngắn \"loi\" không tồn tại (unknown shortcode)")
	case "note":
		return fmt.Sprintf(`<aside class="%s">%s</aside>`, sc.Get("type"), sc.Inner), nil
	case "args":
		return fmt.Sprintf("[args 0=%q 1=%q 2=%q k=%q inline=%v paired=%v line=%d]", sc.Get(0), sc.Get(1), sc.Get(2), sc.Get("k"), sc.Inline, sc.Paired, sc.Line), nil
	}
	return "", fmt.Errorf("mã ngắn %q không tồn tại (unknown shortcode)", sc.Name)
}

func convert(t *testing.T, opts Options, src string) Result {
	t.Helper()
	return New(opts).Convert(Input{Src: []byte(src), FirstLine: 1, Context: Context{Links: &fakeResolver{pages: map[string]string{"ke-hoach.md": "/papi/ke-hoach/"}}, Shortcodes: shortcodeFunc(testShortcodes)}})
}

func problems(r Result) string {
	var b strings.Builder
	for _, p := range r.Problems {
		kind := p.Level.String()
		fmt.Fprintf(&b, "%d %s: %s\n", p.Line, kind, p.Msg)
	}
	return b.String()
}

func TestHeadingIDs(t *testing.T) {
	r := convert(t, Options{}, "# Mục đích, yêu cầu\n\n## Mục đích, yêu cầu\n\n## Mục đích, yêu cầu\n\n### Nghị định 42/2022/NĐ-CP\n\n## Khác {#rieng .lop}\n\n## Đường **dẫn** [liên kết](https://example.org/x) `mã`\n\n## !!!\n\n## ĐỒNG\n")
	want := []Heading{
		{1, "Mục đích, yêu cầu", "muc-dich-yeu-cau"},
		{2, "Mục đích, yêu cầu", "muc-dich-yeu-cau-1"},
		{2, "Mục đích, yêu cầu", "muc-dich-yeu-cau-2"},
		{3, "Nghị định 42/2022/NĐ-CP", "nghi-dinh-42-2022-nd-cp"},
		{2, "Khác", "rieng"},
		{2, "Đường dẫn liên kết mã", "duong-dan-lien-ket-ma"},
		{2, "!!!", "muc"},
		{2, "ĐỒNG", "dong"},
	}
	if fmt.Sprint(r.Headings) != fmt.Sprint(want) {
		t.Errorf("headings:\n got %v\nwant %v", r.Headings, want)
	}
	for _, frag := range []string{`<h1 id="muc-dich-yeu-cau">`, `<h2 id="muc-dich-yeu-cau-1">`, `<h2 id="rieng" class="lop">Khác</h2>`} {
		if !strings.Contains(string(r.HTML), frag) {
			t.Errorf("HTML lacks %s:\n%s", frag, r.HTML)
		}
	}
}

func TestExtensions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"table", "| Cột | Giá trị |\n|-----|--------:|\n| a | 44,23 |\n", []string{"<table>", "<th>Cột</th>", `<td class="align-right">44,23</td>`}},
		{"strikethrough", "a ~~bỏ~~ b\n", []string{"<del>bỏ</del>"}},
		{"task list", "- [x] xong\n- [ ] chưa\n", []string{`<input checked="" disabled="" type="checkbox"> xong`, `<input disabled="" type="checkbox"> chưa`}},
		{"autolink", "Xem https://example.org/papi và www.example.com.\n", []string{`<a href="https://example.org/papi">https://example.org/papi</a>`, `<a href="http://www.example.com">www.example.com</a>`}},
		{"autolink e-mail and ftp", "Thư: lienhe@example.org; tệp ftp://example.org/a.pdf\n", []string{`<a href="mailto:lienhe@example.org">lienhe@example.org</a>`, `<a href="ftp://example.org/a.pdf">ftp://example.org/a.pdf</a>`}},
		{"footnote", "Câu[^1].\n\n[^1]: Ghi chú.\n", []string{`<sup id="fnref:1"><a href="#fn:1"`, `<li id="fn:1">`, "Ghi chú."}},
		{"definition list", "Thuật ngữ\n: Định nghĩa\n", []string{"<dl>\n<dt>Thuật ngữ</dt>\n<dd>Định nghĩa</dd>\n</dl>"}},
		{"typographer", "\"Trích\" -- và --- ... 'đơn'\n", []string{"&ldquo;Trích&rdquo; &ndash; và &mdash; &hellip; &lsquo;đơn&rsquo;"}},
		{"heading attributes", "## Tiêu đề {#tieu-de-rieng .lon data-x=\"1\"}\n", []string{`<h2 id="tieu-de-rieng" class="lon" data-x="1">Tiêu đề</h2>`}},
		{"image lazy with size", "![Biểu đồ](anh.png)\n", []string{`<img src="/papi/anh.png" alt="Biểu đồ" loading="lazy" decoding="async" width="640" height="480">`}},
		{"md link rewritten", "[kế hoạch](ke-hoach.md#muc-dich)\n", []string{`<a href="/papi/ke-hoach/#muc-dich">kế hoạch</a>`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := convert(t, Options{Typographer: true}, tc.src)
			if len(r.Problems) != 0 {
				t.Errorf("problems: %s", problems(r))
			}
			for _, w := range tc.want {
				if !strings.Contains(string(r.HTML), w) {
					t.Errorf("HTML lacks %q:\n%s", w, r.HTML)
				}
			}
		})
	}
	// Without the typographer the quotes stay straight.
	r := convert(t, Options{}, "\"a\" -- b\n")
	if !strings.Contains(string(r.HTML), "&quot;a&quot; -- b") {
		t.Errorf("typographer off: %s", r.HTML)
	}
}

func TestRawHTML(t *testing.T) {
	src := "Chữ <b onclick=\"x()\">đậm</b>.\n\n<script>alert(1)</script>\n\n<div class=\"k\">\nkhối\n</div>\n"
	safe := string(convert(t, Options{}, src).HTML)
	for _, bad := range []string{"<b", "<script", "<div"} {
		if strings.Contains(safe, bad) {
			t.Errorf("safe mode let %s through:\n%s", bad, safe)
		}
	}
	for _, want := range []string{"&lt;b onclick=&quot;x()&quot;&gt;đậm&lt;/b&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;div class=&quot;k&quot;&gt;"} {
		if !strings.Contains(safe, want) {
			t.Errorf("safe mode should show %s as text:\n%s", want, safe)
		}
	}
	unsafe := string(convert(t, Options{Unsafe: true}, src).HTML)
	for _, want := range []string{`<b onclick="x()">đậm</b>`, "<script>alert(1)</script>", "<div class=\"k\">\nkhối\n</div>"} {
		if !strings.Contains(unsafe, want) {
			t.Errorf("unsafe mode should pass %s:\n%s", want, unsafe)
		}
	}
}

var hrefRE = regexp.MustCompile(`(?i)(href|src)="([^"]*)"`)

func TestScriptURLsNeutralised(t *testing.T) {
	srcs := []string{
		"[a](javascript:alert(1))",
		"[a](JaVaScRiPt:alert(1))",
		"[a](<java\tscript:alert(1)>)",
		"[a](<java\nscript:alert(1)>)",
		"[a]( javascript:alert(1) )",
		"[a](&#106;avascript:alert(1))",
		"[a](vbscript:msgbox(1))",
		"[a](data:text/html;base64,PHNjcmlwdD4=)",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"<JAVASCRIPT:alert(1)>",
		"![a](javascript:alert(1))",
		"![a](data:text/html,<script>x</script>)",
	}
	for _, unsafe := range []bool{false, true} {
		for _, src := range srcs {
			r := convert(t, Options{Unsafe: unsafe}, "Trước\n\n"+src+"\n")
			for _, m := range hrefRE.FindAllStringSubmatch(string(r.HTML), -1) {
				if isScriptURL(m[2]) || strings.Contains(strings.ToLower(m[2]), "script:") {
					t.Errorf("unsafe=%v %q: %s=%q survived:\n%s", unsafe, src, m[1], m[2], r.HTML)
				}
			}
			if strings.Contains(strings.ToLower(string(r.HTML)), `href="javascript`) {
				t.Errorf("unsafe=%v %q: %s", unsafe, src, r.HTML)
			}
		}
	}
	// The link text is kept, the warning names the line.
	r := convert(t, Options{}, "x\n\n[bấm đây](javascript:alert(1))\n")
	if !strings.Contains(string(r.HTML), "<p>bấm đây</p>") {
		t.Errorf("link text lost: %s", r.HTML)
	}
	if got := problems(r); !strings.HasPrefix(got, "3 warning: liên kết \"javascript:alert(1)\" bị vô hiệu hoá") {
		t.Errorf("problems = %q", got)
	}
	// Images inside the text (data:image/…, SVG with script among them)
	// are removed with a warning; the description stays.
	for _, src := range []string{"![ảnh a](data:image/png;base64,iVBORw0KGgo=)\n", "![ảnh a](data:image/svg+xml;utf8,%3Csvg%20onload%3Dalert(1)%3E)\n", "![ảnh a]( DATA:image/gif;base64,R0lGOD)\n"} {
		r = convert(t, Options{}, src)
		if strings.Contains(string(r.HTML), "<img") || !strings.Contains(string(r.HTML), "ảnh a") {
			t.Errorf("%q: %s", src, r.HTML)
		}
		if got := problems(r); !strings.HasPrefix(got, "1 warning: ảnh nhúng trong văn bản") || !strings.Contains(got, "(data URL image removed)") {
			t.Errorf("%q: problems = %q", src, got)
		}
	}
}

func TestShortcodes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
		not  []string
	}{
		{"named args", `{{< args k="giá trị" >}}`, []string{`[args 0="" 1="" 2="" k="giá trị" inline=false paired=false line=1]`}, []string{"<p>[args"}},
		{"positional args", `{{< args "một" hai "ba \"bốn\"" >}}`, []string{`[args 0="một" 1="hai" 2="ba \"bốn\"" k=""`}, nil},
		{"backquoted arg", "{{< args `a \"b\"` >}}", []string{`0="a \"b\""`}, nil},
		{"self-closing", `{{< args k="v" />}}`, []string{`k="v"`, "paired=false"}, nil},
		{"paired with Markdown", "{{< note type=\"info\" >}}\nGhi **chú** và [liên kết](ke-hoach.md).\n{{< /note >}}\n",
			[]string{`<aside class="info"><p>Ghi <strong>chú</strong> và <a href="/papi/ke-hoach/">liên kết</a>.</p>`}, []string{"<p><aside"}},
		{"nested", "{{< note type=\"ngoai\" >}}\nA\n\n{{< note type=\"trong\" >}}\n*B*\n{{< /note >}}\n{{< /note >}}\n",
			[]string{`<aside class="ngoai"><p>A</p>`, `<aside class="trong"><p><em>B</em></p>`}, []string{"{{<"}},
		{"inline paired stays in the paragraph", "Xem {{< note type=\"x\" >}}chú *thích*{{< /note >}} ở đây.\n", []string{`<p>Xem <aside class="x">chú <em>thích</em></aside> ở đây.</p>`}, []string{"<p>chú"}},
		{"inline", "Chữ {{< args k=\"v\" >}} giữa câu.\n", []string{`<p>Chữ [args 0="" 1="" 2="" k="v" inline=true paired=false line=1] giữa câu.</p>`}, nil},
		{"block", "Đoạn một.\n{{< args >}}\nĐoạn hai.\n", []string{"<p>Đoạn một.</p>\n[args", "inline=false", "<p>Đoạn hai.</p>"}, []string{"<p>[args"}},
		{"fenced code left as is", "```md\n{{< loi >}}\n```\n\n~~~\n{{< loi >}}\n~~~\n", []string{"{{&lt; loi &gt;}}"}, nil},
		{"inline code left as is", "Viết `{{< loi >}}` hoặc ``{{< loi x=`1` >}}``.\n", []string{"<code>{{&lt; loi &gt;}}</code>", "<code>{{&lt; loi x=`1` &gt;}}</code>"}, nil},
		{"indented code left as is", "Ví dụ:\n\n    {{< loi >}}\n\nHết.\n", []string{"<pre><code>{{&lt; loi &gt;}}"}, nil},
		{"indented code with tab", "Ví dụ:\n\n\t{{< loi >}}\n", []string{"<pre><code>{{&lt; loi &gt;}}"}, nil},
		{"indented list paragraph is not code", "- mục\n\n    {{< args k=\"v\" >}}\n", []string{`k="v"`}, []string{"{{&lt;", "<pre>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := convert(t, Options{}, tc.src)
			if len(r.Problems) != 0 {
				t.Errorf("problems: %s", problems(r))
			}
			html := string(r.HTML)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(html, w) {
					t.Errorf("HTML has %q:\n%s", w, html)
				}
			}
			if strings.Contains(html, "pxsc") {
				t.Errorf("placeholder token left in output:\n%s", html)
			}
		})
	}
}

func TestShortcodeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		first     int
		want      string // "line error: fragment"
	}{
		{"unknown", "a\n\nb {{< loi >}}\n", 1, `3 error: mã ngắn "loi" không tồn tại`},
		{"unknown with body offset", "a\n\n{{< khongco >}}\n", 5, `7 error: mã ngắn "khongco" không tồn tại`},
		{"unclosed tag", "a\n\nb {{< note type=\"x\"\n\nc\n", 1, "3 error: mã ngắn (shortcode) mở bằng '{{<' nhưng thiếu '>}}'"},
		{"unclosed quote", "a\n{{< args k=\"v >}}\n", 1, "2 error: giá trị trong mã ngắn \"args\" thiếu dấu \" đóng"},
		{"closing without opening", "a\n\n{{< /note >}}\n", 1, "3 error: thẻ đóng {{< /note >}} không có thẻ mở"},
		{"unknown inside paired", "{{< note >}}\nx\n\ny {{< loi >}}\n{{< /note >}}\n", 1, `4 error: mã ngắn "loi" không tồn tại`},
		{"bad name", "{{< \"x\" >}}\n", 1, "1 error: tên mã ngắn (shortcode) không hợp lệ"},
		{"duplicate argument", "{{< args k=\"1\" k=\"2\" >}}\n", 1, `1 error: tham số "k" của mã ngắn "args" xuất hiện hai lần`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Options{}).Convert(Input{Src: []byte(tc.src), FirstLine: tc.first, Context: Context{Shortcodes: shortcodeFunc(testShortcodes)}})
			got := problems(r)
			if !strings.HasPrefix(got, tc.want) || strings.Count(got, "\n") != 1 {
				t.Errorf("problems = %q, want one starting %q", got, tc.want)
			}
		})
	}
}

// Problems after shortcodes that span lines keep the file's line numbers.
func TestLinesAfterShortcodes(t *testing.T) {
	src := `Đoạn đầu.

{{< note type="a" >}}
Dòng một.

Dòng hai với [lỗi một](mat-1.md).
{{< /note >}}

[lỗi hai](mat-2.md)

Chữ {{< note >}}nội
dung
dài{{< /note >}} tiếp.

{{< args "a"
  "b" >}}

[lỗi ba](mat-3.md) ![ảnh](mat.png)

` + "```" + `
{{< note >}}
` + "```" + `

[lỗi bốn](mat-4.md)
`
	r := New(Options{}).Convert(Input{Src: []byte(src), FirstLine: 10, Context: Context{Links: &fakeResolver{}, Shortcodes: shortcodeFunc(testShortcodes)}})
	var got []string
	for _, p := range r.Problems {
		msg, _, _ := strings.Cut(p.Msg, ":")
		got = append(got, fmt.Sprintf("%d %s", p.Line, msg))
	}
	want := []string{
		`15 liên kết tới "mat-1.md"`,
		`18 liên kết tới "mat-2.md"`,
		`27 liên kết tới "mat-3.md"`,
		`27 ảnh "mat.png" không tồn tại`,
		`33 liên kết tới "mat-4.md"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problem lines:\n got %q\nwant %q", got, want)
	}
}

func TestHeadingsInsidePairedShortcode(t *testing.T) {
	r := convert(t, Options{}, "## Trước\n\n{{< note >}}\n## Bên trong\n{{< /note >}}\n\n## Sau\n")
	var ids []string
	for _, h := range r.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "truoc ben-trong sau" {
		t.Errorf("heading IDs = %q, want in document order with the shortcode's heading", got)
	}
}

func TestPlainAndSummary(t *testing.T) {
	r := convert(t, Options{}, "# Tiêu đề\n\nĐoạn **đầu** có [liên kết](https://example.org).\n\nĐoạn hai.\n\n```\nmã nguồn\n```\n\n<div>ẩn</div>\n")
	if r.Summary != "Đoạn đầu có liên kết." {
		t.Errorf("Summary = %q", r.Summary)
	}
	if !strings.Contains(r.Plain, "Đoạn hai.") || strings.Contains(r.Plain, "**") || strings.Contains(r.Plain, "<div>") {
		t.Errorf("Plain = %q", r.Plain)
	}
	if r.WordCount != len(strings.Fields(r.Plain)) || r.WordCount < 8 {
		t.Errorf("WordCount = %d for %q", r.WordCount, r.Plain)
	}
}

// Shortcode placeholders never leak: not into attributes (where the
// shortcode's HTML would break out of the quotes), heading IDs, heading
// text, the summary or the plain text.
func TestShortcodePlaceholdersDoNotLeak(t *testing.T) {
	sc := func(s *Shortcode) (string, error) {
		if s.Name == "link" {
			return `<a href="/x/" onclick="alert(1)">Văn bản "19"</a>`, nil
		}
		return testShortcodes(s)
	}
	src := "## Tiêu đề {{< link >}}\n\nXin chào {{< note type=\"a\" >}}bạn{{< /note >}} nhé.\n\n![ảnh {{< link >}}](https://example.org/a.png)\n\n{{< note >}}\nKhối **chữ**.\n{{< /note >}}\n"
	r := New(Options{}).Convert(Input{Src: []byte(src), FirstLine: 1, Context: Context{Shortcodes: shortcodeFunc(sc)}})
	html := string(r.HTML)
	if strings.Contains(html, "pxsc") || strings.Contains(r.Plain, "pxsc") || strings.Contains(r.Summary, "pxsc") {
		t.Errorf("placeholder leaked:\n%s\nplain %q\nsummary %q", html, r.Plain, r.Summary)
	}
	for _, want := range []string{
		`<h2 id="tieu-de-van-ban-19">Tiêu đề <a href="/x/" onclick="alert(1)">Văn bản "19"</a></h2>`,
		`alt="ảnh Văn bản &quot;19&quot;"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	if strings.Count(html, "onclick") != 1 {
		t.Errorf("shortcode HTML inside an attribute:\n%s", html)
	}
	if len(r.Headings) != 1 || r.Headings[0].Text != `Tiêu đề Văn bản "19"` || r.Headings[0].ID != "tieu-de-van-ban-19" {
		t.Errorf("headings = %+v", r.Headings)
	}
	if r.Summary != "Xin chào bạn nhé." || !strings.Contains(r.Plain, "Khối chữ.") {
		t.Errorf("summary %q plain %q", r.Summary, r.Plain)
	}
}

// Many headings with one text get h, h-1, h-2… in linear time (each used
// to try every earlier suffix: 20,000 took 36 s), and an explicit id that
// takes a number is skipped.
func TestManyEqualHeadings(t *testing.T) {
	const n = 20000
	var b strings.Builder
	b.WriteString("## h {#h-3}\n\n")
	for range n {
		b.WriteString("## h\n\n")
	}
	start := time.Now()
	r := convert(t, Options{}, b.String())
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("%d equal headings took %v", n, d)
	}
	if len(r.Headings) != n+1 {
		t.Fatalf("%d headings, want %d", len(r.Headings), n+1)
	}
	seen := map[string]bool{}
	for _, h := range r.Headings {
		if seen[h.ID] {
			t.Fatalf("id %q given twice", h.ID)
		}
		seen[h.ID] = true
	}
	for i, want := range []string{"h-3", "h", "h-1", "h-2", "h-4"} {
		if got := r.Headings[i].ID; got != want {
			t.Errorf("heading %d: id %q, want %q", i, got, want)
		}
	}
}

// Pathological markup that would make goldmark quadratic is refused by
// line; the same characters in fenced code or spread over paragraphs are
// fine.
func TestMarkupLoad(t *testing.T) {
	many := strings.Repeat("*a_", 4000) // 8,000 marks
	for _, c := range []struct {
		name string
		src  string
		line int // -1: accepted
	}{
		{"prose", strings.Repeat("Một *đoạn* văn [có](x) _nhấn_.\n\n", 5000), -1},
		{"one huge paragraph", "Mở đầu.\n\n" + strings.Repeat("[](", 12000) + "\n", 2},
		{"huge but fenced", "```\n" + strings.Repeat("[](", 12000) + "\n```\n", -1},
		{"many heavy paragraphs", strings.Repeat(many+"\n\n", 7), 12},
		{"heavy paragraphs apart", strings.Repeat(many+"\n\n", 6), -1},
		{"long list", strings.Repeat("- *một* [hai](ba) _bốn_ *năm*\n", 2600), -1},
		{"long numbered list", strings.Repeat("12. *một* [hai](ba) _bốn_ *năm*\n", 2600), -1},
		{"long table", "| a | b |\n|---|:-:|\n" + strings.Repeat("| *một* [hai](ba) | _bốn_ *năm* |\n", 2600), -1},
		{"long paragraph of list markers", strings.Repeat("*a* [b](c) _d_ *e*\n", 2600), 0},
	} {
		line, _, over := markupLoad([]byte(c.src))
		if got := map[bool]int{true: line, false: -1}[over]; got != c.line {
			t.Errorf("%s: line %d, want %d", c.name, got, c.line)
		}
	}
	r := New(Options{}).Convert(Input{Src: []byte("Mở đầu.\n\n" + strings.Repeat("[a](", 30000)), FirstLine: 5})
	if len(r.Problems) != 1 || r.Problems[0].Line != 7 || !strings.Contains(r.Problems[0].Msg, "too much markup") {
		t.Errorf("problems = %+v", r.Problems)
	}
}

// Column alignment is a class: a style attribute would be blocked by the
// site's Content-Security-Policy (style-src 'self').
func TestTableAlignmentAsClass(t *testing.T) {
	for _, opts := range []Options{{}, {Unsafe: true}} {
		r := convert(t, opts, "| A | B | C | D |\n|:--|:-:|--:|---|\n| a | b | c | d |\n")
		for _, want := range []string{"<thead>\n<tr>\n" + `<th class="align-left">A</th>` + "\n", `<td class="align-center">b</td>`, `<td class="align-right">c</td>` + "\n<td>d</td>\n</tr>"} {
			if !strings.Contains(string(r.HTML), want) {
				t.Errorf("unsafe %v: missing %q in %s", opts.Unsafe, want, r.HTML)
			}
		}
		if strings.Contains(string(r.HTML), "style=") {
			t.Errorf("style attribute in %s", r.HTML)
		}
	}
}

// A link or image without text of its own is placed by its neighbours:
// on the second line of its paragraph, not the first.
func TestProblemLineOfEmptyNodes(t *testing.T) {
	for _, src := range []string{
		"Đoạn một.\n[](khong-co.md) sau\n",
		"Đoạn một.\n[đây](a.md) ![](khong-co.png)\n",
		"Đoạn một.\n![](khong-co.png)\n",
	} {
		r := New(Options{}).Convert(Input{Src: []byte(src), FirstLine: 10, Context: Context{Links: &fakeResolver{}}})
		found := false
		for _, p := range r.Problems {
			found = found || p.Line == 11
			if p.Line == 10 {
				t.Errorf("%q: problem on the paragraph's first line: %+v", src, p)
			}
		}
		if !found {
			t.Errorf("%q: no problem at line 11: %+v", src, r.Problems)
		}
	}
}

// With Input.Out the HTML is rendered into the caller's buffer, emptied
// first, and equals what a conversion without it gives; a paired
// shortcode's inner conversion does not write into it.
func TestConvertIntoBuffer(t *testing.T) {
	c := New(Options{})
	var out bytes.Buffer
	out.WriteString("rác từ trang trước")
	for _, src := range []string{
		"## Một\n\nĐoạn **đậm**.\n",
		"{{< note type=\"x\" >}}\n*nghiêng*\n{{< /note >}}\n\n- a\n- b\n",
	} {
		want := c.Convert(Input{Src: []byte(src), FirstLine: 1, Context: Context{Shortcodes: shortcodeFunc(testShortcodes)}})
		got := c.Convert(Input{Src: []byte(src), FirstLine: 1, Context: Context{Shortcodes: shortcodeFunc(testShortcodes)}, Out: &out})
		if string(got.HTML) != string(want.HTML) {
			t.Errorf("%q: got %q, want %q", src, got.HTML, want.HTML)
		}
		if !strings.Contains(src, "{{<") && &got.HTML[0] != &out.Bytes()[0] {
			t.Errorf("%q: HTML is not the buffer's bytes", src)
		}
	}
}

// Text that looks like a shortcode placeholder is the editor's text: on a
// page with shortcodes it is never replaced, in the body, headings,
// attributes or the plain text, and nothing a shortcode writes is taken
// for a placeholder either.
func TestTextLikePlaceholdersKept(t *testing.T) {
	sc := func(s *Shortcode) (string, error) {
		if s.Name == "echo" {
			return "<b>pxsc0x pxscq1x</b>", nil
		}
		return testShortcodes(s)
	}
	src := "## Mục pxsc0x\n\nChữ pxsc0x, pxsc1x và pxscq0x ở đây.\n\n{{< note type=\"a\" >}}\nKhối pxsc0x.\n{{< /note >}}\n\n{{< echo >}}\n\n![pxsc0x](https://example.org/a.png) {{< echo >}}\n"
	r := New(Options{}).Convert(Input{Src: []byte(src), FirstLine: 1, Context: Context{Shortcodes: shortcodeFunc(sc)}})
	html := string(r.HTML)
	for _, want := range []string{
		`<h2 id="muc-pxsc0x">Mục pxsc0x</h2>`,
		`<p>Chữ pxsc0x, pxsc1x và pxscq0x ở đây.</p>`,
		`<aside class="a"><p>Khối pxsc0x.</p>`,
		`<b>pxsc0x pxscq1x</b>`,
		`alt="pxsc0x"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	if n := strings.Count(html, "<aside"); n != 1 {
		t.Errorf("the note is written %d times:\n%s", n, html)
	}
	if !strings.Contains(r.Plain, "Chữ pxsc0x, pxsc1x và pxscq0x ở đây.") || len(r.Headings) != 1 || r.Headings[0].Text != "Mục pxsc0x" {
		t.Errorf("plain %q, headings %+v", r.Plain, r.Headings)
	}
}

// A photo the resolver accepts with a warning is kept, sized, and the
// warning is reported at its line.
func TestImageWarningKeepsImage(t *testing.T) {
	r := convert(t, Options{}, "Đoạn.\n\n![Hội nghị](nang.jpg)\n")
	if !strings.Contains(string(r.HTML), `<img src="/papi/nang.jpg" alt="Hội nghị" loading="lazy" decoding="async" width="3024" height="4032">`) {
		t.Errorf("html = %s", r.HTML)
	}
	if got := problems(r); got != "3 warning: ảnh nặng (heavy photo)\n" {
		t.Errorf("problems = %q", got)
	}
}

// TestSpacedLinks: an address with a space is an error at its line; text
// in brackets and parentheses that names no file or place is prose
// (legal citations, footnotes, maths, escaped brackets) and builds.
func TestSpacedLinks(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"[Kế hoạch 19/KH-UBND (PDF)](Kế hoạch 19.pdf)\n", `1 error: đường dẫn "Kế hoạch 19.pdf" có dấu cách`},
		{"a\n\n![Hội nghị](Ảnh Hội Nghị.JPG)\n", `3 error: đường dẫn "Ảnh Hội Nghị.JPG" có dấu cách`},
		{"[Mục](../ve papi/)\n", `1 error: đường dẫn "../ve papi/" có dấu cách`},
		{"[Trang](https://example.org/a b)\n", `1 error: đường dẫn "https://example.org/a b" có dấu cách`},
		{"[Tệp](Tài liệu/Phụ lục 1.docx#trang 2)\n", `1 error: đường dẫn "Tài liệu/Phụ lục 1.docx#trang 2" có dấu cách`},
		{"Căn cứ [1](Điều 5, Luật số 10/2022/QH15) và [2](Điều 7 khoản 2).\n", ""},
		{"Theo Luật[^1](đã sửa đổi năm 2020).\n\n[^1]: Luật số 104/2016/QH13.\n", ""},
		{"Khoảng [0, 1](với x là số thực) và [a, b](mục 2.1a) là đóng.\n", ""},
		{"Ký hiệu \\[a\\](b c.pdf) là ví dụ.\n", ""},
		{"Luật [1] (Điều 5, Luật số 10/2022/QH15); [Phụ lục](ke-hoach.md) (kèm theo) [a] (b c.pdf).\n", ""},
		{"Mã `[a](b c.pdf)` và [tệp](<ke-hoach.md>).\n\n```\n[a](b c.pdf)\n```\n", ""},
		{"[a](ke-hoach.md \"Tiêu đề có dấu cách\")\n", ""},
	} {
		got := problems(convert(t, Options{}, c.src))
		if c.want == "" && got != "" || c.want != "" && !strings.HasPrefix(got, c.want) {
			t.Errorf("%q:\n got %q\nwant prefix %q", c.src, got, c.want)
		}
	}
}

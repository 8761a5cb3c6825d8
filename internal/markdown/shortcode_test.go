package markdown

import (
	"strings"
	"testing"
)

// Shortcodes are nodes of the document: their content is parsed with the
// page, code keeps their tags as text, and every mistake is reported at
// the tag's line.
func TestShortcodeNodes(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in the HTML
		not       []string
		problems  string // "line level: phrase", one per line, in order
	}{
		{"closing tag inside fenced code in a paired call", "{{< note type=\"a\" >}}\n```\n{{< /note >}}\n```\n{{< /note >}}\n",
			[]string{"<aside class=\"a\"><pre><code>{{&lt; /note &gt;}}\n</code></pre>\n</aside>"}, nil, ""},
		{"same name nested", "{{< note type=\"a\" >}}\n{{< note type=\"b\" >}}\nB\n{{< /note >}}\nA\n{{< /note >}}\n",
			[]string{`<aside class="a"><aside class="b"><p>B</p>` + "\n</aside>\n<p>A</p>\n</aside>"}, nil, ""},
		{"escaped tag is text", "Viết \\{{< note >}} như thế.\n", []string{"<p>Viết {{&lt; note &gt;}} như thế.</p>"}, nil, ""},
		{"tag spanning lines in a paired call", "{{< note\n  type=\"a\" >}}\nNội dung.\n{{< /note >}}\n", []string{"<aside class=\"a\"><p>Nội dung.</p>\n</aside>"}, nil, ""},
		{"inline inside emphasis", "Tên *{{< note type=\"v\" >}}Việt{{< /note >}}* ở đây.\n", []string{`<p>Tên <em><aside class="v">Việt</aside></em> ở đây.</p>`}, nil, ""},
		{"inside a list item", "- Mục {{< args k=\"v\" >}} một.\n- Hai\n", []string{`<li>Mục [args 0="" 1="" 2="" k="v" inline=true paired=false line=1] một.</li>`}, nil, ""},
		{"inside a table cell", "| a | b |\n|---|---|\n| {{< args k=\"v\" >}} | c |\n", []string{`<td>[args 0="" 1="" 2="" k="v" inline=true paired=false line=3]</td>`}, nil, ""},
		{"inside a block quote", "> {{< note type=\"q\" >}}\n> Trích.\n> {{< /note >}}\n", []string{"<blockquote>\n<aside class=\"q\"><p>Trích.</p>\n</aside>\n</blockquote>"}, nil, ""},
		{"paragraph of one paired call becomes a block", "{{< note type=\"p\" >}}nội\ndung{{< /note >}}\n", []string{"<aside class=\"p\"><p>nội\ndung</p>\n</aside>"}, []string{"<p><aside"}, ""},
		{"unclosed block call", "Trước.\n\n{{< note >}}\nNội dung.\n", nil, []string{"<aside"}, `3 error: mã ngắn "note" mở nhưng không có thẻ đóng`},
		{"unclosed inline call", "Chữ {{< note >}}nội dung.\n", nil, []string{"<aside"}, `1 error: mã ngắn "note" mở nhưng không có thẻ đóng`},
		{"closing tag of a call without content", "{{< args >}}\nx\n{{< /args >}}\n", nil, nil, `3 error: mã ngắn "args" không nhận nội dung giữa hai thẻ`},
		{"crossing emphasis", "{{< note >}}*a{{< /note >}}b*\n", nil, []string{"<aside"}, "1 error: mã ngắn \"note\" mở nhưng không có thẻ đóng\n1 error: thẻ đóng {{< /note >}} không có thẻ mở tương ứng"},
		{"paired call inside a neutralised link", "Xem [{{< note type=\"l\" >}}đây{{< /note >}}](javascript:alert(1)).\n", []string{`<p>Xem <aside class="l">đây</aside>.</p>`}, []string{"javascript"}, "1 warning: liên kết"},
		// A shortcode that does not exist is one mistake: its closing tag
		// is not a second one. A closing tag alone is still reported.
		{"unknown block call with a closing tag", "{{< loi >}}\nx\n{{< /loi >}}\n", nil, nil, `1 error: mã ngắn "loi" không tồn tại`},
		{"unknown inline call with a closing tag", "Chữ {{< loi >}}x{{< /loi >}}.\n", nil, nil, `1 error: mã ngắn "loi" không tồn tại`},
		{"closing tag alone of an unknown shortcode", "x\n\n{{< /loi >}}\n", nil, nil, `3 error: mã ngắn "loi" không nhận nội dung giữa hai thẻ`},
		{"unknown call in a heading keeps the heading", "## Tiêu đề {{< loi >}}\n", []string{`<h2 id="tieu-de">Tiêu đề </h2>`}, nil, `1 error: mã ngắn "loi" không tồn tại`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Options{}).Convert(Input{Src: []byte(tc.src), File: "content/a.md", FirstLine: 1, Context: Context{Shortcodes: shortcodeFunc(testShortcodes)}})
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
			got := strings.Split(strings.TrimSpace(problems(r)), "\n")
			want := strings.Split(tc.problems, "\n")
			if tc.problems == "" {
				want = []string{""}
			}
			if len(got) != len(want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", problems(r), tc.problems)
			}
			for i := range want {
				line, phrase, _ := strings.Cut(want[i], ": ")
				if !strings.HasPrefix(got[i], line) || !strings.Contains(got[i], phrase) {
					t.Errorf("problem %d = %q, want %q", i, got[i], want[i])
				}
			}
			for _, p := range r.Problems {
				if p.File != "content/a.md" {
					t.Errorf("problem names %q", p.File)
				}
			}
		})
	}
}

// A shortcode's content is the page's: its links are the page's links,
// its headings the page's headings, in document order.
func TestShortcodeContentIsThePage(t *testing.T) {
	src := "## Trước\n\n{{< note type=\"a\" >}}\n## Trong\n\n[kế hoạch](ke-hoach.md#muc-dich)\n{{< /note >}}\n"
	r := convert(t, Options{}, src)
	if len(r.Links) != 1 || r.Links[0].Href != "/papi/ke-hoach/#muc-dich" || r.Links[0].Line != 6 || r.Links[0].Target != "ke-hoach.md" || r.Links[0].Fragment != "muc-dich" {
		t.Errorf("links = %+v", r.Links)
	}
	if len(r.Headings) != 2 || r.Headings[1].ID != "trong" {
		t.Errorf("headings = %+v", r.Headings)
	}
	if !strings.Contains(string(r.HTML), `<h2 id="trong">Trong</h2>`) {
		t.Errorf("HTML:\n%s", r.HTML)
	}
}

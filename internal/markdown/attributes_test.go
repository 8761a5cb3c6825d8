package markdown

import (
	"strings"
	"testing"
)

// Heading attributes reach ids, the table of contents and links: only the
// safe forms are kept; each other one is refused at its line and dropped.
func TestHeadingAttributes(t *testing.T) {
	tests := []struct {
		name, src string
		html      string // the heading as written out
		problems  string // "line: phrase" per problem, in order
	}{
		{"safe id and class", "## A {#muc-1.2_b .lop-x .y}\n", `<h2 id="muc-1.2_b" class="lop-x y">A</h2>`, ""},
		{"data attribute, number value", "## A {data-so=12}\n", `<h2 data-so="12" id="a">A</h2>`, ""},
		{"id with markup", "## Một {id=\"a\\\"><script>x</script>\"}\n", `<h2 id="mot">Một</h2>`, `1: mã đề mục (heading id) "a\"><script>x</script>" không hợp lệ`},
		{"id with colon", "## Một {#a:b}\n", `<h2 id="mot">Một</h2>`, `1: mã đề mục (heading id) "a:b" không hợp lệ`},
		{"id with Vietnamese letters", "Đoạn.\n\n## Một {#mục}\n", `<h2 id="mot">Một</h2>`, `3: (ví dụ {#muc})`},
		{"id as a number list", "## Một {id=[1,2]}\n", `<h2 id="mot">Một</h2>`, `1: mã đề mục (heading id) "[1 2]" không hợp lệ`},
		{"class with markup", "## Hai {class=\"a b<c\"}\n", `<h2 id="hai">Hai</h2>`, `1: lớp (class) "a b<c" của đề mục không hợp lệ`},
		{"event handler", "## Ba {onclick=\"alert(1)\" #ba}\n", `<h2 id="ba">Ba</h2>`, `1: thuộc tính "onclick" không dùng được cho đề mục`},
		{"style", "Ba\n===\n{style=\"color:red\"}\n", `<h1 id="ba">Ba</h1>`, ``},
		{"setext with style", "Ba {style=\"color:red\"}\n===\n", `<h1 id="ba">Ba</h1>`, `1: thuộc tính "style" không dùng được cho đề mục`},
		{"data attribute with markup", "## Bốn {data-x=\"<b>\"}\n", `<h2 id="bon">Bốn</h2>`, `1: thuộc tính "data-x" không dùng được cho đề mục`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := convert(t, Options{}, tc.src)
			if !strings.Contains(string(r.HTML), tc.html) {
				t.Errorf("HTML lacks %s:\n%s", tc.html, r.HTML)
			}
			got := problems(r)
			if tc.problems == "" {
				if got != "" {
					t.Errorf("unexpected problems:\n%s", got)
				}
				return
			}
			line, phrase, _ := strings.Cut(tc.problems, ": ")
			if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, line+" error: ") || !strings.Contains(got, phrase) {
				t.Errorf("problems:\n%s\nwant one error at line %s with %q", got, line, phrase)
			}
		})
	}
}

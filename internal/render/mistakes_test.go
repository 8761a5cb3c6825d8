package render

import (
	"io"
	"strings"
	"testing"

	"portal/internal/diag"
	template "portal/internal/template/html"
)

// One mistake met on many pages is one problem, naming the first page by
// file whatever order the pages were rendered in; a generated page (no
// file) is named only when no page with a file hit it.
func TestMistakes(t *testing.T) {
	page := func(name string) string {
		if name == "" {
			return ""
		}
		return "content/" + name
	}
	// A real execution error, as a layout with a mistake on line 3 gives.
	tpl := template.Must(template.New("layouts/_default/single.html").Parse("<p>\n</p>\n{{ .Nope }}"))
	layoutErr := tpl.Execute(io.Discard, struct{}{})
	if layoutErr == nil {
		t.Fatal("executing .Nope on a struct without it did not fail")
	}
	other := diag.Errorf("layouts/partials/nav.html", 2, "khác")
	var m Mistakes
	if len(m.Problems()) != 0 {
		t.Fatal("zero Mistakes has problems")
	}
	for _, name := range []string{"", "tin/c.md", "tin/a.md", "tin/b.md"} {
		m.Add(layoutErr, page(name))
	}
	m.Add(other, page(""))
	var sorted diag.List
	for _, p := range m.Problems() {
		sorted.Add(p)
	}
	ps := sorted.Problems()
	if len(ps) != 2 {
		t.Fatalf("problems = %v", ps)
	}
	if ps[0].File != "layouts/_default/single.html" || ps[0].Line != 3 || !strings.HasSuffix(ps[0].Msg, "(khi dựng content/tin/a.md)") {
		t.Errorf("layout mistake = %v", ps[0])
	}
	if ps[1].File != "layouts/partials/nav.html" || ps[1].Msg != "khác" {
		t.Errorf("generated page's mistake = %v", ps[1])
	}
}

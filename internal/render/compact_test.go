package render

import (
	"bytes"
	"strings"
	"testing"

	"portal/internal/output"
	template "portal/internal/template/html"
)

// compactRun parses src as one layout, compacting its trees when compact
// is set, and runs it on data.
func compactRun(t *testing.T, src string, compact bool, data any) string {
	t.Helper()
	tm, err := template.New("layouts/x.html").Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if compact {
		for _, x := range tm.Templates() {
			compactTree(x.Tree)
		}
	}
	var b bytes.Buffer
	if err := tm.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCompactTree(t *testing.T) {
	data := map[string]any{"A": "một", "B": "hai", "Yes": true, "No": false, "L": []string{"x", "y"}, "Empty": []string{}}
	tests := []struct {
		name, src, want string
	}{
		{"block tags lose the whitespace around them",
			"<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n<p>c</p>\n",
			"<ul><li>a</li><li>b</li></ul><p>c</p>"},
		{"whitespace between inline tags is one space",
			"<p><b>x</b>  \n  <i>y</i></p>",
			"<p><b>x</b>\n<i>y</i></p>"},
		{"a single space in text stays",
			"<p>a <a href=\"/\">b</a> c</p>",
			"<p>a <a href=\"/\">b</a> c</p>"},
		{"space before an inline end tag then a block goes",
			"<p><b>x </b>\n</p>",
			"<p><b>x</b></p>"},
		{"whitespace beside an action is kept: it may be text",
			"<p>{{ .A }} {{ .B }}</p>",
			"<p>một hai</p>"},
		{"whitespace after a block tag and only tags is dropped, even before an action",
			"<div>\n  <span>\n{{ .A }}</span></div>",
			"<div><span>một</span></div>"},
		{"pre keeps everything",
			"<pre>\n  a\n\n  b\n</pre>\n",
			"<pre>\n  a\n\n  b\n</pre>"},
		{"textarea keeps everything",
			"<textarea>\n  a  </textarea>",
			"<textarea>\n  a  </textarea>"},
		{"script keeps everything",
			"<script type=\"application/ld+json\">{ \"a\" :  {{ .A }} ,\n  \"b\": 1 }</script>\n<p>x</p>",
			"<script type=\"application/ld+json\">{ \"a\" :  \"một\" ,\n  \"b\": 1 }</script><p>x</p>"},
		{"attribute values keep their spaces, runs between attributes become one",
			"<a title=\"a   b\"\n   href=\"/x\"   class='c  d'>t</a>",
			"<a title=\"a   b\" href=\"/x\" class='c  d'>t</a>"},
		{"a tag inside a comment opens nothing",
			"<!-- <pre> -->\n<div>\n  <p>x</p>\n</div>",
			"<div><p>x</p></div>"},
		{"doctype and head",
			"<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{{ .A }}</title>\n<link rel=\"icon\" href=\"/f.svg\">\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n",
			"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>một</title><link rel=\"icon\" href=\"/f.svg\"></head><body><p>x</p></body></html>"},
		{"if arms start from the same state",
			"<div>\n{{ if .Yes }}\n  <p>có</p>\n{{ else }}\n  <p>không</p>\n{{ end }}\n</div>",
			"<div><p>có</p></div>"},
		{"an if without else may leave text that keeps its space",
			"<p>x\n{{ if .No }}<br>{{ end }}\n<b>y</b></p>",
			"<p>x\n<b>y</b></p>"},
		{"range body does not assume the dropping state",
			"<ul>\n{{ range .L }}\n  <li>{{ . }}</li>\n{{ end }}\n</ul>",
			"<ul><li>x</li><li>y</li></ul>"},
		{"an empty range",
			"<p>a\n{{ range .Empty }}<b>{{ . }}</b>{{ end }}\n</p>",
			"<p>a\n</p>"},
		{"attributes written by an if inside a tag",
			"<link rel=\"stylesheet\" href=\"{{ .A }}\"{{ with .B }}  integrity=\"{{ . }}\"{{ end }}>\n<meta name=\"x\">",
			"<link rel=\"stylesheet\" href=\"m%e1%bb%99t\" integrity=\"hai\">\n<meta name=\"x\">"},
		{"a less-than sign that opens no tag is text",
			"<p>a < b\n\n  c</p>",
			"<p>a &lt; b\nc</p>"},
		{"defined templates are compacted too",
			"{{ define \"t\" }}<div>\n  <p>{{ .A }}</p>\n</div>{{ end }}{{ template \"t\" . }}",
			"<div><p>một</p></div>"},
	}
	m := output.NewMinifier()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := compactRun(t, tc.src, true, data)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			// Whatever was removed, the page is the same to the minifier.
			plain := compactRun(t, tc.src, false, data)
			var b1, b2 bytes.Buffer
			if x, y := string(m.Minify(&b1, "text/html", []byte(got))), string(m.Minify(&b2, "text/html", []byte(plain))); x != y {
				t.Errorf("minified differently:\ncompacted %q\nas written %q", x, y)
			}
		})
	}
}

// A template whose markup the scan cannot follow is left as written.
func TestCompactTreeLeavesWhatItCannotRead(t *testing.T) {
	for _, src := range []string{
		"<h{{ .N }}>\n  x\n</h{{ .N }}>\n",                        // tag name from an action
		"<div>\n{{ if .Yes }}<a href=\"{{ end }}\n</div>\n",       // arms end apart
		"<div>\n  <p title=\"unclosed>\n  </div>\n",               // ends inside a tag
		"<div>\n{{ range .L }}<span class=\"{{ end }}\"></div>\n", // body not balanced
	} {
		tree, err := template.New("x").Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		before := tree.Tree.Root.String()
		compactTree(tree.Tree)
		if after := tree.Tree.Root.String(); after != before {
			t.Errorf("%q was changed:\n%s", src, after)
		}
	}
}

// Compacting moves no node, so a run-time error still names the layout's
// own line.
func TestCompactKeepsLines(t *testing.T) {
	src := "<div>\n\n\n  <p>\n    {{ index .L 5 }}\n  </p>\n</div>\n"
	tm, err := template.New("layouts/x.html").Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	compactTree(tm.Tree)
	err = tm.Execute(&bytes.Buffer{}, map[string]any{"L": []int{1}})
	if err == nil || !strings.Contains(err.Error(), "layouts/x.html:5:") {
		t.Fatalf("error %v does not name line 5", err)
	}
}

// FuzzCompactTree: whatever the layout, compacting it must not change the
// page as the minifier sees it.
func FuzzCompactTree(f *testing.F) {
	for _, s := range []string{
		"<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n",
		"<p><b>x</b>  \n  <i>y</i></p>",
		"<pre>\n  a\n</pre>\n<p> b </p>",
		"<div>\n{{ if .Yes }}\n  <p>có</p>\n{{ else }}\n  <span> không </span>\n{{ end }}\n</div>",
		"<ul>\n{{ range .L }}\n  <li> {{ . }} </li>\n{{ end }}\n</ul>",
		"<a title=\"a   b\"\n   href=\"/x\">t</a> <em>u</em>",
		"<script>var a = 1;\n  </script>\n<textarea> x </textarea>",
		"<p>a < b\n\n  c</p><!-- x -->\n<br>\n<img src=\"/a.png\" alt=\"\"> z",
	} {
		f.Add(s)
	}
	data := map[string]any{"A": "một", "B": "hai", "Yes": true, "No": false, "L": []string{"x", "y"}}
	m := output.NewMinifier()
	f.Fuzz(func(t *testing.T, src string) {
		// Script, style, SVG and MathML content goes to other minifiers,
		// whose refusal of invalid code returns the page as it was: the
		// comparison would be of unminified pages. The table tests cover
		// them.
		if l := strings.ToLower(src); strings.Contains(l, "<script") || strings.Contains(l, "<style") || strings.Contains(l, "<svg") || strings.Contains(l, "<math") {
			return
		}
		run := func(compact bool) (string, bool) {
			tm, err := template.New("x").Parse(src)
			if err != nil {
				return "", false
			}
			if compact {
				for _, x := range tm.Templates() {
					compactTree(x.Tree)
				}
			}
			var b bytes.Buffer
			if err := tm.Execute(&b, data); err != nil {
				return "", false
			}
			return b.String(), true
		}
		plain, ok := run(false)
		if !ok {
			return
		}
		got, ok := run(true)
		if !ok {
			t.Fatalf("compacted template failed where the original ran: %q", src)
		}
		var b1, b2 bytes.Buffer
		if x, y := string(m.Minify(&b1, "text/html", []byte(got))), string(m.Minify(&b2, "text/html", []byte(plain))); x != y {
			t.Fatalf("template %q\ncompacted minifies to %q\nas written to      %q", src, x, y)
		}
	})
}

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
		{"an empty phrasing element keeps the space after it (an icon)",
			"<p>\n<i class=\"icon\"></i> x <span></span>\n<b>y</b></p>",
			"<p><i class=\"icon\"></i> x <span></span>\n<b>y</b></p>"},
		{"a phrasing element an action fills may be empty",
			"<div>\n<em>{{ .No }}</em> <b>y</b></div>",
			"<div><em>false</em> <b>y</b></div>"},
		{"a void element is never empty: the space after it goes as before",
			"<div>\n<meta name=\"x\">{{ if .Yes }} <b>y</b>{{ end }}</div>",
			"<div><meta name=\"x\"><b>y</b></div>"},
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

// compactHTMLCases are fragments as goldmark writes them, and ones that
// must go to the minifier.
var compactHTMLCases = []struct {
	in   string
	want string // "" when CompactHTML must decline
}{
	{"<p>Một <strong>hai</strong> ba.</p>\n<h2 id=\"muc-dich\">Mục đích</h2>\n<ul>\n<li>a</li>\n<li><a href=\"/x/#y\">b</a></li>\n</ul>\n",
		"<p>Một <strong>hai</strong> ba.</p><h2 id=\"muc-dich\">Mục đích</h2><ul><li>a</li><li><a href=\"/x/#y\">b</a></li></ul>"},
	{"<table>\n<thead>\n<tr>\n<th class=\"align-left\">A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b c</td>\n</tr>\n</tbody>\n</table>\n",
		"<table><thead><tr><th class=\"align-left\">A</th></tr></thead><tbody><tr><td>b c</td></tr></tbody></table>"},
	{"<blockquote>\n<p>x\ny</p>\n</blockquote>\n<hr>\n<p><em>a</em>  <code>b  c</code></p>\n", "<blockquote><p>x\ny</p></blockquote><hr><p><em>a</em> <code>b c</code></p>"},
	// Character references goldmark writes in text are rewritten as the
	// minifier does; any other, or one in an attribute, goes to it.
	{"<p>a &amp; b &amp;c &lt;d&gt; &quot;e&quot;</p>", "<p>a & b &amp;c &lt;d> \"e\"</p>"},
	{"<p>&ldquo;Dân biết&rdquo; &ndash; &lsquo;dân bàn&rsquo; &mdash; x&hellip; &laquo;y&raquo;</p>\n", "<p>&ldquo;Dân biết&rdquo; &ndash; &lsquo;dân bàn&rsquo; &mdash; x&mldr; &#171;y&#187;</p>"},
	{"<p>x &amp;</p>", "<p>x &</p>"},
	{"<p>a&nbsp;b</p>", ""},
	{"<p>a&#39;b</p>", ""},
	{"<p>a &amp b</p>", ""},
	{"<a href=\"/a?b=1&amp;c=2\">x</a>", ""},
	{"<img alt=\"a &amp; b\">", ""},
	{"<a title=\"&quot;x&quot;\">y</a>", ""},
	{"<pre><code>a\n  b\n</code></pre>\n", ""},
	{"<p>x</p>\n<!-- c -->\n", ""},
	{"<svg><path d=\"M2 4\"/></svg>", ""},
	{"<P>x</P>", ""},
	{"<p class=\" a\">x</p>", ""},
	{"<p class=\"a  b\">x</p>", ""},
	{"<p class=a>x</p>", ""},
	{"<br/>", ""},
	{"<input disabled>", ""},
	{"<p>a > b</p>", ""},
	// The minifier's own rules, found by FuzzCompactHTML: an empty
	// phrasing element keeps the space after it; an anchor is not one.
	{"<p><i class=\"icon\"></i> x <span></span> y</p>", "<p><i class=\"icon\"></i> x <span></span> y</p>"},
	{"<strong></strong> <a>x</a>", "<strong></strong> <a>x</a>"},
	{"<strong> </strong> 0", "<strong></strong>0"},
	{"<a></a> <em>x</em>", "<a></a><em>x</em>"},
	{" <em> x </em> \n", "<em>x</em>"},
	{"<p>x</p>\n<p> <em>y</em> </p>\n", "<p>x</p><p><em>y</em></p>"},
}

func TestCompactHTML(t *testing.T) {
	m := output.NewMinifier()
	for _, tc := range compactHTMLCases {
		got, ok := CompactHTML(nil, []byte(tc.in))
		if tc.want == "" {
			if ok {
				t.Errorf("%q: compacted to %q, want it left to the minifier", tc.in, got)
			}
			continue
		}
		if !ok || string(got) != tc.want {
			t.Errorf("%q: got %q (ok %v), want %q", tc.in, got, ok, tc.want)
		}
		if min := m.Minify(new(bytes.Buffer), "text/html", []byte(tc.in)); string(min) != tc.want {
			t.Errorf("%q: the minifier gives %q, the case says %q", tc.in, min, tc.want)
		}
	}
}

// FuzzCompactHTML: whenever CompactHTML takes a fragment, its result is
// the minifier's, byte for byte.
func FuzzCompactHTML(f *testing.F) {
	for _, tc := range compactHTMLCases {
		f.Add(tc.in)
	}
	m := output.NewMinifier()
	f.Fuzz(func(t *testing.T, src string) {
		got, ok := CompactHTML(make([]byte, 0, 8), []byte(src))
		if !ok {
			return
		}
		if min := m.Minify(new(bytes.Buffer), "text/html", []byte(src)); string(got) != string(min) {
			t.Fatalf("%q: compacted %q, minified %q", src, got, min)
		}
	})
}

// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it tests the fork's own code (portal_*.go).

package template

import (
	"fmt"
	stdhtml "html/template"
	"strings"
	"testing"
	"unicode/utf8"
)

var stringFormInputs = []string{
	"", "plain", "Chỉ số Hiệu quả quản trị & hành chính công <cấp tỉnh>",
	"/van-ban/ke-hoach-2023/", "/tags/c%C3%B4ng-khai/", "/a b/?q=1&r=2#x", "%zz%4", "%",
	"javascript:alert(1)", "JavaScript:x", "HTTPS://example.org/", "mailto:a@b.vn", "data:x", "/a:b", "a/b:c",
	"'\"`=+ \t\n<>&", "a\x00b", "\u2028\u2029", "\xff\xfe", "\xef\xb7\x90", "\ufdd0\ufff0",
	"line\nbreak", "<script>", "</script>", "emoji 😀", "[]!$*,;@~._-",
}

func checkStringForms(t *testing.T, s string) {
	t.Helper()
	for name, form := range stringForms {
		fn, ok := funcMap[name].(func(...any) string)
		if !ok {
			t.Fatalf("%s: no escaper of type func(...any) string", name)
		}
		if got, want := form(s), fn(s); got != want {
			t.Errorf("%s(%q): string form %q, escaper %q", name, s, got, want)
		}
	}
}

func TestStringFormsMatch(t *testing.T) {
	for _, s := range stringFormInputs {
		checkStringForms(t, s)
	}
}

func FuzzStringForms(f *testing.F) {
	for _, s := range stringFormInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkStringForms(t, s) })
}

// The string forms change how escapers are called, never what a page
// says: each template gives the same output as with the forms dropped
// (Funcs redefining the escapers with themselves drops them).
func TestStringFormsSameOutput(t *testing.T) {
	type page struct {
		Title, URL string
		Body       HTML
		Link       URL
		N          int
		List       []string
	}
	data := page{Title: `Kế hoạch <2023> & "PAPI"`, URL: "/van-ban/kế hoạch/?a=1&b=2", Body: "<b>x</b>", Link: "javascript:ok()", N: 3, List: []string{"a b", "<c>", "javascript:d"}}
	for _, src := range []string{
		`<p>{{ .Title }}</p>`,
		`<a href="{{ .URL }}" title="{{ .Title }}">{{ .Title }}</a>`,
		`<a href="/x?q={{ .Title }}">x</a>`,
		`<a href="{{ .Link }}">{{ .Body }}</a>`,
		`<img alt={{ .Title }}>`,
		`<textarea>{{ .Title }}</textarea><title>{{ .Title }}</title>`,
		`<script>var t = {{ .Title }}, n = {{ .N }};</script>`,
		`<script type="application/ld+json">{"name":{{ .Title }},"url":{{ .URL }}}</script>`,
		`{{ $t := .Title }}<p>{{ $t }}</p>{{ $t = .URL }}<a href="{{ $t }}">x</a>`,
		`<p>{{ .Title | printf "%s!" }}</p><p>{{ printf "%d" .N }}</p>`,
		`<p>{{ .N }}</p><p>{{ .Body }}</p>`,
		`<p {{ .Title }}>x</p>`,
		`{{ range $i, $e := .List }}{{ if lt $i 2 }}<i>{{ $e }}</i><a href="{{ $e }}">x</a>{{ end }}{{ end }}`,
	} {
		fast := Must(New("x").Parse(src))
		var got strings.Builder
		if err := fast.Execute(&got, data); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		slow := Must(New("x").Parse(src))
		var want strings.Builder
		if err := slow.Execute(&want, data); err != nil { // escapes
			t.Fatalf("%s: %v", src, err)
		}
		if forms := slow.text.StringForms(); len(forms) == 0 {
			t.Fatalf("%s: escaping gave no string forms", src)
		}
		slow.text.Funcs(funcMap) // drops the forms
		if forms := slow.text.StringForms(); len(forms) != 0 {
			t.Fatalf("%s: redefined escapers kept forms %v", src, forms)
		}
		want.Reset()
		if err := slow.Execute(&want, data); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got.String() != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", src, got.String(), want.String())
		}
	}
}

// StreamTwin: an action in HTML text that is nothing but a call of the
// function calls its twin; anywhere else (other contexts, pipelines,
// assignments, conditions, arguments) the function itself is called.
func TestStreamTwin(t *testing.T) {
	funcs := FuncMap{
		"p":    func(s string) HTML { return HTML("<b>" + s + "</b>") },
		"pw":   func(s string) HTML { return HTML("<i>" + s + "</i>") },
		"up":   func(v any) string { return strings.ToUpper(fmt.Sprint(v)) },
		"list": func(v ...any) []any { return v },
	}
	tests := []struct{ src, want string }{
		{`<p>{{ p "a" }}</p>`, `<p><i>a</i></p>`},
		{`{{ if true }}<div>{{ p "a" }}</div>{{ end }}`, `<div><i>a</i></div>`},
		{`{{ range list 1 2 }}{{ p "a" }}{{ end }}`, `<i>a</i><i>a</i>`},
		{`{{ define "t" }}{{ p "d" }}{{ end }}{{ template "t" }}`, `<i>d</i>`},
		{`<a title="{{ p "a" }}">x</a>`, `<a title="a">x</a>`},
		{`<title>{{ p "a" }}</title>`, `<title>&lt;b&gt;a&lt;/b&gt;</title>`},
		{`<script>var x = {{ p "a" }};</script>`, `<script>var x = "\u003cb\u003ea\u003c/b\u003e";</script>`},
		{`{{ p "a" | up }}`, `&lt;B&gt;A&lt;/B&gt;`},
		{`{{ $x := p "a" }}{{ $x }}`, `<b>a</b>`},
		{`{{ if p "a" }}yes{{ end }}`, `yes`},
		{`{{ up (p "a") }}`, `&lt;B&gt;A&lt;/B&gt;`},
	}
	for _, tc := range tests {
		tm := Must(New("x").Funcs(funcs).StreamTwin("p", "pw").Parse(tc.src))
		var b strings.Builder
		if err := tm.Execute(&b, nil); err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if b.String() != tc.want {
			t.Errorf("%s: got %s, want %s", tc.src, b.String(), tc.want)
		}
	}
	// A clone keeps the twin; a set without it calls the function.
	tm := Must(New("x").Funcs(funcs).StreamTwin("p", "pw").Parse(`{{ p "a" }}`))
	c := Must(tm.Clone())
	var b strings.Builder
	if err := c.Execute(&b, nil); err != nil || b.String() != "<i>a</i>" {
		t.Errorf("clone: %q, %v", b.String(), err)
	}
	b.Reset()
	if err := Must(New("x").Funcs(funcs).Parse(`{{ p "a" }}`)).Execute(&b, nil); err != nil || b.String() != "<b>a</b>" {
		t.Errorf("no twin: %q, %v", b.String(), err)
	}
}

// A clone's twins are its own: declaring one on the clone leaves the
// original as it was.
func TestStreamTwinCloneNotShared(t *testing.T) {
	funcs := FuncMap{
		"p":  func() HTML { return "p" },
		"q":  func() HTML { return "q" },
		"pw": func() HTML { return "pw" },
		"qw": func() HTML { return "qw" },
	}
	orig := Must(New("x").Funcs(funcs).StreamTwin("p", "pw").Parse(`{{ p }}{{ q }}`))
	c := Must(orig.Clone())
	c.StreamTwin("q", "qw")
	for _, tc := range []struct {
		tm   *Template
		want string
	}{{c, "pwqw"}, {orig, "pwq"}} {
		var b strings.Builder
		if err := tc.tm.Execute(&b, nil); err != nil || b.String() != tc.want {
			t.Errorf("got %q, %v; want %q", b.String(), err, tc.want)
		}
	}
}

// A mistake in the markup of a layout names the file and line of the text
// it is in, not only the template that was executed.
func TestTextNodeErrorNamesLine(t *testing.T) {
	set := Must(New("page").Parse(`{{ template "layouts/x.html" . }}`))
	Must(set.New("layouts/x.html").Parse("<p>\n\n<a href=\"{{ . }}>x</a>\n<h1 class=\"t\">y</h1>\n"))
	err := set.Execute(new(strings.Builder), "u")
	if err == nil || !strings.Contains(err.Error(), "layouts/x.html:3:") {
		t.Fatalf("err = %v, want one naming layouts/x.html:3", err)
	}
}

// The fork's output is the standard library's, byte for byte: the
// escapers are upstream's, and what the fork changes in the executor
// changes how fast, not what.
func TestSameAsStandardLibrary(t *testing.T) {
	type page struct {
		Title, URL string
		Body       HTML
		Link       URL
		N          int
		List       []string
		M          map[string]any
	}
	funcs := FuncMap{
		"up":   strings.ToUpper,
		"join": func(a ...any) string { return fmt.Sprint(a...) },
	}
	sources := []string{
		`<p>{{ .Title }}</p><p>{{ .Title | up }}</p><p>{{ join .Title .N }}</p>`,
		`<a href="{{ .URL }}" title="{{ .Title }}">{{ .Title }}</a><a href="/x?q={{ .Title }}&n={{ .N }}">x</a>`,
		`<a href="{{ .Link }}">{{ .Body }}</a><a href={{ .URL }}>y</a><img alt={{ .Title }} srcset="{{ .URL }} 2x">`,
		`<textarea>{{ .Title }}</textarea><title>{{ .Title }}</title><!-- {{ .Title }} -->`,
		`<script>var t = {{ .Title }}, n = {{ .N }}, l = {{ .List }}, s = "{{ .Title }}";</script>`,
		`<style>p { color: {{ .Title }}; background: url({{ .URL }}) }</style><p style="width: {{ .N }}px">`,
		`{{ range $i, $e := .List }}{{ if lt $i 2 }}<i>{{ $e }}</i><a href="{{ $e }}">{{ len $e }}</a>{{ else }}{{ break }}{{ end }}{{ end }}`,
		`{{ with .M }}{{ .a }} {{ index . "b" }} {{ .missing }}{{ end }}{{ $x := .Title }}{{ $x = printf "%s/%d" $x .N }}<b>{{ $x }}</b>`,
		`<meta http-equiv="refresh" content="0; url={{ .Link }}"><p {{ .Title }}>x</p><button onclick="f({{ .Title }})">b</button>`,
	}
	data := page{
		Title: `Kế hoạch <2023> & "PAPI" 'x' +1`, URL: "/văn bản/kế hoạch/?a=1&b=2#c d", Body: "<b>x</b>",
		Link: "javascript:ok()", N: 3, List: []string{"a b", "<c>", "javascript:d", "e"},
		M: map[string]any{"a": "<a>", "b": 2},
	}
	for _, src := range sources {
		var got, want strings.Builder
		if err := Must(New("x").Funcs(funcs).Parse(src)).Execute(&got, data); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if err := stdhtml.Must(stdhtml.New("x").Funcs(funcs).Parse(src)).Execute(&want, data); err != nil {
			t.Fatalf("%s: standard library: %v", src, err)
		}
		if got.String() != want.String() {
			t.Errorf("%s:\n fork %s\n std  %s", src, got.String(), want.String())
		}
	}
}

// plainHTMLEscape's byte scan holds only while every entry of the table
// is an ASCII byte: a longer table would have runes that the bytes of a
// multi-byte sequence decode to.
func TestHTMLEscapesCoverTheTable(t *testing.T) {
	if len(htmlReplacementTable) > utf8.RuneSelf {
		t.Fatalf("htmlReplacementTable has %d entries, beyond ASCII: plainHTMLEscape's byte scan no longer matches htmlReplacer", len(htmlReplacementTable))
	}
	for b := 0; b < 256; b++ {
		s := string([]byte{'a', byte(b), 'z'})
		if changed := htmlReplacer(s, htmlReplacementTable, true) != s; changed != htmlEscapes[b] {
			t.Errorf("byte %#x: htmlReplacer changes it %v, htmlEscapes says %v", b, changed, htmlEscapes[b])
		}
	}
}

package template

import (
	"strings"
	"testing"
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

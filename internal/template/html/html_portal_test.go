package template

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// htmlReplacerStd is the standard library's htmlReplacer, kept to check
// the fork's faster one against.
func htmlReplacerStd(s string, replacementTable []string, badRunes bool) string {
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

var replacerTables = [][]string{htmlReplacementTable, htmlNormReplacementTable, htmlNospaceReplacementTable, htmlNospaceNormReplacementTable}

func checkReplacer(t *testing.T, s string) {
	t.Helper()
	for ti, table := range replacerTables {
		for _, bad := range []bool{false, true} {
			if got, want := htmlReplacer(s, table, bad), htmlReplacerStd(s, table, bad); got != want {
				t.Errorf("table %d, badRunes %v, %q: got %q, want %q", ti, bad, s, got, want)
			}
		}
	}
}

func TestHTMLReplacerMatchesStd(t *testing.T) {
	for _, s := range []string{
		"", "plain", "Chỉ số Hiệu quả quản trị & hành chính công <cấp tỉnh>",
		"\u00a0\u07ff\u0800\u0fff\u1000\ucfff\ud7ff\ue000\uefff\uf000\ufdd0\ufdef\ufff0\ufffd\uffff\U00010000",
		"\xc2", "\xc2A", "\xe1\xba", "\xe1\xbaA", "\xe1\xba\xa1", "\xed\xa0\x80", "\xef\xbf\xbd", "\xff", "\x80\x80",
		"\xe0\x80\x80", "\xf0\x9f\x98\x80 emoji", "a\x00b", "'\"`=+ \t\n",
	} {
		checkReplacer(t, s)
	}
}

func FuzzHTMLReplacer(f *testing.F) {
	f.Add("Người dân <tham gia> & \"góp ý\"")
	f.Add("\xef\xb7\x90\xe1")
	f.Fuzz(func(t *testing.T, s string) { checkReplacer(t, s) })
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

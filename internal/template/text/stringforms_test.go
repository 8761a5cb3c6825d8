package template

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// A function's string form is called for a lone command on a value of
// type string; anywhere else the function itself is.
func TestStringForms(t *testing.T) {
	type named string
	var formCalls int
	funcs := FuncMap{
		"up": func(v ...any) string {
			return "U(" + strings.ToUpper(v[len(v)-1].(interface{ String() string }).String()) + ")"
		},
		"wrap": func(v ...any) string { return "[" + toString(v[len(v)-1]) + "]" },
		"str":  func() string { return "s" },
		"nm":   func() named { return "n" },
	}
	forms := map[string]func(string) string{
		"wrap":   func(s string) string { formCalls++; return "[" + s + "]" },
		"nosuch": func(s string) string { return "?" },
	}
	data := map[string]any{"S": "abc", "N": named("nnn"), "I": 7}
	tests := []struct {
		src, want string
		calls     int
	}{
		{`{{ .S | wrap }}`, `[abc]`, 1},
		{`{{ .S | wrap | wrap }}`, `[[abc]]`, 2},
		{`{{ str | wrap }}`, `[s]`, 1},
		{`{{ wrap .S }}`, `[abc]`, 0},       // an argument, not the pipeline's value
		{`{{ .S | wrap "x" }}`, `[abc]`, 0}, // not a lone command
		{`{{ .N | wrap }}`, `[nnn]`, 0},     // a named string type
		{`{{ nm | wrap }}`, `[n]`, 0},       // ditto, from a function
		{`{{ .I | wrap }}`, `[7]`, 0},       // not a string
		{`{{ $x := .S | wrap }}{{ $x }}`, `[abc]`, 1},
		{`{{ $x := "" }}{{ $x = .S | wrap }}{{ $x }}`, `[abc]`, 1},
		{`{{ if .S | wrap }}yes{{ end }}`, `yes`, 1},
		{`{{ .S | wrap | printf "%s!" }}`, `[abc]!`, 1},
		{`{{ .S | wrap | len }}`, `5`, 1},
		{`{{ with .S | wrap }}{{ . }}{{ end }}`, `[abc]`, 1},
	}
	for _, tc := range tests {
		tm := Must(New("x").Funcs(funcs).Parse(tc.src)).SetStringForms(forms)
		formCalls = 0
		var b strings.Builder
		if err := tm.Execute(&b, data); err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if b.String() != tc.want || formCalls != tc.calls {
			t.Errorf("%s: got %q with %d form calls, want %q with %d", tc.src, b.String(), formCalls, tc.want, tc.calls)
		}
	}

	tm := Must(New("x").Funcs(funcs).Parse(`{{ .S | wrap }}`)).SetStringForms(forms)
	if got := tm.StringForms(); !reflect.DeepEqual(got, []string{"wrap"}) {
		t.Errorf("forms %v, want [wrap] (a name outside the function map is ignored)", got)
	}
	// A clone keeps the forms; redefining the function drops its form,
	// in that template set only.
	c := Must(tm.Clone())
	c.Funcs(FuncMap{"wrap": func(v ...any) string { return "<" + toString(v[0]) + ">" }})
	var b strings.Builder
	formCalls = 0
	if err := c.Execute(&b, data); err != nil || b.String() != "<abc>" || formCalls != 0 {
		t.Errorf("redefined on the clone: %q, %d form calls, %v", b.String(), formCalls, err)
	}
	b.Reset()
	if err := tm.Execute(&b, data); err != nil || b.String() != "[abc]" || formCalls != 1 {
		t.Errorf("original after the clone's change: %q, %d form calls, %v", b.String(), formCalls, err)
	}
	if got := c.StringForms(); len(got) != 0 {
		t.Errorf("clone forms after redefinition: %v", got)
	}
}

func toString(v any) string { return fmt.Sprint(v) }

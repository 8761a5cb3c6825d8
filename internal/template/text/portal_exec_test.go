// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it tests the fork's own code (portal_*.go).

package template

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	stdhtml "html/template"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fastCall must give what reflect.Value.Call (safeCall) gives: the same
// value, the same error, a recovered panic as an error.
func TestFastCallMatchesReflect(t *testing.T) {
	boom := errors.New("boom")
	rv := func(v any) reflect.Value { return reflect.ValueOf(reflect.ValueOf(v)) }
	cases := []struct {
		name string
		fn   any
		args []reflect.Value
	}{
		{"variadic string", func(a ...any) string { return reflect.TypeOf(a).String() + fmt.Sprint(a...) }, []reflect.Value{reflect.ValueOf("a"), reflect.ValueOf(2)}},
		{"variadic none", func(a ...any) string { return "n" }, nil},
		{"variadic panics", func(a ...any) string { panic("no") }, []reflect.Value{reflect.ValueOf(1)}},
		{"variadic panics error", func(a ...any) string { panic(boom) }, []reflect.Value{reflect.ValueOf(1)}},
		{"one any", func(a any) string { return "v" }, []reflect.Value{reflect.ValueOf(3.5)}},
		{"two any bool", func(a, b any) bool { return a == b }, []reflect.Value{reflect.ValueOf("a"), reflect.ValueOf("a")}},
		{"two any error", func(a, b any) (string, error) { return "", boom }, []reflect.Value{reflect.ValueOf(1), reflect.ValueOf(2)}},
		{"url error", func(a any) (stdhtml.URL, error) { return "u", nil }, []reflect.Value{reflect.ValueOf("x")}},
		{"partial", func(n string, c ...any) (stdhtml.HTML, error) { return stdhtml.HTML(n), nil }, []reflect.Value{reflect.ValueOf("p"), reflect.ValueOf(1)}},
		{"partialCached", func(n string, c any, k ...any) (stdhtml.HTML, error) { return "", boom }, []reflect.Value{reflect.ValueOf("p"), reflect.ValueOf(1)}},
		{"not", not, []reflect.Value{rv(0)}},
		{"ne", ne, []reflect.Value{rv(1), rv(2)}},
		{"lt mismatched", lt, []reflect.Value{rv(1), rv("a")}},
		{"eq many", eq, []reflect.Value{rv(1), rv(2), rv(1)}},
		{"len", length, []reflect.Value{rv([]int{1, 2})}},
		{"len bad", length, []reflect.Value{rv(3)}},
	}
	for _, c := range cases {
		for _, noRetain := range []bool{false, true} {
			t.Run(fmt.Sprint(c.name, noRetain), func(t *testing.T) {
				fun := reflect.ValueOf(c.fn)
				if !isFastType(fun.Type()) {
					t.Fatalf("%s is not a fast type", fun.Type())
				}
				var p portalState
				got, gotErr := p.fastCall(fun, c.args, noRetain)
				want, wantErr := safeCall(fun, c.args)
				if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
					t.Fatalf("error %v, want %v", gotErr, wantErr)
				}
				if wantErr != nil {
					return
				}
				if got.Type() != want.Type() || !reflect.DeepEqual(got.Interface(), want.Interface()) {
					t.Errorf("got %v (%s), want %v (%s)", got, got.Type(), want, want.Type())
				}
			})
		}
	}
}

// The stack of argument lists is back where it started after each call,
// the call builtin's longer list included, and a popped list is cleared.
func TestArgStack(t *testing.T) {
	var p portalState
	a := p.pushArgs(2)
	a[0], a[1] = reflect.ValueOf(1), reflect.ValueOf(2)
	b := p.pushArgs(1)
	b[0] = reflect.ValueOf(3)
	if len(p.args) != 3 {
		t.Fatalf("stack %d deep, want 3", len(p.args))
	}
	// Like the call builtin: a longer list is called, the pushed one popped.
	if _, err := p.call(reflect.ValueOf(func(a ...any) string { return "" }), variadicStringType, append([]reflect.Value{reflect.ValueOf("f")}, b...), 1, true, "call"); err != nil {
		t.Fatal(err)
	}
	if len(p.args) != 2 || p.args[:3][2].IsValid() {
		t.Fatalf("after the inner call: %d deep, popped slot %v", len(p.args), p.args[:3][2])
	}
	if _, err := p.call(reflect.ValueOf(func(a, b int) int { return a + b }), reflect.TypeFor[func(a, b int) int](), a, 2, false, "add"); err != nil {
		t.Fatal(err)
	}
	if len(p.args) != 0 {
		t.Fatalf("after the outer call: %d deep", len(p.args))
	}
	// Through templates: nested calls, call, and/or, in a loop.
	funcs := FuncMap{
		"add": func(a, b int) int { return a + b },
		"f":   func(a ...any) string { return fmt.Sprint(len(a)) },
		"fn":  func() func(int) int { return func(i int) int { return i * 2 } },
	}
	src := `{{ range $i, $e := .L }}{{ add $i (add 1 (call fn $e)) }} {{ f (f 1 2) (or 0 $e) }} {{ and $e (eq $e 2) }}|{{ end }}`
	var sb strings.Builder
	if err := Must(New("x").Funcs(funcs).Parse(src)).Execute(&sb, map[string]any{"L": []int{1, 2, 3}}); err != nil {
		t.Fatal(err)
	}
	if want := "3 2 false|6 2 true|9 2 false|"; sb.String() != want {
		t.Errorf("got %q, want %q", sb.String(), want)
	}
}

type lookupT struct{ A, b int }

func (lookupT) M() int { return 1 }

type lookupU struct {
	*lookupT
	A string
	C int
}

// The caches answer what reflect answers, for hits and misses, whether
// or not fieldByName follows a methodByName of the same name and type,
// as it does in evalField.
func TestLookupCaches(t *testing.T) {
	var p portalState
	checkField := func(typ reflect.Type, name string) {
		t.Helper()
		got, gotOK := p.fieldByName(typ, name)
		want, wantOK := typ.FieldByName(name)
		if gotOK != wantOK || gotOK && !reflect.DeepEqual(*got, want) {
			t.Errorf("fieldByName %s.%s = %+v %v, want %+v %v", typ, name, got, gotOK, want, wantOK)
		}
	}
	for range 2 {
		for _, v := range []reflect.Value{reflect.ValueOf(lookupT{A: 5}), reflect.ValueOf(&lookupT{A: 5}), reflect.ValueOf(&lookupU{lookupT: &lookupT{}})} {
			if m := p.methodByName(v, "M"); !m.IsValid() || m.Call(nil)[0].Int() != 1 {
				t.Errorf("methodByName %s M = %v", v.Type(), m)
			}
			st := reflect.Indirect(v).Type()
			for _, name := range []string{"A", "b", "C", "Z"} {
				if m := p.methodByName(v, name); m.IsValid() {
					t.Errorf("methodByName %s %s = %v, want none", v.Type(), name, m)
				}
				checkField(st, name) // after a lookup of the same name
			}
			checkField(st, "C") // after a lookup of another name
		}
		// After a lookup on another type with the same name.
		p.methodByName(reflect.ValueOf(&lookupU{}), "A")
		checkField(reflect.TypeFor[lookupT](), "A")
		p.member = nil
		checkField(reflect.TypeFor[lookupU](), "A")
	}
}

// A FuncMap entry that is a typed nil func fails the call with reflect's
// error, as the standard library's template does, instead of a crash.
func TestNilFuncCall(t *testing.T) {
	tmpl := Must(New("t").Funcs(FuncMap{"f": (func(any) string)(nil)}).Parse(`{{f 1}}`))
	err := tmpl.Execute(io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "call of nil function") {
		t.Errorf("err = %v, want the nil function error", err)
	}
}

// fprint writes what fmt.Fprint writes.
func TestFprint(t *testing.T) {
	type named string
	for _, v := range []any{"", "a b", named("n"), 3, nil, []string{"x"}, errors.New("e")} {
		var got, want strings.Builder
		fprint(&got, v)
		fmt.Fprint(&want, v)
		if got.String() != want.String() {
			t.Errorf("fprint(%#v) = %q, want %q", v, got.String(), want.String())
		}
	}
}

// A function's string form is called for an action's trailing lone
// commands (where html/template puts its escapers) once the value that
// reaches them is exactly a string; anywhere else the function itself is.
func TestStringForms(t *testing.T) {
	type named string
	var formCalls int
	funcs := FuncMap{
		"up":   func(v ...any) string { return "U(" + strings.ToUpper(toString(v[len(v)-1])) + ")" },
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
		// Not an action's tail: a declaration, a condition, a command
		// before another function, a parenthesised pipeline.
		{`{{ $x := .S | wrap }}{{ $x }}`, `[abc]`, 0},
		{`{{ $x := "" }}{{ $x = .S | wrap }}{{ $x }}`, `[abc]`, 0},
		{`{{ if .S | wrap }}yes{{ end }}`, `yes`, 0},
		{`{{ with .S | wrap }}{{ . }}{{ end }}`, `[abc]`, 0},
		{`{{ .S | wrap | printf "%s!" }}`, `[abc]!`, 0},
		{`{{ .S | wrap | len }}`, `5`, 0},
		{`{{ .S | wrap | up }}`, `U([ABC])`, 0},
		{`{{ wrap (.S | wrap) }}`, `[[abc]]`, 0},
		// The tail's forms take over from the first command that
		// receives a string, whatever comes before.
		{`{{ .N | wrap | wrap }}`, `[[nnn]]`, 1},
		{`{{ .I | wrap | wrap | wrap }}`, `[[[7]]]`, 2},
		{`{{ .S | printf "%s!" | wrap | wrap }}`, `[[abc!]]`, 2},
		{`{{ .S | wrap | printf "%s!" | wrap }}`, `[[abc]!]`, 1},
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

// evalAction repeats evalPipeline's loop over the commands, its own
// string-form step aside: a copy that drifted from the generated
// exec.go (a newer Go release, a slip) would evaluate actions unlike
// every other pipeline.
func TestEvalActionRepeatsUpstream(t *testing.T) {
	loop := func(file, fn string) []string {
		t.Helper()
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var stmts []string
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != fn {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				r, ok := n.(*ast.RangeStmt)
				if !ok || stmts != nil {
					return stmts == nil
				}
				for _, st := range r.Body.List {
					var b strings.Builder
					if err := printer.Fprint(&b, fset, st); err != nil {
						t.Fatal(err)
					}
					stmts = append(stmts, b.String())
				}
				return false
			})
		}
		if stmts == nil {
			t.Fatalf("%s: no loop in %s", file, fn)
		}
		return stmts
	}
	upstream := loop("exec.go", "evalPipeline")
	ours := loop("portal_exec.go", "evalAction")
	if len(ours) < 1 || !strings.HasPrefix(ours[0], "if i >= head") {
		t.Fatalf("evalAction's loop does not begin with its string-form step:\n%s", strings.Join(ours, "\n"))
	}
	if !slices.Equal(ours[1:], upstream) {
		t.Errorf("evalAction's loop differs from evalPipeline's; make it repeat upstream's:\nevalPipeline:\n%s\nevalAction (after its first statement):\n%s",
			strings.Join(upstream, "\n"), strings.Join(ours[1:], "\n"))
	}
}

// A value from an unexported field, which an escaper cannot take, gets
// upstream's error from the escaper, not its string form's output.
func TestStringFormsUnexportedValue(t *testing.T) {
	forms := map[string]func(string) string{"wrap": func(s string) string { return "[" + s + "]" }}
	funcs := FuncMap{"wrap": func(v ...any) string { return "[" + fmt.Sprint(v...) + "]" }}
	for _, data := range []reflect.Value{
		reflect.ValueOf(struct{ s string }{"<s>"}).Field(0),
		reflect.ValueOf(struct{ v any }{"<x>"}).Field(0),
	} {
		tm := Must(New("x").Funcs(funcs).Parse(`{{ . | wrap }}`)).SetStringForms(forms)
		var b strings.Builder
		err := tm.Execute(&b, data)
		if err == nil || !strings.Contains(err.Error(), "error calling wrap") {
			t.Errorf("%v: got %q, %v; want the call's error", data.Type(), b.String(), err)
		}
	}
}

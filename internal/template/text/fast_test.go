package template

import (
	"errors"
	"fmt"
	stdhtml "html/template"
	"io"
	"reflect"
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
		{"variadic string", func(a ...any) string { return reflect.TypeOf(a).String() + "x" }, []reflect.Value{reflect.ValueOf("a"), reflect.ValueOf(2)}},
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
				got, gotErr, ok := (&state{}).fastCall(fun, c.args, noRetain)
				if !ok {
					t.Fatal("not called directly")
				}
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

// Other shapes, method values and invalid arguments take the general path.
func TestFastCallDeclines(t *testing.T) {
	if _, _, ok := (&state{}).fastCall(reflect.ValueOf(func(a int) int { return a }), []reflect.Value{reflect.ValueOf(1)}, false); ok {
		t.Error("called an unknown shape")
	}
	if _, _, ok := (&state{}).fastCall(reflect.ValueOf(func(a any) string { return "" }), []reflect.Value{{}}, false); ok {
		t.Error("called with an invalid argument")
	}
	if _, _, ok := (&state{}).fastCall(reflect.ValueOf(func(n string, c ...any) (stdhtml.HTML, error) { return "", nil }), []reflect.Value{reflect.ValueOf(stdhtml.HTML("x"))}, false); ok {
		t.Error("called with a first argument that is not a string")
	}
	if _, _, ok := (&state{}).fastCall(reflect.ValueOf((func(any) string)(nil)), []reflect.Value{reflect.ValueOf(1)}, false); ok {
		t.Error("called a nil func")
	}
}

type lookupT struct{ A, b int }

func (lookupT) M() int { return 1 }

// The caches answer what reflect answers, for hits and misses.
func TestLookupCaches(t *testing.T) {
	typ := reflect.TypeFor[lookupT]()
	for range 2 {
		if i := methodIndex(typ, "M"); i != 0 {
			t.Errorf("methodIndex M = %d", i)
		}
		if i := methodIndex(typ, "A"); i != -1 {
			t.Errorf("methodIndex A = %d", i)
		}
		if f := structField(typ, "A"); !f.ok || !f.exported || !reflect.DeepEqual(f.index, []int{0}) {
			t.Errorf("structField A = %+v", f)
		}
		if f := structField(typ, "b"); !f.ok || f.exported {
			t.Errorf("structField b = %+v", f)
		}
		if f := structField(typ, "Z"); f.ok {
			t.Errorf("structField Z = %+v", f)
		}
	}
	if i := methodIndex(reflect.PointerTo(typ), "M"); i != 0 {
		t.Errorf("methodIndex *T M = %d", i)
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

// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it is the fork's own code, reached from the lines marked
// "portal:" in the copied files (see ../README.md).

package template

import (
	"fmt"
	stdhtml "html/template"
	"io"
	"maps"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	stdtext "text/template"
	"text/template/parse"
)

// A template action costs the standard library 2–4 µs, nearly all of it
// reflection that gives the same answer every time: which method or field
// a name means on a type, and reflect.Value.Call's argument frames. The
// code below remembers the lookups and calls the function shapes
// templates use most directly. Results, errors and recovered panics are
// the same as the standard library's (portal_exec_test.go).

// stdFuncMap is the standard library's FuncMap: the fork's FuncMap is the
// same type, so a map made for text/template or html/template (such as the
// chart package's) can be given to the fork.
type stdFuncMap = stdtext.FuncMap

// typeCache remembers one fact per (type, name). Reads take no lock: the
// map is replaced, never changed, so a reader's snapshot stays valid. A
// site's templates look up a few hundred pairs, all in the first pages.
type typeCache[T any] struct {
	mu sync.Mutex
	m  atomic.Pointer[map[string][]typed[T]]
}

type typed[T any] struct {
	typ reflect.Type
	v   T
}

func (c *typeCache[T]) get(typ reflect.Type, name string, compute func(reflect.Type, string) T) T {
	if m := c.m.Load(); m != nil {
		for _, e := range (*m)[name] {
			if e.typ == typ {
				return e.v
			}
		}
	}
	v := compute(typ, name)
	c.mu.Lock()
	defer c.mu.Unlock()
	var n map[string][]typed[T]
	if old := c.m.Load(); old != nil {
		for _, e := range (*old)[name] {
			if e.typ == typ {
				return e.v // another goroutine was first
			}
		}
		n = maps.Clone(*old)
	} else {
		n = map[string][]typed[T]{}
	}
	n[name] = append(slices.Clip(n[name]), typed[T]{typ, v})
	c.m.Store(&n)
	return v
}

// fieldEntry is what reflect.Type.FieldByName says about a name.
type fieldEntry struct {
	field reflect.StructField
	ok    bool
}

// Types and their method sets never change while a program runs, so the
// caches hold facts, not state: like encoding/json's field cache, they are
// shared by every template.
var (
	methodCache typeCache[int]
	fieldCache  typeCache[fieldEntry]
)

// methodByName is v.MethodByName(name), the method's index remembered
// per type.
func methodByName(v reflect.Value, name string) reflect.Value {
	i := methodCache.get(v.Type(), name, func(typ reflect.Type, name string) int {
		if m, ok := typ.MethodByName(name); ok {
			return m.Index
		}
		return -1
	})
	if i < 0 {
		return reflect.Value{}
	}
	return v.Method(i)
}

// fieldByName is typ.FieldByName(name), remembered.
func fieldByName(typ reflect.Type, name string) (reflect.StructField, bool) {
	e := fieldCache.get(typ, name, func(typ reflect.Type, name string) fieldEntry {
		f, ok := typ.FieldByName(name)
		return fieldEntry{f, ok}
	})
	return e.field, e.ok
}

// fprint is fmt.Fprint(w, v) for one value; a string, which Fprint would
// write unchanged, is written without it.
func fprint(w io.Writer, v any) (int, error) {
	if s, ok := v.(string); ok {
		return io.WriteString(w, s)
	}
	return fmt.Fprint(w, v)
}

var stringType = reflect.TypeFor[string]()

// callFunction is evalCall for a function of the map or a builtin. When
// the function's only argument is the pipeline's value, that value is a
// string and the function takes it as a string or an interface value and
// returns a string (html/template's escapers, helpers such as upper), it
// is called directly: what evalCall would do, without its argument checks,
// its reflect.Value.Call and the boxing of the argument.
func (s *state) callFunction(dot, fun reflect.Value, isBuiltin bool, node parse.Node, name string, args []parse.Node, final reflect.Value) reflect.Value {
	if len(args) == 1 && !isBuiltin && final.IsValid() && final.Type() == stringType && !fun.IsNil() {
		if v, err, ok := callOnString(fun, final.String()); ok {
			if err != nil {
				s.at(node)
				s.errorf("error calling %s: %w", name, err)
			}
			return v
		}
	}
	return s.evalCall(dot, fun, isBuiltin, node, name, args, final)
}

// callOnString calls fun with the one argument str when fun has one of
// the shapes below; ok is false when it has not. A panic is returned as
// an error, as safeCall does.
func callOnString(fun reflect.Value, str string) (val reflect.Value, err error, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			val, err = reflect.Value{}, panicError(r)
		}
	}()
	switch f := fun.Interface().(type) {
	case func(...any) string:
		return reflect.ValueOf(f(str)), nil, true
	case func(string) string:
		return reflect.ValueOf(f(str)), nil, true
	case func(any) string:
		return reflect.ValueOf(f(str)), nil, true
	}
	return reflect.Value{}, nil, false
}

// panicError is the error safeCall makes of a recovered panic.
func panicError(r any) error {
	if e, ok := r.(error); ok {
		return e
	}
	return fmt.Errorf("%v", r)
}

// fastSafeCall is safeCall(fun, argv), without reflect.Value.Call for the
// function shapes in fastTypes.
func fastSafeCall(fun reflect.Value, argv []reflect.Value) (reflect.Value, error) {
	if fastTypes[fun.Type()] && !fun.IsNil() && allValid(argv) {
		return fastCall(fun, argv)
	}
	return safeCall(fun, argv)
}

func allValid(argv []reflect.Value) bool {
	for _, a := range argv {
		if !a.IsValid() {
			return false
		}
	}
	return true
}

// fastTypes are the function types fastCall calls: html/template's
// escapers, the comparison builtins, and the shapes of the portal's
// helpers. Checking the type first keeps a method value, whose Interface
// makes a closure, off fastCall unless its shape is one of these.
var fastTypes = map[reflect.Type]bool{
	reflect.TypeFor[func(...any) string]():                                 true,
	reflect.TypeFor[func(any) string]():                                    true,
	reflect.TypeFor[func(any, any) bool]():                                 true,
	reflect.TypeFor[func(any, any) (string, error)]():                      true,
	reflect.TypeFor[func(any) (stdhtml.URL, error)]():                      true,
	reflect.TypeFor[func(string, ...any) (stdhtml.HTML, error)]():          true,
	reflect.TypeFor[func(string, any, ...any) (stdhtml.HTML, error)]():     true,
	reflect.TypeFor[func(reflect.Value) bool]():                            true,
	reflect.TypeFor[func(reflect.Value, reflect.Value) (bool, error)]():    true,
	reflect.TypeFor[func(reflect.Value, ...reflect.Value) (bool, error)](): true,
	reflect.TypeFor[func(reflect.Value) (int, error)]():                    true,
}

// fastCall is safeCall(fun, argv) for a function whose type is in
// fastTypes: the same value, the same error, a panic recovered as the same
// error.
func fastCall(fun reflect.Value, argv []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			val, err = reflect.Value{}, panicError(r)
		}
	}()
	// One return here keeps the deferred recover open-coded (cheap); the
	// switch's many returns would not.
	val, err = fastSwitch(fun, argv)
	return
}

func fastSwitch(fun reflect.Value, argv []reflect.Value) (reflect.Value, error) {
	switch f := fun.Interface().(type) {
	case func(...any) string:
		return reflect.ValueOf(f(ifaces(argv)...)), nil
	case func(any) string:
		return reflect.ValueOf(f(argv[0].Interface())), nil
	case func(any, any) bool:
		return reflect.ValueOf(f(argv[0].Interface(), argv[1].Interface())), nil
	case func(any, any) (string, error):
		return result(f(argv[0].Interface(), argv[1].Interface()))
	case func(any) (stdhtml.URL, error):
		return result(f(argv[0].Interface()))
	case func(string, ...any) (stdhtml.HTML, error):
		return result(f(argv[0].String(), ifaces(argv[1:])...))
	case func(string, any, ...any) (stdhtml.HTML, error):
		return result(f(argv[0].String(), argv[1].Interface(), ifaces(argv[2:])...))
	// The builtins that take reflect.Values: evalArg has wrapped each
	// argument in a reflect.Value of a reflect.Value.
	case func(reflect.Value) bool:
		return reflect.ValueOf(f(unwrapArg(argv[0]))), nil
	case func(reflect.Value, reflect.Value) (bool, error):
		return result(f(unwrapArg(argv[0]), unwrapArg(argv[1])))
	case func(reflect.Value, ...reflect.Value) (bool, error):
		rest := make([]reflect.Value, len(argv)-1)
		for i, a := range argv[1:] {
			rest[i] = unwrapArg(a)
		}
		return result(f(unwrapArg(argv[0]), rest...))
	case func(reflect.Value) (int, error):
		return result(f(unwrapArg(argv[0])))
	}
	panic(fmt.Sprintf("fastCall of %s, which is not in fastTypes", fun.Type()))
}

// result is a function's two results as safeCall returns them: the value,
// and the error when it is not nil.
func result[T any](v T, err error) (reflect.Value, error) {
	return reflect.ValueOf(v), err
}

// ifaces is argv as the []any a variadic ...any parameter receives.
func ifaces(argv []reflect.Value) []any {
	out := make([]any, len(argv))
	for i, a := range argv {
		out[i] = a.Interface()
	}
	return out
}

// unwrapArg is the reflect.Value that reflect.Value.Call passes for an
// argument evalArg built for a reflect.Value parameter.
func unwrapArg(a reflect.Value) reflect.Value {
	if a.Type() == reflectValueType {
		return a.Interface().(reflect.Value)
	}
	return a
}

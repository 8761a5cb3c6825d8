// Copyright 2026 The portal authors. This file is not part of the Go
// distribution; it holds the changes this fork makes (see README.md).

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
)

// A template action costs the standard library 2–4 µs, nearly all of it
// reflection that gives the same answer every time: which method or field
// a name means on a type, and reflect.Value.Call's argument frames. At a
// few hundred actions a page that was the largest cost of a site build.
// The caches below remember the lookups, and fastCall calls the function
// shapes templates use most (html/template's escapers among them)
// directly. Results, errors and panics are the same as the slow path's.

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
	index    []int
	exported bool
	ok       bool
}

// Types and their method sets never change while a program runs, so the
// caches hold facts, not state: like encoding/json's field cache, they are
// shared by every template.
var (
	methodCache typeCache[int]
	fieldCache  typeCache[fieldEntry]
)

// methodIndex is typ.MethodByName(name)'s index, or -1.
func methodIndex(typ reflect.Type, name string) int {
	return methodCache.get(typ, name, func(typ reflect.Type, name string) int {
		if m, ok := typ.MethodByName(name); ok {
			return m.Index
		}
		return -1
	})
}

// structField is typ.FieldByName(name), remembered.
func structField(typ reflect.Type, name string) fieldEntry {
	return fieldCache.get(typ, name, func(typ reflect.Type, name string) fieldEntry {
		if f, ok := typ.FieldByName(name); ok {
			return fieldEntry{index: f.Index, exported: f.IsExported(), ok: true}
		}
		return fieldEntry{}
	})
}

var stringType = reflect.TypeFor[string]()

// printString writes v when it is exactly a string, which fmt.Fprint would
// print unchanged; it reports whether it did.
func (s *state) printString(v reflect.Value) bool {
	if !v.IsValid() || v.Type() != stringType {
		return false
	}
	if _, err := io.WriteString(s.wr, v.String()); err != nil {
		s.writeError(err)
	}
	return true
}

// fastCall calls fun with argv when its type is one of the common shapes,
// without reflect.Value.Call. ok is false when it did not: the caller then
// takes the general path. fun must be a function value, not a method value
// (whose Interface would allocate a closure each time). noRetain says fun
// keeps no reference to its arguments (the builtins, html/template's
// escapers): a variadic list is then passed in the state's scratch slice.
func (s *state) fastCall(fun reflect.Value, argv []reflect.Value, noRetain bool) (val reflect.Value, err error, ok bool) {
	// A nil func (a FuncMap entry set to a typed nil) gets reflect's own
	// "call of nil function" error from the general path.
	if fun.IsNil() {
		return reflect.Value{}, nil, false
	}
	for _, a := range argv {
		if !a.IsValid() {
			return reflect.Value{}, nil, false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			ok = true
			if e, isErr := r.(error); isErr {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	// One return here keeps the deferred recover open-coded (cheap);
	// the switch's many returns would not.
	val, err, ok = s.fastSwitch(fun, argv, noRetain)
	return
}

// fastSwitch is fastCall's dispatch on the function's type.
func (s *state) fastSwitch(fun reflect.Value, argv []reflect.Value, noRetain bool) (val reflect.Value, err error, ok bool) {

	switch f := fun.Interface().(type) {
	case func(...any) string:
		if !noRetain || s == nil {
			return reflect.ValueOf(f(ifaces(argv)...)), nil, true
		}
		// Escapers do not call back into templates: one scratch slice
		// serves every call.
		a := s.scratch[:0]
		for _, v := range argv {
			a = append(a, v.Interface())
		}
		r := f(a...)
		clear(a)
		s.scratch = a[:0]
		return reflect.ValueOf(r), nil, true
	case func(any) string:
		return reflect.ValueOf(f(argv[0].Interface())), nil, true
	case func(any, any) bool:
		return reflect.ValueOf(f(argv[0].Interface(), argv[1].Interface())), nil, true
	case func(any, any) (string, error):
		r, err := f(argv[0].Interface(), argv[1].Interface())
		return reflect.ValueOf(r), err, true
	case func(any) (stdhtml.URL, error):
		r, err := f(argv[0].Interface())
		return reflect.ValueOf(r), err, true
	case func(string, ...any) (stdhtml.HTML, error):
		if argv[0].Type() != stringType {
			return reflect.Value{}, nil, false
		}
		r, err := f(argv[0].String(), ifaces(argv[1:])...)
		return reflect.ValueOf(r), err, true
	case func(string, any, ...any) (stdhtml.HTML, error):
		if argv[0].Type() != stringType {
			return reflect.Value{}, nil, false
		}
		r, err := f(argv[0].String(), argv[1].Interface(), ifaces(argv[2:])...)
		return reflect.ValueOf(r), err, true
	// The builtins that take reflect.Values: evalArg has wrapped each
	// argument in a reflect.Value of a reflect.Value.
	case func(reflect.Value) bool:
		return reflect.ValueOf(f(unwrapArg(argv[0]))), nil, true
	case func(reflect.Value, reflect.Value) (bool, error):
		r, err := f(unwrapArg(argv[0]), unwrapArg(argv[1]))
		return reflect.ValueOf(r), err, true
	case func(reflect.Value, ...reflect.Value) (bool, error):
		rest := make([]reflect.Value, len(argv)-1)
		for i, a := range argv[1:] {
			rest[i] = unwrapArg(a)
		}
		r, err := f(unwrapArg(argv[0]), rest...)
		return reflect.ValueOf(r), err, true
	case func(reflect.Value) (int, error):
		r, err := f(unwrapArg(argv[0]))
		return reflect.ValueOf(r), err, true
	}
	return reflect.Value{}, nil, false
}

// ifaces is argv as the []any a variadic ...any parameter receives.
func ifaces(argv []reflect.Value) []any {
	out := make([]any, len(argv))
	for i, a := range argv {
		out[i] = a.Interface()
	}
	return out
}

// unwrapArg is the reflect.Value that reflect.Value.Call would have passed
// for an argument evalArg built for a reflect.Value parameter. A box from
// the state's arena is read in place, without Interface's copy.
func unwrapArg(a reflect.Value) reflect.Value {
	if a.Type() == reflectValueType {
		if a.CanAddr() {
			return *a.Addr().Interface().(*reflect.Value)
		}
		return a.Interface().(reflect.Value)
	}
	return a
}

// box is reflect.ValueOf(v) for a reflect.Value parameter, stored in the
// state's arena: one allocation per up to 32 boxes instead of one each. A box
// is written once and never changed; the arena is the execution's own.
func (s *state) box(v reflect.Value) reflect.Value {
	if len(s.boxes) == cap(s.boxes) {
		// Most executions are short (a partial): start small.
		s.boxes = make([]reflect.Value, 0, min(32, 4+2*cap(s.boxes)))
	}
	s.boxes = append(s.boxes, v)
	return reflect.ValueOf(&s.boxes[len(s.boxes)-1]).Elem()
}

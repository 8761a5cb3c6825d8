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
	"strings"
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

// member is what a name means on a type: the index of a method of the
// type, or -1, and, when the type is a pointer to a struct (or the struct
// itself), the struct's field of that name (nil when none).
type member struct {
	name   string
	method int
	st     reflect.Type // the struct type field belongs to
	field  *reflect.StructField
}

// Types and their method sets never change while a program runs, so the
// cache holds facts, not state: like encoding/json's field cache, it is
// shared by every template.
var memberCache typeCache[*member]

// lookupMember is what name means on typ, from the cache.
func lookupMember(typ reflect.Type, name string) *member {
	return memberCache.get(typ, name, func(typ reflect.Type, name string) *member {
		m := &member{name: name, method: -1}
		if meth, ok := typ.MethodByName(name); ok {
			m.method = meth.Index
		}
		m.st = typ
		if typ.Kind() == reflect.Pointer {
			m.st = typ.Elem()
		}
		if m.st.Kind() == reflect.Struct {
			if f, ok := m.st.FieldByName(name); ok {
				m.field = &f
			}
		}
		return m
	})
}

// methodByName is v.MethodByName(name), the method's index remembered
// per type. evalField asks it first; the member it found is kept for
// fieldByName, which evalField asks next about the same name.
func (p *portalState) methodByName(v reflect.Value, name string) reflect.Value {
	m := lookupMember(v.Type(), name)
	p.member = m
	if m.method < 0 {
		return reflect.Value{}
	}
	return v.Method(m.method)
}

// fieldByName is typ.FieldByName(name), remembered.
func (p *portalState) fieldByName(typ reflect.Type, name string) (*reflect.StructField, bool) {
	m := p.member
	if m == nil || m.st != typ || m.name != name {
		m = lookupMember(typ, name)
	}
	return m.field, m.field != nil
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

// portalState is the fork's scratch memory for one execution
// (state.portal): it saves allocations in every call.
type portalState struct {
	args   []reflect.Value       // argument lists of the calls in progress, a stack
	boxes  []reflect.Value       // arguments boxed for reflect.Value parameters
	vargs  []any                 // the variadic arguments of a call of a builtin or escaper
	field  [1]parse.Node         // a field's argument list, of which only the length is read
	tail   []func(string) string // the string forms of an action's last commands (tailOf)
	out    string                // the string evalAction made, for printAction
	member *member               // what methodByName found, for fieldByName
}

// pushArgs is make([]reflect.Value, n) for a call's arguments, on the
// stack of argument lists: the call pops it (call).
func (p *portalState) pushArgs(n int) []reflect.Value {
	top := len(p.args)
	p.args = slices.Grow(p.args, n)[:top+n]
	return p.args[top : top+n : top+n]
}

// box is reflect.ValueOf(v) for a reflect.Value parameter, stored in an
// arena: one allocation per up to 32 boxes instead of one each. A box is
// written once and never changed; the arena is the execution's own.
func (p *portalState) box(v reflect.Value) reflect.Value {
	if len(p.boxes) == cap(p.boxes) {
		// Most executions are short (a partial): start small.
		p.boxes = make([]reflect.Value, 0, min(32, 4+2*cap(p.boxes)))
	}
	p.boxes = append(p.boxes, v)
	return reflect.ValueOf(&p.boxes[len(p.boxes)-1]).Elem()
}

// fieldArgs is []parse.Node{n}, the argument list evalArg gives a field:
// evalField reads only its length.
func (p *portalState) fieldArgs(n parse.Node) []parse.Node {
	p.field[0] = n
	return p.field[:]
}

// call is safeCall(fun, argv), without reflect.Value.Call for the
// function shapes fastCall knows; typ is fun's type, which evalCall has
// (for a method value, computing it again is not free). Then it pops the
// n arguments pushArgs gave (argv itself, unless the call builtin made a
// longer list for another function). An error that ends the execution
// may leave a list on the stack, which dies with the execution.
func (p *portalState) call(fun reflect.Value, typ reflect.Type, argv []reflect.Value, n int, isBuiltin bool, name string) (v reflect.Value, err error) {
	if isFastType(typ) && !(isBuiltin && name == "call") && !fun.IsNil() && allValid(argv) {
		v, err = p.fastCall(fun, argv, isBuiltin || strings.HasPrefix(name, escaperPrefix))
	} else {
		v, err = safeCall(fun, argv)
	}
	// Both return a function's panic as err, so no defer is needed.
	p.popArgs(n)
	return v, err
}

func (p *portalState) popArgs(n int) {
	top := len(p.args) - n
	clear(p.args[top:])
	p.args = p.args[:top]
}

// escaperPrefix begins the names of html/template's escapers, which keep
// no reference to their arguments.
const escaperPrefix = "_html_template_"

// evalAction is evalPipeline for an action's pipeline. When its last
// commands are lone functions with string forms (html/template's escapers,
// which it adds to every action) and the value that reaches one of them
// is exactly a string, the forms from there on are applied to it in turn,
// and the result goes to printAction as a Go string in s.portal.out
// instead of boxed in a reflect.Value. Otherwise the commands are evaluated as evalPipeline
// does: the loop below repeats upstream's (TestEvalActionRepeatsUpstream
// compares them), and a value an escaper could not take (from an
// unexported field) goes the escaper's way, to upstream's error.
func (s *state) evalAction(dot reflect.Value, pipe *parse.PipeNode) reflect.Value {
	tail := s.portal.tailOf(s.tmpl, pipe)
	if len(tail) == 0 {
		return s.evalPipeline(dot, pipe)
	}
	s.at(pipe)
	value := missingVal
	head := len(pipe.Cmds) - len(tail)
	for i, cmd := range pipe.Cmds {
		if i >= head && value.Kind() == reflect.String && value.Type() == stringType && value.CanInterface() {
			str := value.String()
			for j, cmd := range pipe.Cmds[i:] {
				s.at(cmd)
				str = tail[i-head+j](str)
			}
			s.portal.out = str
			return formResultValue
		}
		value = s.evalCommand(dot, cmd, value) // previous value is this one's final arg.
		// If the object has type interface{}, dig down one level to the thing inside.
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	return value
}

// tailOf is the string forms of pipe's last commands that have one, in
// their order; none for a pipeline that declares variables or has one
// command.
func (p *portalState) tailOf(t *Template, pipe *parse.PipeNode) []func(string) string {
	if len(pipe.Decl) != 0 || len(pipe.Cmds) < 2 || t.common == nil {
		return nil
	}
	forms := t.strForms.Load()
	if forms == nil {
		return nil
	}
	tail := p.tail[:0]
	for i := len(pipe.Cmds) - 1; i > 0; i-- {
		f := formOf(*forms, pipe.Cmds[i])
		if f == nil {
			break
		}
		tail = append(tail, f)
	}
	slices.Reverse(tail)
	p.tail = tail
	return tail
}

// formOf is the string form of cmd when cmd is a lone function name that
// has one, else nil.
func formOf(forms map[string]func(string) string, cmd *parse.CommandNode) func(string) string {
	if len(cmd.Args) != 1 {
		return nil
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		return forms[id.Ident]
	}
	return nil
}

// formResult is what evalAction returns when the action's tail made a
// string: it is in s.portal.out.
type formResult struct{}

var (
	formResultValue = reflect.ValueOf(formResult{})
	formResultType  = formResultValue.Type()
)

// printAction is printValue for an action's result.
func (s *state) printAction(n parse.Node, v reflect.Value) {
	if v.Kind() == reflect.Struct && v.Type() == formResultType {
		s.at(n)
		if _, err := io.WriteString(s.wr, s.portal.out); err != nil {
			s.writeError(err)
		}
		s.portal.out = ""
		return
	}
	s.printValue(n, v)
}

// stringForms are the string forms of a template set's functions; the map
// is replaced, never changed, so the executor reads it without a lock.
type stringForms = atomic.Pointer[map[string]func(string) string]

// SetStringForms is a portal addition. For functions already in t's
// function map it records forms that take and return a plain string: when
// such a function is a pipeline command of its own (no arguments but the
// previous command's value) and that value is exactly of type string, the
// executor calls the string form instead, without reflection or boxing.
// A form must return what the function returns for that one string
// argument, and never fail or panic. html/template gives its escapers'
// forms. Names not in the function map are ignored; a later Funcs that
// redefines a name drops its form.
func (t *Template) SetStringForms(forms map[string]func(string) string) *Template {
	t.init()
	t.muFuncs.Lock()
	defer t.muFuncs.Unlock()
	n := map[string]func(string) string{}
	if old := t.strForms.Load(); old != nil {
		maps.Copy(n, *old)
	}
	for name, f := range forms {
		if _, ok := t.execFuncs[name]; ok && f != nil {
			n[name] = f
		}
	}
	t.strForms.Store(&n)
	return t
}

// StringForms returns the names of the functions that have a string form
// (portal addition).
func (t *Template) StringForms() []string {
	if t.common == nil {
		return nil
	}
	f := t.strForms.Load()
	if f == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(*f))
}

// dropStringForms forgets the forms of the functions funcMap redefines.
// The caller holds muFuncs.
func (t *Template) dropStringForms(funcMap FuncMap) {
	old := t.strForms.Load()
	if old == nil {
		return
	}
	var forms map[string]func(string) string
	for name := range funcMap {
		if _, ok := (*old)[name]; ok {
			if forms == nil {
				forms = maps.Clone(*old)
			}
			delete(forms, name)
		}
	}
	if forms != nil {
		t.strForms.Store(&forms)
	}
}

// panicError is the error safeCall makes of a recovered panic.
func panicError(r any) error {
	if e, ok := r.(error); ok {
		return e
	}
	return fmt.Errorf("%v", r)
}

func allValid(argv []reflect.Value) bool {
	for _, a := range argv {
		if !a.IsValid() {
			return false
		}
	}
	return true
}

// The function types fastCall calls: html/template's escapers, the
// comparison builtins, and the shapes of the portal's helpers. Checking
// the type first keeps a method value, whose Interface makes a closure,
// off fastCall unless its shape is one of these.
var (
	variadicStringType  = reflect.TypeFor[func(...any) string]()
	anyStringType       = reflect.TypeFor[func(any) string]()
	anyAnyBoolType      = reflect.TypeFor[func(any, any) bool]()
	anyAnyStringErrType = reflect.TypeFor[func(any, any) (string, error)]()
	anyURLErrType       = reflect.TypeFor[func(any) (stdhtml.URL, error)]()
	partialType         = reflect.TypeFor[func(string, ...any) (stdhtml.HTML, error)]()
	partialCachedType   = reflect.TypeFor[func(string, any, ...any) (stdhtml.HTML, error)]()
	valueBoolType       = reflect.TypeFor[func(reflect.Value) bool]()
	valueValueBoolType  = reflect.TypeFor[func(reflect.Value, reflect.Value) (bool, error)]()
	valuesBoolType      = reflect.TypeFor[func(reflect.Value, ...reflect.Value) (bool, error)]()
	valueIntType        = reflect.TypeFor[func(reflect.Value) (int, error)]()
)

// isFastType reports whether fastCall knows functions of type t (a
// switch: cheaper than a map's hash of an interface).
func isFastType(t reflect.Type) bool {
	switch t {
	case variadicStringType, anyStringType, anyAnyBoolType, anyAnyStringErrType, anyURLErrType,
		partialType, partialCachedType, valueBoolType, valueValueBoolType, valuesBoolType, valueIntType:
		return true
	}
	return false
}

// fastCall is safeCall(fun, argv) for a function whose type isFastType: the same value, the same error, a panic recovered as the same
// error.
func (p *portalState) fastCall(fun reflect.Value, argv []reflect.Value, noRetain bool) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			val, err = reflect.Value{}, panicError(r)
		}
	}()
	// One return here keeps the deferred recover open-coded (cheap); the
	// switch's many returns would not.
	val, err = p.fastSwitch(fun, argv, noRetain)
	return
}

// fastSwitch calls fun. noRetain says fun keeps no reference to its
// arguments (the builtins, html/template's escapers): a variadic list is
// then passed in the state's scratch slice.
func (p *portalState) fastSwitch(fun reflect.Value, argv []reflect.Value, noRetain bool) (reflect.Value, error) {
	switch f := fun.Interface().(type) {
	case func(...any) string:
		if !noRetain {
			return reflect.ValueOf(f(ifaces(argv)...)), nil
		}
		// Escapers do not call back into templates: one scratch slice
		// serves every call.
		a := p.vargs[:0]
		for _, v := range argv {
			a = append(a, v.Interface())
		}
		r := f(a...)
		clear(a)
		p.vargs = a[:0]
		return reflect.ValueOf(r), nil
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
	panic(fmt.Sprintf("fastCall of %s, which is not a fast type", fun.Type()))
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
// argument evalArg built for a reflect.Value parameter. A box from the
// arena is read in place, without Interface's copy.
func unwrapArg(a reflect.Value) reflect.Value {
	if a.Type() == reflectValueType {
		if a.CanAddr() {
			return *a.Addr().Interface().(*reflect.Value)
		}
		return a.Interface().(reflect.Value)
	}
	return a
}

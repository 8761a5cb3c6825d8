// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it is the fork's own code, reached from the lines marked
// "portal:" in the copied files (see ../README.md).

package template

import (
	"fmt"
	"strconv"
	"strings"

	"text/template/parse"
)

// PlacedError is the error inside an ExecError: where in which layout the
// execution failed, and why, as values. Its text is upstream's, unchanged
// ("template: layouts/x.html:4:2: executing … at <…>: …"), so callers that
// print it see no difference; callers that report mistakes read File, Line
// and Msg instead of taking the text apart.
type PlacedError struct {
	File string // the name the template's text was parsed under
	Line int    // 1-based; 0 when the error has no node
	Msg  string // the cause, without upstream's location and context
	Func string // the function whose error it is, when a call failed
	err  error  // upstream's error
}

func (e *PlacedError) Error() string { return e.err.Error() }

// Unwrap gives the error the cause wraps (a function's error, a nested
// template's), so errors.As reaches the innermost one.
func (e *PlacedError) Unwrap() error {
	if u, ok := e.err.(interface{ Unwrap() error }); ok {
		return u.Unwrap()
	}
	return nil
}

// placeError runs deferred in errorf: it takes the ExecError errorf panics
// with and puts a PlacedError made from errorf's own arguments inside it.
// It costs nothing until a template fails.
func (s *state) placeError(format string, args []any) {
	r := recover()
	e, ok := r.(ExecError)
	if !ok {
		panic(r)
	}
	p := &PlacedError{File: s.tmpl.Name(), Msg: fmt.Errorf(format, args...).Error(), err: e.Err}
	if format == callFailed {
		p.Func, _ = args[0].(string)
	}
	if s.node != nil {
		loc, _ := s.tmpl.ErrorContext(s.node)
		p.File, p.Line = Place(loc)
	}
	e.Err = p
	panic(e)
}

// callFailed is evalCall's format for a function that returned an error.
const callFailed = "error calling %s: %w"

// Place splits a location made by parse.Tree.ErrorContext
// ("name:line:col") into the name and the line.
func Place(loc string) (name string, line int) {
	rest, _, ok := cutLast(loc) // the column
	if !ok {
		return loc, 0
	}
	name, l, ok := cutLast(rest)
	if !ok {
		return loc, 0
	}
	n, err := strconv.Atoi(l)
	if err != nil {
		return loc, 0
	}
	return name, n
}

func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// NodeLocation is parse.Tree.ErrorContext's location of n, for errors that
// carry a node (html/template's Error).
func NodeLocation(n parse.Node) (name string, line int) {
	loc, _ := (*parse.Tree)(nil).ErrorContext(n)
	return Place(loc)
}

// Copyright 2026 The portal authors. This file is not part of the Go
// distribution (see ../README.md).

// Package godebug stands in for the standard library's internal/godebug,
// which the fork cannot import. Every setting keeps Go's default whatever
// GODEBUG says: html/template's settings are opt-outs from its escaping
// (htmlmetacontenturlescape=0 stops filtering URLs in <meta content>,
// jstmpllitinterp=1 allowed actions in JavaScript template literals), and
// the portal's layouts never need them.
package godebug

// A Setting is one GODEBUG setting, always at its default.
type Setting struct {
	name string
}

// New returns the setting called name.
func New(name string) *Setting { return &Setting{name: name} }

// Name is the setting's name.
func (s *Setting) Name() string { return s.name }

// Value is the setting's value: "", the default, always.
func (s *Setting) Value() string { return "" }

// IncNonDefault counts a use of a non-default value, which the fork never
// has: it does nothing.
func (s *Setting) IncNonDefault() {}

// Copyright 2026 The portal authors. This file is not part of the Go
// distribution (see ../README.md).

package template

import (
	"errors"
	"io"
	"testing"
)

// An execution error carries its layout, line, cause and failed function
// as values, whatever upstream's text says; a change in evalCall's format
// upstream fails here.
func TestPlacedError(t *testing.T) {
	boom := errors.New("boom")
	funcs := FuncMap{"fail": func() (string, error) { return "", boom }}
	tests := []struct {
		name, src     string
		line          int
		fn, msg, file string
		inner         error
	}{
		{"field", "a\nb\n{{ .Nope }}", 3, "", "can't evaluate field Nope in type struct {}", "x.html", nil},
		{"func", "a\n{{ fail }}", 2, "fail", "error calling fail: boom", "x.html", boom},
		{"nested", "{{ define \"in\" }}\n\n{{ fail }}{{ end }}a\n{{ template \"in\" }}", 3, "fail", "error calling fail: boom", "x.html", boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl := Must(New("x.html").Funcs(funcs).Parse(tt.src))
			err := tpl.Execute(io.Discard, struct{}{})
			var p *PlacedError
			if !errors.As(err, &p) {
				t.Fatalf("error %v (%T) holds no PlacedError", err, err)
			}
			if p.File != tt.file || p.Line != tt.line || p.Func != tt.fn || p.Msg != tt.msg {
				t.Errorf("placed = %q:%d func %q msg %q, want %q:%d func %q msg %q", p.File, p.Line, p.Func, p.Msg, tt.file, tt.line, tt.fn, tt.msg)
			}
			if p.Error() == p.Msg {
				t.Errorf("Error() = %q, want upstream's text with the place", p.Error())
			}
			if tt.inner != nil && !errors.Is(err, tt.inner) {
				t.Errorf("errors.Is(err, %v) = false", tt.inner)
			}
		})
	}
}

func TestPlace(t *testing.T) {
	for loc, want := range map[string]struct {
		name string
		line int
	}{
		"layouts/a.html:4:2": {"layouts/a.html", 4},
		"c:/x.html:10:0":     {"c:/x.html", 10},
		"noline":             {"noline", 0},
		"a:b:c":              {"a:b:c", 0},
	} {
		name, line := Place(loc)
		if name != want.name || line != want.line {
			t.Errorf("Place(%q) = %q, %d; want %q, %d", loc, name, line, want.name, want.line)
		}
	}
}

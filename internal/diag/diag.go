// Package diag carries build problems from every stage to the user: each
// problem names its file and, where there is one, its line, so an editor
// can go straight to the mistake.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Level says whether a problem stops the build.
type Level int

const (
	// Error problems fail the build and leave the previous output untouched.
	Error Level = iota
	// Warning problems are reported but the build goes on.
	Warning
)

func (l Level) String() string {
	if l == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the level as its name, as `portal check --format
// json` gives it.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level MarshalText wrote.
func (l *Level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*l = Error
	case "warning":
		*l = Warning
	default:
		return fmt.Errorf("unknown level %q", b)
	}
	return nil
}

// Problem is one diagnosable mistake in the site's sources.
type Problem struct {
	File  string `json:"file"` // path as the user knows it, relative to the site root
	Line  int    `json:"line"` // 1-based; 0 when the problem has no line
	Level Level  `json:"level"`
	Msg   string `json:"message"`
	// Cause marks a failure that is not an editor's mistake in one file
	// but stops the whole build: a folder that cannot be read, a layout
	// every page needs, a full or failing disk. It is reported once and
	// first, and the mistakes it brings about are not reported at all.
	Cause bool `json:"cause,omitempty"`
}

// CausePrefix starts the line of a cause, so the first line of a failed
// build says why nothing could be built.
const CausePrefix = "Không dựng được trang: "

// Error formats the problem as "file:line: message", the shape editors and
// their tools recognise; a cause starts with CausePrefix.
func (p *Problem) Error() string {
	var b strings.Builder
	if p.Cause {
		b.WriteString(CausePrefix)
		if p.File == "" {
			b.WriteString(p.Msg)
			return b.String()
		}
	}
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Level == Warning {
		b.WriteString("cảnh báo (warning): ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errorf makes an error-level problem.
func Errorf(file string, line int, format string, args ...any) *Problem {
	return &Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Causef makes a cause: an error-level problem that stops the build and
// is not an editor's mistake (see Problem.Cause). file may be empty when
// the message names what failed.
func Causef(file string, line int, format string, args ...any) *Problem {
	return &Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Cause: true}
}

// Warnf makes a warning-level problem.
func Warnf(file string, line int, format string, args ...any) *Problem {
	return &Problem{File: file, Line: line, Level: Warning, Msg: fmt.Sprintf(format, args...)}
}

// List collects problems from concurrent workers. The zero value is ready.
type List struct {
	mu       sync.Mutex
	problems []*Problem
}

// Add records p; nil is ignored. Errors that are not Problems are kept with
// the given file so no failure is ever dropped.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var p *Problem
	if !errors.As(err, &p) {
		p = &Problem{Msg: err.Error()}
	}
	l.mu.Lock()
	l.problems = append(l.problems, p)
	l.mu.Unlock()
}

// AddAt records err as a problem in file at line unless it already is one.
func (l *List) AddAt(file string, line int, err error) {
	if err == nil {
		return
	}
	var p *Problem
	if errors.As(err, &p) {
		l.Add(p)
		return
	}
	l.Add(&Problem{File: file, Line: line, Msg: err.Error()})
}

// Problems returns the problems sorted causes first, then by file, line
// and message, each distinct problem once, so reports are stable between
// runs and start with what stopped the build.
func (l *List) Problems() []*Problem {
	l.mu.Lock()
	defer l.mu.Unlock()
	ps := append([]*Problem(nil), l.problems...)
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Cause != b.Cause {
			return a.Cause
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && *p == *ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// HasErrors reports whether any error-level problem was recorded.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		if p.Level == Error {
			return true
		}
	}
	return false
}

// HasCauses reports whether a cause was recorded: the build cannot go on
// usefully, whatever else it would find would follow from it.
func (l *List) HasCauses() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		if p.Cause {
			return true
		}
	}
	return false
}

// Err returns nil when there are no error-level problems, else an error
// listing all of them.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	var errs Errors
	for _, p := range l.Problems() {
		if p.Level == Error {
			errs = append(errs, p)
		}
	}
	return errs
}

// Errors is a set of problems reported together.
type Errors []*Problem

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

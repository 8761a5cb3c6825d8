package build

import (
	"errors"
	"strings"
	"testing"

	"portal/internal/output"
	"portal/internal/parallel"
	"portal/internal/testkit"
)

// panicWriter panics when a page is written: pages are written by the
// render workers, on goroutines of their own.
type panicWriter struct{ *output.MemWriter }

func (w panicWriter) WriteFile(rel string, data []byte) error {
	if strings.HasSuffix(rel, ".html") {
		panic("hỏng khi ghi " + rel)
	}
	return w.MemWriter.WriteFile(rel, data)
}

// A panic in a worker goroutine is the build's error, a *parallel.Panic
// with the worker's stack, not the end of the process.
func TestWorkerPanicIsAnError(t *testing.T) {
	src := testkit.Site(t, "small")
	for name, run := range map[string]func() error{
		"Run": func() error {
			_, err := Run(Options{Source: src, Now: fixedNow}, panicWriter{output.NewMemWriter()})
			return err
		},
		"RunSession": func() error {
			_, err := RunSession(Options{Source: src, Now: fixedNow}, panicWriter{output.NewMemWriter()})
			return err
		},
	} {
		err := run()
		var p *parallel.Panic
		if !errors.As(err, &p) {
			t.Fatalf("%s: err = %v, want *parallel.Panic", name, err)
		}
		if !strings.Contains(p.Error(), "hỏng khi ghi") || !strings.Contains(string(p.Stack), "panicWriter.WriteFile") {
			t.Errorf("%s: %v\n%s", name, p, p.Stack)
		}
	}
}

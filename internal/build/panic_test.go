package build

import (
	"errors"
	"strings"
	"testing"

	"portal/internal/output"
	"portal/internal/parallel"
	"portal/internal/testkit"
)

// A panic in a worker goroutine is the build's error, a *parallel.Panic
// with the worker's stack, not the end of the process.
func TestWorkerPanicIsAnError(t *testing.T) {
	src := testkit.Site(t, "small")
	for name, run := range map[string]func() error{
		"Run": func() error {
			_, err := Run(Options{Source: src, Now: fixedNow}, testkit.PanicOnPages{FileWriter: output.NewMemWriter()})
			return err
		},
		"RunSession": func() error {
			_, err := RunSession(Options{Source: src, Now: fixedNow}, testkit.PanicOnPages{FileWriter: output.NewMemWriter()})
			return err
		},
	} {
		err := run()
		var p *parallel.Panic
		if !errors.As(err, &p) {
			t.Fatalf("%s: err = %v, want *parallel.Panic", name, err)
		}
		if !strings.Contains(p.Error(), "hỏng khi ghi") || !strings.Contains(string(p.Stack), "PanicOnPages.WriteFile") {
			t.Errorf("%s: %v\n%s", name, p, p.Stack)
		}
	}
}

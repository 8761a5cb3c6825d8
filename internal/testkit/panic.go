package testkit

import "strings"

// FileWriter has the methods of the engine's output writers (written out
// here: testkit imports nothing of the engine).
type FileWriter interface {
	WriteFile(rel string, data []byte) error
	CopyFile(rel, src string) error
}

// PanicOnPages is a writer that panics when a page (an .html file) is
// written, as a bug in a render worker would, on the worker's goroutine.
type PanicOnPages struct{ FileWriter }

// WriteFile panics for an .html file and writes anything else.
func (w PanicOnPages) WriteFile(rel string, data []byte) error {
	if strings.HasSuffix(rel, ".html") {
		panic("hỏng khi ghi " + rel)
	}
	return w.FileWriter.WriteFile(rel, data)
}

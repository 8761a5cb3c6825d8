package markdown

import (
	"bytes"
	"testing"
)

// line must give the file line of any offset, asked in any order: the
// first line plus the number of newlines before the offset.
func TestLineCounter(t *testing.T) {
	src := []byte("một\nhai\n\nbốn\n")
	l := lineCounter{src: src, first: 10}
	want := func(off int) int {
		off = min(max(off, 0), len(src))
		return 10 + bytes.Count(src[:off], []byte("\n"))
	}
	for _, off := range []int{0, 3, 4, 5, 9, 10, 2, 15, 16, 100, -1, 8, 8, 4} {
		if got := l.line(off); got != want(off) {
			t.Errorf("line(%d) = %d, want %d", off, got, want(off))
		}
	}
}

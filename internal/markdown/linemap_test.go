package markdown

import (
	"bytes"
	"testing"
)

// line must give the file line of any offset, asked in any order: the
// line index is the number of newlines before the offset.
func TestLineMap(t *testing.T) {
	src := []byte("một\nhai\n\nbốn\n")
	orig := []int{10, 11, 12, 13, 14}
	m := newLineMap(src, orig)
	want := func(off int) int {
		off = min(max(off, 0), len(src))
		return orig[bytes.Count(src[:off], []byte("\n"))]
	}
	for _, off := range []int{0, 3, 4, 5, 9, 10, 2, 15, 16, 100, -1, 8, 8, 4} {
		if got := m.line(off); got != want(off) {
			t.Errorf("line(%d) = %d, want %d", off, got, want(off))
		}
	}
	// A map with fewer file lines than text lines answers the last one.
	short := newLineMap(src, []int{7})
	if got := short.line(12); got != 7 {
		t.Errorf("short map: %d", got)
	}
}

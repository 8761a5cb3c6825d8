package fileio

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteFileMode(t *testing.T) {
	umask := syscall.Umask(0o022)
	defer syscall.Umask(umask)
	for _, perm := range []fs.FileMode{0o644, 0o600} {
		p := filepath.Join(t.TempDir(), "f")
		if err := WriteFile(p, []byte("x"), perm); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != perm {
			t.Fatalf("mode %v, want %v", got, perm)
		}
	}
}

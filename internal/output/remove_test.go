package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveTree(t *testing.T) {
	for _, shape := range []struct {
		name      string
		top, deep int
	}{{"empty", 0, 0}, {"flat", 1, 0}, {"few folders", 3, 5}, {"many folders", 40, 2}} {
		t.Run(shape.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "old")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
			for i := range shape.top {
				for j := range shape.deep {
					d := filepath.Join(dir, fmt.Sprint("s", i), fmt.Sprint("p", j))
					if err := os.MkdirAll(d, 0o755); err != nil {
						t.Fatal(err)
					}
					os.WriteFile(filepath.Join(d, "index.html"), []byte("x"), 0o644)
				}
				os.WriteFile(filepath.Join(dir, fmt.Sprint("s", i), "index.xml"), []byte("x"), 0o644)
			}
			// A symlink to a folder outside is removed, not followed.
			outside := t.TempDir()
			keep := filepath.Join(outside, "keep.txt")
			os.WriteFile(keep, []byte("x"), 0o644)
			if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			if err := removeTree(dir); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(dir); !os.IsNotExist(err) {
				t.Errorf("%s still there: %v", dir, err)
			}
			if _, err := os.Stat(keep); err != nil {
				t.Errorf("followed a symlink out of the tree: %v", err)
			}
		})
	}
	if err := removeTree(filepath.Join(t.TempDir(), "missing")); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}

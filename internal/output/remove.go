package output

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"portal/internal/parallel"
)

// removeTree is os.RemoveAll on several cores. Replacing a 10,000-page
// site leaves the old one to delete, one unlink per file: done by one
// goroutine it was the last half second of the build. The folders one
// level down (two when there are few) are removed side by side, then what
// is left.
//
// dir itself may be a symlink (a destination that links to a folder
// elsewhere ends up as the old tree after the swap): then only the link
// goes, never what it points to.
func removeTree(dir string) error {
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() || runtime.GOMAXPROCS(0) < 2 {
		return os.RemoveAll(dir)
	}
	if err := inParallel(dir, os.RemoveAll); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// inParallel runs fn on the folders one level below dir (two when there
// are few) on every core, and returns the errors it returned. The parents'
// own files are left to the caller: working on a parent beside its
// children would race them.
func inParallel(dir string, fn func(part string) error) error {
	workers := runtime.GOMAXPROCS(0)
	parts := subdirs(dir)
	if len(parts) < 4*workers {
		var deeper []string
		for _, p := range parts {
			deeper = append(deeper, subdirs(p)...)
		}
		parts = deeper
	}
	errs := make([]error, len(parts))
	idx := make([]int, len(parts))
	for i := range idx {
		idx[i] = i
	}
	parallel.Each(workers, idx, func(i int) { errs[i] = fn(parts[i]) })
	return errors.Join(errs...)
}

// subdirs lists the folders directly in dir (not following symlinks);
// a folder it cannot read has none, and RemoveAll reports it later.
func subdirs(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

//go:build darwin

package output

import "golang.org/x/sys/unix"

// exchange swaps two paths in one step (renamex_np RENAME_SWAP, APFS and
// HFS+); other file systems refuse it and the caller publishes another way.
func exchange(a, b string) error { return unix.RenamexNp(a, b, unix.RENAME_SWAP) }

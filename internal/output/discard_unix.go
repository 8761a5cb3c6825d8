//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// removeIn removes the entry name of the open folder dir (at path, for
// other systems), relative to the folder: the kernel does not walk the
// whole path again for each of a site's 30,000 files, as os.Remove does,
// which also tries unlink before rmdir on a folder.
func removeIn(dir *os.File, _ string, name string, folder bool) error {
	flags := 0
	if folder {
		flags = unix.AT_REMOVEDIR
	}
	for {
		err := unix.Unlinkat(int(dir.Fd()), name, flags)
		if err != unix.EINTR {
			return err
		}
	}
}

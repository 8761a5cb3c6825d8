//go:build unix

package output

import (
	"path/filepath"
	"syscall"
)

// isMountPoint reports whether dir is the root of a file system mounted
// there (a disk, a network share, a container volume): no rename can move
// it, so a build cannot swap a new site in its place. A folder on another
// device than its parent is one; bind mounts of a folder of the same file
// system are found in the mount table where the system has one.
func isMountPoint(dir string) bool {
	var st, pst syscall.Stat_t
	if syscall.Lstat(dir, &st) != nil || syscall.Stat(filepath.Dir(dir), &pst) != nil {
		return false
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
		return false
	}
	if st.Dev != pst.Dev {
		return true
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r // the table names folders by their real path
	}
	return inMountTable(dir)
}

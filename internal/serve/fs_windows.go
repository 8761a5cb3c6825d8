package serve

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// unwatchable says why file events cannot be trusted for the folder at
// root, or "" when they can: on a network share (\\server\share, or a
// drive letter mapped to one) ReadDirectoryChangesW misses changes made
// by other computers and some servers refuse it.
func unwatchable(root string) string {
	vol := filepath.VolumeName(root)
	if strings.HasPrefix(vol, `\\`) {
		return "ổ mạng " + vol
	}
	if vol == "" {
		return ""
	}
	p, err := windows.UTF16PtrFromString(vol + `\`)
	if err != nil {
		return ""
	}
	if windows.GetDriveType(p) == windows.DRIVE_REMOTE {
		return "ổ mạng " + vol
	}
	return ""
}

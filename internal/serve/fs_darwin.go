package serve

import (
	"strings"

	"golang.org/x/sys/unix"
)

// networkFS names the macOS file systems whose changes made elsewhere
// reach no FSEvents/kqueue watch, by statfs(2)'s type name.
var networkFS = map[string]string{
	"smbfs":  "ổ mạng SMB",
	"nfs":    "ổ mạng NFS",
	"afpfs":  "ổ mạng AFP",
	"webdav": "ổ mạng WebDAV",
}

// unwatchable says why file events cannot be trusted for the folder at
// root, or "" when they can.
func unwatchable(root string) string {
	var st unix.Statfs_t
	if err := unix.Statfs(root, &st); err != nil {
		return ""
	}
	name := strings.TrimRight(string(st.Fstypename[:]), "\x00")
	if why, ok := networkFS[name]; ok {
		return why
	}
	if strings.Contains(name, "fuse") {
		return "ổ FUSE (" + name + ")"
	}
	return ""
}

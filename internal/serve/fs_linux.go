package serve

import (
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// networkFS names the Linux file systems whose changes made elsewhere (on
// the server, or by Windows under WSL) reach no inotify watch, by the
// magic number statfs(2) gives.
var networkFS = map[int64]string{
	0x6969:     "ổ mạng NFS",
	0x517B:     "ổ mạng SMB",
	0xFF534D42: "ổ mạng CIFS/SMB",
	0xFE534D42: "ổ mạng SMB2",
	0x01021997: "ổ 9P (thư mục Windows trong WSL 2)",
	0x5346414F: "ổ mạng AFS",
	0x73757245: "ổ mạng Coda",
	0x65735546: "ổ FUSE (sshfs, rclone…)",
}

// unwatchable says why file events cannot be trusted for the folder at
// root, or "" when they can.
func unwatchable(root string) string {
	var st unix.Statfs_t
	if err := unix.Statfs(root, &st); err == nil {
		if name, ok := networkFS[int64(st.Type)]; ok {
			return name
		}
	}
	// WSL 1 mounts Windows drives as drvfs under /mnt: files saved by
	// Windows programs send no inotify event there.
	if strings.HasPrefix(root, "/mnt/") && underWSL() {
		return "ổ Windows trong WSL (/mnt)"
	}
	return ""
}

func underWSL() bool {
	if os.Getenv("WSL_DISTRO_NAME") != "" {
		return true
	}
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	return err == nil && strings.Contains(strings.ToLower(string(b)), "microsoft")
}

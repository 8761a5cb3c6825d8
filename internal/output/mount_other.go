//go:build !unix

package output

// isMountPoint: on Windows a volume mounted in a folder is a reparse
// point that renames refuse, reported when the swap fails.
func isMountPoint(string) bool { return false }

//go:build !linux && !darwin && !windows

package serve

// unwatchable knows no unwatchable file systems on this system.
func unwatchable(root string) string { return "" }

//go:build !windows

package main

// ownConsole is a Windows matter: elsewhere a terminal outlives portal.
func ownConsole() bool { return false }

package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// ownConsole reports whether portal is the only process of its console
// window: Windows made the window for it because it was opened from File
// Explorer, and will close it the moment portal exits.
func ownConsole() bool {
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var pids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	return n == 1
}

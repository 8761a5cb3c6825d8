package main

import (
	"fmt"
	"io"
)

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "portal new: chưa có trong bản này (not in this build yet)")
	return 2
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "portal check: chưa có trong bản này (not in this build yet)")
	return 2
}

package main

import (
	"fmt"
	"io"
)

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "portal check: chưa có trong bản này (not in this build yet)")
	return 2
}

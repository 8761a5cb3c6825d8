// Package fileio reads and writes whole files with the fewest system calls.
// A build opens some 30,000 files; on Linux, setting up an *os.File for
// each (registering it with the network poller, switching it to
// non-blocking mode, arming a finalizer) is about a third of the cost of
// reading or writing a page-sized file, and a regular file gains nothing
// from the poller. Elsewhere the functions are the os package's.
package fileio

import "fmt"

// TooLargeError is ReadFile's refusal of a file over its size limit.
type TooLargeError struct {
	Name string
	Size int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %d bytes, over the limit", e.Name, e.Size)
}

//go:build unix

package search

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system; the
// machine the benchmarks run on is shared, and CPU time varies less with
// its load than wall time does.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build !unix

package search

import "time"

// processCPU is unknown here: the CPU-time metric is left out.
func processCPU() time.Duration { return -1 }

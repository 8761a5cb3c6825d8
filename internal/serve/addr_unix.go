//go:build unix

package serve

import (
	"errors"
	"syscall"
)

// portTaken reports whether err means another program holds the port.
func portTaken(err error) bool { return errors.Is(err, syscall.EADDRINUSE) }

// portUnavailable reports whether err means this port cannot be had but
// another might.
func portUnavailable(err error) bool { return portTaken(err) }

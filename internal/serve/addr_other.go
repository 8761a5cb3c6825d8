//go:build !unix && !windows

package serve

import "strings"

// portTaken reports whether err means another program holds the port.
func portTaken(err error) bool { return strings.Contains(err.Error(), "address already in use") }

// portUnavailable reports whether err means this port cannot be had but
// another might.
func portUnavailable(err error) bool { return portTaken(err) }

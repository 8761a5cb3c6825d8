package serve

import (
	"errors"
	"syscall"
)

// Winsock's codes: the port is taken, or reserved (Hyper-V and WSL
// reserve ranges of ports, which then refuse with "access denied").
const (
	wsaeaddrinuse = 10048
	wsaeacces     = 10013
)

// portTaken reports whether err means another program holds the port.
func portTaken(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && errno == wsaeaddrinuse
}

// portUnavailable reports whether err means this port cannot be had but
// another might: taken or reserved.
func portUnavailable(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == wsaeaddrinuse || errno == wsaeacces)
}

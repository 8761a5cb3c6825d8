//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// flock locks belong to the open file, not the process: two builds in
// one process (tests, the preview) exclude each other too, and the kernel
// drops the lock when the process dies, so a killed build never leaves
// the destination locked.
func tryLock(f *os.File) error {
	err := flockRetry(f, unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLocked
	}
	return err
}

func waitLock(f *os.File) error { return flockRetry(f, unix.LOCK_EX) }

func unlockFile(f *os.File) error { return flockRetry(f, unix.LOCK_UN) }

func flockRetry(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			return err
		}
	}
}

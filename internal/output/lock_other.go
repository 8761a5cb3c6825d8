//go:build !unix && !windows

package output

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// Without a file-locking call (Plan 9, WebAssembly) the lock is a second
// file created with O_EXCL beside the lock file. Its limitation: a build
// killed while holding it leaves it behind, and the next build waits until
// someone removes it (its path is in the waiting message).
func tryLock(f *os.File) error {
	g, err := os.OpenFile(f.Name()+".held", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return errLocked
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(g, "%d\n", os.Getpid())
	return g.Close()
}

func waitLock(f *os.File) error {
	for {
		err := tryLock(f)
		if !errors.Is(err, errLocked) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func unlockFile(f *os.File) error { return os.Remove(f.Name() + ".held") }

//go:build !linux

package output

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.New("atomic exchange not supported") }

func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	return err == nil && p != nil
}

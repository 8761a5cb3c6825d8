//go:build !unix

package output

import (
	"os"
	"path/filepath"
)

// removeIn removes the entry name of the folder at path.
func removeIn(_ *os.File, path, name string, _ bool) error {
	return os.Remove(filepath.Join(path, name))
}

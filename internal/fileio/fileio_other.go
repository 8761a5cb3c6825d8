//go:build !linux

package fileio

import (
	"io"
	"io/fs"
	"os"
)

// ReadFile reads the named file. A file larger than max bytes is not read:
// the error is a *TooLargeError.
func ReadFile(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, &TooLargeError{Name: name, Size: st.Size()}
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &TooLargeError{Name: name, Size: int64(len(b))}
	}
	return b, nil
}

// WriteFile writes data to the named file, creating it with perm (before
// the umask) or truncating it.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}

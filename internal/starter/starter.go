// Package starter holds the site `portal init` writes: a small, buildable
// portal another agency can start from, with the binary alone.
//
// Its layouts/ and static/ are copies of the repository's own, made by
// `go generate ./internal/starter` (gen.go) and kept current by a test, so
// the starter never drifts from the portal's design; its site.yaml,
// content/ and data/ are written for the starter, with no facts of one
// locality: one page of each kind (the home page, a section, a regular
// page, a document page, a page bundle with an image), the contact data
// marked unconfirmed, and the sitemap and search pages the checker and
// the layouts expect.
package starter

//go:generate go run gen.go

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

//go:embed all:site
var files embed.FS

// Root is the starter's tree, with site.yaml at its top.
func Root() fs.FS {
	sub, err := fs.Sub(files, "site")
	if err != nil {
		panic(err) // the embedded tree always has site/
	}
	return sub
}

// ErrNotEmpty is returned, wrapped, when the target folder has files.
var ErrNotEmpty = errors.New("thư mục không trống")

// Write writes the starter into dir, creating it, and returns the files
// written, slash-separated and relative to dir. A folder that exists and
// is not empty is refused, so no one's work is overwritten or mixed in.
func Write(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%s: %w (có %d mục); hãy chọn một thư mục mới hoặc trống", dir, ErrNotEmpty, len(entries))
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("đọc thư mục %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	var written []string
	root := Root()
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.Mkdir(target, 0o755)
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		// O_EXCL: a file that appeared meanwhile is not overwritten.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		written = append(written, path.Clean(p))
		return nil
	})
	if err != nil {
		return written, fmt.Errorf("ghi trang mẫu vào %s: %w", dir, err)
	}
	return written, nil
}

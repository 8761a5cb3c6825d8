//go:build ignore

// gen copies the repository's layouts/ and static/ into site/, the tree
// `portal init` writes, replacing what was there. Run it with
// `go generate ./internal/starter` after changing either folder; the
// package's tests fail until the copy is current.
package main

import (
	"io/fs"
	"log"
	"os"
	"path/filepath"
)

func main() {
	for _, dir := range []string{"layouts", "static"} {
		src := filepath.Join("..", "..", dir)
		dst := filepath.Join("site", dir)
		if err := os.RemoveAll(dst); err != nil {
			log.Fatal(err)
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(src, p)
			if err != nil {
				return err
			}
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			if !d.Type().IsRegular() {
				log.Fatalf("%s: only regular files can be copied into the starter", p)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			log.Fatal(err)
		}
	}
}

package content

import (
	"path"
	"path/filepath"

	"portal/internal/diag"
)

// LoadStatic lists static/ files by output path.
func LoadStatic(root string) (map[string]string, []*diag.Problem) {
	paths, probs := Walk(root, filepath.Join(root, "static"), "static")
	probs = append(probs, CheckStatic(root, paths)...)
	m := make(map[string]string, len(paths))
	for _, p := range paths {
		m[p] = path.Join("static", p)
	}
	return m, probs
}

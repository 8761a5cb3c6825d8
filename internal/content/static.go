package content

import (
	"path"
	"path/filepath"

	"portal/internal/diag"
	"portal/internal/textutil"
)

// LoadStatic lists static/ files by output path.
func LoadStatic(root string) (map[string]string, []*diag.Problem) {
	paths, probs := Walk(root, filepath.Join(root, "static"), "static")
	probs = append(probs, CheckStatic(root, paths)...)
	probs = append(probs, CheckNames("static", paths)...)
	m := make(map[string]string, len(paths))
	for _, p := range paths {
		// A bidi control character in a name is left out of its address
		// (CheckNames warns); two names that differ only by one would
		// publish one file.
		out, _ := textutil.StripBidi(p)
		if other, dup := m[out]; dup {
			probs = append(probs, diag.Errorf("static/"+p, 0, "tệp này và %s cùng được đưa ra %s sau khi bỏ ký tự đảo chiều văn bản (two files publish one address)", other, out))
			continue
		}
		m[out] = path.Join("static", p)
	}
	return m, probs
}

package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"portal/internal/diag"
	"portal/internal/parallel"
	"portal/internal/search"
)

// Assets are the static stylesheets and scripts as the build published
// them: each under a name carrying a hash of its bytes, with its
// Subresource Integrity hash. Fingerprint makes them before any page is
// converted; the link resolver and the templates only read them. A nil
// *Assets publishes every file under its own name, without hashes.
type Assets struct {
	names     map[string]string // static path → published name
	integrity map[string]string // static path → "sha256-…"
	offline   bool
}

// Name is the name static file rel ("css/style.css") is published under,
// when the build publishes it as an asset.
func (a *Assets) Name(rel string) (string, bool) {
	if a == nil {
		return "", false
	}
	name, ok := a.names[rel]
	return name, ok
}

// Integrity is the Subresource Integrity hash of asset rel, or "" where
// it cannot be checked: a file published under its own name (it changes
// in place), and the offline copy (file:// pages have an opaque origin,
// and browsers refuse SRI there).
func (a *Assets) Integrity(rel string) string {
	if a == nil || a.offline {
		return ""
	}
	return a.integrity[rel]
}

// Fingerprint writes every CSS and JS file of static/ (statics maps
// output paths to their paths under source) and the search script under
// a name that carries a hash of its bytes — style.3f2a9c1b0d.css — so
// hosts can cache them for a year, and returns their names and
// Subresource Integrity hashes. With keepNames (the preview server, which
// swaps stylesheets in place) the files keep their own names and get no
// integrity hash.
func (e *Emitter) Fingerprint(source string, statics map[string]string, keepNames bool) *Assets {
	a := &Assets{names: map[string]string{}, integrity: map[string]string{}, offline: e.offline}
	var rels []string
	for rel := range statics {
		ext := strings.ToLower(path.Ext(rel))
		// search/search.js is always the engine's own script.
		if (ext == ".css" || ext == ".js") && rel != "search/search.js" {
			rels = append(rels, rel)
		}
	}
	sort.Strings(rels)
	rels = append(rels, "search/search.js")
	var mu sync.Mutex
	// Minifying the stylesheets and scripts is most of a small site's
	// serial work before conversion: do the files side by side.
	parallel.Each(e.workers, rels, func(rel string) {
		var data []byte
		var err error
		if rel == "search/search.js" {
			if data, err = search.Script(e.offline); err != nil {
				err = diag.Errorf("search", 0, "%v", err)
			}
		} else {
			data, err = os.ReadFile(filepath.Join(source, filepath.FromSlash(statics[rel])))
			if err != nil {
				err = diag.Errorf(statics[rel], 0, "không đọc được (cannot read): %v", err)
			}
		}
		if err != nil {
			e.problems.Add(err)
			return
		}
		name, sri, ok := e.fingerprinted(rel, data, keepNames)
		if !ok {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		a.names[rel] = name
		if !keepNames {
			a.integrity[rel] = sri
		}
	})
	return a
}

// fingerprinted minifies and writes static file rel under its published
// name, and returns that name and the file's integrity hash; ok is false
// when the file could not be written (the problem is reported).
func (e *Emitter) fingerprinted(rel string, data []byte, keepName bool) (name, sri string, ok bool) {
	var mbuf bytes.Buffer
	out := e.min.Minify(&mbuf, TypeOf(rel), data)
	out = append([]byte(nil), out...)
	sum := sha256.Sum256(out)
	ext := path.Ext(rel)
	name = strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	if keepName {
		// The file changes in place while pages keep their markup: an
		// integrity hash in them would block the new version.
		name = rel
	}
	if err := e.w.WriteFile(name, out); err != nil {
		e.writeFailed(rel, err)
		return "", "", false
	}
	return name, "sha256-" + base64.StdEncoding.EncodeToString(sum[:]), true
}

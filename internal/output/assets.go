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

// Fingerprint writes every CSS and JS file of static/ (and the search
// script) under a name that carries a hash of its bytes —
// style.3f2a9c1b0d.css — so hosts can cache them for a year, and records
// each file's name in names and its Subresource Integrity hash in
// integrity, for templates. With keepNames the files keep their own
// names and get no integrity hash.
func (e *Emitter) Fingerprint(source string, statics map[string]string, keepNames bool, names, integrity map[string]string) {
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
		names[rel] = name
		if !keepNames {
			integrity[rel] = sri
		}
	})
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
		e.problems.Add(diag.Errorf(rel, 0, "%v", err))
		return "", "", false
	}
	return name, "sha256-" + base64.StdEncoding.EncodeToString(sum[:]), true
}

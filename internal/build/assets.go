package build

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

	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/parallel"
	"portal/internal/search"
)

// fingerprintStatics writes every CSS and JS file of static/ (and the
// search script) under a name that carries a hash of its bytes —
// style.3f2a9c1b0d.css — so hosts can cache them for a year, and records
// each file's Subresource Integrity hash for templates.
func (b *builder) fingerprintStatics() {
	s := b.s
	type asset struct{ rel, name string }
	var names []string
	for rel := range s.Statics {
		ext := strings.ToLower(path.Ext(rel))
		// search/search.js is always the engine's own script.
		if (ext == ".css" || ext == ".js") && rel != "search/search.js" {
			names = append(names, rel)
		}
	}
	sort.Strings(names)
	names = append(names, "search/search.js")
	// Minifying the stylesheets and scripts is most of a small site's
	// serial work before conversion: do the files side by side.
	parallel.Each(b.workers, names, func(rel string) {
		var data []byte
		var err error
		if rel == "search/search.js" {
			if data, err = search.Script(b.opts.Offline); err != nil {
				err = diag.Errorf("search", 0, "%v", err)
			}
		} else {
			data, err = os.ReadFile(filepath.Join(b.opts.Source, filepath.FromSlash(s.Statics[rel])))
			if err != nil {
				err = diag.Errorf(s.Statics[rel], 0, "không đọc được (cannot read): %v", err)
			}
		}
		if err != nil {
			b.problems.Add(err)
			return
		}
		b.writeFingerprinted(rel, data)
	})
}

func (b *builder) writeFingerprinted(rel string, data []byte) {
	var mbuf bytes.Buffer
	out := b.min.Minify(&mbuf, output.TypeOf(rel), data)
	out = append([]byte(nil), out...)
	sum := sha256.Sum256(out)
	ext := path.Ext(rel)
	name := strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	if b.opts.NoFingerprint {
		name = rel
	}
	if err := b.w.WriteFile(name, out); err != nil {
		b.problems.Add(diag.Errorf(rel, 0, "%v", err))
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.s.Fingerprints[rel] = name
	if b.opts.NoFingerprint {
		// The file changes in place while pages keep their markup: an
		// integrity hash in them would block the new version.
		return
	}
	if b.s.Integrity == nil {
		b.s.Integrity = map[string]string{}
	}
	b.s.Integrity[rel] = "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// discardTree removes an old site: the files its manifest lists, then the
// folders they leave empty. Anything else in it was put there by someone
// else (while the build ran, or by a program whose working folder was
// inside): the tree, holding only those files now, is renamed to
// keptPath() and they are returned. Nothing is read through a symlink:
// a listed name that has become a link loses the link only.
//
// It costs what removing the tree wholesale costs, one walk and one
// unlink a file, spread over the cores as removeTree does. The manifest
// goes last, so a build killed midway leaves a tree the next one can
// finish clearing.
func discardTree(tree string, keptPath func() string) (kept string, foreign []string, err error) {
	fi, err := os.Lstat(tree)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if !fi.IsDir() {
		return "", nil, os.Remove(tree)
	}
	m := &manifest{known: map[string]bool{ManifestName: true}}
	if b, err := os.ReadFile(filepath.Join(tree, ManifestName)); err == nil {
		// A damaged manifest vouches for nothing: everything is kept.
		if parsed, err := parseManifest(b, ManifestName, tree); err == nil {
			m = parsed
		}
	}
	_ = inParallel(tree, func(part string) error {
		removeKnown(tree, part, m, nil)
		return nil
	})
	// What the parts left, and the files above them; only this pass,
	// which sees everything that is left, names what is foreign.
	removeKnown(tree, tree, m, &foreign)
	if err := os.Remove(filepath.Join(tree, ManifestName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", nil, err
	}
	if os.Remove(tree) == nil {
		return "", nil, nil
	}
	if len(foreign) == 0 {
		// Not empty, yet nothing foreign seen: a file that arrived after
		// the walk. Look again.
		removeKnown(tree, tree, m, &foreign)
	}
	sort.Strings(foreign)
	kept = keptPath()
	if err := os.Rename(tree, kept); err != nil {
		return "", nil, err
	}
	return kept, foreign, nil
}

// removeKnown removes below dir (inside tree) the files m lists, except the
// manifest, then the folders left empty, deepest first; foreign, when not
// nil, collects the slash paths of what m does not list (a folder as a
// whole). It reads folders unsorted and names entries by joining, not by
// filepath.Rel: at 10,000 pages that is a fifth of its time.
func removeKnown(tree, dir string, m *manifest, foreign *[]string) {
	rel := ""
	if dir != tree {
		r, err := filepath.Rel(tree, dir)
		if err != nil {
			return
		}
		rel = filepath.ToSlash(r)
		if !m.has(rel) {
			if foreign != nil {
				*foreign = append(*foreign, rel)
			}
			return
		}
	}
	removeKnownIn(dir, rel, m, foreign)
}

// removeKnownIn is removeKnown of the folder dir, whose slash path in the
// tree is rel ("" for the tree itself), listed by m.
func removeKnownIn(dir, rel string, m *manifest, foreign *[]string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	defer f.Close()
	entries, _ := f.ReadDir(-1)
	for _, e := range entries {
		name := e.Name()
		r := name
		if rel != "" {
			r = rel + "/" + name
		}
		if !m.has(r) {
			if foreign != nil {
				*foreign = append(*foreign, r)
			}
			continue
		}
		switch {
		case e.IsDir(): // a link to a folder is not one: it goes as a file
			removeKnownIn(filepath.Join(dir, name), r, m, foreign)
			_ = removeIn(f, dir, name, true)
		case r != ManifestName:
			_ = removeIn(f, dir, name, false)
		}
	}
}

// Package testkit is what the tests of every package share: the site
// fixtures, written once under testdata/ and copied fresh for each test,
// and the helpers that write, copy, read and compare folders.
//
// Only tests import it (tests/architecture holds production code to that).
// It imports nothing of the engine, so the tests inside any engine package
// can use it without an import cycle; building a site stays a direct call
// of the stage under test.
package testkit

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// Root returns the repository's root folder: the nearest folder above the
// test's working directory (its package folder) that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testkit: no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Fixture returns the folder of the named site fixture, to read or build
// as it is; a test that changes the site copies it with Site. The
// fixtures, each in internal/testkit/testdata/NAME:
//
//   - "engine": sections, a page bundle, a draft, a shortcode, menus and
//     i18n; internal/build/testdata/golden is its output.
//   - "good": a site every rule of portal check passes.
//   - "small": a small site the hostile cases lay their mistakes over;
//     quick enough to build many times.
func Fixture(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(Root(t), "internal", "testkit", "testdata", name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("testkit: no fixture %q (%s)", name, dir)
	}
	return dir
}

// Site copies the named fixture into a fresh folder, then each overlay
// folder over it (an overlay's files replace the fixture's), and returns
// the folder. Its name is "site", in a folder of its own.
func Site(t testing.TB, name string, overlays ...string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(Fixture(t, name))); err != nil {
		t.Fatalf("testkit: copy fixture %s: %v", name, err)
	}
	for _, o := range overlays {
		CopyTree(t, o, dst)
	}
	return dst
}

// Portal copies the portal's own site (site.yaml, content, layouts, static,
// data: not its output) into a fresh folder and returns the folder.
func Portal(t testing.TB) string {
	t.Helper()
	root, dst := Root(t), filepath.Join(t.TempDir(), "site")
	for _, top := range []string{"site.yaml", "content", "layouts", "static", "data"} {
		CopyTree(t, filepath.Join(root, top), filepath.Join(dst, top))
	}
	return dst
}

// Files writes files (slash path → content) into a fresh folder and returns
// the folder.
func Files[T ~string | ~[]byte](t testing.TB, files map[string]T) string {
	t.Helper()
	dir := t.TempDir()
	WriteFiles(t, dir, files)
	return dir
}

// WriteFiles writes files (slash path → content) below root.
func WriteFiles[T ~string | ~[]byte](t testing.TB, root string, files map[string]T) {
	t.Helper()
	for rel, data := range files {
		WriteFile(t, root, rel, data)
	}
}

// WriteFile writes data at the slash path rel below root, creating the
// folders on the way and replacing a file that is there.
func WriteFile[T ~string | ~[]byte](t testing.TB, root, rel string, data T) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadFile returns the file at the slash path rel below root.
func ReadFile(t testing.TB, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("testkit: read %s: %v", rel, err)
	}
	return string(b)
}

// CopyTree copies the file or folder src to dst, keeping relative paths
// and creating folders. It overlays: a file already at dst is replaced,
// other files there stay.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	st, err := os.Stat(src)
	if err != nil {
		t.Fatalf("testkit: copy %s: %v", src, err)
	}
	if !st.IsDir() {
		WriteFile(t, filepath.Dir(dst), filepath.Base(dst), ReadFile(t, filepath.Dir(src), filepath.Base(src)))
		return
	}
	WriteFiles(t, dst, ReadTree(t, src))
}

// Tree is the files of a folder by slash path.
type Tree map[string]string

// Paths returns the tree's paths, sorted.
func (tr Tree) Paths() []string {
	return slices.Sorted(maps.Keys(tr))
}

// ReadTree returns the content of every file below dir, by slash path.
// A dir that names a link to a folder is followed.
func ReadTree(t testing.TB, dir string) Tree {
	t.Helper()
	return readFS(t, os.DirFS(dir), false)
}

// ReadFS is ReadTree over a file system (an embedded one, say).
func ReadFS(t testing.TB, fsys fs.FS) Tree {
	t.Helper()
	return readFS(t, fsys, false)
}

// Snapshot is ReadTree for before/after comparisons: each file's mode
// comes before its content, and each folder is listed as "path/", so a
// file only re-written with another mode, or a folder added or removed,
// shows in Diff.
func Snapshot(t testing.TB, dir string) Tree {
	t.Helper()
	return readFS(t, os.DirFS(dir), true)
}

func readFS(t testing.TB, fsys fs.FS, modes bool) Tree {
	t.Helper()
	tree := Tree{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if modes {
				tree[p+"/"] = ""
			}
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if !modes {
			tree[p] = string(b)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		tree[p] = info.Mode().String() + "\n" + string(b)
		return nil
	})
	if err != nil {
		t.Fatalf("testkit: read %v: %v", fsys, err)
	}
	return tree
}

// Diff lists how tree b differs from tree a, one line a path, sorted by
// path: "~ path" where the two differ, "- path" where only a has it,
// "+ path" where only b has it. It is empty when they are the same.
func Diff(a, b Tree) []string {
	var diffs []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			diffs = append(diffs, "- "+k)
		} else if w != v {
			diffs = append(diffs, "~ "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, "+ "+k)
		}
	}
	sort.Slice(diffs, func(i, j int) bool { return diffs[i][2:] < diffs[j][2:] })
	return diffs
}

package testkit

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSiteCopiesFixtureThenOverlays(t *testing.T) {
	overlay := Files(t, map[string]string{
		"site.yaml":             "title: Thay\n",
		"content/moi/_index.md": "---\ntitle: Mới\n---\n",
	})
	src := Site(t, "small", overlay)
	if filepath.Base(src) != "site" {
		t.Errorf("Site = %s; want a folder named site", src)
	}
	if got := ReadFile(t, src, "site.yaml"); got != "title: Thay\n" {
		t.Errorf("overlay did not replace site.yaml: %q", got)
	}
	fixture := ReadTree(t, Fixture(t, "small"))
	copied := ReadTree(t, src)
	if d := Diff(fixture, copied); !slices.Equal(d, []string{"+ content/moi/_index.md", "~ site.yaml"}) {
		t.Errorf("Diff(fixture, copy) = %q", d)
	}
	// The copy is the test's own: changing it leaves the fixture alone.
	WriteFile(t, src, "content/_index.md", "đổi")
	if ReadTree(t, Fixture(t, "small"))["content/_index.md"] != fixture["content/_index.md"] {
		t.Error("writing the copy changed the fixture")
	}
	for _, name := range []string{"engine", "good", "small"} {
		if _, ok := ReadTree(t, Fixture(t, name))["site.yaml"]; !ok {
			t.Errorf("fixture %s has no site.yaml", name)
		}
	}
}

func TestPortalCopiesTheSiteSources(t *testing.T) {
	src := Portal(t)
	for _, top := range []string{"site.yaml", "content", "layouts", "static", "data"} {
		if _, err := os.Stat(filepath.Join(src, top)); err != nil {
			t.Error(err)
		}
	}
	if got, want := ReadFile(t, src, "site.yaml"), ReadFile(t, Root(t), "site.yaml"); got != want {
		t.Error("site.yaml differs from the repository's")
	}
}

func TestCopyTreeFileAndFolder(t *testing.T) {
	src := Files(t, map[string][]byte{"a/b.txt": []byte("b"), "c.txt": []byte("c")})
	dst := filepath.Join(t.TempDir(), "x")
	CopyTree(t, filepath.Join(src, "c.txt"), filepath.Join(dst, "sau", "c.txt"))
	CopyTree(t, src, dst)
	want := Tree{"a/b.txt": "b", "c.txt": "c", "sau/c.txt": "c"}
	if d := Diff(want, ReadTree(t, dst)); len(d) > 0 {
		t.Errorf("copy differs: %v", d)
	}
}

func TestSnapshotSeesModesAndFolders(t *testing.T) {
	dir := Files(t, map[string]string{"a.txt": "a"})
	before := Snapshot(t, dir)
	if err := os.Chmod(filepath.Join(dir, "a.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "moi"), 0o755); err != nil {
		t.Fatal(err)
	}
	if d := Diff(before, Snapshot(t, dir)); !slices.Equal(d, []string{"~ a.txt", "+ moi/"}) {
		t.Errorf("Diff = %q; want the mode change and the new folder", d)
	}
	// ReadTree and ReadFS see content only; a link to the folder is
	// followed.
	if d := Diff(Tree{"a.txt": "a"}, ReadTree(t, dir)); len(d) > 0 {
		t.Errorf("ReadTree: %v", d)
	}
	link := filepath.Join(t.TempDir(), "lien-ket")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if d := Diff(ReadFS(t, os.DirFS(dir)), ReadTree(t, link)); len(d) > 0 {
		t.Errorf("ReadTree through a link: %v", d)
	}
	if got := (Tree{"b": "", "a": "", "c/": ""}).Paths(); !slices.Equal(got, []string{"a", "b", "c/"}) {
		t.Errorf("Paths = %v", got)
	}
}

// ending records how Need ends a test.
type ending struct {
	testing.TB
	how string
}

func (e *ending) Helper() {}
func (e *ending) Fatalf(format string, args ...any) {
	e.how = "fail: " + fmt.Sprintf(format, args...)
}
func (e *ending) Skipf(format string, args ...any) {
	e.how = "skip: " + fmt.Sprintf(format, args...)
}

func TestNeed(t *testing.T) {
	short := flag.Lookup("test.short").Value.String()
	t.Cleanup(func() { _ = flag.Set("test.short", short) })
	missing := fmt.Errorf("/usr/bin/x not found")
	tests := []struct {
		short, ci bool
		missing   error
		want      string
	}{
		{false, false, nil, ""},
		{false, false, missing, "fail: X: /usr/bin/x not found; install it with `y`, or run `go test -short ./...` to skip the tests that need tools from outside Go"},
		{true, false, missing, "skip: X: skipped with -short"},
		{true, false, nil, "skip: X: skipped with -short"},
		{true, true, missing, "fail: X: /usr/bin/x not found; install it with `y`, or run `go test -short ./...` to skip the tests that need tools from outside Go"},
		{false, true, nil, ""},
	}
	for _, tc := range tests {
		if err := flag.Set("test.short", fmt.Sprint(tc.short)); err != nil {
			t.Fatal(err)
		}
		ci := ""
		if tc.ci {
			ci = "true"
		}
		t.Setenv("CI", ci)
		e := &ending{TB: t}
		Need(e, "X", tc.missing, "install it with `y`")
		if e.how != tc.want {
			t.Errorf("short %v, CI %v, missing %v: %q; want %q", tc.short, tc.ci, tc.missing, e.how, tc.want)
		}
	}
}

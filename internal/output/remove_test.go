package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRemoveTree(t *testing.T) {
	for _, shape := range []struct {
		name      string
		top, deep int
	}{{"empty", 0, 0}, {"flat", 1, 0}, {"few folders", 3, 5}, {"many folders", 40, 2}} {
		t.Run(shape.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "old")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
			for i := range shape.top {
				for j := range shape.deep {
					d := filepath.Join(dir, fmt.Sprint("s", i), fmt.Sprint("p", j))
					if err := os.MkdirAll(d, 0o755); err != nil {
						t.Fatal(err)
					}
					os.WriteFile(filepath.Join(d, "index.html"), []byte("x"), 0o644)
				}
				os.WriteFile(filepath.Join(dir, fmt.Sprint("s", i), "index.xml"), []byte("x"), 0o644)
			}
			// A symlink to a folder outside is removed, not followed.
			outside := t.TempDir()
			keep := filepath.Join(outside, "keep.txt")
			os.WriteFile(keep, []byte("x"), 0o644)
			if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			if err := removeTree(dir); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(dir); !os.IsNotExist(err) {
				t.Errorf("%s still there: %v", dir, err)
			}
			if _, err := os.Stat(keep); err != nil {
				t.Errorf("followed a symlink out of the tree: %v", err)
			}
		})
	}
	if err := removeTree(filepath.Join(t.TempDir(), "missing")); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}

// After the swap of a destination that was a symlink, the old "tree" is
// the link itself: removing it must leave the folder it points to alone.
func TestRemoveTreeOfSymlink(t *testing.T) {
	target := t.TempDir()
	for _, d := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		if err := os.MkdirAll(filepath.Join(target, d, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(target, d, "x", "index.html"), []byte("x"), 0o644)
	}
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(link); !os.IsNotExist(err) {
		t.Errorf("link still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "h", "x", "index.html")); err != nil {
		t.Errorf("removed what the link points to: %v", err)
	}
}

func TestPublishOverSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "www")
	if err := os.MkdirAll(filepath.Join(target, "cu"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(target, "cu", "index.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(target, ManifestName), []byte("cu/index.html\n"), 0o644)
	link := filepath.Join(dir, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	pub, err := Begin(PublishOptions{Source: t.TempDir(), Dest: link})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	os.WriteFile(filepath.Join(pub.Dir(), "index.html"), []byte("new"), 0o644)
	if err := pub.Commit([]string{"index.html"}); err != nil {
		t.Fatal(err)
	}
	// The link's target is replaced; what a build must never do is
	// delete through a link, or replace the link itself.
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the destination link was replaced: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "cu", "index.html")); !os.IsNotExist(err) {
		t.Errorf("old site of the link's target not removed: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(link, "index.html")); err != nil || string(b) != "new" {
		t.Errorf("new site not published: %q, %v", b, err)
	}
}

// A manifest with a line portal never writes is refused by file and line,
// promptly: "/" once made the folder walk loop for ever.
func TestCheckDestFilesDamagedManifest(t *testing.T) {
	for _, bad := range []string{"/", "/tmp/x", "../ngoai", "a//b", `a\b`, "./a"} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(dir, ManifestName), []byte("index.html\n"+bad+"\n"), 0o644)
		done := make(chan error, 1)
		go func() { done <- CheckDestFiles(dir) }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), ManifestName+":2:") {
				t.Errorf("%q: err = %v, want the manifest's line 2", bad, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%q: CheckDestFiles did not return", bad)
		}
	}
}

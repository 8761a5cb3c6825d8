package output

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestSafeRel(t *testing.T) {
	for _, ok := range []string{"index.html", "a/b/index.html", "kế-hoạch/index.html", "..a/b", "a../b"} {
		if err := SafeRel(ok); err != nil {
			t.Errorf("SafeRel(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a/..", "./a", "a//b", "a/./b", "a\\..\\b", "a\x00b", "a/"} {
		if err := SafeRel(bad); err == nil {
			t.Errorf("SafeRel(%q) accepted", bad)
		}
	}
}

func TestDirWriter(t *testing.T) {
	root := t.TempDir()
	w := NewDirWriter(root)
	src := filepath.Join(t.TempDir(), "src.bin")
	if err := os.WriteFile(src, []byte{0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := w.WriteFile("a/b/"+string(rune('a'+i))+".html", []byte("x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := w.CopyFile("c/src.bin", src); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile("../thoat.html", []byte("x")); err == nil {
		t.Error("wrote outside the root")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "thoat.html")); err == nil {
		t.Error("file created outside the root")
	}
	if b, _ := os.ReadFile(filepath.Join(root, "c/src.bin")); !bytes.Equal(b, []byte{0, 1, 2}) {
		t.Errorf("copy = %v", b)
	}
	files := w.Files()
	if len(files) != 21 || files[0] != "a/b/a.html" || files[20] != "c/src.bin" {
		t.Errorf("Files = %v", files)
	}
}

func TestMemWriter(t *testing.T) {
	m := NewMemWriter()
	data := []byte("<p>a</p>")
	if err := m.WriteFile("x/index.html", data); err != nil {
		t.Fatal(err)
	}
	data[0] = 'X' // the writer keeps its own copy
	if b, ok := m.Get("x/index.html"); !ok || string(b) != "<p>a</p>" {
		t.Errorf("Get = %q %v", b, ok)
	}
	if err := m.WriteFile("/abs", nil); err == nil {
		t.Error("absolute path accepted")
	}
	m.Remove("x/index.html")
	if len(m.Files()) != 0 {
		t.Errorf("Files after Remove = %v", m.Files())
	}
}

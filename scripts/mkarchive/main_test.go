package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"portal":                      "binary",
		"HUONG-DAN.md":                "# Hướng dẫn\n",
		"trang-mau/site.yaml":         "title: a\n",
		"trang-mau/content/_index.md": "---\ntitle: a\n---\n",
		"trang-mau/.gitignore":        "/public/\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		// Modes and times on disk differ from what is archived.
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, time.Now(), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var opts = Options{Time: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), Prefix: "portal_v1_linux_amd64/", Exec: map[string]bool{"portal": true}}

// Two archives of the same tree are the same bytes, whatever the files'
// own times and modes; entries are sorted, dated, moded and unowned.
func TestTarGzIsReproducible(t *testing.T) {
	a, b := tree(t), tree(t)
	outA, outB := filepath.Join(t.TempDir(), "a.tar.gz"), filepath.Join(t.TempDir(), "b.tar.gz")
	if err := writeArchive(outA, a, opts); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	if err := writeArchive(outB, b, opts); err != nil {
		t.Fatal(err)
	}
	ba, _ := os.ReadFile(outA)
	bb, _ := os.ReadFile(outB)
	if !bytes.Equal(ba, bb) {
		t.Fatal("two archives of the same tree differ")
	}
	gz, err := gzip.NewReader(bytes.NewReader(ba))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header records name %q, time %v", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		wantMode := int64(0o644)
		if h.Typeflag == tar.TypeDir || strings.HasSuffix(h.Name, "/portal") {
			wantMode = 0o755
		}
		if h.Mode != wantMode || !h.ModTime.Equal(opts.Time) || h.Uid != 0 || h.Uname != "" {
			t.Errorf("%s: mode %o time %v uid %d %q", h.Name, h.Mode, h.ModTime, h.Uid, h.Uname)
		}
	}
	want := "portal_v1_linux_amd64/ portal_v1_linux_amd64/HUONG-DAN.md portal_v1_linux_amd64/portal portal_v1_linux_amd64/trang-mau/ portal_v1_linux_amd64/trang-mau/.gitignore portal_v1_linux_amd64/trang-mau/content/ portal_v1_linux_amd64/trang-mau/content/_index.md portal_v1_linux_amd64/trang-mau/site.yaml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries:\n%s\nwant:\n%s", got, want)
	}
}

func TestZipIsReproducible(t *testing.T) {
	o := opts
	o.Prefix, o.Exec = "", map[string]bool{"portal.exe": true}
	a, b := tree(t), tree(t)
	if err := os.Rename(filepath.Join(a, "portal"), filepath.Join(a, "portal.exe")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(b, "portal"), filepath.Join(b, "portal.exe")); err != nil {
		t.Fatal(err)
	}
	outA, outB := filepath.Join(t.TempDir(), "a.zip"), filepath.Join(t.TempDir(), "b.zip")
	if err := writeArchive(outA, a, o); err != nil {
		t.Fatal(err)
	}
	if err := writeArchive(outB, b, o); err != nil {
		t.Fatal(err)
	}
	ba, _ := os.ReadFile(outA)
	bb, _ := os.ReadFile(outB)
	if !bytes.Equal(ba, bb) {
		t.Fatal("two archives of the same tree differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(ba), int64(len(ba)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(o.Time) {
			t.Errorf("%s: time %v", f.Name, f.Modified)
		}
		if f.Name == "portal.exe" && f.Mode().Perm() != 0o755 {
			t.Errorf("portal.exe mode %v", f.Mode())
		}
	}
	if zr.File[0].Name != "HUONG-DAN.md" {
		t.Errorf("first entry %s; a zip for Windows has no top folder", zr.File[0].Name)
	}
	if err := writeArchive(filepath.Join(t.TempDir(), "x.rar"), a, o); err == nil {
		t.Error("an unknown archive kind was written")
	}
}

func TestSums(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"b.zip": "b", "a.tar.gz": "a"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "SHA256SUMS")
	if err := writeSums(out, []string{filepath.Join(dir, "b.zip"), filepath.Join(dir, "a.tar.gz")}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want := "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.tar.gz\n" +
		"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.zip\n"
	if string(got) != want {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", got, want)
	}
}

// Package release tests scripts/release.sh as the technical team runs it:
// two runs from one commit give the same bytes, and each archive holds
// what an editor needs.
package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/starter"
	"portal/internal/testkit"
)

const repoRoot = "../.."

// targets are one archive of each kind; the others differ only in GOOS
// and GOARCH.
var targets = []string{"linux/amd64", "windows/amd64"}

func TestReleaseArchives(t *testing.T) {
	if testing.Short() {
		t.Skip("release: builds portal for two systems twice; skipped with -short")
	}
	testkit.Program(t, "install with `apt-get install -y bash`", "bash")
	testkit.Program(t, "install with `apt-get install -y git`", "git")
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", repoRoot}, args...)...).Output()
		if err != nil {
			testkit.Need(t, "release: a git checkout", err, "run the tests in a clone of the repository")
		}
		return strings.TrimSpace(string(out))
	}
	// go test caches a passing result by the files the test itself reads:
	// reading the script and the archiver makes a change to either run
	// the test again.
	for _, f := range []string{"scripts/release.sh", "scripts/mkarchive/main.go", "docs/editors-guide.md"} {
		readFile(t, filepath.Join(repoRoot, filepath.FromSlash(f)))
	}
	commit := git("rev-parse", "HEAD")
	epoch, err := strconv.ParseInt(git("log", "-1", "--format=%ct", "HEAD"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	commitTime := time.Unix(epoch, 0).UTC()

	first, second := t.TempDir(), t.TempDir()
	for _, dist := range []string{first, second} {
		cmd := exec.Command("bash", append([]string{"scripts/release.sh"}, targets...)...)
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), "DIST="+dist, "VERSION=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("release.sh: %v\n%s", err, out)
		}
	}
	names := listDir(t, first)
	if got := listDir(t, second); strings.Join(got, " ") != strings.Join(names, " ") {
		t.Fatalf("the runs wrote different files: %v and %v", names, got)
	}
	if len(names) != len(targets)+1 {
		t.Fatalf("dist holds %v; want an archive per target and SHA256SUMS", names)
	}
	for _, n := range names {
		a, b := readFile(t, filepath.Join(first, n)), readFile(t, filepath.Join(second, n))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs from the same commit", n)
		}
	}

	// SHA256SUMS checks every archive, in sha256sum's format.
	var sums []string
	for _, n := range names {
		if n == "SHA256SUMS" {
			continue
		}
		h := sha256.Sum256(readFile(t, filepath.Join(first, n)))
		sums = append(sums, hex.EncodeToString(h[:])+"  "+n)
	}
	if got := string(readFile(t, filepath.Join(first, "SHA256SUMS"))); got != strings.Join(sums, "\n")+"\n" {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", got, strings.Join(sums, "\n"))
	}

	guide := readFile(t, filepath.Join(repoRoot, "docs", "editors-guide.md"))
	for _, target := range targets {
		goos, goarch, _ := strings.Cut(target, "/")
		var archive string
		for _, n := range names {
			if strings.HasSuffix(n, "_"+goos+"_"+goarch+".zip") || strings.HasSuffix(n, "_"+goos+"_"+goarch+".tar.gz") {
				archive = n
			}
		}
		if archive == "" {
			t.Errorf("no archive for %s among %v", target, names)
			continue
		}
		var entries map[string]entry
		bin := "portal"
		prefix := strings.TrimSuffix(strings.TrimSuffix(archive, ".zip"), ".tar.gz") + "/"
		if goos == "windows" {
			if !strings.HasSuffix(archive, ".zip") {
				t.Errorf("%s: Windows gets a zip", archive)
			}
			entries, bin, prefix = readZip(t, filepath.Join(first, archive)), "portal.exe", ""
		} else {
			entries = readTarGz(t, filepath.Join(first, archive))
		}
		for name, e := range entries {
			if !e.mod.Equal(commitTime) {
				t.Errorf("%s: %s dated %v; want the commit's time %v", archive, name, e.mod, commitTime)
			}
			if !strings.HasPrefix(name, prefix) {
				t.Errorf("%s: %s outside %q", archive, name, prefix)
			}
		}
		exe := entries[prefix+bin]
		switch {
		case exe.data == nil:
			t.Errorf("%s: no %s", archive, bin)
		case exe.mode != 0o755:
			t.Errorf("%s: %s has mode %v; want 0755", archive, bin, exe.mode)
		case bytes.Contains(exe.data, []byte(absRoot(t))):
			t.Errorf("%s: the binary holds this checkout's path (no -trimpath?)", archive)
		case !bytes.Contains(exe.data, []byte(commit)):
			t.Errorf("%s: the commit is not stamped into the binary", archive)
		}
		if g := entries[prefix+"HUONG-DAN.md"]; !bytes.Equal(g.data, guide) {
			t.Errorf("%s: HUONG-DAN.md is not docs/editors-guide.md", archive)
		}
		// The starter site, as portal init writes it.
		err := fs.WalkDir(starter.Root(), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			want, _ := fs.ReadFile(starter.Root(), p)
			got, ok := entries[prefix+"trang-mau/"+p]
			if !ok || !bytes.Equal(got.data, want) || got.mode != 0o644 {
				t.Errorf("%s: trang-mau/%s missing or different (mode %v)", archive, p, got.mode)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if target == runtime.GOOS+"/"+runtime.GOARCH {
			checkVersion(t, exe.data, commit)
		}
	}
}

// checkVersion runs the released binary: it names the commit and its Go.
func checkVersion(t *testing.T, binary []byte, commit string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "portal")
	if err := os.WriteFile(p, binary, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(p, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("portal version: %v\n%s", err, out)
	}
	// A checkout with uncommitted changes is released marked as such
	// ("commit X (có thay đổi chưa commit) ngày …").
	for _, want := range []string{"portal v", "commit " + commit[:12] + " ", " ngày ", " go1."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("portal version = %q; lacks %q", out, want)
		}
	}
}

type entry struct {
	data []byte
	mode fs.FileMode
	mod  time.Time
}

func readZip(t *testing.T, p string) map[string]entry {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]entry{}
	for _, f := range zr.File {
		var data []byte
		if !f.FileInfo().IsDir() {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		out[f.Name] = entry{data, f.Mode().Perm(), f.Modified.UTC()}
	}
	return out
}

func readTarGz(t *testing.T, p string) map[string]entry {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	out := map[string]entry{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d/%d %q/%q; want none", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeDir {
			data = nil
		}
		out[h.Name] = entry{data, fs.FileMode(h.Mode).Perm(), h.ModTime.UTC()}
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func absRoot(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Package crash_test kills portal build with SIGKILL at random moments and
// checks the promise made to publishers: the destination is always either
// the complete old site or the complete new one.
package crash_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"portal/internal/output"
)

const repoRoot = "../.."

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// digest describes a folder as "path sha256" lines, sorted.
func digest(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		lines = append(lines, filepath.ToSlash(rel)+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestKillDuringBuildLeavesOldOrNewSite(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("atomic exchange is Linux-only")
	}
	if testing.Short() {
		t.Skip("slow: kills many builds")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "portal")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot+"/cmd/portal").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Two versions of the real site, A and B, differing in one page.
	srcA, srcB := filepath.Join(work, "a"), filepath.Join(work, "b")
	for _, src := range []string{srcA, srcB} {
		for _, d := range []string{"content", "layouts", "static", "data"} {
			copyTree(t, filepath.Join(repoRoot, d), filepath.Join(src, d))
		}
		b, err := os.ReadFile(filepath.Join(repoRoot, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "site.yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(srcB, "content", "hoi-dap", "_index.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(b, []byte("\n\nPhiên bản B của trang.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(src, dest string) {
		t.Helper()
		if out, err := exec.Command(bin, "build", "--source", src, "--dest", dest, "--quiet").CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", src, err, out)
		}
	}
	refA, refB := filepath.Join(work, "ref-a"), filepath.Join(work, "ref-b")
	start := time.Now()
	build(srcA, refA)
	full := time.Since(start)
	build(srcB, refB)
	wantA, wantB := digest(t, refA), digest(t, refB)
	if wantA == wantB {
		t.Fatal("the two versions built the same site; the test would prove nothing")
	}

	// With RENAME_EXCHANGE (the portal binary), and without: the test
	// binary builds as on NFS, where the destination is a link replaced
	// in one rename.
	for _, mode := range []struct {
		name  string
		start func(src, dest string) *exec.Cmd
	}{
		{"exchange", func(src, dest string) *exec.Cmd {
			return exec.Command(bin, "build", "--source", src, "--dest", dest, "--quiet")
		}},
		{"no exchange", func(src, dest string) *exec.Cmd {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "PORTAL_CRASH_HELPER=build", "SRC="+src, "DEST="+dest, "NO_EXCHANGE=1")
			return cmd
		}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out", "public")
			if out, err := mode.start(srcA, dest).CombinedOutput(); err != nil {
				t.Fatalf("build: %v\n%s", err, out)
			}
			killRandomly(t, mode.start, srcA, srcB, dest, full, wantA, wantB)
			// A later build clears what killed builds left beside the folder.
			if out, err := mode.start(srcA, dest).CombinedOutput(); err != nil {
				t.Fatalf("build after the kills: %v\n%s", err, out)
			}
			if got, _ := siteDigest(t, dest); got != wantA {
				t.Fatal("a build after the kills did not produce the site")
			}
			if left := output.Leftovers(dest); len(left) > 0 {
				t.Errorf("staging folders left after a clean build: %v", left)
			}
		})
	}
}

// killRandomly starts 30 builds into dest, alternating the two sources,
// and kills each at a random moment within the time of a full build;
// after each, dest must be one of the two sites, whole.
func killRandomly(t *testing.T, start func(src, dest string) *exec.Cmd, srcA, srcB, dest string, full time.Duration, wantA, wantB string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for i := range 30 {
		src := srcB
		if i%2 == 1 {
			src = srcA
		}
		cmd := start(src, dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(full) + 1)))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		_ = cmd.Wait()
		got, ok := siteDigest(t, dest)
		if !ok || (got != wantA && got != wantB) {
			t.Fatalf("after kill %d the destination is neither the old nor the new site", i)
		}
	}
	if killed == 0 {
		t.Fatal("no build was killed")
	}
}

// Package crash_test kills portal build with SIGKILL at random moments and
// checks the promise made to publishers: the destination is always either
// the complete old site or the complete new one.
package crash_test

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"portal/internal/output"
	"portal/internal/testkit"
)

// digest describes a folder as "path sha256" lines, sorted.
func digest(t *testing.T, dir string) string {
	t.Helper()
	tree := testkit.ReadTree(t, dir)
	var lines []string
	for _, p := range tree.Paths() {
		sum := sha256.Sum256([]byte(tree[p]))
		lines = append(lines, p+" "+hex.EncodeToString(sum[:]))
	}
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
	bin := testkit.PortalBinary(t)
	// Two versions of the real site, A and B, differing in one page.
	srcA, srcB := testkit.Portal(t), testkit.Portal(t)
	page := "content/hoi-dap/_index.md"
	testkit.WriteFile(t, srcB, page, testkit.ReadFile(t, srcB, page)+"\n\nPhiên bản B của trang.\n")
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

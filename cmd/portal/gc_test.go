package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"
)

func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// A build collects only near its memory budget: the floor for a small
// site, five times content/ for a large one; the settings are put back
// afterwards, and GOGC or GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := gcSettings()

	small := t.TempDir()
	writeFileT(t, filepath.Join(small, "content", "a.md"), "---\ntitle: a\n---\n")
	restore := tuneGC(small)
	if p, l := gcSettings(); p != -1 || l != gcFloor {
		t.Errorf("small site: GC percent %d, limit %d; want -1 and %d", p, l, gcFloor)
	}
	restore()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("after the build: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}

	large := t.TempDir()
	writeFileT(t, filepath.Join(large, "content", "a.md"), "")
	// A sparse file: 100 MB by size, nothing on disk.
	if err := os.Truncate(filepath.Join(large, "content", "a.md"), 100<<20); err != nil {
		t.Fatal(err)
	}
	restore = tuneGC(large)
	want := int64(gcPerContentByte * 100 << 20)
	// The budget is raised once content/ is measured, in the background.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, l := gcSettings(); l == want {
			break
		}
		if time.Now().After(deadline) {
			_, l := gcSettings()
			t.Fatalf("large site: limit %d, want %d", l, want)
		}
		time.Sleep(time.Millisecond)
	}
	restore()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("after the large build: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}

	t.Setenv("GOGC", "50")
	restore = tuneGC(small)
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("with GOGC set: GC percent %d, limit %d changed", p, l)
	}
	restore()
}

func writeFileT(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

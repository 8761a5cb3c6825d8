package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// waitGC collects until the settings are want or the deadline passes: the
// switch after the first collection runs on the cleanup goroutine.
func waitGC(t *testing.T, wantPercent int, wantLimit int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if p, l := gcSettings(); p == wantPercent && l == wantLimit {
			return
		}
		if time.Now().After(deadline) {
			p, l := gcSettings()
			t.Fatalf("GC percent %d, limit %d; want %d and %d", p, l, wantPercent, wantLimit)
		}
		time.Sleep(time.Millisecond)
	}
}

// A build does not collect below gcStart; from its first collection on it
// collects at gcPercent with the limit it found; the settings are put
// back afterwards, and GOGC or GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := gcSettings()

	restore := tuneGC()
	if p, l := gcSettings(); p != -1 || l != gcStart {
		t.Errorf("at the start: GC percent %d, limit %d; want -1 and %d", p, l, gcStart)
	}
	waitGC(t, gcPercent, l0)
	restore()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("after the build: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}

	// A build that ends before its first collection: a collection after
	// it must not switch the settings of whatever runs next.
	restore = tuneGC()
	restore()
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("a collection after the build changed the settings: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}

	t.Setenv("GOGC", "50")
	restore = tuneGC()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("with GOGC set: GC percent %d, limit %d changed", p, l)
	}
	restore()
}

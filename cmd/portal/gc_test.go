package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"portal/internal/build"
)

func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// ownGC clears GOGC and GOMEMLIMIT for the test, so tuneGC tunes, and
// returns the settings the test began with.
func ownGC(t *testing.T) (percent int, limit int64) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	return gcSettings()
}

// waitGC collects until the settings are want or the deadline passes: the
// switch after a collection runs on the cleanup goroutine.
func waitGC(t *testing.T, wantPercent int, wantLimit int64) {
	t.Helper()
	collectUntil(t, fmt.Sprintf("GC percent %d and limit %d", wantPercent, wantLimit), func(p int, l int64) bool {
		return p == wantPercent && l == wantLimit
	})
}

// collectUntil collects until ok holds for the settings, or fails the
// test after 10 s saying what it wanted.
func collectUntil(t *testing.T, want string, ok func(percent int, limit int64) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if p, l := gcSettings(); ok(p, l) {
			return
		}
		if time.Now().After(deadline) {
			p, l := gcSettings()
			t.Fatalf("GC percent %d, limit %d; want %s", p, l, want)
		}
		time.Sleep(time.Millisecond)
	}
}

// A build does not collect below gcStart; from its first collection on it
// collects at gcPercent with the limit it found; the settings are put
// back afterwards, and GOGC or GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	p0, l0 := ownGC(t)

	restore := tuneGC(&build.Options{})
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
	restore = tuneGC(&build.Options{})
	restore()
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("a collection after the build changed the settings: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}

	t.Setenv("GOGC", "50")
	var opts build.Options
	restore = tuneGC(&opts)
	if opts.Loaded != nil || opts.Converted != nil {
		t.Error("with GOGC set, the build is given hooks")
	}
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("with GOGC set: GC percent %d, limit %d changed", p, l)
	}
	restore()
}

// Told the size of the site's Markdown, the build lets the heap grow to
// heapPerByte times it before collecting, capped a quarter above, until
// its pages are converted; a small site is told nothing that changes.
func TestTuneGCFloor(t *testing.T) {
	p0, l0 := ownGC(t)

	// Before the first collection: the floor starts it.
	var opts build.Options
	restore := tuneGC(&opts)
	opts.Loaded(gcStart / heapPerByte / 2) // a small site
	if p, l := gcSettings(); p != -1 || l != gcStart {
		t.Errorf("small site: GC percent %d, limit %d; want -1 and %d", p, l, gcStart)
	}
	opts.Loaded(1 << 30)
	if p, l := gcSettings(); p != -1 || l != heapPerByte<<30 {
		t.Errorf("large site before a collection: GC percent %d, limit %d; want -1 and %d", p, l, heapPerByte<<30)
	}
	// Converted before any collection: the floor stays the limit that
	// starts the first (gcStart, below the heap, would start one at once).
	opts.Converted()
	if p, l := gcSettings(); p != -1 || l != heapPerByte<<30 {
		t.Errorf("converted before a collection: GC percent %d, limit %d; want -1 and %d", p, l, heapPerByte<<30)
	}
	restore()

	// After it: a percent for the floor, and the cap.
	opts = build.Options{}
	restore = tuneGC(&opts)
	waitGC(t, gcPercent, l0)
	const floor = heapPerByte << 40 // far more than this test's heap
	opts.Loaded(1 << 40)
	collectUntil(t, fmt.Sprintf("the floor's percent and limit %d", floor+floor/4), func(p int, l int64) bool {
		return p == percentFor(floor, liveHeap()) && p > 1000 && l == floor+floor/4
	})

	// A floor nearer than gcPercent to the live data changes nothing,
	// and sets no cap (which would collect without end).
	held := make([][]byte, 0, 48)
	for range 48 {
		held = append(held, make([]byte, 1<<20))
	}
	runtime.GC()
	opts.Loaded(liveHeap() / heapPerByte)
	waitGC(t, gcPercent, l0)
	runtime.KeepAlive(held)

	// Converted: the floor ends.
	opts.Converted()
	waitGC(t, gcPercent, l0)
	restore()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("after the build: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}
}

func TestPercentFor(t *testing.T) {
	for _, c := range []struct {
		floor, live int64
		want        int
	}{
		{0, 100 << 20, gcPercent},         // no floor
		{100 << 20, 0, gcPercent},         // nothing measured yet
		{100 << 20, 100 << 20, gcPercent}, // at the floor
		{120 << 20, 100 << 20, gcPercent}, // the floor is nearer than gcPercent
		{200 << 20, 100 << 20, 100},       // the floor is further
		{1 << 30, 10 << 20, 10140},        // a small heap far below it
		{100 << 20, 200 << 20, gcPercent}, // past the floor
	} {
		if got := percentFor(c.floor, c.live); got != c.want {
			t.Errorf("percentFor(%d, %d) = %d, want %d", c.floor, c.live, got, c.want)
		}
	}
}

// Once pages are converted, the memory conversion freed goes back to the
// system rather than staying with the process while pages render.
func TestTuneGCConverted(t *testing.T) {
	_, l0 := ownGC(t)
	var opts build.Options
	restore := tuneGC(&opts)
	defer restore()
	// Before any collection (a small site), nothing is forced.
	forced := readMetric("/gc/cycles/forced:gc-cycles")
	opts.Converted()
	if n := readMetric("/gc/cycles/forced:gc-cycles") - forced; n != 0 {
		t.Errorf("%d collections forced before the build's first", n)
	}
	waitGC(t, gcPercent, l0)
	garbage := make([][]byte, 0, 64)
	for range 64 {
		garbage = append(garbage, make([]byte, 1<<20))
	}
	for _, g := range garbage {
		g[0] = 1 // touched: resident
	}
	garbage = nil
	before := readMetric("/memory/classes/heap/released:bytes")
	opts.Converted()
	if got := readMetric("/memory/classes/heap/released:bytes") - before; got < 32<<20 {
		t.Errorf("%d bytes returned to the system after 64 MiB of garbage; want most of it", got)
	}
}

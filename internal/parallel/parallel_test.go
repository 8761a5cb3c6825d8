package parallel

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, tc := range []struct{ n, items int }{{1, 10}, {4, 10}, {16, 3}, {4, 0}} {
		items := make([]int, tc.items)
		for i := range items {
			items[i] = i
		}
		var mu sync.Mutex
		seen := map[int]int{}
		var running, most atomic.Int32
		Each(tc.n, items, func(i int) {
			r := running.Add(1)
			for {
				m := most.Load()
				if r <= m || most.CompareAndSwap(m, r) {
					break
				}
			}
			mu.Lock()
			seen[i]++
			mu.Unlock()
			running.Add(-1)
		})
		if len(seen) != tc.items {
			t.Errorf("n=%d: %d of %d items run", tc.n, len(seen), tc.items)
		}
		for i, c := range seen {
			if c != 1 {
				t.Errorf("n=%d: item %d run %d times", tc.n, i, c)
			}
		}
		if m := int(most.Load()); m > tc.n {
			t.Errorf("n=%d: %d calls at once", tc.n, m)
		}
	}
}

// A panic in a worker reaches the caller as a *Panic with the worker's
// stack, the other items stop being run, and nothing deadlocks.
func TestEachPanic(t *testing.T) {
	items := make([]int, 1000)
	for i := range items {
		items[i] = i
	}
	var ran atomic.Int32
	err := func() (err error) {
		defer Catch(&err)
		Each(4, items, func(i int) {
			ran.Add(1)
			if i == 3 {
				panicInWorker(i)
			}
		})
		return nil
	}()
	var p *Panic
	if !errors.As(err, &p) {
		t.Fatalf("Each returned %v, want *Panic", err)
	}
	if p.Value != "hỏng ở mục 3" {
		t.Errorf("value %v, want the worker's", p.Value)
	}
	if !strings.Contains(string(p.Stack), "panicInWorker") {
		t.Errorf("stack does not show where the worker panicked:\n%s", p.Stack)
	}
	if !strings.HasPrefix(p.Error(), "lỗi nội bộ (internal error): hỏng ở mục 3") {
		t.Errorf("Error() = %q", p.Error())
	}
	// With one worker the skipping is deterministic: the items after
	// the one that panicked are not run. (With several, how many others
	// start while the panic is recorded depends on timing.)
	ran.Store(0)
	err = func() (err error) {
		defer Catch(&err)
		Each(1, items, func(i int) {
			ran.Add(1)
			if i == 3 {
				panicInWorker(i)
			}
		})
		return nil
	}()
	if !errors.As(err, &p) {
		t.Fatalf("Each on one worker returned %v, want *Panic", err)
	}
	if n := ran.Load(); n != 4 {
		t.Errorf("%d items ran on one worker, want 4: the items after a panic are skipped", n)
	}
}

func panicInWorker(i int) { panic(fmt.Sprintf("hỏng ở mục %d", i)) }

// A panic in a Group's goroutine, nested under Each, keeps its first
// stack; an error value is unwrapped.
func TestGroupPanic(t *testing.T) {
	cause := errors.New("gốc")
	err := func() (err error) {
		defer Catch(&err)
		var g Group
		g.Go(func() { Each(2, []int{1, 2}, func(int) { panic(cause) }) })
		g.Go(func() {})
		g.Wait()
		return nil
	}()
	if !errors.Is(err, cause) {
		t.Fatalf("err = %v, want one wrapping the panic's error", err)
	}
	var p *Panic
	if errors.As(err, &p); !strings.Contains(string(p.Stack), "TestGroupPanic.func1.1.1") {
		t.Errorf("stack is not the worker's:\n%s", p.Stack)
	}
	var g Group
	g.Go(func() {})
	g.Wait() // no panic: nothing to pass on
}

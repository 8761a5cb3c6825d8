package parallel

import (
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

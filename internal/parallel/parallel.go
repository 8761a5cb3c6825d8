// Package parallel spreads a build's per-item work (converting, rendering,
// writing pages and files) over a fixed number of goroutines.
package parallel

import "sync"

// Each runs fn over items on at most n goroutines and returns when every
// call has returned.
func Each[T any](n int, items []T, fn func(T)) {
	if len(items) == 0 {
		return
	}
	n = min(n, len(items))
	next := make(chan T)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for it := range next {
				fn(it)
			}
		})
	}
	for _, it := range items {
		next <- it
	}
	close(next)
	wg.Wait()
}

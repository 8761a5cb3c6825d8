// Package parallel spreads a build's per-item work (converting, rendering,
// writing pages and files) over a fixed number of goroutines, and carries a
// panic in any of them back to the goroutine that waits for the work: a
// panic on a goroutine of its own would end the process with a Go trace,
// where the command line must say "internal error" and exit 3.
package parallel

import (
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Panic is a panic raised by work on some goroutine, as an error: its
// value and the stack where it was raised.
type Panic struct {
	Value any
	Stack []byte
}

func (p *Panic) Error() string {
	return fmt.Sprintf("lỗi nội bộ (internal error): %v", p.Value)
}

// Unwrap returns the panic's value when it is an error.
func (p *Panic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// recovered makes a recovered value a *Panic; one that already is (passed
// on by Wait) keeps the stack where it began. Called from a deferred
// function, debug.Stack still shows the frames that panicked.
func recovered(r any) *Panic {
	if p, ok := r.(*Panic); ok {
		return p
	}
	return &Panic{Value: r, Stack: debug.Stack()}
}

// Catch, deferred by a function that returns an error, turns a panic on its
// goroutine (its own, or one Wait passed on) into a *Panic in *err.
func Catch(err *error) {
	if r := recover(); r != nil {
		*err = recovered(r)
	}
}

// Group runs functions on goroutines of their own, like sync.WaitGroup,
// and passes the first panic among them on to the goroutine that waits.
// The zero Group is ready to use.
type Group struct {
	wg sync.WaitGroup
	mu sync.Mutex
	p  *Panic
}

// Go runs fn on a new goroutine.
func (g *Group) Go(fn func()) {
	g.wg.Go(func() {
		defer g.catch()
		fn()
	})
}

// Wait waits for every function started with Go and then, if one of them
// panicked, panics with its *Panic on the calling goroutine.
func (g *Group) Wait() {
	g.wg.Wait()
	g.mu.Lock()
	p := g.p
	g.mu.Unlock()
	if p != nil {
		panic(p)
	}
}

// catch is deferred on every goroutine of the group: recover must be
// called by the deferred function itself.
func (g *Group) catch() {
	if r := recover(); r != nil {
		g.keep(recovered(r))
	}
}

func (g *Group) keep(p *Panic) {
	g.mu.Lock()
	if g.p == nil {
		g.p = p
	}
	g.mu.Unlock()
}

// Each runs fn over items on at most n goroutines and returns when every
// call has returned. If a call panics, the items not yet started are
// skipped (the workers still take them, so the feeding never blocks) and
// Each panics with the *Panic on the calling goroutine.
func Each[T any](n int, items []T, fn func(T)) {
	if len(items) == 0 {
		return
	}
	n = min(n, len(items))
	next := make(chan T)
	var g Group
	var failed atomic.Bool
	for range n {
		g.wg.Go(func() {
			for it := range next {
				if !failed.Load() && !call(&g, fn, it) {
					failed.Store(true)
				}
			}
		})
	}
	for _, it := range items {
		next <- it
	}
	close(next)
	g.Wait()
}

// call runs fn(it) and reports whether it returned without panicking; a
// panic is kept in g.
func call[T any](g *Group, fn func(T), it T) (ok bool) {
	defer g.catch()
	fn(it)
	return true
}

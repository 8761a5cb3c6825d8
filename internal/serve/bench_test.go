package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/corpus"
	"portal/internal/testkit"
)

// genCorpus writes a site of n regular pages with cmd/corpusgen's
// generator and the portal's own layouts and static files.
func genCorpus(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	_, err := corpus.Generate(corpus.Options{Pages: n, Seed: 1, Out: dir,
		Layouts: filepath.Join("..", "..", "layouts"), Static: filepath.Join("..", "..", "static")})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// editLoop runs edits against a watched server and returns, per edit, the
// time from the file being saved to the reload event being sent, and the
// rebuild's own duration.
type editLoop struct {
	s      *Server
	root   string
	events chan event
	done   chan *Result
	stop   func()
	rel    string
	orig   string
	n      int
	rename bool
}

// newBenchServer builds root once; done receives every rebuild result.
func newBenchServer(t testing.TB, root string) (*Server, chan *Result) {
	t.Helper()
	done := make(chan *Result, 16)
	s := New(Options{Source: root, OnRebuild: func(r *Result) {
		select {
		case done <- r:
		default:
		}
	}})
	if ps := s.Problems(); ps != nil {
		t.Fatalf("corpus does not build: %v", ps)
	}
	<-done
	return s, done
}

// startEditLoop watches s's sources with the given debounce; stop ends
// the watch (the server stays usable).
func startEditLoop(t testing.TB, s *Server, done chan *Result, debounce time.Duration) *editLoop {
	t.Helper()
	s.opts.Debounce = debounce // no watcher runs now, so no race
	ctx, cancel := context.WithCancel(context.Background())
	watching := make(chan struct{})
	go func() { _ = s.Watch(ctx); close(watching) }()
	ch, unsubscribe := s.hub.subscribe()
	time.Sleep(200 * time.Millisecond) // let the watches settle
	root := s.opts.Source
	rel := "content/" + corpus.SectionDir(corpus.SectionOf(5007)) + "/" + corpus.PageName(5007) + ".md"
	if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
		rel = "content/" + corpus.SectionDir(corpus.SectionOf(7)) + "/" + corpus.PageName(7) + ".md"
	}
	return &editLoop{s: s, root: root, events: ch, done: done, rel: rel, orig: testkit.ReadFile(t, root, rel), stop: func() {
		unsubscribe()
		cancel()
		<-watching
	}}
}

// edit saves a change to the page's body — a sentence, or with heading a
// new section, which lists showing headings must show too — waits for the
// reload event and then for the rebuild to finish (search index
// included), so edits do not queue behind each other.
func (l *editLoop) edit(t testing.TB, heading bool) (time.Duration, *Result) {
	t.Helper()
	l.n++
	add := fmt.Sprintf("\nCâu thêm số %d khi biên tập.\n", l.n)
	if heading {
		add = fmt.Sprintf("\n## Ghi chú %d\n\nNội dung ghi chú.\n", l.n)
	}
	start := time.Now()
	if l.rename {
		tmp := filepath.Join(l.root, filepath.Dir(l.rel), ".luu-tam.md")
		if err := os.WriteFile(tmp, []byte(l.orig+add), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(l.root, l.rel)); err != nil {
			t.Fatal(err)
		}
	} else {
		testkit.WriteFile(t, l.root, l.rel, l.orig+add)
	}
	var lat time.Duration
	for lat == 0 {
		select {
		case ev := <-l.events:
			if ev.name == "reload" {
				lat = time.Since(start)
			}
			if ev.name == "error" {
				t.Fatalf("rebuild failed: %s", ev.data)
			}
		case <-time.After(5 * time.Minute):
			t.Fatal("no reload within 5 minutes")
		}
	}
	for {
		select {
		case r := <-l.done:
			if r.Full {
				t.Errorf("edit %d: full rebuild (%v)", l.n, r.Changed)
			}
			return lat, r
		case <-time.After(5 * time.Minute):
			t.Fatal("rebuild did not finish")
		}
	}
}

// BenchmarkEditToReload10k measures, on a 10,000-page site, the time from
// saving one page's body to the reload event, watcher and debounce
// included.
func BenchmarkEditToReload10k(b *testing.B) {
	root := genCorpus(b, 10000)
	s, done := newBenchServer(b, root)
	defer s.Close()
	l := startEditLoop(b, s, done, DefaultDebounce)
	defer l.stop()
	var total time.Duration
	for b.Loop() {
		d, _ := l.edit(b, false)
		total += d
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/edit")
}

// BenchmarkIncrementalRebuild10k measures the rebuild alone (no watcher,
// no debounce, search index included) after a body edit.
func BenchmarkIncrementalRebuild10k(b *testing.B) {
	root := genCorpus(b, 10000)
	s := New(Options{Source: root})
	rel := "content/" + corpus.SectionDir(corpus.SectionOf(5007)) + "/" + corpus.PageName(5007) + ".md"
	orig := testkit.ReadFile(b, root, rel)
	i := 0
	for b.Loop() {
		i++
		testkit.WriteFile(b, root, rel, orig+fmt.Sprintf("\nCâu thêm số %d.\n", i))
		if r := s.Rebuild([]string{rel}); r.Err != nil || r.Full {
			b.Fatalf("full %v err %v", r.Full, r.Err)
		}
	}
}

// TestEditLatency10k reports the median of 20 edits on a 10,000-page
// site. It is slow, so it runs only with PORTAL_BENCH=1 (see
// scripts/edit-latency.sh).
func TestEditLatency10k(t *testing.T) {
	if os.Getenv("PORTAL_BENCH") == "" {
		t.Skip("set PORTAL_BENCH=1 to run the 10,000-page latency measurement")
	}
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("PORTAL_BENCH_PAGES")); err == nil && v > 0 {
		n = v
	}
	start := time.Now()
	root := genCorpus(t, n)
	t.Logf("corpus of %d pages written in %v", n, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	s, done := newBenchServer(t, root)
	defer s.Close()
	t.Logf("first full build: %v (%d files)", time.Since(start).Round(time.Millisecond), s.cur.Load().files.Len())
	for _, mode := range []struct {
		name     string
		heading  bool
		debounce time.Duration
	}{
		{"sentence added, default debounce (20 ms)", false, DefaultDebounce},
		{"heading added (lists re-rendered), default debounce (20 ms)", true, DefaultDebounce},
		{"sentence added, saved by rename, debounce 1 ms (watcher + rebuild only)", false, time.Millisecond},
	} {
		l := startEditLoop(t, s, done, mode.debounce)
		// With almost no debounce, an in-place save can be read half
		// written; save as editors that write a new file and rename do.
		l.rename = mode.debounce < DefaultDebounce
		var lat, rebuilds []time.Duration
		var pages int
		for range 20 {
			d, r := l.edit(t, mode.heading)
			lat = append(lat, d)
			rebuilds = append(rebuilds, r.Elapsed)
			pages = 0
			for _, w := range r.Written {
				if strings.HasSuffix(w, ".html") {
					pages++
				}
			}
		}
		l.stop()
		slices.Sort(lat)
		slices.Sort(rebuilds)
		t.Logf("%s: save→reload median %.1f ms (min %.1f, max %.1f); rebuild median %.1f ms; %d pages re-rendered",
			mode.name, ms(lat[len(lat)/2]), ms(lat[0]), ms(lat[len(lat)-1]), ms(rebuilds[len(rebuilds)/2]), pages)
	}
	// The search index is rewritten when the browser next asks for it;
	// time that rewrite.
	start = time.Now()
	s.ensureIndex()
	t.Logf("search index rewrite on the first search after edits: %v", time.Since(start).Round(time.Millisecond))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

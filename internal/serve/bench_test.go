package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// genCorpus writes a site of n regular pages in 20 sections, with the
// engine fixture's layouts, links between neighbours and tags. (A fuller
// generator lives in cmd/corpusgen on the perf branch; this one keeps the
// benchmark self-contained.)
func genCorpus(t testing.TB, n int) string {
	t.Helper()
	root := copySite(t)
	if err := os.RemoveAll(filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "site.yaml", "title: \"Cổng thử tải\"\nbaseURL: \"https://example.org/\"\n")
	writeFile(t, root, "content/_index.md", "---\ntitle: \"Trang chủ\"\n---\nChào mừng.\n")
	const sections = 20
	for s := range sections {
		writeFile(t, root, fmt.Sprintf("content/muc-%02d/_index.md", s), fmt.Sprintf("---\ntitle: \"Mục %d\"\nweight: %d\n---\nCác trang của mục %d.\n", s, s+1, s))
	}
	words := strings.Fields("người dân tham gia minh bạch trách nhiệm giải trình kiểm soát tham nhũng thủ tục hành chính công cung ứng dịch vụ quản trị môi trường điện tử chính quyền cơ sở đánh giá chỉ số năm kế hoạch")
	for i := range n {
		s := i % sections
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Trang %d về %s %s\"\ndate: 2024-%02d-%02d\ntags: [\"%s\", \"%s\"]\n---\n", i, words[i%len(words)], words[(i/7)%len(words)], i%12+1, i%28+1, words[i%17], words[(i/3)%23])
		fmt.Fprintf(&b, "Đoạn mở đầu của trang %d nói về %s.\n\n", i, words[i%len(words)])
		for h := range 3 {
			fmt.Fprintf(&b, "## Phần %d\n\n", h+1)
			for p := range 3 {
				for w := range 40 {
					b.WriteString(words[(i+h*7+p*11+w)%len(words)])
					b.WriteByte(' ')
				}
				b.WriteString("\n\n")
			}
		}
		if i >= sections {
			fmt.Fprintf(&b, "Xem thêm [trang %d](../muc-%02d/trang-%05d.md#phan-1).\n", i-sections, (i-sections)%sections, i-sections)
		}
		writeFile(t, root, fmt.Sprintf("content/muc-%02d/trang-%05d.md", s, i), b.String())
	}
	return root
}

// editLoop runs edits against a watched server and returns, per edit, the
// time from the file being saved to the reload event being sent, and the
// rebuild's own duration.
type editLoop struct {
	s      *Server
	root   string
	events chan event
	stop   func()
	rel    string
	orig   string
	n      int
}

func startEditLoop(t testing.TB, root string, debounce time.Duration) *editLoop {
	t.Helper()
	s := New(Options{Source: root, Debounce: debounce})
	if ps := s.Problems(); ps != nil {
		t.Fatalf("corpus does not build: %v", ps)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = s.Watch(ctx); close(done) }()
	ch, unsubscribe := s.hub.subscribe()
	time.Sleep(200 * time.Millisecond) // let the watches settle
	rel := "content/muc-07/trang-05007.md"
	if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
		rel = "content/muc-07/trang-00007.md"
	}
	return &editLoop{s: s, root: root, events: ch, rel: rel, orig: readFile(t, root, rel), stop: func() {
		unsubscribe()
		cancel()
		<-done
		s.Close()
	}}
}

// edit saves a body change (summary too when summary is true) and waits
// for the reload event.
func (l *editLoop) edit(t testing.TB, summary bool) (time.Duration, *Result) {
	t.Helper()
	l.n++
	text := strings.Replace(l.orig, "## Phần 2", fmt.Sprintf("Câu thêm số %d.\n\n## Phần 2", l.n), 1)
	if summary {
		text = strings.Replace(text, "Đoạn mở đầu", fmt.Sprintf("Đoạn mở đầu (bản %d)", l.n), 1)
	}
	start := time.Now()
	writeFile(t, l.root, l.rel, text)
	for {
		select {
		case ev := <-l.events:
			if ev.name == "reload" {
				return time.Since(start), nil
			}
			if ev.name == "error" {
				t.Fatalf("rebuild failed: %s", ev.data)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("no reload within 30 s")
		}
	}
}

// BenchmarkEditToReload10k measures, on a 10,000-page site, the time from
// saving one page's body to the reload event, watcher and debounce
// included.
func BenchmarkEditToReload10k(b *testing.B) {
	root := genCorpus(b, 10000)
	l := startEditLoop(b, root, DefaultDebounce)
	defer l.stop()
	var total time.Duration
	for b.Loop() {
		d, _ := l.edit(b, false)
		total += d
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/edit")
}

// BenchmarkIncrementalRebuild10k measures the rebuild alone (no watcher,
// no debounce) after a body edit that also changes the page's summary.
func BenchmarkIncrementalRebuild10k(b *testing.B) {
	root := genCorpus(b, 10000)
	s := New(Options{Source: root})
	rel := "content/muc-07/trang-05007.md"
	orig := readFile(b, root, rel)
	i := 0
	for b.Loop() {
		i++
		writeFile(b, root, rel, strings.Replace(orig, "Đoạn mở đầu", fmt.Sprintf("Đoạn mở đầu %d", i), 1))
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
	start := time.Now()
	root := genCorpus(t, 10000)
	t.Logf("corpus written in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	var rebuilds []time.Duration
	results := make(chan *Result, 64)
	s := New(Options{Source: root, OnRebuild: func(r *Result) { results <- r }})
	r0 := <-results
	t.Logf("first full build: %v (%d files)", time.Since(start).Round(time.Millisecond), len(r0.Written))
	start = time.Now()
	if r := s.Rebuild(nil); r.Err != nil {
		t.Fatal(r.Err)
	}
	<-results
	t.Logf("full rebuild: %v", time.Since(start).Round(time.Millisecond))
	s.Close()

	for _, mode := range []struct {
		name     string
		summary  bool
		debounce time.Duration
	}{
		{"body edit, debounce 50 ms", false, DefaultDebounce},
		{"body+summary edit, debounce 50 ms", true, DefaultDebounce},
		{"body edit, debounce 1 ms (engine + watcher only)", false, time.Millisecond},
	} {
		rebuilds = rebuilds[:0]
		l := startEditLoop(t, root, mode.debounce)
		var lat []time.Duration
		var written int
		l.s.opts.OnRebuild = func(r *Result) {
			rebuilds = append(rebuilds, r.Elapsed)
			written = len(r.Written)
			if r.Full {
				t.Errorf("%s: full rebuild", mode.name)
			}
		}
		for range 20 {
			d, _ := l.edit(t, mode.summary)
			lat = append(lat, d)
			time.Sleep(20 * time.Millisecond)
		}
		l.stop()
		slices.Sort(lat)
		slices.Sort(rebuilds)
		t.Logf("%s: save→reload median %.1f ms (min %.1f, max %.1f); rebuild median %.1f ms; %d files written per edit",
			mode.name, ms(lat[len(lat)/2]), ms(lat[0]), ms(lat[len(lat)-1]), ms(rebuilds[len(rebuilds)/2]), written)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

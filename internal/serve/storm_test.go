package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"portal/internal/build"
	"portal/internal/output"
	"portal/internal/testkit"
)

// TestStormThenQuiet throws hundreds of creates, edits, renames and
// deletes (whole folders too) at a watching server in a few seconds, then
// goes quiet: the server must still answer, and what it serves must equal
// a fresh build of the files as they ended up.
func TestStormThenQuiet(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a storm of file changes")
	}
	root := testkit.Site(t, "engine")
	results := make(chan *Result, 4096)
	s := New(Options{Source: root, OnRebuild: func(r *Result) {
		select {
		case results <- r:
		default: // the test only needs to know rebuilds happen
		}
	}})
	defer s.Close()
	<-results
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	time.Sleep(100 * time.Millisecond)

	rng := rand.New(rand.NewPCG(7, 11))
	var pages []string // storm pages that exist now, relative to root
	page := func(i int) string {
		return fmt.Sprintf("---\ntitle: \"Trang bão %d\"\n---\nNội dung %d, lần %d.\n", i, i, rng.IntN(1000))
	}
	start := time.Now()
	ops := 0
	for time.Since(start) < 3*time.Second && ops < 600 {
		ops++
		switch op := rng.IntN(10); {
		case op < 4 || len(pages) == 0: // create, often in a new folder
			rel := fmt.Sprintf("content/bao/thu-muc-%d/trang-%d.md", rng.IntN(12), ops)
			testkit.WriteFile(t, root, rel, page(ops))
			pages = append(pages, rel)
		case op < 7: // edit
			rel := pages[rng.IntN(len(pages))]
			testkit.WriteFile(t, root, rel, page(ops))
		case op < 8: // rename
			i := rng.IntN(len(pages))
			to := fmt.Sprintf("content/bao/thu-muc-%d/doi-ten-%d.md", rng.IntN(12), ops)
			if err := os.MkdirAll(filepath.Join(root, filepath.Dir(to)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(root, pages[i]), filepath.Join(root, to)); err != nil {
				t.Fatal(err)
			}
			pages[i] = to
		case op < 9: // delete a file
			i := rng.IntN(len(pages))
			if err := os.Remove(filepath.Join(root, pages[i])); err != nil {
				t.Fatal(err)
			}
			pages = append(pages[:i], pages[i+1:]...)
		default: // delete a whole folder
			dir := filepath.Dir(pages[rng.IntN(len(pages))])
			if err := os.RemoveAll(filepath.Join(root, dir)); err != nil {
				t.Fatal(err)
			}
			kept := pages[:0]
			for _, p := range pages {
				if filepath.Dir(p) != dir {
					kept = append(kept, p)
				}
			}
			pages = kept
		}
		if ops%10 == 0 {
			time.Sleep(time.Duration(rng.IntN(15)) * time.Millisecond)
		}
	}
	t.Logf("%d operations in %v; %d storm pages remain", ops, time.Since(start).Round(time.Millisecond), len(pages))

	// Quiet: wait until a second passes without a rebuild.
	deadline := time.After(2 * time.Minute)
	for quiet := false; !quiet; {
		select {
		case <-results:
		case <-time.After(time.Second):
			quiet = true
		case <-deadline:
			t.Fatal("rebuilds did not stop after the storm")
		}
	}

	// Still serving.
	ts := newTestHTTP(t, s)
	resp, err := http.Get(ts + "/")
	if err != nil {
		t.Fatalf("server gone after the storm: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("home page after the storm: %d", resp.StatusCode)
	}

	fresh := output.NewMemWriter()
	if _, err := build.Run(build.Options{Source: root, NoFingerprint: true}, fresh); err != nil {
		t.Fatalf("fresh build of the final files: %v", err)
	}
	served := s.cur.Load().files
	want, got := fresh.Files(), served.Files()
	filter := func(fs []string) []string {
		var out []string
		for _, f := range fs {
			if !strings.HasPrefix(f, "search/") { // rewritten on demand
				out = append(out, f)
			}
		}
		return out
	}
	want, got = filter(want), filter(got)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Fatalf("served files differ from a fresh build:\nserved %d files, fresh %d files", len(got), len(want))
	}
	for _, f := range want {
		a, _ := fresh.Get(f)
		b, _ := served.Get(f)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a fresh build", f)
		}
	}
	for _, p := range pages {
		out := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(p), "content/"), ".md") + "/index.html"
		if _, ok := served.Get(out); !ok {
			t.Errorf("remaining page %s not served (%s)", p, out)
		}
	}
}

// newTestHTTP serves s on a loopback port with the production limits.
func newTestHTTP(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewHTTPServer(s)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

// TestManyClientsAndHostileRequests: many concurrent connections, absurd
// headers and a client that never finishes its request — the server keeps
// answering, refuses what is too big, and its memory stays bounded.
func TestManyClientsAndHostileRequests(t *testing.T) {
	s := New(Options{Source: testkit.Site(t, "engine")})
	defer s.Close()
	base := newTestHTTP(t, s)
	addr := strings.TrimPrefix(base, "http://")

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	// Slow clients: connections that send half a request and wait.
	var slow []net.Conn
	for range 50 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n")
		slow = append(slow, c)
	}
	defer func() {
		for _, c := range slow {
			c.Close()
		}
	}()

	// Many concurrent clients, each making several requests.
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	tr := &http.Transport{MaxIdleConnsPerHost: 200}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	for i := range 200 {
		wg.Go(func() {
			for j := range 10 {
				path := []string{"/", "/ve-papi/", "/ke-hoach/", "/khong-co/", "/css/style.css"}[(i+j)%5]
				resp, err := client.Get(base + path)
				if err != nil {
					errs <- err
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 && resp.StatusCode != 404 {
					errs <- fmt.Errorf("%s: %d", path, resp.StatusCode)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// Absurd headers are refused, not buffered.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 4<<20))
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, _ := io.ReadAll(io.LimitReader(c, 64))
	c.Close()
	if !bytes.Contains(line, []byte("431")) && !bytes.Contains(line, []byte("400")) && len(line) != 0 {
		t.Errorf("huge header answered %q; want 431 or a closed connection", line)
	}
	// An absurdly long URL.
	if code, _ := rawGet(t, addr, "GET", "/"+strings.Repeat("%2e", 100000)); code != http.StatusRequestURITooLong && code != http.StatusRequestHeaderFieldsTooLarge && code != 0 {
		t.Errorf("100 KB URL = %d", code)
	}

	// The server still answers while the slow clients hang on.
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatalf("server stopped answering: %v", err)
	}
	resp.Body.Close()

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 64<<20 {
		t.Errorf("heap grew by %d MB under load", grew>>20)
	}
}

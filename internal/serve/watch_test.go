package serve

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"portal/internal/testkit"
)

// runWatch runs s.watch with newWatcher until the test ends.
func runWatch(t *testing.T, s *Server, newWatcher func() (*fsnotify.Watcher, error)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.watch(ctx, newWatcher) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

// waitServed waits until the page at out contains want, rebuild by rebuild.
func waitServed(t *testing.T, s *Server, results <-chan *Result, out, want string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if b, ok := s.File(out); ok && strings.Contains(string(b), want) {
			return
		}
		select {
		case <-results:
		case <-deadline:
			t.Fatalf("%s never showed %q", out, want)
		}
	}
}

// With --poll no file events are used: an edit, a new file in a new
// folder and a removed file are each seen by the next scan.
func TestPollSeesEdits(t *testing.T) {
	root := testkit.Site(t, "engine")
	results := make(chan *Result, 64)
	var log syncBuffer
	s := New(Options{Source: root, Poll: 150 * time.Millisecond, Log: &log, OnRebuild: func(r *Result) { results <- r }})
	<-results
	noEvents := func() (*fsnotify.Watcher, error) {
		t.Error("--poll asked the system for file events")
		return nil, errors.New("no")
	}
	runWatch(t, s, noEvents)
	time.Sleep(50 * time.Millisecond) // the first scan
	testkit.WriteFile(t, root, bundle, testkit.ReadFile(t, root, bundle)+"\nSửa khi kiểm tra định kỳ.\n")
	waitServed(t, s, results, "ve-papi/gioi-thieu/index.html", "Sửa khi kiểm tra định kỳ")
	testkit.WriteFile(t, root, "content/moi/trang.md", "---\ntitle: \"Trang mới\"\n---\nTrong thư mục mới.\n")
	waitServed(t, s, results, "moi/trang/index.html", "Trong thư mục mới")
	if err := os.Remove(filepath.Join(root, "content/moi/trang.md")); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for {
		if _, ok := s.File("moi/trang/index.html"); !ok {
			break
		}
		select {
		case <-results:
		case <-deadline:
			t.Fatal("removed page still served")
		}
	}
	if !strings.Contains(log.String(), "kiểm tra các tệp mỗi 150ms (--poll)") {
		t.Errorf("log does not say it polls:\n%s", log.String())
	}
	// Ignored files change nothing.
	testkit.WriteFile(t, root, "content/.trang.md.swp", "x")
	testkit.WriteFile(t, root, "public/index.html", "x")
	select {
	case r := <-results:
		t.Errorf("rebuild for ignored files: %v", r.Changed)
	case <-time.After(500 * time.Millisecond):
	}
}

// When the system refuses to watch (too many watches, a share that does
// not support it), serve says so and polls instead.
func TestWatchFallsBackToPolling(t *testing.T) {
	root := testkit.Site(t, "engine")
	results := make(chan *Result, 64)
	var log syncBuffer
	s := New(Options{Source: root, Log: &log, OnRebuild: func(r *Result) { results <- r }})
	<-results
	refuse := func() (*fsnotify.Watcher, error) {
		return nil, errors.New("too many open files")
	}
	runWatch(t, s, refuse)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(log.String(), "Chuyển sang kiểm tra") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if want := "Không theo dõi được thay đổi tệp (too many open files). Chuyển sang kiểm tra các tệp mỗi 1s"; !strings.Contains(log.String(), want) {
		t.Fatalf("log lacks %q:\n%s", want, log.String())
	}
	testkit.WriteFile(t, root, bundle, testkit.ReadFile(t, root, bundle)+"\nThấy nhờ kiểm tra định kỳ.\n")
	waitServed(t, s, results, "ve-papi/gioi-thieu/index.html", "Thấy nhờ kiểm tra định kỳ")
}

func TestScanAndDiff(t *testing.T) {
	root := testkit.Site(t, "engine")
	before := scan(root)
	for _, p := range []string{"site.yaml", "content/_index.md", "layouts/_default/baseof.html", "static/css/style.css"} {
		if _, ok := before[p]; !ok {
			t.Errorf("scan missed %s", p)
		}
	}
	testkit.WriteFile(t, root, "content/.an.md", "x")
	testkit.WriteFile(t, root, "khac/tep.md", "x")
	testkit.WriteFile(t, root, "data/moi.yaml", "a: 1\n")
	testkit.WriteFile(t, root, "content/_index.md", testkit.ReadFile(t, root, "content/_index.md")+"\nThêm.\n")
	if err := os.Remove(filepath.Join(root, "static/css/style.css")); err != nil {
		t.Fatal(err)
	}
	got := diff(before, scan(root))
	want := []string{"content/_index.md", "data/moi.yaml", "static/css/style.css"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diff = %v; want %v", got, want)
	}
}

func TestUnwatchableLocalFolder(t *testing.T) {
	if why := unwatchable(t.TempDir()); why != "" {
		t.Errorf("a local temporary folder is called %q", why)
	}
}

// With no --port the next free port is taken; a port asked for that is
// taken is an error that says what to do.
func TestListenPortFallback(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	ln, err := Listen("127.0.0.1", port, false)
	if err != nil {
		t.Fatalf("Listen on a taken port without --port: %v", err)
	}
	got := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if got == port {
		t.Fatalf("got the taken port %d", got)
	}
	if port < 65535-portTries && (got <= port || got >= port+portTries) {
		// Another program may hold the next ports too; then any free
		// port will do, but not the busy one.
		t.Logf("port %d busy; got %d (not the next one)", port, got)
	}
	_, err = Listen("127.0.0.1", port, true)
	if err == nil {
		t.Fatal("Listen on a taken port given with --port succeeded")
	}
	for _, want := range []string{"cổng " + strconv.Itoa(port) + " trên 127.0.0.1 đang được dùng", "bỏ --port"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, err := Listen("256.0.0.1", 1313, false); err == nil || !strings.Contains(err.Error(), "kiểm tra --bind") {
		t.Errorf("bad address: %v", err)
	}
}

// Options.Now previews the site as of another date.
func TestServeNow(t *testing.T) {
	root := testkit.Site(t, "engine")
	testkit.WriteFile(t, root, "content/ve-papi/sap-toi.md", "---\ntitle: \"Sắp tới\"\npublishDate: 2090-01-01\n---\nNội dung.\n")
	if _, ok := New(Options{Source: root}).File("ve-papi/sap-toi/index.html"); ok {
		t.Error("a page published in 2090 is served today")
	}
	if _, ok := New(Options{Source: root, Now: time.Date(2090, 6, 1, 0, 0, 0, 0, time.UTC)}).File("ve-papi/sap-toi/index.html"); !ok {
		t.Error("a page published in 2090 is not served as of June 2090")
	}
}

// waitGone waits until nothing is served at out, rebuild by rebuild.
func waitGone(t *testing.T, s *Server, results <-chan *Result, out string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if _, ok := s.File(out); !ok {
			return
		}
		select {
		case <-results:
		case <-deadline:
			t.Fatalf("%s still served", out)
		}
	}
}

// A renamed folder is one rename event for the folder, none for the files
// in it: its pages move to the new address, the old one is gone, and
// files saved in the renamed folder later are seen too, with file events
// and with polling.
func TestRenamedFolderRebuilt(t *testing.T) {
	for _, poll := range []time.Duration{0, 150 * time.Millisecond} {
		name := "events"
		if poll > 0 {
			name = "poll"
		}
		t.Run(name, func(t *testing.T) {
			root := testkit.Site(t, "engine")
			results := make(chan *Result, 64)
			s := New(Options{Source: root, Poll: poll, Debounce: 20 * time.Millisecond, Log: &syncBuffer{}, OnRebuild: func(r *Result) { results <- r }})
			<-results
			runWatch(t, s, fsnotify.NewWatcher)
			time.Sleep(100 * time.Millisecond) // the watches, or the first scan
			testkit.WriteFile(t, root, "content/thu-muc/con/trang.md", "---\ntitle: \"Trang con\"\n---\nTrong thư mục con.\n")
			testkit.WriteFile(t, root, "content/thu-muc/con/anh.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
			waitServed(t, s, results, "thu-muc/con/trang/index.html", "Trong thư mục con")
			mv := func(from, to string) {
				t.Helper()
				if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
					t.Fatal(err)
				}
			}
			mv("content/thu-muc/con", "content/thu-muc/chau")
			waitServed(t, s, results, "thu-muc/chau/trang/index.html", "Trong thư mục con")
			waitGone(t, s, results, "thu-muc/con/trang/index.html")
			if _, ok := s.File("thu-muc/chau/anh.svg"); !ok {
				t.Error("the folder's other file did not move with it")
			}
			// The folder holding the renamed one is renamed too: every
			// page below it moves.
			mv("content/thu-muc", "content/muc-moi")
			waitServed(t, s, results, "muc-moi/chau/trang/index.html", "Trong thư mục con")
			waitGone(t, s, results, "thu-muc/chau/trang/index.html")
			// A save inside the renamed folder is seen: its watch moved
			// with it, or was added under the new name.
			p := "content/muc-moi/chau/trang.md"
			testkit.WriteFile(t, root, p, testkit.ReadFile(t, root, p)+"\nSửa sau khi đổi tên thư mục.\n")
			waitServed(t, s, results, "muc-moi/chau/trang/index.html", "Sửa sau khi đổi tên thư mục")
			// Renamed again, inside the renamed folder, and back: the
			// watches follow.
			mv("content/muc-moi/chau", "content/muc-moi/chau-2")
			waitServed(t, s, results, "muc-moi/chau-2/trang/index.html", "Sửa sau khi đổi tên thư mục")
			mv("content/muc-moi", "content/thu-muc")
			waitServed(t, s, results, "thu-muc/chau-2/trang/index.html", "Sửa sau khi đổi tên thư mục")
			waitGone(t, s, results, "muc-moi/chau-2/trang/index.html")
			p = "content/thu-muc/chau-2/trang.md"
			testkit.WriteFile(t, root, p, testkit.ReadFile(t, root, p)+"\nSửa lần hai.\n")
			waitServed(t, s, results, "thu-muc/chau-2/trang/index.html", "Sửa lần hai")
			// A folder of static/ moves its files.
			testkit.WriteFile(t, root, "static/tai-lieu/ke-hoach.pdf", "%PDF-1.4")
			waitServed(t, s, results, "tai-lieu/ke-hoach.pdf", "%PDF")
			mv("static/tai-lieu", "static/van-ban")
			waitServed(t, s, results, "van-ban/ke-hoach.pdf", "%PDF")
			waitGone(t, s, results, "tai-lieu/ke-hoach.pdf")
			// A folder moved in from outside the site is read whole.
			outside := filepath.Join(t.TempDir(), "ngoai")
			testkit.WriteFile(t, outside, "trang.md", "---\ntitle: \"Từ ngoài\"\n---\nChuyển vào.\n")
			if err := os.Rename(outside, filepath.Join(root, "content/ngoai")); err != nil {
				t.Skip("temporary folder on another file system:", err)
			}
			waitServed(t, s, results, "ngoai/trang/index.html", "Chuyển vào")
		})
	}
}

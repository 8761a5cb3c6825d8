package serve

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"portal/internal/testkit"
)

// syncBuffer is a log shared by the server's goroutines and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunServesAndStops(t *testing.T) {
	root := testkit.Site(t, "engine")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	var log syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, ln, Options{Source: root, Log: &log}) }()
	url := "http://" + addr + "/"
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "Đang phục vụ tại") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if want := "Đang phục vụ tại " + url + " — nhấn Ctrl+C để dừng"; !strings.Contains(log.String(), want) {
		t.Fatalf("log %q lacks %q", log.String(), want)
	}
	code, _, body := get(t, url+"ve-papi/gioi-thieu/")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	// Permalinks point at the preview, not at the public host.
	if strings.Contains(body, "https://example.org/") {
		t.Error("preview page links to the public host")
	}
	// A saved edit reaches the served page through the watcher.
	testkit.WriteFile(t, root, bundle, testkit.ReadFile(t, root, bundle)+"\nĐã sửa qua trình theo dõi.\n")
	deadline = time.Now().Add(10 * time.Second)
	for {
		_, _, body = get(t, url+"ve-papi/gioi-thieu/")
		if strings.Contains(body, "Đã sửa qua trình theo dõi") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("edit not served; log:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(log.String(), "Đã dựng lại một phần") || !strings.Contains(log.String(), " ms (content/ve-papi/gioi-thieu/index.md)") {
		t.Errorf("rebuild not reported with its timing:\n%s", log.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("still listening after Run returned")
	}
}

func TestDisplayHost(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1:1313": "127.0.0.1:1313",
		"0.0.0.0:1313":   "localhost:1313",
		"[::]:8080":      "localhost:8080",
		"[::1]:8080":     "[::1]:8080",
	} {
		a, err := net.ResolveTCPAddr("tcp", in)
		if err != nil {
			t.Fatal(err)
		}
		if got := DisplayHost(a); got != want {
			t.Errorf("DisplayHost(%s) = %s; want %s", in, got, want)
		}
	}
}

package browser_test

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"portal/internal/testkit"
)

// startServe runs "portal serve" on a free loopback port for src and
// returns its base URL once it answers.
func startServe(t *testing.T, src string) string {
	t.Helper()
	bin := testkit.PortalBinary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "serve", "--source", src, "--port", strings.TrimPrefix(ln.Addr().String(), "127.0.0.1:"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			t.Log("serve: " + sc.Text())
		}
	}()
	base := "http://127.0.0.1:" + itoa(port)
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("portal serve did not answer on %s", base)
	return ""
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n > 0 || i == len(b) {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// poll evaluates js in the tab until it returns true or the time is up.
func poll(ctx context.Context, js string, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// TestLiveFlows drives the editor's and reader's flows in a real browser
// against "portal serve": an edit shows without a manual reload, a broken
// edit shows the error overlay naming file and line, the fix clears it;
// the language switcher leads to the translation and back.
func TestLiveFlows(t *testing.T) {
	tools := requireTools(t)
	src := testkit.Portal(t)
	base := startServe(t, src)
	browserCtx := startBrowser(t, tools)
	tab, cancel, err := newTab(browserCtx)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 4*time.Minute)
	defer cancelT()

	page := filepath.Join(src, "content", "hoi-dap", "_index.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/hoi-dap/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// Mark the loaded document: a reload replaces window, so the mark goes.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__notReloaded = true`)); err != nil {
		t.Fatal(err)
	}

	// The preview sends the site's policy, as the published site does,
	// and live reload, its script and its event stream work under it.
	t.Run("policy", func(t *testing.T) {
		for _, p := range []string{"/hoi-dap/", "/__portal/live.js", "/__portal/live.css", "/khong-co/"} {
			resp, err := http.Get(base + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") || !strings.Contains(got, "style-src 'self'") {
				t.Errorf("%s: Content-Security-Policy %q", p, got)
			}
		}
	})

	t.Run("live reload", func(t *testing.T) {
		edited := append(append([]byte(nil), orig...), []byte("\n\nĐoạn kiểm tra tải lại trực tiếp.\n")...)
		if err := os.WriteFile(page, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		if !poll(ctx, `document.body.innerText.includes("Đoạn kiểm tra tải lại trực tiếp.") && !window.__notReloaded`, time.Minute) {
			t.Fatal("the open page did not show the edit by itself")
		}
	})

	t.Run("error overlay", func(t *testing.T) {
		broken := strings.Replace(string(orig), "title:", "title: [chưa đóng", 1)
		if err := os.WriteFile(page, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		if !poll(ctx, `(function(){var o=document.getElementById('portal-overlay');return !!o && o.innerText.includes('content/hoi-dap/_index.md:')})()`, time.Minute) {
			t.Fatal("no overlay naming content/hoi-dap/_index.md:LINE after a broken edit")
		}
		// Under the site's policy (style-src 'self') the box is styled by
		// the preview's stylesheet, never by a style attribute.
		if !poll(ctx, `getComputedStyle(document.getElementById('portal-overlay')).position === 'fixed'`, 10*time.Second) {
			t.Error("the overlay is not styled: its stylesheet was blocked or not loaded")
		}
		if err := os.WriteFile(page, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		if !poll(ctx, `!document.getElementById('portal-overlay') && document.querySelector('h1') !== null`, time.Minute) {
			t.Fatal("the overlay did not go away after the fix")
		}
	})

	t.Run("language switch", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/ve-papi/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[hreflang="en"][rel="alternate"]`))); err != nil {
			t.Fatalf("no link to the English page: %v", err)
		}
		if !poll(ctx, `location.pathname.startsWith('/en/') && document.documentElement.lang === 'en'`, 30*time.Second) {
			t.Fatal("the switcher did not lead to an English page")
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[hreflang="vi"][rel="alternate"]`))); err != nil {
			t.Fatalf("no link back to Vietnamese: %v", err)
		}
		if !poll(ctx, `location.pathname === '/ve-papi/' && document.documentElement.lang === 'vi'`, 30*time.Second) {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
			t.Fatalf("the switcher did not lead back to /ve-papi/ (at %s)", got)
		}
	})
}

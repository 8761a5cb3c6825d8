package serve

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"portal/internal/testkit"
)

// rawGet sends target exactly as written, bypassing the client's own
// path cleaning, and returns the status code and body.
func rawGet(t *testing.T, addr, method, target string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %q: %v", method, target, err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

func TestTraversalRefused(t *testing.T) {
	root := testkit.Site(t, "engine")
	// Secrets beside and above the built site.
	testkit.WriteFile(t, root, "bi-mat.txt", "BI-MAT-TRONG")
	if err := os.WriteFile(filepath.Join(filepath.Dir(root), "bi-mat-ngoai.txt"), []byte("BI-MAT-NGOAI"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(Options{Source: root})
	ts := httptest.NewServer(s)
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	targets := []string{
		"/../site.yaml",
		"/../../bi-mat-ngoai.txt",
		"/%2e%2e/site.yaml",
		"/%2E%2E/%2E%2E/bi-mat-ngoai.txt",
		"/..%2fsite.yaml",
		"/css/..%2f..%2fsite.yaml",
		"/css%2f..%2f..%2fsite.yaml",
		"/..\\site.yaml",
		"/css/..%5c..%5csite.yaml",
		"/%252e%252e/site.yaml",
		"/%25252e%25252e%25252fsite.yaml",
		"/index.html%00.css",
		"/%00",
		"/./site.yaml",
		"/css/./style.css",
		"//etc/passwd",
		"/bi-mat.txt",
		"/site.yaml",
		"/content/_index.md",
		"/layouts/_default/baseof.html",
		"/static/css/style.css",
		"/%c0%ae%c0%ae/site.yaml",
		"/..;/site.yaml",
		"http://x/../site.yaml",
	}
	for _, target := range targets {
		code, body := rawGet(t, addr, "GET", target)
		if code == http.StatusOK {
			t.Errorf("GET %q = 200; want it refused", target)
		}
		for _, secret := range []string{"BI-MAT", "baseURL", "title:", "{{ define", "root:"} {
			if strings.Contains(body, secret) {
				t.Errorf("GET %q leaked %q", target, secret)
			}
		}
	}
	// The real files are still served.
	for target, ct := range map[string]string{
		"/":                            "text/html; charset=utf-8",
		"/css/style.css":               "text/css; charset=utf-8",
		"/ve-papi/gioi-thieu/logo.svg": "image/svg+xml; charset=utf-8",
		"/index.xml":                   "application/xml; charset=utf-8",
		"/robots.txt":                  "text/plain; charset=utf-8",
	} {
		code, h, _ := get(t, ts.URL+target)
		if code != http.StatusOK || h.Get("Content-Type") != ct {
			t.Errorf("GET %s = %d %q; want 200 %q", target, code, h.Get("Content-Type"), ct)
		}
	}
}

func TestMethodsAndLimits(t *testing.T) {
	s := New(Options{Source: testkit.Site(t, "engine")})
	ts := httptest.NewServer(s)
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"} {
		if code, _ := rawGet(t, addr, m, "/"); code != http.StatusMethodNotAllowed {
			t.Errorf("%s / = %d; want 405", m, code)
		}
	}
	req, _ := http.NewRequest(http.MethodHead, ts.URL+"/ve-papi/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength <= 0 {
		t.Errorf("HEAD = %d, length %d", resp.StatusCode, resp.ContentLength)
	}
	if code, _ := rawGet(t, addr, "HEAD", "/khong-co/"); code != http.StatusNotFound {
		t.Errorf("HEAD missing = %d; want 404", code)
	}
	if code, _ := rawGet(t, addr, "GET", "/"+strings.Repeat("a", MaxURLBytes)); code != http.StatusRequestURITooLong {
		t.Errorf("long URL = %d; want 414", code)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.Get(ts.URL + "/ve-papi")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/ve-papi/" {
		t.Errorf("/ve-papi = %d → %q; want 301 to /ve-papi/", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = client.Get(ts.URL + "/ve-papi?q=minh+b%E1%BA%A1ch")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || loc != "/ve-papi/?q=minh+b%E1%BA%A1ch" {
		t.Errorf("/ve-papi?q=… = %d → %q; want the query kept", resp.StatusCode, loc)
	}
	code, h, body := get(t, ts.URL+"/khong-co/")
	if code != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy trang") || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("missing page = %d %q", code, h.Get("Content-Type"))
	}
	if !strings.Contains(body, ScriptPath) {
		t.Error("404 page lacks the live-reload script")
	}
	srv := NewHTTPServer(s)
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.MaxHeaderBytes == 0 {
		t.Errorf("HTTP server without limits: %+v", srv)
	}
}

func TestContentType(t *testing.T) {
	for rel, want := range map[string]string{
		"a/index.html":     "text/html; charset=utf-8",
		"css/STYLE.CSS":    "text/css; charset=utf-8",
		"search/search.js": "text/javascript; charset=utf-8",
		"search/m.json":    "application/json; charset=utf-8",
		"anh.PNG":          "image/png",
		"van-ban/kh.pdf":   "application/pdf",
		"du-lieu.csv":      "text/csv; charset=utf-8",
	} {
		if got := ContentType(rel, nil); got != want {
			t.Errorf("ContentType(%q) = %q; want %q", rel, got, want)
		}
	}
	if got := ContentType("khong-ro", []byte("xin chào")); got != "text/plain; charset=utf-8" {
		t.Errorf("sniffed = %q", got)
	}
}

func TestInject(t *testing.T) {
	page := []byte(`<!doctype html><html><BODY class="x"><p>Ôn</p></BODY></html>`)
	got := string(inject(page, nil, true, nil))
	want := `<!doctype html><html><BODY class="x">` + draftBanner + `<p>Ôn</p><link rel="stylesheet" href="/__portal/live.css"><script src="/__portal/live.js" defer></script></BODY></html>`
	if got != want {
		t.Errorf("inject =\n%s\nwant\n%s", got, want)
	}
	got = string(inject([]byte("<p>không có body</p>"), nil, false, nil))
	if !strings.HasSuffix(got, `<script src="/__portal/live.js" defer></script>`) {
		t.Errorf("no </body>: %s", got)
	}
}

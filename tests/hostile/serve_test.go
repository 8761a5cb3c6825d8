package hostile

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	preview "portal/internal/serve"
	"portal/internal/testkit"
)

// get asks the preview for target with the given Host header.
func get(t *testing.T, ts *httptest.Server, method, target, host string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s (Host %s): %v", method, target, host, err)
	}
	defer resp.Body.Close()
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return resp, "" // it never ends
	}
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// portal serve (issue 17, case 8) sends the site's own policy, from its
// static/_headers, on every answer, errors and its own endpoints included;
// and answers only to its own address, so a page elsewhere that points a
// name of its own at 127.0.0.1 (DNS rebinding) cannot read the preview.
func TestServePolicyAndHost(t *testing.T) {
	csp := sitePolicy(t)
	if csp == "" {
		t.Skipf("%s is not in this checkout", headersFile)
	}
	src := testkit.Site(t, "small")
	hdr, err := os.ReadFile(headersFile)
	if err != nil {
		t.Fatal(err)
	}
	testkit.WriteFile(t, src, "static/_headers", hdr)
	s := preview.New(preview.Options{Source: src})
	t.Cleanup(s.Close)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	own := strings.TrimPrefix(ts.URL, "http://")
	port := own[strings.LastIndexByte(own, ':')+1:]

	for _, c := range []struct {
		method, target string
		status         int
	}{
		{"GET", "/", 200},
		{"GET", "/tin-tuc/", 200},
		{"GET", "/khong-co/", 404},
		{"GET", "/%2e%2e/site.yaml", 400},
		{"POST", "/", 405},
		{"GET", "/" + strings.Repeat("a", preview.MaxURLBytes), 414},
		{"GET", preview.ScriptPath, 200},
		{"GET", preview.StylePath, 200},
		{"GET", preview.EventsPath, 200},
	} {
		resp, _ := get(t, ts, c.method, c.target, "")
		if resp.StatusCode != c.status {
			t.Errorf("%s %.40s: status %d, want %d", c.method, c.target, resp.StatusCode, c.status)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s %.40s: Content-Security-Policy %q, want the site's %q", c.method, c.target, got, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %.40s: the site's other headers are missing: %v", c.method, c.target, resp.Header)
		}
	}

	for _, c := range []struct {
		host string
		ok   bool
	}{
		{own, true},
		{"localhost:" + port, true},
		{"LOCALHOST:" + port, true},
		{"[::1]:" + port, true},
		{"evil.example:" + port, false},
		{"evil.example", false},
		{"127.0.0.1.nip.io:" + port, false},
		{"localhost:1", false},
		{"127.0.0.1", false},
	} {
		for _, target := range []string{"/", preview.EventsPath, "/tin-tuc/"} {
			resp, body := get(t, ts, "GET", target, c.host)
			switch {
			case c.ok && resp.StatusCode != 200:
				t.Errorf("Host %s %s: status %d, want 200", c.host, target, resp.StatusCode)
			case !c.ok && resp.StatusCode != http.StatusMisdirectedRequest:
				t.Errorf("Host %s %s: status %d, want 421", c.host, target, resp.StatusCode)
			case !c.ok && (!strings.Contains(body, "Bản xem trước chỉ trả lời tại địa chỉ của chính nó") || strings.Contains(body, "<h1>")):
				t.Errorf("Host %s %s: body %q", c.host, target, body)
			case !c.ok && resp.Header.Get("Content-Security-Policy") != csp:
				t.Errorf("Host %s: the refusal has no policy", c.host)
			}
		}
	}
}

// A site without a policy of its own is previewed under a strict one.
func TestServeFallbackPolicy(t *testing.T) {
	src := testkit.Site(t, "small")
	s := preview.New(preview.Options{Source: src})
	t.Cleanup(s.Close)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	resp, _ := get(t, ts, "GET", "/", "")
	if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") || strings.Contains(got, "unsafe") {
		t.Errorf("Content-Security-Policy %q", got)
	}
}

// The preview's error box quotes the build's messages, which quote the
// page: a broken link whose address is markup is shown as text in it, and
// nothing in the answer runs but the preview's own script.
func TestServeOverlayShowsMessagesAsText(t *testing.T) {
	const dest = `/khong-co/</pre></div><script>alert(1)</script><svg/onload=alert(2)>`
	src := testkit.Site(t, "small")
	testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\n---\n[liên kết]("+dest+")\n")
	s := preview.New(preview.Options{Source: src})
	t.Cleanup(s.Close)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	_, body := get(t, ts, "GET", "/", "")
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range executable(doc) {
		t.Error(f)
	}
	box := findText(doc, "Lỗi khi dựng trang")
	if box == nil || !strings.Contains(allText(box.Parent), dest) {
		t.Errorf("the error box does not quote the address as text:\n%s", body)
	}
}

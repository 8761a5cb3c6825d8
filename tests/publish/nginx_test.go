package publish

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"portal/internal/output"
	"portal/internal/testkit"
)

// csp is the Content-Security-Policy every response must carry.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// fingerprinted matches the names of content-hashed CSS and JS files.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)$`)

// nginxConfig turns deploy/nginx.conf into a server for the test: only the
// lines marked "test: listen" and "test: root" change, to a loopback port
// and the temporary web root. It fails when a marker is missing, so the
// test cannot silently drift away from the file it claims to test.
func nginxConfig(t *testing.T, www string, port int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testkit.Root(t), "deploy", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.Contains(line, "# test: listen"):
			line = fmt.Sprintf("\tlisten 127.0.0.1:%d;", port)
			seen["listen"] = true
		case strings.Contains(line, "# test: root"):
			line = fmt.Sprintf("\troot %s;", www)
			seen["root"] = true
		case strings.HasPrefix(strings.TrimSpace(line), "listen "):
			t.Fatalf("deploy/nginx.conf: %q has no \"# test: listen\" marker; the test would listen where it must not", strings.TrimSpace(line))
		}
		out = append(out, line)
	}
	if !seen["listen"] || !seen["root"] {
		t.Fatalf("deploy/nginx.conf lacks the \"# test: listen\" or \"# test: root\" marker (found %v)", seen)
	}
	return strings.Join(out, "\n")
}

// startNginx runs nginx in the foreground with its own prefix, config,
// logs and temporary folders in dir, serving www through the repository's
// server block on 127.0.0.1:port, and stops it when the test ends.
func startNginx(t *testing.T, bin, dir, www string, port int) {
	t.Helper()
	mime := "/etc/nginx/mime.types"
	if _, err := os.Stat(mime); err != nil {
		t.Fatalf("nginx's mime.types not found at %s: %v", mime, err)
	}
	for _, d := range []string{"logs", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	server := filepath.Join(dir, "portal.conf")
	if err := os.WriteFile(server, []byte(nginxConfig(t, www, port)), 0o644); err != nil {
		t.Fatal(err)
	}
	// master_process off: one process, which keeps the test's user (no
	// switch to www-data, which could not read the temporary folders).
	main := fmt.Sprintf(`daemon off;
master_process off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/logs/error.log warn;
events { worker_connections 64; }
http {
	include %[2]s;
	default_type application/octet-stream;
	access_log %[1]s/logs/access.log;
	sendfile on;
	client_body_temp_path %[1]s/tmp/body;
	proxy_temp_path %[1]s/tmp/proxy;
	fastcgi_temp_path %[1]s/tmp/fastcgi;
	uwsgi_temp_path %[1]s/tmp/uwsgi;
	scgi_temp_path %[1]s/tmp/scgi;
	include %[3]s;
}
`, dir, mime, server)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-t", "-p", dir, "-c", conf, "-e", filepath.Join(dir, "logs", "error.log")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t rejects deploy/nginx.conf: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", conf, "-e", filepath.Join(dir, "logs", "error.log"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt) // SIGINT: fast shutdown
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "logs", "error.log"))
			t.Fatalf("nginx exited: %v\n%s%s", err, stderr.String(), log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not listen on port %d within 10 s", port)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func checkNginx(t *testing.T, s site, www string, port int) {
	bin := testkit.Program(t, testkit.InstallPublishTools, "nginx")
	startNginx(t, bin, t.TempDir(), www, port)

	c := newCrawler(s)
	c.enqueue(s.base.String(), "start")
	c.enqueue(s.base.String()+"en/", "start")
	c.enqueue(s.base.String()+"sitemap.xml", "start")
	c.enqueue(s.base.String()+"robots.txt", "start")
	c.enqueue(s.base.String()+"404.html", "start") // its links, which must work from any depth
	c.run()
	for _, p := range c.problems {
		t.Error(p)
	}
	// Every page on disk is reached from the home pages, the sitemap and
	// the links they hold (alias redirect pages are only for old links).
	for rel := range s.htmlPages(t) {
		if rel == "404.html" {
			continue
		}
		if !c.fetched[s.urlOf(rel)] {
			t.Errorf("%s: not reached by the crawl (%s)", rel, s.urlOf(rel))
		}
	}
	t.Logf("crawled %d addresses (%d HTML pages)", len(c.fetched), c.pages)

	t.Run("404", func(t *testing.T) {
		resp, body := get(t, s.base.String()+"khong-co-trang-nay/", nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("missing page: status %d, want 404", resp.StatusCode)
		}
		if want := s.read(t, "404.html"); !bytes.Equal(body, want) {
			t.Errorf("missing page: body is not the site's 404.html (%d bytes, want %d)", len(body), len(want))
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("404 response: Content-Security-Policy %q", got)
		}
		for _, hidden := range []string{".portal-manifest", "_headers"} {
			if r, _ := get(t, s.base.String()+hidden, nil); r.StatusCode != http.StatusNotFound {
				t.Errorf("%s is served (status %d); it should not be", hidden, r.StatusCode)
			}
		}
	})
	t.Run("gzip", func(t *testing.T) {
		css := ""
		for _, f := range s.files(t) {
			if strings.HasPrefix(f, "css/") && fingerprinted.MatchString(f) {
				css = f
			}
		}
		for _, u := range []string{s.base.String(), s.base.String() + css} {
			resp, body := get(t, u, http.Header{"Accept-Encoding": {"gzip"}})
			if resp.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s: Content-Encoding %q, want gzip", u, resp.Header.Get("Content-Encoding"))
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s: Vary %q, want Accept-Encoding", u, resp.Header.Get("Vary"))
			}
			if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
				t.Errorf("%s: body is not gzip", u)
			}
		}
	})
	t.Run("same headers as static/_headers", func(t *testing.T) { checkHeadersFile(t, s) })
	t.Run("Chromium honours the CSP", func(t *testing.T) { checkCSPInChromium(t, s, www) })
}

// get fetches u without following redirects or decoding gzip.
func get(t *testing.T, u string, h http.Header) (*http.Response, []byte) {
	t.Helper()
	resp, body, err := fetch(u, h)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

var client = &http.Client{
	Timeout:       15 * time.Second,
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func fetch(u string, h http.Header) (*http.Response, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u, err)
	}
	return resp, body, nil
}

// crawler follows every link of the site over HTTP.
type crawler struct {
	s        site
	queue    []link
	queued   map[string]bool
	fetched  map[string]bool
	problems []string
	pages    int
}

func newCrawler(s site) *crawler {
	return &crawler{s: s, queued: map[string]bool{}, fetched: map[string]bool{}}
}

func (c *crawler) problemf(format string, a ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, a...))
}

// enqueue adds an address found on page from, resolved against from.
func (c *crawler) enqueue(raw, from string) {
	c.enqueueLink(link{URL: raw, From: "start"}, from)
}

func (c *crawler) enqueueLink(l link, from string) {
	base := c.s.base
	if from != "start" {
		if b, err := url.Parse(from); err == nil {
			base = b
		}
	}
	if strings.HasPrefix(l.URL, "mailto:") || strings.HasPrefix(l.URL, "tel:") {
		return
	}
	u, err := base.Parse(l.URL)
	if err != nil {
		c.problemf("%s: %s %q does not parse: %v", from, l.From, l.URL, err)
		return
	}
	u.Fragment = ""
	u.RawQuery = ""
	switch {
	case u.Scheme == "data":
		return
	case u.Host != c.s.base.Host || (u.Scheme != "http" && u.Scheme != "https"):
		// Another site: a link is fine, a resource the page loads is not
		// (the portal makes no request to another host).
		if l.From != "<a href>" {
			c.problemf("%s: %s loads %s from another host", from, l.From, u)
		}
		return
	case !strings.HasPrefix(u.Path, c.s.base.Path):
		c.problemf("%s: %s %q leaves the site's sub-path %s", from, l.From, l.URL, c.s.base.Path)
		return
	}
	key := u.String()
	if c.queued[key] {
		return
	}
	c.queued[key] = true
	c.queue = append(c.queue, link{URL: key, From: from + " " + l.From})
}

func (c *crawler) run() {
	for len(c.queue) > 0 {
		l := c.queue[0]
		c.queue = c.queue[1:]
		c.visit(l)
	}
}

func (c *crawler) visit(l link) {
	resp, body, err := fetch(l.URL, nil)
	if err != nil {
		c.problemf("%v (linked from %s)", err, l.From)
		return
	}
	c.fetched[l.URL] = true
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		c.problemf("%s: redirect %d to %q (linked from %s); links must name the final address", l.URL, resp.StatusCode, resp.Header.Get("Location"), l.From)
		return
	}
	if resp.StatusCode != http.StatusOK {
		c.problemf("%s: status %d (linked from %s)", l.URL, resp.StatusCode, l.From)
		return
	}
	c.checkHeaders(l.URL, resp.Header)
	ct := resp.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "text/html"):
		c.pages++
		els := parseElements(body)
		for _, p := range inlineProblems(els) {
			c.problemf("%s: %s", l.URL, p)
		}
		for _, pl := range pageLinks(els, false) {
			c.enqueueLink(pl, l.URL)
		}
	case strings.Contains(ct, "xml"):
		for _, u := range xmlLinks(body) {
			if !strings.HasPrefix(u, c.s.base.String()) && !strings.HasPrefix(u, "http://www.w3.org/") && !strings.HasPrefix(u, "http://www.sitemaps.org/") {
				c.problemf("%s: link %q is not an absolute URL of the site", l.URL, u)
				continue
			}
			if strings.HasPrefix(u, c.s.base.String()) {
				c.enqueueLink(link{URL: u, From: "<xml link>"}, l.URL)
			}
		}
	case path.Base(l.URL) == "robots.txt":
		sc := bufio.NewScanner(bytes.NewReader(body))
		found := false
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
				found = true
				c.enqueueLink(link{URL: strings.TrimSpace(v), From: "<robots sitemap>"}, l.URL)
			}
		}
		if !found {
			c.problemf("%s: no Sitemap line", l.URL)
		}
	}
	wantType := map[string]string{".css": "text/css", ".js": "application/javascript", ".json": "application/json", ".xml": "xml", ".svg": "image/svg+xml", ".txt": "text/plain"}[path.Ext(strings.TrimSuffix(l.URL, "/"))]
	if wantType != "" && !strings.Contains(ct, wantType) {
		c.problemf("%s: Content-Type %q, want %s", l.URL, ct, wantType)
	}
}

// checkHeaders: the security headers on every response, and the cache
// policy that fits the file.
func (c *crawler) checkHeaders(u string, h http.Header) {
	want := map[string]string{
		"Content-Security-Policy": csp,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			c.problemf("%s: %s %q, want %q", u, k, got, v)
		}
	}
	if h.Get("Permissions-Policy") == "" {
		c.problemf("%s: no Permissions-Policy", u)
	}
	cc := h.Get("Cache-Control")
	if fingerprinted.MatchString(u) {
		if !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
			c.problemf("%s: fingerprinted file with Cache-Control %q, want a year, immutable", u, cc)
		}
	} else if !strings.Contains(cc, "max-age=300") || strings.Contains(cc, "immutable") {
		c.problemf("%s: Cache-Control %q, want a short cache (max-age=300)", u, cc)
	}
}

// xmlLinks returns the URLs of a sitemap or feed: the text of loc, link
// and guid elements and href attributes.
func xmlLinks(b []byte) []string {
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	var in string
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			in = tk.Name.Local
			for _, a := range tk.Attr {
				if a.Name.Local == "href" {
					out = append(out, a.Value)
				}
			}
		case xml.CharData:
			if v := strings.TrimSpace(string(tk)); v != "" && (in == "loc" || in == "link" || in == "guid") {
				out = append(out, v)
			}
		case xml.EndElement:
			in = ""
		}
	}
}

// checkHeadersFile: for a page, a feed, the stylesheet and the search
// script, static/_headers (as Netlify and Cloudflare Pages read it, paths
// from the site root) gives the same headers nginx sends.
func checkHeadersFile(t *testing.T, s site) {
	b := s.read(t, "_headers")
	rules, err := output.ParseHeaders(b)
	if err != nil {
		t.Fatalf("_headers: %v", err)
	}
	samples := []string{"", "ve-papi/", "en/chi-so/", "index.xml", "search/manifest.json", "favicon.svg"}
	for _, f := range s.files(t) {
		if fingerprinted.MatchString(f) {
			samples = append(samples, f)
		}
	}
	for _, rel := range samples {
		resp, _ := get(t, s.base.String()+rel, nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", rel, resp.StatusCode)
			continue
		}
		want := output.ResolveHeaders(rules, "/"+rel)
		if len(want) == 0 {
			t.Errorf("_headers has no rule for /%s", rel)
		}
		keys := make([]string, 0, len(want))
		for k := range want {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if got := resp.Header.Get(k); got != want[k] {
				t.Errorf("/%s: %s: nginx sends %q, _headers gives %q", rel, k, got, want[k])
			}
		}
	}
}

// checkCSPInChromium loads pages served with the CSP in headless Chromium
// and reads its console: the portal's pages, JSON-LD block included, cause
// no violation, while a control page with an inline script, next to its
// own JSON-LD block, causes exactly one, which proves both that Chromium
// enforces the policy here and that data blocks are not blocked.
func checkCSPInChromium(t *testing.T, s site, www string) {
	bin := testkit.Program(t, testkit.InstallBrowserTools, "chromium", "chromium-browser", "google-chrome")
	control := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>CSP control</title>` +
		`<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","name":"control"}</script>` +
		`</head><body><p>control</p><script>document.title = "ran"</script></body></html>`
	if err := os.WriteFile(filepath.Join(www, "papi", "csp-control.html"), []byte(control), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func(u string) (dom string, violations []string) {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "--headless=new", "--no-sandbox", "--disable-gpu",
			"--no-first-run", "--disable-extensions", "--disable-background-networking",
			"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
			"--virtual-time-budget=2000", "--dump-dom", u)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Fatalf("chromium %s: %v\n%s", u, err, stderr.String())
		}
		if len(out) == 0 {
			t.Fatalf("chromium %s printed no DOM\n%s", u, stderr.String())
		}
		for _, line := range strings.Split(stderr.String(), "\n") {
			if strings.Contains(line, "Content Security Policy") {
				violations = append(violations, line)
			}
		}
		return string(out), violations
	}
	_, v := load(s.base.String() + "csp-control.html")
	if len(v) != 1 || !strings.Contains(v[0], "inline script") {
		t.Fatalf("control page: want exactly one refused inline script, got %d console lines:\n%s", len(v), strings.Join(v, "\n"))
	}
	// The home page, an English page with charts, and the English search
	// page running a query (the one page with a script, which must find
	// English pages and report in English): each load costs Chromium a
	// few seconds.
	for _, rel := range []string{"", "en/ket-qua/", "en/tim-kiem/?q=corruption"} {
		dom, v := load(s.base.String() + rel)
		if len(v) > 0 {
			t.Errorf("/%s: Content Security Policy violations:\n%s", rel, strings.Join(v, "\n"))
		}
		if strings.Contains(rel, "?q=") {
			if !regexp.MustCompile(`Results for “corruption”: [0-9]+`).MatchString(dom) || !strings.Contains(dom, s.base.Path+"en/chi-so/kiem-soat-tham-nhung-trong-khu-vuc-cong/") {
				t.Errorf("/%s: the search found nothing or did not report in English:\n%s", rel, truncate(dom, 2000))
			}
		}
	}
}

package browser_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the module root, seen from tests/browser.
const repoRoot = "../.."

// TestPortal builds the real portal and runs the whole gate over every page
// it produces. It skips until the engine (cmd/portal) and the site
// (site.yaml) are in the repository. PORTAL_BIN names a built portal binary
// to use instead of "go run ./cmd/portal"; PORTAL_BROWSER_PAGES (comma
// separated URL paths) limits the browser checks to those pages.
func TestPortal(t *testing.T) {
	if _, err := os.Stat(filepath.Join(repoRoot, "cmd", "portal")); err != nil {
		t.Skip("TestPortal: cmd/portal does not exist yet; nothing to build")
	}
	if _, err := os.Stat(filepath.Join(repoRoot, "site.yaml")); err != nil {
		t.Skip("TestPortal: site.yaml does not exist yet; no site to build")
	}
	tools := requireTools(t) // before the build, so a machine without the tools skips at once
	basePath, err := siteBasePath(filepath.Join(repoRoot, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}

	// The port is chosen before the build, so the site is built for the
	// address it is served at, under its real base path.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1: %v", err)
	}
	t.Cleanup(func() { ln.Close() }) // for a failure before serving; closing twice is harmless
	base := "http://" + ln.Addr().String() + basePath
	dest := t.TempDir()
	start := time.Now()
	if err := buildPortal(t, dest, base+"/"); err != nil {
		t.Fatal(err)
	}
	t.Logf("built the portal into %s in %v", dest, time.Since(start).Round(time.Millisecond))

	pages, err := sitePages(dest)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("the build in %s has no HTML page", dest)
	}
	allPages := pages
	if only := os.Getenv("PORTAL_BROWSER_PAGES"); only != "" {
		// A developer's shortcut: check only these pages ("/,/ve-papi/").
		pages = slices.DeleteFunc(slices.Clone(pages), func(p string) bool {
			return !slices.Contains(strings.Split(only, ","), p)
		})
		t.Logf("PORTAL_BROWSER_PAGES: checking only %q", pages)
	}
	serveListener(t, ln, dest, basePath)
	browserCtx := startBrowser(t, tools)

	t.Run("gate", func(t *testing.T) {
		t.Logf("checking %d pages", len(pages))
		findings, err := auditSite(t, tools, browserCtx, dest, pages, siteOptions{
			screenshots: portalScreenshots(pages),
			prefix:      "portal-",
			serve:       func(testing.TB, string) string { return base },
			report:      func(f finding) { t.Error(f) },
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(findings) > 0 {
			t.Logf("%d findings on %d pages; screenshots in tests/browser/%s", len(findings), len(pages), artifactsDir)
		}
		// PORTAL_REFRESH_SCREENSHOTS=1 copies the home page's screenshots
		// over the README's, so the README shows what the gate saw.
		if os.Getenv("PORTAL_REFRESH_SCREENSHOTS") != "" {
			for width, name := range map[int]string{1280: "screenshot-home.png", 360: "screenshot-home-mobile.png"} {
				shot := filepath.Join(artifactsDir, fmt.Sprintf("portal-%s-%d.png", screenshotName("/"), width))
				b, err := os.ReadFile(shot)
				if err != nil {
					t.Errorf("refresh README screenshot: %v", err)
					continue
				}
				if err := os.WriteFile(filepath.Join(repoRoot, "docs", name), b, 0o644); err != nil {
					t.Errorf("refresh README screenshot: %v", err)
				}
			}
		}
	})
	t.Run("search", func(t *testing.T) {
		// The queries are Vietnamese: search the Vietnamese pages, not
		// another language's search page that sorts first (/en/tim-kiem/).
		others, err := otherLanguages(filepath.Join(repoRoot, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var vietnamese []string
		for _, p := range allPages {
			if seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/"); !others[seg] {
				vietnamese = append(vietnamese, p)
			}
		}
		searchPage, err := findPage(dest, vietnamese, `id="search-input"`)
		if err != nil {
			t.Fatal(err)
		}
		if searchPage == "" {
			t.Fatal("no built page has the search box (id=\"search-input\")")
		}
		testSearch(t, tools, browserCtx, pageURL(base, searchPage))
	})
}

// otherLanguages reads the codes of site.yaml's extra languages, whose
// pages are published under /CODE/.
func otherLanguages(siteYAML string) (map[string]bool, error) {
	b, err := os.ReadFile(siteYAML)
	if err != nil {
		return nil, fmt.Errorf("read site config: %w", err)
	}
	var cfg struct {
		Languages map[string]any `yaml:"languages"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return nil, fmt.Errorf("parse %s: %w", siteYAML, err)
	}
	out := map[string]bool{}
	for code := range cfg.Languages {
		out[code] = true
	}
	return out, nil
}

// siteBasePath reads the path of baseURL in site.yaml: "" for
// "https://example.org/", "/papi" for "https://example.org/papi/".
func siteBasePath(siteYAML string) (string, error) {
	b, err := os.ReadFile(siteYAML)
	if err != nil {
		return "", fmt.Errorf("read site config: %w", err)
	}
	var cfg struct {
		BaseURL string `yaml:"baseURL"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return "", fmt.Errorf("parse %s: %w", siteYAML, err)
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil {
		return "", fmt.Errorf("%s: baseURL %q: %w", siteYAML, cfg.BaseURL, err)
	}
	return strings.TrimSuffix(u.Path, "/"), nil
}

// buildPortal runs "portal build" for the repository's site into dest.
func buildPortal(t testing.TB, dest, baseURL string) error {
	return buildPortalFrom(t, ".", dest, baseURL)
}

// buildPortalFrom is buildPortal for the site in src (relative to the
// repository's root, or absolute).
func buildPortalFrom(t testing.TB, src, dest, baseURL string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := []string{"build", "--source", src, "--dest", dest, "--base-url", baseURL}
	var cmd *exec.Cmd
	if bin := os.Getenv("PORTAL_BIN"); bin != "" {
		cmd = exec.CommandContext(ctx, bin, args...)
	} else {
		cmd = exec.CommandContext(ctx, "go", append([]string{"run", "./cmd/portal"}, args...)...)
	}
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("portal build: %w\n%s", err, out)
	}
	t.Logf("portal build: %s", strings.TrimSpace(string(out)))
	return nil
}

// sitePages lists the URL paths of the HTML pages of a build: "index.html"
// is "/", "ve-papi/index.html" is "/ve-papi/", "404.html" stays. Alias pages
// (a meta refresh to the real page) are left to the Nu checker: they have
// no content to test in a browser.
func sitePages(root string) ([]string, error) {
	files, err := htmlFiles(root)
	if err != nil {
		return nil, err
	}
	var pages []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		if isRedirectPage(b) {
			continue
		}
		rel, err := filepath.Rel(root, f)
		if err != nil {
			return nil, fmt.Errorf("page path of %s: %w", f, err)
		}
		p := "/" + filepath.ToSlash(rel)
		if p == "/index.html" {
			p = "/"
		} else if strings.HasSuffix(p, "/index.html") {
			p = strings.TrimSuffix(p, "index.html")
		}
		pages = append(pages, p)
	}
	slices.Sort(pages)
	return pages, nil
}

// isRedirectPage reports whether an HTML file only redirects elsewhere.
func isRedirectPage(b []byte) bool {
	s := strings.ToLower(string(b))
	return strings.Contains(s, `http-equiv="refresh"`) || strings.Contains(s, `http-equiv=refresh`)
}

// portalScreenshots picks the pages to photograph: the home page, the 404
// page, and the first page of each top-level section.
func portalScreenshots(pages []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range pages {
		top := strings.SplitN(strings.Trim(p, "/"), "/", 2)[0]
		if !seen[top] {
			seen[top] = true
			out = append(out, p)
		}
		// One dimension page as well as the dimensions' section.
		if !seen["chi-so/*"] && strings.HasPrefix(p, "/chi-so/") && p != "/chi-so/" {
			seen["chi-so/*"] = true
			out = append(out, p)
		}
	}
	return out
}

// serveListener serves root on ln under basePath ("" or "/papi") until the
// test ends.
func serveListener(t testing.TB, ln net.Listener, root, basePath string) {
	t.Helper()
	var h http.Handler = http.FileServer(http.Dir(root))
	if basePath != "" {
		h = http.StripPrefix(basePath, h)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve %s: %v", root, err)
		}
	}()
	t.Cleanup(func() {
		srv.Close()
		<-done
	})
}

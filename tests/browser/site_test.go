package browser_test

import (
	"context"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// artifactsDir receives the screenshots; it is git-ignored.
const artifactsDir = "artifacts"

// siteOptions tune a site check.
type siteOptions struct {
	// screenshots are the pages (as in the pages list) to photograph at both
	// widths into artifacts/<prefix><page>-<width>.png.
	screenshots []string
	// prefix starts the screenshot file names.
	prefix string
	// serve serves the built site and returns its base URL
	// ("http://127.0.0.1:PORT"); serveDir when nil.
	serve func(t testing.TB, root string) string
	// report, when set, gets each finding as soon as it is known.
	report func(finding)
}

// defaultTabs is how many pages are checked at once, each in its own tab of
// the one browser. PORTAL_BROWSER_TABS overrides it.
const defaultTabs = 2

func tabCount() int {
	if n, err := strconv.Atoi(os.Getenv("PORTAL_BROWSER_TABS")); err == nil && n > 0 {
		return n
	}
	return defaultTabs
}

// auditSite runs every check and returns the findings, sorted by page. The
// Nu checker runs beside the browser checks. A page that cannot be checked
// at all is a checkLoad finding; an error means the Nu checker could not run.
func auditSite(t testing.TB, tools gateTools, browserCtx context.Context, rootDir string, pages []string, opts siteOptions) ([]finding, error) {
	t.Helper()
	serve := opts.serve
	if serve == nil {
		serve = serveDir
	}
	base := serve(t, rootDir)
	var mu sync.Mutex
	var all []finding
	record := func(fs []finding) {
		mu.Lock()
		defer mu.Unlock()
		for _, f := range fs {
			if opts.report != nil {
				opts.report(f)
			}
			all = append(all, f)
		}
	}

	var vnuFindings []finding
	var vnuErr error
	var wg sync.WaitGroup
	vnuCtx, cancelVNU := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancelVNU()
	wg.Go(func() {
		start := time.Now()
		vnuFindings, vnuErr = checkHTML(vnuCtx, tools, rootDir)
		t.Logf("Nu HTML checker: %d files in %v", countOrZero(htmlFiles(rootDir)), time.Since(start).Round(time.Millisecond))
	})

	start := time.Now()
	queue := make(chan string)
	var workers sync.WaitGroup
	for range min(tabCount(), max(len(pages), 1)) {
		workers.Go(func() {
			for p := range queue {
				pageStart := time.Now()
				a := &pageAudit{axeJS: tools.axeJS, url: pageURL(base, p), artifactsDir: artifactsDir}
				if slices.Contains(opts.screenshots, p) {
					a.screenshotBase = opts.prefix + screenshotName(p)
				}
				fs, err := a.run(browserCtx)
				if err != nil {
					fs = append(fs, finding{Check: checkLoad, Page: a.url, Detail: err.Error()})
				}
				t.Logf("%s: %d findings in %v", p, len(fs), time.Since(pageStart).Round(time.Millisecond))
				record(fs)
			}
		})
	}
	for _, p := range pages {
		queue <- p
	}
	close(queue)
	workers.Wait()
	t.Logf("browser checks: %d pages in %v with %d tabs", len(pages), time.Since(start).Round(time.Millisecond), tabCount())
	wg.Wait()
	if vnuErr != nil {
		return nil, vnuErr
	}
	record(vnuFindings)
	slices.SortStableFunc(all, func(a, b finding) int { return strings.Compare(a.Page, b.Page) })
	return all, nil
}

func countOrZero(files []string, err error) int {
	if err != nil {
		return 0
	}
	return len(files)
}

// pageURL joins the base URL and a page path.
func pageURL(base, page string) string {
	return base + "/" + strings.TrimPrefix(page, "/")
}

// screenshotName makes a file name from a page path: "/" is "home",
// "/ve-papi/" is "ve-papi".
func screenshotName(page string) string {
	name := strings.Trim(page, "/")
	name = strings.TrimSuffix(name, ".html")
	if name == "" {
		return "home"
	}
	return strings.ReplaceAll(name, "/", "_")
}

// serveDir serves root on a random port of 127.0.0.1 until the test ends.
func serveDir(t testing.TB, root string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1: %v", err)
	}
	serveListener(t, ln, root, "")
	return "http://" + ln.Addr().String()
}

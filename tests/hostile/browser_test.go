package hostile

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"portal/internal/build"
	"portal/internal/output"
	"portal/internal/testkit"
)

// headersFile is the hosts' header file (Netlify, Cloudflare Pages) with the
// site's Content-Security-Policy; deploy/nginx.conf sends the same.
const headersFile = "../../static/_headers"

// sitePolicy reads the Content-Security-Policy that _headers gives every
// path; "" when the file is not in this checkout.
func sitePolicy(t *testing.T) string {
	b, err := os.ReadFile(headersFile)
	if err != nil {
		return ""
	}
	rules, err := output.ParseHeaders(b)
	if err != nil {
		t.Fatalf("%s: %v", headersFile, err)
	}
	csp := output.ResolveHeaders(rules, "/")["Content-Security-Policy"]
	if csp == "" {
		t.Fatalf("%s has no Content-Security-Policy for /", headersFile)
	}
	return csp
}

// serve publishes dir on the loopback interface, with csp as the policy
// header when it is not empty.
func serve(t *testing.T, dir, csp string) string {
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("X-Content-Type-Options", "nosniff")
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func startChromium(t *testing.T) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(testkit.ChromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-extensions", true),
		// Nothing may leave the machine: other hosts go to a closed port.
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "127.0.0.1"),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", testkit.ChromiumPath, err)
	}
	return ctx
}

// visit is what one page load showed: dialogs opened (alert, confirm,
// prompt), and errors in the console (uncaught exceptions included).
type visit struct {
	dialogs, errors []string
	// violations are the Content-Security-Policy violations the page
	// reported (securitypolicyviolation events): under the site's policy
	// any one is markup from the page that tried to run.
	violations []string
}

// trap runs before any script of every page a tab opens: it records the
// policy violations the page reports.
const trap = `window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));`

// watch records, in the tab of ctx, the dialogs opened and the errors and
// policy violations reported, until done is called, which returns them.
func watch(t *testing.T, ctx context.Context) (done func() visit) {
	var mu sync.Mutex
	var v visit
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			mu.Lock()
			v.dialogs = append(v.dialogs, string(e.Type)+": "+e.Message)
			mu.Unlock()
			// The page waits while the dialog is open: close it, from
			// another goroutine, as the listener must not block.
			go func() {
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}()
		case *runtime.EventExceptionThrown:
			mu.Lock()
			v.errors = append(v.errors, "exception: "+e.ExceptionDetails.Text+" "+exceptionText(e))
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if e.Type == "error" || e.Type == "assert" {
				mu.Lock()
				v.errors = append(v.errors, "console."+string(e.Type))
				mu.Unlock()
			}
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: trap}); err != nil {
		t.Fatalf("trap: %v", err)
	}
	return func() visit {
		if got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__violations || []`)); err == nil {
			mu.Lock()
			v.violations = got
			mu.Unlock()
		}
		mu.Lock()
		defer mu.Unlock()
		return v
	}
}

// load opens url in a new tab, sends every element the events injected
// handlers listen for, and reports what ran.
func load(t *testing.T, browser context.Context, url string) visit {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 30*time.Second)
	defer cancelT()
	done := watch(t, ctx)
	const poke = `(() => {
		for (const el of document.querySelectorAll('*')) {
			for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'error', 'load', 'animationstart']) {
				el.dispatchEvent(new Event(type));
			}
		}
	})()`
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate[chromedp.Void](poke),
		chromedp.Sleep(300*time.Millisecond),
	)
	if err != nil {
		t.Errorf("%s: %v", url, err)
	}
	return done()
}

func exceptionText(e *runtime.EventExceptionThrown) string {
	if e.ExceptionDetails.Exception != nil {
		return e.ExceptionDetails.Exception.Description
	}
	return ""
}

// The hostile pages, loaded in Chromium with no policy header at all (the
// page itself must be safe, wherever it is hosted): no dialog opens, no
// injected script throws or logs an error, even when every element is sent
// the events injected handlers would wait for.
func TestHostilePagesInBrowser(t *testing.T) {
	testkit.Chromium(t)
	dest := buildXSS(t, "")
	base := serve(t, dest, "")
	browser := startChromium(t)
	for _, p := range []string{"/tin-tuc/xss/", "/tin-tuc/", "/tin-tuc/bai-anh/", "/tags/", "/tags/script-alert-8-script/", "/tags/onclick-alert-9/"} {
		v := load(t, browser, base+p)
		if len(v.dialogs) > 0 {
			t.Errorf("%s: injected script ran: %v", p, v.dialogs)
		}
		if len(v.errors) > 0 {
			t.Errorf("%s: errors in the console: %v", p, v.errors)
		}
	}
	// The same page with raw HTML allowed opens dialogs: this test sees
	// injected script when it runs.
	baseYAML := testkit.ReadFile(t, testkit.Fixture(t, "small"), "site.yaml")
	unsafe := serve(t, buildXSS(t, baseYAML+"markup:\n  unsafeHTML: true\n"), "")
	if v := load(t, browser, unsafe+"/tin-tuc/xss/"); len(v.dialogs) == 0 {
		t.Error("with unsafeHTML the hostile page opened no dialog: the browser check is blind")
	}
}

// An SVG with an inline script, opened directly (someone shares its
// address), runs that script on the site's origin unless the server's
// policy forbids it. The build refuses such files (the static-svg-script
// case), and the policy in static/_headers (and nginx.conf) blocks them
// where one arrives by another way. The file is served here as it is,
// unbuilt: without the policy the alert fires, which shows this test would
// see it.
func TestSVGScriptBlockedByPolicy(t *testing.T) {
	testkit.Chromium(t)
	dir := "testdata/cases/static-svg-script/static"
	browser := startChromium(t)
	const svg = "/img/bieu-tuong.svg"
	if v := load(t, browser, serve(t, dir, "")+svg); len(v.dialogs) == 0 {
		t.Errorf("%s without a policy: no dialog, so this test cannot see a script run", svg)
	}
	csp := sitePolicy(t)
	if csp == "" {
		t.Skipf("%s is not in this checkout: the policy check is skipped", headersFile)
	}
	if v := load(t, browser, serve(t, dir, csp)+svg); len(v.dialogs) > 0 {
		t.Errorf("%s with the site's policy: script ran: %v", svg, v.dialogs)
	}
}

// Why a bundle may not publish a script: the site's own policy
// (script-src 'self') lets any script on the site's address run, so an SVG
// or HTML file of a bundle that loads the bundle's x.js runs it even under
// the policy. Served as they are, unbuilt, both open a dialog; the build
// refuses all three files (the bundle-script case).
func TestBundleScriptRunsUnderPolicy(t *testing.T) {
	testkit.Chromium(t)
	csp := sitePolicy(t)
	if csp == "" {
		t.Skipf("%s is not in this checkout", headersFile)
	}
	browser := startChromium(t)
	base := serve(t, "testdata/cases/bundle-script/content/tin-tuc/bai-js", csp)
	for _, f := range []string{"/so-do.svg", "/ban-in.html"} {
		if v := load(t, browser, base+f); len(v.dialogs) == 0 {
			t.Errorf("%s under the site's policy: the bundle's script did not run, so refusing it would prove nothing here", f)
		}
	}
	src, dest := testkit.Site(t, "small", "testdata/cases/bundle-script"), filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(src, dest, true); err == nil {
		t.Fatal("a bundle with a script was published")
	}
}

// The markup page (see TestMarkupPageIsData), in the small site and in the
// portal, opened in Chromium three ways: served with the site's policy
// (where any violation it reports is page markup trying to run), served
// with no policy at all, and as the offline copy from file://, where no
// server sends one. Nothing runs, nothing is blocked, nothing fails. The
// portal's search page, asked for words of the page, shows its text with
// the markup in it as text.
func TestMarkupPageInBrowser(t *testing.T) {
	testkit.Chromium(t)
	csp := sitePolicy(t)
	if csp == "" {
		t.Skipf("%s is not in this checkout", headersFile)
	}
	browser := startChromium(t)
	check := func(where string, v visit) {
		t.Helper()
		if len(v.dialogs)+len(v.errors)+len(v.violations) > 0 {
			t.Errorf("%s: dialogs %q, errors %q, policy violations %q", where, v.dialogs, v.errors, v.violations)
		}
	}
	for _, portal := range []bool{false, true} {
		dest := buildMarkup(t, portal, false)
		for _, policy := range []string{csp, ""} {
			base := serve(t, dest, policy)
			for _, p := range []string{"/tin-tuc/markup/", "/tin-tuc/"} {
				check(fmt.Sprintf("portal=%v policy=%v %s", portal, policy != "", p), load(t, browser, base+p))
			}
		}
		offline := buildMarkup(t, portal, true)
		check(fmt.Sprintf("portal=%v offline", portal), load(t, browser, "file://"+filepath.ToSlash(offline)+"/tin-tuc/markup/index.html"))
	}
	// Not blind: with raw HTML allowed, the page's scripts are what the
	// policy blocks and reports, and what runs without it.
	src, unsafe := testkit.Site(t, "small", markupCase), filepath.Join(t.TempDir(), "unsafe")
	testkit.WriteFile(t, src, "site.yaml", testkit.ReadFile(t, src, "site.yaml")+"markup:\n  unsafeHTML: true\n")
	if _, _, err := buildWith(build.Options{Source: src, Dest: unsafe}); err != nil {
		t.Fatal(err)
	}
	if v := load(t, browser, serve(t, unsafe, csp)+"/tin-tuc/markup/"); len(v.violations) == 0 || len(v.dialogs) > 0 {
		t.Errorf("unsafe page under the policy: violations %q, dialogs %q; want violations only", v.violations, v.dialogs)
	}
	if v := load(t, browser, serve(t, unsafe, "")+"/tin-tuc/markup/"); len(v.dialogs) == 0 {
		t.Error("unsafe page without a policy: no dialog")
	}

	dest := buildMarkup(t, true, false)
	for _, site := range []struct{ name, base string }{
		{"served", serve(t, dest, csp) + "/tim-kiem/"},
		{"offline", "file://" + filepath.ToSlash(buildMarkup(t, true, true)) + "/tim-kiem/index.html"},
	} {
		v, results := search(t, browser, site.base+"?q=alert+onerror")
		check("search "+site.name, v)
		if !strings.Contains(results.Text, "<img src=x onerror=alert(") && !strings.Contains(results.Text, "<script>alert(") {
			t.Errorf("search %s: no result shows the page's markup as text: %q", site.name, results.Text)
		}
		if results.Elements != "" {
			t.Errorf("search %s: results hold elements the results do not make: %s", site.name, results.Elements)
		}
	}
}

// searchResults is what the search page showed: the results' text and the
// elements in them other than those search.js makes.
type searchResults struct {
	Text, Elements string
}

// search opens a search page address in a new tab, waits for the results
// and reads them.
func search(t *testing.T, browser context.Context, url string) (visit, searchResults) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 30*time.Second)
	defer cancelT()
	done := watch(t, ctx)
	var r searchResults
	err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`#search-results li`)))
	if err == nil {
		r.Text, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('search-results').textContent`))
	}
	if err == nil {
		r.Elements, err = chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#search-results *')].map(e => e.tagName.toLowerCase()).filter(n => !['li','h2','a','p','mark'].includes(n)).join(' ')`))
	}
	if err != nil {
		t.Errorf("%s: %v", url, err)
	}
	return done(), r
}

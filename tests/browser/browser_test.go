package browser_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// startBrowser starts one headless Chromium for the test, with a fresh
// profile, and returns a context whose children open tabs in it. The browser
// stops when the test ends.
func startBrowser(t testing.TB, tools gateTools) context.Context {
	t.Helper()
	profile := t.TempDir() // removed after the browser stops: cleanups run last-in first-out
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(tools.chromium),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		// A second guard besides the request interception in each tab, for
		// what interception does not see (preconnects, prefetches): every
		// connection except to 127.0.0.1 goes to a closed local port, so
		// nothing leaves 127.0.0.1. "<-loopback>" ends Chromium's own bypass
		// of the rest of 127.0.0.0/8 and localhost.
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>;127.0.0.1"),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	// The first Do starts the browser; it gets no deadline, since a deadline
	// on the first call would stop the whole browser when it expires.
	start := time.Now()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", tools.chromium, err)
	}
	t.Logf("started %s in %v", tools.chromium, time.Since(start).Round(time.Millisecond))
	return ctx
}

// newTab opens a tab in the browser of browserCtx. The tab closes when the
// returned cancel func is called.
func newTab(browserCtx context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("open tab: %w", err)
	}
	return ctx, cancel, nil
}

package browser_test

import (
	"context"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

const fixturesDir = "testdata/fixtures"

// fixtureCases pairs each fixture page with exactly the findings (check, or
// check:rule for axe) that the gate must report for it: the defect it was
// made with, and nothing else, so a check that fires on good markup fails
// the test too. widths, when set, are the viewport widths the findings of
// that check must come from.
var fixtureCases = []struct {
	page   string
	want   []string
	widths map[string][]int64
}{
	{page: "good.html", want: nil},
	{page: "good-focus-fill.html", want: nil}, // a fill instead of an outline is a visible focus style
	{page: "no-alt.html", want: []string{"axe:image-alt", checkVNU}},
	{page: "low-contrast.html", want: []string{"axe:color-contrast"}},
	{page: "heading-skip.html", want: []string{"axe:heading-order", checkVNU}},
	{page: "invalid-html.html", want: []string{checkVNU}},
	{page: "external-script.html", want: []string{checkConsole, checkExternal}},
	{page: "overflow.html", want: []string{checkOverflow}, widths: map[string][]int64{checkOverflow: {phone.width}}},
	{page: "no-skip-link.html", want: []string{checkSkipLink}},
	{page: "no-focus-style.html", want: []string{checkFocusStyle}},
	{page: "console-error.html", want: []string{checkConsole}},
	{page: "clipped-text.html", want: []string{checkClipped}},
	{page: "nav-no-toggle.html", want: []string{checkNav}, widths: map[string][]int64{checkNav: {phone.width}}},
	{page: "no-viewport.html", want: []string{checkViewport}, widths: map[string][]int64{checkViewport: {phone.width}}},
	{page: "focus-trap.html", want: []string{checkFocusOrder}},
	{page: "skip-link-unfocusable.html", want: []string{checkSkipLink}},
}

// TestGateFixtures proves the gate: the good fixture passes every check and
// each defective fixture is rejected by the check made for its defect.
func TestGateFixtures(t *testing.T) {
	tools := requireTools(t)
	browserCtx := startBrowser(t, tools)

	var pages []string
	for _, c := range fixtureCases {
		pages = append(pages, "/"+c.page)
	}
	files, err := htmlFiles(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(pages) {
		t.Fatalf("%s has %d .html files, the table has %d cases: keep them in step", fixturesDir, len(files), len(pages))
	}
	findings, err := auditSite(t, tools, browserCtx, fixturesDir, pages, siteOptions{
		screenshots: []string{"/good.html", "/overflow.html"},
		prefix:      "fixture-",
	})
	if err != nil {
		t.Fatal(err)
	}
	byPage := map[string][]finding{}
	for _, f := range findings {
		byPage[pagePath(f.Page)] = append(byPage[pagePath(f.Page)], f)
	}

	for _, c := range fixtureCases {
		t.Run(strings.TrimSuffix(c.page, ".html"), func(t *testing.T) {
			got := map[string]bool{}
			for _, f := range byPage["/"+c.page] {
				t.Log(f)
				got[f.key()] = true
				if ws, ok := c.widths[f.Check]; ok && !slices.Contains(ws, f.Width) {
					t.Errorf("%s reported at %dpx, want only at %v", f.Check, f.Width, ws)
				}
			}
			gotKeys := slices.Sorted(maps.Keys(got))
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(gotKeys, want) {
				t.Errorf("findings = %q, want %q", gotKeys, want)
			}
		})
	}
	t.Run("requests-never-leave", func(t *testing.T) { testRequestsNeverLeave(t, tools, browserCtx) })

	for _, name := range []string{"fixture-good-360.png", "fixture-good-1280.png", "fixture-overflow-360.png"} {
		if fi, err := os.Stat(filepath.Join(artifactsDir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("screenshot %s missing or empty: %v", name, err)
		}
	}
}

// pagePath drops the scheme and host of a page URL; vnu findings already
// carry a bare path.
func pagePath(p string) string {
	if i := strings.Index(p, "://"); i >= 0 {
		rest := p[i+3:]
		if j := strings.Index(rest, "/"); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	return p
}

// testRequestsNeverLeave points a page at a listener on another loopback
// address, 127.0.0.2, standing in for a foreign host: the gate must report
// each request, and the listener must see no connection at all.
func testRequestsNeverLeave(t *testing.T, tools gateTools, browserCtx context.Context) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2 to stand in for a foreign host: %v", err)
	}
	var conns atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()
	defer ln.Close()
	foreign := "http://" + ln.Addr().String()

	root := t.TempDir()
	html := `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Yêu cầu ra ngoài</title>
<link rel="preconnect" href="` + foreign + `">
<link rel="stylesheet" href="` + foreign + `/a.css">
<script src="` + foreign + `/x.js"></script>
</head><body><main><h1>Yêu cầu ra ngoài</h1>
<img src="` + foreign + `/b.png" alt="Ảnh" width="10" height="10">
<script>fetch("` + foreign + `/api").catch(() => {});</script>
</main></body></html>`
	if err := os.WriteFile(filepath.Join(root, "index.html"), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &pageAudit{axeJS: tools.axeJS, url: serveDir(t, root) + "/"}
	fs, err := a.run(browserCtx)
	if err != nil {
		t.Fatal(err)
	}
	blocked := map[string]bool{}
	for _, f := range fs {
		if f.Check == checkExternal {
			t.Log(f)
			for _, p := range []string{"/a.css", "/x.js", "/b.png", "/api"} {
				if strings.Contains(f.Detail, foreign+p+" ") {
					blocked[p] = true
				}
			}
		}
	}
	if len(blocked) != 4 {
		t.Errorf("external requests reported for %v, want /a.css /x.js /b.png /api", slices.Sorted(maps.Keys(blocked)))
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("the stand-in foreign host got %d connections, want 0", n)
	}
}

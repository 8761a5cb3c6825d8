package browser_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

package browser_test

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testkit"
)

// TestPortalPageOutOfForce runs the whole gate over what only a page no
// longer in force shows — its banner, and the archive block of its
// section's list — in a copy of the portal with one such document (the
// portal itself marks none).
func TestPortalPageOutOfForce(t *testing.T) {
	tools := requireTools(t)
	src := testkit.Portal(t)
	testkit.WriteFile(t, src, testkit.OldDecreeFile, testkit.OldDecree)
	basePath, err := siteBasePath(filepath.Join(src, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	base := "http://" + ln.Addr().String() + basePath
	dest := t.TempDir()
	if err := buildPortalFrom(t, src, dest, base+"/"); err != nil {
		t.Fatal(err)
	}
	page, list := "/van-ban/nghi-dinh-cu/", "/van-ban/"
	for file, want := range map[string]string{
		"van-ban/nghi-dinh-cu/index.html": "tinh-trang-hieu-luc", // the banner
		"van-ban/index.html":              "nghi-dinh-cu",        // the archive lists it
	} {
		if got := testkit.ReadFile(t, dest, file); !strings.Contains(got, want) {
			t.Fatalf("%s lacks %q: the page under test is not what it should be", file, want)
		}
	}
	serveListener(t, ln, dest, basePath)
	browserCtx := startBrowser(t, tools)
	findings, err := auditSite(t, tools, browserCtx, dest, []string{page, list}, siteOptions{
		screenshots: []string{page, list},
		prefix:      "het-hieu-luc-",
		serve:       func(testing.TB, string) string { return base },
		report:      func(f finding) { t.Error(f) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d findings", len(findings))
}

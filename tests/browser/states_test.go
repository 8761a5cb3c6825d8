package browser_test

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testkit"
)

// TestPortalPageOutOfForce runs the whole gate over what only pages no
// longer in force show — the banner, the notice of one that soon will be,
// the archive block of their section's list, the note beside them in a
// tag's list and the site map — in a copy of the portal with two such
// documents (the portal itself marks none).
func TestPortalPageOutOfForce(t *testing.T) {
	tools := requireTools(t)
	src := testkit.Portal(t)
	testkit.WriteFile(t, src, testkit.OldDecreeFile, testkit.OldDecree)
	soon := strings.Replace(testkit.OldDecree, "ngay_het_hieu_luc: 2025-07-01", "ngay_het_hieu_luc: 2099-07-01", 1)
	testkit.WriteFile(t, src, "content/van-ban/nghi-dinh-sap-het.md", strings.Replace(soon, "đã hết hiệu lực", "sắp hết hiệu lực", 1))
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
	pages := []string{"/van-ban/nghi-dinh-cu/", "/van-ban/nghi-dinh-sap-het/", "/van-ban/", "/tags/van-ban/", "/so-do-trang/"}
	for file, want := range map[string]string{
		"van-ban/nghi-dinh-cu/index.html":      "tinh-trang-hieu-luc", // the banner
		"van-ban/nghi-dinh-sap-het/index.html": "Sắp hết hiệu lực",    // the notice
		"van-ban/index.html":                   "nghi-dinh-cu",        // the archive lists it
		"tags/van-ban/index.html":              "Hết hiệu lực từ",     // the note in a list
	} {
		if got := testkit.ReadFile(t, dest, file); !strings.Contains(got, want) {
			t.Fatalf("%s lacks %q: the page under test is not what it should be", file, want)
		}
	}
	serveListener(t, ln, dest, basePath)
	browserCtx := startBrowser(t, tools)
	findings, err := auditSite(t, tools, browserCtx, dest, pages, siteOptions{
		screenshots: pages[:3],
		prefix:      "het-hieu-luc-",
		serve:       func(testing.TB, string) string { return base },
		report:      func(f finding) { t.Error(f) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d findings", len(findings))
}

package browser_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/internal/testkit"
)

func TestFindToolsNamesWhatIsMissing(t *testing.T) {
	_, err := findTools(t.TempDir())
	if err == nil {
		t.Fatal("findTools in an empty folder: no error")
	}
	for _, want := range []string{"axe-core not installed", "vnu-jar not installed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error spans lines: %q", err)
	}
}

func TestIsLocal(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:8080/a.css":     true,
		"ws://127.0.0.1:1313/livereload":  true,
		"data:image/png;base64,AAAA":      true,
		"blob:http://127.0.0.1:1/uuid":    true,
		"about:blank":                     true,
		"http://203.0.113.1/x.js":         false,
		"https://fonts.example.com/a.css": false,
		"http://localhost:8080/":          false, // only the address the gate serves on
		"http://127.0.0.2/":               false,
		"wss://example.org/socket":        false,
		"ftp://127.0.0.1/":                false,
		"::not a url":                     false,
	} {
		if got := isLocal(raw); got != want {
			t.Errorf("isLocal(%q) = %v, want %v", raw, got, want)
		}
	}
}

func TestVNUPage(t *testing.T) {
	for _, tc := range []struct{ root, url, want string }{
		{"/tmp/site", "file:/tmp/site/index.html", "/index.html"},
		{"/tmp/site", "file:/tmp/site/ve-papi/index.html", "/ve-papi/index.html"},
		{"/tmp/site", "file:/other/x.html", "/other/x.html"},
		{"/tmp/site", "http://example.org/", "http://example.org/"},
	} {
		if got := vnuPage(tc.root, tc.url); got != tc.want {
			t.Errorf("vnuPage(%q, %q) = %q, want %q", tc.root, tc.url, got, tc.want)
		}
	}
}

func TestNames(t *testing.T) {
	for page, want := range map[string]string{
		"/": "home", "/ve-papi/": "ve-papi", "/van-ban/ke-hoach/": "van-ban_ke-hoach",
		"/404.html": "404", "good.html": "good",
	} {
		if got := screenshotName(page); got != want {
			t.Errorf("screenshotName(%q) = %q, want %q", page, got, want)
		}
	}
	for in, want := range map[string]string{
		"http://127.0.0.1:4000/good.html": "/good.html",
		"http://127.0.0.1:4000":           "/",
		"/invalid-html.html":              "/invalid-html.html",
	} {
		if got := pagePath(in); got != want {
			t.Errorf("pagePath(%q) = %q, want %q", in, got, want)
		}
	}
	if got := pageURL("http://127.0.0.1:1/papi", "/ve-papi/"); got != "http://127.0.0.1:1/papi/ve-papi/" {
		t.Errorf("pageURL = %q", got)
	}
}

func TestDedupe(t *testing.T) {
	a := finding{Check: checkConsole, Page: "p", Detail: "x"}
	b := finding{Check: checkOverflow, Page: "p", Width: 360, Detail: "y"}
	c := finding{Check: checkOverflow, Page: "p", Width: 1280, Detail: "y"}
	got := dedupe([]finding{a, b, a, c, b})
	if want := []finding{a, b, c}; !slices.Equal(got, want) {
		t.Errorf("dedupe = %v, want %v", got, want)
	}
}

func TestSitePages(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"index.html":                  "<!DOCTYPE html><title>Trang chủ</title>",
		"ve-papi/index.html":          "<!DOCTYPE html><title>Về PAPI</title>",
		"van-ban/ke-hoach/index.html": "<!DOCTYPE html><title>Kế hoạch</title>",
		"404.html":                    "<!DOCTYPE html><title>Không tìm thấy</title>",
		"cu/index.html":               `<!DOCTYPE html><meta http-equiv="refresh" content="0; url=/ve-papi/">`,
		"css/style.css":               "body{}",
	}
	testkit.WriteFiles(t, root, files)
	got, err := sitePages(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/", "/404.html", "/van-ban/ke-hoach/", "/ve-papi/"}
	if !slices.Equal(got, want) {
		t.Errorf("sitePages = %q, want %q", got, want)
	}
	shots := portalScreenshots(got)
	if wantShots := []string{"/", "/404.html", "/van-ban/ke-hoach/", "/ve-papi/"}; !slices.Equal(shots, wantShots) {
		t.Errorf("portalScreenshots = %q, want %q", shots, wantShots)
	}
}

func TestSiteBasePath(t *testing.T) {
	for yml, want := range map[string]string{
		"title: x\nbaseURL: \"https://example.org/papi/\"\n": "/papi",
		"baseURL: https://example.org/\n":                    "",
		"baseURL: https://example.org\n":                     "",
		"title: no base\n":                                   "",
	} {
		p := filepath.Join(t.TempDir(), "site.yaml")
		if err := os.WriteFile(p, []byte(yml), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := siteBasePath(p)
		if err != nil {
			t.Fatalf("siteBasePath(%q): %v", yml, err)
		}
		if got != want {
			t.Errorf("siteBasePath(%q) = %q, want %q", yml, got, want)
		}
	}
	if _, err := siteBasePath(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("siteBasePath of a missing file: no error")
	}
}

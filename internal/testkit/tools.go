package testkit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// How to get the tools from outside Go that some tests need; .ci/run runs
// both scripts before the tests.
const (
	InstallBrowserTools = "install with `bash scripts/install-browser-deps.sh`"
	InstallPublishTools = "install with `bash scripts/install-publish-deps.sh`"
)

// ChromiumPath is where Debian's chromium package puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// Need starts a test that needs something from outside Go: a browser,
// Node.js, Java, nginx, the right to mount. what names it; missing says
// why it is not usable here, nil when it is; fix says how to get it.
//
// Go's convention holds: `go test -short` skips these tests. Without
// -short a missing tool fails the test, with one line naming what is
// missing, how to get it and that -short skips: a skip alone would not
// show, since go test prints nothing of a package that passes. Under
// CI=true a missing tool fails even with -short: CI installs them all.
func Need(t testing.TB, what string, missing error, fix string) {
	t.Helper()
	if missing != nil && (!testing.Short() || os.Getenv("CI") == "true") {
		t.Fatalf("%s: %v; %s, or run `go test -short ./...` to skip the tests that need tools from outside Go", what, missing, fix)
		return
	}
	if testing.Short() {
		t.Skipf("%s: skipped with -short", what)
	}
}

// Chromium returns the browser's path, or ends the test as Need says.
func Chromium(t testing.TB) string {
	t.Helper()
	var missing error
	if st, err := os.Stat(ChromiumPath); err != nil || st.IsDir() {
		missing = fmt.Errorf("%s not found", ChromiumPath)
	}
	Need(t, "Chromium", missing, InstallBrowserTools)
	return ChromiumPath
}

// Program returns the path of the first of names found on PATH or in the
// system folders (where Debian puts nginx), or ends the test as Need says.
func Program(t testing.TB, fix string, names ...string) string {
	t.Helper()
	path := ""
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			path = p
			break
		}
		for _, dir := range []string{"/usr/sbin", "/usr/local/sbin", "/sbin"} {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				path = p
				break
			}
		}
		if path != "" {
			break
		}
	}
	var missing error
	if path == "" {
		missing = fmt.Errorf("%s not found on PATH", names[0])
	}
	Need(t, names[0], missing, fix)
	return path
}

// PortalBinary builds cmd/portal into a fresh folder and returns the
// program's path, for tests that run the command as a user does.
func PortalBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "portal")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/portal")
	cmd.Dir = Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/portal: %v\n%s", err, out)
	}
	return bin
}

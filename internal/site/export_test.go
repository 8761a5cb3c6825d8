package site

import "testing"

// What the external tests (package site_test, which may import output:
// output imports site) need of the package's insides.
var HasScheme = hasScheme

// MustSite is mustSite for the external tests: the page graph of files
// (path → text) in the default site, served under /papi/.
func MustSite(tb testing.TB, files map[string]string) *Site {
	tb.Helper()
	return mustSite(tb, "", files, Options{})
}

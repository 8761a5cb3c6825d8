package site

// What the external tests (package site_test, which may import output:
// output imports site) need of the package's insides.
var (
	HasScheme = hasScheme
	FixedNow  = now
)

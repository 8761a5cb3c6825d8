package output

import "testing"

// TestResolveHeaders pins the _headers semantics the parity check relies
// on: every matching rule applies, values of one header add up, and
// "! Name" drops what earlier rules set.
func TestResolveHeaders(t *testing.T) {
	rules, err := ParseHeaders([]byte("# comment\n/*\n  X-A: 1\n  Cache-Control: short\n/css/*\n  ! Cache-Control\n  Cache-Control: long\n/x/*\n  Cache-Control: more\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, header, want string }{
		{"/", "Cache-Control", "short"},
		{"/css/style.1234567890.css", "Cache-Control", "long"},
		{"/css/style.1234567890.css", "X-A", "1"},
		{"/x/y", "Cache-Control", "short, more"},
	} {
		if got := ResolveHeaders(rules, c.path)[c.header]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.path, c.header, got, c.want)
		}
	}
	for _, bad := range []string{"  X-A: 1\n", "/a\nX-A: 1\n", "/a\n  X-A:\n", "/*/*\n  X-A: 1\n"} {
		if _, err := ParseHeaders([]byte(bad)); err == nil {
			t.Errorf("ParseHeaders(%q) accepted a malformed file", bad)
		}
	}
}

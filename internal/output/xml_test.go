package output

import "testing"

func TestURIOf(t *testing.T) {
	for _, c := range [][2]string{
		{"https://example.org/tin-tuc/bai-mot/", "https://example.org/tin-tuc/bai-mot/"},
		{"https://example.org/tin-tuc/漢字/", "https://example.org/tin-tuc/%E6%BC%A2%E5%AD%97/"},
		{"https://example.org/a b/\"x\"/", "https://example.org/a%20b/%22x%22/"},
		{"https://example.org/da%20co/", "https://example.org/da%20co/"},
		{"https://example.org/cổng/", "https://example.org/c%E1%BB%95ng/"},
	} {
		if got := uriOf(c[0]); got != c[1] {
			t.Errorf("uriOf(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

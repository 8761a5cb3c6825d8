package render

import (
	"strings"
	"testing"
)

// fieldsSummary is summarize's definition: the first n of strings.Fields.
func fieldsSummary(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + "…"
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"", 3, ""},
		{"   ", 3, "   "},
		{"một hai ba", 3, "một hai ba"},
		{"một hai ba ", 3, "một hai ba "},
		{"  một\thai\n\nba bốn", 3, "một hai ba…"},
		{"một\u00a0hai\u2003ba bốn năm", 2, "một hai…"},
		{"Chỉ số PAPI", 0, "…"},
	}
	for _, tt := range tests {
		if got := summarize(tt.in, tt.n); got != tt.want {
			t.Errorf("summarize(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func FuzzSummarize(f *testing.F) {
	f.Add("Kế hoạch nâng cao  Chỉ số\tPAPI năm 2023 ", 3)
	f.Add("\u2028a\u0085b c", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 50 {
			return
		}
		if got, want := summarize(s, n), fieldsSummary(s, n); got != want {
			t.Errorf("summarize(%q, %d) = %q, strings.Fields gives %q", s, n, got, want)
		}
	})
}

package markdown

import (
	"strings"
	"testing"
)

// countWords must agree with strings.Fields, which decodes every rune:
// Vietnamese, every kind of Unicode space, and broken UTF-8.
func TestCountWords(t *testing.T) {
	for _, s := range []string{
		"",
		"   ",
		"một",
		"Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh",
		"a\u00a0b\u0085c\u1680d\u2000e\u200af\u2028g\u2029h\u202fi\u205fj\u3000k",
		"nbsp\u00a0\u00a0đôi",
		"zero\u200bwidth", // U+200B is not a space
		"ẹ\u1ea0\u1ef9 \u00e9",
		"\xc3 \xe1\x9a \xe2\x80", // lead bytes cut short before a space
		"\xff\xfe  \x80\x80 x",
		"tab\tnew\nline\r\nvt\vff\f",
		"\xe1\x9a\x80split\xe1\x9a\x80", // U+1680 OGHAM SPACE MARK
		"“trích dẫn” – gạch … hết",      // E2 punctuation, no space
		"cuối\xe2\x80",                  // E2 cut short at the end
		"a\xe2\x80\xafb",                // U+202F after E2 punctuation-like bytes
		"\u201c\u2009\u201d",            // thin space between quotes
	} {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzCountWords(f *testing.F) {
	f.Add("Người dân tham gia thế nào?")
	f.Add("\xe2\x80\xa8 \xc2")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}

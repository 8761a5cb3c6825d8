package textutil

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestStripBidi(t *testing.T) {
	for _, c := range []struct {
		in, out string
		first   rune
	}{
		{"/tin-tuc/bai-mot/", "/tin-tuc/bai-mot/", 0},
		{"/tai-lieu\u202Efdp.exe/", "/tai-lieufdp.exe/", 0x202E},
		{"\u2066a\u2069b\u200Ec\u200Fd\u061Ce\u202Af\u202Bg\u202Ch\u202Di\u2067j\u2068", "abcdefghij", 0x2066},
		// Zero-width joiners and spaces are not bidi controls: they are
		// Slugify's and the cleaning's concern.
		{"a\u200Db", "a\u200Db", 0},
	} {
		out, first := StripBidi(c.in)
		if out != c.out || first != c.first {
			t.Errorf("StripBidi(%+q) = %+q, %U; want %+q, %U", c.in, out, first, c.out, c.first)
		}
	}
}

func TestMixedScriptWord(t *testing.T) {
	for _, c := range []struct {
		in         string
		word, a, b string
		mixed      bool
	}{
		{"bai-mot.md", "", "", "", false},
		{"bài-việt-đồng-ý.md", "", "", "", false},
		{norm.NFD.String("Nghị định 42 Đồng Tháp.md"), "", "", "", false},
		{"b\u0430i-mot.md", "b\u0430i", "La-tinh", "Kirin", true},
		{"tin-tuc/\u0440\u0430\u0440i", "\u0440\u0430\u0440i", "Kirin", "La-tinh", true},
		{"ke-hoach-\u03bfn", "\u03bfn", "Hy Lạp", "La-tinh", true},
		// Words of one other script each are fine, so is a name of
		// several such words.
		{"москва-hà-nội", "", "", "", false},
		{"東京とうきょう", "", "", "", false},
		{"2024年", "", "", "", false},
	} {
		w, a, b, ok := MixedScriptWord(c.in)
		if w != c.word || a != c.a || b != c.b || ok != c.mixed {
			t.Errorf("MixedScriptWord(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", c.in, w, a, b, ok, c.word, c.a, c.b, c.mixed)
		}
	}
}

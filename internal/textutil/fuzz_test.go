package textutil

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// latinEditorInput reports text made only of what editors type on
// Vietnamese, European and phone keyboards: ASCII, Latin-1, Latin
// Extended-A and Latin Extended Additional (where Vietnamese lives),
// combining marks, spaces and punctuation.
func latinEditorInput(s string) bool {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xA0 && r <= 0x17F, r >= 0x1E00 && r <= 0x1EFF:
		case unicode.Is(unicode.Mn, r), unicode.IsSpace(r), unicode.IsPunct(r):
		default:
			return false
		}
	}
	return true
}

// FuzzSlugify checks the properties every URL and heading id relies on.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Nghị định 42/2022/NĐ-CP", "Mục đích, yêu cầu", "  --a--  ", "Đồng", "Ø Łódź Straße",
		"Kế\u200b hoạch", "Tiếng Việt (NFD) Mu\u0323c", "日本語 テスト", "", "-", "a--b", "İstanbul ǅ ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Slugify(%q) = %q: invalid UTF-8", s, got)
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slugify(%q) = %q: stray hyphen", s, got)
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify not idempotent: %q → %q → %q", s, got, again)
		}
		for _, r := range got {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("Slugify(%q) = %q: holds %q", s, got, r)
			}
		}
		if utf8.ValidString(s) && latinEditorInput(s) {
			for _, r := range got {
				if r >= utf8.RuneSelf {
					t.Fatalf("Slugify(%q) = %q: not ASCII for Latin input (%q)", s, got, r)
				}
			}
		}
		if f := Fold(s); Fold(f) != f {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, f, Fold(f))
		}
	})
}

// FuzzCleanInput checks that what CleanInput accepts is valid NFC UTF-8
// without a BOM or carriage return, and that it never panics.
func FuzzCleanInput(f *testing.F) {
	for _, s := range []string{"---\r\ntitle: a\r\n---\r\n", "\xef\xbb\xbf---\n", "M\xf5c", "a\rb", "Mu\u0323c\u0323"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := CleanInput(append([]byte(nil), b...))
		if err != nil {
			ie, ok := err.(*InputError)
			if !ok || ie.Line < 1 || ie.Line > strings.Count(string(b), "\n")+strings.Count(string(b), "\r")+1 {
				t.Fatalf("CleanInput(%q): bad error %v", b, err)
			}
			return
		}
		if !utf8.Valid(out) || strings.ContainsRune(string(out), '\r') || strings.HasPrefix(string(out), "\ufeff") {
			t.Fatalf("CleanInput(%q) = %q", b, out)
		}
	})
}

// Found by FuzzSlugify: Latin letters without a decomposition stayed in
// URLs, and text after an invalid byte kept its diacritics.
func TestSlugifyFuzzFindings(t *testing.T) {
	for in, want := range map[string]string{
		"Ø Łódź Straße":   "o-lodz-strasse",
		"Œuvre Þórr Æsir": "oeuvre-thorr-aesir",
		"\xf2Ӝ":           "ж",
		"Mục \xffđích":    "muc-dich",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

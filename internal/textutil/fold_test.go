package textutil

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestFoldStableRunes checks what foldStable relies on for every stable
// character: its decomposition starts with a character of combining class
// 0, and the table holds its fold.
func TestFoldStableRunes(t *testing.T) {
	for _, r := range stableRunes() {
		s := string(r)
		if p := norm.NFD.PropertiesString(s); p.LeadCCC() != 0 {
			t.Errorf("%U decomposes to a first character of class %d", r, p.LeadCCC())
		}
		if got, want := stableFolds()[stableIndex(r)], foldSlow(s); got != want {
			t.Errorf("table fold of %U = %q, want %q", r, got, want)
		}
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%U) = %q, want %q", r, got, want)
		}
	}
}

// TestFoldStablePairs folds every pair of stable characters both ways.
func TestFoldStablePairs(t *testing.T) {
	if testing.Short() {
		t.Skip("1.5 million pairs")
	}
	rs := stableRunes()
	buf := make([]byte, 0, 8)
	for _, a := range rs {
		for _, b := range rs {
			buf = utf8.AppendRune(utf8.AppendRune(buf[:0], a), b)
			if got, want := Fold(string(buf)), foldSlow(string(buf)); got != want {
				t.Fatalf("Fold(%U %U) = %q, want %q", a, b, got, want)
			}
		}
	}
}

// TestFoldRandom compares Fold with its definition on random text mixing
// stable characters, marks, other scripts and invalid bytes.
func TestFoldRandom(t *testing.T) {
	pieces := []string{"a", "Z", " ", "-", "Đ", "đ", "Ạ", "ậ", "Ế", "ư", "Ơ", "ă", "É", "ß", "Ø", "Ł", "ǅ", "İ", "ı", "ſ", "ẞ", "ẜ", "Ỻ", "—", "“", "₫", "‰",
		"\u0301", "\u0323", "\u0302", "\u031B", "\u0345", "\u0344", "\u212A", "\u212B", "Ω", "ά", "Ѐ", "日", "가", "\u200b", "\ufeff", "\U0001F600", "\xff", "\xe1\xbb"}
	r := rand.New(rand.NewPCG(13, 14))
	var b []byte
	for range 100000 {
		b = b[:0]
		for range r.IntN(8) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if got, want := Fold(string(b)), foldSlow(string(b)); got != want {
			t.Fatalf("Fold(%+q) = %q, want %q", b, got, want)
		}
	}
}

// FuzzFold compares Fold with its definition.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đồng", "Nghị định 42/2022/NĐ-CP", "Ạ\u0301", "İ", "a\xffb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

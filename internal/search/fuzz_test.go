package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"portal/internal/textutil"
)

// FuzzTokenize checks the normalisation the index and search.js share:
// folding is idempotent, a token's folded form is the fold of its exact
// form, and tokenizing the exact forms again gives the same tokens, so a
// query typed as the index spells it finds it.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Chỉ số PAPI năm 2023", "Đồng dong ĐỒNG", "Mu\u0323c đi\u0301ch", "NĐ-CP 42/2022", "a\u00a0b\tc",
		"日本語テキスト", "x\u200by", "ǅemal ﬁle", "İI ı", "ꞵ ẞ ß", "\xffđ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		var exact []string
		for _, tok := range toks {
			if tok.Exact == "" || !utf8.ValidString(tok.Exact) {
				t.Fatalf("Tokenize(%q): empty or invalid token %q", s, tok.Exact)
			}
			if tok.Folded != textutil.Fold(tok.Exact) {
				t.Fatalf("Tokenize(%q): Folded %q is not Fold(%q)", s, tok.Folded, tok.Exact)
			}
			if textutil.Fold(tok.Folded) != tok.Folded {
				t.Fatalf("Fold not idempotent on %q: %q", tok.Folded, textutil.Fold(tok.Folded))
			}
			if again := MakeToken(tok.Exact); again != tok {
				t.Fatalf("MakeToken not idempotent: %+v → %+v", tok, again)
			}
			exact = append(exact, tok.Exact)
		}
		again := Tokenize(strings.Join(exact, " "))
		if len(again) != len(toks) {
			t.Fatalf("Tokenize(%q) = %v; tokenizing its tokens gives %v", s, toks, again)
		}
		for i := range again {
			if again[i] != toks[i] {
				t.Fatalf("Tokenize(%q): token %d %+v became %+v", s, i, toks[i], again[i])
			}
		}
	})
}

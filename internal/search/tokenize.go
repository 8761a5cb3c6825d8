package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"portal/internal/textutil"
)

// Token is one syllable of text in its two indexed forms.
type Token struct {
	Exact  string // NFC, lower case, diacritics kept: "đồng"
	Folded string // textutil.Fold of Exact: "dong"
}

// isWordRune reports whether r belongs to a syllable. It mirrors the class
// [\p{L}\p{N}\p{M}] that search.js uses, so Go and the browser split text
// identically; marks are included so decomposed (NFD) text stays whole.
func isWordRune(r rune) bool {
	if uint32(r) < wordTableSize {
		return wordTable[r>>6]&(1<<(r&63)) != 0
	}
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
}

// wordTableSize covers Latin, its combining marks and Latin Extended
// Additional (the precomposed Vietnamese letters, U+1E00–U+1EFF).
const wordTableSize = 0x2000

// wordTable caches isWordRune for the runes below wordTableSize; it is
// computed once and never written again.
var wordTable = func() (t [wordTableSize / 64]uint64) {
	for r := rune(0); r < wordTableSize; r++ {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// MakeToken normalises one raw syllable: NFC and lower case for the exact
// form, Fold for the folded form.
func MakeToken(raw string) Token {
	exact := norm.NFC.String(strings.ToLower(raw))
	return Token{Exact: exact, Folded: textutil.Fold(exact)}
}

// Tokenize splits s into syllables (runs of letters, digits and marks) and
// normalises each one. It is what search.js does to the query.
func Tokenize(s string) []Token {
	var out []Token
	scan(s, func(raw string, _ bool) { out = append(out, MakeToken(raw)) })
	return out
}

// scan calls fn for every raw syllable of s, in order. brk is true when the
// text between this syllable and the previous one holds anything other than
// plain spaces (punctuation, a line break): a phrase must not span it.
func scan(s string, fn func(raw string, brk bool)) {
	start := -1
	brk := false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else {
			if start >= 0 {
				fn(s[start:i], brk)
				start = -1
				brk = false
			}
			if r != ' ' && r != '\u00a0' && r != '\t' {
				brk = true
			}
		}
		i += size
	}
	if start >= 0 {
		fn(s[start:], brk)
	}
}

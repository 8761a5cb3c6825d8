// Package textutil holds the Vietnamese-aware text helpers every stage shares:
// input normalisation, diacritic folding and slugs.
package textutil

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and removes every diacritic, mapping đ/Đ to d, so that
// "Đồng" and "dong" compare equal. Ð/ð (U+00D0/U+00F0, the eth that old
// Vietnamese encodings and their converters put for Đ, which looks the
// same) fold to d as well. The result is ASCII wherever the input is
// Latin; other scripts keep their letters, lower-cased.
func Fold(s string) string {
	if f, ok := foldStable(s); ok {
		return f
	}
	return foldSlow(s)
}

// foldSlow is Fold by its definition: decompose, drop the marks, lower.
func foldSlow(s string) string {
	if !utf8.ValidString(s) {
		// NFD leaves the text after an invalid byte undecomposed, so its
		// diacritics would survive; content is valid by now, other callers
		// (URLs from a browser) may not be.
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
			b.WriteByte('d')
		case unicode.Is(unicode.Mn, r):
			// combining mark: a diacritic, dropped
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// stableFolds holds Fold of each nfcStable character, indexed as
// stableIndex does; it is computed once, from foldSlow.
var stableFolds = sync.OnceValue(func() []string {
	t := make([]string, 0, 0x300+0x100+0xC0)
	for _, rg := range [][2]rune{{0, 0x2FF}, {0x1E00, 0x1EFF}, {0x2010, 0x20CF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			t = append(t, foldSlow(string(r)))
		}
	}
	return t
})

// stableIndex is the position of an nfcStable character in stableFolds.
func stableIndex(r rune) int {
	switch {
	case r < 0x300:
		return int(r)
	case r < 0x1F00:
		return 0x300 + int(r-0x1E00)
	}
	return 0x400 + int(r-0x2010)
}

// foldStable folds text made only of nfcStable characters one character
// at a time: each decomposes to a base of combining class 0 and its marks,
// so the decomposition of the text is that of its characters end to end
// and nothing is reordered across them. ok is false for any other text.
func foldStable(s string) (string, bool) {
	var folds []string
	var b []byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		// An invalid byte decodes as U+FFFD, which is not nfcStable.
		r, size := utf8.DecodeRuneInString(s[i:])
		if !nfcStable(r) {
			return "", false
		}
		if folds == nil {
			folds = stableFolds()
			b = slices.Grow(b, len(s))
		}
		b = append(b, folds[stableIndex(r)]...)
		i += size
	}
	return string(b), true
}

// Slugify folds s and joins its runs of letters and digits with single
// hyphens: "Nghị định 42/2022/NĐ-CP" becomes "nghi-dinh-42-2022-nd-cp".
// Zero-width and control characters are dropped, never turned into hyphens.
func Slugify(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	pendingDash := false
	for _, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			if a, ok := latinLetters[r]; ok {
				b.WriteString(a)
			} else {
				b.WriteRune(r)
			}
		case unicode.IsSpace(r):
			// tabs and line breaks separate words, as spaces do
			pendingDash = true
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			// format characters (zero-width space, joiners, BOM) are invisible:
			// an editor cannot see them, so they must not shape the URL
		default:
			pendingDash = true
		}
	}
	return b.String()
}

// latinLetters spells in ASCII the Latin letters that have no diacritic to
// strip (Unicode does not decompose them), so that a URL typed on any
// European keyboard is ASCII like a Vietnamese one: "Łódź Straße" →
// "lodz-strasse". Fold keeps them: search.js folds the same way it does.
var latinLetters = map[rune]string{
	'ª': "a", 'º': "o", 'ß': "ss", 'æ': "ae", 'ð': "d", 'ø': "o", 'þ': "th",
	'ħ': "h", 'ı': "i", 'ĳ': "ij", 'ĸ': "k", 'ŀ': "l", 'ł': "l", 'ŉ': "n",
	'ŋ': "n", 'œ': "oe", 'ŧ': "t", 'ſ': "s", 'ẜ': "s", 'ẝ': "s", 'ẟ': "d",
	'ỻ': "ll", 'ỽ': "v", 'ỿ': "y", 'µ': "u",
}

// InputError describes text that cannot be accepted as content, with the
// 1-based line where the problem is.
type InputError struct {
	Line int
	Msg  string
}

func (e *InputError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

const bom = "\xef\xbb\xbf"

// CleanInput prepares an editor's file for parsing: it drops the UTF-8 byte
// order marks at its start (a file re-saved by a second tool can carry
// two), turns CRLF and lone CR line ends into LF, rejects invalid UTF-8
// (naming the line) and NFC-normalises the text, because macOS editors save
// decomposed (NFD) Vietnamese that would otherwise slug and search
// differently from the same words typed elsewhere.
func CleanInput(src []byte) ([]byte, error) {
	for bytes.HasPrefix(src, []byte(bom)) {
		src = src[len(bom):]
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	valid, normal := scanUTF8NFC(src)
	if !valid {
		line := 1
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				return nil, &InputError{Line: line, Msg: "văn bản không phải UTF-8 hợp lệ (invalid UTF-8); hãy lưu tệp với mã hoá UTF-8"}
			}
			if r == '\n' {
				line++
			}
			i += size
		}
	}
	if !normal {
		src = norm.NFC.Bytes(src)
	}
	return src, nil
}

// nfcStable reports whether r is one of the characters most text is made
// of (ASCII, Latin-1 and Latin Extended, IPA, spacing modifiers, the
// precomposed Latin letters of Latin Extended Additional where Vietnamese
// lives, general punctuation and currency signs) that are NFC on their own
// (quick check Yes), have combining class 0 and never combine with the
// character before them. A text made only of such characters is NFC, and
// a text splits before any of them into parts that are NFC or not
// independently. TestNFCStable checks every one against the norm package.
func nfcStable(r rune) bool {
	return r < 0x300 || (r >= 0x1E00 && r <= 0x1EFF) || (r >= 0x2010 && r <= 0x20CF)
}

// scanUTF8NFC reports, in one pass, whether src is valid UTF-8 and
// whether it is NFC. Only the stretches of characters other than
// nfcStable ones, from the stable character before them, go to the norm
// package: checking a whole file with it costs several times more.
// normal is meaningless when valid is false.
func scanUTF8NFC(src []byte) (valid, normal bool) {
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c < utf8.RuneSelf:
			if i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
				i += 8
			} else {
				i++
			}
			continue
		case c >= 0xC2 && c <= 0xCB: // U+0080–U+02FF, all stable
			if i+1 < len(src) && src[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
		case c == 0xE1 || c == 0xE2: // U+1000–U+2FFF: no surrogates, no overlongs
			if i+2 < len(src) && src[i+1]&0xC0 == 0x80 && src[i+2]&0xC0 == 0x80 &&
				nfcStable(rune(c&0x0F)<<12|rune(src[i+1]&0x3F)<<6|rune(src[i+2]&0x3F)) {
				i += 3
				continue
			}
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return false, false
		}
		if nfcStable(r) {
			i += size
			continue
		}
		// A stretch of other characters: it starts at the character
		// before (stable, so a boundary, or the start of the text) and
		// ends before the next stable character.
		start := i
		for start > 0 {
			start--
			if src[start]&0xC0 != 0x80 {
				break
			}
		}
		j := i + size
		for j < len(src) && src[j] >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(src[j:])
			if r == utf8.RuneError && size == 1 {
				return false, false
			}
			if nfcStable(r) {
				break
			}
			j += size
		}
		if !norm.NFC.IsNormal(src[start:j]) {
			return utf8.Valid(src[j:]), false
		}
		i = j
	}
	return true, true
}

// DateVN writes t the way Vietnamese readers read a date: "ngày 8 tháng 2
// năm 2023".
func DateVN(t time.Time) string {
	return fmt.Sprintf("ngày %d tháng %d năm %d", t.Day(), int(t.Month()), t.Year())
}

package textutil

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsBidiControl reports the invisible characters that change the order in
// which text is shown: the Arabic letter mark, the left-to-right and
// right-to-left marks, the embeddings and overrides (U+202A–U+202E) and
// the isolates (U+2066–U+2069). In an address, "tai-lieu\u202Efdp.exe"
// shows as "tai-lieuexe.pdf".
func IsBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// StripBidi returns s without its bidi control characters, and the first
// one removed (0 when there was none, and s is returned as is).
func StripBidi(s string) (string, rune) {
	i := strings.IndexFunc(s, IsBidiControl)
	if i < 0 {
		return s, 0
	}
	first, _ := utf8.DecodeRuneInString(s[i:])
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) {
			return -1
		}
		return r
	}, s), first
}

// scriptGroups are the scripts told apart in names, in the order they are
// looked up. The scripts of China, Japan and Korea are one group: a
// Japanese word mixes kanji and kana as a matter of course.
var scriptGroups = []struct {
	name   string
	tables []*unicode.RangeTable
}{
	{"La-tinh", []*unicode.RangeTable{unicode.Latin}},
	{"Kirin", []*unicode.RangeTable{unicode.Cyrillic}},
	{"Hy Lạp", []*unicode.RangeTable{unicode.Greek, unicode.Coptic}},
	{"Armenia", []*unicode.RangeTable{unicode.Armenian}},
	{"Cherokee", []*unicode.RangeTable{unicode.Cherokee}},
	{"Hán–Nhật–Hàn", []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo}},
}

// scriptOf names the script group of letter r.
func scriptOf(r rune) string {
	if r < utf8.RuneSelf {
		return "La-tinh"
	}
	for _, g := range scriptGroups {
		if unicode.In(r, g.tables...) {
			return g.name
		}
	}
	for name, t := range unicode.Scripts {
		// Each letter is in exactly one script, so the map's order does
		// not matter.
		if name != "Common" && name != "Inherited" && unicode.Is(t, r) {
			return name
		}
	}
	return ""
}

// MixedScriptWord finds the first word of s (a run of letters, marks and
// digits) whose letters come from two scripts, such as "bаi" with a
// Cyrillic "а": it looks exactly like the Latin word, so an address made
// from it looks like another page's and leads elsewhere. It returns the
// word and the two scripts. Vietnamese letters, with their diacritics
// precomposed or combining, are all Latin.
func MixedScriptWord(s string) (word, first, second string, ok bool) {
	for i := 0; i < len(s); {
		// Most names are ASCII: nothing to mix.
		if s[i] < utf8.RuneSelf && !isWordByte(s[i]) {
			i++
			continue
		}
		start, end := i, i
		script := ""
		mixed := ""
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				break
			}
			if unicode.IsLetter(r) {
				if sc := scriptOf(r); sc != "" {
					switch {
					case script == "":
						script = sc
					case sc != script && mixed == "":
						mixed = sc
					}
				}
			}
			end += size
		}
		if end == start {
			// A character outside words: skip it.
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if mixed != "" {
			return s[start:end], script, mixed, true
		}
		i = end
	}
	return "", "", "", false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

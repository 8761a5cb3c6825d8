package template

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// htmlReplacerStd is the standard library's htmlReplacer, kept to check
// the fork's faster one against.
func htmlReplacerStd(s string, replacementTable []string, badRunes bool) string {
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

var replacerTables = [][]string{htmlReplacementTable, htmlNormReplacementTable, htmlNospaceReplacementTable, htmlNospaceNormReplacementTable}

func checkReplacer(t *testing.T, s string) {
	t.Helper()
	for ti, table := range replacerTables {
		for _, bad := range []bool{false, true} {
			if got, want := htmlReplacer(s, table, bad), htmlReplacerStd(s, table, bad); got != want {
				t.Errorf("table %d, badRunes %v, %q: got %q, want %q", ti, bad, s, got, want)
			}
		}
	}
}

func TestHTMLReplacerMatchesStd(t *testing.T) {
	for _, s := range []string{
		"", "plain", "Chỉ số Hiệu quả quản trị & hành chính công <cấp tỉnh>",
		"\u00a0\u07ff\u0800\u0fff\u1000\ucfff\ud7ff\ue000\uefff\uf000\ufdd0\ufdef\ufff0\ufffd\uffff\U00010000",
		"\xc2", "\xc2A", "\xe1\xba", "\xe1\xbaA", "\xe1\xba\xa1", "\xed\xa0\x80", "\xef\xbf\xbd", "\xff", "\x80\x80",
		"\xe0\x80\x80", "\xf0\x9f\x98\x80 emoji", "a\x00b", "'\"`=+ \t\n",
	} {
		checkReplacer(t, s)
	}
}

func FuzzHTMLReplacer(f *testing.F) {
	f.Add("Người dân <tham gia> & \"góp ý\"")
	f.Add("\xef\xb7\x90\xe1")
	f.Fuzz(func(t *testing.T, s string) { checkReplacer(t, s) })
}

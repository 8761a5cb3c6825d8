package textutil

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// stableRanges are the ranges nfcStable claims; TestNFCStable checks the
// claim rune by rune and that nfcStable says no just outside them.
var stableRanges = [][2]rune{{0, 0x2FF}, {0x1E00, 0x1EFF}, {0x2010, 0x20CF}}

func stableRunes() []rune {
	var rs []rune
	for _, rg := range stableRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			rs = append(rs, r)
		}
	}
	return rs
}

// TestNFCStable checks, for every rune nfcStable accepts, what the fast
// path relies on, as the norm package sees it: NFC by itself, combining
// class 0, a boundary before it (it never combines with what precedes).
func TestNFCStable(t *testing.T) {
	n := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		inRange := false
		for _, rg := range stableRanges {
			inRange = inRange || (r >= rg[0] && r <= rg[1])
		}
		if nfcStable(r) != inRange {
			t.Fatalf("nfcStable(%U) = %v, want %v", r, nfcStable(r), inRange)
		}
		if !inRange {
			continue
		}
		n++
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("%U: normal %v, ccc %d, boundary before %v", r, norm.NFC.IsNormalString(s), p.CCC(), p.BoundaryBefore())
		}
	}
	if n != 0x300+0x100+0xC0 {
		t.Errorf("checked %d runes", n)
	}
}

// TestNFCStablePairs checks every pair of stable runes (1.5 million): no
// two of them compose or reorder.
func TestNFCStablePairs(t *testing.T) {
	if testing.Short() {
		t.Skip("1.5 million pairs")
	}
	rs := stableRunes()
	buf := make([]byte, 0, 8)
	for _, a := range rs {
		for _, b := range rs {
			buf = utf8.AppendRune(utf8.AppendRune(buf[:0], a), b)
			if !norm.NFC.IsNormal(buf) {
				t.Fatalf("%U %U is not NFC", a, b)
			}
		}
	}
}

// slowCleanCheck is what scanUTF8NFC must answer.
func slowCleanCheck(b []byte) (valid, normal bool) {
	if !utf8.Valid(b) {
		return false, false
	}
	return true, norm.NFC.IsNormal(b)
}

func checkScan(t *testing.T, b []byte) {
	t.Helper()
	valid, normal := scanUTF8NFC(b)
	wantValid, wantNormal := slowCleanCheck(b)
	if valid != wantValid || (valid && normal != wantNormal) {
		t.Fatalf("scanUTF8NFC(%+q) = %v, %v; want %v, %v", b, valid, normal, wantValid, wantNormal)
	}
}

func TestScanUTF8NFC(t *testing.T) {
	for _, s := range []string{
		"", "a", "Việt Nam", "Vie\u0323\u0302t", "Viê\u0323t", // NFD and partly composed
		"e\u0301", "é\u0301", "ạ\u0302", "ậ", "\u0301", "\u0301a", // marks at the start
		"ab\u0323\u0302", "a\u0302\u0323", "a\u0323\u0302", // mark order
		"\u1100\u1161", "\uAC00\u11A8", "가", // Hangul composes
		"\u212B", "\u2000", "Å", "A\u030A", // singletons
		"—–“”…₫", "a—\u0301", "₫\u0301", "ỹ\u0303", "ỹ\u0323", // stable punctuation then marks
		"bad \xff", "ạ\xe1\xbb", "\u0301\xff", "e\u0301\xff", "e\u0301 ok \xc0\x80", // invalid
		"0123456789abcdef\u0301", "0123456789abcdefe\u0301", "01234567\u0301", "0123456\u0301", // after the 8-byte skip
		"01234567890123456789\u0f73xyz", "日本語", "\U0001F600 emoji",
	} {
		checkScan(t, []byte(s))
	}
}

// TestScanUTF8NFCRandom compares the fast scan with utf8.Valid and
// norm.NFC.IsNormal on random text mixing stable runes, ASCII runs,
// combining marks, composing Hangul jamo, singletons, other scripts and
// invalid bytes.
func TestScanUTF8NFCRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{
		"a", "e", "o", "u", "A", " ", "\n", "abcdefghij", "0123456789012345678", // ASCII runs
		"ạ", "ậ", "ế", "ư", "ơ", "đ", "Đ", "ă", "é", "ñ", "ß", "ʼ", "˚", "—", "–", "“", "”", "…", "₫", "‰", // stable
		"\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031B", "\u0323", "\u0345", "\u0344", "\u0340",
		"\u1DC0", "\u20D0", "\u20E1", // combining marks
		"\u1100", "\u1161", "\u11A8", "\uAC00", // Hangul
		"\u212B", "\u2126", "\u2000", "\u2001", "\u0374", "\u037E", "\u0F73", "\u3099", "\u309A", "か", // singletons, others
		"\u1F71", "\u1FBB", "ά", "\u0385", "日", "\U0001D15E", "\U0001F600",
		"\xff", "\xe1\xbb", "\xc0\x80", "\xed\xa0\x80", // invalid
	}
	var b []byte
	for range 200000 {
		b = b[:0]
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		checkScan(t, b)
	}
}

// TestScanUTF8NFCStableThenMark puts every stable rune before combining
// marks: the fast path must hand these to norm.
func TestScanUTF8NFCStableThenMark(t *testing.T) {
	marks := []string{"\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0308", "\u0309", "\u031B", "\u0323", "\u0327", "\u0338", "\u0302\u0323", "\u0323\u0302"}
	var b []byte
	for _, a := range stableRunes() {
		for _, m := range marks {
			for _, pre := range []string{"", "x", "01234567"} {
				b = append(append(utf8.AppendRune(append(b[:0], pre...), a), m...), " tail"...)
				checkScan(t, b)
			}
		}
	}
}

// cleanInputReference is CleanInput as it was before the fast path: the
// fast path must not change any output or error.
func cleanInputReference(src []byte) ([]byte, error) {
	for strings.HasPrefix(string(src), bom) {
		src = src[len(bom):]
	}
	src = []byte(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"))
	if !utf8.Valid(src) {
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
	if !norm.NFC.IsNormal(src) {
		src = norm.NFC.Bytes(src)
	}
	return src, nil
}

// FuzzCleanInputFastPath checks that CleanInput answers exactly as the
// plain definition does.
func FuzzCleanInputFastPath(f *testing.F) {
	for _, s := range []string{"Việt Nam", "Vie\u0323\u0302t\r\n", "ạ\u0302 ok", "\xef\xbb\xbfa\xffb", "가\u11A8", "0123456789abcdefe\u0301"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := CleanInput(append([]byte(nil), b...))
		want, wantErr := cleanInputReference(append([]byte(nil), b...))
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() || string(got) != string(want) {
			t.Fatalf("CleanInput(%q) = %q, %v; want %q, %v", b, got, err, want, wantErr)
		}
	})
}

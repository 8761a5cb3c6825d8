package content

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"portal/internal/testkit"
)

// controlCharReference is controlChar as first written, decoding
// characters; the byte scan must agree with it on any input.
func controlCharReference(b []byte) (int, rune) {
	for i, r := range string(b) {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\f') || (r >= 0x7f && r <= 0x9f) {
			return i, r
		}
	}
	return -1, 0
}

func TestControlChar(t *testing.T) {
	check := func(b []byte) {
		t.Helper()
		i, r := controlChar(b)
		wi, wr := controlCharReference(b)
		if i != wi || r != wr {
			t.Fatalf("controlChar(%q) = %d, %U; want %d, %U", b, i, r, wi, wr)
		}
	}
	for _, s := range []string{"", "Việt Nam\n\tx\f", "a\x00", "a\x01b", "\x1b[0m", "x\x7f", "\u0080", "ạ\u0085", "\u009f", "\u00a0\u00c2",
		"\xc2", "\xc2\x85", "\xe1\xc2\x85", "\xc2\xc2\x85", "\xff\x85", "\x85", "\xf0\x9f\x98", "đ\r"} {
		check([]byte(s))
	}
	pieces := []string{"a", " ", "\n", "\t", "\f", "\r", "\x00", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0", "\xc2", "\xc3", "\xe1", "\xbb",
		"\xff", "ạ", "đ", "—", "\u0085", "\u00a0", "😀", "abcdefghijklmnopq", "Nhiều ý kiến cho rằng ", "0123456\xc2"}
	r := rand.New(rand.NewPCG(11, 12))
	var b []byte
	for range 200000 {
		b = b[:0]
		for range r.IntN(14) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(b)
	}
}

// TestLoadFileReadErrors pins the messages of files that cannot be read
// or are too large, whatever order the checks run in.
func TestLoadFileReadErrors(t *testing.T) {
	loc := hcm(t)
	root := t.TempDir()
	testkit.WriteFile(t, root, "content/a/ok.md", []byte("---\ntitle: \"a\"\n---\nx\n"))
	if err := os.MkdirAll(filepath.Join(root, "content", "a", "dir.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"big.md", "big.pdf"} {
		testkit.WriteFile(t, root, "content/a/"+name, "")
		if err := os.Truncate(filepath.Join(root, "content", "a", name), MaxFileSize+1); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		rel, want string
		size      int64
	}{
		{rel: "a/ok.md", size: 21},
		{rel: "a/missing.md", want: "không đọc được (cannot read): no such file or directory"},
		{rel: "a/missing.pdf", want: "không đọc được (cannot read): no such file or directory"},
		{rel: "a/dir.md", want: "không đọc được (cannot read): is a directory"},
		{rel: "a/big.md", want: "tệp quá lớn (32 MB, tối đa 32 MB) (file too large)"},
		{rel: "a/big.pdf", size: MaxFileSize + 1},
	}
	for _, tc := range tests {
		f, probs := LoadFile(root, tc.rel, loc)
		if tc.want == "" {
			if len(probs) != 0 || f == nil || f.Size != tc.size {
				t.Errorf("%s: %v, %v", tc.rel, f, probs)
			}
			continue
		}
		if f != nil || len(probs) != 1 || probs[0].Msg != tc.want || probs[0].Line != 0 || probs[0].File != "content/"+tc.rel {
			t.Errorf("%s: got %v %v, want %q", tc.rel, f, probs, tc.want)
		}
	}
}

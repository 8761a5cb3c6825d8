package content

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"portal/internal/diag"
	"portal/internal/textutil"
)

// FuzzFrontMatter runs a file through what loading does to it: cleaning,
// splitting off the front matter and decoding it. It must never panic,
// every problem must point at a line of the file, and an accepted page has
// a title.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: \"Kế hoạch\"\ndate: 2023-02-08\ntags: [a, b]\n---\nNội dung.\n",
		"---\r\ntitle: a\r\nweight: 1.5\r\n---\r\n",
		"\xef\xbb\xbf---\ntitle: x\ndraft: \"yes\"\n---\n",
		"---\ntitle: a\ntitle: b\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: [x]\ndate: 08/02/2023\n---\n",
		"---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: t\n---\n",
		"---\ntitle: a\n\tx: 1\n---\n",
		"---\ntitle: t\nurl: /../x/\naliases: [\"//evil\"]\nparams: {a: {b: c}}\n---\n",
		"---\ntitle: t\n",
		"# no front matter\n",
		"---\ntitle: !!binary aGVsbG8=\nexpiryDate: 2023-13-45\n---\n",
	} {
		f.Add([]byte(s))
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		src, err := textutil.CleanInput(raw)
		if err != nil {
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		fmText, body, bodyLine, err := Split(src)
		if err != nil {
			return
		}
		if bodyLine < 2 || bodyLine > lines+1 || len(body) > len(src) {
			t.Fatalf("Split: body line %d of %d lines", bodyLine, lines)
		}
		fm, probs := ParseFrontMatter("content/x.md", fmText, 2, loc)
		bad := false
		for _, p := range probs {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem at line %d of a %d-line file: %v", p.Line, lines, p)
			}
			if !utf8.ValidString(p.Msg) {
				t.Fatalf("message is not UTF-8: %q", p.Msg)
			}
			bad = bad || p.Level == diag.Error
		}
		if fm == nil {
			if !bad {
				t.Fatal("no front matter and no error")
			}
			return
		}
		if !bad && strings.TrimSpace(fm.Title) == "" {
			t.Fatal("page accepted without a title")
		}
	})
}

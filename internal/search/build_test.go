package search

import (
	"fmt"
	"strings"
	"testing"
)

// trickyTexts exercise the escaping and white-space rules of display
// records.
var trickyTexts = []string{
	"",
	"   ",
	"Một hai ba bốn năm sáu bảy tám chín mười",
	"  nhiều   khoảng\n\ntrắng\t\tvà\r\ndòng  ",
	"dấu \"ngoặc\" và \\gạch\\ <thẻ> & ký tự\x01điều khiển\x7f",
	"dòng\u2028mới\u2029đoạn và\u00a0cách\u00a0không\u00a0ngắt",
	"kết thúc bằng dấu phẩy, ; : ,,, tiếp tục văn bản dài hơn nữa",
	"mộtchữrấtdàikhôngcókhoảngtrắngnàocả",
	"byte hỏng \xff\xfe ở giữa câu",
	"“Trích dẫn” — gạch ngang … ba chấm 😀 biểu tượng",
}

func TestAppendJSONString(t *testing.T) {
	in := "a\"b\\c\nd\te<f>g\x7f\u2028\u2029 đồng \xff"
	want := `"a\"b\\c\nd\u0009e\u003cf>g\u007f\u2028\u2029 đồng ` + "\xff" + `"`
	if got := string(appendJSONString(nil, in)); got != want {
		t.Errorf("appendJSONString(%q) = %s, want %s", in, got, want)
	}
}

// TestAppendCutMatchesJSON checks that writing a snippet straight into a
// record gives the bytes of escaping the snippet as a string.
func TestAppendCutMatchesJSON(t *testing.T) {
	for _, s := range trickyTexts {
		for _, n := range []int{0, 1, 3, 5, 8, 12, 20, 40, 100} {
			want := string(appendJSONString(nil, cut(s, n)))
			b := appendCut([]byte(`x"`), s, n, true)
			got := string(append(b, '"')[1:])
			if got != want {
				t.Errorf("appendCut(%q, %d) = %s, want %s", s, n, got, want)
			}
		}
	}
}

func TestIsHeadingSlug(t *testing.T) {
	heads := []string{
		"Mục đích 2: để người dân cùng tham gia!",
		"Kết quả",
		"  ",
		"—",
		"Chỉ số “PAPI” — năm 2023",
		"Ωmega và ĐỒNG",
		"a--b",
		"byte \xff hỏng",
	}
	for _, h := range heads {
		slug := headingSlug(h)
		for _, id := range []string{slug, slug + "-2", "", "x", strings.TrimSuffix(slug, "a"), "-" + slug} {
			if got, want := isHeadingSlug(id, h), id == slug; got != want {
				t.Errorf("isHeadingSlug(%q, %q) = %v, want %v (slug %q)", id, h, got, want, slug)
			}
		}
	}
}

// TestSyllableTable checks the raw-syllable lookup against MakeToken for
// syllables of every length, wherever they sit in the text (the key is
// read differently near the end of a string), and in both tables.
func TestSyllableTable(t *testing.T) {
	ix := newIndexer()
	var syls []string
	for n := 1; n <= 40; n++ {
		for _, base := range []string{"a", "Đ", "ệ", "x"} {
			s := strings.Repeat(base, n)
			for len(s) > n && len([]rune(s)) > n {
				s = string([]rune(s)[:n])
			}
			syls = append(syls, s, s+"b", strings.ToUpper(s))
		}
	}
	for i := range 3000 { // enough to grow the tables
		syls = append(syls, fmt.Sprintf("t%dq", i))
	}
	text := strings.Join(syls, " ")
	for _, s := range syls {
		for _, ctx := range []string{s, s + " " + text, text + " " + s, "(" + s + ")"} {
			i := strings.Index(ctx, s)
			r := ix.ref(ctx, i, i+len(s))
			tok := MakeToken(s)
			te := &ix.terms[r.term]
			if te.folded != tok.Folded {
				t.Fatalf("ref(%q) is term %q, want %q", s, te.folded, tok.Folded)
			}
			if r.variant < 0 || te.variants[r.variant] != tok.Exact {
				t.Fatalf("ref(%q) has exact form %d of %q, want %q", s, r.variant, te.variants, tok.Exact)
			}
		}
	}
	if ix.short.n == 0 || ix.syl.n == 0 || len(ix.long) == 0 {
		t.Errorf("tables used: short %d, 9–16 bytes %d, long %d; want all three", ix.short.n, ix.syl.n, len(ix.long))
	}
}

// TestBuildInputUntouched checks that Build leaves the caller's pages as
// they were, decomposed text included: it normalises copies.
func TestBuildInputUntouched(t *testing.T) {
	nfd := "Đo\u0302\u0300ng go\u0301p"
	docs := []Doc{{URL: "/a/", Title: nfd, Body: nfd + "\n" + nfd, Headings: []Heading{{nfd, "h"}}, Tags: []string{nfd}}}
	if _, err := Build(docs, Options{}); err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Title != nfd || d.Body != nfd+"\n"+nfd || d.Headings[0].Text != nfd || d.Tags[0] != nfd {
		t.Errorf("Build changed its input: %+v", d)
	}
}

// With Consume, Build empties the caller's page bodies (and nothing else)
// and gives the same files as without.
func TestBuildConsume(t *testing.T) {
	mk := func() []Doc {
		var docs []Doc
		for i, s := range trickyTexts {
			s = strings.ToValidUTF8(s, "?")
			docs = append(docs, Doc{URL: fmt.Sprintf("/p%02d/", len(trickyTexts)-i), Title: "Trang " + s, Body: "Hưng Yên " + s + " nội dung", Tags: []string{"thẻ"}})
		}
		return docs
	}
	want, err := Build(mk(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := mk()
	got, err := Build(docs, Options{Consume: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, b := range want {
		if string(got[name]) != string(b) {
			t.Errorf("%s differs with Consume", name)
		}
	}
	for _, d := range docs {
		if d.Body != "" || !strings.HasPrefix(d.Title, "Trang ") || len(d.Tags) != 1 {
			t.Errorf("after Consume: %+v", d)
		}
	}
}

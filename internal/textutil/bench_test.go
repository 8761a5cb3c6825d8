package textutil

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// vietnamesePage is about the size and mix of a page of the generated
// corpus: Vietnamese prose with Markdown, dashes and quotes.
var vietnamesePage = strings.Repeat("Nhiều ý kiến cho rằng cuộc họp của thanh niên tại Yên Mỹ ngày càng thuận tiện. "+
	"Xem thêm [Bảo đảm khảo sát năm 2018 (phần 2)](/section-13/page-06553/) – “đầy đủ” và **minh bạch**…\n"+
	"| Nước sạch | 45,51 | 47,94 | +2,43 |\n", 40)

func BenchmarkCleanInput(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"nfc", vietnamesePage},
		{"nfd", norm.NFD.String(vietnamesePage)},
		{"ascii", strings.Repeat("The quick brown fox jumps over the lazy dog.\n", 180)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			src := []byte(bc.text)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := CleanInput(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSlugify(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Slugify("Kết quả chính – “đầy đủ” và minh bạch (phần 2)")
	}
}

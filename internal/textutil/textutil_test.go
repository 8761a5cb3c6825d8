package textutil

import (
	"errors"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mục đích, yêu cầu", "muc-dich-yeu-cau"},
		{"Đối tượng", "doi-tuong"},
		{"Nghị định 42/2022/NĐ-CP", "nghi-dinh-42-2022-nd-cp"},
		{"  Hello   World  ", "hello-world"},
		{"Tiêu đề có dấu", "tieu-de-co-dau"},
		{"ĐỒNG", "dong"},
		{"a\u200bb", "ab"},
		{"Tab\tở giữa", "tab-o-giua"},
		{"dòng\r\nmới", "dong-moi"},
		{"---", ""},
		{"Cải cách hành chính (CCHC)", "cai-cach-hanh-chinh-cchc"},
		{"Thủ tục hành chính công", "thu-tuc-hanh-chinh-cong"},
		{"Quản trị điện tử!", "quan-tri-dien-tu"},
		{"Tho\u0302\u0300ng tin", "thong-tin"}, // NFD input
	}
	for _, tc := range tests {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đồng", "dong"}, {"đông", "dong"}, {"động", "dong"}, {"Minh bạch", "minh bach"}, {"má", "ma"},
		{"\u00d0iểm", "diem"}, {"\u00f0iều", "dieu"}, // the eth old encodings put for Đ
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanInput(t *testing.T) {
	tests := []struct {
		name, in, want string
		errLine        int
	}{
		{"bom", "\xef\xbb\xbfxin chào", "xin chào", 0},
		{"crlf", "a\r\nb\rc", "a\nb\nc", 0},
		{"nfd", "Vie\u0323\u0302t", "Việt", 0},
		{"invalid utf8 line 3", "a\nb\nc\xff\n", "", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CleanInput([]byte(tc.in))
			if tc.errLine > 0 {
				var ie *InputError
				if !errors.As(err, &ie) || ie.Line != tc.errLine {
					t.Fatalf("err = %v, want InputError at line %d", err, tc.errLine)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

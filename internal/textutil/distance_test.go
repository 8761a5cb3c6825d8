package textutil

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"source", "source", 0},
		{"sourse", "source", 1},
		{"soruce", "source", 1}, // two neighbours swapped
		{"titel", "title", 1},
		{"ca", "abc", 3}, // each substring edited once: not 2
		{"ab", "ba", 1},
		{"kitten", "sitting", 3},
		{"đồng", "dong", 2},      // runes, not bytes: đ→d and ồ→o
		{"Văn bản", "Văn bả", 1}, // one rune deleted, however many bytes it has
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d; want %d (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	choices := []string{"van-ban", "tin-tuc", "hoi-dap", "ve-papi"}
	for _, tc := range []struct {
		s, want string
	}{
		{"van-bna", "van-ban"},
		{"Văn-bản", "van-ban"}, // folded first: no distance at all
		{"tin-tc", "tin-tuc"},
		{"hoidap", "hoi-dap"},
		{"lien-he", ""}, // nothing near: no guess
		{"x", ""},
	} {
		if got := Closest(tc.s, choices); got != tc.want {
			t.Errorf("Closest(%q) = %q; want %q", tc.s, got, tc.want)
		}
	}
	if got := Closest("sourse", []string{"source", "dest"}); got != "source" {
		t.Errorf("Closest(sourse) = %q", got)
	}
	if got := Closest("por", []string{"port", "poll"}); got != "port" {
		t.Errorf("tie: Closest(por) = %q; want the earlier choice", got)
	}
}

func TestChoiceHint(t *testing.T) {
	many := make([]string, 25)
	for i := range many {
		many[i] = string(rune('a'+i)) + "x"
	}
	for _, tc := range []struct {
		value, noun string
		choices     []string
		want        string
	}{
		{"dienthoai", "trường", []string{"co_quan", "dia_chi", "dien_thoai", "email"},
			`; có phải ý bạn là "dien_thoai"? Các trường có: co_quan, dia_chi, dien_thoai, email`},
		{"fax", "trường", []string{"co_quan", "dia_chi", "dien_thoai", "email"},
			"; các trường có: co_quan, dia_chi, dien_thoai, email"},
		{"x", "số hiệu", nil, "; chưa có số hiệu nào"},
		{"", "tệp", []string{"a", "bc"}, "; các tệp có: a, bc"}, // nothing typed: nothing to guess from
		{"zz", "cột", many,
			"; các cột có: ax, bx, cx, dx, ex, fx, gx, hx, ix, jx, kx, lx, mx, nx, ox, px, qx, rx, sx, tx và 5 cột khác"},
		// Choices are editors' text printed to a terminal: escapes, line
		// breaks and bidi controls are written as escapes, long ones cut.
		{"zz", "số hiệu", []string{"42/2013\x1b[31mRED\x07\u202eevil\nfake.md:1: error: x", "Số 1", strings.Repeat("x", 100)},
			`; các số hiệu có: "42/2013\x1b[31mRED\a\u202eevil\nfake.md:1: error: x", Số 1, ` + strings.Repeat("x", 80) + "…"},
	} {
		if got := ChoiceHint(tc.value, tc.noun, tc.choices); got != tc.want {
			t.Errorf("ChoiceHint(%q)\n got %q\nwant %q", tc.value, got, tc.want)
		}
	}
}

func TestClosestPath(t *testing.T) {
	urls := []string{"/", "/ket-qua/", "/ket-qua/2024/", "/ket-qua/tong-diem-2018-2024/", "/ket-qua/xyz/", "/van-ban/", "/hoi-dap/"}
	files := []string{"_index.md", "ket-qua/_index.md", "ket-qua/tong-diem-2018-2024.md", "hoi-dap/_index.md", "van-ban/ke-hoach-19-kh-ubnd.md"}
	for _, tc := range []struct {
		p       string
		choices []string
		want    string
	}{
		{"/ket-qua/nam-2024/", urls, "/ket-qua/2024/"},
		{"/ket-qua/tong-diem-2018-2023/", urls, "/ket-qua/tong-diem-2018-2024/"},
		{"/Kết-quả/", urls, "/ket-qua/"}, // folded: diacritics and case cost nothing
		{"/hoi-dap", urls, "/hoi-dap/"},
		{"/van-bn/", urls, "/van-ban/"},
		{"/ket-qua/abc/", urls, ""}, // the folder agrees, the name does not
		{"/hoan-toan-khac/", urls, ""},
		{"/gioi-thieu/lich-su/", urls, ""},
		{"ket-qua/tong-diem-2018-2023.md", files, "ket-qua/tong-diem-2018-2024.md"},
		{"van-ban/ke-hoach-19-kh-ubn.md", files, "van-ban/ke-hoach-19-kh-ubnd.md"},
		{"hoi-dap/index.md", files, "hoi-dap/_index.md"},
		{"tin-tuc/bai-moi.md", files, ""},
		{"/ket-qua/", nil, ""},
	} {
		if got := ClosestPath(tc.p, tc.choices); got != tc.want {
			t.Errorf("ClosestPath(%q) = %q; want %q", tc.p, got, tc.want)
		}
	}
}

package textutil

import "testing"

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
		{"soruce", "source", 2},
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

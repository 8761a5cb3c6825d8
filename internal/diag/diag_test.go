package diag

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    *Problem
		want string
	}{
		{Errorf("content/a.md", 3, "sai %d", 1), "content/a.md:3: sai 1"},
		{Errorf("site.yaml", 0, "thiếu"), "site.yaml: thiếu"},
		{Warnf("layouts/x.html", 2, "chú ý"), "layouts/x.html:2: cảnh báo (warning): chú ý"},
	}
	for _, tc := range tests {
		if got := tc.p.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestList(t *testing.T) {
	var l List
	if l.HasErrors() || l.Err() != nil {
		t.Fatal("empty list has errors")
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() { l.Add(Errorf("b.md", i%5+1, "lỗi")) })
	}
	wg.Wait()
	l.Add(Warnf("a.md", 1, "cảnh báo"))
	l.Add(nil)
	l.AddAt("c.md", 7, errors.New("thường"))
	l.AddAt("khac.md", 9, Errorf("d.md", 2, "đã có vị trí"))
	l.Add(fmt.Errorf("bọc: %w", Errorf("e.md", 4, "bên trong")))
	ps := l.Problems()
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		"a.md:1: cảnh báo (warning): cảnh báo",
		"b.md:1: lỗi", "b.md:2: lỗi", "b.md:3: lỗi", "b.md:4: lỗi", "b.md:5: lỗi",
		"c.md:7: thường", "d.md:2: đã có vị trí", "e.md:4: bên trong",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Problems:\n got %q\nwant %q", got, want)
	}
	err := l.Err()
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 8 {
		t.Fatalf("Err = %v", err)
	}
	if errs[0].Error() != "b.md:1: lỗi" {
		t.Errorf("warnings must not be in Err: %v", errs[0])
	}
	var wl List
	wl.Add(Warnf("a", 1, "w"))
	if wl.HasErrors() || wl.Err() != nil {
		t.Error("warnings alone are errors")
	}
}

// A cause is printed after the prefix that says nothing could be built,
// sorts before every mistake, and is an error.
func TestCause(t *testing.T) {
	if got, want := Causef("", 0, "đĩa đã đầy khi ghi %s", "public/a.html").Error(), "Không dựng được trang: đĩa đã đầy khi ghi public/a.html"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := Causef("layouts/x.html", 0, "không đọc được").Error(), "Không dựng được trang: layouts/x.html: không đọc được"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var l List
	l.Add(Errorf("a.md", 1, "lỗi"))
	l.Add(Warnf("a.md", 2, "chú ý"))
	if l.HasCauses() {
		t.Error("HasCauses without a cause")
	}
	l.Add(Causef("", 0, "z"))
	l.Add(Causef("", 0, "z"))
	if !l.HasCauses() || !l.HasErrors() {
		t.Error("a cause is not reported")
	}
	ps := l.Problems()
	if len(ps) != 3 || !ps[0].Cause || ps[1].Cause {
		t.Errorf("Problems = %v; want the cause once, first", ps)
	}
}

func TestLevelText(t *testing.T) {
	for _, l := range []Level{Error, Warning} {
		b, _ := l.MarshalText()
		var back Level = 7
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("%v: read back %v, %v", l, back, err)
		}
	}
	var l Level
	if err := l.UnmarshalText([]byte("fatal")); err == nil {
		t.Error("an unknown level is read")
	}
}

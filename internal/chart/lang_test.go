package chart

import (
	"strings"
	"testing"
)

func TestFormatEN(t *testing.T) {
	for _, c := range []struct {
		x    float64
		d    int
		want string
	}{
		{44.2282, 2, "44.23"},
		{1234.5, 2, "1,234.50"},
		{-0.004, 2, "0.00"},
		{-1234567, 0, "-1,234,567"},
		{7, 1, "7.0"},
	} {
		if got := formatEN(c.x, c.d); got != c.want {
			t.Errorf("formatEN(%v, %d) = %q, want %q", c.x, c.d, got, c.want)
		}
	}
}

// TestRenderLang: an English page gets English numbers and the chart's
// own words in English; Render stays Vietnamese.
func TestRenderLang(t *testing.T) {
	tables := map[string]*Table{"scores": {
		Name:   "scores",
		Header: []string{"year", "total"},
		Rows:   [][]string{{"2022", "44.1831"}, {"2023", ""}, {"2024", "1444.4042"}},
	}}
	args := map[string]string{"type": "line", "data": "scores", "x": "year", "y": "total", "labels": "Hưng Yên", "title": "Total"}
	en, err := RenderLang(args, tables, "en")
	if err != nil {
		t.Fatal(err)
	}
	vi, err := Render(args, tables)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">44.18<", ">1,444.40<", "<caption", ">Data: Total</caption>", `<th scope="col">Year</th>`, `title="no data"`, "Hưng Yên: from 44.18 in 2022 to 1,444.40 in 2024"} {
		if !strings.Contains(string(en), want) {
			t.Errorf("English chart lacks %q:\n%s", want, en)
		}
	}
	for _, want := range []string{">44,18<", ">1.444,40<", ">Số liệu: Total</caption>", `<th scope="col">Năm</th>`, `title="không có số liệu"`, "từ 44,18 năm 2022"} {
		if !strings.Contains(string(vi), want) {
			t.Errorf("Vietnamese chart lacks %q:\n%s", want, vi)
		}
	}
	if strings.Contains(string(en), "44,18") || strings.Contains(string(en), "Số liệu") {
		t.Errorf("English chart has Vietnamese formatting:\n%s", en)
	}
	bar, err := RenderLang(map[string]string{"type": "bar", "data": "scores", "row": "year=2022", "columns": "total", "labels": "Total", "title": "One year"}, tables, "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(bar), `<th scope="col">Item</th>`) || !strings.Contains(string(bar), "highest is Total (44.18)") {
		t.Errorf("English bar chart:\n%s", bar)
	}
}

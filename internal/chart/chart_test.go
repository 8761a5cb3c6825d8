package chart

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// testTables are small stand-ins for data/*.csv: the Hưng Yên scores, a
// national average that misses a year and covers one more, and a file with a
// bad cell.
func testTables() map[string]*Table {
	return map[string]*Table{
		"hy": {
			Name:   "hy",
			Header: []string{"year", "total", "d1", "d2", "d3"},
			Rows: [][]string{
				{"2021", "41.5", "5.12", "5.4", "6.01"},
				{"2022", "42.88", "5.3", "", "6.2"},
				{"2023", "43.1", "5.25", "5.61", "6.4"},
				{"2024", "44.23", "5.47", "5.9", "6,55"},
			},
		},
		"tq": {
			Name:   "tq",
			Header: []string{"year", "total"},
			Rows: [][]string{
				{"2024", "43.9"},
				{"2020", "40.2"},
				{"2022", "42.0"},
				{"2021", "41.1"},
			},
		},
		"bad": {
			Name:   "bad",
			Header: []string{"year", "total"},
			Rows:   [][]string{{"2021", "41.5"}, {"2022", "n/a"}},
		},
		"dup": {
			Name:   "dup",
			Header: []string{"year", "total"},
			Rows:   [][]string{{"2021", "1"}, {"2021", "2"}},
		},
		"change": {
			Name:   "change",
			Header: []string{"unit", "delta"},
			Rows:   [][]string{{"Phường An Tảo", "1.25"}, {"Phường Hiến Nam", "-0.8"}, {"Xã Bảo Khê", "0"}},
		},
		"long": {
			Name:   "long",
			Header: []string{"year", "v"},
			Rows: [][]string{
				{"2011", "1"}, {"2012", "2"}, {"2013", "3"}, {"2014", "2"}, {"2015", "4"}, {"2016", "5"},
				{"2017", "4"}, {"2018", "6"}, {"2019", "7"}, {"2020", "6"}, {"2021", "8"}, {"2022", "9"},
				{"2023", "8"}, {"2024", "10"},
			},
		},
		"empty": {
			Name:   "empty",
			Header: []string{"year", "total"},
			Rows:   [][]string{{"2021", ""}, {"2022", " "}},
		},
	}
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name string
		args map[string]string
	}{
		{"line-joined", map[string]string{
			"type": "line", "data": "hy|tq", "x": "year", "y": "hy:total|tq:total",
			"labels": "Hưng Yên|Trung bình cả nước", "title": "Điểm PAPI tổng hợp 2020–2024",
			"summary": "Hưng Yên tăng từ 41,50 lên 44,23 điểm.", "ylabel": "Điểm",
		}},
		{"line-gap-fixed-axis", map[string]string{
			"type": "line", "data": "hy", "x": "year", "y": "d1|d2|d3",
			"labels": "Tham gia|Công khai <minh bạch>|Trách nhiệm giải trình",
			"title":  "Ba chỉ số nội dung", "min": "0", "max": "10", "decimals": "1", "id": "ba-chi-so",
		}},
		{"bar-transposed", map[string]string{
			"type": "bar", "data": "hy", "row": "year=2024", "columns": "d1|d2|d3",
			"labels":  "Tham gia của người dân ở cấp cơ sở|Công khai, minh bạch trong việc ra quyết định ở địa phương|Trách nhiệm giải trình với người dân",
			"title":   "Điểm các chỉ số năm 2024",
			"summary": "Chỉ số cao nhất là trách nhiệm giải trình.",
		}},
		{"bar-negative", map[string]string{
			"type": "bar", "data": "change", "x": "unit", "y": "delta", "xlabel": "Đơn vị",
			"title": "Thay đổi điểm", "decimals": "1",
		}},
		{"line-many-years", map[string]string{
			"type": "line", "data": "long", "x": "year", "y": "v", "title": "Mười bốn năm", "decimals": "0",
		}},
		{"bar-series", map[string]string{
			"type": "bar", "data": "hy", "x": "year", "y": "d1|d2", "labels": "Tham gia|Minh bạch",
			"title": "Hai chỉ số theo năm", "max": "10",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Render(tc.args, testTables())
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			again, _ := Render(tc.args, testTables())
			if got != again {
				t.Fatal("output differs between two renders of the same chart")
			}
			checkMarkup(t, string(got))
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("missing golden file (run go test -update): %v", err)
			}
			if string(got)+"\n" != string(want) {
				t.Errorf("output differs from %s (run go test ./internal/chart -update and review the diff)\ngot:\n%s", path, got)
			}
		})
	}
}

// checkMarkup parses the figure as XML (which it must be, being HTML
// without void elements plus SVG) and checks the accessibility wiring: every
// aria-labelledby target exists, ids are unique, the SVG is an image with a
// title and a desc, and the table has a caption and scoped headers.
func checkMarkup(t *testing.T, html string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(html))
	ids := map[string]int{}
	var refs []string
	elems := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		elems[se.Name.Local]++
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "id":
				ids[a.Value]++
			case "aria-labelledby":
				refs = append(refs, strings.Fields(a.Value)...)
			case "scope":
				if se.Name.Local != "th" || (a.Value != "col" && a.Value != "row") {
					t.Errorf("bad scope %q on <%s>", a.Value, se.Name.Local)
				}
			}
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, r := range refs {
		if ids[r] == 0 {
			t.Errorf("aria-labelledby points at missing id %q", r)
		}
	}
	for _, el := range []string{"figure", "figcaption", "title", "desc", "table", "caption", "thead", "tbody"} {
		if elems[el] == 0 {
			t.Errorf("no <%s> in output", el)
		}
	}
	if !strings.Contains(html, `role="img"`) {
		t.Error(`svg lacks role="img"`)
	}
	if regexp.MustCompile(`\d\.\d\d<`).MatchString(html) {
		t.Error("a number is printed with a decimal point instead of a comma")
	}
}

func TestRenderErrors(t *testing.T) {
	base := func(kv ...string) map[string]string {
		m := map[string]string{"type": "line", "data": "hy", "x": "year", "y": "total", "title": "T"}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "\x00" {
				delete(m, kv[i])
			} else {
				m[kv[i]] = kv[i+1]
			}
		}
		return m
	}
	const del = "\x00"
	// Each message is whole: the argument, the bad value, the choices
	// (and the likely one) where there are choices, in Vietnamese.
	const cols = "Các cột có: year, total, d1, d2, d3"
	tests := []struct {
		name string
		args map[string]string
		want string
	}{
		{"bad type", base("type", "pie"), `tham số type: cần "line" (đường) hoặc "bar" (cột), không phải "pie"`},
		{"missing type", base("type", del), `tham số type: bắt buộc (missing type): "line" (đường) hoặc "bar" (cột)`},
		{"missing title", base("title", del), "tham số title: bắt buộc (missing title): tên biểu đồ, để trình đọc màn hình và bảng số liệu gọi tên biểu đồ"},
		{"unknown argument", base("lables", "a"), `tham số lables: biểu đồ không có tham số này (unknown argument); có phải ý bạn là "labels"? Các tham số có: type, data, x, y, labels, title, summary, row, columns, min, max, decimals, id, xlabel, ylabel`},
		{"unknown data file", base("data", "hy|nope"), "tham số data: không có tệp dữ liệu data/nope.csv (unknown data file); các tệp dữ liệu có: bad, change, dup, empty, hy, long, tq"},
		{"misspelt data file", base("data", "h"), `tham số data: không có tệp dữ liệu data/h.csv (unknown data file); có phải ý bạn là "hy"? Các tệp dữ liệu có: bad, change, dup, empty, hy, long, tq`},
		{"missing data", base("data", del), "tham số data: bắt buộc (missing data): tên một tệp data/*.csv, không có đuôi .csv; các tệp dữ liệu có: bad, change, dup, empty, hy, long, tq"},
		{"unknown y column", base("y", "total|tien"), `tham số y: cột "tien" không có trong tệp dữ liệu "hy" (unknown column); các cột có: year, total, d1, d2, d3`},
		{"misspelt y column", base("y", "totl"), `tham số y: cột "totl" không có trong tệp dữ liệu "hy" (unknown column); có phải ý bạn là "total"? ` + cols},
		{"unknown column of two files", base("data", "hy|tq", "y", "hy:total|tong"), `tham số y: cột "tong" không có trong các tệp dữ liệu "hy", "tq" (unknown column); các cột có: year, total, d1, d2, d3`},
		{"unknown x column", base("x", "nam"), `tham số x: cột "nam" không có trong tệp dữ liệu "hy" (unknown column); các cột có: year, total, d1, d2, d3`},
		{"missing x", base("x", del), "tham số x: bắt buộc (missing x): cột chứa các hạng mục, ví dụ year"},
		{"missing y", base("y", del), "tham số y: bắt buộc (missing y): một hoặc nhiều cột, cách nhau bởi dấu |"},
		{"non-numeric value", base("data", "bad"), `tham số y: giá trị "n/a" ở cột "total" của tệp dữ liệu "bad" (dòng 3) không phải là số (not a number)`},
		{"labels count", base("labels", "a|b"), "tham số labels: có 2 nhãn cho 1 cột trong y"},
		{"decimals", base("decimals", "two"), `tham số decimals: cần một số nguyên từ 0 đến 6, không phải "two"`},
		{"decimals range", base("decimals", "9"), `tham số decimals: cần một số nguyên từ 0 đến 6, không phải "9"`},
		{"min not number", base("min", "zero"), `tham số min: "zero" không phải là số (not a number)`},
		{"max not above min", base("min", "50", "max", "40"), "tham số max: 40,00 phải lớn hơn min 50,00"},
		{"max cuts data", base("max", "44"), "tham số max: 44,00 nhỏ hơn giá trị lớn nhất 44,23"},
		{"min cuts data", base("min", "42"), "tham số min: 42,00 lớn hơn giá trị nhỏ nhất 41,50"},
		{"duplicate x", base("data", "dup"), `tham số x: giá trị "2021" xuất hiện hai lần trong cột "year" của tệp dữ liệu "dup"`},
		{"ambiguous column", base("data", "hy|tq"), `tham số y: cột "total" có trong cả "hy" và "tq"; hãy viết "tq:total" để chọn`},
		{"qualifier not in data", base("y", "zz:total"), `tham số y: "zz:total" chỉ tới tệp dữ liệu "zz", tệp này không có trong data=; các tệp trong data= có: hy`},
		{"bad id", base("id", "Biểu đồ 1"), `tham số id: "Biểu đồ 1" chỉ được có chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ "bieu-do-1"`},
		{"all empty", base("data", "empty"), "tham số data: mọi giá trị cần vẽ đều trống"},
		{"row on line", base("row", "year=2024", "columns", "d1"), `tham số row: chỉ dùng với type="bar"`},
		{"columns without row", base("type", "bar", "columns", "d1"), "tham số columns: chỉ dùng cùng row=; để vẽ các dãy số theo x, hãy dùng y="},
		{"row malformed", base("type", "bar", "y", del, "row", "2024", "columns", "d1"), `tham số row: cần có dạng cột=giá trị, ví dụ year=2024, không phải "2024"`},
		{"row not found", base("type", "bar", "y", del, "row", "year=2019", "columns", "d1"), `tham số row: không có dòng nào có year = "2019"; các giá trị của year có: 2021, 2022, 2023, 2024`},
		{"row with y", base("type", "bar", "row", "year=2024", "columns", "d1"), "tham số y: không dùng cùng row=; hãy liệt kê các cột cần vẽ trong columns="},
		{"row without columns", base("type", "bar", "y", del, "row", "year=2024"), "tham số columns: bắt buộc khi có row= (missing columns): các cột cần vẽ, cách nhau bởi dấu |"},
		{"row unknown column", base("type", "bar", "y", del, "row", "year=2024", "columns", "d1|d4"), `tham số columns: cột "d4" không có trong tệp dữ liệu "hy" (unknown column); có phải ý bạn là "d1"? ` + cols},
		{"row x mismatch", base("type", "bar", "y", del, "x", "total", "row", "year=2024", "columns", "d1"), `tham số x: "total" khác cột trong row= ("year")`},
		{"row labels count", base("type", "bar", "y", del, "row", "year=2024", "columns", "d1|d2", "labels", "a"), "tham số labels: có 1 nhãn cho 2 cột"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Render(tc.args, testTables())
			if err == nil {
				t.Fatalf("no error; output %.80s…", out)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %q\nwant %q", err, tc.want)
			}
		})
	}
}

func TestFormatVN(t *testing.T) {
	tests := []struct {
		x    float64
		dec  int
		want string
	}{
		{44.23, 2, "44,23"}, {44.2, 2, "44,20"}, {5, 0, "5"}, {1234.5, 2, "1.234,50"},
		{1234567, 0, "1.234.567"}, {-3.25, 1, "-3,3"}, {-0.001, 2, "0,00"}, {0.5, 1, "0,5"},
		{1.25, 1, "1,3"}, {44.225, 2, "44,23"}, {9.995, 2, "10,00"}, {999.5, 0, "1.000"}, {-1.25, 1, "-1,3"},
		{0.05, 1, "0,1"}, {43.5805, 2, "43,58"}, {7, 2, "7,00"}, {1e-7, 2, "0,00"},
	}
	for _, tc := range tests {
		if got := formatVN(tc.x, tc.dec); got != tc.want {
			t.Errorf("formatVN(%v, %d) = %q, want %q", tc.x, tc.dec, got, tc.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"44.23", 44.23, true}, {" 44,23 ", 44.23, true}, {"-1", -1, true}, {"", 0, false},
		{"NaN", 0, false}, {"Inf", 0, false}, {"1,234.5", 0, false}, {"abc", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseNumber(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAxis(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name           string
		lo, hi         float64
		fixLo, fixHi   *float64
		zero           bool
		wantLo, wantHi float64
		wantTicks      int
		wantDec        int
	}{
		{"papi totals", 41.1, 44.23, nil, nil, false, 41, 45, 5, 0},
		{"bars from zero", 5.12, 6.55, nil, nil, true, 0, 8, 5, 0},
		{"fixed", 5, 6, f(0), f(10), false, 0, 10, 6, 0},
		{"flat", 7, 7, nil, nil, false, 6, 8, 5, 1},
		{"small", 0.12, 0.48, nil, nil, false, 0.1, 0.5, 5, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := newAxis(tc.lo, tc.hi, tc.fixLo, tc.fixHi, tc.zero, 5)
			if a.lo != tc.wantLo || a.hi != tc.wantHi || len(a.ticks) != tc.wantTicks || a.dec != tc.wantDec {
				t.Errorf("axis = [%v, %v] ticks %v dec %d; want [%v, %v] %d ticks dec %d",
					a.lo, a.hi, a.ticks, a.dec, tc.wantLo, tc.wantHi, tc.wantTicks, tc.wantDec)
			}
			if a.ticks[0] < a.lo || a.ticks[len(a.ticks)-1] > a.hi {
				t.Errorf("ticks %v outside [%v, %v]", a.ticks, a.lo, a.hi)
			}
		})
	}
}

func TestWrapWords(t *testing.T) {
	got := wrapWords("Công khai, minh bạch trong việc ra quyết định ở địa phương", 20)
	want := []string{"Công khai, minh bạch", "trong việc ra quyết", "định ở địa phương"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapWords = %q, want %q", got, want)
	}
}

func TestShownLabels(t *testing.T) {
	cats := []string{"2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"}
	xs := make([]float64, len(cats))
	for i := range xs {
		xs[i] = float64(i) * 20 // 20 units apart: too close for 4-digit years
	}
	l := layouts[0]
	got := shownLabels(l, cats, xs)
	if got[len(got)-1] != len(cats)-1 {
		t.Errorf("last label (most recent year) not shown: %v", got)
	}
	for i := 1; i < len(got); i++ {
		if xs[got[i]]-xs[got[i-1]] < l.textWidth("2024")+6 {
			t.Errorf("labels %d and %d overlap: %v", got[i-1], got[i], got)
		}
	}
	if len(got) < 4 {
		t.Errorf("thinned too much: %v", got)
	}
	wide := []float64{0, 100, 200}
	if got := shownLabels(l, []string{"a", "b", "c"}, wide); len(got) != 3 {
		t.Errorf("labels with room were dropped: %v", got)
	}
}

// TestEmphasisAndEndLabels: the first series is the one the chart is about
// (drawn strong and named with its last value at the end of its line); the
// others are muted comparisons, named at their ends; each chart is drawn for
// phones and for wide columns.
func TestEmphasisAndEndLabels(t *testing.T) {
	out, err := Render(map[string]string{
		"type": "line", "data": "hy|tq", "x": "year", "y": "hy:total|tq:total",
		"labels": "Hưng Yên|Cả nước", "title": "Tổng điểm", "ylabel": "Điểm",
	}, testTables())
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, want := range []string{
		`class="chart-svg chart-narrow"`, `class="chart-svg chart-wide"`,
		`<g class="series c1 emph"><path d="M`, `stroke-width="3.5"`,
		`<g class="series c2 muted"><path d="M`, `stroke-width="2" stroke-linejoin="round" stroke-dasharray="7 4"`,
		`<text class="end-label c1 emph"`, `>Hưng Yên 44,23</text>`,
		`<text class="end-label c2 muted"`, `>Cả nước</text>`,
		`<text class="axis-title" x="0" y="12">Điểm</text>`, `>Năm</text>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	// On a phone the label wraps under itself.
	if !strings.Contains(html, `">Hưng Yên<tspan x="`) || !strings.Contains(html, `">44,23</tspan></text>`) {
		t.Error("the narrow drawing lacks Hưng Yên's end label, wrapped")
	}
	// The emphasised series is drawn last, on top of the comparisons.
	if strings.Index(html, `series c1 emph`) < strings.Index(html, `series c2 muted`) {
		t.Error("the emphasised series is drawn under a muted one")
	}
	if strings.Contains(html, "chart-legend") {
		t.Error("a line chart names its series at their ends: no legend")
	}
}

// TestAxisNote: a value axis that does not start at zero says so in words
// under the chart (and marks the cut); one from zero says nothing.
func TestAxisNote(t *testing.T) {
	line := map[string]string{"type": "line", "data": "hy", "x": "year", "y": "total", "title": "T", "ylabel": "Điểm"}
	tests := []struct {
		name string
		args map[string]string
		lang string
		want string // "" for no note
	}{
		{"cut line", line, "vi", "Trục dọc (điểm) bắt đầu từ 41, không bắt đầu từ 0."},
		{"cut line, English", line, "en", "The vertical axis (điểm) starts at 41, not at 0."},
		{"line from zero", with(line, "min", "0"), "vi", ""},
		{"cut bars", map[string]string{"type": "bar", "data": "hy", "row": "year=2024", "columns": "d1|d2", "title": "B", "min": "5", "max": "6"}, "vi", "Trục ngang bắt đầu từ 5,0, không bắt đầu từ 0."},
		{"bars from zero", map[string]string{"type": "bar", "data": "hy", "row": "year=2024", "columns": "d1|d2", "title": "B"}, "vi", ""},
		{"negative bars", map[string]string{"type": "bar", "data": "change", "x": "unit", "y": "delta", "title": "C"}, "vi", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := RenderLang(tc.args, testTables(), tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			html := string(out)
			got := ""
			if i := strings.Index(html, `<p class="chart-note">`); i >= 0 {
				got = html[i+len(`<p class="chart-note">`):]
				got = got[:strings.Index(got, "</p>")]
			}
			if got != tc.want {
				t.Errorf("note %q, want %q", got, tc.want)
			}
			if broken := strings.Contains(html, "l5,-9M"); broken != (tc.want != "" && tc.args["type"] == "line") {
				t.Errorf("break mark on the axis: %v, want %v", broken, tc.want != "")
			}
		})
	}
}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// TestEndLabelsApart: labels of lines that end close together are moved
// apart so that no two overlap, and stay inside the drawing.
func TestEndLabelsApart(t *testing.T) {
	l := layouts[0]
	ds := dataset{categories: []string{"2023", "2024"}, series: []series{
		{label: "Hưng Yên", values: []float64{1, 44.40}},
		{label: "Trung vị cả nước", values: []float64{1, 44.30}},
		{label: "Cao nhất", values: []float64{1, 44.35}},
		{label: "Không có", values: []float64{math.NaN(), math.NaN()}},
	}}
	y := func(v float64) float64 { return 200 - 4*v } // 0.1 point apart is 0.4 units
	labels := endLabels(spec{decimals: 2}, l, ds, 14, []float64{100, 200}, y, 0, 200)
	if len(labels) != 3 {
		t.Fatalf("%d labels, want 3 (a series without values has none)", len(labels))
	}
	for i := 1; i < len(labels); i++ {
		prev := labels[i-1]
		if labels[i].top < prev.top+float64(len(prev.lines))*l.lineH {
			t.Errorf("label %q overlaps %q", labels[i].lines, prev.lines)
		}
	}
	for _, e := range labels {
		if e.top < 0 || e.top+float64(len(e.lines))*l.lineH > 200 {
			t.Errorf("label %q outside the drawing: top %v", e.lines, e.top)
		}
	}
}

// A chart refuses what it cannot draw sensibly: more points than
// MaxPoints (a page of them weighs megabytes), and values so large the
// axis arithmetic overflows into coordinates that are not numbers.
func TestRenderLimits(t *testing.T) {
	many := &Table{Name: "many", Header: []string{"year", "v"}}
	for i := range MaxPoints + 1 {
		many.Rows = append(many.Rows, []string{fmt.Sprint(1000 + i), "1"})
	}
	tables := map[string]*Table{
		"many": many,
		"huge": {Name: "huge", Header: []string{"year", "v"}, Rows: [][]string{{"2022", "1"}, {"2023", "-1e308"}, {"2024", "1e308"}}},
		"inf":  {Name: "inf", Header: []string{"year", "v"}, Rows: [][]string{{"2023", "1e400"}, {"2024", "1"}}},
		"nan":  {Name: "nan", Header: []string{"year", "v"}, Rows: [][]string{{"2023", "1"}, {"2024", "NaN"}}},
		"minf": {Name: "minf", Header: []string{"year", "v"}, Rows: [][]string{{"2023", "-Inf"}}},
		"ok":   {Name: "ok", Header: []string{"year", "v"}, Rows: [][]string{{"2023", "1"}, {"2024", "2"}}},
	}
	for _, tc := range []struct {
		data, want string
		args       map[string]string
	}{
		{"many", `tham số data: có 2001 điểm cần vẽ (2001 hạng mục × 1 chuỗi số liệu); một biểu đồ vẽ tối đa 2000 điểm`, nil},
		{"huge", `tham số y: giá trị -1e308 ở cột "v" của tệp dữ liệu "huge" (dòng 3) quá lớn để vẽ`, nil},
		{"inf", `tham số y: giá trị "1e400" ở cột "v" của tệp dữ liệu "inf" (dòng 2) không phải là một số hữu hạn`, nil},
		{"nan", `tham số y: giá trị "NaN" ở cột "v" của tệp dữ liệu "nan" (dòng 3) không phải là một số hữu hạn`, nil},
		{"minf", `giá trị "-Inf" ở cột "v" của tệp dữ liệu "minf" (dòng 2) không phải là một số hữu hạn`, nil},
		// A fixed axis that far out puts every label off the drawing.
		{"ok", "tham số max: 1e308 vượt quá giới hạn của biểu đồ", map[string]string{"max": "1e308"}},
		{"ok", "tham số min: -2e12 vượt quá giới hạn của biểu đồ", map[string]string{"min": "-2e12"}},
		{"ok", `tham số min: "NaN" không phải là số (not a number)`, map[string]string{"min": "NaN"}},
	} {
		args := map[string]string{"type": "line", "data": tc.data, "x": "year", "y": "v", "title": "T"}
		for k, v := range tc.args {
			args[k] = v
		}
		out, err := Render(args, tables)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: error %v, want %q (output %.60s)", tc.data, tc.args, err, tc.want, out)
		}
	}
	// At the limit of values, a chart is drawn, on the drawing.
	tables["edge"] = &Table{Name: "edge", Header: []string{"year", "v"}, Rows: [][]string{{"2023", "-1e12"}, {"2024", "1e12"}}}
	if out, err := Render(map[string]string{"type": "bar", "data": "edge", "x": "year", "y": "v", "title": "T"}, tables); err != nil || strings.Contains(string(out), "NaN") || strings.Contains(string(out), "Inf") {
		t.Errorf("±1e12: %v", err)
	}
	// At the limit, a chart is drawn, with finite coordinates.
	many.Rows = many.Rows[:MaxPoints]
	out, err := Render(map[string]string{"type": "line", "data": "many", "x": "year", "y": "v", "title": "T"}, tables)
	if err != nil || strings.Contains(string(out), "NaN") || strings.Contains(string(out), "Inf") {
		t.Errorf("%d points: %v", MaxPoints, err)
	}
}

// A chart over the limit is refused from a count of the rows, before the
// data are joined and read: twenty charts of a 200,000-row file made a
// 432 MB page with 2.2 GB of memory.
func TestRenderTooManyRowsEarly(t *testing.T) {
	big := &Table{Name: "lon", Header: []string{"id", "a", "b"}}
	for i := range 200000 {
		big.Rows = append(big.Rows, []string{strconv.Itoa(i), "1", "2"})
	}
	tables := map[string]*Table{"lon": big}
	args := map[string]string{"type": "line", "data": "lon", "x": "id", "y": "a|b", "title": "T"}
	var err error
	allocs := testing.AllocsPerRun(20, func() { _, err = Render(args, tables) })
	if err == nil || !strings.Contains(err.Error(), "có 400000 điểm cần vẽ (200000 hạng mục × 2 chuỗi số liệu)") {
		t.Fatalf("error %v", err)
	}
	// Joining would allocate for each of the 200,000 rows.
	if allocs > 100 {
		t.Errorf("a refused chart made %.0f allocations", allocs)
	}
	// Rows without a category are not points.
	small := &Table{Name: "thua", Header: []string{"id", "a"}}
	for i := range 5000 {
		id := ""
		if i < 10 {
			id = strconv.Itoa(i)
		}
		small.Rows = append(small.Rows, []string{id, "1"})
	}
	if _, err := Render(map[string]string{"type": "line", "data": "thua", "x": "id", "y": "a", "title": "T"}, map[string]*Table{"thua": small}); err != nil {
		t.Errorf("10 categories among 5,000 rows: %v", err)
	}
}

package render

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"portal/internal/config"
	"portal/internal/site"
	template "portal/internal/template/html"
)

func TestDates(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	d := time.Date(2023, 2, 8, 23, 30, 0, 0, loc)
	if got := DateVN(d); got != "ngày 8 tháng 2 năm 2023" {
		t.Errorf("DateVN = %q", got)
	}
	if got := DateVN(&d); got != "ngày 8 tháng 2 năm 2023" {
		t.Errorf("DateVN(*Time) = %q", got)
	}
	if got := DateVN("2023-12-31"); got != "ngày 31 tháng 12 năm 2023" {
		t.Errorf("DateVN(string) = %q", got)
	}
	for _, zero := range []any{time.Time{}, nil, "không phải ngày", (*time.Time)(nil), 42} {
		if got := DateVN(zero); got != "" {
			t.Errorf("DateVN(%#v) = %q, want empty", zero, got)
		}
	}
	if got := DateEN(d); got != "8 February 2023" {
		t.Errorf("DateEN = %q", got)
	}
	e := &Executor{}
	fm := e.funcs()
	if got := fm["dateShort"].(func(any) string)(d); got != "08/02/2023" {
		t.Errorf("dateShort = %q", got)
	}
	if got := fm["isoDate"].(func(any) string)(d); got != "2023-02-08" {
		t.Errorf("isoDate = %q", got)
	}
	if got := fm["rfc3339"].(func(any) string)(d); got != "2023-02-08T23:30:00+07:00" {
		t.Errorf("rfc3339 = %q", got)
	}
}

func TestNumberVN(t *testing.T) {
	tests := []struct {
		x    any
		dec  []int
		want string
	}{
		{44.2282, []int{2}, "44,23"},
		{44.2282, nil, "44,23"},
		{19500, nil, "19.500"},
		{1234567.891, []int{1}, "1.234.567,9"},
		{-1234.5, []int{2}, "-1.234,50"},
		{0.5, []int{0}, "0"},
		{"45.1", []int{2}, "45,10"},
		{int64(1000), nil, "1.000"},
		{100, []int{2}, "100,00"},
		{999.999, []int{2}, "1.000,00"},
	}
	for _, tc := range tests {
		got, err := NumberVN(tc.x, tc.dec...)
		if err != nil || got != tc.want {
			t.Errorf("NumberVN(%v, %v) = %q, %v; want %q", tc.x, tc.dec, got, err, tc.want)
		}
	}
	if _, err := NumberVN("44,23"); err == nil {
		t.Error("NumberVN accepted text with a comma")
	}
	if _, err := NumberVN([]int{1}); err == nil {
		t.Error("NumberVN accepted a list")
	}
}

type item struct {
	Title  string
	Weight int
	Date   time.Time
	Params map[string]any
}

func (i item) Upper() string { return "X" + i.Title }

func TestCollections(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC) }
	items := []item{
		{"Đào", 3, d(1), map[string]any{"loai": "a"}},
		{"An", 1, d(3), map[string]any{"loai": "b"}},
		{"Bình", 2, d(2), map[string]any{"loai": "a"}},
	}
	titles := func(v any) string {
		var out []string
		for _, it := range v.([]item) {
			out = append(out, it.Title)
		}
		return fmt.Sprint(out)
	}
	w, err := where(items, "Params.loai", "a")
	if err != nil || titles(w) != "[Đào Bình]" {
		t.Errorf("where == : %v %v", w, err)
	}
	w, _ = where(items, "Weight", ">=", 2)
	if titles(w) != "[Đào Bình]" {
		t.Errorf("where >= : %v", w)
	}
	w, _ = where(items, "Weight", "!=", 2)
	if titles(w) != "[Đào An]" {
		t.Errorf("where != : %v", w)
	}
	w, _ = where(items, "Title", "in", []string{"An", "Bình"})
	if titles(w) != "[An Bình]" {
		t.Errorf("where in : %v", w)
	}
	w, _ = where(items, "Upper", "XAn")
	if titles(w) != "[An]" {
		t.Errorf("where method : %v", w)
	}
	if _, err := where(items, "Weight", "~", 1); err == nil {
		t.Error("unknown operator accepted")
	}
	if _, err := where("không phải danh sách", "Weight", 1); err == nil {
		t.Error("where on a string accepted")
	}
	s, _ := sortBy(items, "Title", "asc")
	if titles(s) != "[An Bình Đào]" {
		t.Errorf("sortBy Title (Vietnamese order) = %v", s)
	}
	s, _ = sortBy(items, "Date", "desc")
	if titles(s) != "[An Bình Đào]" {
		t.Errorf("sortBy Date desc = %v", s)
	}
	s, _ = sortBy(items, "Weight")
	if titles(s) != "[An Bình Đào]" {
		t.Errorf("sortBy Weight = %v", s)
	}
	if titles(items) != "[Đào An Bình]" {
		t.Error("sortBy changed its input")
	}
	f, _ := first(2, items)
	l, _ := last(2, items)
	if titles(f) != "[Đào An]" || titles(l) != "[An Bình]" {
		t.Errorf("first %v last %v", f, l)
	}
	f, _ = first(10, items)
	l, _ = last(0, items)
	if titles(f) != "[Đào An Bình]" || titles(l) != "[]" {
		t.Errorf("first(10) %v last(0) %v", f, l)
	}
	m, err := dict("a", 1, "b", "x")
	if err != nil || !reflect.DeepEqual(m, map[string]any{"a": 1, "b": "x"}) {
		t.Errorf("dict = %v %v", m, err)
	}
	if _, err := dict("a"); err == nil {
		t.Error("dict with odd arguments accepted")
	}
	if _, err := dict(1, 2); err == nil {
		t.Error("dict with a number key accepted")
	}
	if !inList([]string{"a", "b"}, "b") || inList([]string{"a"}, "c") || !inList("Hưng Yên", "Yên") {
		t.Error("in wrong")
	}
	if sq, _ := seq(3); !reflect.DeepEqual(sq, []int{1, 2, 3}) {
		t.Errorf("seq = %v", sq)
	}
	if _, err := seq(-1); err == nil {
		t.Error("seq(-1) accepted")
	}
	if j, _ := join([]any{"a", 1}, ", "); j != "a, 1" {
		t.Errorf("join = %q", j)
	}
}

func TestScalars(t *testing.T) {
	add, div, mod := arith("+"), arith("/"), arith("%")
	if v, _ := add(1, 2); v != 3 {
		t.Errorf("add ints = %#v", v)
	}
	if v, _ := add(1, 0.5); v != 1.5 {
		t.Errorf("add mixed = %#v", v)
	}
	if v, _ := div(7, 2); v != 3 {
		t.Errorf("div ints = %#v", v)
	}
	if v, _ := div(7.0, 2); v != 3.5 {
		t.Errorf("div floats = %#v", v)
	}
	if _, err := div(1, 0); err == nil {
		t.Error("division by zero accepted")
	}
	if v, _ := mod(7, 3); v != 1 {
		t.Errorf("mod = %#v", v)
	}
	if defaultVal("mặc định", "") != "mặc định" || defaultVal("x", "y") != "y" || defaultVal("x", 0) != "x" || defaultVal("x") != "x" {
		t.Error("default wrong")
	}
	for in, want := range map[any]string{
		"<p>A &amp; <b>B</b></p>":   "A & B",
		"  Kế hoạch số 19  ":        "Kế hoạch số 19",
		"a &amp;lt; b":              "a &lt; b",
		"x < y":                     "x < y",
		template.HTML("<em>Đ</em>"): "Đ",
		42:                          "42",
		nil:                         "",
	} {
		if got := plainify(in); got != want {
			t.Errorf("plainify(%#v) = %q, want %q", in, got, want)
		}
	}
	if got, _ := truncateWords(10, "Cổng thông tin điện tử"); got != "Cổng thông…" {
		t.Errorf("truncate = %q", got)
	}
	if got, _ := truncateWords(12, "Cổng thông tin điện tử"); got != "Cổng thông…" {
		t.Errorf("truncate mid-word = %q", got)
	}
	if got, _ := truncateWords(100, "ngắn"); got != "ngắn" {
		t.Errorf("truncate short = %q", got)
	}
	if got := titleCase("cổng thông tin"); got != "Cổng Thông Tin" {
		t.Errorf("title = %q", got)
	}
	if j, _ := jsonify(map[string]any{"a": "<b>"}); string(j) != `{"a":"\u003cb\u003e"}` {
		t.Errorf("jsonify = %s", j)
	}
	if !isEmpty(nil) || !isEmpty("") || !isEmpty([]int{}) || !isEmpty(time.Time{}) || isEmpty(1) || isEmpty("a") {
		t.Error("isEmpty wrong")
	}
}

// fakeAssets publishes css/a.css as a fingerprinted asset.
type fakeAssets struct{}

func (fakeAssets) Name(p string) (string, bool) {
	if p == "css/a.css" {
		return "css/a.0123456789.css", true
	}
	return "", false
}

func (fakeAssets) Integrity(p string) string {
	if p == "css/a.css" {
		return "sha256-x"
	}
	return ""
}

// The asset functions read the Assets the executor was given: a
// fingerprinted name and its hash, a plain static file under its own
// name, and a missing file as an error.
func TestAssetFuncs(t *testing.T) {
	s := &site.Site{BasePath: "/papi/", Statics: map[string]string{"img/logo.png": "static/img/logo.png", "css/a.css": "static/css/a.css"}}
	for _, tc := range []struct {
		assets              Assets
		css, cssSRI, relURL string
	}{
		{fakeAssets{}, "/papi/css/a.0123456789.css", "sha256-x", "/papi/css/a.0123456789.css"},
		{nil, "/papi/css/a.css", "", "/papi/css/a.css"},
	} {
		fm := (&Executor{s: s, assets: tc.assets}).funcs()
		asset := fm["asset"].(func(any) (template.URL, error))
		if u, err := asset("/css/a.css"); err != nil || string(u) != tc.css {
			t.Errorf("asset(css/a.css) = %q, %v; want %q", u, err, tc.css)
		}
		if u, err := asset("img/logo.png"); err != nil || u != "/papi/img/logo.png" {
			t.Errorf("asset(img/logo.png) = %q, %v", u, err)
		}
		if _, err := asset("css/khong-co.css"); err == nil {
			t.Error("asset of a missing file: no error")
		}
		if got := fm["integrity"].(func(any) string)("css/a.css"); got != tc.cssSRI {
			t.Errorf("integrity = %q, want %q", got, tc.cssSRI)
		}
		if u, err := fm["relURL"].(func(any) (template.URL, error))("css/a.css"); err != nil || string(u) != tc.relURL {
			t.Errorf("relURL = %q, %v; want %q", u, err, tc.relURL)
		}
	}
}

// relURL and absURL return a URL html/template writes as it is, and
// layouts give them front matter and data values (the home page's task
// links, the dimensions' addresses): a value with a scheme that runs script
// or opens a document is refused, however it is spelled; web addresses and
// the site's own paths pass.
func TestURLFuncsRefuseScriptSchemes(t *testing.T) {
	s := &site.Site{BasePath: "/papi/", Config: &config.Config{BaseURL: "https://example.org/papi/"}}
	fm := (&Executor{s: s}).funcs()
	rel := fm["relURL"].(func(any) (template.URL, error))
	abs := fm["absURL"].(func(any) (template.URL, error))
	for _, bad := range []string{"javascript://%0aalert(1)", " JaVa\tScRiPt:alert(1)", "vbscript:x", "data://text/html,x", "file:///etc/passwd", "java script:alert(1)"} {
		if u, err := rel(bad); err == nil || !strings.Contains(err.Error(), "unsafe URL") {
			t.Errorf("relURL(%q) = %q, %v; want refused", bad, u, err)
		}
		if u, err := abs(bad); err == nil || !strings.Contains(err.Error(), "unsafe URL") {
			t.Errorf("absURL(%q) = %q, %v; want refused", bad, u, err)
		}
	}
	for in, want := range map[string][2]string{
		"https://example.com/a": {"https://example.com/a", "https://example.com/a"},
		"/ve-papi/":             {"/papi/ve-papi/", "https://example.org/papi/ve-papi/"},
		"/a:b/":                 {"/papi/a:b/", "https://example.org/papi/a:b/"},
		"//cdn.example/x":       {"//cdn.example/x", "//cdn.example/x"},
	} {
		if u, err := rel(in); err != nil || string(u) != want[0] {
			t.Errorf("relURL(%q) = %q, %v; want %q", in, u, err, want[0])
		}
		if u, err := abs(in); err != nil || string(u) != want[1] {
			t.Errorf("absURL(%q) = %q, %v; want %q", in, u, err, want[1])
		}
	}
}

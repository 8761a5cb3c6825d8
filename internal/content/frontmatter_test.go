package content

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/diag"
	"portal/internal/testkit"
)

func hcm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		fm, body string
		bodyLine int
		wantErr  string
	}{
		{name: "plain", src: "---\ntitle: a\n---\nbody\n", fm: "title: a\n", body: "body\n", bodyLine: 4},
		{name: "empty body", src: "---\ntitle: a\n---\n", fm: "title: a\n", body: "", bodyLine: 4},
		{name: "closing fence at EOF", src: "---\ntitle: a\n---", fm: "title: a\n", body: "", bodyLine: 4},
		{name: "fences with trailing spaces", src: "--- \ntitle: a\n---\t\nx", fm: "title: a\n", body: "x", bodyLine: 4},
		{name: "multi-line front matter", src: "---\ntitle: a\ntags:\n  - x\n  - y\n---\n\n# H\n", fm: "title: a\ntags:\n  - x\n  - y\n", body: "\n# H\n", bodyLine: 7},
		{name: "dashes in body are not fences", src: "---\ntitle: a\n---\nx\n---\ny\n", fm: "title: a\n", body: "x\n---\ny\n", bodyLine: 4},
		{name: "empty front matter", src: "---\n---\nbody", fm: "", body: "body", bodyLine: 3},
		{name: "no front matter", src: "# Tiêu đề\n", wantErr: "thiếu phần đầu trang"},
		{name: "four dashes is not a fence", src: "----\ntitle: a\n----\n", wantErr: "thiếu phần đầu trang"},
		{name: "unclosed", src: "---\ntitle: a\nbody without closing\n", wantErr: "không có dòng '---' đóng lại"},
		{name: "empty file", src: "", wantErr: "thiếu phần đầu trang"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fm, body, line, err := Split([]byte(tc.src))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(fm) != tc.fm || string(body) != tc.body || line != tc.bodyLine {
				t.Errorf("Split = (%q, %q, %d), want (%q, %q, %d)", fm, body, line, tc.fm, tc.body, tc.bodyLine)
			}
		})
	}
}

func TestParseFrontMatterFields(t *testing.T) {
	loc := hcm(t)
	src := `title: "  Kế hoạch PAPI 2023  "
description: "Mô tả"
summary: "Tóm tắt"
date: 2023-02-08
lastmod: 2023-03-01T10:30:00+07:00
publishDate: "2023-02-09 08:00"
expiryDate: 2030-01-01
draft: true
weight: 10
slug: "ke-hoach-2023"
url: /ke-hoach/2023/
aliases: ["/cu/ke-hoach/", "/old/"]
tags: ["Kế hoạch", PAPI, 2023]
layout: wide
search: false
toc: true
translationKey: kh2023
so_hieu: "19/KH-UBND"
nested:
  a: 1
  b: [x, y]
`
	fm, probs := ParseFrontMatter("content/a.md", []byte(src), 2, loc)
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	check("Title", fm.Title, "Kế hoạch PAPI 2023")
	check("Description", fm.Description, "Mô tả")
	check("Summary", fm.Summary, "Tóm tắt")
	check("Date", fm.Date, time.Date(2023, 2, 8, 0, 0, 0, 0, loc))
	if !fm.Lastmod.Equal(time.Date(2023, 3, 1, 3, 30, 0, 0, time.UTC)) {
		t.Errorf("Lastmod = %v", fm.Lastmod)
	}
	check("PublishDate", fm.PublishDate, time.Date(2023, 2, 9, 8, 0, 0, 0, loc))
	check("ExpiryDate", fm.ExpiryDate, time.Date(2030, 1, 1, 0, 0, 0, 0, loc))
	check("Draft", fm.Draft, true)
	check("Weight", fm.Weight, 10)
	check("Slug", fm.Slug, "ke-hoach-2023")
	check("URL", fm.URL, "/ke-hoach/2023/")
	check("Aliases", fm.Aliases, []string{"/cu/ke-hoach/", "/old/"})
	check("Tags", fm.Tags, []string{"Kế hoạch", "PAPI", "2023"})
	check("Layout", fm.Layout, "wide")
	check("Search", fm.Search, false)
	if fm.TOC == nil || !*fm.TOC {
		t.Errorf("TOC = %v, want true", fm.TOC)
	}
	check("TranslationKey", fm.TranslationKey, "kh2023")
	check("Params[so_hieu]", fm.Params["so_hieu"], "19/KH-UBND")
	nested, ok := fm.Params["nested"].(map[string]any)
	if !ok {
		t.Fatalf("nested = %T, want map[string]any", fm.Params["nested"])
	}
	check("nested.a", nested["a"], 1)
	check("nested.b", nested["b"], []any{"x", "y"})
	// Dates in Params are the parsed times, so templates can format them.
	check("Params[date]", fm.Params["date"], time.Date(2023, 2, 8, 0, 0, 0, 0, loc))
	check("Line(weight)", fm.Line("weight"), 10)
	check("Line(nested)", fm.Line("nested"), 20)
	check("Line(absent)", fm.Line("absent"), 1)
}

func TestParseFrontMatterDefaults(t *testing.T) {
	fm, probs := ParseFrontMatter("content/a.md", []byte("title: A\n"), 2, hcm(t))
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if !fm.Search || fm.TOC != nil || fm.Draft || fm.Weight != 0 || !fm.Date.IsZero() || fm.Aliases != nil || fm.Tags != nil {
		t.Errorf("defaults wrong: %+v", fm)
	}
	fm, probs = ParseFrontMatter("content/a.md", []byte("title: 2023\n"), 2, hcm(t))
	if len(probs) != 0 || fm.Title != "2023" {
		t.Errorf("numeric title: %q %v", fm.Title, probs)
	}
}

// A page no longer in force: the status, written as the slug or in words,
// its date in the site's zone, and its replacement as written.
func TestParseFrontMatterStatus(t *testing.T) {
	loc := hcm(t)
	for _, status := range []string{"het-hieu-luc", "\"Hết hiệu lực\"", "HET-HIEU-LUC"} {
		src := "title: a\nstatus: " + status + "\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: \" /ke-hoach/moi/ \"\n"
		fm, probs := ParseFrontMatter("content/a.md", []byte(src), 2, loc)
		if len(probs) != 0 {
			t.Fatalf("status %s: %v", status, probs)
		}
		if fm.Status != StatusOutOfForce || !fm.OutOfForceFrom.Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, loc)) || fm.OutOfForceFrom.Location() != loc || fm.ReplacedBy != "/ke-hoach/moi/" {
			t.Errorf("status %s: got %q %v %q", status, fm.Status, fm.OutOfForceFrom, fm.ReplacedBy)
		}
		if fm.Params[KeyOutOfForceFrom] != fm.OutOfForceFrom {
			t.Errorf("Params[ngay_het_hieu_luc] = %v, want the parsed date", fm.Params[KeyOutOfForceFrom])
		}
	}
	for _, src := range []string{"title: a\n", "title: a\nstatus: con-hieu-luc\n", "title: a\nstatus:\n"} {
		fm, probs := ParseFrontMatter("content/a.md", []byte(src), 2, loc)
		if len(probs) != 0 || fm.Status != StatusInForce || !fm.OutOfForceFrom.IsZero() {
			t.Errorf("%q: status %q %v, problems %v", src, fm.Status, fm.OutOfForceFrom, probs)
		}
	}
}

func TestParseFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		// want lists "line: fragment" pairs, all of which must be found,
		// and nothing else.
		want []string
	}{
		{"title as list", "title: [a, b]\n", []string{"2:title: cần một chuỗi"}},
		{"title as map", "title:\n  a: b\n", []string{"2:title: cần một chuỗi"}},
		{"missing title", "description: x\n", []string{"1:thiếu tiêu đề"}},
		{"blank title", "title: \"   \"\n", []string{"2:thiếu tiêu đề"}},
		{"null title", "title:\n", []string{"2:thiếu tiêu đề"}},
		{"weight abc", "title: a\nweight: abc\n", []string{`3:weight: cần một số nguyên, ví dụ 'weight: 10', không phải "abc"`}},
		{"weight float", "title: a\nweight: 1.5\n", []string{"3:weight: cần một số nguyên"}},
		{"draft yes", "title: a\ndraft: \"yes\"\n", []string{`3:draft: cần true hoặc false, không phải "yes"`}},
		{"search string", "title: a\nsearch: \"no\"\n", []string{"3:search: cần true hoặc false"}},
		{"toc number", "title: a\ntoc: 1\n", []string{"3:toc: cần true hoặc false"}},
		{"tags as string", "title: a\ntags: \"PAPI, Kế hoạch\"\n", []string{"3:tags: cần một danh sách, ví dụ 'tags: [\"a\", \"b\"]'"}},
		{"aliases as string", "title: a\naliases: /cu/\n", []string{"3:aliases: cần một danh sách"}},
		{"tags with a map item", "title: a\ntags:\n  - a\n  - {x: y}\n", []string{"3:tags: mỗi mục phải là một chuỗi"}},
		{"slug as list", "title: a\nslug: [x]\n", []string{"3:slug: cần một chuỗi"}},
		{"url as map", "title: a\nurl: {a: b}\n", []string{"3:url: cần một chuỗi"}},
		{"day-first date", "title: a\ndate: 08/02/2023\n", []string{`3:date: ngày "08/02/2023" viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: "2023-02-08"`}},
		{"day-first dotted date", "title: a\nlastmod: 8.2.2023\n", []string{`3:lastmod: ngày "8.2.2023" viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: "2023-02-08"`}},
		{"garbage date", "title: a\npublishDate: hôm qua\n", []string{`3:publishDate: ngày "hôm qua" không hợp lệ`}},
		{"numeric date", "title: a\nexpiryDate: 2023\n", []string{`3:expiryDate: ngày "2023" không hợp lệ`}},
		{"impossible date", "title: a\ndate: 2023-02-30\n", []string{`3:date: ngày "2023-02-30" không hợp lệ`}},
		{"several at once", "title: [x]\nweight: abc\ndraft: yes please\ntags: one\ndate: 31/12/2023\n",
			[]string{"2:title: cần một chuỗi", "3:weight:", "4:draft:", "5:tags:", `6:date: ngày "31/12/2023"`}},
		{"invalid YAML names the line", "title: a\ndescription: x\nfoo: [\nbar: 1\n", []string{"4:YAML không hợp lệ"}},
		{"bad indentation names the line", "title: a\nx: 1\n  y: 2\n", []string{"4:YAML không hợp lệ"}},
		{"tab indentation", "title: a\nparams:\n\tx: 1\n", []string{"4:YAML không hợp lệ"}},
		{"not a mapping", "- a\n- b\n", []string{"2:YAML không hợp lệ"}},
		{"duplicate key", "title: a\ndraft: false\ntitle: b\n", []string{`4:khoá "title" xuất hiện hai lần (lần đầu ở dòng 2)`}},
		{"unknown status", "title: a\nstatus: bãi bỏ\n", []string{`3:status: giá trị "bãi bỏ" không hợp lệ; chỉ dùng het-hieu-luc (trang không còn hiệu lực) hoặc con-hieu-luc`}},
		{"status as number", "title: a\nstatus: 1\n", []string{`3:status: giá trị "1" không hợp lệ`}},
		{"out of force without its date", "title: a\nstatus: het-hieu-luc\n", []string{"3:trang không còn hiệu lực cần ngày hết hiệu lực: hãy thêm dòng 'ngay_het_hieu_luc: 2025-07-01'"}},
		{"out of force with a bad date", "title: a\nstatus: het-hieu-luc\nngay_het_hieu_luc: 1/7/2025\n", []string{`4:ngay_het_hieu_luc: ngày "1/7/2025" viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: "2025-07-01"`}},
		{"out of force with an impossible date", "title: a\nstatus: het-hieu-luc\nngay_het_hieu_luc: 2025-02-30\n", []string{`4:ngay_het_hieu_luc: ngày "2025-02-30" không hợp lệ`}},
		{"date without status", "title: a\nngay_het_hieu_luc: 2025-07-01\n", []string{"3:ngay_het_hieu_luc chỉ dùng cho trang không còn hiệu lực: hãy thêm dòng 'status: het-hieu-luc'"}},
		{"replacement while in force", "title: a\nstatus: con-hieu-luc\nthay_the_boi: /moi/\n", []string{"4:thay_the_boi chỉ dùng cho trang không còn hiệu lực"}},
		{"misspelt key", "title: a\ndraf: true\n", []string{`3:khoá "draf" không có; có phải ý bạn là "draft"?`}},
		{"plural of an absent key", "title: a\ndates: 2024-01-01\n", []string{`3:khoá "dates" không có; có phải ý bạn là "date"?`}},
		{"key in another case", "title: a\ndraft: false\nDraft: true\n", []string{`4:có phải ý bạn là "draft"?`}},
		{"publish_date", "title: a\npublish_date: 2024-01-01\n", []string{`3:có phải ý bạn là "publishDate"?`}},
		// A key written beside the one it is near, or extending it after
		// _ or -, is the page's own (read by its layout), not a typo.
		{"page keys near portal's", "title: a\ndate: 2024-01-01\ndates: [2024-02-01]\ntitles: [x]\nslug: a\nslugs: [b]\nweight: 1\nweights: [2]\nurl: /a/\nurls: [/b/]\nlayout: x\nlayouts: [y]\ndescription: d\n" +
			"description_en: e\nsummary_en: s\ntitle-goc: t\nurl_goc: u\ntag: t\nnguon: n\nquelle: q\n", nil},
		{"extended key alone", "title: a\ndescription_en: e\npublishDate-goc: 2020-01-01\n", nil},
		{"curly-quoted value", "title: “Kế hoạch”\n", []string{`2:giá trị nằm trong dấu ngoặc kép cong`}},
		{"curly-quoted list item", "title: a\ntags:\n  - “PAPI”\n", []string{`4:giá trị nằm trong dấu ngoặc kép cong`}},
		{"curly quotes after a block scalar", "title: a\ndescription: |\n  x\nsummary: “b”\n", []string{`5:giá trị nằm trong dấu ngoặc kép cong`}},
		// Block scalars hold text: its quotes, its lists and its colons
		// are the editor's own.
		{"curly quotes in block scalars", "title: a\ndescription: |\n  Các nội dung chính:\n  - “Công khai, minh bạch”\n\n  “Điều 5: Công khai”\nsummary: >-\n  “Trích nguyên văn.”\n" +
			"aliases:\n  - /a/\nnguon: |2\n    - “Luật số 10/2022/QH15”\ntags: [\"chỉ số “PAPI”\"]\n", nil},
		{"replacement as list", "title: a\nstatus: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: [/a/]\n", []string{"5:thay_the_boi: cần một chuỗi"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := ParseFrontMatter("content/x.md", []byte(tc.yaml), 2, hcm(t))
			assertProblems(t, probs, "content/x.md", tc.want)
		})
	}
}

// assertProblems checks that probs are exactly the "line:fragment" wants,
// each an error in file.
func assertProblems(t *testing.T, probs []*diag.Problem, file string, want []string) {
	t.Helper()
	if len(probs) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(probs), len(want), (diag.Errors)(probs).Error())
	}
	used := make([]bool, len(probs))
	for _, w := range want {
		lineStr, frag, _ := strings.Cut(w, ":")
		found := false
		for i, p := range probs {
			if !used[i] && p.File == file && p.Level == diag.Error && itoa(p.Line) == lineStr && strings.Contains(p.Msg, frag) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing problem %s:%s containing %q; got:\n%s", file, lineStr, frag, (diag.Errors)(probs).Error())
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseDate(t *testing.T) {
	loc := hcm(t)
	tests := []struct {
		in      any
		want    time.Time
		wantErr string
	}{
		{in: "2023-02-08", want: time.Date(2023, 2, 8, 0, 0, 0, 0, loc)},
		{in: " 2023-02-08 ", want: time.Date(2023, 2, 8, 0, 0, 0, 0, loc)},
		{in: "2023-02-08T09:15:00", want: time.Date(2023, 2, 8, 9, 15, 0, 0, loc)},
		{in: "2023-02-08 09:15", want: time.Date(2023, 2, 8, 9, 15, 0, 0, loc)},
		{in: "2023-02-08T09:15", want: time.Date(2023, 2, 8, 9, 15, 0, 0, loc)},
		{in: "2023-02-08T09:15:00+07:00", want: time.Date(2023, 2, 8, 2, 15, 0, 0, time.UTC)},
		{in: "2023-02-08T02:15:00Z", want: time.Date(2023, 2, 8, 2, 15, 0, 0, time.UTC)},
		{in: "2023-02-08T02:15:00.5Z", want: time.Date(2023, 2, 8, 2, 15, 0, 500_000_000, time.UTC)},
		// YAML decoders give bare dates as UTC midnight: that is the
		// calendar day in the site's zone, not 07:00 in Hà Nội.
		{in: time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC), want: time.Date(2023, 2, 8, 0, 0, 0, 0, loc)},
		// A YAML timestamp with a time keeps its instant.
		{in: time.Date(2023, 2, 8, 3, 0, 0, 0, time.UTC), want: time.Date(2023, 2, 8, 10, 0, 0, 0, loc)},
		{in: "08/02/2023", wantErr: `hãy viết năm-tháng-ngày: "2023-02-08"`},
		{in: "8/2/2023", wantErr: `"2023-02-08"`},
		{in: "08-02-2023", wantErr: `"2023-02-08"`},
		{in: "31.12.2023", wantErr: `"2023-12-31"`},
		{in: "2023/02/08", wantErr: "không hợp lệ"},
		{in: "ngày 8 tháng 2", wantErr: "không hợp lệ"},
		{in: 20230208, wantErr: "không hợp lệ"},
		{in: true, wantErr: "không hợp lệ"},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in, loc)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseDate(%#v) err = %v, want containing %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%#v): %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("ParseDate(%#v) = %v, want %v", tc.in, got, tc.want)
		}
		if got.Location() != tc.want.Location() && tc.want.Location() == loc {
			t.Errorf("ParseDate(%#v) zone = %v, want %v", tc.in, got.Location(), loc)
		}
	}
	// The same calendar day in another zone stays that day: the zone is
	// applied, not converted.
	utc, err := ParseDate("2023-02-08", time.UTC)
	if err != nil || utc.Day() != 8 || utc.Location() != time.UTC {
		t.Errorf("ParseDate in UTC = %v, %v", utc, err)
	}
}

// TestLoadFileInput covers what editors save: BOM, CRLF, NFD text and
// invalid UTF-8, all through LoadFile as the build reads them.
func TestLoadFileInput(t *testing.T) {
	loc := hcm(t)
	tests := []struct {
		name      string
		src       string
		title     string
		body      string
		bodyLine  int
		wantLine  int
		wantError string
	}{
		{name: "BOM", src: "\xef\xbb\xbf---\ntitle: Có BOM\n---\nx\n", title: "Có BOM", body: "x\n", bodyLine: 4},
		{name: "CRLF", src: "---\r\ntitle: Dòng Windows\r\ntags: [a]\r\n---\r\nmột\r\nhai\r\n", title: "Dòng Windows", body: "một\nhai\n", bodyLine: 5},
		{name: "lone CR", src: "---\rtitle: Mac cũ\r---\rx", title: "Mac cũ", body: "x", bodyLine: 4},
		{name: "two BOMs", src: "\xef\xbb\xbf\xef\xbb\xbf---\ntitle: a\n---\nb\n", title: "a", body: "b\n", bodyLine: 4},
		{name: "BOM and CRLF", src: "\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nb\r\n", title: "a", body: "b\n", bodyLine: 4},
		{name: "NFD to NFC", src: "---\ntitle: \"Ke\u0302\u0301 hoa\u0323ch\"\n---\nTho\u0302ng tin\n", title: "Kế hoạch", body: "Thông tin\n", bodyLine: 4},
		{name: "invalid UTF-8 names the line", src: "---\ntitle: a\n---\nmột\nhai \xff\xfe ba\n", wantLine: 5, wantError: "UTF-8"},
		{name: "Windows-1258 in title", src: "---\ntitle: K\xea ho\xb9ch\n---\n", wantLine: 2, wantError: "UTF-8"},
		{name: "NUL byte", src: "---\ntitle: a\n---\nx\ny\x00\n", wantLine: 5, wantError: "NUL"},
		{name: "C1 control names the line", src: "---\ntitle: \"a\"\n---\nx\ny\u0085z\n", wantLine: 5, wantError: "U+0085"},
		{name: "escape names the line", src: "---\ntitle: a\n---\n\n\n\x1b[0m\n", wantLine: 6, wantError: "U+001B"},
		{name: "DEL", src: "---\ntitle: a\n---\nx\x7f\n", wantLine: 4, wantError: "U+007F"},
		{name: "NUL wins over an earlier control", src: "---\ntitle: a\n---\n\x01\nx\x00\n", wantLine: 5, wantError: "NUL"},
		{name: "unclosed front matter", src: "---\ntitle: a\nbody\n", wantLine: 1, wantError: "không có dòng '---' đóng lại"},
		{name: "missing front matter", src: "# Tiêu đề\n", wantLine: 1, wantError: "thiếu phần đầu trang"},
		{name: "bad YAML after CRLF keeps lines", src: "---\r\ntitle: a\r\nx: 1\r\n  y: 2\r\n---\r\n", wantLine: 4, wantError: "YAML không hợp lệ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			testkit.WriteFile(t, root, "content/a/trang.md", []byte(tc.src))
			f, probs := LoadFile(root, "a/trang.md", loc)
			if tc.wantError != "" {
				if f != nil {
					t.Errorf("file loaded despite error")
				}
				assertProblems(t, probs, "content/a/trang.md", []string{itoa(tc.wantLine) + ":" + tc.wantError})
				return
			}
			if len(probs) != 0 {
				t.Fatal(probs)
			}
			if f.FM.Title != tc.title || string(f.Body) != tc.body || f.BodyLine != tc.bodyLine {
				t.Errorf("got title %q body %q line %d; want %q %q %d", f.FM.Title, f.Body, f.BodyLine, tc.title, tc.body, tc.bodyLine)
			}
			if f.Path != "a/trang.md" || f.Name() != "content/a/trang.md" || !f.Markdown {
				t.Errorf("file identity wrong: %+v", f)
			}
		})
	}
}

// YAML 1.1 turned yes/no/y/n into booleans; front matter follows YAML 1.2
// like site.yaml, so these words stay text.
func TestFrontMatterYAML12(t *testing.T) {
	fm, probs := ParseFrontMatter("content/a.md", []byte("title: a\ntags: [y, n, yes, no, on, off]\ncode: 010\n"), 2, hcm(t))
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if want := []string{"y", "n", "yes", "no", "on", "off"}; !reflect.DeepEqual(fm.Tags, want) {
		t.Errorf("Tags = %q, want %q", fm.Tags, want)
	}
	_, probs = ParseFrontMatter("content/a.md", []byte("title: a\ndraft: yes\n"), 2, hcm(t))
	assertProblems(t, probs, "content/a.md", []string{`3:draft: cần true hoặc false, không phải "yes"`})
}

// Text fields that YAML reads as numbers or booleans keep the editor's
// spelling: "1.10" is a chapter, not 1.1.
func TestScalarTextKept(t *testing.T) {
	for _, tc := range []struct {
		yaml, title string
		tags        []string
	}{
		{"title: 1.10\n", "1.10", nil},
		{"title: 017\n", "017", nil},
		{"title: 0x1F\n", "0x1F", nil},
		{"title: 12345678901234567890123\n", "12345678901234567890123", nil},
		{"title: .inf\n", ".inf", nil},
		{"title: yes\n", "yes", nil},
		{"title: 2.50 # chương\n", "2.50", nil},
		{"title: a\ntags: [1.10, \"b\", 2.0]\n", "a", []string{"1.10", "b", "2.0"}},
		{"title: a\ntags:\n  - 007\n  - true\n", "a", []string{"007", "true"}},
	} {
		fm, probs := ParseFrontMatter("content/a.md", []byte(tc.yaml), 2, hcm(t))
		if len(probs) != 0 {
			t.Errorf("%q: %v", tc.yaml, probs)
			continue
		}
		if fm.Title != tc.title || !slices.Equal(fm.Tags, tc.tags) {
			t.Errorf("%q: title %q tags %q, want %q %q", tc.yaml, fm.Title, fm.Tags, tc.title, tc.tags)
		}
	}
}

// A key taken with a merge key ("<<: *anchor") is reported where it is
// written, in the anchored mapping; a key written beside the merge wins
// over the merged one, and so does the first of several merged mappings.
func TestFrontMatterMergeKeyLines(t *testing.T) {
	yml := "title: \"Gộp\"\n" + // line 2
		"chung: &chung\n" + // 3
		"  url: \"/../etc/\"\n" + // 4
		"  tags: \"x\"\n" + // 5
		"  weight: 1.5\n" + // 6
		"khac: &khac\n" + // 7
		"  weight: 2\n" + // 8
		"  draft: \"có\"\n" + // 9
		"<<: [*chung, *khac]\n" + // 10
		"weight: 1.25\n" // 11
	fm, probs := ParseFrontMatter("content/a.md", []byte(yml), 2, hcm(t))
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		`content/a.md:5: tags: cần một danh sách`,
		`content/a.md:9: draft: cần true hoặc false`,
		`content/a.md:11: weight: cần một số nguyên`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %s, want %s…", i, got[i], want[i])
		}
	}
	if fm == nil || fm.Line("url") != 4 {
		t.Errorf("url line = %v, want 4", fm.Lines)
	}
}

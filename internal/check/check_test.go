package check

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/internal/build"
	"portal/internal/diag"
	"portal/internal/testkit"
)

var now = time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)

// goodSite copies the "good" fixture, a site every rule passes, and
// applies edits (path → new text; "" deletes the file).
func goodSite(t *testing.T, edits map[string]string) string {
	t.Helper()
	dst := testkit.Site(t, "good")
	for rel, text := range edits {
		if text == "" {
			if err := os.Remove(filepath.Join(dst, filepath.FromSlash(rel))); err != nil {
				t.Fatal(err)
			}
			continue
		}
		testkit.WriteFile(t, dst, rel, text)
	}
	return dst
}

func run(t *testing.T, dir string) []*diag.Problem {
	t.Helper()
	fs, err := Run(Options{Source: dir, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestGoodSitePassesEveryRule(t *testing.T) {
	if fs := run(t, goodSite(t, nil)); len(fs) != 0 {
		for _, f := range fs {
			t.Error(f)
		}
	}
}

const page = "content/gioi-thieu/muc-dich.md"

func withBody(body string) string {
	return "---\ntitle: \"Mục đích của cổng\"\ndescription: \"Vì sao có cổng thông tin này.\"\n---\n" + body
}

func TestRules(t *testing.T) {
	bigCSS := make([]byte, 64<<10)
	_, _ = rand.Read(bigCSS)
	cases := []struct {
		name  string
		edits map[string]string
		// want: file, line (-1: any), level and a piece of the message.
		file  string
		line  int
		level diag.Level
		msg   string
	}{
		{"broken link in layout", map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<a href=\"{{ relURL \"khong-co/\" }}\">Trang không có</a>{{ end }}\n"},
			"public/gioi-thieu/muc-dich/index.html", 0, Error, `liên kết tới "/khong-co/": không có trang`},
		{"broken link from a shortcode maps to Markdown", map[string]string{page: withBody("Đoạn đầu.\n\n{{< lienket url=\"/khong-co/\" text=\"Trang bị mất\" >}}\n")},
			page, 7, Error, `liên kết tới "/khong-co/"`},
		{"missing anchor", map[string]string{page: withBody("Đoạn đầu.\n\n{{< lienket url=\"/gioi-thieu/#khong-co\" text=\"Phần không có\" >}}\n")},
			page, 7, Error, "không có phần nào có mã #khong-co"},
		{"missing image file", map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<img src=\"/anh/khong-co.png\" alt=\"Ảnh\">{{ end }}\n"},
			"public/gioi-thieu/muc-dich/index.html", 0, Error, `tệp dùng trong <img src> tới "/anh/khong-co.png"`},
		{"orphan page", map[string]string{
			"content/trang-le.md":        "---\ntitle: \"Trang lẻ\"\ndescription: \"Không ai liên kết tới.\"\n---\nNội dung.\n",
			"layouts/_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"},
			"content/trang-le.md", 1, Warning, "không trang nào liên kết tới trang này"},
		{"title too long", map[string]string{page: strings.Replace(withBody("Nội dung.\n"), "Mục đích của cổng", strings.Repeat("Tiêu đề rất dài ", 6), 1)},
			page, 2, Warning, "tiêu đề dài 95 ký tự, quá 70"},
		{"missing description", map[string]string{page: "---\ntitle: \"Mục đích của cổng\"\n---\nNội dung.\n"},
			page, 2, Warning, "thiếu mô tả"},
		{"description too long", map[string]string{page: strings.Replace(withBody("Nội dung.\n"), "Vì sao có cổng thông tin này.", strings.Repeat("Mô tả dài. ", 20), 1)},
			page, 3, Warning, "mô tả dài 219 ký tự, quá 160"},
		{"duplicate titles", map[string]string{"content/gioi-thieu/ban-sao.md": "---\ntitle: \"Mục Đích của cổng\"\ndescription: \"Bản sao.\"\n---\nKhác.\n"},
			"content/gioi-thieu/ban-sao.md", 2, Error, "trùng với content/gioi-thieu/muc-dich.md"},
		{"future date", map[string]string{"content/gioi-thieu/sap-toi.md": "---\ntitle: \"Sắp tới\"\ndescription: \"Chưa tới ngày.\"\ndate: 2030-01-01\n---\nSau.\n"},
			"content/gioi-thieu/sap-toi.md", 4, Warning, "ngày 1 tháng 1 năm 2030 còn ở tương lai"},
		{"numeric date in a Vietnamese page", map[string]string{page: withBody("Đoạn đầu.\n\nKế hoạch 19/KH-UBND ban hành 8/2/2023.\n")},
			page, 7, Warning, `hãy viết "ngày 8 tháng 2 năm 2023"`},
		{"eth instead of Đ in a Vietnamese page", map[string]string{page: withBody("Đoạn đầu.\n\n\u00d0iều 5 của luật.\n")},
			page, 7, Warning, "trong \"\u00d0iều\", chữ \"\u00d0\" (U+00D0) trông giống \"Đ\""},
		{"eth inside a word of a title", map[string]string{page: strings.Replace(withBody("Nội dung.\n"), "Mục đích", "Mục \u0111\u00f0ích", 1)},
			page, 2, Warning, "trong \"\u0111\u00f0ích\", chữ \"\u00f0\" (U+00F0) trông giống \"đ\""},
		{"pipe rows without a delimiter row", map[string]string{page: withBody("Đoạn đầu.\n\n| Năm | Điểm |\n| 2023 | 42,50 |\n")},
			page, 7, Error, "table without a delimiter row"},
		{"numeric date in a file with old-Mac line ends", map[string]string{page: strings.ReplaceAll(withBody("Đoạn đầu.\n\nBan hành 8/2/2023.\n"), "\n", "\r")},
			page, 7, Warning, "numeric date"},
		{"expired", map[string]string{"content/gioi-thieu/het-han.md": "---\ntitle: \"Hết hạn\"\ndescription: \"Đã hết hạn.\"\nexpiryDate: 2024-12-31\n---\nCũ.\n"},
			"content/gioi-thieu/het-han.md", 4, Warning, "đã hết hạn ngày 31 tháng 12 năm 2024"},
		{"image without alt in Markdown", map[string]string{page: withBody("Đoạn đầu.\n\n![](anh.png)\n"), "content/gioi-thieu/anh.png": "\x89PNG\r\n\x1a\n"},
			page, 7, Error, "thiếu văn bản thay thế"},
		{"image without alt attribute in a layout", map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<img src=\"{{ asset \"css/style.css\" }}\">{{ end }}\n"},
			"public/gioi-thieu/muc-dich/index.html", 0, Error, "thiếu văn bản thay thế"},
		{"heading level skipped", map[string]string{page: withBody("## Phần một\n\nChữ.\n\n#### Phần sâu\n\nChữ.\n")},
			page, 9, Error, "đề mục h4 \"Phần sâu\" đứng sau h2"},
		{"empty link", map[string]string{page: withBody("Đoạn đầu.\n\nXem [](_index.md) nhé.\n")},
			page, 7, Error, "không có chữ"},
		{"vague link text", map[string]string{page: withBody("Đoạn đầu.\n\nMuốn biết thêm, bấm [tại đây](_index.md).\n")},
			page, 7, Warning, `chữ liên kết "tại đây"`},
		{"table without header row", map[string]string{page: withBody("Đoạn đầu.\n\n{{< bang o=\"Ô đầu tiên\" >}}\n")},
			page, 7, Error, "bảng không có hàng tiêu đề"},
		{"html lang missing", map[string]string{"layouts/_default/baseof.html": strings.Replace(readGood(t, "layouts/_default/baseof.html"), ` lang="{{ .Lang }}"`, "", 1)},
			"public/404.html", 0, Error, "thiếu thuộc tính lang"},
		{"required data missing from footer", map[string]string{"layouts/partials/footer.html": "<footer><h2>Liên hệ</h2><p><a href=\"{{ relURL \"so-do-trang/\" }}\">Sơ đồ trang</a></p></footer>\n"},
			"public/404.html", 0, Error, "chân trang không hiện Điện thoại (lien-he.dien_thoai)"},
		{"unconfirmed value shown as placeholder is fine but listed", map[string]string{"data/lien-he.yaml": strings.Replace(readGood(t, "data/lien-he.yaml"), "value: \"0221 3 862 000\"\n  confirmed: true", "value: \"\"\n  confirmed: false", 1)},
			"data/lien-he.yaml", 5, Warning, "dien_thoai (Điện thoại) chưa được xác nhận"},
		{"unconfirmed value not shown", map[string]string{
			"data/lien-he.yaml":            strings.Replace(readGood(t, "data/lien-he.yaml"), "confirmed: true\ndien_thoai", "confirmed: true\ndien_thoai", 1),
			"layouts/partials/footer.html": "<footer><h2>Liên hệ</h2><p>Cơ quan: Ủy ban nhân dân thành phố Hưng Yên</p><p><a href=\"{{ relURL \"so-do-trang/\" }}\">Sơ đồ trang</a></p></footer>\n"},
			"public/404.html", 0, Error, `cần "0221 3 862 000"`},
		{"no sitemap page", map[string]string{"content/so-do-trang/_index.md": "---\ntitle: \"Sơ đồ trang\"\ndescription: \"Mọi trang của cổng.\"\n---\n"},
			"content", 0, Error, "thiếu trang sơ đồ trang"},
		{"sitemap misses a page", map[string]string{"layouts/_default/sitemap.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Site.Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"},
			page, 0, Error, "không có trong sơ đồ trang"},
		{"page over budget", map[string]string{"static/css/style.css": ".x{content:\"" + hex.EncodeToString(bigCSS) + "\"}\n"},
			page, 0, Error, "vượt ngân sách 50 KB"},
		{"photo over the hard limit", map[string]string{page: withBody("Đoạn đầu.\n\n![Hội nghị](to.png)\n"), "content/gioi-thieu/to.png": noisePNG(t, 900, 800)},
			page, 7, Error, "ảnh content/gioi-thieu/to.png nặng 2.7 MB, vượt giới hạn 2048 KB cho một ảnh"},
		{"photo over the limit site.yaml sets", map[string]string{page: withBody("Đoạn đầu.\n\n![Hội nghị](vua.png)\n"), "content/gioi-thieu/vua.png": noisePNG(t, 300, 300), "site.yaml": strings.Replace(readGood(t, "site.yaml"), "pageBudgetKB: 50", "pageBudgetKB: 50\n  photoMaxKB: 200", 1)},
			page, 7, Error, "vượt giới hạn 200 KB cho một ảnh"},
		{"heavy photo warned by the build", map[string]string{page: withBody("Đoạn đầu.\n\n![Hội nghị](vua.png)\n"), "content/gioi-thieu/vua.png": noisePNG(t, 400, 400)},
			page, 7, Warning, "hãy thu nhỏ ảnh còn khoảng 1600 px chiều rộng"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := run(t, goodSite(t, c.edits))
			for _, f := range fs {
				if f.File == c.file && (c.line < 0 || f.Line == c.line) && f.Level == c.level && strings.Contains(f.Msg, c.msg) {
					return
				}
			}
			t.Errorf("no %s at %s:%d containing %q; got:", c.level, c.file, c.line, c.msg)
			for _, f := range fs {
				t.Log(f)
			}
		})
	}
}

func readGood(t *testing.T, rel string) string {
	t.Helper()
	return testkit.ReadFile(t, testkit.Fixture(t, "good"), rel)
}

func TestLayoutMistakeReportedOnce(t *testing.T) {
	dir := goodSite(t, map[string]string{"layouts/partials/footer.html": strings.Replace(readGood(t, "layouts/partials/footer.html"), "</footer>", "<a href=\"/mat/\">Mất</a></footer>", 1)})
	n := 0
	for _, f := range run(t, dir) {
		if strings.Contains(f.Msg, `"/mat/"`) {
			n++
			if !strings.Contains(f.Msg, "trang khác") {
				t.Errorf("grouped finding does not say how many pages: %s", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("a footer mistake reported %d times; want once", n)
	}
}

// TestLayoutMistakeReportedOnceOffline: an offline copy writes the same
// layout link relative to each page ("../mat/index.html"), and it is still
// one mistake for build --strict --offline, not one per folder depth.
func TestLayoutMistakeReportedOnceOffline(t *testing.T) {
	dir := goodSite(t, map[string]string{"layouts/partials/footer.html": strings.Replace(readGood(t, "layouts/partials/footer.html"), "</footer>", "<a href=\"/mat/\">Mất</a><a href=\"/#khong-co\">Lên</a></footer>", 1)})
	var fs []*diag.Problem
	_, err := build.Build(build.Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public"), Now: now, Offline: true, Review: Gate(Options{Source: dir, Now: now})})
	var failed *build.Failed
	if !errors.As(err, &failed) {
		t.Fatalf("build --strict --offline with a broken footer link: %v; want a failed review", err)
	}
	fs = failed.Problems
	for _, needle := range []string{"mat/index.html", "#khong-co"} {
		n := 0
		for _, f := range fs {
			if strings.Contains(f.Msg, needle) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("a footer mistake (%s) reported %d times offline; want once:\n%v", needle, n, fs)
		}
	}
}

func TestBuildFailureIsAFinding(t *testing.T) {
	dir := goodSite(t, map[string]string{page: withBody("Xem [trang](khong-co.md).\n")})
	fs := run(t, dir)
	if !HasErrors(fs) || fs[0].File != page || fs[0].Line != 5 {
		t.Errorf("findings %v; want the build's broken-link error at %s:5", fs, page)
	}
}

func TestFindingString(t *testing.T) {
	f := &diag.Problem{File: "content/a.md", Line: 3, Level: Warning, Msg: "x"}
	if Format(f) != "content/a.md:3: warning: x" {
		t.Error(Format(f))
	}
	f.Line = 0
	if Format(f) != "content/a.md: warning: x" {
		t.Error(Format(f))
	}
}

func TestNumericDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "d/m/y", or "" for none
	}{
		{"ban hành 8/2/2023.", "8/2/2023"},
		{"ngày 17/05/2019 và 1/7/2023", "17/05/2019"},
		{"Nghị định 20/2008/NĐ-CP", ""},
		{"Luật 10/2022/QH15", ""},
		{"số 123/12/2023", ""},
		{"đường dẫn /tin/08/02/2023/", ""},
		{"8/2/20234", ""},
		{"32/1/2023 hay 1/13/2023", ""},
		{"tỉ lệ 3/4", ""},
		{"", ""},
		// A quotation keeps the quoted text's dates; outside it they count.
		{"theo “Kế hoạch số 19/KH-UBND ngày 8/2/2023” của Ủy ban", ""},
		{"“trích dẫn” rồi ngày 9/3/2024", "9/3/2024"},
		{"“chưa đóng 8/2/2023", ""},
	} {
		d, m, y, ok := numericDate(c.in)
		got := ""
		if ok {
			got = d + "/" + m + "/" + y
		}
		if got != c.want {
			t.Errorf("numericDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Titles that differ only in diacritics are different words, not
// duplicates ("Bài một", "Bãi mốt").
func TestTitlesDifferingInDiacritics(t *testing.T) {
	fs := run(t, goodSite(t, map[string]string{"content/gioi-thieu/khac.md": "---\ntitle: \"Mục đích của cộng\"\ndescription: \"Khác.\"\n---\nKhác.\n"}))
	for _, f := range fs {
		if strings.Contains(f.Msg, "duplicate title") {
			t.Errorf("reported as a duplicate: %v", f)
		}
	}
}

// The English half is checked by the same rules, and its alias pages are
// redirects, not pages missing a footer.
func TestEnglishPagesChecked(t *testing.T) {
	dir := testkit.Portal(t)
	about := "content/en/ve-papi/_index.md"
	testkit.WriteFile(t, dir, about, strings.Replace(testkit.ReadFile(t, dir, about), "weight:", "aliases: [\"/en/old-about/\"]\nweight:", 1))
	testkit.WriteFile(t, dir, "content/en/ve-papi/thu.md", "---\ntitle: \""+strings.Repeat("Long title ", 9)+"\"\n---\n![](/favicon.svg)\n")
	fs, err := Run(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"title too long": false, "missing description": false}
	for _, f := range fs {
		for k := range want {
			if f.File == "content/en/ve-papi/thu.md" && strings.Contains(f.Msg, k) {
				want[k] = true
			}
		}
		if strings.Contains(f.File, "old-about") {
			t.Errorf("alias page checked as a page: %v", f)
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("no %q finding for the English page; got %v", k, fs)
		}
	}
}

// The same mistake on two lines is two findings, each at its line; a
// broken link the layout writes is one finding about the layout, not a
// line of some page that happens to hold the same words.
func TestRepeatedAndLayoutFindings(t *testing.T) {
	fs := run(t, goodSite(t, map[string]string{
		page:                           withBody("Đoạn đầu, về Liên hệ.\n\nBấm [xem thêm](_index.md).\n\nHoặc [xem thêm](_index.md).\n"),
		"layouts/_default/baseof.html": strings.Replace(readGood(t, "layouts/_default/baseof.html"), "<main", "<a href=\"/lien-he-cu/\">Liên hệ</a><main", 1),
	}))
	vague := map[int]bool{}
	layout := 0
	for _, f := range fs {
		if f.File == page && strings.Contains(f.Msg, `"xem thêm"`) {
			vague[f.Line] = true
		}
		if strings.Contains(f.Msg, "/lien-he-cu/") {
			if f.File == page {
				t.Errorf("layout link blamed on the Markdown: %v", f)
			}
			layout++
		}
	}
	if !vague[7] || !vague[9] {
		t.Errorf("vague links at lines %v, want 7 and 9; got %v", vague, fs)
	}
	if layout != 1 {
		t.Errorf("layout's broken link reported %d times, want once; got %v", layout, fs)
	}
}

func TestFindLinesHeadings(t *testing.T) {
	body := []byte("Mở đầu.\n\n#### Chi tiết thêm\n\nChữ.\n\n#### Chi tiết {#rieng}\n\n#### Chi tiết ##\n")
	if got := findLines(body, []string{"#### Chi tiết", "Chi tiết"}); !slices.Equal(got, []int{7, 9}) {
		t.Errorf("lines = %v, want [7 9]", got)
	}
	if got := findLines(body, []string{"## Không có", "Chữ."}); !slices.Equal(got, []int{5}) {
		t.Errorf("fallback lines = %v, want [5]", got)
	}
}

// A broken link in the built pages names the address nearest to it, when
// one is near; a far-off one gets no guess.
func TestBrokenLinkSuggestion(t *testing.T) {
	for _, c := range []struct {
		href, want string
	}{
		{"gioi-thieu/muc-dic/", `liên kết tới "/gioi-thieu/muc-dic/": không có trang hay tệp nào ở địa chỉ này (broken link); có phải ý bạn là "/gioi-thieu/muc-dich/"?`},
		{"Giới-thiệu/", `liên kết tới "/Gi%e1%bb%9bi-thi%e1%bb%87u/": không có trang hay tệp nào ở địa chỉ này (broken link); có phải ý bạn là "/gioi-thieu/"?`},
		{"hoan-toan-khac/", `liên kết tới "/hoan-toan-khac/": không có trang hay tệp nào ở địa chỉ này (broken link)`},
	} {
		dir := goodSite(t, map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<a href=\"{{ relURL \"" + c.href + "\" }}\">Trang</a>{{ end }}\n"})
		var got []string
		for _, f := range run(t, dir) {
			if strings.Contains(f.Msg, "broken link") {
				got = append(got, f.Msg)
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: findings %q; want %q", c.href, got, c.want)
		}
	}
}

// noisePNG is a PNG of random pixels: it does not compress, so its
// weight is about 4 bytes a pixel.
func noisePNG(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	_, _ = rand.Read(img.Pix)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

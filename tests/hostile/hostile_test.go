package hostile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"portal/internal/testkit"
)

const post = "content/tin-tuc/bai-hai.md"

// hostileCase is one bad or awkward input. Its files are the overlay in
// testdata/cases/NAME (when that folder exists) plus whatever setup writes;
// inputs too big or too odd to commit (huge files, symlinks, modes) are
// made by setup.
type hostileCase struct {
	name  string
	setup func(t *testing.T, src string)
	// errs, when set, are exactly the problems the build must report.
	errs []want
	// cause, when set, is a phrase of the one cause the build must report
	// first (a folder or layout it cannot read, see diag.Problem.Cause);
	// errs are then the editors' mistakes besides it, none when nil.
	cause string
	// check, when set, inspects the output of a build that must succeed.
	check func(t *testing.T, dest string)
	// warns, when set, are exactly the warnings the build must give.
	warns []want
}

// maxBuild bounds the time of one build of these tiny sites, generated
// monsters included, on a loaded two-core machine with the race detector.
const maxBuild = 60 * time.Second

func TestHostileInputs(t *testing.T) {
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			if c.errs == nil && c.check == nil && c.warns == nil && c.cause == "" {
				t.Fatal("case has no expectation")
			}
			fails := c.errs != nil || c.cause != ""
			overlay := filepath.Join("testdata/cases", c.name)
			if _, err := os.Stat(overlay); err != nil {
				overlay = ""
			}
			src, dest := testkit.Site(t, "small"), filepath.Join(t.TempDir(), "public")
			if fails {
				// A good build first: the previous output that a failed
				// build must leave exactly as it was.
				if _, err := buildSite(src, dest, true); err != nil {
					t.Fatalf("base site does not build: %v", err)
				}
			}
			var before testkit.Tree
			if fails {
				before = testkit.Snapshot(t, dest)
			}
			if overlay != "" {
				testkit.CopyTree(t, overlay, src)
			}
			if c.setup != nil {
				c.setup(t, src)
			}
			res, took, err := buildResult(src, dest, fails)
			if took > maxBuild {
				t.Errorf("build took %v, more than %v", took, maxBuild)
			}
			if c.warns != nil {
				matchProblems(t, warningsOf(res, err), c.warns)
			}
			if fails {
				if err == nil {
					t.Fatal("build succeeded; want it refused")
				}
				if c.cause != "" {
					matchCause(t, err, c.cause)
				} else if len(problemsOf(t, err)) != len(mistakesOf(t, err)) {
					t.Errorf("a cause reported for an editor's mistake:\n%v", err)
				}
				matchProblems(t, mistakesOf(t, err), c.errs)
				if d := testkit.Diff(before, testkit.Snapshot(t, dest)); len(d) > 0 {
					t.Errorf("failed build changed the previous output: %v", d)
				}
				return
			}
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if c.check != nil {
				c.check(t, dest)
			}
		})
	}
}

// writePost writes the post with the front matter lines extra after its
// title, so they start at line 3.
func writePost(extra string) func(t *testing.T, src string) {
	return func(t *testing.T, src string) {
		testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\n"+extra+"---\n## Mục đích\n\nNội dung.\n")
	}
}

func pageOut(t *testing.T, dest string) string {
	return testkit.ReadFile(t, dest, "tin-tuc/bai-hai/index.html")
}

func hostileCases() []hostileCase {
	return append(photoCases(), []hostileCase{
		// --- front matter: YAML the way people really type it
		{name: "yaml-tab-indent", errs: []want{{post + ":4:", "dòng này thụt lề bằng phím Tab, YAML chỉ nhận dấu cách (tab indentation)"}}},
		{name: "yaml-duplicate-key", errs: []want{{post + ":4:", `khoá "title" xuất hiện hai lần (lần đầu ở dòng 2)`}}},
		{name: "yaml-alias-bomb", errs: []want{{post + ":2:", "document contains excessive aliasing"}}},
		{name: "yaml-list-front-matter", errs: []want{{post + ":2:", "front matter must be a mapping"}}},
		{name: "title-number", check: func(t *testing.T, dest string) {
			mustContain(t, pageOut(t, dest), "<h1>2023</h1>", "numeric title shown as text")
		}},
		{name: "title-mapping", errs: []want{{post + ":2:", "title: cần một chuỗi văn bản"}}},
		{name: "tags-not-list", errs: []want{{post + ":3:", "tags: cần một danh sách"}}},
		{name: "date-day-first", errs: []want{{post + ":3:", `hãy viết năm-tháng-ngày: "2023-02-08"`}}},
		{name: "date-impossible", errs: []want{{post + ":4:", `date: ngày "2023-13-45" không hợp lệ`}}},
		{name: "date-words", errs: []want{{post + ":3:", `lastmod: ngày "hôm qua" không hợp lệ`}}},
		{name: "front-matter-unclosed", errs: []want{{post + ":1:", "không có dòng '---' đóng lại"}}},
		{name: "front-matter-missing", errs: []want{{post + ":1:", "thiếu phần đầu trang (front matter)"}}},
		{name: "draft-yes-string", errs: []want{{post + ":3:", `draft: cần true hoặc false, không phải "có"`}}},
		{name: "weight-float", errs: []want{{post + ":3:", "weight: cần một số nguyên"}}},

		// --- a page no longer in force, marked the wrong way
		{name: "status-unknown", setup: writePost("status: bãi bỏ\n"),
			errs: []want{{post + ":3:", `status: giá trị "bãi bỏ" không hợp lệ; chỉ dùng het-hieu-luc (trang không còn hiệu lực) hoặc con-hieu-luc`}}},
		{name: "status-date-day-first", setup: writePost("status: het-hieu-luc\nngay_het_hieu_luc: 01/07/2025\n"),
			errs: []want{{post + ":4:", `ngay_het_hieu_luc: ngày "01/07/2025" viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: "2025-07-01"`}}},
		{name: "status-without-date", setup: writePost("status: het-hieu-luc\n"),
			errs: []want{{post + ":3:", "trang không còn hiệu lực cần ngày hết hiệu lực"}}},
		{name: "status-replacement-broken", setup: writePost("status: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: /duong-dan/trang-moi/\n"),
			errs: []want{{post + ":5:", `thay_the_boi: liên kết tới "/duong-dan/trang-moi/": không có trang hay tệp nào ở địa chỉ này (broken link)`}}},
		{name: "status-replacement-script", setup: writePost("status: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: \"javascript:alert(1)\"\n"),
			errs: []want{{post + ":5:", `thay_the_boi: "javascript:alert(1)" không phải một địa chỉ trang`}}},
		{name: "status-replacement-anchor", setup: writePost("status: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: \"bai-mot.md#khong-co\"\n"),
			errs: []want{{post + ":5:", "liên kết tới #khong-co: content/tin-tuc/bai-mot.md không có đề mục nào có mã này"}}},
		{name: "status-replacement-out-of-force", setup: func(t *testing.T, src string) {
			writePost("status: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: bai-mot.md\n")(t, src)
			testkit.WriteFile(t, src, "content/tin-tuc/bai-mot.md", "---\ntitle: \"Bài một\"\nstatus: het-hieu-luc\nngay_het_hieu_luc: 2025-01-01\n---\nCũ.\n")
		}, warns: []want{{post + ":5:", "thay_the_boi: trang content/tin-tuc/bai-mot.md cũng không còn hiệu lực"}}},
		{name: "status-on-section", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/_index.md", "---\ntitle: \"Tin tức\"\nstatus: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\n---\n")
		}, errs: []want{{"content/tin-tuc/_index.md:3:", "status: het-hieu-luc chỉ dùng cho một trang, không dùng cho trang chủ hay trang mục"}}},
		{name: "status-out-of-force", setup: writePost("status: het-hieu-luc\nngay_het_hieu_luc: 2025-07-01\nthay_the_boi: bai-mot.md\n"), check: func(t *testing.T, dest string) {
			// The small site's layouts know nothing of the state: the page
			// is still built at its address, and leaves the section's list.
			mustContain(t, pageOut(t, dest), "<h1>Bài hai</h1>", "page no longer in force still built")
			mustNotContain(t, testkit.ReadFile(t, dest, "tin-tuc/index.html"), "bai-hai/", "section list")
		}},

		// --- encodings, line ends, invisible characters
		// A heading whose text makes the id the base layout gives <main>
		// (the skip link's target) gets another; {#noi-dung} is refused.
		{name: "heading-layout-id", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\n---\n## Nội dung\n\nVăn bản.\n")
		}, check: func(t *testing.T, dest string) {
			page := pageOut(t, dest)
			if n := strings.Count(page, `id="noi-dung"`); n != 1 || !strings.Contains(page, `<h2 id="noi-dung-1">Nội dung</h2>`) {
				t.Errorf("id noi-dung %d times, want once, the heading noi-dung-1:\n%s", n, page)
			}
		}},
		{name: "heading-layout-id-explicit", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\n---\n## Mục {#noi-dung}\n")
		}, errs: []want{{post + ":4:", "mã đề mục #noi-dung trùng với một mã mà mẫu trình bày (layouts/) đã dùng trên trang"}}},
		{name: "line-ends-crlf", check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustContain(t, p, "<h1>Bài CRLF</h1>", "title")
			mustContain(t, p, "<h2 id=\"muc-dich\">Mục đích</h2>\n<p>Dòng một\ndòng hai.</p>", "body with LF line ends")
			mustNotContain(t, p, "\r", "CR left in output")
		}},
		{name: "line-ends-cr", check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustContain(t, p, "<h1>Bài CR</h1>", "title")
			mustContain(t, p, "<h2 id=\"muc-dich\">Mục đích</h2>\n<p>Dòng một\ndòng hai.</p>", "body with LF line ends")
			mustNotContain(t, p, "\r", "CR left in output")
		}},
		{name: "bom", check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustContain(t, p, "<h1>Bài BOM</h1>", "title after a BOM")
			mustNotContain(t, p, "\ufeff", "BOM in output")
		}},
		{name: "latin1-bytes", errs: []want{{post + ":6:", "văn bản không phải UTF-8 hợp lệ (invalid UTF-8)"}}},
		{name: "nul-byte", errs: []want{{post + ":6:", "NUL byte"}}},
		{name: "nfd-name-and-text", check: func(t *testing.T, dest string) {
			p := testkit.ReadFile(t, dest, "tin-tuc/muc-dich/index.html")
			mustContain(t, p, "<h1>Mục đích, yêu cầu</h1>", "NFC title")
			mustContain(t, p, `<h2 id="doi-tuong">Đối tượng</h2>`, "NFC heading and folded id")
			if !norm.NFC.IsNormalString(p) {
				t.Error("output is not NFC")
			}
		}},
		{name: "zero-width", check: func(t *testing.T, dest string) {
			p := testkit.ReadFile(t, dest, "tin-tuc/ke-hoach-2023/index.html")
			mustContain(t, p, `<h2 id="muc-dich">`, "heading id without zero-width characters")
		}},
		{name: "control-chars", errs: []want{{post + ":2:", "control characters are not allowed"}}},
		{name: "control-chars-body", errs: []want{{post + ":6:", "ký tự điều khiển vô hình U+0008; hãy xoá nó (control character)"}}},

		// --- size: generated, never committed
		{name: "line-1mb", setup: func(t *testing.T, src string) {
			line := strings.Repeat("Cải cách hành chính ", 1<<20/len("Cải cách hành chính "))
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Dòng dài\"\n---\n"+line+"\n\n**cuối**\n"))
		}, check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustContain(t, p, "<p><strong>cuối</strong></p>", "text after a 1 MB line")
			if len(p) < 1<<20 {
				t.Errorf("page is %d bytes; the 1 MB line is missing", len(p))
			}
		}},
		{name: "file-too-large", setup: func(t *testing.T, src string) {
			// A sparse file: its size is over the limit, its disk use is nil.
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Lớn\"\n---\n"))
			if err := os.Truncate(filepath.Join(src, post), 40<<20); err != nil {
				t.Fatal(err)
			}
		}, errs: []want{{post + ":", "tệp quá lớn (40 MB, tối đa 32 MB) (file too large)"}}},
		{name: "nested-lists-10000", setup: func(t *testing.T, src string) {
			// "- - - x" opens a list inside a list on one line.
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Danh sách sâu\"\n---\n"+strings.Repeat("- ", 10000)+"mục\n\nđoạn cuối\n"))
		}, check: func(t *testing.T, dest string) {
			mustContain(t, pageOut(t, dest), "<p>đoạn cuối</p>", "text after 10,000 nested lists")
		}},
		{name: "nested-quotes-10000", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Trích dẫn sâu\"\n---\n"+strings.Repeat(">", 10000)+" trích\n\nđoạn cuối\n"))
		}, check: func(t *testing.T, dest string) {
			mustContain(t, pageOut(t, dest), "<p>đoạn cuối</p>", "text after 10,000 nested quotes")
		}},
		{name: "nested-brackets-10000", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Ngoặc sâu\"\n---\n"+strings.Repeat("[", 10000)+"x"+strings.Repeat("](https://example.org/)", 10000)+"\n\n"+strings.Repeat("*", 5000)+"y"+strings.Repeat("*", 5000)+"\n\nđoạn cuối\n"))
		}, check: func(t *testing.T, dest string) {
			mustContain(t, pageOut(t, dest), "<p>đoạn cuối</p>", "text after 10,000 brackets")
		}},
		{name: "nested-yaml-100000", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"YAML sâu\"\nx: "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n---\nNội dung.\n"))
		}, errs: []want{{post + ":3:", "YAML không hợp lệ"}}},

		// --- heading attributes: ids and classes reach the table of
		// contents and links, so only what portal itself makes is taken
		{name: "heading-attributes", errs: []want{
			{post + ":5:", `mã đề mục (heading id) "a\"><script>alert(1)</script>" không hợp lệ`},
			{post + ":7:", `thuộc tính "onclick" không dùng được cho đề mục`},
			{post + ":7:", `thuộc tính "style" không dùng được cho đề mục`},
			{post + ":9:", `lớp (class) "a b<c" của đề mục không hợp lệ`},
			{post + ":11:", `mã đề mục (heading id) "muc:1" không hợp lệ`},
		}},

		// Shortcodes once stood in the text as tokens while goldmark ran:
		// words that look like one stay words.
		{name: "shortcode-lookalike-text", check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustContain(t, p, `<h2 id="ma-pxsc0x">Mã pxsc0x</h2>`, "heading")
			mustContain(t, p, "<p>Mã pxsc0x, pxsc1x và pxscq0x là chữ của trang.</p>", "paragraph")
			mustContain(t, p, `<p class="callout-title">pxsc0x</p><p>Ghi chú pxsc0x.</p>`, "shortcode")
			if n := strings.Count(p, "<aside"); n != 1 {
				t.Errorf("the callout is written %d times", n)
			}
		}},

		// Long lists and tables are many small paragraphs to the parser,
		// not one huge one.
		{name: "list-and-table-2600-rows", setup: func(t *testing.T, src string) {
			body := strings.Repeat("- *một* [hai](https://example.org/) _ba_ *bốn*\n", 2600) + "\n| a | b |\n|---|---|\n" +
				strings.Repeat("| *một* [hai](https://example.org/) | _ba_ *bốn* |\n", 2600) + "\nđoạn cuối\n"
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Danh sách dài\"\n---\n"+body))
		}, check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustContain(t, p, "<p>đoạn cuối</p>", "text after the list and the table")
			if n := strings.Count(p, "<li>"); n != 2600 {
				t.Errorf("%d list items, want 2600", n)
			}
		}},
		// An image inside the text is removed: data:image/svg+xml can
		// carry script, and nothing checks or sizes it.
		{name: "image-data-url", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nẢnh: ![biểu đồ](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n"))
		}, check: func(t *testing.T, dest string) {
			p := pageOut(t, dest)
			mustNotContain(t, p, "data:image", "data URL")
			mustContain(t, p, "<p>Ảnh: biểu đồ</p>", "the image's description as text")
		}, warns: []want{{post + ":4:", "(data URL image removed)"}}},

		// --- charts: numbers a program reads but a reader cannot, and more
		// points than a page can carry, are refused with the data file's
		// row, at the shortcode's line
		{name: "chart-non-finite", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/shortcodes/chart.html", []byte("{{ chart .Params .Page.Lang }}"))
			testkit.WriteFile(t, src, "data/lon.csv", []byte("nam,v\n2022,1\n2023,1e308\n2024,-1e308\n"))
			testkit.WriteFile(t, src, "data/nan.csv", []byte("nam,v\n2022,1\n2023,NaN\n"))
			testkit.WriteFile(t, src, "data/vo-cuc.csv", []byte("nam,v\n2022,Inf\n2023,1\n"))
			testkit.WriteFile(t, src, "data/tran.csv", []byte("nam,v\n2022,1e400\n"))
			testkit.WriteFile(t, src, "data/tot.csv", []byte("nam,v\n2022,1\n2023,2\n"))
			var body strings.Builder
			for _, d := range []string{"lon", "nan", "vo-cuc", "tran"} {
				fmt.Fprintf(&body, "{{< chart type=\"line\" data=%q x=\"nam\" y=\"v\" title=%q >}}\n\n", d, "Biểu đồ "+d)
			}
			body.WriteString("{{< chart type=\"bar\" data=\"tot\" x=\"nam\" y=\"v\" max=\"1e308\" title=\"Trục xa\" >}}\n")
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\n"+body.String()))
		}, errs: []want{
			{post + ":4:", `giá trị 1e308 ở cột "v" của tệp dữ liệu "lon" (dòng 3) quá lớn để vẽ`},
			{post + ":6:", `giá trị "NaN" ở cột "v" của tệp dữ liệu "nan" (dòng 3) không phải là một số hữu hạn`},
			{post + ":8:", `giá trị "Inf" ở cột "v" của tệp dữ liệu "vo-cuc" (dòng 2) không phải là một số hữu hạn`},
			{post + ":10:", `giá trị "1e400" ở cột "v" của tệp dữ liệu "tran" (dòng 2) không phải là một số hữu hạn`},
			{post + ":12:", "tham số max: 1e308 vượt quá giới hạn của biểu đồ"},
		}},
		{name: "chart-200000-rows-20-charts", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/shortcodes/chart.html", []byte("{{ chart .Params .Page.Lang }}"))
			var csv bytes.Buffer
			csv.WriteString("ma,a,b\n")
			for i := range 200000 {
				fmt.Fprintf(&csv, "%d,%d,%d\n", i, i%100, i%7)
			}
			testkit.WriteFile(t, src, "data/lon.csv", csv.Bytes())
			var body strings.Builder
			for i := range 20 {
				fmt.Fprintf(&body, "{{< chart type=\"line\" data=\"lon\" x=\"ma\" y=\"a|b\" title=\"Biểu đồ %d\" >}}\n\n", i)
			}
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\n"+body.String()))
		}, errs: func() []want {
			var w []want
			for i := range 20 {
				w = append(w, want{fmt.Sprintf("%s:%d:", post, 4+2*i), "có 400000 điểm cần vẽ (200000 hạng mục × 2 chuỗi số liệu); một biểu đồ vẽ tối đa 2000 điểm"})
			}
			return w
		}()},

		// --- addresses that are not what they look like (issue 17)
		// A bidi control character makes "/tai-lieu\u202Efdp.exe/" show as
		// "/tai-lieuexe.pdf/": it is left out of the address, with a
		// warning at its line, wherever an address is written.
		{name: "url-bidi-controls", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\nurl: \"/tai-lieu\u202Efdp.exe/\"\naliases: [\"/cu/\u2066bai-hai\u2069/\"]\n---\nB\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-ba.md", []byte("---\ntitle: \"Bài ba\"\nslug: \"bai\u200F-ba\u061C\"\n---\nC\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-bon/index.md", []byte("---\ntitle: \"Bài bốn\"\n---\n[Tải](bao-cao\u202Efdp.exe)\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-bon/bao-cao\u202Efdp.exe", []byte("MZ"))
			testkit.WriteFile(t, src, "static/tai-ve/mau\u202Bdon.txt", []byte("mẫu đơn"))
		}, check: func(t *testing.T, dest string) {
			mustContain(t, testkit.ReadFile(t, dest, "tai-lieufdp.exe/index.html"), "<h1>Bài hai</h1>", "page at the url without the override")
			mustContain(t, testkit.ReadFile(t, dest, "cu/bai-hai/index.html"), "/tai-lieufdp.exe/", "alias without the isolates")
			mustContain(t, testkit.ReadFile(t, dest, "tin-tuc/bai-ba/index.html"), "<h1>Bài ba</h1>", "page at the slug without the marks")
			mustContain(t, testkit.ReadFile(t, dest, "tin-tuc/bai-bon/index.html"), `href="/tin-tuc/bai-bon/bao-caofdp.exe"`, "link to the bundle file")
			testkit.ReadFile(t, dest, "tin-tuc/bai-bon/bao-caofdp.exe")
			testkit.ReadFile(t, dest, "tai-ve/maudon.txt")
			files := testkit.Snapshot(t, dest)
			for name := range files {
				if strings.ContainsAny(name, "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C") {
					t.Errorf("published %+q", name)
				}
			}
		}, warns: []want{
			{post + ":3:", "url: có ký tự đảo chiều văn bản vô hình U+202E"},
			{post + ":4:", "aliases: có ký tự đảo chiều văn bản vô hình U+2066"},
			{"content/tin-tuc/bai-ba.md:3:", "slug: có ký tự đảo chiều văn bản vô hình U+200F"},
			// The name is shown escaped: the character would turn the
			// message's line around too.
			{`content/tin-tuc/bai-bon/bao-cao\u202efdp.exe:`, "U+202E"},
			{`static/tai-ve/mau\u202bdon.txt:`, "U+202B"},
		}},
		// A menu cannot run script: html/template would publish
		// "#ZgotmplZ" for it, and nobody would be told.
		{name: "menu-script-url", setup: func(t *testing.T, src string) {
			appendSiteYAML(t, src, "menus:\n"+ // 5
				"  main:\n"+ // 6
				"    - name: \"Trang chủ\"\n"+ // 7
				"      url: \"/\"\n"+ // 8
				"    - name: \"Xấu\"\n"+ // 9
				"      url: \"javascript:alert(1)\"\n"+ // 10
				"    - {name: \"Xấu hai\", url: \" JaVa\\tScript:alert(1)\"}\n"+ // 11
				"    - name: \"Dữ liệu\"\n"+ // 12
				"      weight: 3\n"+ // 13
				"      url: \"data:text/html,<script>alert(1)</script>\"\n"+ // 14
				"    - {name: \"VB\", url: \"vbscript:msgbox(1)\"}\n"+ // 15
				"    - {name: \"Tệp\", url: \"file:///etc/passwd\"}\n"+ // 16
				"    - {name: \"Thư\", url: \"mailto:vanphong@example.org\"}\n"+ // 17
				"    - {name: \"Ngoài\", url: \"https://example.org/\"}\n") // 18
		}, errs: []want{
			{"site.yaml:10:", `mục "Xấu" trỏ tới "javascript:alert(1)": địa chỉ javascript: chạy mã`},
			{"site.yaml:11:", `mục "Xấu hai" trỏ tới " JaVa\tScript:alert(1)": địa chỉ javascript: chạy mã`},
			{"site.yaml:14:", `mục "Dữ liệu" trỏ tới "data:text/html,<script>alert(1)</script>": địa chỉ data: chạy mã`},
			{"site.yaml:15:", "địa chỉ vbscript: chạy mã"},
			{"site.yaml:16:", "chỉ dùng được địa chỉ http:, https:, mailto: hoặc tel: (unsafe menu URL)"},
		}},
		// A value taken with a YAML merge key is reported where it is
		// written, in the anchored mapping, not at the page's first line.
		{name: "yaml-merge-key-lines", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\n"+
				"title: \"Bài hai\"\n"+ // 2
				"chung: &chung\n"+ // 3
				"  url: \"/../etc/\"\n"+ // 4
				"  draft: \"không\"\n"+ // 5
				"<<: *chung\n"+ // 6
				"---\nB\n"))
			appendSiteYAML(t, src, "  mau: &mau\n"+ // 5, in params
				"    url: \"javascript:alert(1)\"\n"+ // 6
				"menus:\n"+ // 7
				"  main:\n"+ // 8
				"    - <<: *mau\n"+ // 9
				"      name: \"Mẫu\"\n") // 10
		}, errs: []want{
			{post + ":5:", `draft: cần true hoặc false, không phải "không"`},
			{"site.yaml:6:", `mục "Mẫu" trỏ tới "javascript:alert(1)"`},
		}},
		{name: "yaml-merge-key-url", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\nchung: &chung\n  weight: 2\n  url: \"/../etc/\"\n<<: *chung\n---\nB\n"))
		}, errs: []want{{post + ":5:", "url: \"/../etc/\" không được chứa '.' hay '..'"}}},
		// "bаi-mot" with a Cyrillic "а" publishes an address that looks
		// exactly like /tin-tuc/bai-mot/; Vietnamese names are Latin.
		{name: "name-mixed-scripts", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/b\u0430i-mot.md", []byte("---\ntitle: \"Giả\"\n---\nB\n"))
			testkit.WriteFile(t, src, "content/th\u043eng-bao/_index.md", []byte("---\ntitle: \"Thông báo\"\n---\n"))
			testkit.WriteFile(t, src, "content/th\u043eng-bao/lich.md", []byte("---\ntitle: \"Lịch\"\n---\nL\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bài-viết-đồng-ý.md", []byte("---\ntitle: \"Tiếng Việt\"\n---\nV\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/tieng-nga.md", []byte("---\ntitle: \"Nga\"\nslug: \"m\u043eskva\"\n---\nN\n"))
			testkit.WriteFile(t, src, "static/anh/l\u03bfgo.png", []byte("\x89PNG\r\n\x1a\n"))
		}, check: func(t *testing.T, dest string) {
			testkit.ReadFile(t, dest, "tin-tuc/bai-viet-dong-y/index.html")
			testkit.ReadFile(t, dest, "tin-tuc/b\u0430i-mot/index.html")
		}, warns: []want{
			{"content/tin-tuc/b\u0430i-mot.md:", "từ \"b\u0430i\" trộn chữ La-tinh với chữ Kirin"},
			// The folder is named once, not with each file in it.
			{"content/th\u043eng-bao:", "từ \"th\u043eng\" trộn chữ La-tinh với chữ Kirin"},
			{"content/tin-tuc/tieng-nga.md:3:", "slug: từ \"m\u043eskva\" trộn chữ La-tinh với chữ Kirin"},
			{"static/anh/l\u03bfgo.png:", "trộn chữ La-tinh với chữ Hy Lạp"},
		}},

		// --- URLs that collide or try to leave the output folder
		{name: "url-duplicate", errs: []want{{post + ":3:", "trang này và content/tin-tuc/bai-mot.md cùng có địa chỉ /tin-tuc/bai-mot/"}}},
		{name: "fold-collision", errs: []want{{"content/tin-tuc/Đồng.md:1:", "trang này và content/tin-tuc/Dong.md cùng có địa chỉ /tin-tuc/dong/"}}},
		{name: "case-collision", errs: []want{{"content/tin-tuc/a.md:1:", "trang này và content/tin-tuc/A.md cùng có địa chỉ /tin-tuc/a/"}}},
		{name: "slug-dotdot", errs: []want{{post + ":3:", "(slug must be one path segment)"}}},
		{name: "url-dotdot", errs: []want{{post + ":3:", "path escapes the site"}}},
		{name: "url-percent-dotdot", errs: []want{{post + ":3:", "chứa ký tự không được phép"}}},
		{name: "url-backslash", errs: []want{{post + ":3:", "chứa ký tự không được phép"}}},
		{name: "url-other-host", errs: []want{{post + ":3:", "must be a site path"}}},
		{name: "alias-protocol-relative", errs: []want{{post + ":3:", "must be a site path"}}},
		{name: "alias-nul", errs: []want{{post + ":3:", "control character"}}},
		{name: "url-absolute-etc", check: func(t *testing.T, dest string) {
			mustContain(t, testkit.ReadFile(t, dest, "etc/passwd/index.html"), "<h1>Bài hai</h1>", "page inside the output")
		}},
		{name: "alias-collides-page", errs: []want{{post + ":3:", "/tin-tuc/bai-mot/"}}},
		// CSS and JS are published under fingerprinted names only: a link
		// to the plain name must follow.
		{name: "link-to-static-script", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "static/vendor/lib.js", []byte("var x = 1;\n"))
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\n[Tải thư viện](/vendor/lib.js)\n"))
		}, check: func(t *testing.T, dest string) {
			m := regexp.MustCompile(`href="/(vendor/lib\.[0-9a-f]+\.js)"`).FindStringSubmatch(pageOut(t, dest))
			if m == nil {
				t.Fatalf("no link to the fingerprinted script in %s", pageOut(t, dest))
			}
			testkit.ReadFile(t, dest, m[1])
		}},
		// Nothing loads from another host: an image from one is refused.
		{name: "image-other-host", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nẢnh:\n\n![Bản đồ](https://upload.example.com/a.png)\n\n![Logo](//cdn.example.com/b.png)\n"))
		}, errs: []want{
			{post + ":6:", "external image"},
			{post + ":8:", "external image"},
		}},
		// A draft bundle's files are as unpublished as its text.
		{name: "draft-bundle-files", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/bai-nhap/index.md", []byte("---\ntitle: \"Bài nháp\"\ndraft: true\n---\nChưa công bố.\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-nhap/tai-lieu-mat.pdf", []byte("%PDF-1.4 bí mật"))
			testkit.WriteFile(t, src, "content/tin-tuc/sap-toi/index.md", []byte("---\ntitle: \"Sắp tới\"\npublishDate: 2999-01-01\n---\nChưa tới ngày.\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/sap-toi/anh.png", []byte("\x89PNG\r\n\x1a\n"))
		}, check: func(t *testing.T, dest string) {
			for _, f := range []string{"tin-tuc/bai-nhap", "tin-tuc/sap-toi"} {
				if _, err := os.Stat(filepath.Join(dest, f)); !os.IsNotExist(err) {
					t.Errorf("%s published (%v)", f, err)
				}
			}
		}},
		// One output file, two writers: the last would win, silently.
		{name: "url-index-html-over-home", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\nurl: \"/index.html\"\n---\nB\n"))
		}, errs: []want{{post + ":3:", "cùng được ghi ra tệp index.html"}}},
		{name: "alias-index-html-over-home", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\naliases: [\"/index.html\"]\n---\nB\n"))
		}, errs: []want{{post + ":3:", "alias collides with a page"}}},
		{name: "alias-over-search-index", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\naliases: [\"/search/manifest.json\"]\n---\nB\n"))
		}, errs: []want{{post + ":3:", "alias collides with a generated file"}}},
		{name: "url-over-manifest", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\nurl: \"/.portal-manifest\"\n---\nB\n"))
		}, errs: []want{{post + ":3:", "URL collides with a generated file"}}},
		{name: "content-file-over-generated", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/sitemap.xml", []byte("EVIL"))
			testkit.WriteFile(t, src, "content/tin-tuc/index.xml", []byte("EVIL"))
			testkit.WriteFile(t, src, "content/search/manifest.json", []byte("{}"))
		}, errs: []want{
			{"content/sitemap.xml:", "file collides with a generated file"},
			{"content/tin-tuc/index.xml:", "file collides with a generated file"},
			{"content/search/manifest.json:", "file collides with a generated file"},
		}},
		// A sitemap over 50,000 URLs is split into sitemap-1.xml,
		// sitemap-2.xml…: those names are the build's, however few pages
		// the site has today.
		{name: "over-sitemap-parts", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/sitemap-1.xml", []byte("<urlset/>"))
			testkit.WriteFile(t, src, "static/Sitemap-2.xml", []byte("<urlset/>"))
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\nurl: \"/sitemap-3.xml\"\n---\nB\n"))
		}, errs: []want{
			{"content/sitemap-1.xml:", "file collides with a generated file"},
			{"static/Sitemap-2.xml:", "static file collides with a generated file"},
			{post + ":3:", "URL collides with a generated file"},
		}},
		{name: "static-over-search-index", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "static/search/manifest.json", []byte("{}"))
		}, errs: []want{{"static/search/manifest.json:", "static file collides with a generated file"}}},
		{name: "section-over-tag-index", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tags/_index.md", []byte("---\ntitle: \"Chủ đề\"\n---\n"))
		}, errs: []want{{"content/tags/_index.md:1:", "URL collides with a generated file"}}},
		{name: "page-over-other-language", setup: func(t *testing.T, src string) {
			yaml, err := os.ReadFile(filepath.Join(src, "site.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			testkit.WriteFile(t, src, "site.yaml", append(yaml, "languages:\n  en:\n    name: \"English\"\n    title: \"Test portal\"\n"...))
			testkit.WriteFile(t, src, "content/en/_index.md", []byte("---\ntitle: \"Home\"\n---\n"))
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\naliases: [\"/en/\"]\n---\nB\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-ba.md", []byte("---\ntitle: \"Bài ba\"\nurl: \"/en/search/manifest.json\"\n---\nB\n"))
		}, errs: []want{
			{post + ":3:", "output collides across languages"},
			{"content/tin-tuc/bai-ba.md:3:", "output collides across languages"},
		}},
		// A page, alias or file in the place of a folder another needs:
		// the second written would fail with "is a directory", naming
		// neither (issue 17). The editor's address is blamed at its line.
		{name: "url-over-static-file", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "static/_headers", "/*\n  X-Frame-Options: DENY\n")
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\nurl: \"/_headers\"\n---\nB\n")
		}, errs: []want{{post + ":3:", "trang này (địa chỉ /_headers/) ghi ra _headers/index.html, cần thư mục _headers/, nhưng tệp tĩnh static/_headers ghi ra một tệp đúng tên đó"}}},
		{name: "url-under-page-file", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\nurl: \"/tin-tuc/bai-mot/index.html/x/\"\n---\nB\n")
		}, errs: []want{{post + ":3:", "cần thư mục tin-tuc/bai-mot/index.html/, nhưng trang content/tin-tuc/bai-mot.md ghi ra một tệp đúng tên đó"}}},
		{name: "alias-under-page-file", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\naliases: [\"/tin-tuc/bai-mot/index.html/cu/\"]\n---\nB\n")
		}, errs: []want{{post + ":3:", "aliases: bí danh /tin-tuc/bai-mot/index.html/cu/ ghi ra tin-tuc/bai-mot/index.html/cu/index.html"}}},
		{name: "static-file-over-section", setup: func(t *testing.T, src string) {
			// One mistake, however many pages the section holds.
			testkit.WriteFile(t, src, "static/tin-tuc", "x")
		}, errs: []want{{"static/tin-tuc:", "tệp tĩnh này ghi ra tệp tin-tuc, nhưng"}}},
		{name: "static-file-over-tag-pages", setup: func(t *testing.T, src string) {
			// A file where portal's own tag pages need their folder.
			testkit.WriteFile(t, src, "static/tags", "x")
		}, errs: []want{{"static/tags:", "nhưng portal cần thư mục cùng tên"}}},

		// --- folders nested deeper than any outline (issue 17: 200 levels
		// were reported as a layout's runaway recursion)
		{name: "content-too-deep", setup: func(t *testing.T, src string) {
			dir := "content/sau"
			for i := range 200 {
				testkit.WriteFile(t, src, dir+"/_index.md", fmt.Sprintf("---\ntitle: \"Mục %d\"\n---\nx\n", i))
				dir += fmt.Sprintf("/m%d", i+1)
			}
		}, errs: []want{{"content/sau/m1/m2/m3/m4/m5/m6/m7/m8/m9/m10/m11/m12/m13/m14/m15/m16:", "thư mục lồng quá sâu: 17 cấp dưới content/, tối đa 16 cấp"}}},
		{name: "content-16-deep", setup: func(t *testing.T, src string) {
			dir := "content/sau"
			for i := range 16 {
				testkit.WriteFile(t, src, dir+"/_index.md", fmt.Sprintf("---\ntitle: \"Mục %d\"\n---\nx\n", i))
				dir += fmt.Sprintf("/m%d", i+1)
			}
		}, check: func(t *testing.T, dest string) {
			testkit.ReadFile(t, dest, "sau/m1/m2/m3/m4/m5/m6/m7/m8/m9/m10/m11/m12/m13/m14/m15/index.html")
		}},

		// --- causes: a folder or layout the build cannot use is reported
		// once, first, and nothing that follows from it is counted as an
		// editor's mistake (issue 17: layouts/ unreadable gave 216 errors,
		// the cause last). Folders root cannot be kept from reading are in
		// TestUnreadableFolder.
		{name: "layouts-is-a-file", setup: func(t *testing.T, src string) {
			replaceWithFile(t, src, "layouts")
		}, cause: "layouts không phải thư mục mà là một tệp"},
		{name: "data-is-a-file", setup: func(t *testing.T, src string) {
			replaceWithFile(t, src, "data")
		}, cause: "data không phải thư mục mà là một tệp"},
		{name: "layouts-missing", setup: func(t *testing.T, src string) {
			if err := os.RemoveAll(filepath.Join(src, "layouts")); err != nil {
				t.Fatal(err)
			}
		}, cause: "không có thư mục layouts/"},
		{name: "layout-fallback-missing", setup: func(t *testing.T, src string) {
			if err := os.Remove(filepath.Join(src, "layouts/_default/single.html")); err != nil {
				t.Fatal(err)
			}
		}, cause: `layouts/_default/single.html: không có mẫu trình bày này, mà các trang loại "page" không có mẫu riêng đều cần`},
		{name: "layouts-is-a-file-and-a-mistake", setup: func(t *testing.T, src string) {
			// A mistake in a file that was read is still the editor's.
			replaceWithFile(t, src, "layouts")
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\ndate: 08/02/2023\n---\nB\n")
		}, cause: "layouts không phải thư mục", errs: []want{{post + ":3:", `"2023-02-08"`}}},

		{name: "symlink-loop", setup: func(t *testing.T, src string) {
			dir := filepath.Join(src, "content/tin-tuc")
			symlink(t, "vong-b.md", filepath.Join(dir, "vong-a.md"))
			symlink(t, "vong-a.md", filepath.Join(dir, "vong-b.md"))
		}, errs: []want{
			{"content/tin-tuc/vong-a.md:", "broken or looping symlink"},
			{"content/tin-tuc/vong-b.md:", "broken or looping symlink"},
		}},
		{name: "symlink-etc-passwd", setup: func(t *testing.T, src string) {
			symlink(t, "/etc/passwd", filepath.Join(src, "static/passwd.txt"))
			symlink(t, "/etc", filepath.Join(src, "content/tin-tuc/etc"))
		}, errs: []want{
			{"content/tin-tuc/etc:", "symlink points outside the site"},
			{"static/passwd.txt:", "symlink points outside the site"},
		}},
		{name: "symlink-inside", setup: func(t *testing.T, src string) {
			symlink(t, "bai-mot.md", filepath.Join(src, "content/tin-tuc/bai-hai.md"))
		}, check: func(t *testing.T, dest string) {
			// A link to a file inside the site is followed like a copy.
			mustContain(t, pageOut(t, dest), "<h1>Bài một</h1>", "page from a symlink inside the site")
		}},
		{name: "symlink-top-folder-inside", setup: func(t *testing.T, src string) {
			// data/ and static/ that link to folders kept elsewhere in the
			// site are read through the link, not found empty.
			for _, d := range []string{"data", "static"} {
				if err := os.Rename(filepath.Join(src, d), filepath.Join(src, "chung-"+d)); err != nil {
					t.Fatal(err)
				}
				symlink(t, "chung-"+d, filepath.Join(src, d))
			}
		}, check: func(t *testing.T, dest string) {
			if css, _ := filepath.Glob(filepath.Join(dest, "css/style.*.css")); len(css) != 1 {
				t.Errorf("stylesheet from the linked static/ not published: %v", css)
			}
		}},
		{name: "symlink-top-folder-outside", setup: func(t *testing.T, src string) {
			out := t.TempDir()
			testkit.CopyTree(t, filepath.Join(src, "data"), out)
			if err := os.RemoveAll(filepath.Join(src, "data")); err != nil {
				t.Fatal(err)
			}
			symlink(t, out, filepath.Join(src, "data"))
		}, errs: []want{{"data:", "symlink points outside the site"}}},
		{name: "unreadable-file", setup: func(t *testing.T, src string) {
			p := filepath.Join(src, post)
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Khoá\"\n---\n"))
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(p, 0o644) })
			if f, err := os.Open(p); err == nil {
				f.Close()
				t.Skip("this user (root?) can read a mode 000 file; nothing to test")
			}
		}, errs: []want{{post + ":", "permission denied"}}},

		// --- layouts
		{name: "template-missing-partial", errs: []want{{"layouts/_default/single.html:3:", "layouts/partials/khong-co.html (missing partial)"}}},
		{name: "template-recursive-partial", errs: []want{{"layouts/partials/footer.html:2:", `partial "footer.html": gọi lồng nhau quá 64 lần`}}},
		{name: "template-wrong-type", errs: []want{{"layouts/_default/single.html:3:", "add"}}},
		{name: "template-missing-function", errs: []want{{"layouts/_default/single.html:3:", `"ngayThangNam"`}}},
		{name: "template-unclosed-block", errs: []want{{"layouts/_default/list.html:6:", "unexpected EOF"}}},
		// relURL and absURL return a URL html/template writes as it is: a
		// front matter or data value given to them with a scheme that runs
		// script ("javascript://%0a…" holds "://" as a web address does) is
		// refused at the layout's line, naming the page.
		{name: "template-url-from-data", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/_default/single.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n"+
				"{{ with .Params.link }}<a href=\"{{ relURL . }}\">x</a>{{ end }}\n{{ with .Params.goc }}<a href=\"{{ absURL . }}\">y</a>{{ end }}\n{{ end }}")
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\nlink: \"javascript://%0aalert(1)\"\n---\nB\n")
			testkit.WriteFile(t, src, "content/tin-tuc/bai-mot.md", "---\ntitle: \"Bài một\"\ngoc: \" DATA:text/html,x\"\n---\nA\n")
		}, errs: []want{
			{"layouts/_default/single.html:2:", `địa chỉ "javascript://%0aalert(1)" dùng javascript:`},
			{"layouts/_default/single.html:3:", `địa chỉ " DATA:text/html,x" dùng data:`},
		}},

		// --- data files
		{name: "data-yaml-bad", errs: []want{{"data/lien-he.yaml:2:", `YAML không hợp lệ (invalid YAML): dấu ngoặc " mở ở dòng 2 chưa được đóng`}}},
		{name: "data-json-bad", errs: []want{{"data/chi-so.json:4:", "JSON không hợp lệ"}}},
		{name: "data-csv-ragged", errs: []want{{"data/diem.csv:3:", "CSV không hợp lệ"}}},

		// --- shortcodes, images, links
		// The layout's errorf says the editor's mistake at the call, with
		// the shortcode's name once and nothing of the template engine.
		{name: "shortcode-bad-argument", errs: []want{{post + ":6:", `mã ngắn "callout": type "danger" không hợp lệ; dùng note, warning hoặc info`}}},
		{name: "shortcode-unknown", errs: []want{{post + ":6:", `mã ngắn "video" không tồn tại: không có tệp layouts/shortcodes/video.html (unknown shortcode); các mã ngắn có: callout`}}},
		{name: "shortcode-misspelt", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nMở đầu.\n\n{{< calout >}}\nChú ý.\n{{< /calout >}}\n"))
		}, errs: []want{{post + ":6:", `mã ngắn "calout" không tồn tại: không có tệp layouts/shortcodes/calout.html (unknown shortcode); có phải ý bạn là "callout"? Các mã ngắn có: callout`}}},
		{name: "shortcode-unclosed", errs: []want{{post + ":6:", "thiếu '>}}'"}}},
		{name: "shortcode-not-closed", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nMở đầu.\n\n{{< callout >}}\nQuên thẻ đóng.\n"))
		}, errs: []want{{post + ":6:", "unclosed shortcode"}}},
		{name: "shortcode-self-closed", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nMở đầu.\n\n{{< callout />}}\n"))
		}, check: func(t *testing.T, dest string) {
			mustContain(t, pageOut(t, dest), "Mở đầu.", "page with a self-closed shortcode")
		}},
		// Mistakes html/template finds in the markup name the layout's
		// file and line (they used to say only "layouts").
		{name: "template-quote-in-attribute", setup: func(t *testing.T, src string) {
			b, err := os.ReadFile(filepath.Join(src, "layouts/_default/single.html"))
			if err != nil {
				t.Fatal(err)
			}
			testkit.WriteFile(t, src, "layouts/_default/single.html", bytes.Replace(b, []byte("<h1>"), []byte("<a href=\"{{ .Title }}>x</a>\n<h1>"), 1))
		}, errs: []want{{"layouts/_default/single.html:4:", "in attribute name"}}},
		{name: "template-branches-differ", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/partials/nhanh.html", []byte("<p>\n{{ if .Title }}<a title=\"{{ else }}<b>{{ end }}x</p>\n"))
			b, err := os.ReadFile(filepath.Join(src, "layouts/_default/single.html"))
			if err != nil {
				t.Fatal(err)
			}
			testkit.WriteFile(t, src, "layouts/_default/single.html", bytes.Replace(b, []byte("<h1>"), []byte("{{ partial \"nhanh.html\" . }}<h1>"), 1))
		}, errs: []want{{"layouts/partials/nhanh.html:2:", "branches end in different contexts"}}},
		{name: "markup-quadratic", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nMở đầu.\n\n"+strings.Repeat("[a](", 100000)+"\n"))
		}, errs: []want{{post + ":6:", "too much markup in one paragraph"}}},
		// --- only the site's own scripts run on it (issue 17): a bundle
		// cannot publish a script, a page of HTML, or an SVG that runs one
		// (it would run on the site's address, under script-src 'self')
		{name: "bundle-script", errs: []want{
			{"content/tin-tuc/bai-js/x.js:", "script in content"},
			{"content/tin-tuc/bai-js/ban-in.html:", "HTML in content"},
			{"content/tin-tuc/bai-js/so-do.svg:3:", "<script>"},
		}},
		{name: "bundle-server-script", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/bai-php/index.md", []byte("---\ntitle: \"Bài PHP\"\n---\nTải [tệp](x.php).\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-php/x.php", []byte(`<?php system($_GET["c"]); ?>`))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-php/anh.php.jpg", []byte(`<?php phpinfo(); ?>`))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-php/tin.rss", []byte("<?xml version=\"1.0\"?>\n<rss><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script></rss>"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-php/hinh", []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"\n onload=\"alert(1)\"/>"))
		}, errs: []want{
			{"content/tin-tuc/bai-php/anh.php.jpg:", "server-side script in content"},
			{"content/tin-tuc/bai-php/hinh:2:", "onload"},
			{"content/tin-tuc/bai-php/tin.rss:2:", "<script>"},
			{"content/tin-tuc/bai-php/x.php:", "server-side script in content"},
		}},
		{name: "static-svg-script", errs: []want{{"static/img/bieu-tuong.svg:1:", "onload"}}},
		// What looks right in the editor and is not to YAML: quotes a
		// word processor curled, a non-breaking space pasted into a key,
		// a key one letter off, a list under a key of one value.
		{name: "smart-quotes", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, "---\ntitle: “Kế hoạch năm 2024”\ndescription: “Kế hoạch: năm 2024”\ntags:\n  - ‘tham gia’\n  - phản ánh\nsummary: “A” và “B”\n---\nNội dung.\n")
		}, errs: []want{
			{post + ":2:", `hãy thay bằng dấu ngoặc thẳng, ví dụ title: "Kế hoạch năm 2024" (nếu muốn giữ dấu “ ” trên trang, viết title: "“Kế hoạch năm 2024”")`},
			{post + ":3:", `ví dụ description: "Kế hoạch: năm 2024"`},
			{post + ":5:", `ví dụ - "tham gia"`},
		}},
		{name: "nbsp-in-key", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, "---\ntitle: \"Bài hai\"\ndescription\u00a0: \"Mô tả.\"\ndraft:\u00a0true\nweight: 3\n---\nNội dung.\n")
		}, errs: []want{
			{post + ":3:", "dấu cách đặc biệt U+00A0"},
			{post + ":4:", "dấu cách đặc biệt U+00A0"},
		}},
		// Keys of three letters are the site's own words (goc, tag), not
		// misspellings of toc or tags.
		{name: "misspelt-keys", setup: writePost("draf: true\ndescripton: \"Mô tả.\"\npublishdate: 2030-01-01\nso_hieu: \"19/KH-UBND\"\ngoc: \"Sở Nội vụ\"\ntag: \"x\"\n"), errs: []want{
			{post + ":3:", `khoá "draf" không có; có phải ý bạn là "draft"?`},
			{post + ":4:", `có phải ý bạn là "description"?`},
			{post + ":5:", `có phải ý bạn là "publishDate"?`},
		}},
		{name: "list-for-one-value", setup: writePost("date:\n  - 2024-01-01\nweight:\n  - 3\ndraft:\n  - true\n"), errs: []want{
			{post + ":3:", "date: cần một ngày, không phải một danh sách (a list): khoá này chỉ nhận một giá trị"},
			{post + ":5:", "weight: cần một số nguyên, không phải một danh sách (a list)"},
			{post + ":7:", "draft: cần true hoặc false, không phải một danh sách (a list)"},
		}},
		// Cameras and Windows name files with spaces and capitals: the
		// address with a space is no link at all (the page would show the
		// brackets); in < > or %20 it is, and the file is published.
		{name: "spaces-in-file-names", setup: func(t *testing.T, src string) {
			const b = "content/tin-tuc/hoi-nghi/"
			testkit.WriteFile(t, src, b+"index.md", "---\ntitle: \"Hội nghị\"\n---\n![Hội nghị triển khai](Ảnh Hội Nghị.JPG)\n\n[Kế hoạch 19/KH-UBND (PDF)](Kế hoạch 19.pdf)\n\n![Hội nghị](<Ảnh Hội Nghị.JPG>) [Kế hoạch (PDF)](Kế%20hoạch%2019.pdf \"Tải về\") `[a](b c)`\n")
			testkit.WriteFile(t, src, b+"Ảnh Hội Nghị.JPG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
			testkit.WriteFile(t, src, b+"Kế hoạch 19.pdf", "%PDF-1.4\n%%EOF\n")
		}, errs: []want{
			{"content/tin-tuc/hoi-nghi/index.md:4:", `đường dẫn "Ảnh Hội Nghị.JPG" có dấu cách nên không thành liên kết hay ảnh`},
			{"content/tin-tuc/hoi-nghi/index.md:6:", `(<Kế hoạch 19.pdf>), hoặc đổi tên tệp không có dấu cách, ví dụ ke-hoach-19.pdf`},
		}},
		// Notepad's "Save as type: Text Documents" adds .txt, and
		// Explorer hides it: the page must not vanish in silence.
		{name: "md-saved-as-txt", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/thong-bao.md.txt", "---\ntitle: \"Thông báo\"\n---\nNội dung.\n")
		}, errs: []want{{"content/tin-tuc/thong-bao.md.txt:", "hãy đổi tên thành thong-bao.md"}}},
		{name: "host-files", errs: []want{
			{"content/_headers:", "host control file"},
			{"content/_redirects:", "host control file"},
			{"content/netlify.toml:", "host control file"},
			{"content/staticwebapp.config.json:", "host control file"},
			{"content/tin-tuc/web.config:", "host control file"},
		}},
		{name: "svg-foreign-object-and-link", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/bai-hai/index.md", []byte("---\ntitle: \"Bài hai\"\n---\n![a](a.svg) ![b](b.svg) ![c](c.svg)\n"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-hai/a.svg", []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"javascript:alert(1)\"/></foreignObject></svg>"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-hai/b.svg", []byte("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n\n<a xlink:href=\"javascript:alert(1)\"><rect width=\"9\" height=\"9\"/></a></svg>"))
			testkit.WriteFile(t, src, "content/tin-tuc/bai-hai/c.svg", []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://tracker.example/p.png\"/></svg>"))
		}, errs: []want{
			{"content/tin-tuc/bai-hai/a.svg:2:", "<foreignObject>"},
			{"content/tin-tuc/bai-hai/b.svg:3:", "chạy script"},
			{"content/tin-tuc/bai-hai/c.svg:1:", "external reference"},
		}},
		// A newline in a bundle's file name would split the manifest's
		// line, and every later build would refuse its own output.
		{name: "file-name-newline", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/tin-tuc/bai-hai/index.md", []byte("---\ntitle: \"Bài hai\"\n---\nB\n"))
			p := filepath.Join(src, "content/tin-tuc/bai-hai/a\nb.txt")
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Skip("file system refuses the name:", err)
			}
		}, errs: []want{{`content/tin-tuc/bai-hai/a\nb.txt:`, "control character in file name"}}},
		{name: "image-missing", errs: []want{{post + ":6:", "ban-do.png"}}},
		{name: "link-missing-page", errs: []want{{post + ":6:", "không tìm thấy trang content/ke-hoach/_index.md"}}},
		// A broken link names the page meant when one is near.
		{name: "link-misspelt-page", setup: func(t *testing.T, src string) {
			testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Bài hai\"\n---\nĐoạn đầu.\n\nXem [bài một](bai-mott.md) và [tin tức](/tin-tưc/).\n"))
		}, errs: []want{
			{post + ":6:", `liên kết tới "bai-mott.md": không tìm thấy trang content/tin-tuc/bai-mott.md (có thể tệp đã đổi tên hoặc bị xoá) (broken link); có phải ý bạn là "bai-mot.md"?`},
			{post + ":6:", `liên kết tới "/tin-tưc/": không có trang hay tệp nào ở địa chỉ này (broken link); có phải ý bạn là "/tin-tuc/"?`},
		}},
	}...)
}

// appendSiteYAML adds lines to the end of the site's site.yaml, whose
// last key is params (its first four lines, see testkit's small site).
func appendSiteYAML(t *testing.T, src, lines string) {
	t.Helper()
	yaml := testkit.ReadFile(t, src, "site.yaml")
	if !strings.HasSuffix(yaml, "params:\n  coQuan: \"UBND thành phố\"\n") {
		t.Fatalf("site.yaml changed; this case counts its lines:\n%s", yaml)
	}
	testkit.WriteFile(t, src, "site.yaml", yaml+lines)
}

// replaceWithFile puts a file where the folder rel of the site was.
func replaceWithFile(t *testing.T, src, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(src, rel)); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFile(t, src, rel, "không phải thư mục\n")
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("symlinks not supported here:", err)
	}
}

// A slow or crashing page is one failure among others: the generated
// monsters above must each build in bounded time; this checks the 1 MB
// line and deep nesting together do not make the output invalid UTF-8.
func TestMonstersValidUTF8(t *testing.T) {
	src, dest := testkit.Site(t, "small"), filepath.Join(t.TempDir(), "public")
	testkit.WriteFile(t, src, post, []byte("---\ntitle: \"Quái\"\n---\n"+strings.Repeat("> - ", 3000)+"ệ\n"))
	if _, err := buildSite(src, dest, true); err != nil {
		t.Fatal(err)
	}
	if b := []byte(pageOut(t, dest)); !bytes.Contains(b, []byte("ệ")) {
		t.Error("deep text lost")
	}
}

// One build with eight mistakes in eight files reports all eight, each
// once, each with its file and line, and publishes nothing.
func TestEveryMistakeReportedOnce(t *testing.T) {
	src, dest := testkit.Site(t, "small"), filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(src, dest, true); err != nil {
		t.Fatal(err)
	}
	before := testkit.Snapshot(t, dest)
	testkit.CopyTree(t, "testdata/cases/many-mistakes", src)
	_, err := buildSite(src, dest, true)
	if err == nil {
		t.Fatal("build with eight mistakes succeeded")
	}
	got := problemsOf(t, err)
	matchProblems(t, got, []want{
		{"content/_index.md:6:", "invalid UTF-8"},
		{"content/tin-tuc/bai-ba.md:4:", `khoá "description" xuất hiện hai lần (lần đầu ở dòng 3)`},
		{"content/tin-tuc/bai-bon.md:6:", `liên kết tới "khong-co.md"`},
		{"content/tin-tuc/bai-hai.md:3:", `"2023-02-08"`},
		{"content/tin-tuc/bai-nam.md:6:", `mã ngắn "youtube" không tồn tại`},
		{"content/tin-tuc/bai-sau.md:4:", "anh-khong-co.jpg"},
		{"data/diem.csv:3:", "CSV không hợp lệ"},
		{"layouts/partials/footer.html:2:", "KhongCo"},
	})
	if len(got) != 8 {
		t.Errorf("got %d problems, want 8", len(got))
	}
	if d := testkit.Diff(before, testkit.Snapshot(t, dest)); len(d) > 0 {
		t.Errorf("failed build changed the previous output: %v", d)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/build"
	"portal/internal/output"
	"portal/internal/testkit"
)

func portal(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// builtSite copies the engine fixture and builds it once with the
// command, into dest beside it.
func builtSite(t *testing.T) (src, dest string) {
	t.Helper()
	src = testkit.Site(t, "engine")
	dest = filepath.Join(filepath.Dir(src), "public")
	if code, _, stderr := portal("build", "--source", src, "--dest", dest, "--quiet"); code != 0 {
		t.Fatalf("good build failed (%d):\n%s", code, stderr)
	}
	return src, dest
}

// Each kind of mistake fails the build with exit code 1, names the file
// and line, and leaves the previous output byte for byte as it was.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, src string)
		want   []string // substrings of stderr, the first naming file:line
	}{
		{"bad front matter", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\nweight: abc\n---\nGiới thiệu.\n")
		}, []string{"content/ve-papi/_index.md:3: weight: cần một số nguyên"}},
		{"front matter YAML", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\ntags: [a, b\nweight: 1\n---\n")
		}, []string{"content/ve-papi/_index.md:3: YAML không hợp lệ"}},
		{"unclosed front matter", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\nGiới thiệu.\n")
		}, []string{"content/ve-papi/_index.md:1: phần đầu trang (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại"}},
		{"missing title", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\nweight: 1\n---\n")
		}, []string{"content/ve-papi/_index.md:1: thiếu tiêu đề"}},
		{"day-first date", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: a\ndate: 08/02/2023\n---\n")
		}, []string{`content/ve-papi/_index.md:3: date: ngày "08/02/2023" viết theo kiểu ngày/tháng/năm; hãy viết năm-tháng-ngày: "2023-02-08"`}},
		{"broken .md link", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/_index.md", "---\ntitle: \"Trang chủ\"\n---\nChào.\n\nXem [trang](ke-hoach/khong-co.md).\n")
		}, []string{`content/_index.md:6: liên kết tới "ke-hoach/khong-co.md": không tìm thấy trang content/ke-hoach/khong-co.md`}},
		{"broken root-relative link", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/_index.md", "---\ntitle: \"Trang chủ\"\n---\nChào.\n\n[x](/khong-co/)\n")
		}, []string{`content/_index.md:6: liên kết tới "/khong-co/"`}},
		{"missing anchor", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/_index.md", "---\ntitle: \"Trang chủ\"\n---\nChào.\n\n\n[x](ke-hoach/_index.md#khong-co)\n")
		}, []string{"content/_index.md:7: liên kết tới #khong-co: content/ke-hoach/_index.md không có đề mục nào có mã này"}},
		{"template execution error", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/_default/single.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ .KhongCo }}\n{{ end }}\n")
		}, []string{"layouts/_default/single.html:3: lỗi mẫu trình bày (template error)", "KhongCo"}},
		{"template parse error", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/_default/list.html", "{{ define \"main\" }}\n<h1>{{ .Title }</h1>\n{{ end }}\n")
		}, []string{"layouts/_default/list.html:2: lỗi mẫu trình bày (template error)"}},
		{"error in baseof", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/_default/baseof.html", "<!doctype html>\n<html>\n<body>\n{{ .Site.KhongCo }}\n{{ block \"main\" . }}{{ end }}\n</body></html>\n")
		}, []string{"layouts/_default/baseof.html:4: lỗi mẫu trình bày"}},
		{"missing partial", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/_default/list.html", "{{ define \"main\" }}\n{{ partial \"khong-co.html\" . }}\n{{ end }}\n")
		}, []string{"layouts/_default/list.html:2:", "layouts/partials/khong-co.html (missing partial)"}},
		{"partial parse error", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/partials/nav.html", "<nav>\n{{ end }}\n</nav>\n")
		}, []string{"layouts/partials/nav.html:2: lỗi mẫu trình bày"}},
		{"missing asset", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/_default/baseof.html", "<!doctype html>\n<html>\n<head>\n<link rel=\"stylesheet\" href=\"{{ asset \"css/khong.css\" }}\">\n</head><body>{{ block \"main\" . }}{{ end }}</body></html>\n")
		}, []string{"layouts/_default/baseof.html:4:", "static/css/khong.css"}},
		{"layout not found", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/moi.md", "---\ntitle: Mới\nlayout: khong-co\n---\n")
		}, []string{`content/ve-papi/moi.md:3: layout: không có mẫu "khong-co"`}},
		{"invalid UTF-8 in a layout", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/404.html", "{{ define \"main\" }}\n<h1>Kh\xf4ng</h1>\n{{ end }}\n")
		}, []string{"layouts/404.html:2:", "UTF-8"}},
		{"bad i18n YAML", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "layouts/i18n/vi.yaml", "menu: a\n  x: b\n")
		}, []string{"layouts/i18n/vi.yaml:2: YAML không hợp lệ"}},
		{"unknown shortcode", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\n---\nGiới thiệu.\n\n{{< khong-co a=\"1\" >}}\n")
		}, []string{`content/ve-papi/_index.md:6: mã ngắn "khong-co" không tồn tại`}},
		{"unclosed shortcode", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\n---\nGiới thiệu.\n\n{{< note type=\"x\"\n\nChữ.\n")
		}, []string{"content/ve-papi/_index.md:6: mã ngắn (shortcode) mở bằng '{{<' nhưng thiếu '>}}'"}},
		{"duplicate URL", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/Giới Thiệu.md", "---\ntitle: Trùng\n---\n")
		}, []string{"content/ve-papi/gioi-thieu/index.md:1: trang này và content/ve-papi/Giới Thiệu.md cùng có địa chỉ /ve-papi/gioi-thieu/", "(duplicate URL)"}},
		{"url leaving the output", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/thoat.md", "---\ntitle: Thoát\nurl: ../../etc/passwd\n---\n")
		}, []string{"content/ve-papi/thoat.md:3: url:", "path escapes the site"}},
		{"alias leaving the output", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/thoat.md", "---\ntitle: Thoát\naliases:\n  - /a/../../../b/\n---\n")
		}, []string{"content/ve-papi/thoat.md:3: aliases:"}},
		{"bad data YAML", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "data/lien-he.yaml", "dien_thoai: \"0221\"\ndia_chi: a\n  b: c\n")
		}, []string{"data/lien-he.yaml:3: YAML không hợp lệ"}},
		{"bad data JSON", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "data/so-lieu.json", "{\n  \"a\": 1,\n  \"b\": ,\n  \"c\": 2\n}\n")
		}, []string{"data/so-lieu.json:3: JSON không hợp lệ"}},
		{"bad data CSV", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "data/diem.csv", "nam,diem\n2023,42\n2024,43,thừa\n")
		}, []string{"data/diem.csv:3: CSV không hợp lệ"}},
		{"invalid UTF-8 in content", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "content/ve-papi/_index.md", "---\ntitle: \"Về PAPI\"\n---\nMột.\nHai \xc3\x28 ba.\n")
		}, []string{"content/ve-papi/_index.md:5: văn bản không phải UTF-8 hợp lệ"}},
		{"symlink outside the site", func(t *testing.T, src string) {
			secret := filepath.Join(t.TempDir(), "bi-mat.md")
			testkit.WriteFile(t, filepath.Dir(secret), "bi-mat.md", "---\ntitle: Bí mật\n---\n")
			if err := os.Symlink(secret, filepath.Join(src, "content/ve-papi/bi-mat.md")); err != nil {
				t.Skip("no symlinks:", err)
			}
		}, []string{"content/ve-papi/bi-mat.md: liên kết tượng trưng trỏ ra ngoài thư mục trang"}},
		{"static symlink outside the site", func(t *testing.T, src string) {
			if err := os.Symlink("/etc/passwd", filepath.Join(src, "static/passwd")); err != nil {
				t.Skip("no symlinks:", err)
			}
		}, []string{"static/passwd: liên kết tượng trưng trỏ ra ngoài thư mục trang"}},
		{"unknown site.yaml key", func(t *testing.T, src string) {
			testkit.WriteFile(t, src, "site.yaml", "title: \"Trang thử\"\nbaseURL: \"https://example.org/\"\nbaseUrl: x\n")
		}, []string{`site.yaml:3: khoá "baseUrl" không được hỗ trợ`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, dest := builtSite(t)
			before := testkit.Snapshot(t, dest)
			tc.break_(t, src)
			code, stdout, stderr := portal("build", "--source", src, "--dest", dest)
			if code != 1 {
				t.Errorf("exit code %d, want 1; stderr:\n%s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if !strings.Contains(stderr, "Xây dựng thất bại") || !strings.Contains(stderr, "previous output left untouched") {
				t.Errorf("stderr lacks the summary:\n%s", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q", stdout)
			}
			if d := testkit.Diff(before, testkit.Snapshot(t, dest)); len(d) > 0 {
				t.Errorf("previous output changed: %v", d)
			}
			if left := output.Leftovers(dest); len(left) > 0 {
				t.Errorf("staging left: %v", left)
			}
		})
	}
}

func TestBuildCommand(t *testing.T) {
	src, dest := builtSite(t)
	code, stdout, stderr := portal("build", "--source", src, "--dest", dest, "--base-url", "https://example.org/papi/", "--verbose")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "ve-papi/gioi-thieu/index.html\n") || !strings.Contains(stdout, "Đã xây dựng 7 trang") {
		t.Errorf("stdout = %q", stdout)
	}
	if !strings.Contains(stderr, "content/ke-hoach/_index.md:22: cảnh báo (warning)") {
		t.Errorf("warning not shown: %q", stderr)
	}
	b, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil || !regexp.MustCompile(`href="/papi/css/style\.[0-9a-f]{10}\.css"`).Match(b) {
		t.Errorf("--base-url not applied: %v\n%s", err, b)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", "--source", src, "--dest", src}, 1, "chính là thư mục nguồn"},
		{[]string{"build", "--source", src, "--dest", filepath.Dir(src)}, 1, "chứa thư mục nguồn"},
		{[]string{"build", "--source", src, "--dest", dest, "--base-url", "ftp://x/"}, 1, "--base-url"},
		{[]string{"build", "--source", src, "--khong-co"}, 2, "không có tuỳ chọn --khong-co"},
		{[]string{"build", "--source", src, "thua"}, 2, "tham số thừa"},
		{[]string{"khong-co"}, 2, "không tồn tại"},
		{nil, 2, "Cách dùng"},
	} {
		code, _, stderr := portal(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	foreign := filepath.Join(t.TempDir(), "x")
	testkit.WriteFile(t, foreign, "cua-toi.txt", "a")
	if code, _, stderr := portal("build", "--source", src, "--dest", foreign); code != 1 || !strings.Contains(stderr, "không do portal tạo ra") {
		t.Errorf("foreign dest: %d %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "cua-toi.txt")); string(b) != "a" {
		t.Error("foreign file touched")
	}
}

// --now builds the site as of another date: a page appears on its
// publishDate (from midnight in the site's time zone) and is gone from
// its expiryDate.
func TestBuildNow(t *testing.T) {
	src, dest := builtSite(t)
	testkit.WriteFile(t, src, "content/ke-hoach/sap-toi.md", "---\ntitle: \"Sắp tới\"\npublishDate: 2090-01-01\nexpiryDate: 2091-01-01\n---\nNội dung.\n")
	page := filepath.Join(dest, "ke-hoach", "sap-toi", "index.html")
	for _, tc := range []struct {
		now  string
		want bool
	}{
		{"", false},
		{"2089-12-31", false},
		{"2089-12-31T23:59", false},
		{"2090-01-01", true},
		{"2090-06-01T08:00:00+07:00", true},
		{"2091-01-01", false},
	} {
		args := []string{"build", "--source", src, "--dest", dest}
		if tc.now != "" {
			args = append(args, "--now", tc.now)
		}
		code, stdout, stderr := portal(args...)
		if code != exitOK {
			t.Fatalf("--now %q: exit %d\n%s", tc.now, code, stderr)
		}
		_, err := os.Stat(page)
		if got := err == nil; got != tc.want {
			t.Errorf("--now %q: page built %v; want %v", tc.now, got, tc.want)
		}
		if tc.now != "" && !strings.Contains(stdout, "tính như vào ") {
			t.Errorf("--now %q: summary does not say the date: %q", tc.now, stdout)
		}
	}
	// The date is midnight in the site's zone (Asia/Ho_Chi_Minh), not UTC.
	_, stdout, _ := portal("build", "--source", src, "--dest", dest, "--now", "2090-01-01")
	if !strings.Contains(stdout, "tính như vào 2090-01-01 00:00 (+07:00)") {
		t.Errorf("summary: %q", stdout)
	}
}

// A panic in one of the build's worker goroutines (here a page writer)
// reaches the command as an error: exit 3, no Go trace unless --verbose,
// the previous output untouched.
func TestBuildWorkerPanicExits3(t *testing.T) {
	src, dest := builtSite(t)
	before := testkit.Snapshot(t, dest)
	panicky := func(o build.Options) (*build.Result, error) {
		return build.Run(o, testkit.PanicOnPages{FileWriter: output.NewMemWriter()})
	}
	cmds := []*command{buildCommandWith(panicky)}
	for _, verbose := range []bool{false, true} {
		args := []string{"build", "--source", src, "--dest", dest}
		if verbose {
			args = append(args, "--verbose")
		}
		stderr := internalRun(t, args, cmds)
		if got := strings.Contains(stderr, "PanicOnPages.WriteFile"); got != verbose {
			t.Errorf("%v: worker's stack on stderr %v, want %v:\n%s", args, got, verbose, stderr)
		}
		if !strings.Contains(stderr, "Bản dựng trước (nếu có) được giữ nguyên") {
			t.Errorf("%v: no word on the previous output:\n%s", args, stderr)
		}
	}
	if diff := testkit.Diff(before, testkit.Snapshot(t, dest)); len(diff) > 0 {
		t.Errorf("previous output changed: %v", diff)
	}
}

// When the build cannot go on (here layouts/ is a file), the first line
// says why, once, and the summary counts no mistakes in the content.
func TestBuildCauseFirst(t *testing.T) {
	src, dest := builtSite(t)
	before := testkit.Snapshot(t, dest)
	if err := os.RemoveAll(filepath.Join(src, "layouts")); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFile(t, src, "layouts", "x\n")
	code, _, stderr := portal("build", "--source", src, "--dest", dest)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	want := "Không dựng được trang: layouts không phải thư mục mà là một tệp; hãy đổi tên tệp đó và đặt lại thư mục layouts/ của trang (not a folder)\n" +
		"Xây dựng thất bại vì sự cố ở trên, không phải vì lỗi trong nội dung (build failed)\n" +
		"Bản dựng trước (nếu có) được giữ nguyên. (previous output left untouched)\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if d := testkit.Diff(before, testkit.Snapshot(t, dest)); len(d) > 0 {
		t.Errorf("previous output changed: %v", d)
	}
}

// build --verbose says how many photos were published without their
// metadata and how many of them held a GPS position; without it, nothing.
func TestBuildVerboseCountsCleanedPhotos(t *testing.T) {
	src := testkit.Site(t, "engine")
	testkit.WriteFile(t, src, "static/anh/hop.jpg", testkit.PhoneJPEG(t, 16, 8, 6))
	testkit.WriteFile(t, src, "static/anh/man-hinh.PNG", testkit.PhonePNG(t, 8, 8, 1))
	dest := filepath.Join(t.TempDir(), "public")
	const line = "Đã xoá thông tin đi kèm (tên máy, người chụp, thời gian) khỏi 2 ảnh, trong đó 2 ảnh có vị trí GPS"
	code, stdout, stderr := portal("build", "--source", src, "--dest", dest, "--verbose")
	if code != 0 || !strings.Contains(stdout, line) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, stdout, _ := portal("build", "--source", src, "--dest", dest); strings.Contains(stdout, "Đã xoá thông tin") {
		t.Errorf("said without --verbose: %q", stdout)
	}
}

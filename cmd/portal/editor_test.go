package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"portal/internal/testkit"
)

func TestCheckCommandJSONAndExitCode(t *testing.T) {
	good := testkit.Fixture(t, "good")
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", good, "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("good site: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("good site JSON = %s; want []", out.String())
	}
	// The engine's fixture has no sitemap page: an error, exit 1.
	out.Reset()
	fixture := testkit.Fixture(t, "engine")
	if code := run([]string{"check", "--source", fixture, "--format", "json"}, &out, &errb); code != 1 {
		t.Fatalf("fixture: exit %d; want 1", code)
	}
	var fs []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Level   string `json:"level"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	found := false
	for _, f := range fs {
		if f.Level == "error" && strings.Contains(f.Message, "sơ đồ trang") {
			found = true
		}
	}
	if !found {
		t.Errorf("no sitemap error in %+v", fs)
	}
	out.Reset()
	run([]string{"check", "--source", fixture}, &out, &errb)
	if !strings.Contains(out.String(), ": error: thiếu trang sơ đồ trang") {
		t.Errorf("text format:\n%s", out.String())
	}
	if code := run([]string{"check", "--format", "xml"}, &out, &errb); code != 2 {
		t.Errorf("bad --format: exit %d", code)
	}
}

func TestNewCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: \"Thử\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	args := []string{"new", "--source", dir, "--section", "tin-tuc", "--new-section", "Thông báo lịch tiếp công dân"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "tin-tuc", "thong-bao-lich-tiep-cong-dan.md")); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := run(args, &out, &errb); code != 1 || !strings.Contains(errb.String(), "không ghi đè") {
		t.Errorf("second run: exit %d, %q; want 1 and a clear message", code, errb.String())
	}
	if code := run([]string{"new", "--source", dir, "../ngoai.md"}, &out, &errb); code != 1 {
		t.Errorf("path outside content/: exit %d", code)
	}
	if code := run([]string{"new", "--source", dir}, &out, &errb); code != 2 {
		t.Errorf("no arguments: exit %d", code)
	}
}

// newSiteFolder is a site with two sections, for portal new.
func newSiteFolder(t *testing.T) string {
	t.Helper()
	return testkit.Files(t, map[string]string{
		"site.yaml":                 "title: \"Thử\"\n",
		"content/hoi-dap/_index.md": "---\ntitle: \"Hỏi đáp\"\n---\n",
		"content/van-ban/_index.md": "---\ntitle: \"Văn bản\"\n---\n",
	})
}

func TestNewKeepsDiacritics(t *testing.T) {
	dir := newSiteFolder(t)
	title := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "title: ") {
				return strings.TrimPrefix(l, "title: ")
			}
		}
		return ""
	}
	// A title given as text makes the file name; the section folds.
	code, stdout, stderr := portal("new", "--source", dir, "hoi-dap/Cách gửi phản ánh")
	if code != exitOK || title("content/hoi-dap/cach-gui-phan-anh.md") != `"Cách gửi phản ánh"` {
		t.Errorf("title as text: exit %d %s%s", code, stdout, stderr)
	}
	code, _, stderr = portal("new", "--source", dir, `hoi-dap\Câu hỏi thường gặp`)
	if code != exitOK || title("content/hoi-dap/cau-hoi-thuong-gap.md") != `"Câu hỏi thường gặp"` {
		t.Errorf("section and title with a backslash: exit %d %s", code, stderr)
	}
	code, _, stderr = portal("new", "--source", dir, "--section", "Văn bản", "Kế hoạch số 19/KH-UBND")
	if code != exitOK || title("content/van-ban/ke-hoach-so-19-kh-ubnd.md") != `"Kế hoạch số 19/KH-UBND"` {
		t.Errorf("--section Văn bản: exit %d %s", code, stderr)
	}
	// With a file name, the title is asked for on a terminal.
	var out, errb bytes.Buffer
	st := &streams{in: strings.NewReader("Thủ tục cấp giấy khai sinh\n"), out: &out, err: &errb, interactive: true}
	if code := runWith([]string{"new", "--source", dir, "hoi-dap/khai-sinh.md"}, st, commands()); code != exitOK {
		t.Fatalf("interactive: exit %d %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "Tiêu đề của trang") || title("content/hoi-dap/khai-sinh.md") != `"Thủ tục cấp giấy khai sinh"` {
		t.Errorf("interactive: prompt %q, title %s", errb.String(), title("content/hoi-dap/khai-sinh.md"))
	}
	// A page that cannot be made is refused before the question.
	errb.Reset()
	st = &streams{in: strings.NewReader("Không hỏi\n"), out: &out, err: &errb, interactive: true}
	if code := runWith([]string{"new", "--source", dir, "hoidap/khai-tu.md"}, st, commands()); code != exitFailed || strings.Contains(errb.String(), "Tiêu đề của trang") {
		t.Errorf("unknown section on a terminal: exit %d, %q", code, errb.String())
	}
	// Enter alone, or no terminal: a title from the name, and a word saying so.
	out.Reset()
	errb.Reset()
	st = &streams{in: strings.NewReader("\n"), out: &out, err: &errb, interactive: true}
	if code := runWith([]string{"new", "--source", dir, "hoi-dap/ket-hon.md"}, st, commands()); code != exitOK || title("content/hoi-dap/ket-hon.md") != `"Ket hon"` {
		t.Errorf("empty answer: exit %d, title %s", code, title("content/hoi-dap/ket-hon.md"))
	}
	code, stdout, _ = portal("new", "--source", dir, "hoi-dap/nhan-con-nuoi.md")
	if code != exitOK || !strings.Contains(stdout, `Tiêu đề tạm "Nhan con nuoi" lấy từ tên tệp`) {
		t.Errorf("no terminal: exit %d, %q", code, stdout)
	}
	// An unknown section is refused, listing those there are.
	code, _, stderr = portal("new", "--source", dir, "hoidap/Câu hỏi")
	if code != exitFailed || !strings.Contains(stderr, `có phải ý bạn là "hoi-dap"?`) || !strings.Contains(stderr, "Các mục hiện có: hoi-dap, van-ban") || !strings.Contains(stderr, "--new-section") {
		t.Errorf("unknown section: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "hoidap")); err == nil {
		t.Error("a folder was made for an unknown section")
	}
	code, stdout, _ = portal("new", "--source", dir, "--new-section", "Sự kiện/Hội nghị")
	if code != exitOK || !strings.Contains(stdout, "Đã tạo mục mới content/su-kien/_index.md") || title("content/su-kien/_index.md") != `"Sự kiện"` {
		t.Errorf("--new-section: exit %d %s", code, stdout)
	}
}

func TestInitCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cong moi")
	code, stdout, stderr := portal("init", dir)
	if code != exitOK || !strings.Contains(stdout, "Đã tạo cổng mới trong "+dir) || !strings.Contains(stdout, `portal serve --source "`+dir+`"`) {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := portal("build", "--source", dir, "--quiet"); code != exitOK || stderr != "" {
		t.Errorf("the new site: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = portal("init", dir)
	if code != exitFailed || !strings.Contains(stderr, "thư mục không trống") {
		t.Errorf("second init: exit %d %s", code, stderr)
	}
	if got := nextSteps(`D:\cong`, "windows"); !strings.Contains(got, `.\portal.exe serve --source "D:\cong"`) {
		t.Errorf("Windows next steps:\n%s", got)
	}
}

// An explicit --port that is taken fails, saying what to do.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	code, _, stderr := portal("serve", "--source", newSiteFolder(t), "--port", port)
	if code != exitFailed || !strings.Contains(stderr, "cổng "+port+" trên 127.0.0.1 đang được dùng") || !strings.Contains(stderr, "bỏ --port") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

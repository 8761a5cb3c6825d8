package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Help is asked for in every way Go's tools and gh accept; it goes to
// stdout, in Vietnamese, and exits 0.
func TestHelp(t *testing.T) {
	var tests [][]string
	for _, c := range commands() {
		tests = append(tests, []string{c.name, "-h"}, []string{c.name, "--help"}, []string{c.name, "-help"}, []string{"help", c.name})
	}
	tests = append(tests, []string{"new", "hoi-dap/x.md", "--help"}) // after a positional too
	for _, args := range tests {
		code, stdout, stderr := portal(args...)
		name := args[0]
		if name == "help" {
			name = args[1]
		}
		if code != exitOK || stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		for _, want := range []string{"Cách dùng: portal " + name, "Tuỳ chọn (options):", "-h, --help"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: help lacks %q:\n%s", args, want, stdout)
			}
		}
		if strings.Contains(stdout, "Usage of") || strings.Contains(stdout, "\n  -source") {
			t.Errorf("%v: the flag package's English usage leaked:\n%s", args, stdout)
		}
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"help", "-h"}, {"help", "--help"}, {"help", "help"}} {
		code, stdout, stderr := portal(args...)
		if code != exitOK || stderr != "" || !strings.Contains(stdout, "Các lệnh (commands):") || !strings.Contains(stdout, "  init ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// Options are written as users type them, with their value's name and
// default, and the serve --poll value shown as optional.
func TestHelpListsOptions(t *testing.T) {
	_, out, _ := portal("serve", "--help")
	for _, want := range []string{"--source DIR", `(mặc định ".")`, "--port SỐ", "(mặc định 1313)", "--poll [KHOẢNG]", "Ví dụ:"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve help lacks %q:\n%s", want, out)
		}
	}
}

// Each mistake in a command line exits 2 with a Vietnamese message and the
// command's usage on stderr; nothing goes to stdout.
func TestUsageMistakes(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte("title: \"Thử\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{"Cách dùng (usage):"}},
		{[]string{"khong-co"}, []string{`lệnh "khong-co" không tồn tại`}},
		{[]string{"buil"}, []string{"có phải ý bạn là build?"}},
		{[]string{"help", "khong-co"}, []string{`lệnh "khong-co" không tồn tại`}},
		{[]string{"help", "build", "serve"}, []string{"một lệnh mỗi lần"}},
		{[]string{"build", "--khong-co"}, []string{"portal build: không có tuỳ chọn --khong-co (unknown flag)", "Cách dùng: portal build", "--source DIR"}},
		{[]string{"build", "--sourse", "."}, []string{"có phải ý bạn là --source?"}},
		{[]string{"new", "--titel", "x"}, []string{"có phải ý bạn là --title?"}}, // two letters swapped
		{[]string{"build", "--source"}, []string{"tuỳ chọn --source cần một giá trị: --source DIR"}},
		{[]string{"build", "thua"}, []string{"tham số thừa", "Cách dùng: portal build"}},
		{[]string{"build", "--drafts=co"}, []string{`giá trị "co" của --drafts không hợp lệ`}},
		{[]string{"build", "--now", "08/02/2023"}, []string{"--now:", `"2023-02-08"`}},
		{[]string{"build", "--now", "hôm qua"}, []string{"--now:", "năm-tháng-ngày"}},
		{[]string{"check", "--format", "xml"}, []string{"--format phải là text hoặc json"}},
		{[]string{"check", "--khong-co"}, []string{"không có tuỳ chọn --khong-co", "Cách dùng: portal check"}},
		{[]string{"serve", "--port", "abc"}, []string{`giá trị "abc" của --port không hợp lệ: cần một số`}},
		{[]string{"serve", "--port", "70000"}, []string{"cổng 70000 không hợp lệ"}},
		{[]string{"serve", "--poll=10ms"}, []string{"quá ngắn"}},
		{[]string{"serve", "--poll", "1s", "thua"}, []string{"tham số thừa"}},
		{[]string{"serve", "-bind"}, []string{"cần một giá trị"}},
		{[]string{"new"}, []string{"thiếu tiêu đề hoặc tên tệp", "Cách dùng: portal new"}},
		{[]string{"new", "tin-tuc/Chỉ", "có", "tiêu"}, []string{"có dấu cách phải nằm trong dấu ngoặc kép"}},
		{[]string{"new", "Tiêu-đề"}, []string{"thiếu mục của trang"}},
		{[]string{"new", "--section", "tin-tuc", "a.md"}, []string{"với --section, hãy cho tiêu đề"}},
		{[]string{"new", "--title", "A", "tin-tuc/B"}, []string{"tiêu đề được cho hai lần"}},
		{[]string{"init"}, []string{"thiếu thư mục", "Cách dùng: portal init"}},
		{[]string{"init", "a", "b"}, []string{"chỉ cho một thư mục"}},
		{[]string{"version", "thua"}, []string{"không nhận tham số"}},
		{[]string{"version", "--short"}, []string{"không có tuỳ chọn --short"}},
	}
	for _, tc := range tests {
		code, stdout, stderr := portal(tc.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d; want %d\n%s", tc.args, code, exitUsage, stderr)
		}
		if stdout != "" {
			t.Errorf("%q: stdout %q", tc.args, stdout)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%q: stderr lacks %q:\n%s", tc.args, w, stderr)
			}
		}
	}
}

// Exit code 1 is for mistakes in the site and failed checks; 0 for success.
func TestExitCodes(t *testing.T) {
	src, dest := builtSite(t)
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"build", "--source", src, "--dest", dest, "--quiet"}, exitOK},
		{[]string{"build", "--source", filepath.Join(src, "khong-co"), "--dest", dest}, exitFailed},
		{[]string{"check", "--source", src}, exitFailed}, // the fixture has no sitemap page
		{[]string{"check", "--source", filepath.Join(src, "khong-co")}, exitFailed},
		{[]string{"init", full}, exitFailed},
		{[]string{"serve", "--source", filepath.Join(src, "khong-co")}, exitFailed},
		{[]string{"version"}, exitOK},
	} {
		code, _, stderr := portal(tc.args...)
		if code != tc.code {
			t.Errorf("%q: exit %d; want %d\n%s", tc.args, code, tc.code, stderr)
		}
		if strings.Contains(strings.Join(tc.args, " "), "khong-co") && !strings.Contains(stderr, "không phải thư mục trang: không thấy tệp site.yaml") {
			t.Errorf("%q: no word on the missing site folder:\n%s", tc.args, stderr)
		}
	}
}

// A panic is portal's fault: exit 3, a plain message asking for a report,
// with the version to quote and the file holding the Go stack, which is
// shown only with --verbose.
func TestInternalErrorExits3(t *testing.T) {
	boom := &command{name: "no", summary: "nổ", usage: "portal no", flags: func(fs *flag.FlagSet) func([]string, *streams) int {
		fs.Bool("verbose", false, "")
		return func([]string, *streams) int { panic("hỏng") }
	}}
	for _, verbose := range []bool{false, true} {
		args := []string{"no"}
		if verbose {
			args = append(args, "--verbose")
		}
		stderr := internalRun(t, args, []*command{boom})
		if got := strings.Contains(stderr, "goroutine"); got != verbose {
			t.Errorf("%v: stack on stderr %v, want %v:\n%s", args, got, verbose, stderr)
		}
	}
	// A value with a terminal's control characters (it may come from a
	// page) is printed quoted.
	ansi := &command{name: "no", summary: "nổ", usage: "portal no", flags: func(fs *flag.FlagSet) func([]string, *streams) int {
		return func([]string, *streams) int { panic("hỏng \x1b]0;x\x07\nfile.md:1: lỗi") }
	}}
	var out, errb bytes.Buffer
	if code := runWith([]string{"no"}, &streams{in: strings.NewReader(""), out: &out, err: &errb, reportDir: t.TempDir()}, []*command{ansi}); code != exitInternal {
		t.Errorf("exit %d, want %d", code, exitInternal)
	}
	if first, _, _ := strings.Cut(errb.String(), "\n"); first != `portal: lỗi nội bộ (internal error): "hỏng \x1b]0;x\a\nfile.md:1: lỗi"` {
		t.Errorf("first line = %q", first)
	}
}

// internalRun runs a command line that must end in an internal error and
// returns its stderr, having checked the exit code, the message and the
// report file.
func internalRun(t *testing.T, args []string, cmds []*command) string {
	t.Helper()
	var out, errb bytes.Buffer
	dir := t.TempDir()
	code := runWith(args, &streams{in: strings.NewReader(""), out: &out, err: &errb, reportDir: dir}, cmds)
	stderr := errb.String()
	if code != exitInternal {
		t.Errorf("%v: exit %d; want %d\n%s", args, code, exitInternal, stderr)
	}
	if !strings.HasPrefix(stderr, "portal: lỗi nội bộ (internal error): hỏng") {
		t.Errorf("%v: first line does not say the cause:\n%s", args, stderr)
	}
	for _, want := range []string{"Hãy báo cho nhóm kỹ thuật", currentVersion().String(), dir} {
		if !strings.Contains(stderr, want) {
			t.Errorf("%v: stderr lacks %q:\n%s", args, want, stderr)
		}
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "portal-loi-noi-bo-*.txt"))
	if len(reports) != 1 {
		t.Fatalf("%v: reports %v, want one", args, reports)
	}
	if b, _ := os.ReadFile(reports[0]); !strings.Contains(string(b), "goroutine") || !strings.Contains(string(b), currentVersion().String()) {
		t.Errorf("%v: the report lacks the stack or the version:\n%s", args, b)
	}
	return stderr
}

// Flags may follow positional arguments; "--" ends the options.
func TestFlagsAfterArguments(t *testing.T) {
	dir := newSiteFolder(t)
	code, stdout, stderr := portal("new", "hoi-dap/x.md", "--source", dir, "--title", "Câu hỏi")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/hoi-dap/x.md"))
	if err != nil || !strings.Contains(string(b), `title: "Câu hỏi"`) {
		t.Errorf("page: %s, %v; stdout %s", b, err, stdout)
	}
	code, _, stderr = portal("new", "--source", dir, "--", "hoi-dap/-gach.md")
	if code != exitOK {
		t.Errorf("after --: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/hoi-dap/gach.md")); err != nil {
		t.Errorf("after --: %v", err)
	}
}

func TestParseInterleavedPoll(t *testing.T) {
	for _, tc := range []struct {
		args []string
		poll string
		pos  []string
	}{
		{[]string{"--poll"}, "1s", nil},
		{[]string{"--poll", "3s"}, "3s", nil},
		{[]string{"--poll=500ms"}, "500ms", nil},
		{[]string{"--poll", "2"}, "2s", nil},
		{[]string{"--poll", "x"}, "1s", []string{"x"}},
		{[]string{"a", "--poll", "2s", "b"}, "2s", []string{"a", "b"}},
		{nil, "0s", nil},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		var d time.Duration
		fs.Var(pollFlag{&d}, "poll", "")
		pos, err := parseInterleaved(fs, tc.args)
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if d.String() != tc.poll || strings.Join(pos, ",") != strings.Join(tc.pos, ",") {
			t.Errorf("%q: poll %s, args %q; want %s, %q", tc.args, d.String(), pos, tc.poll, tc.pos)
		}
	}
}

package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"portal/internal/testkit"
)

// A publish step the system refuses says the cause first, in Vietnamese,
// then what to do, with the system's error kept in brackets at the end
// and still reachable by errors.Is.
func TestPublishFailedMessages(t *testing.T) {
	for _, tc := range []struct {
		errno      syscall.Errno
		cause, fix string
	}{
		{syscall.EACCES, "Không có quyền ghi vào thư mục /srv", "quyền ghi"},
		{syscall.EPERM, "Không có quyền ghi vào thư mục /srv", "chown"},
		{syscall.EXDEV, "Thư mục đích public nằm trên một ổ đĩa khác", "--dest public/papi"},
		{syscall.ENOSPC, "Đĩa chứa /srv đã đầy", "giải phóng chỗ trống"},
		{syscall.EDQUOT, "Đĩa chứa /srv đã đầy", "giải phóng chỗ trống"},
		{syscall.EROFS, "Ổ đĩa chứa /srv chỉ cho phép đọc", "ổ đĩa ghi được"},
		{syscall.EIO, "Ổ đĩa chứa /srv báo lỗi đọc/ghi", "kiểm tra ổ đĩa"},
		{syscall.ENOENT, "Một thư mục portal đang dùng cạnh public đã bị xoá", "chương trình khác"},
		{syscall.ENOTEMPTY, "Thư mục đích public hoặc một thư mục portal dùng cạnh nó đã bị thay đổi", "chương trình khác"},
		{syscall.EBUSY, "thư mục đích public là một điểm gắn kết", "--dest public/papi"},
		{syscall.EMLINK, "Hệ thống báo lỗi khi ghi nhật ký xuất bản", "ngoặc vuông"},
	} {
		goErr := &os.PathError{Op: "open", Path: "/srv/.public.journal", Err: tc.errno}
		err := publishFailed("ghi nhật ký xuất bản", "public", "/srv", goErr)
		msg := err.Error()
		if !strings.HasPrefix(msg, tc.cause) {
			t.Errorf("%v: message does not begin with the cause %q: %s", tc.errno, tc.cause, msg)
		}
		if !strings.Contains(msg, tc.fix) {
			t.Errorf("%v: message lacks the hint %q: %s", tc.errno, tc.fix, msg)
		}
		if tc.errno != syscall.EBUSY && !strings.Contains(msg, "khi ghi nhật ký xuất bản") {
			t.Errorf("%v: message does not say which step: %s", tc.errno, msg)
		}
		if !strings.HasSuffix(msg, "["+goErr.Error()+"]") {
			t.Errorf("%v: the system's error is not kept in brackets at the end: %s", tc.errno, msg)
		}
		if !errors.Is(err, tc.errno) {
			t.Errorf("%v: errors.Is lost the system's error", tc.errno)
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("%v: not one line: %q", tc.errno, msg)
		}
	}
}

// Each step, refused for real: the lock file, the manifest, the journal
// and the rename into place each give their own cause first, name the
// step, and leave the destination as it was.
func TestPublishStepFailures(t *testing.T) {
	site := map[string]string{"index.html": "cũ"}
	setup := func(t *testing.T) (dir, dest string) {
		dir = t.TempDir()
		dest = filepath.Join(dir, "public")
		testkit.WriteFiles(t, dest, site)
		if err := writeManifest(dest, []string{"index.html"}); err != nil {
			t.Fatal(err)
		}
		return dir, dest
	}
	unchanged := func(t *testing.T, dest string) {
		t.Helper()
		if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "cũ" {
			t.Errorf("the destination changed: %q %v", b, err)
		}
	}
	want := func(t *testing.T, err error, cause, step string) {
		t.Helper()
		var pe *PublishError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v, want a *PublishError", err)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, cause) || !strings.Contains(msg, step) || !strings.HasSuffix(msg, "]") {
			t.Errorf("message %q: want it to begin with %q, name the step %q and end with the system's error", msg, cause, step)
		}
	}

	t.Run("lock", func(t *testing.T) {
		dir, dest := setup(t)
		if err := os.Mkdir(filepath.Join(dir, ".public.lock"), 0o755); err != nil {
			t.Fatal(err)
		}
		_, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: io.Discard})
		want(t, err, "Thư mục đích "+dest+" hoặc một thư mục portal dùng cạnh nó đã bị thay đổi", "khi tạo tệp khoá "+filepath.Join(dir, ".public.lock"))
		unchanged(t, dest)
	})
	t.Run("manifest", func(t *testing.T) {
		dir, dest := setup(t)
		p, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if err := os.Mkdir(filepath.Join(p.Dir(), ManifestName), 0o755); err != nil {
			t.Fatal(err)
		}
		want(t, p.Commit([]string{"index.html"}), "Thư mục đích "+dest, "khi ghi danh sách tệp "+ManifestName)
		unchanged(t, dest)
	})
	t.Run("journal", func(t *testing.T) {
		dir, dest := setup(t)
		p, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: io.Discard, NoExchange: true})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		// The journal is written beside its name first: a folder there
		// refuses it.
		if err := os.Mkdir(p.journalPath()+"-"+p.suffix, 0o755); err != nil {
			t.Fatal(err)
		}
		want(t, p.Commit(nil), "Thư mục đích "+dest, "khi ghi nhật ký xuất bản "+p.journalPath())
		unchanged(t, dest)
	})
	t.Run("rename", func(t *testing.T) {
		dir, dest := setup(t)
		var p *Publication
		// The new site's folder vanishes just before it is moved in.
		p, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: io.Discard, NoExchange: true,
			Step: func(s string) {
				if s == "site" {
					_ = os.RemoveAll(p.Dir())
				}
			}})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		want(t, p.Commit(nil), "Một thư mục portal đang dùng cạnh "+dest+" đã bị xoá", "khi đưa bản dựng mới vào "+dest)
		unchanged(t, dest)
	})
}

package build

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"

	"portal/internal/output"
	"portal/internal/testkit"
)

// failingDisk is a Writer whose disk fails with errno once limit bytes
// are written, as a full disk does (tests/crash fills a real one).
type failingDisk struct {
	mu      sync.Mutex
	written int
	limit   int
	errno   syscall.Errno
	calls   int // writes attempted after the disk failed
}

func (d *failingDisk) WriteFile(rel string, data []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.written+len(data) > d.limit {
		d.calls++
		return &output.WriteError{Path: "public/" + rel, Err: fmt.Errorf("write %s: %w", rel, d.errno)}
	}
	d.written += len(data)
	return nil
}

func (d *failingDisk) CopyFile(rel, _ string) error { return d.WriteFile(rel, make([]byte, 100)) }

// A disk that fails is one cause, reported once for each kind of
// failure, first, whatever the number of files it stopped; nothing is
// counted as an editor's mistake, and nothing more is written once the
// disk has failed.
func TestDiskFailureIsOneCause(t *testing.T) {
	src := testkit.Site(t, "engine")
	whole := &failingDisk{limit: 1 << 40}
	if _, err := Run(Options{Source: src, Now: fixedNow, Workers: 4}, whole); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		errno syscall.Errno
		msg   string
	}{
		{syscall.ENOSPC, "đĩa đã đầy (no space left on device)"},
		{syscall.EDQUOT, "đã dùng hết hạn mức dung lượng đĩa (disk quota exceeded)"},
		{syscall.EROFS, "ổ đĩa chỉ cho phép đọc (read-only file system)"},
		{syscall.EIO, "ổ đĩa báo lỗi đọc/ghi (input/output error)"},
		{syscall.EACCES, "không có quyền ghi (permission denied)"},
	} {
		for _, limit := range []int{0, whole.written / 2, whole.written * 19 / 20} {
			t.Run(fmt.Sprintf("%v/%d", c.errno, limit), func(t *testing.T) {
				d := &failingDisk{limit: limit, errno: c.errno}
				_, err := Run(Options{Source: src, Now: fixedNow, Workers: 4}, d)
				var failed *Failed
				if !errors.As(err, &failed) {
					t.Fatalf("err = %v, want *Failed", err)
				}
				if m := failed.Mistakes(); len(m) > 0 {
					t.Errorf("a failing disk counted as mistakes in the content: %v", m)
				}
				causes := failed.Causes()
				if len(causes) != 1 || !strings.HasPrefix(causes[0].Error(), "Không dựng được trang: "+c.msg+" khi ghi public/") {
					t.Errorf("causes %v; want one: %s", causes, c.msg)
				}
				lines := strings.Split(failed.Error(), "\n")
				if len(lines) != 2 || lines[0] != causes[0].Error() || lines[1] != "Xây dựng thất bại vì sự cố ở trên, không phải vì lỗi trong nội dung (build failed)" {
					t.Errorf("message:\n%s", failed.Error())
				}
				// Writes already under way when the disk failed may fail
				// too; the rest are not tried.
				if d.calls > 4 {
					t.Errorf("%d writes tried after the disk failed", d.calls)
				}
			})
		}
	}
}

// A write that fails for a reason of the site's own (a file where a
// folder must go) is not the disk's: it is reported at the file, and the
// build goes on.
func TestClashingWriteIsNotACause(t *testing.T) {
	d := &failingDisk{limit: 0, errno: syscall.EISDIR}
	_, err := Run(Options{Source: testkit.Site(t, "engine"), Now: fixedNow, Workers: 4}, d)
	var failed *Failed
	if !errors.As(err, &failed) {
		t.Fatalf("err = %v, want *Failed", err)
	}
	if len(failed.Causes()) > 0 || len(failed.Mistakes()) < 2 {
		t.Errorf("causes %v, mistakes %v; want a mistake for each file", failed.Causes(), failed.Mistakes())
	}
}

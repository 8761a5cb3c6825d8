package output

import (
	"errors"
	"fmt"
	"syscall"
)

// PublishError is a step of publishing (the lock, the working folders,
// the manifest, the journal, a rename) that the system refused. Its
// message says the cause first, in the editor's words, then what to do,
// and keeps the system's own error in brackets for whoever must look
// further.
type PublishError struct {
	Cause, Hint string
	Err         error
}

func (e *PublishError) Error() string {
	s := e.Cause
	if e.Hint != "" {
		s += ". " + e.Hint
	}
	return s + " [" + e.Err.Error() + "]"
}

func (e *PublishError) Unwrap() error { return e.Err }

// publishFailed explains err, which the system returned while portal was
// doing what (a phrase: "ghi nhật ký xuất bản"); dest is the destination
// as the user gave it, dir the folder beside it where portal works.
func publishFailed(what, dest, dir string, err error) error {
	var errno syscall.Errno
	errors.As(err, &errno)
	e := &PublishError{Err: err}
	switch {
	case errno == syscall.EACCES || errno == syscall.EPERM:
		e.Cause = fmt.Sprintf("Không có quyền ghi vào thư mục %s (nơi chứa thư mục đích %s) khi %s", dir, dest, what)
		e.Hint = "Portal làm việc trong thư mục chứa thư mục đích: hãy cho người dùng đang chạy portal quyền ghi vào thư mục đó (chown, chmod u+w), hoặc chọn --dest ở nơi người dùng này ghi được (permission denied)"
	case errno == syscall.EXDEV:
		e.Cause = fmt.Sprintf("Thư mục đích %s nằm trên một ổ đĩa khác với thư mục chứa nó %s khi %s", dest, dir, what)
		e.Hint = fmt.Sprintf("Portal chỉ đổi tên được thư mục trong cùng một ổ đĩa: hãy dựng vào một thư mục con trên ổ đó, ví dụ --dest %s/papi (destination on another file system)", dest)
	case errno == syscall.EBUSY:
		return &PublishError{Cause: mountPointError(dest).Error(), Err: err}
	case errno == syscall.ENOSPC || errno == syscall.EDQUOT:
		e.Cause = fmt.Sprintf("Đĩa chứa %s đã đầy (hoặc hết hạn mức) khi %s", dir, what)
		e.Hint = "Hãy giải phóng chỗ trống trên ổ đĩa đó rồi dựng lại; trang đang xuất bản không bị thay đổi (no space left on device)"
	case errno == syscall.EROFS:
		e.Cause = fmt.Sprintf("Ổ đĩa chứa %s chỉ cho phép đọc khi %s", dir, what)
		e.Hint = "Hãy chọn --dest trên ổ đĩa ghi được (read-only file system)"
	case errno == syscall.EIO:
		e.Cause = fmt.Sprintf("Ổ đĩa chứa %s báo lỗi đọc/ghi khi %s", dir, what)
		e.Hint = "Hãy kiểm tra ổ đĩa rồi dựng lại (input/output error)"
	case errno == syscall.ENOENT:
		e.Cause = fmt.Sprintf("Một thư mục portal đang dùng cạnh %s đã bị xoá hoặc đổi tên khi %s", dest, what)
		e.Hint = fmt.Sprintf("Có chương trình khác đang sửa các thư mục trong %s; hãy dừng nó rồi dựng lại (no such file or directory)", dir)
	case errno == syscall.ENOTEMPTY || errno == syscall.EEXIST || errno == syscall.EISDIR || errno == syscall.ENOTDIR:
		e.Cause = fmt.Sprintf("Thư mục đích %s hoặc một thư mục portal dùng cạnh nó đã bị thay đổi trong lúc dựng khi %s", dest, what)
		e.Hint = fmt.Sprintf("Có chương trình khác đang ghi vào %s; hãy dừng nó rồi dựng lại", dir)
	default:
		e.Cause = fmt.Sprintf("Hệ thống báo lỗi khi %s", what)
		e.Hint = "Lỗi của hệ thống ở trong ngoặc vuông; hãy khắc phục nó rồi dựng lại"
	}
	return e
}

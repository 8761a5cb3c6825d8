package output

import (
	"errors"
	"path/filepath"
	"syscall"

	"portal/internal/diag"
)

// WriteError is a file or folder of the new site that the disk did not
// take. Path names it as the user knows it (under the destination).
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string { return "ghi " + e.Path + ": " + e.Err.Error() }

func (e *WriteError) Unwrap() error { return e.Err }

// diskFailure describes err when it is the disk's failure rather than the
// site's: a full disk, a read-only or failing one, a refused permission.
// Every later write fails the same way, so the build reports it once, as
// the cause. key tells one failure from another. ok is false for what a
// page's address brings about (a file where a folder must go, a name too
// long): those are the site's, reported at the file written.
func diskFailure(err error) (msg, key string, ok bool) {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return "", "", false
	}
	switch errno {
	case syscall.EISDIR, syscall.ENOTDIR, syscall.EEXIST, syscall.ENAMETOOLONG, syscall.EINVAL:
		return "", "", false
	case syscall.ENOSPC:
		msg = "đĩa đã đầy (no space left on device)"
	case syscall.EDQUOT:
		msg = "đã dùng hết hạn mức dung lượng đĩa (disk quota exceeded)"
	case syscall.EROFS:
		msg = "ổ đĩa chỉ cho phép đọc (read-only file system)"
	case syscall.EIO:
		msg = "ổ đĩa báo lỗi đọc/ghi (input/output error)"
	case syscall.EACCES, syscall.EPERM:
		msg = "không có quyền ghi (permission denied)"
	default:
		msg = "hệ thống không ghi được tệp (" + errno.Error() + ")"
	}
	return msg, errno.Error(), true
}

// writeFailed reports that rel could not be written. A failure of the
// disk is one cause for the whole build, however many files it stopped:
// it is reported once for each kind, and nothing more is written.
func (e *Emitter) writeFailed(rel string, err error) {
	var we *WriteError
	if errors.As(err, &we) {
		if msg, key, ok := diskFailure(we.Err); ok {
			e.stopped.Store(true)
			e.mu.Lock()
			first := !e.disk[key]
			if first {
				if e.disk == nil {
					e.disk = map[string]bool{}
				}
				e.disk[key] = true
			}
			e.mu.Unlock()
			if first {
				e.problems.Add(diag.Causef("", 0, "%s khi ghi %s", msg, filepath.ToSlash(we.Path)))
			}
			return
		}
	}
	e.problems.Add(diag.Errorf(rel, 0, "%v", err))
}

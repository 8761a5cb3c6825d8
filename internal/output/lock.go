package output

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// destLock is the lock one build holds on a destination for the whole of
// its run: from before it looks at the destination until the old site is
// gone. It is a file beside the destination (".public.lock" for "public"),
// never inside it, and is left in place when released: removing a lock
// file while another process waits on it would let a third one lock a new
// file of the same name.
type destLock struct {
	f    *os.File
	path string
}

// errLocked is what tryLock returns when another process holds the lock.
var errLocked = errors.New("locked")

// lockDest takes the lock at path. When another build holds it, it says so
// on log and waits: builds are queued, not refused, because the usual
// cause is a second editor or a CI job publishing the same site a moment
// later, and the newest build is the one that should end up published.
func lockDest(path, dest string, log io.Writer) (*destLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("không tạo được tệp khoá %s cạnh thư mục đích: %w (lock file)", path, err)
	}
	err = tryLock(f)
	if errors.Is(err, errLocked) {
		fmt.Fprintf(log, "Đang chờ bản dựng khác vào %s kết thúc… (waiting for another build: %s)\n", dest, path)
		err = waitLock(f)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("không khoá được %s: %w (lock)", path, err)
	}
	return &destLock{f: f, path: path}, nil
}

// unlock releases the lock; closing the file releases it too, and so does
// the end of the process, however it ends.
func (l *destLock) unlock() {
	if l == nil || l.f == nil {
		return
	}
	_ = unlockFile(l.f)
	_ = l.f.Close()
	l.f = nil
}

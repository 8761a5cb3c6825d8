package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	dir := filepath.Dir(path)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, publishFailed("tạo tệp khoá "+path+" cạnh thư mục đích", dest, dir, err)
	}
	err = tryLock(f)
	if errors.Is(err, errLocked) {
		holder := ""
		if pid := lockHolder(path); pid != "" {
			holder = ", tiến trình PID " + pid
		}
		fmt.Fprintf(log, "Đang chờ bản dựng khác vào %s kết thúc%s… (waiting for another build: %s)\n", dest, holder, path)
		err = waitLock(f)
	}
	if err != nil {
		f.Close()
		return nil, publishFailed("khoá "+path+" để chỉ một bản dựng vào thư mục đích tại một thời điểm", dest, dir, err)
	}
	// Who holds the lock, for the message of a build that waits on it.
	// The lock is on the file, not its bytes: writing is safe.
	if f.Truncate(0) == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &destLock{f: f, path: path}, nil
}

// lockHolder reads the process id the build holding the lock at path
// wrote into it; "" when there is none (a lock file of an older portal)
// or it cannot be read.
func lockHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	pid := strings.TrimSpace(string(b))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return pid
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

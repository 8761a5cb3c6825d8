package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"portal/internal/config"
	"portal/internal/content"
)

// watchedDirs are the source folders; site.yaml is watched through the
// site folder itself, because editors often save by replacing the file.
var watchedDirs = []string{"content", "layouts", "static", "data"}

// maxWait bounds how long a stream of events can postpone a rebuild.
const maxWait = 500 * time.Millisecond

// DefaultPoll is how often the sources are scanned with --poll alone, and
// when the watcher falls back to polling: a save shows within a second.
const DefaultPoll = time.Second

// MinPoll is the shortest polling interval accepted: each scan reads the
// metadata of every source file, and a large site on a network share
// would spend all its time scanning.
const MinPoll = 100 * time.Millisecond

// Watch rebuilds on every saved change below the site's source folders
// until ctx ends. It waits for the operating system's file events; with
// Options.Poll, or where events cannot be had (a network share, WSL's
// /mnt/c, too many folders for the system's watch limit), it scans the
// sources at an interval instead and says so.
func (s *Server) Watch(ctx context.Context) error {
	return s.watch(ctx, fsnotify.NewWatcher)
}

// watch is Watch with the event watcher's constructor given, so tests can
// make the operating system refuse.
func (s *Server) watch(ctx context.Context, newWatcher func() (*fsnotify.Watcher, error)) error {
	root, err := filepath.Abs(s.opts.Source)
	if err != nil {
		return err
	}
	if s.opts.Poll > 0 {
		fmt.Fprintf(s.opts.Log, "Theo dõi thay đổi bằng cách kiểm tra các tệp mỗi %v (--poll).\n", s.opts.Poll)
		return s.poll(ctx, root, s.opts.Poll, false)
	}
	if why := unwatchable(root); why != "" {
		fmt.Fprintf(s.opts.Log, "Thư mục trang nằm trên %s: hệ điều hành có thể không báo khi tệp thay đổi. Chuyển sang kiểm tra các tệp mỗi %v (như --poll).\n", why, DefaultPoll)
		return s.poll(ctx, root, DefaultPoll, false)
	}
	err = s.notify(ctx, root, newWatcher)
	var fb *fallbackError
	if !errors.As(err, &fb) {
		return err
	}
	fmt.Fprintf(s.opts.Log, "Không theo dõi được thay đổi tệp (%v). Chuyển sang kiểm tra các tệp mỗi %v (như --poll).\n", fb.err, DefaultPoll)
	return s.poll(ctx, root, DefaultPoll, fb.midRun)
}

// fallbackError ends event watching: the rest is polled. midRun is set
// when events were already being handled, so some may have been lost.
type fallbackError struct {
	err    error
	midRun bool
}

func (e *fallbackError) Error() string { return e.err.Error() }

// batch gathers changed paths and says when to rebuild: Debounce after
// the last event, and never later than maxWait after the first.
type batch struct {
	debounce time.Duration
	pending  map[string]bool
	timer    *time.Timer
	fire     <-chan time.Time
	first    time.Time
}

func (b *batch) add(rel string) {
	b.pending[rel] = true
	now := time.Now()
	if b.fire == nil {
		b.first = now
	}
	wait := b.debounce
	if left := maxWait - now.Sub(b.first); left < wait {
		wait = max(left, 0)
	}
	if b.timer == nil {
		b.timer = time.NewTimer(wait)
	} else {
		b.timer.Stop()
		b.timer.Reset(wait)
	}
	b.fire = b.timer.C
}

// take empties the batch, sorted.
func (b *batch) take() []string {
	b.fire = nil
	changed := make([]string, 0, len(b.pending))
	for p := range b.pending {
		changed = append(changed, p)
	}
	clear(b.pending)
	sort.Strings(changed)
	return changed
}

func (b *batch) stop() {
	if b.timer != nil {
		b.timer.Stop()
	}
}

// notify watches with the operating system's file events. It returns a
// *fallbackError when a folder cannot be watched, so Watch can poll.
func (s *Server) notify(ctx context.Context, root string, newWatcher func() (*fsnotify.Watcher, error)) error {
	w, err := newWatcher()
	if err != nil {
		return &fallbackError{err: err}
	}
	defer w.Close()
	if err := w.Add(root); err != nil {
		return &fallbackError{err: err}
	}
	if err := s.watchAll(w, root); err != nil {
		return &fallbackError{err: err}
	}
	b := &batch{debounce: s.opts.Debounce, pending: map[string]bool{}}
	defer b.stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Too many changes at once (a copy, a checkout): some were
				// not reported, so everything is rebuilt.
				fmt.Fprintln(s.opts.Log, "Nhiều tệp thay đổi cùng lúc; dựng lại toàn bộ.")
				b.take()
				s.Rebuild(nil)
				continue
			}
			return &fallbackError{err: err, midRun: true}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Rename) && dropWatches(w, ev.Name) {
				// A watched folder was renamed. Its watches (and those
				// below it) keep the old name, and fsnotify would report
				// later edits under that name: they are dropped, and the
				// trees watched again under the names they have now.
				if err := s.watchAll(w, root); err != nil {
					return &fallbackError{err: err, midRun: true}
				}
			}
			rel, dir, ok := s.classify(root, ev)
			if !ok {
				continue
			}
			b.add(rel)
			if dir && ev.Has(fsnotify.Create) {
				// Files may have been written into the new folder before
				// its watch was added: count them as changed too.
				err := s.addTree(w, ev.Name, func(p string) {
					if r, err := filepath.Rel(root, p); err == nil {
						b.pending[filepath.ToSlash(r)] = true
					}
				})
				if err != nil {
					return &fallbackError{err: err, midRun: true}
				}
			}
		case <-b.fire:
			s.Rebuild(b.take())
		}
	}
}

// classify returns the site-relative path of an event worth a rebuild and
// whether it names a folder.
func (s *Server) classify(root string, ev fsnotify.Event) (string, bool, bool) {
	r, err := filepath.Rel(root, ev.Name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false, false
	}
	rel := filepath.ToSlash(r)
	if !source(rel) {
		return "", false, false
	}
	st, err := os.Lstat(ev.Name)
	return rel, err == nil && st.IsDir(), true
}

// source reports whether a site-relative slash path is one the build
// reads: site.yaml, or a name under a watched folder that no segment
// makes ignored.
func source(rel string) bool {
	segs := strings.Split(rel, "/")
	for _, seg := range segs {
		if content.Ignored(seg) {
			return false
		}
	}
	if len(segs) == 1 && segs[0] == config.FileName {
		return true
	}
	for _, d := range watchedDirs {
		if segs[0] == d {
			return true
		}
	}
	return false
}

// walkTree calls visit for dir and every entry below it that the build
// reads, skipping ignored names. A top folder that is a symlink (data ->
// chung-data), which the build follows, is walked at its target but
// reported through the link, so paths name files as the build reads them.
func walkTree(dir string, visit func(p string, d fs.DirEntry) error) error {
	walk := dir
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := filepath.EvalSymlinks(dir); err == nil {
			walk = t
		}
	}
	return filepath.WalkDir(walk, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone, or unreadable: the build reports it
		}
		if walk != dir {
			rel, _ := filepath.Rel(walk, p)
			p = filepath.Join(dir, rel)
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		return visit(p, d)
	})
}

// watchAll watches every folder the build reads (adding a watch that
// exists changes nothing).
func (s *Server) watchAll(w *fsnotify.Watcher, root string) error {
	for _, d := range watchedDirs {
		if err := s.addTree(w, filepath.Join(root, d), nil); err != nil {
			return err
		}
	}
	return nil
}

// dropWatches removes the watches of path and of every folder below it,
// and reports whether there were any.
func dropWatches(w *fsnotify.Watcher, path string) bool {
	dropped := false
	for _, p := range w.WatchList() {
		if p == path || strings.HasPrefix(p, path+string(filepath.Separator)) {
			_ = w.Remove(p) // gone already when the system dropped it
			dropped = true
		}
	}
	return dropped
}

// addTree watches dir and every folder below it; found, when set, is
// called for every file seen. A folder that cannot be watched, other than
// one removed meanwhile, is an error: edits in it would go unseen.
func (s *Server) addTree(w *fsnotify.Watcher, dir string, found func(string)) error {
	return walkTree(dir, func(p string, d fs.DirEntry) error {
		if d.IsDir() {
			if err := w.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: %w", p, err)
			}
			return nil
		}
		if found != nil {
			found(p)
		}
		return nil
	})
}

// fileState is what a scan remembers of a source file.
type fileState struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// scan records every source file's size, time and mode, by site-relative
// slash path. A symbolic link is recorded as what it points to, as the
// build reads it.
func scan(root string) map[string]fileState {
	files := map[string]fileState{}
	record := func(p string, fi fs.FileInfo) {
		if r, err := filepath.Rel(root, p); err == nil {
			files[filepath.ToSlash(r)] = fileState{fi.Size(), fi.ModTime(), fi.Mode()}
		}
	}
	if fi, err := os.Stat(filepath.Join(root, config.FileName)); err == nil {
		record(filepath.Join(root, config.FileName), fi)
	}
	for _, d := range watchedDirs {
		_ = walkTree(filepath.Join(root, d), func(p string, d fs.DirEntry) error {
			if d.IsDir() {
				return nil
			}
			fi, err := os.Stat(p)
			if err == nil {
				record(p, fi)
			}
			return nil
		})
	}
	return files
}

// diff lists the paths added, removed or changed between two scans, sorted.
func diff(before, after map[string]fileState) []string {
	var changed []string
	for p, a := range after {
		if b, ok := before[p]; !ok || b != a {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			changed = append(changed, p)
		}
	}
	sort.Strings(changed)
	return changed
}

// poll scans the sources every interval and rebuilds what changed; with
// rebuild set it first rebuilds everything, for changes that may have
// been missed before. A save caught half-written is seen changed again at
// the next scan.
func (s *Server) poll(ctx context.Context, root string, every time.Duration, rebuild bool) error {
	prev := scan(root)
	if rebuild {
		s.Rebuild(nil)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			cur := scan(root)
			if changed := diff(prev, cur); len(changed) > 0 {
				s.Rebuild(changed)
			}
			prev = cur
		}
	}
}

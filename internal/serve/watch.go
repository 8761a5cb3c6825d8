package serve

import (
	"context"
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

// Watch rebuilds on every saved change below the site's source folders
// until ctx ends. Folders created later are watched as they appear. Bursts
// of events are coalesced into one rebuild.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("theo dõi thay đổi tệp (watch files): %w", err)
	}
	defer w.Close()
	root, err := filepath.Abs(s.opts.Source)
	if err != nil {
		return err
	}
	if err := w.Add(root); err != nil {
		return fmt.Errorf("theo dõi %s: %w", root, err)
	}
	for _, d := range watchedDirs {
		s.addTree(w, filepath.Join(root, d), nil)
	}
	pending := map[string]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	var first time.Time
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.opts.Log, "cảnh báo: theo dõi tệp: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, dir, ok := s.classify(root, ev)
			if !ok {
				continue
			}
			pending[rel] = true
			if dir && ev.Has(fsnotify.Create) {
				// Files may have been written into the new folder before
				// its watch was added: count them as changed too.
				s.addTree(w, ev.Name, func(p string) {
					if r, err := filepath.Rel(root, p); err == nil {
						pending[filepath.ToSlash(r)] = true
					}
				})
			}
			now := time.Now()
			if fire == nil {
				first = now
			}
			wait := s.opts.Debounce
			if left := maxWait - now.Sub(first); left < wait {
				wait = max(left, 0)
			}
			if timer == nil {
				timer = time.NewTimer(wait)
			} else {
				timer.Stop()
				timer.Reset(wait)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			clear(pending)
			sort.Strings(changed)
			s.Rebuild(changed)
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
	segs := strings.Split(rel, "/")
	for _, seg := range segs {
		if content.Ignored(seg) {
			return "", false, false
		}
	}
	if len(segs) == 1 && segs[0] == config.FileName {
		return rel, false, true
	}
	top := false
	for _, d := range watchedDirs {
		if segs[0] == d {
			top = true
		}
	}
	if !top {
		return "", false, false
	}
	st, err := os.Lstat(ev.Name)
	return rel, err == nil && st.IsDir(), true
}

// addTree watches dir and every folder below it, skipping ignored names;
// found, when set, is called for every file seen.
func (s *Server) addTree(w *fsnotify.Watcher, dir string, found func(string)) {
	// A top folder that is a symlink (data -> chung-data), which the build
	// follows, is walked at its target but watched through the link, so
	// events name files under dir as the build reads them.
	walk := dir
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := filepath.EvalSymlinks(dir); err == nil {
			walk = t
		}
	}
	_ = filepath.WalkDir(walk, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
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
		if d.IsDir() {
			if err := w.Add(p); err != nil {
				fmt.Fprintf(s.opts.Log, "cảnh báo: không theo dõi được %s: %v\n", p, err)
			}
			return nil
		}
		if found != nil {
			found(p)
		}
		return nil
	})
}

// Package serve is the editors' live preview: it builds the site into
// memory, serves it on the local machine, rebuilds when a source file is
// saved (only the edited page when only its body changed) and tells open
// browser tabs to reload, or shows the build error over the page until the
// file is fixed.
package serve

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"portal/internal/build"
	"portal/internal/check"
	"portal/internal/config"
	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/site"
)

// DefaultDebounce is how long the watcher waits after the last file event
// before rebuilding: an editor's save is often several events (truncate,
// write, rename, chmod) that must become one rebuild. The wait restarts
// with every event, so a burst with gaps shorter than this (a save, a git
// checkout) is still one rebuild; 20 ms keeps save-to-reload under 50 ms.
// A save read half-written only shows an error until its last event,
// which rebuilds again.
const DefaultDebounce = 20 * time.Millisecond

// Options configure a Server.
type Options struct {
	// Source is the site folder.
	Source string
	// Drafts publishes draft pages, each with a visible banner.
	Drafts bool
	// Origin is the scheme and host the site is served at
	// ("http://127.0.0.1:1313"); permalinks are built against it so links
	// stay on the preview. Empty keeps the base URL of site.yaml.
	Origin string
	// Bind is the --bind address; a host name given there is accepted in
	// the Host header besides the loopback names and the address the
	// request came to.
	Bind string
	// Debounce overrides DefaultDebounce.
	Debounce time.Duration
	// Poll, when positive, scans the sources at this interval instead of
	// waiting for the system's file events (see Watch).
	Poll time.Duration
	// Now decides future and expired pages, to preview the site as of
	// another date; zero means the clock.
	Now time.Time
	// Log receives one line per rebuild and every problem; nil discards.
	Log io.Writer
	// OnRebuild, when set, is called after each rebuild (also a failed
	// one), after browsers were notified, with the rebuild lock held: it
	// must not call Rebuild.
	OnRebuild func(*Result)
	// OnIndex, when set, is called with the files written each time the
	// search index is rewritten after edits.
	OnIndex func(written []string)
}

// Result describes one rebuild.
type Result struct {
	// Full is true when the whole site was built again.
	Full bool
	// Changed are the source paths that caused the rebuild (relative to
	// the site folder); nil for the first build.
	Changed []string
	// Written lists the output paths written, sorted.
	Written []string
	// Removed lists output paths the new site no longer has, sorted.
	Removed []string
	// CSSOnly is true when only stylesheets changed, so pages can swap
	// them without reloading.
	CSSOnly bool
	// Err is the build failure (*build.Failed for mistakes in the
	// sources); the previous site is still served.
	Err      error
	Warnings []*diag.Problem
	// Elapsed is the time until the new pages were served and browsers
	// told to reload.
	Elapsed time.Duration

	bodies int
}

// snapshot is one consistent state of what is served.
type snapshot struct {
	files *output.MemWriter
	// drafts holds the output paths of draft pages.
	drafts map[string]bool
	// basePath is where the site lives on the server ("/" or "/papi/").
	basePath string
	// problems are the errors of the last build when it failed; the files
	// are then those of the last good build.
	problems []*diag.Problem
	// good is false until a build has succeeded.
	good bool
	// findings are the checker's findings on the drafts of these files;
	// nil when no draft is served.
	findings *draftFindings
}

// draftFindings are what `portal check --drafts` says about each draft
// page of one snapshot, by output path. Reviewing the site takes longer
// than showing an edit, so it is done when a draft is first asked for,
// not on every save.
type draftFindings struct {
	once sync.Once
	m    map[string][]*diag.Problem
}

// newFindings starts the draft findings of a snapshot serving drafts.
func newFindings(drafts map[string]bool) *draftFindings {
	if len(drafts) == 0 {
		return nil
	}
	return &draftFindings{}
}

// draftFindings returns the checker's findings on draft page out of snap,
// reviewing the site the first time one is asked for. A snapshot that is
// no longer served gets none: the browser is reloading anyway.
func (s *Server) draftFindings(snap *snapshot, out string) []*diag.Problem {
	f := snap.findings
	if f == nil || !snap.drafts[out] {
		return nil
	}
	f.once.Do(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.cur.Load() != snap || s.session == nil {
			return
		}
		res := s.session.Result
		bySource := map[string]string{}
		for _, st := range res.Sites {
			for _, p := range st.AllPages {
				if p.Draft && p.URL != "" && p.Source() != nil {
					bySource[p.SourceName()] = p.OutputPath()
				}
			}
		}
		f.m = map[string][]*diag.Problem{}
		for _, fd := range check.Review(check.Options{Source: s.opts.Source, Now: s.opts.Now, Drafts: true}, res, snap.files) {
			if o, ok := bySource[fd.File]; ok {
				f.m[o] = append(f.m[o], fd)
			} else if o := strings.TrimPrefix(fd.File, "public/"); snap.drafts[o] {
				f.m[o] = append(f.m[o], fd)
			}
		}
	})
	return f.m[out]
}

// Server builds, serves and rebuilds one site. Its methods are safe for
// concurrent use; rebuilds run one at a time.
type Server struct {
	opts Options
	hub  *hub
	cur  atomic.Pointer[snapshot]
	// policy is the site's headers (static/_headers), sent on every answer.
	policy atomic.Pointer[headerPolicy]

	mu      sync.Mutex // serializes rebuilds
	session *build.Session
	// indexDirty is set when body edits left the search index stale; it
	// is rewritten when the browser next asks for it (see ensureIndex).
	indexDirty bool
	// indexMu lets one request at a time rewrite the index.
	indexMu sync.Mutex
	// gen counts body edits, so an index built meanwhile is known stale.
	gen uint64

	closeOnce sync.Once
	closing   chan struct{}
}

// New builds the site and returns a server for it. A failed first build is
// not an error: the server starts and shows the problem until it is fixed.
func New(opts Options) *Server {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &Server{opts: opts, hub: newHub(), closing: make(chan struct{})}
	s.cur.Store(&snapshot{files: output.NewMemWriter(), basePath: "/"})
	s.policy.Store(&headerPolicy{})
	s.Rebuild(nil)
	return s
}

// Close ends open event streams; the HTTP server itself is the caller's.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
}

// BasePath is the path the site is served under.
func (s *Server) BasePath() string { return s.cur.Load().basePath }

// Problems returns the errors of the last build, nil when it succeeded.
func (s *Server) Problems() []*diag.Problem { return s.cur.Load().problems }

// File returns a built file by output path, as served.
func (s *Server) File(rel string) ([]byte, bool) { return s.cur.Load().files.Get(rel) }

// Rebuild brings the served site up to date after the given source paths
// changed (slash paths relative to the site folder, such as
// "content/ve-papi/_index.md"); nil rebuilds everything. When the only
// change is one page's body (or existing static files), only what shows it
// is rebuilt; anything else builds the whole site into a fresh memory
// store, which replaces the served one only on success.
func (s *Server) Rebuild(changed []string) *Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	res := &Result{Changed: changed}
	if changed == nil || slices.Contains(changed, "static/"+output.HeadersFileName) {
		pol, err := loadPolicy(s.opts.Source)
		if err != nil {
			fmt.Fprintf(s.opts.Log, "cảnh báo: %v; bản xem trước dùng chính sách mặc định (Content-Security-Policy: %s)\n", err, fallbackPolicy)
		}
		s.policy.Store(pol)
	}
	cur := s.cur.Load()
	next := s.incremental(cur, changed, res)
	if next == nil && res.Err == nil {
		next = s.full(cur, res)
	}
	res.Elapsed = time.Since(start)
	if res.Err != nil {
		var failed *build.Failed
		probs := []*diag.Problem{{File: "portal", Msg: res.Err.Error()}}
		if errors.As(res.Err, &failed) {
			probs = errorsOnly(failed.Problems)
		}
		next = &snapshot{files: cur.files, drafts: cur.drafts, basePath: cur.basePath, problems: probs, good: cur.good, findings: cur.findings}
	}
	s.cur.Store(next)
	s.report(res, next)
	switch {
	case res.Full && res.Err == nil:
		s.indexDirty = false
	case res.Err == nil && res.bodies > 0:
		s.gen++
		s.indexDirty = true
	}
	if s.opts.OnRebuild != nil {
		s.opts.OnRebuild(res)
	}
	return res
}

// incremental tries the quick paths. It returns nil (and no error in res)
// when a full build is needed.
func (s *Server) incremental(cur *snapshot, changed []string, res *Result) *snapshot {
	if s.session == nil || len(changed) == 0 || !cur.good || cur.problems != nil {
		return nil
	}
	var bodies, statics []string
	for _, c := range changed {
		if s.transient(c) {
			continue
		}
		switch {
		case strings.HasPrefix(c, "content/") && strings.HasSuffix(strings.ToLower(c), ".md"):
			bodies = append(bodies, strings.TrimPrefix(c, "content/"))
		case strings.HasPrefix(c, "static/"):
			statics = append(statics, strings.TrimPrefix(c, "static/"))
		default:
			return nil
		}
	}
	if len(bodies) > 1 || (len(bodies) == 1 && len(statics) > 0) {
		return nil
	}
	if len(bodies) == 0 && len(statics) == 0 {
		// Only an editor's temporary file came and went.
		return &snapshot{files: cur.files, drafts: cur.drafts, basePath: cur.basePath, good: true, findings: newFindings(cur.drafts)}
	}
	files := cur.files.Clone()
	var written []string
	update := func(u *build.Update, err error) bool {
		if err != nil {
			if !errors.Is(err, build.ErrNeedFull) {
				res.Err = err
			}
			return false
		}
		written = append(written, u.Written...)
		res.Warnings = append(res.Warnings, u.Warnings...)
		return true
	}
	if len(bodies) == 1 {
		if !update(s.session.UpdateBody(bodies[0], files)) {
			return nil
		}
		res.bodies = 1
	}
	cssOnly := len(statics) > 0
	for _, st := range statics {
		if !update(s.session.UpdateStatic(st, files)) {
			return nil
		}
		cssOnly = cssOnly && path.Ext(st) == ".css"
	}
	res.Written = uniqSorted(written)
	res.CSSOnly = cssOnly
	return &snapshot{files: files, drafts: cur.drafts, basePath: cur.basePath, good: true, findings: newFindings(cur.drafts)}
}

// ensureIndex brings the search index up to date before a search file is
// served. Indexing reads every page, so it is not done on each save —
// that would compete with showing the edit — but only when someone
// searches, and then once for all the edits made since.
func (s *Server) ensureIndex() {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	// An edit landing while the index is built makes it stale: try again,
	// a few times at most, rather than serve an index known to be old.
	for range 3 {
		if s.reindex() {
			return
		}
	}
}

// reindex rewrites the search index if edits left it stale, and reports
// whether it is now current. The index is built without the rebuild lock,
// so saves go on being shown at once; if an edit lands meanwhile, the
// result is dropped.
func (s *Server) reindex() bool {
	s.mu.Lock()
	if !s.indexDirty || s.session == nil {
		s.mu.Unlock()
		return true
	}
	session, gen := s.session, s.gen
	job, err := session.SearchJob()
	s.mu.Unlock()
	if err != nil {
		return true
	}
	start := time.Now()
	files, err := job.Build()

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.session != session || s.gen != gen {
		return false // superseded by a newer edit or a full build
	}
	var u *build.Update
	cur := s.cur.Load()
	next := cur.files.Clone()
	if err == nil {
		u, err = session.WriteSearch(files, next)
	}
	s.indexDirty = false
	if err != nil {
		// The next change rebuilds everything, index included.
		s.session = nil
		fmt.Fprintf(s.opts.Log, "cảnh báo: chưa cập nhật được chỉ mục tìm kiếm: %v\n", err)
		return true
	}
	s.cur.Store(&snapshot{files: next, drafts: cur.drafts, basePath: cur.basePath, problems: cur.problems, good: cur.good, findings: newFindings(cur.drafts)})
	fmt.Fprintf(s.opts.Log, "Đã cập nhật chỉ mục tìm kiếm (%d tệp) trong %s ms\n", len(u.Written), msVN(float64(time.Since(start).Microseconds())/1000))
	if s.opts.OnIndex != nil {
		s.opts.OnIndex(u.Written)
	}
	return true
}

// full builds the whole site into a fresh memory store.
func (s *Server) full(cur *snapshot, res *Result) *snapshot {
	res.Full = true
	s.session = nil
	// Stylesheets keep their names so a CSS edit can be swapped into open
	// pages without reloading them.
	opts := build.Options{Source: s.opts.Source, Drafts: s.opts.Drafts, Now: s.opts.Now, NoFingerprint: true}
	basePath := "/"
	if cfg, err := config.Load(filepath.Join(s.opts.Source, config.FileName)); err == nil {
		basePath = cfg.BasePath
		if s.opts.Origin != "" {
			opts.BaseURL = strings.TrimSuffix(s.opts.Origin, "/") + basePath
		}
	}
	files := output.NewMemWriter()
	ss, err := build.RunSession(opts, files)
	if err != nil {
		res.Err = err
		return nil
	}
	s.session = ss
	res.Warnings = ss.Result.Warnings
	res.Written = files.Files()
	if cur.good {
		for _, f := range cur.files.Files() {
			if _, ok := files.Get(f); !ok {
				res.Removed = append(res.Removed, f)
			}
		}
	}
	drafts := draftPaths(ss.Result.Sites)
	return &snapshot{files: files, drafts: drafts, basePath: basePath, good: true, findings: newFindings(drafts)}
}

func draftPaths(sites []*site.Site) map[string]bool {
	m := map[string]bool{}
	for _, s := range sites {
		for _, p := range s.AllPages {
			if p.Draft && p.URL != "" {
				m[p.OutputPath()] = true
			}
		}
	}
	return m
}

func errorsOnly(ps []*diag.Problem) []*diag.Problem {
	var out []*diag.Problem
	for _, p := range ps {
		if p.Level == diag.Error {
			out = append(out, p)
		}
	}
	return out
}

func uniqSorted(in []string) []string {
	sort.Strings(in)
	out := in[:0]
	for i, v := range in {
		if i == 0 || v != in[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// report tells the terminal and the browsers how the rebuild went.
func (s *Server) report(res *Result, snap *snapshot) {
	ms := float64(res.Elapsed.Microseconds()) / 1000
	what := "lại một phần"
	switch {
	case res.Full && res.Changed == nil:
		what = "toàn bộ"
	case res.Full:
		what = "lại toàn bộ"
	}
	cause := ""
	if len(res.Changed) > 0 {
		cause = " (" + strings.Join(firstN(res.Changed, 3), ", ") + ")"
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(s.opts.Log, w.Error())
	}
	if res.Err != nil {
		for _, p := range snap.problems {
			fmt.Fprintln(s.opts.Log, p.Error())
		}
		fmt.Fprintf(s.opts.Log, "Dựng lại thất bại sau %s ms%s; vẫn hiển thị bản dựng tốt gần nhất. Sửa tệp rồi lưu lại.\n", msVN(ms), cause)
		s.hub.publish(errorEvent(snap.problems))
		return
	}
	fmt.Fprintf(s.opts.Log, "Đã dựng %s: %d tệp trong %s ms%s\n", what, len(res.Written), msVN(ms), cause)
	if res.CSSOnly {
		s.hub.publish(event{name: "css", data: fmt.Sprint(time.Now().UnixNano())})
		return
	}
	s.hub.publish(event{name: "reload", data: fmt.Sprint(time.Now().UnixNano())})
}

func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(append([]string(nil), s[:n]...), fmt.Sprintf("và %d tệp khác", len(s)-n))
}

// transient reports whether a changed path is a file that no longer exists
// and was never part of the site: an editor's temporary file, saved and
// renamed away before the rebuild. It changes nothing that is served.
func (s *Server) transient(rel string) bool {
	if _, err := os.Lstat(filepath.Join(s.opts.Source, filepath.FromSlash(rel))); err == nil {
		return false
	}
	st := s.session.Result.Site
	switch {
	case strings.HasPrefix(rel, "content/"):
		c := strings.TrimPrefix(rel, "content/")
		if st.PageByFile(c) != nil {
			return false
		}
		for _, f := range st.Resources {
			if f.Path == c || strings.HasPrefix(f.Path, c+"/") {
				return false
			}
		}
		for _, p := range st.AllPages {
			if p.File != "" && strings.HasPrefix(p.File, c+"/") {
				return false
			}
		}
		return true
	case strings.HasPrefix(rel, "static/"):
		c := strings.TrimPrefix(rel, "static/")
		for out := range st.Statics {
			if out == c || strings.HasPrefix(out, c+"/") {
				return false
			}
		}
		return true
	}
	return false
}

// msVN writes milliseconds with one decimal the Vietnamese way: "36,4".
func msVN(ms float64) string {
	return strings.Replace(strconv.FormatFloat(ms, 'f', 1, 64), ".", ",", 1)
}

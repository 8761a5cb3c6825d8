package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"

	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/output"
	"portal/internal/parallel"
	"portal/internal/render"
	"portal/internal/search"
	"portal/internal/site"
)

// Session is a finished build kept in memory, so the preview server can
// redo only what one edit touched instead of the whole site. A Session is
// not safe for concurrent use.
type Session struct {
	// b is the site's builder; nil for multilingual sites, which are
	// always rebuilt in full.
	b *builder
	// Result is the build the session started from.
	Result *Result
	// broken is set when an update failed half way: the page graph may
	// then hold a body that was never published, so only a full build can
	// be trusted again.
	broken bool
}

// ErrNeedFull reports that an edit changed more than an incremental update
// can redo (front matter, a new or deleted file, …); nothing was changed.
var ErrNeedFull = errors.New("cần dựng lại toàn bộ trang (full rebuild needed)")

// Update describes what an incremental update wrote.
type Update struct {
	// Written lists the output paths written, in no particular order.
	Written  []string
	Warnings []*diag.Problem
}

// RunSession is Run, keeping the build's state for incremental updates.
func RunSession(opts Options, w output.Writer) (_ *Session, err error) {
	defer parallel.Catch(&err)
	bs, res, err := run(opts, w, false)
	if err != nil {
		return nil, err
	}
	ss := &Session{Result: res}
	if len(bs) == 1 {
		ss.b = bs[0]
	}
	return ss, nil
}

// recorder remembers the paths written through it.
type recorder struct {
	w     output.Writer
	mu    sync.Mutex
	paths []string
}

func (r *recorder) note(rel string) {
	r.mu.Lock()
	r.paths = append(r.paths, rel)
	r.mu.Unlock()
}

func (r *recorder) WriteFile(rel string, data []byte) error {
	r.note(rel)
	return r.w.WriteFile(rel, data)
}

func (r *recorder) CopyFile(rel, src string) error {
	r.note(rel)
	return r.w.CopyFile(rel, src)
}

// begin points the builder at w with a fresh problem list.
func (ss *Session) begin(w output.Writer) (*recorder, *diag.List) {
	rec := &recorder{w: w}
	probs := &diag.List{}
	ss.b.out = ss.b.out.To(rec, probs)
	ss.b.problems = probs
	ss.b.mistakes = &render.Mistakes{}
	ss.b.pcache = render.NewPartialCache()
	return rec, probs
}

func finish(rec *recorder, probs *diag.List) (*Update, error) {
	if probs.HasErrors() {
		return nil, &Failed{Problems: probs.Problems()}
	}
	u := &Update{Written: rec.paths}
	for _, p := range probs.Problems() {
		if p.Level == diag.Warning {
			u.Warnings = append(u.Warnings, p)
		}
	}
	return u, nil
}

// UpdateBody re-reads content file rel (relative to content/, slash
// separated). When only the body changed it converts that page again and
// renders it, plus — when its summary, word count or headings changed —
// the pages that show them and the feeds, into w. The search index is
// left to a SearchJob. It returns ErrNeedFull,
// having changed nothing, when the edit needs a full build. After any
// other error the session must be rebuilt from scratch (it says so with
// ErrNeedFull from then on).
func (ss *Session) UpdateBody(rel string, w output.Writer) (_ *Update, err error) {
	// A panic leaves ss.broken set: the next change builds afresh.
	defer parallel.Catch(&err)
	b := ss.b
	if ss.broken || b == nil {
		return nil, ErrNeedFull
	}
	p := b.s.PageByFile(rel)
	if p == nil || p.Source() == nil {
		return nil, ErrNeedFull
	}
	f, loadProbs := content.LoadFile(b.opts.Source, rel, b.s.Config.Location)
	if f == nil {
		// The file is unreadable or its front matter is broken: report it
		// as the full build would, leaving the session as it was.
		if _, err := os.Stat(filepath.Join(b.opts.Source, "content", filepath.FromSlash(rel))); err != nil {
			return nil, ErrNeedFull
		}
		return nil, &Failed{Problems: loadProbs}
	}
	old := p.Source()
	if !f.Markdown || old.BodyLine != f.BodyLine || !reflect.DeepEqual(old.FM, f.FM) {
		return nil, ErrNeedFull
	}
	rec, probs := ss.begin(w)
	for _, lp := range loadProbs {
		probs.Add(lp)
	}
	view := b.views.Page(p)
	oldSummary, oldWords, oldHeadings := view.Summary, view.WordCount, view.Headings
	ss.broken = true
	// Replace the page's outgoing anchor links with the new body's.
	kept := b.anchors[:0]
	for _, a := range b.anchors {
		if a.From != p {
			kept = append(kept, a)
		}
	}
	b.anchors = kept
	e := b.executor()
	b.convertPage(e, p, f)
	b.release(e)
	b.views.SetBody(p, b.bodies.m[p])
	// Links from anywhere to this page's headings may have broken.
	var refs []site.AnchorRef
	for _, a := range b.anchors {
		if a.From == p || a.Target == p {
			refs = append(refs, a)
		}
	}
	b.checkAnchorRefs(refs)
	if probs.HasErrors() {
		return finish(rec, probs)
	}
	pages := []*site.Page{p}
	// Lists may show a page's summary, headings and — when a layout uses
	// them — its word count and reading time.
	words := view.WordCount != oldWords && (b.tmpl.Mentions("WordCount") || b.tmpl.Mentions("ReadingTime"))
	shown := view.Summary != oldSummary || words || !reflect.DeepEqual(view.Headings, oldHeadings)
	if shown {
		pages = append(pages, b.s.BodyDependents(p)...)
	}
	parallel.Each(b.workers, pages, func(q *site.Page) {
		e := b.executor()
		defer b.release(e)
		b.RenderPage(e, q)
	})
	b.reportTemplateErrors()
	if view.Summary != oldSummary {
		b.out.Feed(b.s, b.s.Home, b.summary)
		for a := p.Parent; a != nil; a = a.Parent {
			if a.Kind == site.KindSection {
				b.out.Feed(b.s, a, b.summary)
			}
		}
	}
	u, err := finish(rec, probs)
	if err == nil {
		ss.broken = false
	}
	return u, err
}

// SearchJob rewrites the search index from the page texts as they were
// when it was made. Indexing every page is slow, so the preview server
// builds the index without holding up other work (Build touches no session
// state) and writes it with WriteSearch only if no edit came meanwhile.
type SearchJob struct {
	docs []search.Doc
	opts search.Options
}

// SearchJob captures what the search index needs. UpdateBody leaves the
// index out so the edited page can be shown first: the index is only
// read when someone searches.
func (ss *Session) SearchJob() (*SearchJob, error) {
	b := ss.b
	if ss.broken || b == nil || b.opts.Offline {
		return nil, ErrNeedFull
	}
	return &SearchJob{docs: SearchDocs(b.s, b.views), opts: search.Options{BasePath: b.s.BasePath + b.s.LangPrefix}}, nil
}

// Build indexes the captured pages.
func (j *SearchJob) Build() (_ map[string][]byte, err error) {
	defer parallel.Catch(&err)
	files, err := search.Build(j.docs, j.opts)
	if err != nil {
		return nil, fmt.Errorf("không tạo được chỉ mục tìm kiếm (search index): %w", err)
	}
	return files, nil
}

// WriteSearch writes a search index built by a SearchJob into w.
func (ss *Session) WriteSearch(files map[string][]byte, w output.Writer) (_ *Update, err error) {
	defer parallel.Catch(&err)
	if ss.broken || ss.b == nil {
		return nil, ErrNeedFull
	}
	rec, probs := ss.begin(w)
	ss.b.out.SearchIndex(ss.b.s.LangPrefix, files)
	return finish(rec, probs)
}

// UpdateStatic publishes static file rel (relative to static/) again after
// its contents changed. A new or deleted file, or one published under a
// content hash, needs a full build (ErrNeedFull); with
// Options.NoFingerprint stylesheets keep their names and are updated here.
func (ss *Session) UpdateStatic(rel string, w output.Writer) (_ *Update, err error) {
	defer parallel.Catch(&err)
	b := ss.b
	if ss.broken || b == nil {
		return nil, ErrNeedFull
	}
	src, ok := b.s.Statics[rel]
	if !ok {
		return nil, ErrNeedFull
	}
	fp, fingerprinted := b.assets.Name(rel)
	if fingerprinted && fp != rel {
		// Pages name the file by its contents: they all change.
		return nil, ErrNeedFull
	}
	abs := filepath.Join(b.opts.Source, filepath.FromSlash(src))
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, ErrNeedFull
	}
	rec, probs := ss.begin(w)
	switch {
	case fingerprinted, output.TypeOf(rel) == "text/css" || output.TypeOf(rel) == "application/javascript" || output.TypeOf(rel) == "image/svg+xml":
		// An asset kept under its own name is minified and replaced in
		// place, as any stylesheet, script or SVG.
		b.out.Write(rel, data)
	default:
		if err := rec.WriteFile(rel, data); err != nil {
			probs.Add(diag.Errorf("static/"+rel, 0, "%v", err))
		}
	}
	return finish(rec, probs)
}

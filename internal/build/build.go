// Package build runs the pipeline: load (config, content, data, static,
// layouts) → assemble (site) → convert (markdown) → index (search) →
// render (templates) → publish (output). It only calls the stages: run in
// build.go is the pipeline, render.go and index.go hand pages to render
// and search on every core, session.go redoes one edit for the preview
// server. The command line, the preview server and the checker all build
// through it.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/markdown"
	"portal/internal/output"
	"portal/internal/parallel"
	"portal/internal/render"
	"portal/internal/site"
)

// Options are the build's inputs besides the files.
type Options struct {
	Source  string
	Dest    string
	BaseURL string
	Drafts  bool
	Future  bool
	Expired bool
	// NoMinify writes output as the templates produce it.
	NoMinify bool
	// Now decides future and expired pages; zero means the clock.
	Now time.Time
	// Workers bounds parallelism; zero means all cores.
	Workers int
	// ExtraFuncs adds template functions.
	ExtraFuncs template.FuncMap
	// NoFingerprint keeps static CSS and JS under their own names (the
	// preview server swaps stylesheets in place when they change).
	NoFingerprint bool
	// Offline writes a copy readable from file:// without a server.
	Offline bool
	// Log receives the publishing notices (waiting for another build into
	// the same destination, an old site kept); nil means standard error.
	Log io.Writer
	// NoExchange publishes as on a file system that cannot exchange two
	// folders in one step (NFS, CIFS), for tests of that path.
	NoExchange bool
	// Loaded, when set, is told the size in bytes of the site's Markdown
	// files once they are read, and Converted is called once every page
	// is converted, before rendering begins: the command line tunes the
	// garbage collector by them.
	Loaded    func(markdownBytes int64)
	Converted func()
	// Review, when set, is given the finished site before Build publishes
	// it (`portal build --strict` passes the checker's): an error among
	// the problems it returns fails the build (*Failed with Reviewed) and
	// nothing is published. The pages keep their Markdown for it.
	Review func(*Result, output.Reader) []*diag.Problem
}

// Result describes a finished build.
type Result struct {
	// Site is the default language's site; Sites holds every language.
	Site  *site.Site
	Sites []*site.Site
	// Views are the pages as templates see them, with their converted
	// bodies.
	Views    *render.Views
	Pages    int
	Files    []string
	Warnings []*diag.Problem
	Elapsed  time.Duration
	// PhotosCleaned counts the published photos whose metadata was taken
	// out, PhotosLocated those of them that held a GPS position.
	PhotosCleaned, PhotosLocated int
}

// Failed is the error of a build with problems in its sources.
type Failed struct {
	Problems []*diag.Problem
	// Reviewed is set when the site built and Options.Review refused it.
	Reviewed bool
}

func (f *Failed) Error() string {
	var b strings.Builder
	// Causes come first: they are why the build stopped, and the first
	// line is the one people read.
	causes, n := 0, 0
	for _, p := range f.Problems {
		if p.Level == diag.Error && p.Cause {
			causes++
			b.WriteString(p.Error())
			b.WriteByte('\n')
		}
	}
	for _, p := range f.Problems {
		if p.Level == diag.Error && !p.Cause {
			n++
			b.WriteString(p.Error())
			b.WriteByte('\n')
		}
	}
	switch {
	case causes > 0 && n == 0:
		b.WriteString("Xây dựng thất bại vì sự cố ở trên, không phải vì lỗi trong nội dung (build failed)")
	case causes > 0:
		fmt.Fprintf(&b, "Xây dựng thất bại vì sự cố ở trên; ngoài ra có %d lỗi trong nội dung (build failed)", n)
	default:
		fmt.Fprintf(&b, "Xây dựng thất bại: %d lỗi trong nội dung (build failed)", n)
	}
	return b.String()
}

// Mistakes are the editors' mistakes among the problems: the errors that
// are not causes.
func (f *Failed) Mistakes() []*diag.Problem {
	var out []*diag.Problem
	for _, p := range f.Problems {
		if p.Level == diag.Error && !p.Cause {
			out = append(out, p)
		}
	}
	return out
}

// Causes are the failures that stopped the build (see diag.Problem.Cause).
func (f *Failed) Causes() []*diag.Problem {
	var out []*diag.Problem
	for _, p := range f.Problems {
		if p.Cause {
			out = append(out, p)
		}
	}
	return out
}

// Build builds the site into opts.Dest, replacing it only on success. A
// panic in any stage, on any goroutine, is returned as *parallel.Panic with
// the previous output untouched.
func Build(opts Options) (res *Result, err error) {
	defer parallel.Catch(&err)
	start := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	pub, err := output.Begin(output.PublishOptions{Source: opts.Source, Dest: opts.Dest, Offline: opts.Offline, Log: opts.Log, NoExchange: opts.NoExchange})
	if err != nil {
		return nil, err
	}
	defer pub.Close()
	// Comparing every file of the previous output with its manifest runs
	// beside the build, and is waited for before anything is published;
	// its refusal is reported before the build's own mistakes.
	var destChecked parallel.Group
	var derr error
	destChecked.Go(func() { derr = output.CheckDestFiles(pub.Dest()) })
	w := output.NewDirWriter(pub.Dir())
	w.Name = opts.Dest // a full disk is reported where the site goes, not where it is staged
	_, res, err = run(opts, w, opts.Review == nil)
	destChecked.Wait()
	if derr != nil {
		return nil, derr
	}
	if err != nil {
		return nil, err
	}
	if opts.Review != nil {
		probs := opts.Review(res, w)
		for _, p := range probs {
			if p.Level == diag.Error {
				return nil, &Failed{Problems: probs, Reviewed: true}
			}
		}
	}
	res.Files = w.Files()
	if opts.Offline {
		// Packed from the new site before it is published, so a failure
		// leaves the old site and zip as they were.
		if err := pub.Zip(res.Files); err != nil {
			return nil, fmt.Errorf("đóng gói bản ngoại tuyến (offline zip): %w", err)
		}
	}
	if err := pub.Commit(res.Files); err != nil {
		// A *output.KeptError comes with a published site.
		var kept *output.KeptError
		if errors.As(err, &kept) {
			res.Elapsed = time.Since(start)
			return res, err
		}
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// Run builds the site into w. It returns *Failed when the sources have
// errors, and *parallel.Panic when a stage panicked; w may then hold part
// of a site and must be thrown away.
func Run(opts Options, w output.Writer) (res *Result, err error) {
	defer parallel.Catch(&err)
	_, res, err = run(opts, w, false)
	return res, err
}

// run is Run, also returning the builders (one per language) so a Session
// can keep them. A oneShot build frees each page's Markdown once it is
// converted and its plain text once it is indexed: nothing reads them
// afterwards, and at 10,000 pages they are half the memory the build
// holds while it renders.
func run(opts Options, w output.Writer, oneShot bool) ([]*builder, *Result, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	var problems diag.List
	fail := func() error { return &Failed{Problems: problems.Problems()} }

	cfg, err := loadConfig(opts, &problems)
	if err != nil {
		return nil, nil, err
	}
	in := load(opts, cfg, &problems)
	if opts.Loaded != nil {
		opts.Loaded(in.markdownBytes())
	}
	if problems.HasCauses() {
		// A folder or layout that cannot be read would show as a mistake
		// on every page that links to, uses or lists what it holds: stop
		// here, with the cause and the mistakes found in files read.
		return nil, nil, fail()
	}
	sites := assemble(opts, cfg, in, &problems)
	// Mistakes found so far do not stop the build yet: converting and
	// rendering the rest finds the other mistakes (broken links, template
	// errors), so the editor gets every problem from one build. Nothing is
	// published unless all stages are clean.
	builders := newBuilders(opts, cfg, sites, in.tmpl, w, &problems)
	if problems.HasErrors() {
		// Nothing of this build will be published: render to find the
		// other mistakes, write nothing (a write would fail again on
		// what is reported already, such as two pages' clashing paths).
		builders[0].out.Discard()
	}
	views := builders[0].views
	for _, b := range builders {
		b.convertAll(oneShot)
	}
	views.SetBodies(builders[0].bodies.m)
	for _, b := range builders {
		b.checkAnchors()
	}
	if opts.Converted != nil {
		opts.Converted()
	}
	// The search index and the files that are not templated pages need
	// only the converted pages: they are made beside the rendering, in
	// the moments it leaves a core idle.
	beside := index(builders, &problems, oneShot)
	// Waited for also when rendering panics: nothing may go on writing
	// into the output once run has returned.
	defer beside.Wait()
	if !problems.HasErrors() {
		for i, b := range builders {
			beside.Go(func() { b.publish(i == 0, sites) })
		}
	}
	if !in.tmpl.Broken() {
		for i, b := range builders {
			b.renderAll(i == 0)
		}
		builders[0].reportTemplateErrors()
	}
	beside.Wait()
	if problems.HasErrors() {
		return nil, nil, fail()
	}
	pages := 0
	for _, b := range builders {
		pages += b.pageCount
	}
	var warnings []*diag.Problem
	for _, p := range problems.Problems() {
		if p.Level == diag.Warning {
			warnings = append(warnings, p)
		}
	}
	res := &Result{Site: sites[0], Sites: sites, Views: views, Pages: pages, Warnings: warnings}
	res.PhotosCleaned, res.PhotosLocated = builders[0].out.Photos() // one emitter for every language
	return builders, res, nil
}

// loadConfig reads site.yaml and applies the command line's base URL. A
// mistake in the file fails the build at once (*Failed): nothing else can
// be read without it.
func loadConfig(opts Options, problems *diag.List) (*config.Config, error) {
	cfg, err := config.Load(filepath.Join(opts.Source, config.FileName))
	if err != nil {
		if errs, ok := err.(diag.Errors); ok {
			addAll(problems, errs)
		} else {
			problems.Add(err)
		}
		return nil, &Failed{Problems: problems.Problems()}
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
	}
	if !cfg.Absolute() {
		// Sitemaps, feeds and robots.txt need absolute URLs; without a
		// host they are written with site paths, which crawlers reject.
		problems.Add(diag.Warnf(config.FileName, 0, "baseURL %q không có tên miền: sitemap.xml, RSS và robots.txt cần địa chỉ tuyệt đối, ví dụ https://example.org/papi/ (baseURL has no host)", cfg.BaseURL))
	}
	return cfg, nil
}

// inputs are the site's files as loaded.
type inputs struct {
	files   []*content.File
	failed  map[string]bool // content files that did not load
	data    *content.Data
	statics map[string]string
	tmpl    *render.Templates
}

// markdownBytes is the size of the content's Markdown files.
func (in *inputs) markdownBytes() int64 {
	var n int64
	for _, f := range in.files {
		if f.Markdown {
			n += f.Size
		}
	}
	return n
}

// load reads content, data, static and layouts concurrently: they are
// independent and mostly waiting on the disk.
func load(opts Options, cfg *config.Config, problems *diag.List) *inputs {
	in := &inputs{}
	var fileProbs, dataProbs, statProbs, tmplProbs []*diag.Problem
	var wg parallel.Group
	wg.Go(func() { in.files, fileProbs = content.Load(opts.Source, cfg.Location) })
	// The layouts need only the data files (for charts): they are parsed
	// while the content is still loading.
	wg.Go(func() {
		in.data, dataProbs = content.LoadData(opts.Source)
		in.tmpl, tmplProbs = render.Load(opts.Source, cfg.LanguageCode, render.WithChart(opts.ExtraFuncs, in.data), !opts.NoMinify)
	})
	wg.Go(func() { in.statics, statProbs = content.LoadStatic(opts.Source) })
	wg.Wait()
	addAll(problems, fileProbs)
	addAll(problems, dataProbs)
	addAll(problems, statProbs)
	addAll(problems, tmplProbs)
	in.failed = content.FailedFiles(fileProbs)
	return in
}

// assemble builds each language's page graph and refuses output files
// that two writers would write, before either writes.
func assemble(opts Options, cfg *config.Config, in *inputs, problems *diag.List) []*site.Site {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	langs := cfg.AllLanguages()
	var sites []*site.Site
	var paths []*output.Paths
	for _, l := range langs {
		s, probs := site.New(opts.Source, cfg.ForLanguage(l.Code), content.FilesFor(in.files, l, langs), in.data, in.statics,
			site.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: now, Lang: l, Failed: content.FailedFor(in.failed, l), Generated: output.Generated})
		addAll(problems, probs)
		p := output.PathsOf(s)
		addAll(problems, p.Check(s))
		sites = append(sites, s)
		paths = append(paths, p)
	}
	site.LinkTranslations(sites)
	if len(sites) > 1 {
		addAll(problems, output.CheckLanguages(sites, paths))
	}
	return sites
}

// newBuilders prepares converting, rendering and writing each language's
// site. Stylesheets and scripts are published first: pages link to them
// by their fingerprinted names.
func newBuilders(opts Options, cfg *config.Config, sites []*site.Site, tmpl *render.Templates, w output.Writer, problems *diag.List) []*builder {
	var minifier *output.Minifier
	if !opts.NoMinify {
		minifier = output.NewMinifier()
	}
	out := output.NewEmitter(w, problems, output.EmitOptions{Minifier: minifier, Offline: opts.Offline, BasePath: cfg.BasePath, Workers: opts.Workers})
	assets := out.Fingerprint(opts.Source, sites[0].Statics, opts.NoFingerprint)
	conv := markdown.New(markdown.Options{Unsafe: cfg.Markup.UnsafeHTML, Typographer: cfg.Markup.Typographer == nil || *cfg.Markup.Typographer})
	// Executors hold each worker's clones of the layouts, which html/template
	// copies and escapes on first use: the languages share them.
	execPool := make(chan *render.Executor, opts.Workers)
	// The views of the pages are made before conversion, for shortcode
	// templates (which see the pages without their bodies yet), and get
	// the bodies once every page is converted.
	views := render.NewViews(sites)
	bodies := &bodyTable{m: map[*site.Page]*render.Body{}}
	mistakes := &render.Mistakes{}
	layoutIDs := tmpl.LayoutIDs()
	var builders []*builder
	for _, s := range sites {
		builders = append(builders, &builder{opts: opts, s: s, tmpl: tmpl, conv: conv, out: out, assets: assets, min: minifier, problems: problems, workers: opts.Workers,
			execPool: execPool, tmplBroken: tmpl.Broken(), mistakes: mistakes, pcache: render.NewPartialCache(),
			views: views, bodies: bodies, layoutIDs: layoutIDs})
	}
	return builders
}

// publish writes everything that is not a templated page; the default
// language's builder (root) writes the files shared by all. It reads the
// site and the views only, so it runs while pages render.
func (b *builder) publish(root bool, sites []*site.Site) {
	b.out.Aliases(b.s)
	b.out.Feeds(b.s, b.summary)
	if root {
		b.out.Sitemap(sites)
		b.out.Robots(b.s)
		b.out.Statics(b.opts.Source, b.s.Statics, b.assets)
	}
	b.out.Resources(b.s.Resources)
}

// summary is a page's summary, for its feed item.
func (b *builder) summary(p *site.Page) string { return b.views.Page(p).Summary }

func addAll(l *diag.List, ps []*diag.Problem) {
	for _, p := range ps {
		l.Add(p)
	}
}

type builder struct {
	opts      Options
	s         *site.Site
	tmpl      *render.Templates
	conv      *markdown.Converter
	out       *output.Emitter
	assets    *output.Assets
	min       *output.Minifier // for each page's Markdown HTML, as it is converted
	problems  *diag.List
	workers   int
	anchors   []site.AnchorRef
	mu        sync.Mutex
	pageCount int
	execPool  chan *render.Executor
	// tmplBroken is set when partials or shortcodes do not parse: pages
	// and shortcodes are then not rendered, their error is reported once.
	tmplBroken bool
	// mistakes keeps one report per template mistake, however many pages
	// use the layout.
	mistakes *render.Mistakes
	// pcache holds partialCached outputs for the current pass.
	pcache *render.PartialCache
	bufs   sync.Pool
	// views are the pages as templates see them; bodies collects what
	// conversion returns, for them.
	views  *render.Views
	bodies *bodyTable
	// layoutIDs are the ids the layouts write, which headings avoid.
	layoutIDs map[string]bool
}

// bodyTable collects the converted bodies of every language's pages.
type bodyTable struct {
	mu sync.Mutex
	m  map[*site.Page]*render.Body
}

func (t *bodyTable) set(p *site.Page, b *render.Body) {
	t.mu.Lock()
	t.m[p] = b
	t.mu.Unlock()
}

// convertAll turns every page's Markdown into HTML; with release it drops
// each page's Markdown afterwards.
func (b *builder) convertAll(release bool) {
	var pages []*site.Page
	for _, p := range b.s.AllPages {
		if p.Source() != nil {
			pages = append(pages, p)
		}
	}
	parallel.Each(b.workers, pages, func(p *site.Page) {
		e := b.executor()
		defer b.release(e)
		b.convertPage(e, p, p.Source())
		if release {
			p.Source().Body = nil
		}
	})
}

// convertPage converts page p's body from file f (its source, or the
// preview server's newer copy of it) and records its problems.
func (b *builder) convertPage(e *render.Executor, p *site.Page, f *content.File) {
	// The HTML is copied into the page's Body, so it is rendered into a
	// reused buffer.
	hbuf := b.buffer()
	defer b.bufs.Put(hbuf)
	r := b.conv.Convert(markdown.Input{
		Src: f.Body, File: f.Name(), FirstLine: f.BodyLine, Out: hbuf,
		Context: markdown.Context{Links: links{b.s.NewResolver(p, b.assets)}, Shortcodes: e.Shortcodes(p), ReservedIDs: b.layoutIDs},
	})
	for _, pr := range r.Problems {
		b.problems.Add(pr)
	}
	if b.min != nil {
		// The page's own HTML is minified here, once: the layouts around
		// it were compacted as they were parsed, so the finished page is
		// not minified again (see render/compact.go). Plain markup, most
		// pages', only needs its white space compacted, which gives the
		// minifier's bytes at a fraction of the cost.
		mbuf := b.buffer()
		defer b.bufs.Put(mbuf)
		if out, ok := render.CompactHTML(mbuf.Bytes(), r.HTML); ok {
			r.HTML = out
		} else {
			r.HTML = b.min.Minify(mbuf, "text/html", r.HTML)
		}
	}
	b.bodies.set(p, render.NewBody(r))
	var anchors []site.AnchorRef
	for _, l := range r.Links {
		if t, ok := l.Target.(*site.Page); ok && l.Fragment != "" {
			anchors = append(anchors, site.AnchorRef{From: p, Target: t, ID: l.Fragment, Line: l.Line})
		}
	}
	// thay_the_boi is a link too: its #part must be a heading of the
	// page it names, reported at its front matter line.
	if p.ReplacedBy != nil {
		if _, frag, ok := strings.Cut(p.ReplacedByURL, "#"); ok && frag != "" {
			id, err := url.PathUnescape(frag)
			if err != nil {
				id = frag
			}
			anchors = append(anchors, site.AnchorRef{From: p, Target: p.ReplacedBy, ID: id, Line: f.FM.Line(content.KeyReplacedBy)})
		}
	}
	b.mu.Lock()
	b.anchors = append(b.anchors, anchors...)
	b.mu.Unlock()
}

// links gives the converter the site's link resolver.
type links struct{ r *site.Resolver }

func (l links) Link(dest string, _ int) (markdown.Link, error) {
	t, err := l.r.Link(dest)
	ml := markdown.Link{Href: t.Href, Fragment: t.Fragment}
	if t.Page != nil {
		ml.Target = t.Page // not a nil *Page in an interface
	}
	return ml, err
}

func (l links) Image(dest string, _ int) (string, int, int, error) { return l.r.Image(dest) }

func (b *builder) checkAnchors() { b.checkAnchorRefs(b.anchors) }

func (b *builder) checkAnchorRefs(refs []site.AnchorRef) {
	var layoutIDs map[string]bool
	for _, a := range refs {
		if b.views.Page(a.Target).Body().HasAnchor(a.ID) || strings.HasPrefix(a.ID, "fn:") || strings.HasPrefix(a.ID, "fnref:") {
			continue
		}
		if layoutIDs == nil {
			layoutIDs = b.tmpl.BaseIDs()
		}
		if layoutIDs[a.ID] {
			continue // an id the base layout puts on every page
		}
		where := "trang này"
		if a.Target != a.From {
			where = a.Target.SourceName()
		}
		b.problems.Add(diag.Errorf(a.From.SourceName(), a.Line, "liên kết tới #%s: %s không có đề mục nào có mã này (missing heading anchor)", a.ID, where))
	}
}

// buffer returns an empty scratch buffer; pages are rendered into reused
// buffers rather than fresh ones, which the garbage collector would have
// to sweep for every page.
func (b *builder) buffer() *bytes.Buffer {
	if buf, ok := b.bufs.Get().(*bytes.Buffer); ok {
		buf.Reset()
		return buf
	}
	return bytes.NewBuffer(make([]byte, 0, 32<<10))
}

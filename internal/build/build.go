// Package build runs the pipeline: config → content → site → render →
// output. The command line, the preview server and the checker all build
// through it.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"portal/internal/chart"
	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/markdown"
	"portal/internal/output"
	"portal/internal/render"
	"portal/internal/search"
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
}

// Result describes a finished build.
type Result struct {
	// Site is the default language's site; Sites holds every language.
	Site     *site.Site
	Sites    []*site.Site
	Pages    int
	Files    []string
	Warnings []*diag.Problem
	Elapsed  time.Duration
}

// Failed is the error of a build with problems in its sources.
type Failed struct {
	Problems []*diag.Problem
}

func (f *Failed) Error() string {
	var b strings.Builder
	n := 0
	for _, p := range f.Problems {
		if p.Level == diag.Error {
			n++
			b.WriteString(p.Error())
			b.WriteByte('\n')
		}
	}
	return fmt.Sprintf("%sXây dựng thất bại: %d lỗi (build failed)", b.String(), n)
}

// Build builds the site into opts.Dest, replacing it only on success.
func Build(opts Options) (*Result, error) {
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
	destChecked := make(chan error, 1)
	go func() { destChecked <- output.CheckDestFiles(pub.Dest()) }()
	w := output.NewDirWriter(pub.Dir())
	_, res, err := run(opts, w, true)
	if derr := <-destChecked; derr != nil {
		return nil, derr
	}
	if err != nil {
		return nil, err
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
// errors; w may then hold part of a site and must be thrown away.
func Run(opts Options, w output.Writer) (*Result, error) {
	_, res, err := run(opts, w, false)
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
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var problems diag.List
	addAll := func(ps []*diag.Problem) {
		for _, p := range ps {
			problems.Add(p)
		}
	}
	fail := func() error { return &Failed{Problems: problems.Problems()} }

	cfg, err := config.Load(filepath.Join(opts.Source, config.FileName))
	if err != nil {
		if errs, ok := err.(diag.Errors); ok {
			addAll(errs)
			return nil, nil, fail()
		}
		problems.Add(err)
		return nil, nil, fail()
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, nil, fmt.Errorf("--base-url: %w", err)
		}
	}
	if !cfg.Absolute() {
		// Sitemaps, feeds and robots.txt need absolute URLs; without a
		// host they are written with site paths, which crawlers reject.
		problems.Add(diag.Warnf(config.FileName, 0, "baseURL %q không có tên miền: sitemap.xml, RSS và robots.txt cần địa chỉ tuyệt đối, ví dụ https://example.org/papi/ (baseURL has no host)", cfg.BaseURL))
	}

	// Load content, data, static and layouts concurrently: they are
	// independent and mostly waiting on the disk.
	var (
		files     []*content.File
		data      *content.Data
		statics   map[string]string
		tmpl      *render.Templates
		fileProbs []*diag.Problem
		dataProbs []*diag.Problem
		statProbs []*diag.Problem
		tmplProbs []*diag.Problem
		wg        sync.WaitGroup
	)
	wg.Go(func() { files, fileProbs = content.Load(opts.Source, cfg.Location) })
	// The layouts need only the data files (for charts): they are parsed
	// while the content is still loading.
	wg.Go(func() {
		data, dataProbs = content.LoadData(opts.Source)
		tmpl, tmplProbs = render.Load(opts.Source, cfg.LanguageCode, withChart(opts.ExtraFuncs, data), !opts.NoMinify)
	})
	wg.Go(func() { statics, statProbs = loadStatic(opts.Source) })
	wg.Wait()
	addAll(fileProbs)
	addAll(dataProbs)
	addAll(statProbs)
	addAll(tmplProbs)

	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	langs := cfg.AllLanguages()
	failed := failedFiles(fileProbs)
	var sites []*site.Site
	for _, l := range langs {
		lcfg := cfg.ForLanguage(l.Code)
		s, siteProbs := site.New(opts.Source, lcfg, filesFor(files, l, langs), data, statics, site.Options{Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired, Now: now, Lang: l, Failed: failedFor(failed, l)})
		addAll(siteProbs)
		sites = append(sites, s)
	}
	site.LinkTranslations(sites)
	if len(sites) > 1 {
		addAll(site.CheckAcrossLanguages(sites))
	}
	// Mistakes found so far do not stop the build yet: converting and
	// rendering the rest finds the other mistakes (broken links, template
	// errors), so the editor gets every problem from one build. Nothing is
	// published unless all stages are clean.
	var minifier *output.Minifier
	if !opts.NoMinify {
		minifier = output.NewMinifier()
	}
	conv := markdown.New(markdown.Options{Unsafe: cfg.Markup.UnsafeHTML, Typographer: cfg.Markup.Typographer == nil || *cfg.Markup.Typographer})
	fingerprints, integrity := map[string]string{}, map[string]string{}
	var builders []*builder
	// Executors hold each worker's clones of the layouts, which html/template
	// copies and escapes on first use: the languages share them.
	execPool := make(chan *render.Executor, workers)
	for _, s := range sites {
		s.Fingerprints = fingerprints
		s.Integrity = integrity
		s.Offline = opts.Offline
		builders = append(builders, &builder{opts: opts, s: s, tmpl: tmpl, conv: conv, w: w, min: minifier, problems: &problems, workers: workers,
			execPool: execPool, tmplBroken: tmpl.Broken(), tmplErrs: map[string]tmplErr{}, pcache: render.NewPartialCache()})
	}
	builders[0].fingerprintStatics()
	for _, b := range builders {
		b.convertAll(oneShot)
	}
	for _, b := range builders {
		b.checkAnchors()
	}
	// The search index needs only the converted pages: it is built beside
	// the rendering, which fills the moments either leaves a core idle
	// (the index's merge is one goroutine). Its documents are taken first,
	// so the pages' plain text can be dropped as the index lets go of it
	// (unless a layout shows .Plain).
	searchDone := make(chan struct{})
	if !problems.HasErrors() {
		docs := make([][]search.Doc, len(builders))
		for i, b := range builders {
			docs[i] = SearchDocs(b.s)
		}
		go func() {
			defer close(searchDone)
			// One index per language, built side by side: a small site's
			// index is one part, which would otherwise leave a core idle.
			var wg sync.WaitGroup
			for i, b := range builders {
				wg.Go(func() { b.writeSearch(docs[i], oneShot) })
			}
			wg.Wait()
		}()
		if oneShot && !tmpl.Mentions("Plain") {
			for _, b := range builders {
				for _, p := range b.s.AllPages {
					p.Plain = ""
				}
			}
		}
	} else {
		close(searchDone)
	}
	if !builders[0].tmplBroken {
		for i, b := range builders {
			b.renderAll(i == 0)
		}
	}
	<-searchDone
	if problems.HasErrors() {
		return nil, nil, fail()
	}
	pages := 0
	for i, b := range builders {
		b.writeExtras(i == 0, sites)
		pages += b.pageCount
	}
	if problems.HasErrors() {
		return nil, nil, fail()
	}
	var warnings []*diag.Problem
	for _, p := range problems.Problems() {
		if p.Level == diag.Warning {
			warnings = append(warnings, p)
		}
	}
	return builders, &Result{Site: sites[0], Sites: sites, Pages: pages, Warnings: warnings}, nil
}

// filesFor picks the content files of one language: the default language
// gets everything outside the other languages' folders; a translation gets
// its folder, with the folder name moved into File.Prefix.
func filesFor(files []*content.File, l config.LanguageInfo, langs []config.LanguageInfo) []*content.File {
	var out []*content.File
	for _, f := range files {
		if l.Prefix == "" {
			other := false
			for _, o := range langs[1:] {
				if strings.HasPrefix(f.Path, o.Prefix) {
					other = true
					break
				}
			}
			if !other {
				out = append(out, f)
			}
			continue
		}
		if strings.HasPrefix(f.Path, l.Prefix) {
			cp := *f
			cp.Path = strings.TrimPrefix(f.Path, l.Prefix)
			cp.Prefix = l.Prefix
			out = append(out, &cp)
		}
	}
	return out
}

type builder struct {
	opts      Options
	s         *site.Site
	tmpl      *render.Templates
	conv      *markdown.Converter
	w         output.Writer
	min       *output.Minifier
	problems  *diag.List
	workers   int
	anchors   []site.AnchorRef
	mu        sync.Mutex
	pageCount int
	execPool  chan *render.Executor
	// tmplBroken is set when partials or shortcodes do not parse: pages
	// and shortcodes are then not rendered, their error is reported once.
	tmplBroken bool
	// tmplErrs keeps one report per template mistake, however many pages
	// use the layout.
	tmplErrs map[string]tmplErr
	// pcache holds partialCached outputs for the current pass.
	pcache *render.PartialCache
	bufs   sync.Pool
}

type tmplErr struct {
	p    *diag.Problem
	page string
}

// failedFiles lists the Markdown files under content/ that failed to load.
func failedFiles(probs []*diag.Problem) map[string]bool {
	m := map[string]bool{}
	for _, p := range probs {
		if p.Level == diag.Error && strings.HasPrefix(p.File, "content/") && content.IsMarkdown(p.File) {
			m[strings.TrimPrefix(p.File, "content/")] = true
		}
	}
	return m
}

// failedFor keys failed files the way language l's site names them.
func failedFor(failed map[string]bool, l config.LanguageInfo) map[string]bool {
	if l.Prefix == "" {
		return failed
	}
	m := map[string]bool{}
	for f := range failed {
		if strings.HasPrefix(f, l.Prefix) {
			m[strings.TrimPrefix(f, l.Prefix)] = true
		}
	}
	return m
}

// executor hands out a worker's executor. They are kept for the whole
// build (not in a sync.Pool, which drops them at every GC): each holds
// template clones whose first execution pays html/template's escaping.
func (b *builder) executor() *render.Executor {
	var e *render.Executor
	select {
	case e = <-b.execPool:
	default:
		e = b.tmpl.NewExecutor(b.s, b.conv)
	}
	e.SetSite(b.s)
	e.SetCache(b.pcache)
	return e
}

func (b *builder) release(e *render.Executor) {
	for _, p := range e.Warnings.Problems() {
		b.problems.Add(p)
	}
	e.Warnings = diag.List{}
	select {
	case b.execPool <- e:
	default:
	}
}

// parallel runs fn over items with the builder's worker count.
func parallel[T any](workers int, items []T, fn func(T)) {
	if len(items) == 0 {
		return
	}
	workers = min(workers, len(items))
	next := make(chan T)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for it := range next {
				fn(it)
			}
		})
	}
	for _, it := range items {
		next <- it
	}
	close(next)
	wg.Wait()
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
	parallel(b.workers, pages, func(p *site.Page) {
		e := b.executor()
		defer b.release(e)
		b.ConvertPage(e, p)
		if release {
			p.Source().Body = nil
		}
	})
}

// ConvertPage converts one page's body and records its problems.
func (b *builder) ConvertPage(e *render.Executor, p *site.Page) {
	f := p.Source()
	res := b.s.NewResolver(p)
	// The HTML is copied into the page (SetConverted), so it is rendered
	// into a reused buffer.
	hbuf := b.buffer()
	defer b.bufs.Put(hbuf)
	r := b.conv.Convert(markdown.Input{
		Src: f.Body, FirstLine: f.BodyLine, Resolver: res, Out: hbuf,
		Shortcodes: func(sc *markdown.Shortcode) (string, error) {
			if b.tmplBroken {
				return "", nil
			}
			return e.Shortcode(p, sc)
		},
	})
	for _, pr := range r.Problems {
		if pr.Warning {
			b.problems.Add(diag.Warnf(f.Name(), pr.Line, "%s", pr.Msg))
		} else {
			b.problems.Add(diag.Errorf(f.Name(), pr.Line, "%s", pr.Msg))
		}
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
	site.SetConverted(p, r)
	b.mu.Lock()
	b.anchors = append(b.anchors, res.Anchors...)
	b.mu.Unlock()
}

func (b *builder) checkAnchors() { b.checkAnchorRefs(b.anchors) }

func (b *builder) checkAnchorRefs(refs []site.AnchorRef) {
	var layoutIDs map[string]bool
	for _, a := range refs {
		if a.Target.HasAnchor(a.ID) || strings.HasPrefix(a.ID, "fn:") || strings.HasPrefix(a.ID, "fnref:") {
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

// renderAll executes layouts for every page, tag page and the 404 page.
func (b *builder) renderAll(root bool) {
	jobs := append([]*site.Page(nil), b.s.AllPages...)
	jobs = append(jobs, b.s.TaxonomyPages()...)
	if root && b.tmpl.Has("404.html") {
		jobs = append(jobs, b.s.NotFoundPage())
	}
	parallel(b.workers, jobs, func(p *site.Page) {
		if p.URL == "" {
			return // its URL was refused; that is reported
		}
		e := b.executor()
		defer b.release(e)
		b.RenderPage(e, p)
	})
	b.reportTemplateErrors()
}

// reportTemplateErrors adds the template mistakes met while rendering.
func (b *builder) reportTemplateErrors() {
	for _, te := range b.tmplErrs {
		pr := *te.p
		if te.page != "" {
			pr.Msg += fmt.Sprintf(" (khi dựng %s)", te.page)
		}
		b.problems.Add(&pr)
	}
}

// RenderPage renders and writes one page.
func (b *builder) RenderPage(e *render.Executor, p *site.Page) {
	layout, err := b.tmpl.Lookup(p)
	if err != nil {
		line := 0
		if f := p.Source(); f != nil {
			line = f.FM.Line("layout")
			b.problems.Add(diag.Errorf(f.Name(), line, "%v", err))
		} else {
			b.problems.Add(diag.Errorf("layouts", 0, "%v", err))
		}
		return
	}
	buf := b.buffer()
	defer b.bufs.Put(buf)
	if err := e.RenderPage(buf, p, layout); err != nil {
		pr := render.TemplateProblem(err)
		key := pr.Error()
		b.mu.Lock()
		// Report the mistake once, naming the first page (by file) that
		// hit it, so the report is the same from run to run.
		name := ""
		if p.Source() != nil {
			name = p.SourceName()
		}
		if prev, ok := b.tmplErrs[key]; !ok || (name != "" && (prev.page == "" || name < prev.page)) {
			b.tmplErrs[key] = tmplErr{pr, name}
		}
		b.mu.Unlock()
		return
	}
	b.writeMinified(p.OutputPath(), buf.Bytes(), output.TypeOf(p.OutputPath()) == "text/html")
	b.mu.Lock()
	b.pageCount++
	b.mu.Unlock()
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

// write minifies data (unless the build does not) and writes it at rel.
func (b *builder) write(rel string, data []byte) { b.writeMinified(rel, data, false) }

// writeMinified writes data at rel; done says it is minified already (a
// page from compacted layouts around minified Markdown).
func (b *builder) writeMinified(rel string, data []byte, done bool) {
	mt := output.TypeOf(rel)
	if b.opts.Offline && mt == "text/html" {
		data = offlineLinks(data, rel, b.s.BasePath)
	}
	out := data
	if !done && b.min != nil {
		mbuf := b.buffer()
		defer b.bufs.Put(mbuf)
		out = b.min.Minify(mbuf, mt, data)
	}
	if err := b.w.WriteFile(rel, out); err != nil {
		b.problems.Add(diag.Errorf(rel, 0, "%v", err))
	}
}

// writeExtras writes everything that is not a templated page.
func (b *builder) writeExtras(root bool, sites []*site.Site) {
	s := b.s
	for out, p := range s.Aliases {
		b.write(out, aliasPage(p))
	}
	b.write(s.LangPrefix+"index.xml", feed(s, s.Home, s.Pages))
	for _, p := range s.AllPages {
		if p.Kind == site.KindSection {
			b.write(strings.TrimPrefix(p.URL, "/")+"index.xml", feed(s, p, sectionPages(p)))
		}
	}
	// Static files (once, by the default language) and content resources,
	// copied in parallel.
	type cp struct{ rel, src string }
	var copies []cp
	if root {
		b.write("sitemap.xml", sitemap(sites))
		b.write("robots.txt", robots(s))
		for rel, src := range s.Statics {
			if _, ok := s.Fingerprints[rel]; ok {
				continue // written by fingerprintStatics
			}
			copies = append(copies, cp{rel, filepath.Join(b.opts.Source, filepath.FromSlash(src))})
		}
	}
	for rel, f := range s.Resources {
		copies = append(copies, cp{rel, f.Abs})
	}
	sort.Slice(copies, func(i, j int) bool { return copies[i].rel < copies[j].rel })
	parallel(b.workers, copies, func(c cp) {
		mt := output.TypeOf(c.rel)
		if b.min != nil && (mt == "text/css" || mt == "application/javascript" || mt == "image/svg+xml") {
			data, err := os.ReadFile(c.src)
			if err != nil {
				b.problems.Add(diag.Errorf(c.rel, 0, "%v", err))
				return
			}
			b.write(c.rel, data)
			return
		}
		if err := b.w.CopyFile(c.rel, c.src); err != nil {
			b.problems.Add(diag.Errorf(c.rel, 0, "%v", err))
		}
	})
}

// sectionPages lists a section's pages and those of its sub-sections.
func sectionPages(sec *site.Page) []*site.Page {
	out := append([]*site.Page(nil), sec.Pages...)
	for _, c := range sec.Sections {
		out = append(out, sectionPages(c)...)
	}
	return out
}

// loadStatic lists static/ files by output path.
func loadStatic(root string) (map[string]string, []*diag.Problem) {
	paths, probs := content.Walk(root, filepath.Join(root, "static"), "static")
	probs = append(probs, content.CheckStatic(root, paths)...)
	m := make(map[string]string, len(paths))
	for _, p := range paths {
		m[p] = path.Join("static", p)
	}
	return m, probs
}

// fingerprintStatics is a hook for content-hashed asset names; see
// fingerprint.go.

// withChart adds the chart function, drawing from the site's CSV tables.
func withChart(extra template.FuncMap, data *content.Data) template.FuncMap {
	m := template.FuncMap{}
	tables := map[string]*chart.Table{}
	if data != nil {
		for name, t := range data.Tables {
			tables[name] = &chart.Table{Name: t.Name, Header: t.Header, Rows: t.Rows}
		}
	}
	// An optional page language ({{ chart .Params .Page.Lang }}) formats
	// the chart for that language.
	m["chart"] = func(args map[string]string, lang ...string) (template.HTML, error) {
		if len(lang) > 0 {
			return chart.RenderLang(args, tables, lang[0])
		}
		return chart.Render(args, tables)
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// SearchDocs lists the pages the search index holds: every published page
// that did not opt out with "search: false".
func SearchDocs(s *site.Site) []search.Doc {
	var docs []search.Doc
	for _, p := range s.AllPages {
		if !p.InSearch || p.Source() == nil {
			continue
		}
		d := search.Doc{URL: p.RelPermalink, Title: p.Title, Description: p.Description, Body: p.Plain}
		if p.Section != "" {
			for _, sec := range s.Sections {
				if sec.Section == p.Section {
					d.Section = sec.Title
				}
			}
		}
		for _, h := range p.Headings {
			d.Headings = append(d.Headings, search.Heading{Text: h.Text, ID: h.ID})
		}
		for _, t := range p.Tags {
			d.Tags = append(d.Tags, t.Name)
		}
		docs = append(docs, d)
	}
	return docs
}

// writeSearch builds and writes the search index of docs. With consume
// (a one-shot build) the index drops each page's text as it reads it.
func (b *builder) writeSearch(docs []search.Doc, consume bool) {
	build := search.Build
	if b.opts.Offline {
		build = search.BuildOffline
	}
	files, err := build(docs, search.Options{BasePath: b.s.BasePath + b.s.LangPrefix, Consume: consume})
	if err != nil {
		b.problems.Add(diag.Errorf("search", 0, "không tạo được chỉ mục tìm kiếm (search index): %v", err))
		return
	}
	b.writeSearchFiles(files)
}

// writeSearchFiles writes a built search index.
func (b *builder) writeSearchFiles(files map[string][]byte) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// A large site's index is thousands of small files (12,000 at 10,000
	// pages): written on all cores, as the pages are.
	parallel(b.workers, names, func(n string) {
		if n == "search/search.js" {
			return // written once, fingerprinted, by fingerprintStatics
		}
		// The index is written compact already: minifying it again
		// would only spend time.
		rel := b.s.LangPrefix + n
		if err := b.w.WriteFile(rel, files[n]); err != nil {
			b.problems.Add(diag.Errorf(rel, 0, "%v", err))
		}
	})
}

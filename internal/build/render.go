package build

import (
	"errors"

	"portal/internal/diag"
	"portal/internal/parallel"
	"portal/internal/render"
	"portal/internal/site"
)

// executor hands out a worker's executor. They are kept for the whole
// build (not in a sync.Pool, which drops them at every GC): each holds
// template clones whose first execution pays html/template's escaping.
func (b *builder) executor() *render.Executor {
	var e *render.Executor
	select {
	case e = <-b.execPool:
	default:
		e = b.tmpl.NewExecutor(b.s, b.conv, b.assets)
	}
	e.SetSite(b.s)
	e.SetViews(b.views)
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

// renderAll executes layouts for every page, tag page and the 404 page.
func (b *builder) renderAll(root bool) {
	jobs := append([]*site.Page(nil), b.s.AllPages...)
	jobs = append(jobs, b.s.TaxonomyPages()...)
	if root && b.tmpl.Has("404.html") {
		jobs = append(jobs, b.s.NotFoundPage())
	}
	parallel.Each(b.workers, jobs, func(p *site.Page) {
		if p.URL == "" {
			return // its URL was refused; that is reported
		}
		e := b.executor()
		defer b.release(e)
		b.RenderPage(e, p)
	})
}

// reportTemplateErrors adds the template mistakes met while rendering:
// the languages share them, so a mistake in a layout every language uses
// is reported once.
func (b *builder) reportTemplateErrors() {
	for _, p := range b.mistakes.Problems() {
		b.problems.Add(p)
	}
}

// RenderPage renders and writes one page.
func (b *builder) RenderPage(e *render.Executor, p *site.Page) {
	layout, err := b.tmpl.Lookup(p)
	if err != nil {
		if f := p.Source(); f != nil && f.FM != nil && f.FM.Lines["layout"] > 0 {
			b.problems.Add(diag.Errorf(f.Name(), f.FM.Lines["layout"], "%v", err))
		} else if nl, ok := errors.AsType[*render.NoLayoutError](err); ok {
			// The layout every page of the kind falls back to is missing:
			// one cause, the same for each page, so reported once.
			b.problems.Add(diag.Causef(nl.Fallback(), 0, "không có mẫu trình bày này, mà các trang loại %q không có mẫu riêng đều cần (no layout found)", nl.Kind))
		} else {
			b.problems.Add(diag.Errorf(p.SourceName(), 0, "%v", err))
		}
		return
	}
	buf := b.buffer()
	defer b.bufs.Put(buf)
	if err := e.RenderPage(buf, p, layout); err != nil {
		name := ""
		if p.Source() != nil {
			name = p.SourceName()
		}
		b.mistakes.Add(err, name)
		return
	}
	b.out.Page(p.OutputPath(), buf.Bytes())
	b.mu.Lock()
	b.pageCount++
	b.mu.Unlock()
}

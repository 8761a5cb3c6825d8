package build

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"

	"portal/internal/output"
	"portal/internal/render"
	"portal/internal/site"
)

// The stage benchmarks run one stage over every page of the portal's own
// site (the repository root: two languages, the real layouts), so a
// regression in one stage shows in its own figures, allocations included.
// Whole-build timings are scripts/bench.sh's job.

// stageSite builds the repository's site in memory and keeps its builders.
func stageSite(b *testing.B) []*builder {
	b.Helper()
	builders, _, err := run(Options{Source: filepath.Join("..", "..")}, output.NewMemWriter(), false)
	if err != nil {
		b.Fatal(err)
	}
	return builders
}

// stagePages lists what renderAll renders, with each page's layout.
func stagePages(b *testing.B, builders []*builder) (pages []*site.Page, layouts []string) {
	for i, bl := range builders {
		jobs := append([]*site.Page(nil), bl.s.AllPages...)
		jobs = append(jobs, bl.s.TaxonomyPages()...)
		if i == 0 {
			jobs = append(jobs, bl.s.NotFoundPage())
		}
		for _, p := range jobs {
			layout, err := bl.tmpl.Lookup(p)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, p)
			layouts = append(layouts, layout)
		}
	}
	return pages, layouts
}

// BenchmarkStageTemplates executes the layouts for every page (one
// worker; no minifying or writing). b.N counts whole sites.
func BenchmarkStageTemplates(b *testing.B) {
	builders := stageSite(b)
	pages, layouts := stagePages(b, builders)
	e := builders[0].executor()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		// A fresh partialCached cache each pass, as each build has.
		e.SetCache(render.NewPartialCache())
		for i, p := range pages {
			buf.Reset()
			if err := e.RenderPage(&buf, p, layouts[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(pages)), "pages/op")
}

// BenchmarkStageMarkdown converts every page's Markdown (shortcodes,
// headings, table of contents, links) on one worker.
func BenchmarkStageMarkdown(b *testing.B) {
	builders := stageSite(b)
	e := builders[0].executor()
	b.ReportAllocs()
	for b.Loop() {
		for _, bl := range builders {
			for _, p := range bl.s.AllPages {
				if p.Source() != nil {
					bl.convertPage(e, p, p.Source())
				}
			}
		}
	}
}

// BenchmarkStageMinify minifies every page's Markdown HTML, the part of a
// page the build minifies (the layouts are compacted once, when parsed):
// "build" as the build does (render.CompactHTML, the minifier for what is
// not plain markup), "minifier" with the minifier alone, to compare.
func BenchmarkStageMinify(b *testing.B) {
	builders := stageSite(b)
	var html [][]byte
	for _, bl := range builders {
		for _, p := range bl.s.AllPages {
			if c := bl.views.Page(p).Content; c != "" {
				html = append(html, []byte(c))
			}
		}
	}
	m := output.NewMinifier()
	var out bytes.Buffer
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, h := range html {
				out.Reset()
				r, ok := render.CompactHTML(out.Bytes(), h)
				if !ok {
					r = m.Minify(&out, "text/html", h)
				}
				if len(r) == 0 {
					b.Fatal("nothing minified")
				}
			}
		}
	})
	b.Run("minifier", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, h := range html {
				out.Reset()
				if len(m.Minify(&out, "text/html", h)) == 0 {
					b.Fatal("nothing minified")
				}
			}
		}
	})
}

// BenchmarkStageWrite writes every rendered page of the site into a fresh
// folder, as a build does (a folder per page, then the file).
func BenchmarkStageWrite(b *testing.B) {
	builders := stageSite(b)
	pages, layouts := stagePages(b, builders)
	e := builders[0].executor()
	var html [][]byte
	for i, p := range pages {
		var buf bytes.Buffer
		if err := e.RenderPage(&buf, p, layouts[i]); err != nil {
			b.Fatal(err)
		}
		html = append(html, buf.Bytes())
	}
	dir := b.TempDir()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		w := output.NewDirWriter(filepath.Join(dir, strconv.Itoa(n)))
		for i, p := range pages {
			if err := w.WriteFile(p.OutputPath(), html[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

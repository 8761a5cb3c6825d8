package build

import (
	"portal/internal/diag"
	"portal/internal/parallel"
	"portal/internal/render"
	"portal/internal/search"
	"portal/internal/site"
)

// SearchDocs lists the pages the search index holds: every published page
// that did not opt out with "search: false"; those no longer in force are
// marked, so the search ranks them last.
func SearchDocs(s *site.Site, views *render.Views) []search.Doc {
	var docs []search.Doc
	for _, p := range s.AllPages {
		body := views.Page(p).Body()
		if !p.InSearch || p.Source() == nil || body == nil {
			continue
		}
		d := search.Doc{URL: p.RelPermalink, Title: p.Title, Description: p.Description, Body: body.Plain, Archived: !p.InForce()}
		if p.Section != "" {
			for _, sec := range s.Sections {
				if sec.Section == p.Section {
					d.Section = sec.Title
				}
			}
		}
		for _, h := range body.Headings {
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
	b.out.SearchIndex(b.s.LangPrefix, files)
}

// index builds and writes each language's search index beside the
// rendering, and returns the group to wait for (which passes on a panic).
// The index needs only the converted pages; building it while pages
// render fills the moments either leaves a core idle (the index's merge
// is one goroutine). Its documents are taken first, before rendering
// begins, so a oneShot build can drop the pages' plain text as the index
// lets go of it (unless a layout shows .Plain): dropped while pages
// render, a layout reaching it another way (.Body, jsonify) would see it
// or not by chance. After errors nothing is indexed: nothing will be
// published.
func index(builders []*builder, problems *diag.List, oneShot bool) *parallel.Group {
	done := &parallel.Group{}
	if problems.HasErrors() {
		return done
	}
	docs := make([][]search.Doc, len(builders))
	for i, b := range builders {
		docs[i] = SearchDocs(b.s, b.views)
	}
	// One index per language, built side by side: a small site's index
	// is one part, which would otherwise leave a core idle.
	for i, b := range builders {
		done.Go(func() { b.writeSearch(docs[i], oneShot) })
	}
	if oneShot && !builders[0].tmpl.Mentions("Plain") {
		for _, body := range builders[0].bodies.m {
			body.Plain = ""
		}
	}
	return done
}

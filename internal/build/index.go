package build

import (
	"portal/internal/diag"
	"portal/internal/search"
	"portal/internal/site"
)

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
	b.out.SearchIndex(b.s.LangPrefix, files)
}

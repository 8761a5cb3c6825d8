package site

import (
	"html/template"
	"strings"

	"portal/internal/markdown"
)

// SetConverted stores a page's converted body.
func SetConverted(p *Page, r markdown.Result) {
	p.Content = template.HTML(r.HTML)
	p.Headings = r.Headings
	p.TableOfContents = template.HTML(markdown.TOC(r.Headings))
	p.WordCount = r.WordCount
	p.Plain = r.Plain
	p.anchors = make(map[string]bool, len(r.Headings))
	for _, h := range r.Headings {
		p.anchors[h.ID] = true
	}
	switch {
	case p.fmSumm != "":
		p.Summary = template.HTML(template.HTMLEscapeString(p.fmSumm))
	case p.Description != "":
		p.Summary = template.HTML(template.HTMLEscapeString(p.Description))
	default:
		p.Summary = template.HTML(template.HTMLEscapeString(summarize(r.Summary, 40)))
	}
}

func summarize(s string, words int) string {
	f := strings.Fields(s)
	if len(f) <= words {
		return s
	}
	return strings.Join(f[:words], " ") + "…"
}

// TaxonomyPages returns the tag list page and one page per tag.
func (s *Site) TaxonomyPages() []*Page {
	terms := s.Taxonomies["tags"]
	if s.TagsPage == nil {
		s.TagsPage = &Page{Kind: KindTaxonomy, Title: "Thẻ", URL: "/tags/", Section: "tags", Params: map[string]any{}, Site: s, Lang: s.LanguageCode, Parent: s.Home}
		s.TagsPage.RelPermalink = s.RelURL("/tags/")
		s.TagsPage.Permalink = s.AbsURL("/tags/")
		s.TagsPage.Breadcrumbs = []*Page{s.Home}
		s.TagsPage.Lastmod = s.LastUpdated()
	}
	out := []*Page{s.TagsPage}
	for _, t := range terms {
		if t.Page == nil {
			p := &Page{Kind: KindTerm, Title: t.Name, URL: t.URL, RelPermalink: t.RelPermalink, Permalink: s.AbsURL(t.URL),
				Section: "tags", Params: map[string]any{}, Site: s, Lang: s.LanguageCode, Parent: s.TagsPage,
				Pages: t.Pages, Breadcrumbs: []*Page{s.Home, s.TagsPage}}
			for _, q := range t.Pages {
				if q.Lastmod.After(p.Lastmod) {
					p.Lastmod = q.Lastmod
				}
			}
			t.Page = p
		}
		out = append(out, t.Page)
	}
	return out
}

// NotFoundPage is the page written as 404.html.
func (s *Site) NotFoundPage() *Page {
	if s.Page404 == nil {
		s.Page404 = &Page{Kind: Kind404, Title: "Không tìm thấy trang", URL: "/404.html", Params: map[string]any{}, Site: s, Lang: s.LanguageCode,
			Breadcrumbs: []*Page{s.Home}}
		s.Page404.RelPermalink = s.RelURL("/404.html")
		s.Page404.Permalink = s.AbsURL("/404.html")
	}
	return s.Page404
}

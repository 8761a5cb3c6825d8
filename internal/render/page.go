package render

import (
	"math"
	"sort"
	"strings"

	"portal/internal/markdown"
	"portal/internal/site"
	template "portal/internal/template/html"
)

// Body is what conversion made of one page's Markdown: a value kept beside
// the page graph, which does not change once assembled.
type Body struct {
	Content   template.HTML
	Headings  []markdown.Heading
	Plain     string
	WordCount int
	// summary is the first paragraph's text, for pages whose front
	// matter gives neither a summary nor a description.
	summary string
}

// NewBody keeps a conversion's result; the HTML is copied, so r may share
// a buffer that is reused.
func NewBody(r markdown.Result) *Body {
	return &Body{
		// The converter's HTML: goldmark's, with raw HTML escaped unless
		// the site allows it, links checked and shortcodes rendered by
		// their templates.
		Content:   template.HTML(r.HTML),
		Headings:  r.Headings,
		Plain:     r.Plain,
		WordCount: r.WordCount,
		summary:   r.Summary,
	}
}

// HasAnchor reports whether id is the id of one of the body's headings. A
// page has a few; a scan is cheaper than a map per page.
func (b *Body) HasAnchor(id string) bool {
	if b == nil {
		return false
	}
	for _, h := range b.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// Views are a build's pages, sites, tags and menu entries as templates see
// them: the page graph's data with each page's Body. Every page a
// template reaches, by any path, is a view, so each has its body. Views
// are made once, after conversion, and only read afterwards (SetBody
// aside, which the preview server calls between renders).
type Views struct {
	pages map[*site.Page]*Page
	sites map[*site.Site]*Site
	terms map[*site.Term]*Term
	menus map[*site.MenuEntry]*MenuEntry
}

// NewViews makes the views of sites; their pages get their bodies with
// SetBodies.
func NewViews(sites []*site.Site) *Views {
	v := &Views{pages: map[*site.Page]*Page{}, sites: map[*site.Site]*Site{}, terms: map[*site.Term]*Term{}, menus: map[*site.MenuEntry]*MenuEntry{}}
	var all []*site.Page
	for _, s := range sites {
		v.sites[s] = &Site{Site: s, views: v}
		all = append(all, s.AllPages...)
		all = append(all, s.TaxonomyPages()...)
		all = append(all, s.Home, s.NotFoundPage())
		for _, ts := range s.Taxonomies {
			for _, t := range ts {
				v.terms[t] = &Term{Term: t}
			}
		}
		var addMenu func(es []*site.MenuEntry)
		addMenu = func(es []*site.MenuEntry) {
			for _, e := range es {
				v.menus[e] = &MenuEntry{MenuEntry: e}
				addMenu(e.Children)
			}
		}
		for _, es := range s.Menus {
			addMenu(es)
		}
	}
	for _, p := range all {
		if p != nil && v.pages[p] == nil {
			v.pages[p] = &Page{Page: p}
		}
	}
	// Links between views, once: templates walk them on every page.
	for p, pv := range v.pages {
		pv.parent, pv.prev, pv.next, pv.site = v.page(p.Parent), v.page(p.Prev), v.page(p.Next), v.sites[p.Site]
		pv.pages, pv.sections, pv.breadcrumbs, pv.related = v.list(p.Pages), v.list(p.Sections), v.list(p.Breadcrumbs), v.list(p.Related)
		pv.translations = v.list(p.Translations)
		for _, t := range p.Tags {
			pv.tags = append(pv.tags, v.terms[t])
		}
	}
	for t, tv := range v.terms {
		tv.pages, tv.page = v.list(t.Pages), v.page(t.Page)
	}
	for e, ev := range v.menus {
		ev.page = v.page(e.Page)
		for _, c := range e.Children {
			ev.children = append(ev.children, v.menus[c])
		}
	}
	for s, sv := range v.sites {
		sv.home, sv.pages, sv.allPages, sv.sections = v.page(s.Home), v.list(s.Pages), v.list(s.AllPages), v.list(s.Sections)
		sv.menus = map[string][]*MenuEntry{}
		for name, es := range s.Menus {
			for _, e := range es {
				sv.menus[name] = append(sv.menus[name], v.menus[e])
			}
		}
		sv.taxonomies = map[string][]*Term{}
		for name, ts := range s.Taxonomies {
			for _, t := range ts {
				sv.taxonomies[name] = append(sv.taxonomies[name], v.terms[t])
			}
		}
		for _, l := range s.Languages {
			sv.languages = append(sv.languages, &Language{Code: l.Code, Name: l.Name, Home: v.page(l.Home)})
		}
	}
	return v
}

// Page returns the view of p; nil for nil.
func (v *Views) Page(p *site.Page) *Page { return v.page(p) }

// Site returns the view of s.
func (v *Views) Site(s *site.Site) *Site { return v.sites[s] }

// SetBodies gives the pages their converted bodies, once every page is
// converted.
func (v *Views) SetBodies(bodies map[*site.Page]*Body) {
	for p, b := range bodies {
		v.SetBody(p, b)
	}
}

// SetBody replaces p's body: the preview server converted it again.
func (v *Views) SetBody(p *site.Page, b *Body) {
	if pv := v.pages[p]; pv != nil {
		pv.body = b
	}
}

func (v *Views) page(p *site.Page) *Page {
	if p == nil {
		return nil
	}
	return v.pages[p]
}

func (v *Views) list(ps []*site.Page) []*Page {
	if ps == nil {
		return nil
	}
	out := make([]*Page, 0, len(ps))
	for _, p := range ps {
		if pv := v.pages[p]; pv != nil {
			out = append(out, pv)
		}
	}
	return out
}

// Page is a page as templates see it: the page's data (its fields and
// methods are site.Page's) with its body, and its neighbours as views.
type Page struct {
	*site.Page
	body *Body

	site                                  *Site
	parent, prev, next                    *Page
	pages, sections, breadcrumbs, related []*Page
	translations                          []*Page
	tags                                  []*Term
}

// Body is the page's converted Markdown; nil for pages without one.
func (p *Page) Body() *Body { return p.body }

// Content is the page's body as HTML.
func (p *Page) Content() template.HTML {
	if p.body == nil {
		return ""
	}
	return p.body.Content
}

// Summary is the page's summary as text: its front matter's summary, else
// its description, else its first paragraph's first 40 words.
func (p *Page) Summary() string {
	if f := p.Source(); f != nil && f.FM.Summary != "" {
		return f.FM.Summary
	}
	if p.Description != "" {
		return p.Description
	}
	if p.body == nil {
		return ""
	}
	return summarize(p.body.summary, 40)
}

func summarize(s string, words int) string {
	f := strings.Fields(s)
	if len(f) <= words {
		return s
	}
	return strings.Join(f[:words], " ") + "…"
}

// Headings are the body's headings, in order.
func (p *Page) Headings() []markdown.Heading {
	if p.body == nil {
		return nil
	}
	return p.body.Headings
}

// WordCount is the number of words in the body.
func (p *Page) WordCount() int {
	if p.body == nil {
		return 0
	}
	return p.body.WordCount
}

// ReadingTime is the minutes a reader needs, at 200 words a minute.
func (p *Page) ReadingTime() int {
	return max(1, int(math.Ceil(float64(p.WordCount())/200)))
}

// Plain is the body as text.
func (p *Page) Plain() string {
	if p.body == nil {
		return ""
	}
	return p.body.Plain
}

// Outline is the body's headings of levels 2 to 4, nested: what a layout
// makes a table of contents of (layouts/partials/toc.html).
func (p *Page) Outline() []*TOCEntry { return tocTree(p.Headings()) }

// TableOfContents is Outline as nested ordered lists, made by a built-in
// template (toc.go); empty without any.
func (p *Page) TableOfContents() (template.HTML, error) { return tableOfContents(p.Headings()) }

// Site is the page's site.
func (p *Page) Site() *Site { return p.site }

// Parent is the section above the page.
func (p *Page) Parent() *Page { return p.parent }

// Pages are a list page's regular pages.
func (p *Page) Pages() []*Page { return p.pages }

// Sections are a list page's sub-sections.
func (p *Page) Sections() []*Page { return p.sections }

// Prev and Next are the page's neighbours in its section.
func (p *Page) Prev() *Page { return p.prev }

// Next: see Prev.
func (p *Page) Next() *Page { return p.next }

// Breadcrumbs are the pages above the page, home first.
func (p *Page) Breadcrumbs() []*Page { return p.breadcrumbs }

// Related are the pages sharing the most tags with the page.
func (p *Page) Related() []*Page { return p.related }

// Tags are the page's tags.
func (p *Page) Tags() []*Term { return p.tags }

// Translations are the page in the site's other languages.
func (p *Page) Translations() []*Page { return p.translations }

// Ancestors lists the sections above p, nearest first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.parent; a != nil; a = a.parent {
		out = append(out, a)
	}
	return out
}

// AllTranslations is the page in every language it exists in, this one
// included, in the site's language order.
func (p *Page) AllTranslations() []*Page {
	if len(p.translations) == 0 {
		return nil
	}
	out := append([]*Page{p}, p.translations...)
	if p.site != nil && len(p.site.languages) > 0 {
		order := map[string]int{}
		for i, l := range p.site.languages {
			order[l.Code] = i
		}
		sort.SliceStable(out, func(i, j int) bool { return order[out[i].Lang] < order[out[j].Lang] })
	}
	return out
}

// Translation returns the page in language code, or that language's home
// page when the page has no translation there, so a language switcher
// always lands somewhere useful.
func (p *Page) Translation(code string) *Page {
	if p.Lang == code {
		return p
	}
	for _, t := range p.translations {
		if t.Lang == code {
			return t
		}
	}
	if p.site != nil {
		for _, l := range p.site.languages {
			if l.Code == code {
				return l.Home
			}
		}
	}
	return nil
}

// Site is a site as templates see it.
type Site struct {
	*site.Site
	views                     *Views
	home                      *Page
	pages, allPages, sections []*Page
	menus                     map[string][]*MenuEntry
	taxonomies                map[string][]*Term
	languages                 []*Language
}

// Home is the site's home page.
func (s *Site) Home() *Page { return s.home }

// Pages are the site's regular pages, in site order.
func (s *Site) Pages() []*Page { return s.pages }

// AllPages are every content page: home, sections and regular pages.
func (s *Site) AllPages() []*Page { return s.allPages }

// Sections are the top-level sections.
func (s *Site) Sections() []*Page { return s.sections }

// Menus are the site's menus by name.
func (s *Site) Menus() map[string][]*MenuEntry { return s.menus }

// Taxonomies are the site's tags, as "tags".
func (s *Site) Taxonomies() map[string][]*Term { return s.taxonomies }

// PageByURL finds the page at a site path without base path
// ("/ke-hoach/").
func (s *Site) PageByURL(u string) *Page { return s.views.page(s.Site.PageByURL(u)) }

// PageByFile finds the page made from a content path
// ("ke-hoach/_index.md").
func (s *Site) PageByFile(f string) *Page { return s.views.page(s.Site.PageByFile(f)) }

// TagsPage is the page listing the tags.
func (s *Site) TagsPage() *Page { return s.views.page(s.Site.TagsPage) }

// Page404 is the page shown for a missing address.
func (s *Site) Page404() *Page { return s.views.page(s.Site.Page404) }

// TaxonomyPages are the tag list page and one page per tag.
func (s *Site) TaxonomyPages() []*Page { return s.views.list(s.Site.TaxonomyPages()) }

// NotFoundPage is the page shown for a missing address.
func (s *Site) NotFoundPage() *Page { return s.views.page(s.Site.NotFoundPage()) }

// Aliases maps each alias output path to the page it redirects to.
func (s *Site) Aliases() map[string]*Page {
	m := make(map[string]*Page, len(s.Site.Aliases))
	for out, p := range s.Site.Aliases {
		m[out] = s.views.page(p)
	}
	return m
}

// Languages lists the site's languages, each with its home page.
func (s *Site) Languages() []*Language { return s.languages }

// Term is a tag as templates see it.
type Term struct {
	*site.Term
	pages []*Page
	page  *Page
}

// Pages are the pages with the tag.
func (t *Term) Pages() []*Page { return t.pages }

// Page is the tag's own page.
func (t *Term) Page() *Page { return t.page }

// MenuEntry is a menu entry as templates see it.
type MenuEntry struct {
	*site.MenuEntry
	page     *Page
	children []*MenuEntry
}

// Page is the page the entry points at, if any.
func (m *MenuEntry) Page() *Page { return m.page }

// Children are the entry's sub-entries.
func (m *MenuEntry) Children() []*MenuEntry { return m.children }

// IsActive reports whether the entry points at p or one of its sections.
func (m *MenuEntry) IsActive(p *Page) bool {
	return p != nil && m.MenuEntry.IsActive(p.Page)
}

// Language is one language of the site, for switchers and hreflang.
type Language struct {
	Code string
	Name string
	Home *Page
}

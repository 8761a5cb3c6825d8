package render

import (
	"math"
	"sort"
	"strings"
	"unicode"

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
	// summary is the first paragraph's first 40 words, for pages whose
	// front matter gives neither a summary nor a description; the rest of
	// the paragraph is not kept.
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
		summary:   summarize(r.Summary, 40),
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
// are made once, before conversion (shortcode templates see the pages
// without their bodies), get the bodies when every page is converted,
// and are only read afterwards (SetBody aside, which the preview server
// calls between renders).
//
// What templates read on every page (the body, the neighbours) are
// fields, not methods: html/template calls a method by reflection, which
// costs several times a field's read.
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
			v.pages[p] = &Page{Page: p, ReadingTime: 1}
		}
	}
	// Links between views, once: templates walk them on every page.
	for p, pv := range v.pages {
		pv.Parent, pv.Prev, pv.Next, pv.Site = v.page(p.Parent), v.page(p.Prev), v.page(p.Next), v.sites[p.Site]
		pv.Pages, pv.Sections, pv.Breadcrumbs, pv.Related = v.list(p.Pages), v.list(p.Sections), v.list(p.Breadcrumbs), v.list(p.Related)
		pv.Translations = v.list(p.Translations)
		pv.ReplacedBy, pv.Archive, pv.InForce = v.page(p.ReplacedBy), v.list(p.Archive), p.InForce()
		for _, t := range p.Tags {
			pv.Tags = append(pv.Tags, v.terms[t])
		}
		pv.Summary = pv.summary()
	}
	for t, tv := range v.terms {
		tv.Pages, tv.Page = v.list(t.Pages), v.page(t.Page)
	}
	for e, ev := range v.menus {
		ev.Page = v.page(e.Page)
		for _, c := range e.Children {
			ev.Children = append(ev.Children, v.menus[c])
		}
	}
	for s, sv := range v.sites {
		sv.Home, sv.Pages, sv.AllPages, sv.Sections = v.page(s.Home), v.list(s.Pages), v.list(s.AllPages), v.list(s.Sections)
		sv.TagsPage, sv.Page404 = v.page(s.TagsPage), v.page(s.Page404)
		sv.Menus = map[string][]*MenuEntry{}
		for name, es := range s.Menus {
			for _, e := range es {
				sv.Menus[name] = append(sv.Menus[name], v.menus[e])
			}
		}
		sv.Taxonomies = map[string][]*Term{}
		for name, ts := range s.Taxonomies {
			for _, t := range ts {
				sv.Taxonomies[name] = append(sv.Taxonomies[name], v.terms[t])
			}
		}
		for _, l := range s.Languages {
			sv.Languages = append(sv.Languages, &Language{Code: l.Code, Name: l.Name, Home: v.page(l.Home)})
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
	pv := v.pages[p]
	if pv == nil {
		return
	}
	pv.body = b
	pv.Content, pv.Headings, pv.WordCount = "", nil, 0
	if b != nil {
		pv.Content, pv.Headings, pv.WordCount = b.Content, b.Headings, b.WordCount
	}
	pv.ReadingTime = max(1, int(math.Ceil(float64(pv.WordCount)/200)))
	pv.Summary = pv.summary()
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

// Page is a page as templates see it: the page's data (the fields and
// methods of site.Page) with its body, and its neighbours as views.
type Page struct {
	*site.Page

	// Content is the page's body as HTML.
	Content template.HTML
	// Summary is the page's summary as text: its front matter's summary,
	// else its description, else its first paragraph's first 40 words.
	Summary string
	// Headings are the body's headings, in order.
	Headings []markdown.Heading
	// WordCount is the number of words in the body; ReadingTime the
	// minutes a reader needs, at 200 words a minute.
	WordCount   int
	ReadingTime int

	Site                 *Site
	Parent, Prev, Next   *Page
	Pages, Sections      []*Page
	Breadcrumbs, Related []*Page
	Translations         []*Page
	Tags                 []*Term

	// InForce is false for a page no longer in force (site.Page.InForce,
	// read once: lists ask it of every page they show). ReplacedBy is the
	// page that replaced it, if one did; Archive, on a section, lists its
	// pages no longer in force.
	InForce    bool
	ReplacedBy *Page
	Archive    []*Page

	body *Body
}

// Body is the page's converted Markdown; nil for pages without one.
func (p *Page) Body() *Body { return p.body }

func (p *Page) summary() string {
	if f := p.Source(); f != nil && f.FM.Summary != "" {
		return f.FM.Summary
	}
	if p.Description != "" {
		return p.Description
	}
	if p.body == nil {
		return ""
	}
	return p.body.summary
}

// summarize is s when it has at most n words, else its first n words
// joined by single spaces and "…": strings.Fields' answer, without the
// slice of every word of a long paragraph.
func summarize(s string, n int) string {
	var b strings.Builder
	rest := s
	for i := 0; i < n; i++ {
		start := strings.IndexFunc(rest, notSpace)
		if start < 0 {
			return s
		}
		rest = rest[start:]
		end := strings.IndexFunc(rest, unicode.IsSpace)
		if end < 0 {
			return s
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(rest[:end])
		rest = rest[end:]
	}
	if strings.IndexFunc(rest, notSpace) < 0 {
		return s
	}
	b.WriteString("…")
	return b.String()
}

func notSpace(r rune) bool { return !unicode.IsSpace(r) }

// Plain is the body as text. A method, not a field: a build that does
// not show it drops it once the search index has read it.
func (p *Page) Plain() string {
	if p.body == nil {
		return ""
	}
	return p.body.Plain
}

// Outline is the body's headings of levels 2 to 4, nested: what a layout
// makes a table of contents of (layouts/partials/toc.html).
func (p *Page) Outline() []*TOCEntry { return tocTree(p.Headings) }

// TableOfContents is Outline as nested ordered lists, made by a built-in
// template (toc.go); empty without any.
func (p *Page) TableOfContents() (template.HTML, error) { return tableOfContents(p.Headings) }

// Ancestors lists the sections above p, nearest first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	return out
}

// AllTranslations is the page in every language it exists in, this one
// included, in the site's language order.
func (p *Page) AllTranslations() []*Page {
	if len(p.Translations) == 0 {
		return nil
	}
	out := append([]*Page{p}, p.Translations...)
	if p.Site != nil && len(p.Site.Languages) > 0 {
		order := map[string]int{}
		for i, l := range p.Site.Languages {
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
	for _, t := range p.Translations {
		if t.Lang == code {
			return t
		}
	}
	if p.Site != nil {
		for _, l := range p.Site.Languages {
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
	views *Views

	Home, TagsPage, Page404   *Page
	Pages, AllPages, Sections []*Page
	Menus                     map[string][]*MenuEntry
	Taxonomies                map[string][]*Term
	// Languages lists the site's languages, each with its home page.
	Languages []*Language
}

// PageByURL finds the page at a site path without base path
// ("/ke-hoach/").
func (s *Site) PageByURL(u string) *Page { return s.views.page(s.Site.PageByURL(u)) }

// PageByFile finds the page made from a content path
// ("ke-hoach/_index.md").
func (s *Site) PageByFile(f string) *Page { return s.views.page(s.Site.PageByFile(f)) }

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

// Term is a tag as templates see it.
type Term struct {
	*site.Term
	Pages []*Page
	Page  *Page
}

// MenuEntry is a menu entry as templates see it.
type MenuEntry struct {
	*site.MenuEntry
	Page     *Page
	Children []*MenuEntry
}

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

// Package site turns loaded content into the site's page graph: URLs,
// sections, taxonomies, menus, neighbours and the links between pages.
package site

import (
	"path"
	"strings"
	"time"

	"portal/internal/content"
)

// Page kinds.
const (
	KindHome     = "home"
	KindSection  = "section"
	KindPage     = "page"
	KindTaxonomy = "taxonomy"
	KindTerm     = "term"
	Kind404      = "404"
)

// Page is one published HTML page of the page graph: data only, and never
// changed once the site is assembled. Templates see it through a view
// (render.Page) that adds what the build made of it since: its converted
// body. Its exported fields and methods are part of the template API
// documented in README.md.
type Page struct {
	Kind        string
	Title       string
	Description string
	Date        time.Time
	Lastmod     time.Time
	PublishDate time.Time
	ExpiryDate  time.Time
	Draft       bool
	Weight      int
	Layout      string
	Slug        string
	Params      map[string]any
	// Section is the top content folder the page belongs to ("" for home).
	Section string
	Lang    string
	// File is the source path relative to content/ ("" for generated pages).
	File string
	// URL is the page's path from the site root, without the base path:
	// "/ke-hoach/".
	URL string
	// RelPermalink is URL under the base path: "/papi/ke-hoach/".
	RelPermalink string
	// Permalink is the absolute URL when baseURL names a host.
	Permalink string
	Aliases   []string
	TagNames  []string

	Parent      *Page
	Pages       []*Page
	Sections    []*Page
	Prev        *Page
	Next        *Page
	Tags        []*Term
	Breadcrumbs []*Page
	Related     []*Page

	// Status is content.StatusOutOfForce for a page no longer in force
	// (its ngay_het_hieu_luc has come), else content.StatusInForce.
	// Such a page keeps its URL and is published, but its section lists
	// it in Archive instead of Pages.
	Status string
	// OutOfForceFrom is the first day the page is no longer in force
	// (ngay_het_hieu_luc); a future date leaves the page in force until
	// then, and a daily build moves it.
	OutOfForceFrom time.Time
	// ReplacedBy is the page that replaced this one (thay_the_boi), and
	// ReplacedByURL the link to it as published: to a file or another
	// site when ReplacedBy is nil.
	ReplacedBy    *Page
	ReplacedByURL string
	// Archive lists a section's pages no longer in force, the most
	// recently ended first.
	Archive []*Page

	// InSearch is false for pages that opted out of the search index.
	InSearch bool
	TOC      *bool

	Site *Site
	// Translations are this page in the site's other languages.
	Translations []*Page

	src          *content.File
	syntheticDir string
	foldedTitle  string
}

// IsHome reports whether p is the home page.
func (p *Page) IsHome() bool { return p.Kind == KindHome }

// IsSection reports whether p lists a section.
func (p *Page) IsSection() bool { return p.Kind == KindSection }

// InForce reports whether p is still in force: false only for a page
// marked "status: het-hieu-luc" whose ngay_het_hieu_luc has come.
func (p *Page) InForce() bool { return p.Status != content.StatusOutOfForce }

// IsPage reports whether p is a regular page.
func (p *Page) IsPage() bool { return p.Kind == KindPage }

// Param returns a front matter value, falling back to the site's params.
func (p *Page) Param(key string) any {
	if v, ok := p.Params[key]; ok {
		return v
	}
	if p.Site != nil {
		return p.Site.Params[key]
	}
	return nil
}

// OutputPath is where the page is written, relative to the output root.
func (p *Page) OutputPath() string {
	if strings.HasSuffix(p.URL, "/") {
		return strings.TrimPrefix(p.URL, "/") + "index.html"
	}
	return strings.TrimPrefix(p.URL, "/")
}

// Source returns the content file the page came from, or nil.
func (p *Page) Source() *content.File { return p.src }

// Ancestors lists the sections above p, nearest first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	return out
}

// Dir is the folder of the page's source relative to content/.
func (p *Page) Dir() string {
	if p.File == "" {
		return ""
	}
	return path.Dir(p.File)
}

// Language is one language of the site, for switchers and hreflang.
type Language struct {
	Code string
	Name string
	Home *Page
}

// Term is one tag and the pages that carry it.
type Term struct {
	Name         string
	Slug         string
	URL          string
	RelPermalink string
	Pages        []*Page
	Page         *Page
}

// Count is the number of pages with the term.
func (t *Term) Count() int { return len(t.Pages) }

// MenuEntry is a resolved menu item.
type MenuEntry struct {
	Name       string
	URL        string
	Identifier string
	Weight     int
	Page       *Page
	Children   []*MenuEntry
}

// IsActive reports whether the entry points at p or one of its sections.
func (m *MenuEntry) IsActive(p *Page) bool {
	if m.Page == nil || p == nil {
		return false
	}
	if m.Page == p {
		return true
	}
	for a := p.Parent; a != nil; a = a.Parent {
		if a == m.Page && !a.IsHome() {
			return true
		}
	}
	return false
}

package site

import (
	"path"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/textutil"
)

// Options choose which pages are published.
type Options struct {
	Drafts  bool
	Future  bool
	Expired bool
	// Now decides what is future and expired.
	Now time.Time
	// Lang is the language this site holds; its Prefix ("en/") starts
	// every URL of a translation.
	Lang config.LanguageInfo
	// Failed lists content files (relative to content/) that exist but
	// could not be loaded. Their mistakes are reported already, so links
	// to them are not reported again as broken.
	Failed map[string]bool
	// Generated makes, once the site's sections and tags are known, the
	// answer to "does the build write output path out itself?" (a feed,
	// a tag page, the sitemap, the search index): links and menus may
	// point there. The output stage owns the answer (output.Generated);
	// nil means nothing is.
	Generated func(*Site) func(out string) bool
}

// Site is the whole page graph.
type Site struct {
	Config       *config.Config
	Title        string
	BaseURL      string
	BasePath     string
	LanguageCode string
	Params       map[string]any
	Data         map[string]any
	Tables       map[string]*content.Table

	Home *Page
	// Page404 is the page written as 404.html (nil in a translation), and
	// TagsPage the tag list; they and the tag pages have no file.
	Page404  *Page
	TagsPage *Page
	// Pages are the regular pages, in site order.
	Pages []*Page
	// AllPages are every content page: home, sections and regular pages.
	AllPages []*Page
	// Sections are the top-level sections.
	Sections   []*Page
	Menus      map[string][]*MenuEntry
	Taxonomies map[string][]*Term
	// Resources are non-Markdown files under content/, published as is,
	// keyed by output path.
	Resources map[string]*content.File
	// Statics maps output paths of static/ files to their source.
	Statics map[string]string
	// Aliases maps each alias output path to its target page.
	Aliases map[string]*Page

	byFile        map[string]*Page
	leftOut       map[string]string // content files not published, and why
	byURL         map[string]*Page
	taxonomyPages []*Page
	// generated reports the output paths the build writes itself.
	generated func(out string) bool

	// Lang and LangPrefix name this site's language; Languages lists all
	// of the site's languages, each with its home page.
	Lang       string
	LangPrefix string
	Languages  []*Language

	siteCaches
}

// LastUpdated is the newest Lastmod of any published page.
func (s *Site) LastUpdated() time.Time {
	var t time.Time
	for _, p := range s.AllPages {
		if p.Lastmod.After(t) {
			t = p.Lastmod
		}
	}
	return t
}

// PageByFile finds the page made from a content path ("ke-hoach/_index.md").
func (s *Site) PageByFile(p string) *Page { return s.pageFile(p) }

// pageFile looks a content path up in NFC: links are written in NFC (the
// Markdown is normalised) while macOS may have saved the file name in NFD.
func (s *Site) pageFile(p string) *Page { return s.byFile[norm.NFC.String(p)] }

// PageByURL finds the page at a site path without base path ("/ke-hoach/").
func (s *Site) PageByURL(u string) *Page { return s.byURL[strings.ToLower(u)] }

// New builds the page graph from loaded files. Every problem found is
// returned; the site is usable only when none is an error.
func New(root string, cfg *config.Config, files []*content.File, data *content.Data, statics map[string]string, opts Options) (*Site, []*diag.Problem) {
	s := &Site{
		Config: cfg, Title: cfg.Title, BaseURL: cfg.BaseURL, BasePath: cfg.BasePath,
		LanguageCode: cfg.LanguageCode, Params: cfg.Params,
		Data: data.Values, Tables: data.Tables,
		Resources: map[string]*content.File{}, Statics: statics, Aliases: map[string]*Page{},
		byFile: map[string]*Page{}, byURL: map[string]*Page{}, Menus: map[string][]*MenuEntry{},
		Taxonomies: map[string][]*Term{},
	}
	s.root = root
	s.Lang = cfg.LanguageCode
	s.LangPrefix = opts.Lang.Prefix
	s.failed = opts.Failed
	var probs []*diag.Problem
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}

	bundleDirs, sectionDirs := folders(files)
	sections, regular := s.readPages(files, opts)
	if s.Home == nil {
		s.Home = &Page{Kind: KindHome, Title: cfg.Title, Params: map[string]any{}, Site: s, InSearch: false, Lang: cfg.LanguageCode}
	}
	s.Home.Section = ""
	s.Home.URL = "/" + s.LangPrefix
	s.Home.RelPermalink = s.RelURL(s.Home.URL)
	s.Home.Permalink = s.AbsURL(s.Home.URL)
	dirs := s.addSections(sections, sectionDirs)
	probs = append(probs, s.place(sections, dirs, regular)...)

	all := []*Page{s.Home}
	for _, d := range dirs {
		all = append(all, sections[d])
	}
	all = append(all, regular...)
	probs = append(probs, s.registerURLs(all)...)
	linkTree(all, sections, dirs, regular)
	s.Sections = s.Home.Sections
	s.Pages = append([]*Page(nil), regular...)
	SortPages(s.Pages)
	s.AllPages = all
	// Sections hidden as drafts still hold their published pages; a
	// synthetic section without pages is dropped from lists.
	for _, p := range all {
		p.Site = s
	}
	probs = append(probs, s.addResources(files, sections, bundleDirs)...)

	s.buildTaxonomies()
	s.makeTaxonomyPages()
	s.makeNotFoundPage()
	probs = append(probs, s.buildAliases()...)
	if opts.Generated != nil {
		s.generated = opts.Generated(s)
	}
	probs = append(probs, s.buildMenus()...)
	probs = append(probs, s.resolveReplacements()...)
	return s, probs
}

// readPages makes the published pages of the Markdown files: the home
// page (s.Home), the sections by folder, and the regular pages.
func (s *Site) readPages(files []*content.File, opts Options) (sections map[string]*Page, regular []*Page) {
	sections = map[string]*Page{} // dir → section page
	for _, f := range files {
		if !f.Markdown {
			continue
		}
		p := s.newPage(f)
		if why := s.leftOutBecause(p, opts); why != "" {
			if s.leftOut == nil {
				s.leftOut = map[string]string{}
			}
			s.leftOut[norm.NFC.String(f.Path)] = why
			continue
		}
		if f.FM.Status == content.StatusOutOfForce && !p.OutOfForceFrom.After(opts.Now) {
			p.Status = content.StatusOutOfForce
		}
		base := path.Base(f.Path)
		dir := path.Dir(f.Path)
		switch {
		case f.Path == "_index.md":
			p.Kind = KindHome
			s.Home = p
		case base == "_index.md":
			p.Kind = KindSection
			sections[dir] = p
		default:
			p.Kind = KindPage
			regular = append(regular, p)
		}
		s.byFile[norm.NFC.String(f.Path)] = p
	}
	return sections, regular
}

// leftOutBecause says why this build does not publish p (a draft, a page
// dated later, an expired one), in words for the editor; "" when it does.
func (s *Site) leftOutBecause(p *Page, opts Options) string {
	if p.Draft && !opts.Drafts {
		return "đang là bản nháp (draft: true)"
	}
	pub := p.PublishDate
	if pub.IsZero() {
		pub = p.Date
	}
	if !opts.Future && !pub.IsZero() && pub.After(opts.Now) {
		return "chỉ xuất bản từ " + textutil.DateVN(pub) + " (publishDate)"
	}
	if !opts.Expired && !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(opts.Now) {
		return "đã hết hạn từ " + textutil.DateVN(p.ExpiryDate) + " (expiryDate)"
	}
	return ""
}

func (s *Site) newPage(f *content.File) *Page {
	fm := f.FM
	p := &Page{
		Title: fm.Title, Description: fm.Description, Date: fm.Date, Lastmod: fm.Lastmod,
		PublishDate: fm.PublishDate, ExpiryDate: fm.ExpiryDate, Draft: fm.Draft, Weight: fm.Weight,
		Layout: fm.Layout, Slug: fm.Slug, Params: fm.Params, File: f.Path, Lang: s.LanguageCode,
		Aliases: fm.Aliases, TagNames: fm.Tags, InSearch: fm.Search, TOC: fm.TOC, Site: s, src: f,
		Status: content.StatusInForce, OutOfForceFrom: fm.OutOfForceFrom,
	}
	if p.Lastmod.IsZero() {
		p.Lastmod = p.Date
	}
	p.foldedTitle = textutil.Fold(p.Title)
	if p.Params == nil {
		p.Params = map[string]any{}
	}
	return p
}

func (p *Page) name() string { return p.SourceName() }

// SourceName is the page's source file as messages name it.
func (p *Page) SourceName() string {
	if p.src != nil {
		return p.src.Name()
	}
	if p.syntheticDir != "" {
		prefix := ""
		if p.Site != nil {
			prefix = p.Site.LangPrefix
		}
		return "content/" + prefix + p.syntheticDir
	}
	return "layouts"
}

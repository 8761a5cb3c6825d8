package site

import (
	"path"
	"sort"
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

	Home     *Page
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

	byFile map[string]*Page
	byURL  map[string]*Page
	// Reserved output paths written by the build itself.
	Reserved map[string]bool

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
		Taxonomies: map[string][]*Term{}, Reserved: map[string]bool{},
	}
	s.root = root
	s.Lang = cfg.LanguageCode
	s.LangPrefix = opts.Lang.Prefix
	s.failed = opts.Failed
	var probs []*diag.Problem
	add := func(p *diag.Problem) { probs = append(probs, p) }
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}

	// Bundles: folders holding index.md publish their other files beside
	// the page.
	bundleDirs := map[string]bool{}
	sectionDirs := map[string]bool{}
	for _, f := range files {
		switch path.Base(f.Path) {
		case "index.md":
			bundleDirs[path.Dir(f.Path)] = true
		case "_index.md":
			if d := path.Dir(f.Path); d != "." {
				sectionDirs[d] = true
			}
		}
	}
	// Every top-level folder is a section even without _index.md.
	for _, f := range files {
		if dir := path.Dir(f.Path); dir != "." {
			top := strings.SplitN(dir, "/", 2)[0]
			if !bundleDirs[top] {
				sectionDirs[top] = true
			}
		}
	}

	// Pages.
	sections := map[string]*Page{} // dir → section page
	var regular []*Page
	for _, f := range files {
		if !f.Markdown {
			continue
		}
		p := s.newPage(f)
		if !s.published(p, opts) {
			continue
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
	if s.Home == nil {
		s.Home = &Page{Kind: KindHome, Title: cfg.Title, Params: map[string]any{}, Site: s, InSearch: false, Lang: cfg.LanguageCode}
	}
	s.Home.Section = ""
	s.Home.URL = "/" + s.LangPrefix
	s.Home.RelPermalink = s.RelURL(s.Home.URL)
	s.Home.Permalink = s.AbsURL(s.Home.URL)
	// Sections without _index.md get a page titled by the folder.
	dirs := make([]string, 0, len(sectionDirs))
	for d := range sectionDirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		if _, ok := sections[d]; ok {
			continue
		}
		// A draft _index.md hides the section, but not its published pages.
		sections[d] = &Page{Kind: KindSection, Title: humanize(path.Base(d)), File: "", Params: map[string]any{}, Site: s, Lang: cfg.LanguageCode, InSearch: false, syntheticDir: d}
	}
	sectionOf := func(dir string) *Page {
		for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			if sp, ok := sections[d]; ok {
				return sp
			}
		}
		return s.Home
	}
	// Section URLs and parents, shallow first so parents exist.
	sort.Slice(dirs, func(i, j int) bool {
		di, dj := strings.Count(dirs[i], "/"), strings.Count(dirs[j], "/")
		if di != dj {
			return di < dj
		}
		return dirs[i] < dirs[j]
	})
	for _, d := range dirs {
		sp := sections[d]
		sp.Parent = sectionOf(path.Dir(d))
		sp.Section = strings.SplitN(d, "/", 2)[0]
		if err := s.setURL(sp, d); err != nil {
			add(err)
		}
	}
	for _, p := range regular {
		dir := path.Dir(p.File)
		if path.Base(p.File) == "index.md" {
			dir = path.Dir(dir)
		}
		p.Parent = sectionOf(dir)
		if dir != "." {
			p.Section = strings.SplitN(dir, "/", 2)[0]
		}
		if err := s.setURL(p, ""); err != nil {
			add(err)
		}
	}

	// Register every URL, refusing collisions (case-insensitively: Windows
	// and macOS hosts cannot hold both).
	all := []*Page{s.Home}
	for _, d := range dirs {
		all = append(all, sections[d])
	}
	all = append(all, regular...)
	for _, p := range all {
		if p.URL == "" {
			continue
		}
		key := strings.ToLower(p.URL)
		if other, ok := s.byURL[key]; ok {
			// Point at the page whose url or slug made the clash, on
			// that line, when only one of the two set its address.
			here, there := p, other
			if _, set := p.addressLine(); !set {
				if _, otherSet := other.addressLine(); otherSet {
					here, there = other, p
				}
			}
			line, _ := here.addressLine()
			add(diag.Errorf(here.name(), line, "trang này và %s cùng có địa chỉ %s; hãy đổi 'slug' hoặc 'url' của một trang (duplicate URL)", there.name(), p.URL))
			continue
		}
		s.byURL[key] = p
	}

	// Children, sorted.
	for _, p := range regular {
		p.Parent.Pages = append(p.Parent.Pages, p)
	}
	for _, d := range dirs {
		sp := sections[d]
		if sp.Parent != nil {
			sp.Parent.Sections = append(sp.Parent.Sections, sp)
		}
	}
	for _, p := range all {
		SortPages(p.Pages)
		SortPages(p.Sections)
		for i, c := range p.Pages {
			if i > 0 {
				c.Prev = p.Pages[i-1]
			}
			if i+1 < len(p.Pages) {
				c.Next = p.Pages[i+1]
			}
		}
		for a := p.Parent; a != nil; a = a.Parent {
			p.Breadcrumbs = append([]*Page{a}, p.Breadcrumbs...)
		}
	}
	s.Sections = s.Home.Sections
	s.Pages = append([]*Page(nil), regular...)
	SortPages(s.Pages)
	s.AllPages = all
	// Sections hidden as drafts still hold their published pages; a
	// synthetic section without pages is dropped from lists.
	for _, p := range all {
		p.Site = s
	}

	// Resources: non-Markdown content files, published at their folder's
	// URL (a bundle's files beside its page).
	for _, f := range files {
		if f.Markdown {
			continue
		}
		out, err := s.resourcePath(f.Path, sections, bundleDirs)
		if err != nil {
			add(diag.Errorf(f.Name(), 0, "%v", err))
			continue
		}
		if out == "" {
			continue // in the folder of a page that is not published
		}
		s.Resources[out] = f
	}

	s.buildTaxonomies()
	probs = append(probs, s.buildAliases()...)
	s.reserve()
	probs = append(probs, s.buildMenus()...)
	probs = append(probs, s.checkOutputCollisions()...)
	return s, probs
}

func (s *Site) published(p *Page, opts Options) bool {
	if p.Draft && !opts.Drafts {
		return false
	}
	pub := p.PublishDate
	if pub.IsZero() {
		pub = p.Date
	}
	if !opts.Future && !pub.IsZero() && pub.After(opts.Now) {
		return false
	}
	if !opts.Expired && !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(opts.Now) {
		return false
	}
	return true
}

func (s *Site) newPage(f *content.File) *Page {
	fm := f.FM
	p := &Page{
		Title: fm.Title, Description: fm.Description, Date: fm.Date, Lastmod: fm.Lastmod,
		PublishDate: fm.PublishDate, ExpiryDate: fm.ExpiryDate, Draft: fm.Draft, Weight: fm.Weight,
		Layout: fm.Layout, Slug: fm.Slug, Params: fm.Params, File: f.Path, Lang: s.LanguageCode,
		Aliases: fm.Aliases, TagNames: fm.Tags, InSearch: fm.Search, TOC: fm.TOC, Site: s, src: f,
		fmSumm: fm.Summary,
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

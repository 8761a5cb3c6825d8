package site

import (
	"fmt"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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

// RelURL puts a site path under the base path.
func (s *Site) RelURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	return s.BasePath + strings.TrimPrefix(p, "/")
}

// AbsURL makes a site path absolute when the base URL names a host.
func (s *Site) AbsURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	if !s.Config.Absolute() {
		return s.RelURL(p)
	}
	return s.Config.BaseURL + strings.TrimPrefix(p, "/")
}

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

// WithLang puts a site path under this site's language prefix.
func (s *Site) WithLang(u string) string { return s.withLang(u) }

func (s *Site) withLang(u string) string {
	if s.LangPrefix == "" || strings.HasPrefix(u, "/"+s.LangPrefix) {
		return u
	}
	return "/" + s.LangPrefix + strings.TrimPrefix(u, "/")
}

// addressLine is the line of the page's url, else of its slug; set is
// false when the page's address comes from its file name.
func (p *Page) addressLine() (line int, set bool) {
	if p.src != nil && p.src.FM != nil {
		for _, k := range []string{"url", "slug"} {
			if n, ok := p.src.FM.Lines[k]; ok {
				return n, true
			}
		}
	}
	return p.line("url"), false
}

func (p *Page) line(key string) int {
	if p.src != nil && p.src.FM != nil {
		return p.src.FM.Line(key)
	}
	return 0
}

// setURL decides p's URL from url, slug or its file name.
func (s *Site) setURL(p *Page, sectionDir string) *diag.Problem {
	var u string
	switch {
	case p.src != nil && p.src.FM.URL != "":
		clean, err := CleanURLPath(p.src.FM.URL)
		if err != nil {
			return diag.Errorf(p.name(), p.line("url"), "url: %v", err)
		}
		u = s.withLang(clean)
	case p.Kind == KindSection:
		parentURL, mid, err := p.parentPath(path.Dir(sectionDir))
		if err != nil {
			return err
		}
		seg := textutil.Slugify(path.Base(sectionDir))
		if p.Slug != "" {
			seg = textutil.Slugify(p.Slug)
		}
		if seg == "" {
			return diag.Errorf(p.name(), p.line("slug"), "không tạo được địa chỉ cho mục %q: tên thư mục không có chữ hay số nào (empty slug)", sectionDir)
		}
		u = parentURL + mid + seg + "/"
	default:
		dir := path.Dir(p.File)
		name := strings.TrimSuffix(path.Base(p.File), path.Ext(p.File))
		if name == "index" {
			name = path.Base(dir)
			dir = path.Dir(dir)
		}
		parentURL, mid, err := p.parentPath(dir)
		if err != nil {
			return err
		}
		seg := textutil.Slugify(name)
		key := "title"
		if p.Slug != "" {
			seg = textutil.Slugify(p.Slug)
			key = "slug"
		}
		if seg == "" {
			return diag.Errorf(p.name(), p.line(key), "không tạo được địa chỉ trang: tên tệp hoặc slug không có chữ hay số nào; hãy đặt 'slug: ten-trang' (empty slug)")
		}
		u = parentURL + mid + seg + "/"
	}
	p.URL = u
	p.RelPermalink = s.RelURL(u)
	p.Permalink = s.AbsURL(u)
	return nil
}

// parentPath returns the URL of p's parent section and the folded folders
// between that section's folder and dir, so folders without _index.md
// ("ke-hoach/2024/") stay in the URL as the contract's "section path"
// says. It also refuses a slug that is more than one path segment.
func (p *Page) parentPath(dir string) (string, string, *diag.Problem) {
	if p.Slug != "" && (strings.ContainsAny(p.Slug, "/\\") || strings.Contains(p.Slug, "..")) {
		return "", "", diag.Errorf(p.name(), p.line("slug"), "slug: %q chỉ được là một đoạn địa chỉ, không chứa '/', '\\' hay '..'; dùng 'url' để đặt cả đường dẫn (slug must be one path segment)", p.Slug)
	}
	parentURL, parentDir := "/", "."
	if p.Parent != nil {
		if p.Parent.URL != "" {
			parentURL = p.Parent.URL
		}
		switch {
		case p.Parent.syntheticDir != "":
			parentDir = p.Parent.syntheticDir
		case p.Parent.File != "":
			parentDir = path.Dir(p.Parent.File)
		}
	}
	if dir == "." || dir == parentDir || dir == "" {
		return parentURL, "", nil
	}
	rel := dir
	if parentDir != "." {
		rel = strings.TrimPrefix(dir, parentDir+"/")
	}
	var mid strings.Builder
	for _, seg := range strings.Split(rel, "/") {
		f := textutil.Slugify(seg)
		if f == "" {
			return "", "", diag.Errorf(p.name(), 0, "tên thư mục %q không dùng được trong địa chỉ: không có chữ hay số nào (empty folder slug)", seg)
		}
		mid.WriteString(f + "/")
	}
	return parentURL, mid.String(), nil
}

// CleanURLPath validates a url or alias from front matter and returns it
// as a site path. Anything that could leave the output folder or that a
// web server would not serve as written is refused.
func CleanURLPath(raw string) (string, error) {
	u := strings.TrimSpace(raw)
	if u == "" {
		return "", fmt.Errorf("địa chỉ trống (empty)")
	}
	if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
		return "", fmt.Errorf("%q phải là đường dẫn trong trang, không phải địa chỉ trang khác (must be a site path)", raw)
	}
	if strings.ContainsAny(u, "\\?#%\"'<>` \t") {
		return "", fmt.Errorf("%q chứa ký tự không được phép trong địa chỉ (\\ ? # %% dấu cách, dấu nháy, < >)", raw)
	}
	for _, r := range u {
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("%q chứa ký tự điều khiển (control character)", raw)
		}
	}
	for _, seg := range strings.Split(u, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("%q không được chứa '.' hay '..': địa chỉ phải nằm trong thư mục trang (path escapes the site)", raw)
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	u = path.Clean(u)
	if u == "/" {
		return "/", nil
	}
	ext := path.Ext(u)
	if ext == ".html" || ext == ".htm" || ext == ".xml" || ext == ".json" || ext == ".txt" {
		return u, nil
	}
	if _, err := url.Parse(u); err != nil {
		return "", fmt.Errorf("%q không phải đường dẫn hợp lệ", raw)
	}
	return u + "/", nil
}

// resourcePath decides where a non-Markdown content file is published: a
// bundle's files beside the bundle page, others under their section's URL.
// resourcePath is the output path of content file rel, or "" when it
// belongs to a page bundle that is not published.
func (s *Site) resourcePath(rel string, sections map[string]*Page, bundles map[string]bool) (string, error) {
	dir := path.Dir(rel)
	base := path.Base(rel)
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if bundles[d] {
			if p := s.pageFile(d + "/index.md"); p != nil {
				sub := strings.TrimPrefix(rel, d+"/")
				return strings.TrimPrefix(p.URL, "/") + sub, nil
			}
			// A bundle whose page is a draft, not yet due or expired
			// keeps its files too: they are as unpublished as its text.
			return "", nil
		}
	}
	if dir == "." {
		return s.LangPrefix + base, nil
	}
	// Keep the folder names as written, folded, so links written against
	// the folder structure keep working.
	segs := strings.Split(dir, "/")
	for i, sg := range segs {
		if sp, ok := sections[strings.Join(segs[:i+1], "/")]; ok && i == len(segs)-1 && sp.URL != "" {
			return strings.TrimPrefix(sp.URL, "/") + base, nil
		}
		segs[i] = textutil.Slugify(sg)
		if segs[i] == "" {
			return "", fmt.Errorf("tên thư mục %q không dùng được trong địa chỉ", sg)
		}
	}
	return s.LangPrefix + strings.Join(segs, "/") + "/" + base, nil
}

func (s *Site) buildTaxonomies() {
	terms := map[string]*Term{}
	// Sites reuse a few tag names on many pages; slugging each name once
	// saves most of the work.
	slugs := map[string]string{}
	seen := map[string]bool{}
	for _, p := range s.Pages {
		clear(seen)
		for _, name := range p.TagNames {
			slug, ok := slugs[name]
			if !ok {
				slug = textutil.Slugify(name)
				slugs[name] = slug
			}
			if slug == "" || seen[slug] {
				continue
			}
			seen[slug] = true
			t, ok := terms[slug]
			if !ok {
				t = &Term{Name: name, Slug: slug, URL: "/" + s.LangPrefix + "tags/" + slug + "/"}
				t.RelPermalink = s.RelURL(t.URL)
				terms[slug] = t
			} else if name < t.Name {
				t.Name = name
			}
			t.Pages = append(t.Pages, p)
			p.Tags = append(p.Tags, t)
		}
	}
	list := make([]*Term, 0, len(terms))
	for _, t := range terms {
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := textutil.Fold(list[i].Name), textutil.Fold(list[j].Name)
		if a != b {
			return a < b
		}
		return list[i].Slug < list[j].Slug
	})
	s.Taxonomies["tags"] = list
	s.relate()
}

// relate picks each page's related pages: those sharing the most tags,
// then in site order (pageLess), ties kept in the order the candidates are
// first met; at most five.
//
// It works on integers only: pages become indices, pageLess a rank (equal
// pages share one), each tag a list of indices, and the shared-tag counts
// live in a dense slice stamped per page, so nothing is reset or hashed.
// Pages are independent, so they are spread over workers.
func (s *Site) relate() {
	n := len(s.Pages)
	if n == 0 {
		return
	}
	rank, distinct := pageRanks(s.Pages)
	index := make(map[*Page]int32, n)
	for i, p := range s.Pages {
		index[p] = int32(i)
	}
	members := map[*Term][]int32{}
	// Each page's tags as member lists, so workers only read slices.
	tagLists := make([][][]int32, n)
	work := 0
	for i, p := range s.Pages {
		if len(p.Tags) == 0 {
			continue
		}
		l := make([][]int32, len(p.Tags))
		for k, t := range p.Tags {
			m, ok := members[t]
			if !ok {
				m = make([]int32, len(t.Pages))
				for j, q := range t.Pages {
					m[j] = index[q]
				}
				members[t] = m
			}
			l[k] = m
			work += len(m)
		}
		tagLists[i] = l
	}
	newRelater := func() *relater {
		return &relater{marks: make([]uint64, n), rank: rank, distinct: distinct}
	}
	workers := 1
	if work >= 1<<16 {
		workers = min(runtime.GOMAXPROCS(0), 8)
	}
	if workers == 1 {
		r := newRelater()
		for i := range n {
			s.Pages[i].Related = r.top(s.Pages, tagLists[i], int32(i))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	const chunk = 64
	for range workers {
		wg.Go(func() {
			r := newRelater()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					s.Pages[i].Related = r.top(s.Pages, tagLists[i], int32(i))
				}
			}
		})
	}
	wg.Wait()
}

// pageRanks numbers pages in pageLess order: rank[i] < rank[j] exactly
// when pageLess(ps[i], ps[j]); pages pageLess cannot tell apart share a
// rank, and distinct reports that there are none. New has sorted ps
// already, so the sort is usually skipped.
func pageRanks(ps []*Page) (rank []int32, distinct bool) {
	n := len(ps)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	for i := 1; i < n; i++ {
		if pageLess(ps[i], ps[i-1]) {
			sort.SliceStable(order, func(a, b int) bool { return pageLess(ps[order[a]], ps[order[b]]) })
			break
		}
	}
	rank = make([]int32, n)
	distinct = true
	r := int32(0)
	for k := 1; k < n; k++ {
		if pageLess(ps[order[k-1]], ps[order[k]]) {
			r++
		} else {
			distinct = false
		}
		rank[order[k]] = r
	}
	return rank, distinct
}

// relatedKeep is how many related pages a page lists.
const relatedKeep = 5

// relater holds one worker's scratch space for relate.
type relater struct {
	// marks[q] holds, in its high half, 1 + the index of the page whose
	// candidates were last counted and, in its low half, the number of
	// tags q shares with that page. Stamping avoids clearing between
	// pages.
	marks []uint64
	// promoted lists, per page, the candidates sharing two tags or more.
	promoted []int32
	rank     []int32
	distinct bool
}

const (
	countMask = 1<<31 - 1
	seenBit   = 1 << 31
)

// top returns the related pages of the page at index self, whose tags'
// member lists are tags.
func (r *relater) top(pages []*Page, tags [][]int32, self int32) []*Page {
	if len(tags) == 0 {
		return nil
	}
	marks := r.marks
	stamp := uint64(self+1) << 32
	promoted := r.promoted[:0]
	// A tag's list holds each page once, so the first list needs no check
	// (self is marked too, but skipped from here on).
	for _, qi := range tags[0] {
		marks[qi] = stamp | 1
	}
	for _, m := range tags[1:] {
		for _, qi := range m {
			if qi == self {
				continue
			}
			v := marks[qi]
			if v&^countMask&^seenBit != stamp {
				marks[qi] = stamp | 1
				continue
			}
			v++
			marks[qi] = v
			if v&countMask == 2 {
				promoted = append(promoted, qi)
			}
		}
	}
	r.promoted = promoted
	var k keeper
	if r.distinct && len(promoted) >= relatedKeep {
		// Five candidates share two tags or more, so no candidate sharing
		// one can make the list; and with every rank distinct, the order
		// candidates are met in cannot matter.
		for _, qi := range promoted {
			k.offer(qi, int32(marks[qi]&countMask), r.rank[qi])
		}
	} else {
		// Every candidate, in the order first met, which breaks ties
		// between pages of equal rank.
		for _, m := range tags {
			for _, qi := range m {
				v := marks[qi]
				if qi == self || v&seenBit != 0 {
					continue
				}
				marks[qi] = v | seenBit
				k.offer(qi, int32(v&countMask), r.rank[qi])
			}
		}
	}
	if k.n == 0 {
		return nil
	}
	out := make([]*Page, k.n)
	for i := range k.n {
		out[i] = pages[k.page[i]]
	}
	return out
}

// keeper keeps the best relatedKeep candidates offered, best first: more
// shared tags, then lower rank; a candidate goes after every kept one at
// least as good, so equals stay in the order offered.
type keeper struct {
	page, score, rank [relatedKeep]int32
	n                 int
}

func (k *keeper) offer(page, score, rank int32) {
	pos := k.n
	for pos > 0 && (score > k.score[pos-1] || score == k.score[pos-1] && rank < k.rank[pos-1]) {
		pos--
	}
	if pos >= relatedKeep {
		return
	}
	if k.n < relatedKeep {
		k.n++
	}
	copy(k.page[pos+1:k.n], k.page[pos:k.n-1])
	copy(k.score[pos+1:k.n], k.score[pos:k.n-1])
	copy(k.rank[pos+1:k.n], k.rank[pos:k.n-1])
	k.page[pos], k.score[pos], k.rank[pos] = page, score, rank
}

func (s *Site) buildAliases() []*diag.Problem {
	var probs []*diag.Problem
	for _, p := range s.AllPages {
		for _, a := range p.Aliases {
			clean, err := CleanURLPath(a)
			if err != nil {
				probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %v", err))
				continue
			}
			clean = s.withLang(clean)
			out := strings.TrimPrefix(clean, "/")
			if strings.HasSuffix(clean, "/") {
				out += "index.html"
			}
			if other := s.byURL[strings.ToLower(clean)]; other != nil {
				probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s đã là địa chỉ của %s (alias collides with a page)", clean, other.name()))
				continue
			}
			if prev, ok := s.Aliases[out]; ok && prev != p {
				probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s cũng là bí danh của %s (duplicate alias)", clean, prev.name()))
				continue
			}
			s.Aliases[out] = p
		}
	}
	return probs
}

func (s *Site) buildMenus() []*diag.Problem {
	var probs []*diag.Problem
	names := make([]string, 0, len(s.Config.Menus))
	for n := range s.Config.Menus {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		var entries []*MenuEntry
		byID := map[string]*MenuEntry{}
		for _, e := range s.Config.Menus[name] {
			m := &MenuEntry{Name: e.Name, Weight: e.Weight, Identifier: e.Identifier}
			switch {
			case e.Page != "":
				p := s.pageFile(strings.TrimPrefix(e.Page, "content/"))
				if p == nil && s.failed[strings.TrimPrefix(e.Page, "content/")] {
					continue // the page's own error is reported
				}
				if p == nil {
					probs = append(probs, diag.Errorf(config.FileName, e.Line, "menus.%s: mục %q trỏ tới trang %q không tồn tại (menu page not found)", name, e.Name, e.Page))
					continue
				}
				m.Page, m.URL = p, p.RelPermalink
				if m.Name == "" {
					m.Name = p.Title
				}
			case e.URL != "":
				if hasScheme(e.URL) || strings.HasPrefix(e.URL, "//") {
					m.URL = e.URL
				} else {
					// Written as a link would be: "/ve-papi", "ve-papi/",
					// a static file or the tag list all count.
					p, frag, _ := strings.Cut(e.URL, "#")
					if !strings.HasPrefix(p, "/") {
						p = "/" + p
					}
					page, out, ok := s.lookupOutput(p)
					if !ok {
						probs = append(probs, diag.Errorf(config.FileName, e.Line, "menus.%s: mục %q trỏ tới %q, không có trang nào ở địa chỉ này (menu URL not found)", name, e.Name, e.URL))
						continue
					}
					if page != nil {
						m.Page, m.URL = page, page.RelPermalink
					} else {
						m.URL = s.RelURL(prettyOut(out))
					}
					if frag != "" {
						m.URL += "#" + frag
					}
				}
			default:
				probs = append(probs, diag.Errorf(config.FileName, e.Line, "menus.%s: mục %q cần 'url' hoặc 'page'", name, e.Name))
				continue
			}
			if m.Identifier == "" {
				m.Identifier = textutil.Slugify(m.Name)
			}
			byID[m.Identifier] = m
			if e.Parent != "" {
				continue
			}
			entries = append(entries, m)
		}
		for _, e := range s.Config.Menus[name] {
			if e.Parent == "" {
				continue
			}
			id := e.Identifier
			if id == "" {
				id = textutil.Slugify(e.Name)
			}
			parent, child := byID[e.Parent], byID[id]
			if parent == nil || child == nil {
				probs = append(probs, diag.Errorf(config.FileName, e.Line, "menus.%s: mục cha %q của %q không tồn tại", name, e.Parent, e.Name))
				continue
			}
			parent.Children = append(parent.Children, child)
		}
		sortMenu(entries)
		s.Menus[name] = entries
	}
	return probs
}

func sortMenu(es []*MenuEntry) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Weight != es[j].Weight {
			return es[i].Weight < es[j].Weight
		}
		return textutil.Fold(es[i].Name) < textutil.Fold(es[j].Name)
	})
	for _, e := range es {
		sortMenu(e.Children)
	}
}

// reserve records the output paths the build writes besides pages.
func (s *Site) reserve() {
	for _, p := range []string{"index.xml", "tags/index.html"} {
		s.Reserved[s.LangPrefix+p] = true
	}
	if s.LangPrefix == "" {
		for _, p := range []string{"404.html", "sitemap.xml", "robots.txt"} {
			s.Reserved[p] = true
		}
	}
	for _, t := range s.Taxonomies["tags"] {
		s.Reserved[strings.TrimPrefix(t.URL, "/")+"index.html"] = true
	}
	for _, p := range s.AllPages {
		if p.Kind == KindSection {
			s.Reserved[strings.TrimPrefix(p.URL, "/")+"index.xml"] = true
		}
	}
}

// manifestName is the build's list of the files it wrote
// (output.ManifestName): no page or file may take its place.
const manifestName = ".portal-manifest"

// IsReserved reports whether the build writes out (any case) itself, or
// a file in out's place (a page at /sitemap.xml/ needs a folder where the
// sitemap goes): the feeds, tag pages, 404 page, sitemap and robots.txt
// recorded by reserve, the manifest, and the search index's files.
func (s *Site) IsReserved(out string) bool {
	low := strings.ToLower(out)
	lp := strings.ToLower(s.LangPrefix)
	for p := low; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if s.Reserved[p] || p == manifestName || p == lp+"search/manifest.json" ||
			strings.HasPrefix(p, lp+"search/search.") && strings.HasSuffix(p, ".js") {
			return true
		}
	}
	for _, dir := range []string{"search/s/", "search/docs/", "search/offline/"} {
		if strings.HasPrefix(low, lp+dir) {
			return true
		}
	}
	return false
}

func (s *Site) checkOutputCollisions() []*diag.Problem {
	var probs []*diag.Problem
	// Two pages with different addresses can still write one file
	// ("/x/" and "/x/index.html"); whichever came last would win.
	pages := map[string]*Page{}
	for _, p := range s.AllPages {
		if p.URL == "" {
			continue
		}
		key := strings.ToLower(p.OutputPath())
		if other := pages[key]; other != nil && !strings.EqualFold(other.URL, p.URL) {
			here, there := p, other
			if _, set := p.addressLine(); !set {
				if _, otherSet := other.addressLine(); otherSet {
					here, there = other, p
				}
			}
			line, _ := here.addressLine()
			probs = append(probs, diag.Errorf(here.name(), line, "trang này và %s cùng được ghi ra tệp %s; hãy đổi 'url' hoặc 'slug' của một trang (two pages write one file)", there.name(), p.OutputPath()))
			continue
		}
		if pages[key] == nil {
			pages[key] = p
		}
	}
	for out, src := range s.Statics {
		if p := pages[strings.ToLower(out)]; p != nil {
			probs = append(probs, diag.Errorf(src, 0, "tệp tĩnh này ghi đè trang %s (%s) (static file collides with a page)", p.name(), out))
		}
		// Two writers of one output path would leave whichever came last,
		// silently: a static robots.txt or sitemap.xml, or a static file
		// beside a bundle's file of the same name.
		if s.IsReserved(out) {
			probs = append(probs, diag.Errorf(src, 0, "tệp tĩnh này trùng với tệp %s do portal tự tạo; hãy xoá hoặc đổi tên nó (static file collides with a generated file)", out))
		}
		if f, ok := s.Resources[out]; ok {
			probs = append(probs, diag.Errorf(src, 0, "tệp tĩnh này và %s cùng được đưa ra %s (static file collides with a content file)", f.Name(), out))
		}
		if p, ok := s.Aliases[out]; ok {
			probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s trùng với tệp tĩnh %s (alias collides with a static file)", out, src))
		}
	}
	for out, f := range s.Resources {
		if p := pages[strings.ToLower(out)]; p != nil {
			probs = append(probs, diag.Errorf(f.Name(), 0, "tệp này ghi đè trang %s (%s) (file collides with a page)", p.name(), out))
		}
		if s.IsReserved(out) {
			probs = append(probs, diag.Errorf(f.Name(), 0, "tệp này trùng với tệp %s do portal tự tạo; hãy xoá hoặc đổi tên nó (file collides with a generated file)", out))
		}
	}
	for out, p := range s.Aliases {
		if s.IsReserved(out) {
			probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s là tệp do hệ thống tạo (alias collides with a generated file)", out))
		} else if other := pages[strings.ToLower(out)]; other != nil {
			probs = append(probs, diag.Errorf(p.name(), p.line("aliases"), "aliases: %s sẽ ghi đè trang %s (alias collides with a page)", out, other.name()))
		}
	}
	for _, p := range s.AllPages {
		if p.URL != "" && s.IsReserved(p.OutputPath()) {
			probs = append(probs, diag.Errorf(p.name(), p.line("url"), "địa chỉ %s trùng với tệp do hệ thống tạo (URL collides with a generated file)", p.URL))
		}
	}
	return probs
}

// CheckAcrossLanguages reports output files claimed by two languages: a
// Vietnamese page or alias at /en/… would overwrite, or be overwritten
// by, the English site. Each site checks its own files in New.
func CheckAcrossLanguages(sites []*Site) []*diag.Problem {
	type claim struct {
		site       int
		file, what string
		line       int
	}
	var probs []*diag.Problem
	claims := map[string]claim{}
	add := func(i int, out string, c claim) {
		c.site = i
		key := strings.ToLower(out)
		if prev, ok := claims[key]; ok && prev.site != i {
			probs = append(probs, diag.Errorf(c.file, c.line, "%s ghi ra tệp %s, trùng với %s của ngôn ngữ %s (output collides across languages)", c.what, out, prev.file, sites[prev.site].Lang))
			return
		}
		claims[key] = c
		for j, o := range sites {
			if j != i && o.IsReserved(out) {
				probs = append(probs, diag.Errorf(c.file, c.line, "%s ghi ra tệp %s, là tệp do portal tạo cho ngôn ngữ %s (output collides across languages)", c.what, out, o.Lang))
				return
			}
		}
	}
	// Addresses that follow from file names are claimed first, so the
	// blame falls on the url, slug or alias an editor wrote.
	for _, explicit := range []bool{false, true} {
		for i, s := range sites {
			for _, p := range s.AllPages {
				if line, set := p.addressLine(); p.URL != "" && set == explicit {
					add(i, p.OutputPath(), claim{file: p.name(), line: line, what: "trang " + p.URL})
				}
			}
			if !explicit {
				for _, out := range sortedKeys(s.Resources) {
					add(i, out, claim{file: s.Resources[out].Name(), what: "tệp"})
				}
				continue
			}
			for _, out := range sortedKeys(s.Aliases) {
				p := s.Aliases[out]
				add(i, out, claim{file: p.name(), line: p.line("aliases"), what: "bí danh (aliases)"})
			}
		}
	}
	return probs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// SortPages orders pages the site's way: by weight (pages without one
// last), then newest first, then by title as a Vietnamese reader sorts.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool { return pageLess(ps[i], ps[j]) })
}

func pageLess(a, b *Page) bool {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		return wa != 0
	}
	if wa != wb {
		return wa < wb
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	fa, fb := a.titleKey(), b.titleKey()
	if fa != fb {
		return fa < fb
	}
	return a.File < b.File
}

func humanize(dir string) string {
	s := strings.ReplaceAll(strings.ReplaceAll(dir, "-", " "), "_", " ")
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// titleKey is the folded title pages sort by, computed once: folding is
// not free and sorting asks for it O(n log n) times.
func (p *Page) titleKey() string {
	if p.foldedTitle == "" {
		return textutil.Fold(p.Title) // generated pages; never cached, so no data race
	}
	return p.foldedTitle
}

package output

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"portal/internal/diag"
	"portal/internal/site"
)

// Where the writers put what is not a page. The registry below reserves
// the same names, so no page, alias or file can take their place.
const (
	// SitemapPath is the sitemap, written once for every language; past
	// MaxSitemapURLs, the index of its parts (SitemapPartPath).
	SitemapPath = "sitemap.xml"
	// RobotsPath is robots.txt, written once.
	RobotsPath = "robots.txt"
)

// SitemapPartPath is where part i (from 1) of a sitemap too long for one
// file is written, beside the sitemap index at SitemapPath.
func SitemapPartPath(i int) string { return "sitemap-" + strconv.Itoa(i) + ".xml" }

// isSitemapPart reports a path SitemapPartPath makes, in any case.
func isSitemapPart(low string) bool {
	n, ok := strings.CutPrefix(low, "sitemap-")
	if !ok {
		return false
	}
	n, ok = strings.CutSuffix(n, ".xml")
	if !ok || n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}

// FeedPath is where the RSS feed of a list page (home or section) is
// written: index.xml in its folder.
func FeedPath(list *site.Page) string { return strings.TrimPrefix(list.URL, "/") + "index.xml" }

// Paths is the registry of the output paths a site's build writes itself,
// besides its content pages and files: the feeds, the tag pages, the 404
// page, the sitemap, robots.txt (the default language's), the manifest and
// the search index. Links and menus may point at them; no page, alias or
// file may take their place.
type Paths struct {
	langPrefix string
	files      map[string]bool
}

// PathsOf reserves the paths site s's build writes besides its pages.
func PathsOf(s *site.Site) *Paths {
	r := &Paths{langPrefix: s.LangPrefix, files: map[string]bool{}}
	r.files[FeedPath(s.Home)] = true
	for _, p := range s.AllPages {
		if p.Kind == site.KindSection {
			r.files[FeedPath(p)] = true
		}
	}
	for _, p := range s.TaxonomyPages() {
		r.files[p.OutputPath()] = true
	}
	if p := s.NotFoundPage(); p != nil {
		r.files[p.OutputPath()] = true
	}
	if s.LangPrefix == "" {
		r.files[SitemapPath] = true
		r.files[RobotsPath] = true
	}
	return r
}

// Generated makes site.Options.Generated: whether the build of site s
// writes output path out itself.
func Generated(s *site.Site) func(out string) bool { return PathsOf(s).Generated }

// Generated reports whether the build writes out itself, as a link or a
// menu names it: a feed, a tag page, the 404 page, the sitemap, robots.txt
// or anything under the search index's folder.
func (r *Paths) Generated(out string) bool {
	return r.files[out] || strings.HasPrefix(out, "search/") || (r.langPrefix != "" && strings.HasPrefix(out, r.langPrefix+"search/"))
}

// Reserved reports whether the build writes out (any case) itself, or a
// file in out's place (a page at /sitemap.xml/ needs a folder where the
// sitemap goes): the paths PathsOf lists, the manifest, the parts of a
// sitemap split in several files (however many pages the site has: one
// more page may split it), and the search index's files (see package
// search).
func (r *Paths) Reserved(out string) bool {
	low := strings.ToLower(out)
	lp := strings.ToLower(r.langPrefix)
	for p := low; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if r.files[p] || p == ManifestName || p == lp+"search/manifest.json" ||
			r.langPrefix == "" && isSitemapPart(p) ||
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

// Check reports the output files of site s that two writers would write,
// whichever came last winning silently: two pages, a static file and a
// page, a generated file or a content file, an alias and a generated
// file or a page, a page and a generated file.
func (r *Paths) Check(s *site.Site) []*diag.Problem {
	var probs []*diag.Problem
	// Two pages with different addresses can still write one file
	// ("/x/" and "/x/index.html"); whichever came last would win.
	pages := map[string]*site.Page{}
	for _, p := range s.AllPages {
		if p.URL == "" {
			continue
		}
		key := strings.ToLower(p.OutputPath())
		if other := pages[key]; other != nil && !strings.EqualFold(other.URL, p.URL) {
			here, there := p, other
			if _, set := site.AddressLine(p); !set {
				if _, otherSet := site.AddressLine(other); otherSet {
					here, there = other, p
				}
			}
			line, _ := site.AddressLine(here)
			probs = append(probs, diag.Errorf(here.SourceName(), line, "trang này và %s cùng được ghi ra tệp %s; hãy đổi 'url' hoặc 'slug' của một trang (two pages write one file)", there.SourceName(), p.OutputPath()))
			continue
		}
		if pages[key] == nil {
			pages[key] = p
		}
	}
	for out, src := range s.Statics {
		if p := pages[strings.ToLower(out)]; p != nil {
			probs = append(probs, diag.Errorf(src, 0, "tệp tĩnh này ghi đè trang %s (%s) (static file collides with a page)", p.SourceName(), out))
		}
		// Two writers of one output path would leave whichever came last,
		// silently: a static robots.txt or sitemap.xml, or a static file
		// beside a bundle's file of the same name.
		if r.Reserved(out) {
			probs = append(probs, diag.Errorf(src, 0, "tệp tĩnh này trùng với tệp %s do portal tự tạo; hãy xoá hoặc đổi tên nó (static file collides with a generated file)", out))
		}
		if f, ok := s.Resources[out]; ok {
			probs = append(probs, diag.Errorf(src, 0, "tệp tĩnh này và %s cùng được đưa ra %s (static file collides with a content file)", f.Name(), out))
		}
		if p, ok := s.Aliases[out]; ok {
			probs = append(probs, diag.Errorf(p.SourceName(), site.FrontMatterLine(p, "aliases"), "aliases: %s trùng với tệp tĩnh %s (alias collides with a static file)", out, src))
		}
	}
	for out, f := range s.Resources {
		if p := pages[strings.ToLower(out)]; p != nil {
			probs = append(probs, diag.Errorf(f.Name(), 0, "tệp này ghi đè trang %s (%s) (file collides with a page)", p.SourceName(), out))
		}
		if r.Reserved(out) {
			probs = append(probs, diag.Errorf(f.Name(), 0, "tệp này trùng với tệp %s do portal tự tạo; hãy xoá hoặc đổi tên nó (file collides with a generated file)", out))
		}
	}
	for out, p := range s.Aliases {
		if r.Reserved(out) {
			probs = append(probs, diag.Errorf(p.SourceName(), site.FrontMatterLine(p, "aliases"), "aliases: %s là tệp do hệ thống tạo (alias collides with a generated file)", out))
		} else if other := pages[strings.ToLower(out)]; other != nil {
			probs = append(probs, diag.Errorf(p.SourceName(), site.FrontMatterLine(p, "aliases"), "aliases: %s sẽ ghi đè trang %s (alias collides with a page)", out, other.SourceName()))
		}
	}
	for _, p := range s.AllPages {
		if p.URL != "" && r.Reserved(p.OutputPath()) {
			probs = append(probs, diag.Errorf(p.SourceName(), site.FrontMatterLine(p, "url"), "địa chỉ %s trùng với tệp do hệ thống tạo (URL collides with a generated file)", p.URL))
		}
	}
	return append(probs, r.checkFolders(s)...)
}

// writer is who writes one output file, for checkFolders.
type writer struct {
	file string // the source, as messages name it; "" for portal's own files
	line int
	// this starts a message about the writer's own file, other names it
	// in a message about someone else's.
	this, other string
	// explicit: an editor wrote the address (url, slug, alias), rather
	// than it following from a file's name.
	explicit bool
}

// checkFolders reports an output file in the place of a folder another
// output file needs (a page at /_headers/ and the static file _headers;
// a page at /a.html and one at /a.html/b/): whichever was written second
// would fail with "is a directory", naming neither source. Exact clashes
// and files under portal's own are Check's other rules.
func (r *Paths) checkFolders(s *site.Site) []*diag.Problem {
	files := make(map[string]writer, len(s.AllPages)+len(s.Statics)+len(s.Resources)+len(s.Aliases))
	add := func(out string, w writer) {
		key := strings.ToLower(out)
		if _, ok := files[key]; !ok {
			files[key] = w
		}
	}
	for _, p := range s.AllPages {
		if p.URL != "" {
			line, set := site.AddressLine(p)
			add(p.OutputPath(), writer{file: p.SourceName(), line: line, this: "trang này (địa chỉ " + p.URL + ")", other: "trang " + p.SourceName(), explicit: set})
		}
	}
	for out, src := range s.Statics {
		add(out, writer{file: src, this: "tệp tĩnh này", other: "tệp tĩnh " + src})
	}
	for out, f := range s.Resources {
		add(out, writer{file: f.Name(), this: "tệp này", other: "tệp " + f.Name()})
	}
	for out, p := range s.Aliases {
		add(out, writer{file: p.SourceName(), line: site.FrontMatterLine(p, "aliases"), this: "aliases: bí danh /" + strings.TrimSuffix(out, "index.html"), other: "bí danh (aliases) của " + p.SourceName(), explicit: true})
	}
	// Portal's own files need their folders too (a static file named
	// tin-tuc takes the place of the section's feed, tin-tuc/index.xml);
	// they are never in the place of another's folder: Reserved refuses
	// anything under them.
	under := make([]string, 0, len(r.files)+1)
	for out := range r.files {
		under = append(under, out)
	}
	under = append(under, r.langPrefix+"search/manifest.json")
	type clash struct{ in, file string }
	var clashes []clash
	find := func(key string) {
		for d := path.Dir(key); d != "." && d != "/"; d = path.Dir(d) {
			if _, ok := files[d]; ok {
				clashes = append(clashes, clash{key, d})
				return
			}
		}
	}
	for key := range files {
		find(key)
	}
	for _, out := range under {
		if _, ok := files[strings.ToLower(out)]; !ok {
			find(strings.ToLower(out))
		}
	}
	if len(clashes) == 0 {
		return nil
	}
	sort.Slice(clashes, func(i, j int) bool { return clashes[i].in < clashes[j].in })
	var probs []*diag.Problem
	blamed := map[string]bool{}
	for _, c := range clashes {
		in, isPortal := files[c.in]
		f := files[c.file]
		if isPortal && in.explicit {
			// The editor wrote this address: it is the one to change.
			probs = append(probs, diag.Errorf(in.file, in.line, "%s ghi ra %s, cần thư mục %s/, nhưng %s ghi ra một tệp đúng tên đó; hãy đổi địa chỉ (output file and folder collide)", in.this, c.in, c.file, f.other))
			continue
		}
		// The file is the odd one out, once, however many need its place.
		if blamed[c.file] {
			continue
		}
		blamed[c.file] = true
		who := "portal"
		if isPortal {
			who = in.other
		}
		probs = append(probs, diag.Errorf(f.file, f.line, "%s ghi ra tệp %s, nhưng %s cần thư mục cùng tên để ghi %s; hãy đổi tên hoặc địa chỉ (output file and folder collide)", f.this, c.file, who, c.in))
	}
	return probs
}

// CheckLanguages reports output files claimed by two languages (paths[i]
// is sites[i]'s registry): a Vietnamese page or alias at /en/… would
// overwrite, or be overwritten by, the English site. Each site's own files
// are Paths.Check's.
func CheckLanguages(sites []*site.Site, paths []*Paths) []*diag.Problem {
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
			if j != i && paths[j].Reserved(out) {
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
				if line, set := site.AddressLine(p); p.URL != "" && set == explicit {
					add(i, p.OutputPath(), claim{file: p.SourceName(), line: line, what: "trang " + p.URL})
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
				add(i, out, claim{file: p.SourceName(), line: site.FrontMatterLine(p, "aliases"), what: "bí danh (aliases)"})
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

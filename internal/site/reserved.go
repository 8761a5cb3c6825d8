package site

import (
	"path"
	"sort"
	"strings"

	"portal/internal/diag"
)

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

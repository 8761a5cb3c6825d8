package site

import (
	"path"
	"sort"
	"strings"

	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/textutil"
)

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

// titleKey is the folded title pages sort by, computed once: folding is
// not free and sorting asks for it O(n log n) times.
func (p *Page) titleKey() string {
	if p.foldedTitle == "" {
		return textutil.Fold(p.Title) // generated pages; never cached, so no data race
	}
	return p.foldedTitle
}

// sortArchive orders pages no longer in force: the most recently ended
// first, then in site order.
func sortArchive(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		if a, b := ps[i].OutOfForceFrom, ps[j].OutOfForceFrom; !a.Equal(b) {
			return a.After(b)
		}
		return pageLess(ps[i], ps[j])
	})
}

func humanize(dir string) string {
	s := strings.ReplaceAll(strings.ReplaceAll(dir, "-", " "), "_", " ")
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// folders finds the site's page bundles (folders holding index.md, whose
// other files are published beside the page) and its section folders:
// those holding _index.md, and every top-level folder that is not a
// bundle.
func folders(files []*content.File) (bundles, sections map[string]bool) {
	bundles = map[string]bool{}
	sections = map[string]bool{}
	for _, f := range files {
		switch path.Base(f.Path) {
		case "index.md":
			bundles[path.Dir(f.Path)] = true
		case "_index.md":
			if d := path.Dir(f.Path); d != "." {
				sections[d] = true
			}
		}
	}
	// Every top-level folder is a section even without _index.md.
	for _, f := range files {
		if dir := path.Dir(f.Path); dir != "." {
			top := strings.SplitN(dir, "/", 2)[0]
			if !bundles[top] {
				sections[top] = true
			}
		}
	}
	return bundles, sections
}

// addSections gives each section folder without a published _index.md a
// page titled by the folder, and returns the section folders shallow
// first, so that parents come before their sub-sections.
func (s *Site) addSections(sections map[string]*Page, sectionDirs map[string]bool) []string {
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
		sections[d] = &Page{Kind: KindSection, Title: humanize(path.Base(d)), File: "", Params: map[string]any{}, Site: s, Lang: s.Config.LanguageCode, InSearch: false, syntheticDir: d}
	}
	sort.Slice(dirs, func(i, j int) bool {
		di, dj := strings.Count(dirs[i], "/"), strings.Count(dirs[j], "/")
		if di != dj {
			return di < dj
		}
		return dirs[i] < dirs[j]
	})
	return dirs
}

// place gives each section (dirs shallow first) and regular page its
// parent section, top-level section and URL.
func (s *Site) place(sections map[string]*Page, dirs []string, regular []*Page) []*diag.Problem {
	var probs []*diag.Problem
	sectionOf := func(dir string) *Page {
		for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			if sp, ok := sections[d]; ok {
				return sp
			}
		}
		return s.Home
	}
	for _, d := range dirs {
		sp := sections[d]
		sp.Parent = sectionOf(path.Dir(d))
		sp.Section = strings.SplitN(d, "/", 2)[0]
		probs = append(probs, s.setURL(sp, d)...)
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
		probs = append(probs, s.setURL(p, "")...)
	}
	return probs
}

// linkTree lists each section's pages and sub-sections in site order, and
// gives every page its neighbours and breadcrumbs.
func linkTree(all []*Page, sections map[string]*Page, dirs []string, regular []*Page) {
	for _, p := range regular {
		if p.InForce() {
			p.Parent.Pages = append(p.Parent.Pages, p)
		} else {
			p.Parent.Archive = append(p.Parent.Archive, p)
		}
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
		sortArchive(p.Archive)
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
}

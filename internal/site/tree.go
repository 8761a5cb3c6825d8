package site

import (
	"sort"
	"strings"

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

func humanize(dir string) string {
	s := strings.ReplaceAll(strings.ReplaceAll(dir, "-", " "), "_", " ")
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

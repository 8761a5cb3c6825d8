package site

import "testing"

func TestOrderPrevNextBreadcrumbs(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/_index.md":             "",
		"content/tin/_index.md":         "",
		"content/tin/b.md":              "date: 2024-01-01\n",
		"content/tin/c.md":              "date: 2024-03-01\n",
		"content/tin/nang.md":           "weight: 2\n",
		"content/tin/nhe.md":            "weight: 1\n",
		"content/tin/Ánh.md":            "date: 2024-03-01\n",
		"content/tin/con/_index.md":     "",
		"content/tin/con/sau/x.md":      "",
		"content/tin/con/sau/_index.md": "",
	}, Options{})
	sec := s.PageByURL("/tin/")
	if got := urls(sec.Pages); got != "/tin/nhe/ /tin/nang/ /tin/anh/ /tin/c/ /tin/b/" {
		t.Errorf("order = %s", got)
	}
	nhe, anh, b := s.PageByURL("/tin/nhe/"), s.PageByURL("/tin/anh/"), s.PageByURL("/tin/b/")
	if nhe.Prev != nil || nhe.Next != s.PageByURL("/tin/nang/") || anh.Prev != s.PageByURL("/tin/nang/") || anh.Next != s.PageByURL("/tin/c/") || b.Next != nil {
		t.Errorf("prev/next wrong: nhe %v→%v, anh %v→%v, b next %v", nhe.Prev, nhe.Next, anh.Prev, anh.Next, b.Next)
	}
	x := s.PageByURL("/tin/con/sau/x/")
	if got := urls(x.Breadcrumbs); got != "/ /tin/ /tin/con/ /tin/con/sau/" {
		t.Errorf("breadcrumbs = %s", got)
	}
	if len(s.Home.Breadcrumbs) != 0 {
		t.Errorf("home breadcrumbs = %s", urls(s.Home.Breadcrumbs))
	}
	if got := urls(sec.Sections); got != "/tin/con/" {
		t.Errorf("sub-sections = %s", got)
	}
	if got := urls(x.Ancestors()); got != "/tin/con/sau/ /tin/con/ /tin/ /" {
		t.Errorf("ancestors = %s", got)
	}
}

package site

import (
	"sort"
	"strings"

	"portal/internal/config"
	"portal/internal/diag"
	"portal/internal/textutil"
)

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

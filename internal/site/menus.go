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
					probs = append(probs, diag.Errorf(config.FileName, e.LineOf("page"), "menus.%s: mục %q trỏ tới trang %q không tồn tại (menu page not found)", name, e.Name, e.Page))
					continue
				}
				m.Page, m.URL = p, p.RelPermalink
				if m.Name == "" {
					m.Name = p.Title
				}
			case e.URL != "":
				if u, r := textutil.StripBidi(e.URL); r != 0 {
					probs = append(probs, diag.Warnf(config.FileName, e.LineOf("url"), "menus.%s: địa chỉ của mục %q có ký tự đảo chiều văn bản vô hình U+%04X, làm địa chỉ hiện ra khác với thực tế; ký tự này đã được bỏ, hãy xoá nó (bidi control character removed)", name, e.Name, r))
					e.URL = u
				}
				if hasScheme(e.URL) || strings.HasPrefix(e.URL, "//") {
					if scheme, ok := SafeURL(e.URL); !ok {
						probs = append(probs, unsafeMenuURL(name, e, scheme))
						continue
					}
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
						probs = append(probs, diag.Errorf(config.FileName, e.LineOf("url"), "menus.%s: mục %q trỏ tới %q, không có trang nào ở địa chỉ này (menu URL not found)", name, e.Name, e.URL))
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
				probs = append(probs, diag.Errorf(config.FileName, e.LineOf("parent"), "menus.%s: mục cha %q của %q không tồn tại", name, e.Parent, e.Name))
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

// safeSchemes are the schemes a link made from data (a menu entry, a
// front matter or data value a layout passes to relURL or absURL) may use
// besides the site's own paths: other sites, e-mail and telephone.
// Anything else is refused rather than left to the template, which would
// publish "#ZgotmplZ" for javascript: without a word, or, for a value it
// is told to trust, the script itself.
var safeSchemes = map[string]bool{"": true, "http": true, "https": true, "mailto": true, "tel": true}

// SafeURL reports whether u may be published as a link made from data, and
// the scheme it read ("" for a path, "//host/" or "#part").
func SafeURL(u string) (scheme string, ok bool) {
	if !hasScheme(u) {
		return "", true
	}
	scheme = menuScheme(u)
	return scheme, safeSchemes[scheme]
}

// menuScheme is the scheme of u as a browser reads it: case, and the tabs,
// newlines and spaces browsers skip, do not count. "" for "//host/".
func menuScheme(u string) string {
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.HasPrefix(strings.TrimSpace(u), "//") {
		return ""
	}
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, scheme))
}

// unsafeMenuURL is the error for a menu entry whose URL has a scheme a
// menu cannot use.
func unsafeMenuURL(menu string, e config.MenuEntry, scheme string) *diag.Problem {
	shown := e.URL
	if r := []rune(shown); len(r) > 60 {
		shown = string(r[:60]) + "…"
	}
	why := "chỉ dùng được địa chỉ http:, https:, mailto: hoặc tel:"
	if scheme == "javascript" || scheme == "vbscript" || scheme == "data" {
		why = "địa chỉ " + scheme + ": chạy mã hoặc mở nội dung lạ trong trình duyệt của người đọc, không được dùng trong trình đơn"
	}
	return diag.Errorf(config.FileName, e.LineOf("url"), "menus.%s: mục %q trỏ tới %q: %s (unsafe menu URL)", menu, e.Name, shown, why)
}

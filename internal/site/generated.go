package site

import (
	"strings"

	"portal/internal/config"
)

// TaxonomyPages returns the tag list page and one page per tag.
func (s *Site) TaxonomyPages() []*Page { return s.taxonomyPages }

// NotFoundPage is the page written as 404.html, by the default language;
// a translation has none.
func (s *Site) NotFoundPage() *Page { return s.Page404 }

// makeTaxonomyPages makes the tag list page and one page per tag, once the
// tags are known.
func (s *Site) makeTaxonomyPages() {
	title := "Thẻ"
	if !strings.HasPrefix(s.LanguageCode, "vi") {
		title = "Tags"
	}
	u := "/" + s.LangPrefix + "tags/"
	s.TagsPage = &Page{Kind: KindTaxonomy, Title: title, URL: u, Section: "tags", Params: map[string]any{}, Site: s, Lang: s.LanguageCode, Parent: s.Home}
	s.TagsPage.RelPermalink = s.RelURL(u)
	s.TagsPage.Permalink = s.AbsURL(u)
	s.TagsPage.Breadcrumbs = []*Page{s.Home}
	s.TagsPage.Lastmod = s.LastUpdated()
	s.taxonomyPages = []*Page{s.TagsPage}
	for _, t := range s.Taxonomies["tags"] {
		p := &Page{Kind: KindTerm, Title: t.Name, URL: t.URL, RelPermalink: t.RelPermalink, Permalink: s.AbsURL(t.URL),
			Section: "tags", Params: map[string]any{}, Site: s, Lang: s.LanguageCode, Parent: s.TagsPage,
			Pages: t.Pages, Breadcrumbs: []*Page{s.Home, s.TagsPage}}
		for _, q := range t.Pages {
			if q.Lastmod.After(p.Lastmod) {
				p.Lastmod = q.Lastmod
			}
		}
		t.Page = p
		s.taxonomyPages = append(s.taxonomyPages, p)
	}
}

// makeNotFoundPage makes the page written as 404.html: the default
// language's site (no prefix) writes it.
func (s *Site) makeNotFoundPage() {
	if s.LangPrefix != "" {
		return
	}
	s.Page404 = &Page{Kind: Kind404, Title: "Không tìm thấy trang", URL: "/404.html", Params: map[string]any{}, Site: s, Lang: s.LanguageCode,
		Breadcrumbs: []*Page{s.Home}}
	s.Page404.RelPermalink = s.RelURL("/404.html")
	s.Page404.Permalink = s.AbsURL("/404.html")
}

// LinkTranslations pairs pages across languages: by translationKey when
// set, else by the same path under each language's content folder. It
// also gives every site the list of languages with their home pages.
func LinkTranslations(sites []*Site) {
	var langs []*Language
	// Names come from the default language's configuration (the first
	// site): a language's own configuration sees itself as the default and
	// would not know its site.yaml name.
	var all []config.LanguageInfo
	if len(sites) > 0 {
		all = sites[0].Config.AllLanguages()
	}
	for _, s := range sites {
		name := s.Lang
		for _, l := range all {
			if l.Code == s.Lang {
				name = l.Name
			}
		}
		langs = append(langs, &Language{Code: s.Lang, Name: name, Home: s.Home})
	}
	groups := map[string][]*Page{}
	var keys []string
	for _, s := range sites {
		s.Languages = langs
		// The tag list has no file; each language has one.
		pages := append(append([]*Page(nil), s.AllPages...), s.TaxonomyPages()[0])
		for _, p := range pages {
			key := p.File
			if p.src != nil && p.src.FM != nil && p.src.FM.TranslationKey != "" {
				key = "key:" + p.src.FM.TranslationKey
			}
			switch {
			case p.IsHome():
				key = "home"
			case p.Kind == KindTaxonomy:
				key = "tags"
			case key == "" && p.Kind == KindSection:
				// A section made from a folder without _index.md pairs
				// with the same folder in the other language.
				key = "dir:" + strings.TrimPrefix(strings.TrimPrefix(p.URL, "/"), s.LangPrefix)
			}
			if key == "" {
				continue
			}
			if _, ok := groups[key]; !ok {
				keys = append(keys, key)
			}
			groups[key] = append(groups[key], p)
		}
	}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		for _, p := range g {
			p.Translations = nil
			for _, q := range g {
				if q != p && q.Lang != p.Lang {
					p.Translations = append(p.Translations, q)
				}
			}
		}
	}
}

package site

import (
	"testing"

	"portal/internal/config"
)

// The pages without a file (the tag list, each tag's page, 404.html) are
// made by New: the graph is whole once assembled, and asking for them
// again returns the same pages.
func TestGeneratedPagesMadeByNew(t *testing.T) {
	s := mustSite(t, "", map[string]string{
		"content/tin/a.md": "date: 2024-03-01\ntags: [PAPI, Hưng Yên]\n",
		"content/tin/b.md": "date: 2024-05-01\ntags: [PAPI]\n",
	}, Options{})
	tp := s.TaxonomyPages()
	if len(tp) != 3 || tp[0] != s.TagsPage || tp[0].URL != "/tags/" || tp[0].Title != "Thẻ" {
		t.Fatalf("taxonomy pages = %s", urls(tp))
	}
	if got := urls(tp[1:]); got != "/tags/hung-yen/ /tags/papi/" {
		t.Errorf("tag pages = %s", got)
	}
	for _, term := range s.Taxonomies["tags"] {
		if term.Page == nil || term.Page.URL != term.URL || term.Page.Parent != s.TagsPage {
			t.Errorf("term %s: page %+v", term.Name, term.Page)
		}
	}
	if papi := s.Taxonomies["tags"][1].Page; !papi.Lastmod.Equal(s.PageByFile("tin/b.md").Lastmod) {
		t.Errorf("tag page lastmod = %v, want its newest page's", papi.Lastmod)
	}
	if again := s.TaxonomyPages(); &again[0] != &tp[0] {
		t.Error("TaxonomyPages made the pages again")
	}
	nf := s.NotFoundPage()
	if nf == nil || nf != s.Page404 || nf.URL != "/404.html" || nf.RelPermalink != "/papi/404.html" || s.NotFoundPage() != nf {
		t.Errorf("404 page = %+v", nf)
	}

	en := mustSite(t, "", map[string]string{"content/en/a.md": ""}, Options{Lang: config.LanguageInfo{Code: "en", Prefix: "en/"}})
	if en.NotFoundPage() != nil {
		t.Error("a translation has a 404 page of its own")
	}
	if en.TagsPage == nil || en.TagsPage.URL != "/en/tags/" {
		t.Errorf("translation's tag list = %+v", en.TagsPage)
	}
}

package site

import (
	"sort"

	"portal/internal/textutil"
)

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
		// Pages no longer in force come after those in force: a reader
		// browsing a topic meets the current ones first.
		sort.SliceStable(t.Pages, func(i, j int) bool { return t.Pages[i].InForce() && !t.Pages[j].InForce() })
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

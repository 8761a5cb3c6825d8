package output

import (
	"encoding/xml"

	"portal/internal/site"
)

type urlset struct {
	XMLName xml.Name   `xml:"urlset"`
	NS      string     `xml:"xmlns,attr"`
	URLs    []sitemapU `xml:"url"`
}

type sitemapU struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Sitemap writes sitemap.xml, listing the pages of every language.
func (e *Emitter) Sitemap(sites []*site.Site) { e.Write(SitemapPath, sitemap(sites)) }

// sitemap lists every page of every language that did not opt out with
// "sitemap: false", tag pages included.
func sitemap(sites []*site.Site) []byte {
	us := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	var all []*site.Page
	for _, s := range sites {
		all = append(all, s.AllPages...)
		// The tag list and each tag's page are pages a reader can land
		// on from a search engine, as the sections are.
		all = append(all, s.TaxonomyPages()...)
	}
	for _, p := range all {
		if p.URL == "" || p.Params["sitemap"] == false {
			continue
		}
		u := sitemapU{Loc: uriOf(p.Permalink)}
		if !p.Lastmod.IsZero() {
			u.Lastmod = p.Lastmod.Format("2006-01-02")
		}
		us.URLs = append(us.URLs, u)
	}
	return marshalXML(us)
}

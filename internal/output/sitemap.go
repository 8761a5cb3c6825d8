package output

import (
	"encoding/xml"

	"portal/internal/site"
)

// MaxSitemapURLs is the most URLs one sitemap file may list (the sitemap
// protocol's limit; search engines ignore the rest of a longer file).
const MaxSitemapURLs = 50000

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type urlset struct {
	XMLName xml.Name   `xml:"urlset"`
	NS      string     `xml:"xmlns,attr"`
	URLs    []sitemapU `xml:"url"`
}

type sitemapU struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name   `xml:"sitemapindex"`
	NS       string     `xml:"xmlns,attr"`
	Sitemaps []sitemapU `xml:"sitemap"`
}

// outFile is one file a writer makes: its output path and its bytes.
type outFile struct {
	path string
	data []byte
}

// Sitemap writes sitemap.xml, listing the pages of every language; past
// MaxSitemapURLs it is an index of sitemap-1.xml, sitemap-2.xml… The
// offline copy has them as the site has.
func (e *Emitter) Sitemap(sites []*site.Site) {
	for _, f := range sitemapFiles(sitemapURLs(sites), e.sitemapLimit, sites[0].AbsURL) {
		e.Write(f.path, f.data)
	}
}

// sitemapURLs lists every page of every language that did not opt out
// with "sitemap: false", tag pages included.
func sitemapURLs(sites []*site.Site) []sitemapU {
	var all []*site.Page
	for _, s := range sites {
		all = append(all, s.AllPages...)
		// The tag list and each tag's page are pages a reader can land
		// on from a search engine, as the sections are.
		all = append(all, s.TaxonomyPages()...)
	}
	urls := make([]sitemapU, 0, len(all))
	for _, p := range all {
		if p.URL == "" || p.Params["sitemap"] == false {
			continue
		}
		u := sitemapU{Loc: uriOf(p.Permalink)}
		if !p.Lastmod.IsZero() {
			u.Lastmod = p.Lastmod.Format("2006-01-02")
		}
		urls = append(urls, u)
	}
	return urls
}

// sitemapFiles is sitemap.xml listing urls when they are no more than
// limit; otherwise sitemap.xml is a sitemap index naming, by their
// absolute URL (absURL of the site path), the files SitemapPartPath(1),
// SitemapPartPath(2)… that list at most limit URLs each. robots.txt names
// sitemap.xml either way.
func sitemapFiles(urls []sitemapU, limit int, absURL func(string) string) []outFile {
	if len(urls) <= limit {
		return []outFile{{SitemapPath, marshalXML(urlset{NS: sitemapNS, URLs: urls})}}
	}
	index := sitemapIndex{NS: sitemapNS}
	var files []outFile
	for i := 0; i < len(urls); i += limit {
		part := urls[i:min(i+limit, len(urls))]
		rel := SitemapPartPath(len(files) + 1)
		files = append(files, outFile{rel, marshalXML(urlset{NS: sitemapNS, URLs: part})})
		// The part's lastmod is its newest page's, so a crawler reads
		// again only the parts that changed.
		last := ""
		for _, u := range part {
			last = max(last, u.Lastmod)
		}
		index.Sitemaps = append(index.Sitemaps, sitemapU{Loc: uriOf(absURL("/" + rel)), Lastmod: last})
	}
	return append([]outFile{{SitemapPath, marshalXML(index)}}, files...)
}

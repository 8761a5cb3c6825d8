package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"

	"portal/internal/render"
	"portal/internal/site"
)

// aliasPage redirects an old address to p, with a canonical link so search
// engines keep one address, and a visible link for readers without
// automatic redirects.
func aliasPage(p *site.Page) []byte {
	u := template.HTMLEscapeString(p.Permalink)
	rel := template.HTMLEscapeString(p.RelPermalink)
	title := template.HTMLEscapeString(p.Title)
	// The one sentence a reader may see, in the page's language.
	moved := "Trang đã chuyển tới"
	if !strings.HasPrefix(strings.ToLower(p.Site.LanguageCode), "vi") {
		moved = "This page has moved to"
	}
	return []byte(fmt.Sprintf(`<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title><link rel="canonical" href="%s"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=%s"></head><body><p>%s <a href="%s">%s</a>.</p></body></html>`,
		template.HTMLEscapeString(p.Site.LanguageCode), title, u, rel, moved, rel, title))
}

type urlset struct {
	XMLName xml.Name   `xml:"urlset"`
	NS      string     `xml:"xmlns,attr"`
	URLs    []sitemapU `xml:"url"`
}

type sitemapU struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

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

func robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("/sitemap.xml") + "\n")
}

type rss struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Atom    string   `xml:"xmlns:atom,attr"`
	Channel channel  `xml:"channel"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type channel struct {
	Title         string   `xml:"title"`
	Link          string   `xml:"link"`
	Description   string   `xml:"description"`
	Language      string   `xml:"language"`
	LastBuildDate string   `xml:"lastBuildDate,omitempty"`
	AtomLink      atomLink `xml:"atom:link"`
	Items         []item   `xml:"item"`
}

type item struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate,omitempty"`
	Description string `xml:"description"`
}

// FeedLimit is the number of items in each RSS feed.
const FeedLimit = 50

// feed writes RSS 2.0 for a list page: newest first by date, then lastmod.
func feed(s *site.Site, views *render.Views, list *site.Page, pages []*site.Page) []byte {
	ps := append([]*site.Page(nil), pages...)
	sortByDateDesc(ps)
	if len(ps) > FeedLimit {
		ps = ps[:FeedLimit]
	}
	desc := list.Description
	if desc == "" {
		desc = s.Title
	}
	title := list.Title
	if list.IsHome() {
		title = s.Title
	}
	ch := channel{Title: title, Link: uriOf(list.Permalink), Description: desc, Language: s.LanguageCode,
		AtomLink: atomLink{Href: uriOf(s.AbsURL(list.URL + "index.xml")), Rel: "self", Type: "application/rss+xml"}}
	var newest time.Time
	for _, p := range ps {
		// An item's description is HTML: the summary, escaped.
		it := item{Title: p.Title, Link: uriOf(p.Permalink), GUID: uriOf(p.Permalink), Description: template.HTMLEscapeString(views.Page(p).Summary())}
		d := p.Date
		if d.IsZero() {
			d = p.Lastmod
		}
		if !d.IsZero() {
			it.PubDate = d.Format(time.RFC1123Z)
			if d.After(newest) {
				newest = d
			}
		}
		ch.Items = append(ch.Items, it)
	}
	if !newest.IsZero() {
		ch.LastBuildDate = newest.Format(time.RFC1123Z)
	}
	return marshalXML(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch})
}

func sortByDateDesc(ps []*site.Page) {
	key := func(p *site.Page) time.Time {
		if !p.Date.IsZero() {
			return p.Date
		}
		return p.Lastmod
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := key(ps[i]), key(ps[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return ps[i].URL < ps[j].URL
	})
}

func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	_ = enc.Encode(v)
	buf.WriteByte('\n')
	return buf.Bytes()
}

// uriOf percent-encodes what a URI may not hold raw (bytes of non-ASCII
// letters, spaces, quotes): a page under content/漢字/ has an address
// browsers accept as typed, but the sitemap protocol and RSS readers want
// it encoded. Existing escapes are kept as they are.
func uriOf(u string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c >= 0x80 || c <= ' ' || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			if b == nil {
				b = append(make([]byte, 0, len(u)+16), u[:i]...)
			}
			b = append(b, '%', hex[c>>4], hex[c&15])
			continue
		}
		if b != nil {
			b = append(b, c)
		}
	}
	if b == nil {
		return u
	}
	return string(b)
}

package output

import (
	"encoding/xml"
	"html/template"
	"sort"
	"time"

	"portal/internal/site"
)

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

// Summary gives a page's summary as text; it is what conversion made of
// the page (render.Page.Summary), which the page graph does not hold.
type Summary func(*site.Page) string

// Feeds writes the RSS feed of the site's home page and of each of its
// sections.
func (e *Emitter) Feeds(s *site.Site, summary Summary) {
	e.Feed(s, s.Home, summary)
	for _, p := range s.AllPages {
		if p.Kind == site.KindSection {
			e.Feed(s, p, summary)
		}
	}
}

// Feed writes the RSS feed of a list page: the home page's holds every
// regular page in force, a section's its pages and those of its
// sub-sections.
func (e *Emitter) Feed(s *site.Site, list *site.Page, summary Summary) {
	pages := s.Pages
	if !list.IsHome() {
		pages = sectionPages(list)
	}
	e.Write(FeedPath(list), feed(s, list, pages, summary))
}

// sectionPages lists a section's pages and those of its sub-sections.
func sectionPages(sec *site.Page) []*site.Page {
	out := append([]*site.Page(nil), sec.Pages...)
	for _, c := range sec.Sections {
		out = append(out, sectionPages(c)...)
	}
	return out
}

// FeedLimit is the number of items in each RSS feed.
const FeedLimit = 50

// feed is RSS 2.0 for a list page: newest first by date, then lastmod.
func feed(s *site.Site, list *site.Page, pages []*site.Page, summary Summary) []byte {
	// A feed says what is new and current: a page no longer in force
	// leaves it, as it leaves its section's list.
	ps := make([]*site.Page, 0, len(pages))
	for _, p := range pages {
		if p.InForce() {
			ps = append(ps, p)
		}
	}
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
		it := item{Title: p.Title, Link: uriOf(p.Permalink), GUID: uriOf(p.Permalink), Description: template.HTMLEscapeString(summary(p))}
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

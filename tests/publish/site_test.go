// Package publish proves that the built portal can be published anywhere:
// served by nginx under a sub-path with the repository's deploy/nginx.conf,
// read from disk through file:// as the offline copy, in two languages
// whose pages point at each other, with feeds, metadata and Subresource
// Integrity that hold up when read back.
package publish

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"portal/internal/build"
	"portal/internal/testkit"
)

// buildPortal builds the repository's site into dest.
func buildPortal(t *testing.T, dest, baseURL string, offline bool) *build.Result {
	t.Helper()
	res, err := build.Build(build.Options{Source: testkit.Root(t), Dest: dest, BaseURL: baseURL, Offline: offline, Workers: 2})
	if err != nil {
		t.Fatalf("build (base URL %s, offline %v): %v", baseURL, offline, err)
	}
	return res
}

// freePort asks the kernel for a free loopback port. The port is closed
// again before nginx binds it; another process could take it in between,
// which nginx then reports clearly.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// site is one built copy of the portal on disk.
type site struct {
	dir  string
	base *url.URL // "http://127.0.0.1:PORT/papi/"
}

// files lists the site's files, relative, with forward slashes.
func (s site) files(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(s.dir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatalf("list %s: %v", s.dir, err)
	}
	sort.Strings(out)
	return out
}

func (s site) read(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("read %s: %v", rel, err)
	}
	return b
}

// fileOf maps a URL of the site (absolute, or root-relative with the base
// path) to its file, relative; ok is false for other addresses.
func (s site) fileOf(raw string) (string, bool) {
	u, err := s.base.Parse(raw)
	if err != nil || u.Host != s.base.Host || !strings.HasPrefix(u.Path, s.base.Path) {
		return "", false
	}
	rel := strings.TrimPrefix(u.Path, s.base.Path)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, true
}

// urlOf is the address of a file of the site.
func (s site) urlOf(rel string) string {
	switch {
	case rel == "index.html":
		rel = ""
	case strings.HasSuffix(rel, "/index.html"):
		rel = strings.TrimSuffix(rel, "index.html")
	}
	return s.base.String() + rel
}

// htmlPages are the site's HTML documents, alias redirect pages left out.
func (s site) htmlPages(t *testing.T) map[string][]element {
	t.Helper()
	out := map[string][]element{}
	for _, rel := range s.files(t) {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		els := parseElements(s.read(t, rel))
		if isAlias(els) {
			continue
		}
		out[rel] = els
	}
	if len(out) == 0 {
		t.Fatalf("no HTML pages in %s", s.dir)
	}
	return out
}

func isAlias(els []element) bool {
	for _, e := range els {
		if e.Tag == "meta" && strings.EqualFold(e.Attrs["http-equiv"], "refresh") {
			return true
		}
	}
	return false
}

// langOf is the language of a page by its place in the site.
func langOf(rel string) string {
	if strings.HasPrefix(rel, "en/") {
		return "en"
	}
	return "vi"
}

// TestPublished builds the portal as it would be served at
// http://127.0.0.1:PORT/papi/ and checks the output on disk, then serves it
// with nginx and the repository's deploy/nginx.conf and crawls it.
func TestPublished(t *testing.T) {
	port := freePort(t)
	www := t.TempDir()
	base, err := url.Parse(fmt.Sprintf("http://127.0.0.1:%d/papi/", port))
	if err != nil {
		t.Fatal(err)
	}
	s := site{dir: filepath.Join(www, "papi"), base: base}
	res := buildPortal(t, s.dir, base.String(), false)
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "layouts/i18n/") {
			t.Errorf("build warning: %v", w)
		}
	}
	pages := s.htmlPages(t)

	t.Run("html lang", func(t *testing.T) { checkHTMLLang(t, pages) })
	t.Run("hreflang pairs", func(t *testing.T) { checkHreflang(t, s, pages) })
	t.Run("feeds", func(t *testing.T) { checkFeeds(t, s, pages) })
	t.Run("subresource integrity", func(t *testing.T) { checkSRI(t, s, pages) })
	t.Run("no inline script or style", func(t *testing.T) {
		for rel, els := range pages {
			for _, p := range inlineProblems(els) {
				t.Errorf("%s: %s", rel, p)
			}
		}
	})
	t.Run("metadata", func(t *testing.T) { checkMetadata(t, s, pages) })
	t.Run("dates and numbers per language", func(t *testing.T) { checkFormats(t, s, pages) })
	t.Run("sitemap lists both languages", func(t *testing.T) {
		listed := map[string]bool{}
		for _, u := range xmlLinks(s.read(t, "sitemap.xml")) {
			listed[u] = true
		}
		for rel := range pages {
			if rel == "404.html" || strings.HasPrefix(rel, "tags/") || strings.HasPrefix(rel, "en/tags/") {
				continue
			}
			if !listed[s.urlOf(rel)] {
				t.Errorf("sitemap.xml does not list %s (%s)", rel, s.urlOf(rel))
			}
		}
	})
	t.Run("nginx", func(t *testing.T) { checkNginx(t, s, www, port) })
}

func checkHTMLLang(t *testing.T, pages map[string][]element) {
	for rel, els := range pages {
		if rel == "404.html" {
			continue
		}
		got := ""
		for _, e := range els {
			if e.Tag == "html" {
				got = e.Attrs["lang"]
				break
			}
		}
		if got != langOf(rel) {
			t.Errorf("%s: <html lang=%q>, want %q", rel, got, langOf(rel))
		}
	}
}

// headInfo is what a page's head says about it.
type headInfo struct {
	canonical string
	alternate map[string]string // hreflang → href
	feeds     []string
	switcher  map[string]string // hreflang of the switcher's links → href
	meta      map[string]string // og:*, twitter:*, description
	ldjson    []string
}

func readHead(els []element) headInfo {
	h := headInfo{alternate: map[string]string{}, switcher: map[string]string{}, meta: map[string]string{}}
	for _, e := range els {
		rel := " " + strings.ToLower(e.Attrs["rel"]) + " "
		switch e.Tag {
		case "link":
			switch {
			case strings.Contains(rel, " canonical "):
				h.canonical = e.Attrs["href"]
			case strings.Contains(rel, " alternate ") && e.Attrs["hreflang"] != "":
				h.alternate[e.Attrs["hreflang"]] = e.Attrs["href"]
			case strings.Contains(rel, " alternate ") && e.Attrs["type"] == "application/rss+xml":
				h.feeds = append(h.feeds, e.Attrs["href"])
			}
		case "a":
			if l := e.Attrs["hreflang"]; l != "" {
				h.switcher[l] = e.Attrs["href"]
			}
		case "meta":
			if k := e.Attrs["property"]; k != "" {
				h.meta[k] = e.Attrs["content"]
			}
			if k := e.Attrs["name"]; k != "" {
				h.meta[k] = e.Attrs["content"]
			}
		case "script":
			if e.Attrs["type"] == "application/ld+json" {
				h.ldjson = append(h.ldjson, e.Text)
			}
		}
	}
	return h
}

// checkHreflang: every page with a translation names it, itself and
// x-default in <link rel=alternate hreflang>, the translation names this
// page back, and the language switcher lands on the same page.
func checkHreflang(t *testing.T, s site, pages map[string][]element) {
	heads := map[string]headInfo{}
	for rel, els := range pages {
		heads[rel] = readHead(els)
	}
	pairs := 0
	for rel, h := range heads {
		if rel == "404.html" {
			continue
		}
		lang := langOf(rel)
		other := map[string]string{"vi": "en", "en": "vi"}[lang]
		if strings.HasPrefix(rel, "en/") && len(h.alternate) == 0 && !strings.HasPrefix(rel, "en/tags/") {
			t.Errorf("%s: English page without hreflang alternates: every English page translates a Vietnamese one", rel)
			continue
		}
		if len(h.alternate) == 0 {
			// No translation: the switcher goes to the other language's home.
			if got, want := h.switcher[other], s.base.Path+map[string]string{"en": "en/", "vi": ""}[other]; got != want {
				t.Errorf("%s: no translation, switcher to %s is %q, want that language's home %q", rel, other, got, want)
			}
			continue
		}
		if h.alternate[lang] != h.canonical || h.canonical == "" {
			t.Errorf("%s: hreflang=%s is %q, want the page's canonical %q", rel, lang, h.alternate[lang], h.canonical)
		}
		if h.alternate["x-default"] == "" || h.alternate["x-default"] != h.alternate["vi"] {
			t.Errorf("%s: hreflang=x-default is %q, want the Vietnamese page %q", rel, h.alternate["x-default"], h.alternate["vi"])
		}
		target, ok := s.fileOf(h.alternate[other])
		if !ok {
			t.Errorf("%s: hreflang=%s %q is not a page of the site", rel, other, h.alternate[other])
			continue
		}
		back, ok := heads[target]
		if !ok {
			t.Errorf("%s: hreflang=%s %q: no such page (%s)", rel, other, h.alternate[other], target)
			continue
		}
		if back.alternate[lang] != h.canonical {
			t.Errorf("%s → %s: the translation's hreflang=%s is %q, want %q", rel, target, lang, back.alternate[lang], h.canonical)
		}
		if name := map[string]string{"en": ">English</a>", "vi": ">Tiếng Việt</a>"}[other]; !strings.Contains(string(s.read(t, rel)), name) {
			t.Errorf("%s: the language switcher does not name the other language (%s)", rel, name)
		}
		if sw, ok := s.fileOf(h.switcher[other]); !ok || sw != target {
			t.Errorf("%s: the language switcher's %s link is %q, want the translation %s", rel, other, h.switcher[other], target)
		}
		if lang == "vi" {
			pairs++
		}
	}
	// Home, About PAPI, the 2023 plan, the 8 dimensions and their list,
	// taking part, results, contact, search and site map.
	if pairs < 17 {
		t.Errorf("found %d Vietnamese pages paired with an English translation, want at least 17", pairs)
	}
	t.Logf("%d translation pairs", pairs)
}

// rss is the part of an RSS 2.0 feed the tests read back.
type rss struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string `xml:"title"`
		// Links holds <link> and <atom:link rel="self">: the tag matches
		// both namespaces.
		Links []struct {
			XMLName xml.Name
			Text    string `xml:",chardata"`
			Href    string `xml:"href,attr"`
			Rel     string `xml:"rel,attr"`
		} `xml:"link"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

// parseRFC1123 reads an RSS date: RFC 1123 (RFC 822 with a four-digit
// year), numeric zone or zone name.
func parseRFC1123(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC1123, s)
}

// checkFeeds reads every index.xml back as RSS 2.0: absolute links to
// pages that exist, RFC 1123 dates; every section of each language has its
// feed, and every page's head names a feed that exists, of its section or
// its language's home.
func checkFeeds(t *testing.T, s site, pages map[string][]element) {
	feeds := map[string]bool{}
	items := 0
	for _, rel := range s.files(t) {
		if path.Base(rel) != "index.xml" {
			continue
		}
		feeds[rel] = true
		var f rss
		if err := xml.Unmarshal(s.read(t, rel), &f); err != nil {
			t.Errorf("%s: not XML: %v", rel, err)
			continue
		}
		if f.Version != "2.0" {
			t.Errorf("%s: rss version %q, want 2.0", rel, f.Version)
		}
		if f.Channel.Title == "" || f.Channel.Description == "" {
			t.Errorf("%s: channel title %q, description %q: both are required", rel, f.Channel.Title, f.Channel.Description)
		}
		var link, self string
		for _, l := range f.Channel.Links {
			switch l.XMLName.Space {
			case "":
				link = l.Text
			case "http://www.w3.org/2005/Atom":
				if l.Rel == "self" {
					self = l.Href
				}
			}
		}
		if dir := strings.TrimSuffix(rel, "index.xml"); link != s.base.String()+dir {
			t.Errorf("%s: channel link %q, want the section's page %q", rel, link, s.base.String()+dir)
		}
		if self != "" && self != s.base.String()+rel {
			t.Errorf("%s: atom:link rel=self %q, want %q", rel, self, s.base.String()+rel)
		}
		if want := langOf(rel); !strings.HasPrefix(f.Channel.Language, want) {
			t.Errorf("%s: channel language %q, want %s", rel, f.Channel.Language, want)
		}
		if d := f.Channel.LastBuildDate; d != "" {
			if _, err := parseRFC1123(d); err != nil {
				t.Errorf("%s: lastBuildDate %q is not RFC 1123: %v", rel, d, err)
			}
		}
		for _, it := range f.Channel.Items {
			items++
			if !strings.HasPrefix(it.Link, s.base.String()) {
				t.Errorf("%s: item %q link %q is not an absolute URL of the site", rel, it.Title, it.Link)
			} else if file, _ := s.fileOf(it.Link); pages[file] == nil {
				t.Errorf("%s: item %q links to %q, which is not a page", rel, it.Title, it.Link)
			}
			if _, err := parseRFC1123(it.PubDate); err != nil {
				t.Errorf("%s: item %q pubDate %q is not RFC 1123: %v", rel, it.Title, it.PubDate, err)
			}
		}
	}
	if items == 0 {
		t.Fatalf("the feeds hold no items")
	}
	// Every section (a content folder with _index.md) has a feed.
	content := filepath.Join(testkit.Root(t), "content")
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "_index.md" {
			return err
		}
		dir, _ := filepath.Rel(content, filepath.Dir(p))
		feed := path.Join(filepath.ToSlash(dir), "index.xml")
		if dir == "." {
			feed = "index.xml"
		}
		if !feeds[feed] {
			t.Errorf("section %s has no feed %s", filepath.ToSlash(dir), feed)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel, els := range pages {
		h := readHead(els)
		if len(h.feeds) != 1 {
			t.Errorf("%s: %d RSS links in the head, want 1", rel, len(h.feeds))
			continue
		}
		f, ok := s.fileOf(h.feeds[0])
		if !ok || !feeds[f] {
			t.Errorf("%s: RSS link %q is not one of the site's feeds", rel, h.feeds[0])
			continue
		}
		if dir := path.Dir(f); dir != "." && !strings.HasPrefix(rel, dir+"/") {
			t.Errorf("%s: RSS link %q is the feed of another section", rel, h.feeds[0])
		}
		if langOf(f) != langOf(rel) && rel != "404.html" {
			t.Errorf("%s: RSS link %q is a feed in another language", rel, h.feeds[0])
		}
	}
	t.Logf("%d feeds, %d items", len(feeds), items)
}

// checkSRI: every stylesheet and script carries the SHA-256 of the bytes
// of the file it loads.
func checkSRI(t *testing.T, s site, pages map[string][]element) {
	checked := map[string]bool{}
	for rel, els := range pages {
		for _, e := range els {
			var ref string
			switch {
			case e.Tag == "link" && strings.Contains(" "+e.Attrs["rel"]+" ", " stylesheet "):
				ref = e.Attrs["href"]
			case e.Tag == "script" && e.Attrs["src"] != "":
				ref = e.Attrs["src"]
			default:
				continue
			}
			file, ok := s.fileOf(ref)
			if !ok {
				t.Errorf("%s: %s loads %q from outside the site", rel, e.Tag, ref)
				continue
			}
			b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(file)))
			if err != nil {
				t.Errorf("%s: %s %q: %v", rel, e.Tag, ref, err)
				continue
			}
			sum := sha256.Sum256(b)
			want := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
			if got := e.Attrs["integrity"]; got != want {
				t.Errorf("%s: %s %q integrity=%q, the file's bytes hash to %q", rel, e.Tag, ref, got, want)
			}
			checked[file] = true
		}
	}
	if len(checked) < 2 {
		t.Errorf("checked integrity of %v, want the stylesheet and the search script at least", checked)
	}
}

// checkMetadata: canonical URL, Open Graph and Twitter card, and one
// JSON-LD block naming the page, its website and, only when the publishing
// agency has confirmed its name in data/lien-he.yaml, the organisation that
// runs the portal as their publisher.
func checkMetadata(t *testing.T, s site, pages map[string][]element) {
	owner := confirmedOwner(t)
	orgID := s.base.String() + "#organization"
	for rel, els := range pages {
		if rel == "404.html" {
			continue
		}
		h := readHead(els)
		want := s.urlOf(rel)
		if h.canonical != want {
			t.Errorf("%s: canonical %q, want %q", rel, h.canonical, want)
		}
		if h.meta["og:url"] != want {
			t.Errorf("%s: og:url %q, want %q", rel, h.meta["og:url"], want)
		}
		for _, k := range []string{"og:title", "og:description", "og:type", "og:site_name", "og:locale", "twitter:card", "twitter:title", "twitter:description", "description"} {
			if h.meta[k] == "" {
				t.Errorf("%s: no %s", rel, k)
			}
		}
		if len(h.ldjson) != 1 {
			t.Errorf("%s: %d JSON-LD blocks, want 1", rel, len(h.ldjson))
			continue
		}
		type ref struct {
			ID string `json:"@id"`
		}
		var ld struct {
			Context string `json:"@context"`
			Graph   []struct {
				Type          string `json:"@type"`
				ID            string `json:"@id"`
				URL           string `json:"url"`
				Name          string `json:"name"`
				InLanguage    string `json:"inLanguage"`
				DateModified  string `json:"dateModified"`
				DatePublished string `json:"datePublished"`
				Publisher     *ref   `json:"publisher"`
				Author        *ref   `json:"author"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(h.ldjson[0]), &ld); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", rel, err)
			continue
		}
		if ld.Context != "https://schema.org" {
			t.Errorf("%s: JSON-LD @context %q", rel, ld.Context)
		}
		types := map[string]int{}
		for _, n := range ld.Graph {
			types[n.Type]++
			switch n.Type {
			case "WebPage", "Article":
				if n.URL != want || n.ID != want {
					t.Errorf("%s: JSON-LD %s url %q @id %q, want %q", rel, n.Type, n.URL, n.ID, want)
				}
				if n.InLanguage != langOf(rel) {
					t.Errorf("%s: JSON-LD inLanguage %q, want %q", rel, n.InLanguage, langOf(rel))
				}
				if n.DateModified != "" {
					if _, err := time.Parse("2006-01-02", n.DateModified); err != nil {
						t.Errorf("%s: JSON-LD dateModified %q: %v", rel, n.DateModified, err)
					}
				}
				if owner == "" && (n.Publisher != nil || n.Author != nil) {
					t.Errorf("%s: JSON-LD %s names a publisher or author, but data/lien-he.yaml confirms no owner", rel, n.Type)
				}
				if owner != "" && n.Type == "Article" && (n.Publisher == nil || n.Publisher.ID != orgID) {
					t.Errorf("%s: JSON-LD Article publisher %v, want %s", rel, n.Publisher, orgID)
				}
			case "WebSite":
				switch {
				case owner == "" && n.Publisher != nil:
					t.Errorf("%s: JSON-LD WebSite publisher %q, but data/lien-he.yaml confirms no owner", rel, n.Publisher.ID)
				case owner != "" && (n.Publisher == nil || n.Publisher.ID != orgID):
					t.Errorf("%s: JSON-LD WebSite publisher %v, want %s", rel, n.Publisher, orgID)
				}
			case "GovernmentOrganization":
				if n.Name != owner || n.URL != s.base.String() || n.ID != orgID {
					t.Errorf("%s: JSON-LD organisation name %q url %q @id %q: want %q, one organisation for both languages, at %s", rel, n.Name, n.URL, n.ID, owner, s.base)
				}
			}
		}
		wantOrg := 0
		if owner != "" {
			wantOrg = 1
		}
		if types["GovernmentOrganization"] != wantOrg || types["WebSite"] != 1 || types["WebPage"]+types["Article"] != 1 {
			t.Errorf("%s: JSON-LD types %v, want %d GovernmentOrganization, one WebSite and one WebPage or Article", rel, types, wantOrg)
		}
	}
}

// confirmedOwner is the name of the organisation that runs the portal, as
// data/lien-he.yaml gives it, or "" while it is not confirmed.
func confirmedOwner(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testkit.Root(t), "data", "lien-he.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Owner struct {
			Value     string `yaml:"value"`
			Confirmed bool   `yaml:"confirmed"`
		} `yaml:"co_quan"`
	}
	if err := yaml.Unmarshal(b, &data); err != nil {
		t.Fatalf("data/lien-he.yaml: %v", err)
	}
	if !data.Owner.Confirmed {
		return ""
	}
	return data.Owner.Value
}

var (
	timeRE    = regexp.MustCompile(`<time[^>]*>([^<]*)</time>`)
	numCellRE = regexp.MustCompile(`<td class="?num"?>([^<]*)</td>`)
	dateFmt   = map[string]*regexp.Regexp{
		"vi": regexp.MustCompile(`^ngày [1-9][0-9]? tháng (1[0-2]|[1-9]) năm [0-9]{4}$`),
		"en": regexp.MustCompile(`^[1-9][0-9]? (January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}$`),
	}
	numFmt = map[string]*regexp.Regexp{
		"vi": regexp.MustCompile(`^-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?$`),
		"en": regexp.MustCompile(`^-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?$`),
	}
)

// checkFormats: dates in <time> read "ngày 8 tháng 2 năm 2023" on
// Vietnamese pages and "8 February 2023" on English ones; chart table
// numbers read 44,23 and 44.23.
func checkFormats(t *testing.T, s site, pages map[string][]element) {
	dates, nums := map[string]int{}, map[string]int{}
	for rel := range pages {
		if rel == "404.html" {
			continue
		}
		lang := langOf(rel)
		b := string(s.read(t, rel))
		for _, m := range timeRE.FindAllStringSubmatch(b, -1) {
			dates[lang]++
			if !dateFmt[lang].MatchString(m[1]) {
				t.Errorf("%s: date %q is not written the %s way", rel, m[1], lang)
			}
		}
		for _, m := range numCellRE.FindAllStringSubmatch(b, -1) {
			if strings.Contains(m[1], "<abbr") {
				continue
			}
			nums[lang]++
			if !numFmt[lang].MatchString(m[1]) {
				t.Errorf("%s: chart number %q is not written the %s way", rel, m[1], lang)
			}
		}
	}
	for _, lang := range []string{"vi", "en"} {
		if dates[lang] == 0 || nums[lang] == 0 {
			t.Errorf("%s pages: %d dates and %d chart numbers checked; want some of each", lang, dates[lang], nums[lang])
		}
	}
}

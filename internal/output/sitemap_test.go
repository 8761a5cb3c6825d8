package output

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"portal/internal/diag"
	"portal/internal/site"
)

// parsedSitemap is a sitemap or a sitemap index, as a crawler reads it.
type parsedSitemap struct {
	XMLName  xml.Name
	NS       string     `xml:"xmlns,attr"`
	URLs     []sitemapU `xml:"url"`
	Sitemaps []sitemapU `xml:"sitemap"`
}

func parseSitemap(t *testing.T, f outFile) parsedSitemap {
	t.Helper()
	var p parsedSitemap
	if err := xml.Unmarshal(f.data, &p); err != nil {
		t.Fatalf("%s: %v", f.path, err)
	}
	if p.NS != sitemapNS {
		t.Errorf("%s: namespace %q", f.path, p.NS)
	}
	return p
}

func testURLs(n int) []sitemapU {
	urls := make([]sitemapU, n)
	for i := range urls {
		urls[i] = sitemapU{Loc: fmt.Sprintf("https://example.org/papi/trang-%d/", i)}
		if i%2 == 0 {
			urls[i].Lastmod = fmt.Sprintf("2024-%02d-01", 1+i%12)
		}
	}
	return urls
}

func absURL(p string) string { return "https://example.org/papi" + p }

// Up to the limit the sitemap is one file; past it, sitemap.xml is an
// index of parts holding at most the limit each, every URL once, in order.
func TestSitemapFiles(t *testing.T) {
	for _, c := range []struct{ urls, limit, parts int }{
		{0, 3, 0}, {3, 3, 0}, {4, 3, 2}, {7, 3, 3}, {9, 3, 3},
		{MaxSitemapURLs, MaxSitemapURLs, 0}, {MaxSitemapURLs + 1, MaxSitemapURLs, 2},
	} {
		t.Run(fmt.Sprintf("%d-by-%d", c.urls, c.limit), func(t *testing.T) {
			urls := testURLs(c.urls)
			files := sitemapFiles(urls, c.limit, absURL)
			if files[0].path != SitemapPath {
				t.Fatalf("first file %s", files[0].path)
			}
			top := parseSitemap(t, files[0])
			if c.parts == 0 {
				if len(files) != 1 || top.XMLName.Local != "urlset" || len(top.URLs) != c.urls {
					t.Fatalf("%d files, %s of %d URLs; want one urlset of %d", len(files), top.XMLName.Local, len(top.URLs), c.urls)
				}
				return
			}
			if top.XMLName.Local != "sitemapindex" || len(top.Sitemaps) != c.parts || len(files) != c.parts+1 {
				t.Fatalf("%s of %d sitemaps in %d files; want an index of %d", top.XMLName.Local, len(top.Sitemaps), len(files), c.parts)
			}
			var got []sitemapU
			for i, f := range files[1:] {
				if want := fmt.Sprintf("sitemap-%d.xml", i+1); f.path != want {
					t.Errorf("part %d at %s, want %s", i+1, f.path, want)
				}
				if want := "https://example.org/papi/" + f.path; top.Sitemaps[i].Loc != want {
					t.Errorf("index names %s, want %s", top.Sitemaps[i].Loc, want)
				}
				part := parseSitemap(t, f)
				if part.XMLName.Local != "urlset" || len(part.URLs) == 0 || len(part.URLs) > c.limit {
					t.Errorf("%s: %s of %d URLs", f.path, part.XMLName.Local, len(part.URLs))
				}
				newest := ""
				for _, u := range part.URLs {
					newest = max(newest, u.Lastmod)
				}
				if top.Sitemaps[i].Lastmod != newest {
					t.Errorf("%s: index lastmod %q, want the part's newest %q", f.path, top.Sitemaps[i].Lastmod, newest)
				}
				got = append(got, part.URLs...)
			}
			if len(got) != len(urls) {
				t.Fatalf("parts list %d URLs, want %d", len(got), len(urls))
			}
			for i := range got {
				if got[i] != urls[i] {
					t.Fatalf("URL %d is %v, want %v", i, got[i], urls[i])
				}
			}
		})
	}
}

// robots.txt names sitemap.xml, the index when there is one.
func TestRobotsNamesSitemap(t *testing.T) {
	s, probs := assemble(t, "", map[string]string{"_index.md": ""}, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := string(robots(s)); !strings.HasSuffix(got, "\nSitemap: https://example.org/papi/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", got)
	}
}

// The writer splits the sitemap of a site's pages at its limit, naming the
// parts under the site's base URL; the offline copy gets the same files.
func TestEmitterSitemapIndex(t *testing.T) {
	pages := map[string]string{"_index.md": "", "tin/_index.md": "", "tin/a.md": "", "tin/b.md": "", "tin/c.md": ""}
	s, probs := assemble(t, "", pages, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var outs [2]map[string]string
	for i, offline := range []bool{false, true} {
		w := NewMemWriter()
		var l diag.List
		NewEmitter(w, &l, EmitOptions{SitemapLimit: 2, Offline: offline, BasePath: "/papi/"}).Sitemap([]*site.Site{s})
		if l.HasErrors() {
			t.Fatal(l.Problems())
		}
		outs[i] = map[string]string{}
		for _, f := range w.Files() {
			b, _ := w.Get(f)
			outs[i][f] = string(b)
		}
	}
	// Home, the section, three pages and the tag list: six URLs.
	if len(outs[0]) != 4 {
		t.Fatalf("files %v, want sitemap.xml and three parts", outs[0])
	}
	for i := 1; i <= 3; i++ {
		loc := fmt.Sprintf("<loc>https://example.org/papi/sitemap-%d.xml</loc>", i)
		if !strings.Contains(outs[0]["sitemap.xml"], loc) {
			t.Errorf("index lacks %s:\n%s", loc, outs[0]["sitemap.xml"])
		}
		if n := strings.Count(outs[0][fmt.Sprintf("sitemap-%d.xml", i)], "<url>"); n != 2 {
			t.Errorf("part %d lists %d URLs, want 2", i, n)
		}
	}
	for f, b := range outs[0] {
		if outs[1][f] != b {
			t.Errorf("offline %s differs:\n%s", f, outs[1][f])
		}
	}
}

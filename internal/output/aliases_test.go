package output

import (
	"strings"
	"testing"

	"portal/internal/diag"
	"portal/internal/site"
)

func TestAliasPage(t *testing.T) {
	vi := &site.Site{LanguageCode: "vi"}
	en := &site.Site{LanguageCode: "en"}
	tests := []struct {
		name string
		p    *site.Page
		want string
	}{
		{"vietnamese", &site.Page{Title: "Về PAPI", Permalink: "https://example.org/papi/ve-papi/", RelPermalink: "/papi/ve-papi/", Site: vi},
			`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Về PAPI</title><link rel="canonical" href="https://example.org/papi/ve-papi/"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=/papi/ve-papi/"></head><body><p>Trang đã chuyển tới <a href="/papi/ve-papi/">Về PAPI</a>.</p></body></html>`},
		{"english", &site.Page{Title: "About", Permalink: "/en/about/", RelPermalink: "/en/about/", Site: en},
			`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>About</title><link rel="canonical" href="/en/about/"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=/en/about/"></head><body><p>This page has moved to <a href="/en/about/">About</a>.</p></body></html>`},
		// A title is text wherever it goes; an address that is not one
		// (no URL the site makes looks like this) never becomes a script.
		{"hostile", &site.Page{Title: `</title><script>alert(1)</script> & "x" 'y'`, Permalink: `javascript:alert(1)`, RelPermalink: `/a"><script>alert(2)</script>`, Site: vi},
			`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34; &#39;y&#39;</title><link rel="canonical" href="#ZgotmplZ"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=/a&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"></head><body><p>Trang đã chuyển tới <a href="/a%22%3e%3cscript%3ealert%282%29%3c/script%3e">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34; &#39;y&#39;</a>.</p></body></html>`},
	}
	for _, tc := range tests {
		got, err := aliasPage(tc.p)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: aliasPage = %v\n%s\nwant\n%s", tc.name, err, got, tc.want)
		}
	}
}

// Every alias of a site gets its page, minified as the rest of the site.
func TestAliases(t *testing.T) {
	s := &site.Site{LanguageCode: "vi"}
	p := &site.Page{Title: "A & B", Permalink: "/a/", RelPermalink: "/a/", Site: s}
	s.Aliases = map[string]*site.Page{"cu/a/index.html": p, "cu/a.html": p}
	w := NewMemWriter()
	NewEmitter(w, &diag.List{}, EmitOptions{Minifier: NewMinifier()}).Aliases(s)
	if got := strings.Join(w.Files(), " "); got != "cu/a.html cu/a/index.html" {
		t.Fatalf("files = %s", got)
	}
	page, _ := w.Get("cu/a.html")
	if want := `<title>A & B</title>`; !strings.Contains(string(page), want) {
		t.Errorf("alias page %s\nlacks %s", page, want)
	}
}

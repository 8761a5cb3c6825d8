package output

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"portal/internal/diag"
	"portal/internal/site"
)

// Aliases writes the alias pages of a site: one at each old address an
// editor listed under "aliases", leading to the page.
func (e *Emitter) Aliases(s *site.Site) {
	for out, p := range s.Aliases {
		page, err := aliasPage(p)
		if err != nil {
			e.problems.Add(diag.Errorf(out, 0, "%v", err))
			continue
		}
		e.Write(out, page)
	}
}

// aliasTemplate redirects an old address to a page, with a canonical link
// so search engines keep one address, and a visible link for readers
// without automatic redirects. Parsed once; executing it changes nothing.
var aliasTemplate = template.Must(template.New("alias").Parse(`<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="canonical" href="{{ .Permalink }}"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url={{ .RelPermalink }}"></head><body><p>{{ .Moved }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>.</p></body></html>`))

// aliasPage is the page at an old address of p.
func aliasPage(p *site.Page) ([]byte, error) {
	// The one sentence a reader may see, in the page's language.
	moved := "Trang đã chuyển tới"
	if !strings.HasPrefix(strings.ToLower(p.Site.LanguageCode), "vi") {
		moved = "This page has moved to"
	}
	var b bytes.Buffer
	err := aliasTemplate.Execute(&b, struct{ Lang, Title, Permalink, RelPermalink, Moved string }{
		p.Site.LanguageCode, p.Title, p.Permalink, p.RelPermalink, moved})
	if err != nil {
		return nil, fmt.Errorf("trang chuyển hướng (alias page): %w", err)
	}
	return b.Bytes(), nil
}

package output

import (
	"fmt"
	"html/template"
	"strings"

	"portal/internal/site"
)

// Aliases writes the alias pages of a site: one at each old address an
// editor listed under "aliases", leading to the page.
func (e *Emitter) Aliases(s *site.Site) {
	for out, p := range s.Aliases {
		e.Write(out, aliasPage(p))
	}
}

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

package markdown

import (
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark/util"
)

// TOC renders headings of levels 2 to 4 as a nested ordered list; it is
// empty when the page has none.
func TOC(hs []Heading) string {
	var b strings.Builder
	depth := 0
	base := 2
	for _, h := range hs {
		if h.Level < base || h.Level > 4 || h.ID == "" {
			continue
		}
		lvl := h.Level - base + 1
		switch {
		case depth == 0:
			b.WriteString("<ol>")
			depth = 1
			for depth < lvl {
				b.WriteString("<li><ol>")
				depth++
			}
		case lvl > depth:
			// A skipped level (h2 then h4) still needs an <li> between
			// the lists: <ol> may only hold <li>.
			b.WriteString("<ol>")
			depth++
			for depth < lvl {
				b.WriteString("<li><ol>")
				depth++
			}
		case lvl < depth:
			for depth > lvl {
				b.WriteString("</li></ol>")
				depth--
			}
			b.WriteString("</li>")
		default:
			b.WriteString("</li>")
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(stdhtml.EscapeString(h.ID))
		b.WriteString(`">`)
		b.Write(util.EscapeHTML([]byte(h.Text)))
		b.WriteString("</a>")
	}
	for depth > 0 {
		b.WriteString("</li></ol>")
		depth--
	}
	return b.String()
}

package render

import (
	"strings"

	"portal/internal/markdown"
	template "portal/internal/template/html"
)

// TOCEntry is one item of a table of contents: a heading of level 2 to 4
// and the deeper headings under it. An entry without an ID only holds a
// deeper list, for a heading level that was skipped (an h2 followed by an
// h4): <ol> may hold only <li>. Entries nest at most three deep.
type TOCEntry struct {
	ID, Text string
	Children []*TOCEntry
}

// tocTree nests the headings of levels 2 to 4.
func tocTree(hs []markdown.Heading) []*TOCEntry {
	const base = 2
	root := &TOCEntry{}
	// open[d] is the entry whose Children is the list at depth d+1.
	var open []*TOCEntry
	for _, h := range hs {
		if h.Level < base || h.Level > 4 || h.ID == "" {
			continue
		}
		lvl := h.Level - base + 1
		if len(open) == 0 {
			open = append(open, root)
		} else if lvl > len(open) {
			// A deeper heading opens a list inside the last item.
			last := open[len(open)-1]
			open = append(open, last.Children[len(last.Children)-1])
		}
		for len(open) < lvl {
			p := &TOCEntry{}
			top := open[len(open)-1]
			top.Children = append(top.Children, p)
			open = append(open, p)
		}
		if lvl < len(open) {
			open = open[:lvl]
		}
		top := open[len(open)-1]
		top.Children = append(top.Children, &TOCEntry{ID: h.ID, Text: h.Text})
	}
	return root.Children
}

// tocTemplate writes a table of contents: html/template escapes the
// headings' ids and text.
var tocTemplate = template.Must(template.New("toc").Parse(
	`{{define "list"}}<ol>{{range .}}<li>{{if .ID}}<a href="#{{.ID}}">{{.Text}}</a>{{end}}{{with .Children}}{{template "list" .}}{{end}}</li>{{end}}</ol>{{end}}` +
		`{{with .}}{{template "list" .}}{{end}}`))

// tableOfContents renders the headings' table of contents; empty when
// none is of level 2 to 4.
func tableOfContents(hs []markdown.Heading) (template.HTML, error) {
	tree := tocTree(hs)
	if len(tree) == 0 {
		return "", nil
	}
	var b strings.Builder
	if err := tocTemplate.Execute(&b, tree); err != nil {
		return "", err
	}
	// Made by the template above, which escaped every value.
	return template.HTML(b.String()), nil
}

package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer finishes the parsed document, in three passes: links and
// images are resolved; inline shortcode tags are paired; then, children
// before parents, each shortcode call is rendered and each heading gets
// its id, so a call sees its content's ids and a heading's id is made
// from the text its shortcodes rendered.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st, ok := pc.Get(stateKey).(*state)
	if !ok {
		return
	}
	st.resolveLinks(doc)
	st.pairInline()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *shortcodeBlock:
			st.renderCall(n.call, n)
		case *shortcodeInline:
			st.renderCall(n.call, n)
		case *ast.Heading:
			st.heading(n)
		case *ast.Image:
			textInImage(n)
		}
		return ast.WalkContinue, nil
	})
}

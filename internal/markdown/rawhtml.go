package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// escapeRawHTML renders raw HTML as visible, escaped text.
type escapeRawHTML struct{}

func (escapeRawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		hb := n.(*ast.HTMLBlock)
		_, _ = w.WriteString("<p>")
		for i := 0; i < hb.Lines().Len(); i++ {
			seg := hb.Lines().At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		if hb.HasClosure() {
			_, _ = w.Write(util.EscapeHTML(hb.ClosureLine.Value(src)))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		rh := n.(*ast.RawHTML)
		for i := 0; i < rh.Segments.Len(); i++ {
			seg := rh.Segments.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		return ast.WalkSkipChildren, nil
	})
}

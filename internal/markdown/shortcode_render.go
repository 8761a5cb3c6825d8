package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// renderCall renders call c of node n through the page's Shortcodes. A
// paired call's content, n's children, is rendered first: it is the
// call's .Inner. Problems are reported at the opening tag.
func (st *state) renderCall(c *call, n ast.Node) {
	if c.bad || c.closing {
		return
	}
	if c.Paired {
		var b bytes.Buffer
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if err := st.md.Renderer().Render(&b, st.src, ch); err != nil {
				st.errorAt(c.start, "lỗi khi dựng HTML (render error): "+err.Error())
				return
			}
		}
		c.Inner = b.String()
	}
	sc := st.in.Context.Shortcodes
	if sc == nil {
		st.errorAt(c.start, fmt.Sprintf("mã ngắn %q không dùng được ở đây", c.Name))
		return
	}
	html, err := sc.Render(&c.Shortcode)
	if err != nil {
		st.errorAt(c.start, err.Error())
		return
	}
	c.html = html
}

// textInImage replaces the calls inside image img's description by the
// text they rendered: the description is an attribute, where HTML would
// break out of its quotes.
func textInImage(img *ast.Image) {
	var calls []*shortcodeInline
	_ = ast.Walk(img, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if sc, ok := n.(*shortcodeInline); ok && entering {
			calls = append(calls, sc)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, sc := range calls {
		p := sc.Parent()
		p.ReplaceChild(p, sc, ast.NewString([]byte(htmlText(sc.call.html))))
	}
}

// shortcodeRenderer writes what each call rendered; a call standing alone
// takes the place of a paragraph, so it ends its line as one does.
type shortcodeRenderer struct{}

func (shortcodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcodeBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*shortcodeBlock).call.html)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindShortcodeInline, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*shortcodeInline).call.html)
		}
		return ast.WalkSkipChildren, nil
	})
}

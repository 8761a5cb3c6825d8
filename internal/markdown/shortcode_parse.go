package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	tagOpen  = []byte("{{<")
	tagClose = []byte(">}}")
)

// call is what the parsers know of one shortcode call; the block and
// inline nodes share it.
type call struct {
	Shortcode
	// start and end are the source offsets of the call, from its opening
	// tag to the end of its closing tag (of the opening tag alone until it
	// is paired).
	start, end int
	// tagEnd is the offset just past the opening tag, which may span
	// lines.
	tagEnd int
	// closing marks a closing tag not yet paired with its opening one.
	closing bool
	// closed marks a block call whose closing tag was found.
	closed bool
	// bad marks a call already reported (a tag that does not parse, a
	// closing tag without an opening one): it renders nothing.
	bad  bool
	html string
}

// KindShortcodeBlock and KindShortcodeInline are the node kinds of a
// shortcode call standing alone on its lines and of one inside a
// paragraph.
var (
	KindShortcodeBlock  = ast.NewNodeKind("ShortcodeBlock")
	KindShortcodeInline = ast.NewNodeKind("ShortcodeInline")
)

type shortcodeBlock struct {
	ast.BaseBlock
	call *call
}

func (n *shortcodeBlock) Kind() ast.NodeKind { return KindShortcodeBlock }

func (n *shortcodeBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.call.Name}, nil)
}

type shortcodeInline struct {
	ast.BaseInline
	call *call
}

func (n *shortcodeInline) Kind() ast.NodeKind { return KindShortcodeInline }

func (n *shortcodeInline) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.call.Name}, nil)
}

// shortcodes is the goldmark extension: the two parsers and the renderer.
type shortcodes struct{}

func (shortcodes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(shortcodeBlockParser{}, 150)),
		parser.WithInlineParsers(util.Prioritized(shortcodeInlineParser{}, 150)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(shortcodeRenderer{}, 10)))
}

// newCall parses the tag between "{{<" at start and ">}}" ending at end,
// reporting a tag that does not parse.
func (st *state) newCall(inner []byte, start, end int, inline bool) *call {
	c := &call{start: start, end: end, tagEnd: end}
	c.Line = st.lines.line(start)
	c.Inline = inline
	t, err := parseTag(inner)
	if err != nil {
		st.errorAt(start, err.Error())
		c.bad = true
		return c
	}
	c.Name, c.Params, c.Positional, c.SelfClosed, c.closing = t.name, t.params, t.positional, t.selfClose, t.closing
	if !c.closing && !st.exists(c.Name) {
		if st.unknownOpened == nil {
			st.unknownOpened = map[string]bool{}
		}
		st.unknownOpened[c.Name] = true
	}
	return c
}

// exists reports whether shortcode name exists, as far as the page's
// Shortcodes tell (those that do not tell: every one does).
func (st *state) exists(name string) bool {
	e, ok := st.in.Context.Shortcodes.(Existing)
	return !ok || e.Has(name)
}

func (st *state) encloses(name string) bool {
	return st.in.Context.Shortcodes != nil && st.in.Context.Shortcodes.Encloses(name)
}

// strayClosing reports a closing tag that closes nothing.
func (st *state) strayClosing(c *call) {
	c.bad = true
	if st.unknownOpened[c.Name] {
		return // its opening tag is reported: the shortcode does not exist
	}
	if !st.encloses(c.Name) {
		st.errorAt(c.start, fmt.Sprintf("mã ngắn %q không nhận nội dung giữa hai thẻ: hãy bỏ thẻ đóng {{< /%s >}} (closing tag of a shortcode without content)", c.Name, c.Name))
		return
	}
	st.errorAt(c.start, fmt.Sprintf("thẻ đóng {{< /%s >}} không có thẻ mở tương ứng", c.Name))
}

// unclosed reports an opening tag whose closing tag was not found.
func (st *state) unclosed(c *call) {
	c.bad = true
	st.errorAt(c.start, fmt.Sprintf("mã ngắn %q mở nhưng không có thẻ đóng {{< /%s >}}; hãy thêm thẻ đóng sau phần nội dung, trên một dòng riêng nếu thẻ mở đứng riêng một dòng (unclosed shortcode)", c.Name, c.Name))
}

// shortcodeBlockParser reads a call whose tags stand alone on their lines.
// A call that takes content holds the blocks up to its closing tag as
// children, so its content is Markdown like the rest of the page.
type shortcodeBlockParser struct{}

func (shortcodeBlockParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st, _ := pc.Get(stateKey).(*state)
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if st == nil || pos < 0 || !bytes.HasPrefix(line[pos:], tagOpen) {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	start := seg.Start + pos
	i := bytes.Index(src[start+len(tagOpen):], tagClose)
	if i < 0 {
		return nil, parser.NoChildren // the inline parser reports it
	}
	end := start + len(tagOpen) + i + len(tagClose)
	if !util.IsBlank(restOfLine(src, end)) {
		return nil, parser.NoChildren // text follows: an inline call
	}
	c := st.newCall(src[start+len(tagOpen):end-len(tagClose)], start, end, false)
	if c.closing {
		// An open call of this name takes its closing line in Continue.
		st.strayClosing(c)
	}
	c.Paired = !c.bad && !c.SelfClosed && st.encloses(c.Name)
	reader.AdvanceToEOL()
	if c.Paired && end <= seg.Stop {
		return &shortcodeBlock{call: c}, parser.HasChildren
	}
	return &shortcodeBlock{call: c}, parser.NoChildren
}

func (shortcodeBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*shortcodeBlock)
	c := n.call
	line, seg := reader.PeekLine()
	if c.tagEnd > seg.Start {
		// Still inside an opening tag that spans lines.
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	if !c.Paired {
		return parser.Close
	}
	if end, ok := closingLine(line, seg, c.Name, reader.LineOffset()); ok && !innerOpen(n, pc) {
		reader.AdvanceToEOL()
		c.closed, c.end = true, end
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (shortcodeBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c := node.(*shortcodeBlock).call
	if c.Paired && !c.closed {
		if st, _ := pc.Get(stateKey).(*state); st != nil {
			st.unclosed(c)
		}
	}
}

func (shortcodeBlockParser) CanInterruptParagraph() bool { return true }

func (shortcodeBlockParser) CanAcceptIndentedLine() bool { return false }

// restOfLine is src from off to the end of its line.
func restOfLine(src []byte, off int) []byte {
	rest := src[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		return rest[:i]
	}
	return rest
}

// closingLine reports whether line is "{{< /name >}}" alone, and the
// source offset of its end.
func closingLine(line []byte, seg text.Segment, name string, offset int) (int, bool) {
	w, pos := util.IndentWidth(line, offset)
	if w > 3 || !bytes.HasPrefix(line[pos:], tagOpen) {
		return 0, false
	}
	rest := line[pos+len(tagOpen):]
	i := bytes.Index(rest, tagClose)
	if i < 0 || !util.IsBlank(rest[i+len(tagClose):]) {
		return 0, false
	}
	t, err := parseTag(rest[:i])
	if err != nil || !t.closing || t.name != name {
		return 0, false
	}
	return seg.Start + pos + len(tagOpen) + i + len(tagClose), true
}

// innerOpen reports whether a block inside n that the closing line belongs
// to is still open: a fenced code block (where the tag is text) or a call
// of the same name nested in n.
func innerOpen(n *shortcodeBlock, pc parser.Context) bool {
	inside := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == n {
			inside = true
			continue
		}
		if !inside {
			continue
		}
		switch o := b.Node.(type) {
		case *ast.FencedCodeBlock, *ast.HTMLBlock:
			return true
		case *shortcodeBlock:
			if o.call.Paired && !o.call.closed && o.call.Name == n.call.Name {
				return true
			}
		}
	}
	return false
}

// shortcodeInlineParser reads a tag inside a paragraph, heading or table
// cell. Opening and closing tags are separate nodes until the transformer
// pairs them (pairInline).
type shortcodeInlineParser struct{}

func (shortcodeInlineParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, _ := pc.Get(stateKey).(*state)
	line, seg := block.PeekLine()
	if st == nil || !bytes.HasPrefix(line, tagOpen) {
		return nil
	}
	start := seg.Start
	inner, ok := readTag(block)
	if !ok {
		st.errorAt(start, "mã ngắn (shortcode) mở bằng '{{<' nhưng thiếu '>}}' đóng lại")
		return nil
	}
	_, pos := block.Position()
	return &shortcodeInline{call: st.newCall(inner, start, pos.Start, true)}
}

// readTag reads a tag from "{{<" to ">}}", across the lines of the block,
// and returns what is between them; the reader is left after the tag, or
// where it was when there is no end.
func readTag(block text.Reader) ([]byte, bool) {
	l0, s0 := block.Position()
	var inner []byte
	from := len(tagOpen)
	for {
		line, _ := block.PeekLine()
		if line == nil {
			break
		}
		if i := bytes.Index(line[from:], tagClose); i >= 0 {
			inner = append(inner, line[from:from+i]...)
			block.Advance(from + i + len(tagClose))
			return inner, true
		}
		inner = append(inner, line[from:]...)
		from = 0
		block.AdvanceLine()
	}
	block.SetPosition(l0, s0)
	return nil, false
}

// pairInline makes each inline call that takes content the parent of the
// nodes up to its closing tag, in every container resolveLinks noted; a
// paragraph that is one such call and nothing else becomes a block call,
// as if its tags stood on lines of their own.
func (st *state) pairInline() {
	for _, p := range st.inlineOrder {
		st.pairIn(p)
		if para, ok := p.(*ast.Paragraph); ok && para.ChildCount() == 1 {
			if sc, ok := para.FirstChild().(*shortcodeInline); ok && sc.call.Paired && !sc.call.bad {
				promote(para, sc)
			}
		}
	}
}

// pairIn pairs the inline calls among parent's children.
func (st *state) pairIn(parent ast.Node) {
	var open []*shortcodeInline
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		sc, ok := c.(*shortcodeInline)
		switch {
		case !ok || sc.call.bad || sc.call.Paired:
		case sc.call.closing:
			i := len(open) - 1
			for i >= 0 && open[i].call.Name != sc.call.Name {
				i--
			}
			if i < 0 {
				st.strayClosing(sc.call)
				break
			}
			for _, u := range open[i+1:] {
				st.unclosed(u.call)
			}
			o := open[i]
			open = open[:i]
			for m := o.NextSibling(); m != sc; {
				mn := m.NextSibling()
				parent.RemoveChild(parent, m)
				o.AppendChild(o, m)
				m = mn
			}
			o.call.Paired, o.call.end = true, sc.call.end
			parent.RemoveChild(parent, sc)
		case !sc.call.SelfClosed && st.encloses(sc.call.Name):
			open = append(open, sc)
		}
		c = next
	}
	for _, u := range open {
		st.unclosed(u.call)
	}
}

// promote replaces paragraph para, which holds only the paired call sc, by
// a block call whose content is a paragraph of sc's content.
func promote(para *ast.Paragraph, sc *shortcodeInline) {
	inner := ast.NewParagraph()
	inner.SetLines(para.Lines())
	for m := sc.FirstChild(); m != nil; {
		next := m.NextSibling()
		sc.RemoveChild(sc, m)
		inner.AppendChild(inner, m)
		m = next
	}
	sc.call.Inline = false
	b := &shortcodeBlock{call: sc.call}
	b.AppendChild(b, inner)
	b.SetBlankPreviousLines(para.HasBlankPreviousLines())
	parent := para.Parent()
	parent.ReplaceChild(parent, para, b)
}

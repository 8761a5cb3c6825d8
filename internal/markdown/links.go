package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"portal/internal/diag"
	"portal/internal/textutil"
)

// resolveLinks resolves every link and image of the document through the
// page's Resolver, records the links, and takes out the ones that would
// run script: a link keeps its words, an image its description, as text.
// It also notes the containers of inline shortcode tags, for pairInline.
func (st *state) resolveLinks(doc ast.Node) {
	src := st.src
	var unlink []*ast.Link
	var unauto []*ast.AutoLink
	var unimage []*ast.Image
	res := st.in.Context.Links
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *shortcodeInline:
			// Noted here so pairing needs no walk of its own.
			if p := n.Parent(); !st.inlineParents[p] {
				if st.inlineParents == nil {
					st.inlineParents = map[ast.Node]bool{}
				}
				st.inlineParents[p] = true
				st.inlineOrder = append(st.inlineOrder, p)
			}
		case *ast.Paragraph:
			// Its raw lines: the typographer splits the text into nodes.
			for i := 0; i < n.Lines().Len(); i++ {
				st.spacedLinks(n.Lines().At(i), src)
			}
		case *ast.Link:
			dest := string(n.Destination)
			off := nodeOffset(n)
			if isScriptURL(dest) {
				st.warnAt(off, fmt.Sprintf("liên kết %q bị vô hiệu hoá: không được dùng địa chỉ javascript:/data: (unsafe link neutralised)", truncate(dest, 60)))
				unlink = append(unlink, n)
				return ast.WalkContinue, nil
			}
			if res != nil {
				line := st.lines.line(off)
				l, err := res.Link(dest, line)
				if err != nil {
					st.errorAt(off, err.Error())
				} else {
					l.Dest, l.Line = dest, line
					st.links = append(st.links, l)
					n.Destination = []byte(l.Href)
				}
			}
		case *ast.AutoLink:
			// <javascript:…> is a CommonMark autolink, not an ast.Link;
			// with unsafeHTML the renderer would publish it as is.
			if u := string(n.URL(src)); isScriptURL(u) {
				st.warnAt(nodeOffset(n), fmt.Sprintf("liên kết %q bị vô hiệu hoá: không được dùng địa chỉ javascript:/data: (unsafe link neutralised)", truncate(u, 60)))
				unauto = append(unauto, n)
			}
		case *ast.Image:
			dest := string(n.Destination)
			off := nodeOffset(n)
			if isScriptURL(dest) {
				msg := fmt.Sprintf("ảnh %q bị bỏ: địa chỉ không an toàn (unsafe image URL removed)", truncate(dest, 60))
				if isDataURL(dest) {
					// An image inside the text (data:image/svg+xml can
					// carry script) is not checked, sized or cached like
					// a file.
					msg = fmt.Sprintf("ảnh nhúng trong văn bản %q bị bỏ: hãy lưu ảnh thành tệp, đặt cạnh trang rồi ghi tên tệp (data URL image removed)", truncate(dest, 40))
				}
				st.warnAt(off, msg)
				// Its description stays, as text; an <img src=""> would
				// show a broken image.
				unimage = append(unimage, n)
				return ast.WalkSkipChildren, nil
			}
			n.SetAttributeString("loading", "lazy")
			n.SetAttributeString("decoding", "async")
			if res != nil {
				u, w, h, err := res.Image(dest, st.lines.line(off))
				var warn *diag.Problem
				if errors.As(err, &warn) && warn.Level == diag.Warning {
					// A photo to use but to fix (too heavy, unreadable):
					// reported here, where the page's line is known.
					st.warnAt(off, warn.Msg)
					err = nil
				}
				if err != nil {
					st.errorAt(off, err.Error())
				} else {
					n.Destination = []byte(u)
					if w > 0 && h > 0 {
						n.SetAttributeString("width", strconv.Itoa(w))
						n.SetAttributeString("height", strconv.Itoa(h))
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, l := range unauto {
		parent := l.Parent()
		parent.ReplaceChild(parent, l, ast.NewString(l.Label(src)))
	}
	for _, img := range unimage {
		st.unwrap(img)
	}
	for _, l := range unlink {
		st.unwrap(l)
	}
}

// unwrap puts n's children in its place; shortcode tags among them are
// then paired in n's parent.
func (st *state) unwrap(n ast.Node) {
	parent := n.Parent()
	if st.inlineParents[n] && !st.inlineParents[parent] {
		st.inlineParents[parent] = true
		st.inlineOrder = append(st.inlineOrder, parent)
	}
	unwrap(n)
}

// unwrap puts n's children in its place.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// isScriptURL reports destinations a browser would run or that embed a
// document: javascript:, vbscript:, data: and file:. Browsers ignore tabs,
// newlines and case in schemes, so this does too.
func isScriptURL(dest string) bool {
	// The renderer resolves character references ("&#106;avascript:")
	// when it writes the href, so the check must see them resolved too.
	if strings.IndexByte(dest, '&') >= 0 {
		dest = string(util.ResolveEntityNames(util.ResolveNumericReferences([]byte(dest))))
	}
	var b strings.Builder
	for _, r := range dest {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
		if b.Len() > 16 {
			break
		}
	}
	s := strings.ToLower(b.String())
	// Percent-encoded schemes are not schemes: "javascript%3A" is a path.
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") ||
		strings.HasPrefix(s, "data:") || strings.HasPrefix(s, "file:")
}

// isDataURL reports a data: URL, as isScriptURL reads schemes.
func isDataURL(dest string) bool {
	return isScriptURL(dest) && strings.HasPrefix(strings.ToLower(strings.TrimLeft(dest, " \t\n")), "data")
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// nodeOffset finds a source offset for an inline node: its first text, or
// the first line of the block that holds it.
func nodeOffset(n ast.Node) int {
	if t := firstText(n); t != nil {
		return t.Segment.Start
	}
	// No text of its own (an image without alt, an empty link): the text
	// just before it tells its line, past a line break when it ends one;
	// else the text just after it.
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if t := lastText(p); t != nil {
			if t.SoftLineBreak() || t.HardLineBreak() {
				return t.Segment.Stop + 1
			}
			return t.Segment.Stop
		}
	}
	for nx := n.NextSibling(); nx != nil; nx = nx.NextSibling() {
		if t := firstText(nx); t != nil {
			return t.Segment.Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// firstText and lastText are n's first and last text nodes, n included.
func firstText(n ast.Node) *ast.Text {
	var found *ast.Text
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func lastText(n ast.Node) *ast.Text {
	var found *ast.Text
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t
		}
		return ast.WalkContinue, nil
	})
	return found
}

// spacedLinks reports "[…](a b.pdf)" left as text: CommonMark ends a link
// address at a space, so a file name with spaces (as Windows and cameras
// name them) is no link at all, and the page shows the brackets. The
// editor sees no link and no message otherwise.
func (st *state) spacedLinks(seg text.Segment, src []byte) {
	v := seg.Value(src)
	for off := 0; ; {
		i := bytes.Index(v[off:], linkOpen)
		if i < 0 {
			return
		}
		start := off + i + 2
		end := bytes.IndexAny(v[start:], ")\n")
		if end < 0 || v[start+end] != ')' {
			return
		}
		// Inside `code` it is an example, not a link.
		if bytes.Count(v[:start], backtick)%2 == 1 {
			off = start
			continue
		}
		in := bytes.TrimSpace(v[start : start+end])
		off = start + end
		// A title ("a.pdf "Kế hoạch"") or <a b.pdf> is a link, parsed.
		// A file name has no quotes, brackets or "=": text with them is
		// something else, and not an address the editor meant. Nor is
		// \[a\](b c), written so to show the brackets, or words that name
		// no file or place, as in a citation "[1](Điều 5, Luật số
		// 10/2022/QH15)" or a footnote "[^1](đã sửa đổi)". Most links
		// have no space: they are let go without a string made of them.
		if !bytes.ContainsFunc(in, unicode.IsSpace) || bytes.ContainsAny(in, "\"'<>=()[]") || escaped(v, start-2) {
			continue
		}
		inner := string(in)
		if !addressLike(inner) {
			continue
		}
		st.errorAt(seg.Start+start, fmt.Sprintf("đường dẫn %q có dấu cách nên không thành liên kết hay ảnh: trang sẽ hiện nguyên văn […](…). Hãy viết đường dẫn trong dấu < >: (<%s>), hoặc đổi tên tệp không có dấu cách, ví dụ %s (space in a link address)", truncate(inner, 60), inner, spacelessName(inner)))
	}
}

var linkOpen, backtick = []byte("]("), []byte("`")

// escaped reports whether v[i] follows an odd number of backslashes.
func escaped(v []byte, i int) bool {
	n := 0
	for i > 0 && v[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// addressLike reports whether text in "](…)" reads as an address an
// editor meant: a file name with an extension (Kế hoạch 19.pdf, Ảnh.JPG),
// a folder (../ve papi/), a URL or a path from the site's root.
func addressLike(s string) bool {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") ||
		strings.HasPrefix(s, "../") || strings.HasSuffix(s, "/") || strings.HasPrefix(s, "mailto:") {
		return true
	}
	s, _, _ = strings.Cut(s, "#")
	s, _, _ = strings.Cut(s, "?")
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return false
	}
	ext := s[i+1:]
	if len(ext) < 2 || len(ext) > 5 || !isASCIILetter(ext[0]) {
		return false
	}
	for j := 1; j < len(ext); j++ {
		if !isASCIILetter(ext[j]) && (ext[j] < '0' || ext[j] > '9') {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// spacelessName suggests a file name without spaces or diacritics.
func spacelessName(name string) string {
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && !strings.ContainsAny(name[i:], " /") {
		name, ext = name[:i], strings.ToLower(name[i:])
	}
	return textutil.Slugify(name) + ext
}

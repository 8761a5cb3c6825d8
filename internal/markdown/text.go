package markdown

import (
	"bytes"
	stdhtml "html"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// inlineText is the visible text of an inline container.
func inlineText(n ast.Node, src []byte) string {
	return string(appendInline(nil, n, src))
}

// appendInline appends the text of n's inline content to buf, trimmed of
// surrounding white space as strings.TrimSpace would. A shortcode counts
// as the text of what it rendered.
func appendInline(buf []byte, n ast.Node, src []byte) []byte {
	start := len(buf)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			buf = append(buf, t.Segment.Value(src)...)
			if t.SoftLineBreak() || t.HardLineBreak() {
				buf = append(buf, ' ')
			}
		case *ast.String:
			// The typographer's quotes and dashes are HTML entities
			// ("&rsquo;"); headings text is plain, escaped where used.
			if t.IsCode() {
				buf = append(buf, stdhtml.UnescapeString(string(t.Value))...)
			} else {
				buf = append(buf, t.Value...)
			}
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			buf = append(buf, t.Label(src)...)
		case *shortcodeInline:
			buf = append(buf, htmlText(t.call.html)...)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	text := bytes.TrimSpace(buf[start:])
	n0 := copy(buf[start:], text)
	return buf[:start+n0]
}

// plainText returns the document's text and its first paragraph (a
// shortcode standing alone counts as one); buf is scratch space, returned
// for reuse.
func plainText(buf []byte, doc ast.Node, src []byte) ([]byte, string, string) {
	buf = slices.Grow(buf, len(src))
	summary := ""
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		buf = appendBlockText(buf, c, src)
		if summary == "" {
			switch t := c.(type) {
			case *ast.Paragraph:
				summary = inlineText(c, src)
			case *shortcodeBlock:
				summary = htmlText(t.call.html)
			}
		}
	}
	return buf, string(bytes.TrimSpace(buf)), summary
}

func appendBlockText(buf []byte, n ast.Node, src []byte) []byte {
	switch t := n.(type) {
	case *ast.HTMLBlock:
		return buf
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			buf = append(buf, seg.Value(src)...)
		}
		return append(buf, '\n')
	case *shortcodeBlock:
		buf = append(buf, htmlText(t.call.html)...)
		return append(buf, '\n')
	}
	if n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeInline {
		buf = appendInline(buf, n, src)
		return append(buf, '\n')
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		buf = appendBlockText(buf, c, src)
	}
	return buf
}

// isBlockTag reports whether tag name separates words in htmlText.
func isBlockTag(name string) bool {
	switch strings.ToLower(name) {
	case "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
		"dd", "dt", "dl", "figure", "figcaption", "aside", "section", "blockquote", "pre", "svg", "desc",
		"title", "br":
		return true
	}
	return false
}

// htmlText is the visible text of an HTML fragment, spaces collapsed:
// block tags separate words, inline tags do not. A "<" with no ">" after
// it is text. It scans by hand: shortcodes render charts and tables of
// many kilobytes, and two regular expressions over them cost more than the
// rest of the page's conversion.
func htmlText(h string) string {
	if strings.IndexByte(h, '<') < 0 && strings.IndexByte(h, '&') < 0 {
		return strings.Join(strings.Fields(h), " ")
	}
	var b strings.Builder
	b.Grow(len(h) / 2)
	for i := 0; i < len(h); {
		lt := strings.IndexByte(h[i:], '<')
		if lt < 0 {
			b.WriteString(h[i:])
			break
		}
		b.WriteString(h[i : i+lt])
		i += lt
		gt := strings.IndexByte(h[i:], '>')
		if gt < 0 {
			b.WriteString(h[i:])
			break
		}
		name := strings.TrimPrefix(h[i+1:i+gt], "/")
		if end := strings.IndexFunc(name, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') }); end >= 0 {
			name = name[:end]
		}
		if isBlockTag(name) {
			b.WriteByte(' ')
		}
		i += gt + 1
		// A drawing's text (a chart's axis labels, its title again) is
		// not prose: the chart states its title, summary and data as
		// HTML beside it, and search would only see them twice.
		if strings.EqualFold(name, "svg") && h[i-gt] != '/' && h[i-2] != '/' {
			if end := strings.Index(strings.ToLower(h[i:]), "</svg>"); end >= 0 {
				i += end + len("</svg>")
				b.WriteByte(' ')
			}
		}
	}
	return strings.Join(strings.Fields(stdhtml.UnescapeString(b.String())), " ")
}

// countWords counts space-separated words without building a slice:
// len(strings.Fields(s)). Text without Unicode spaces (nearly all of it)
// is counted a byte at a time without branches: every byte of a
// multi-byte letter is part of a word, as in strings.Fields, which also
// counts broken UTF-8 as letters.
func countWords(s string) int {
	if hasUnicodeSpace(s) {
		return len(strings.Fields(s))
	}
	n := 0
	prev := uint8(1) // the byte before the start is a space
	for i := 0; i < len(s); i++ {
		sp := asciiSpace[s[i]]
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

// asciiSpace is 1 for the bytes unicode.IsSpace accepts below 0x80.
var asciiSpace = [256]uint8{' ': 1, '\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1}

// hasUnicodeSpace reports whether s holds a space beyond ASCII: U+0085,
// U+00A0 (lead byte C2), U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
// U+205F, U+3000 (E3). E2 also begins common punctuation (“ ” – …), so
// its sequences are looked at one by one.
func hasUnicodeSpace(s string) bool {
	if strings.IndexByte(s, 0xC2) >= 0 || strings.IndexByte(s, 0xE3) >= 0 || strings.Contains(s, "\u1680") {
		return true
	}
	for i := strings.IndexByte(s, 0xE2); i >= 0 && i+2 < len(s); {
		b1, b2 := s[i+1], s[i+2]
		if b1 == 0x80 && (b2 >= 0x80 && b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) || b1 == 0x81 && b2 == 0x9F {
			return true
		}
		j := strings.IndexByte(s[i+1:], 0xE2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

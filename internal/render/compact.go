package render

import (
	"strings"
	"text/template/parse"
	"unsafe"

	minhtml "github.com/tdewolff/minify/v2/html"
	tdparse "github.com/tdewolff/parse/v2"
)

// Compacting layouts.
//
// A minified site is the goal, but minifying every finished page spends
// most of its time on the layout's markup, which is the same on every
// page: about a sixth of a 10,000-page build. So the whitespace the
// minifier would remove from a page is removed from the layouts' text once,
// as they are parsed, and only the Markdown part of each page (which
// differs from page to page) goes through the minifier.
//
// compactTree follows the rules of tdewolff/minify's HTML minifier for
// whitespace between tags: runs collapse to one character, and go entirely
// after a block-level tag (with only tags between) or before one. It reads
// the layout's text as HTML, with each action standing for text it cannot
// see, and it only ever removes whitespace it knows to be in text content:
// never in attribute values, comments, <pre>, <textarea>, <script>,
// <style>, <svg> or <math>. When it cannot follow the markup (a tag whose
// name comes from an action, branches that end in different states) it
// leaves the template as written: the page is then a little larger, never
// different.

// Where the scan is in the HTML.
const (
	inText    = iota
	inTag     // between a tag's name and its '>', outside quotes
	inQuote   // in a quoted attribute value
	inRaw     // in the content of an element whose text is kept as is
	inComment // in <!-- -->
)

type scanState struct {
	at    int
	quote byte   // the open quote, inQuote
	raw   string // the element whose content is kept, inRaw
	// Set while in a tag: its name (lower case), whether it is an end
	// tag, and whether the name is complete (an action can cut it).
	tag    string
	spelt  string // the tag's name as written
	endTag bool
	// omit: whitespace here follows a block boundary with only tags since,
	// so the browser draws none and the minifier drops it.
	omit bool
}

// same reports whether two states read the markup the same way; where
// branches of an {{if}} meet they must (html/template requires it too).
func (s scanState) same(o scanState) bool {
	return s.at == o.at && s.quote == o.quote && s.raw == o.raw
}

type compacter struct {
	edits    map[*parse.TextNode][]byte
	confused bool
	// whole: the text is a whole document (CompactHTML), whose end drops
	// the white space before it as a block does.
	whole bool
}

// compactTree removes needless whitespace from the text of one parsed
// template, in place. The positions of its nodes do not change, so errors
// still name the template's own lines.
func compactTree(t *parse.Tree) {
	if t == nil || t.Root == nil {
		return
	}
	c := &compacter{edits: map[*parse.TextNode][]byte{}}
	end := c.list(t.Root, scanState{})
	if c.confused || end.at != inText {
		return
	}
	for n, text := range c.edits {
		n.Text = text
	}
}

func (c *compacter) list(l *parse.ListNode, s scanState) scanState {
	if l == nil {
		return s
	}
	for _, n := range l.Nodes {
		if c.confused {
			return s
		}
		s = c.node(n, s)
	}
	return s
}

func (c *compacter) node(n parse.Node, s scanState) scanState {
	switch n := n.(type) {
	case *parse.TextNode:
		var out []byte
		out, s = c.text(nil, string(n.Text), s)
		if out != nil {
			c.edits[n] = out
		}
	case *parse.ActionNode, *parse.TemplateNode:
		// Text the scan cannot see: it ends a run of tags, and cannot be
		// inside a tag's name.
		if s.at == inTag && s.tag == "" {
			c.confused = true
		}
		if s.at == inText {
			s.omit = false
		}
	case *parse.IfNode:
		s = c.branch(s, n.List, n.ElseList, false)
	case *parse.WithNode:
		s = c.branch(s, n.List, n.ElseList, false)
	case *parse.RangeNode:
		s = c.branch(s, n.List, n.ElseList, true)
	case *parse.ListNode:
		s = c.list(n, s)
	case *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	default:
		c.confused = true
	}
	return s
}

// branch scans both arms of an {{if}}, {{with}} or {{range}} from the same
// state. A range body may run again after itself, so its start cannot
// assume the whitespace-dropping state.
func (c *compacter) branch(s scanState, body, alt *parse.ListNode, loop bool) scanState {
	in := s
	if loop {
		in.omit = false
	}
	a := c.list(body, in)
	b := c.list(alt, s)
	if !a.same(b) || loop && !a.same(s) {
		// The arms leave the markup in different states: leave it to the
		// escaper to judge, and touch nothing.
		c.confused = true
		return s
	}
	out := a
	out.omit = a.omit && b.omit
	return out
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

func isLetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// isNameByte reports whether b continues a tag name: in HTML a name runs
// to white space, '/' or '>' ("ul!" is not "ul").
func isNameByte(b byte) bool {
	return !isSpace(b) && b != '/' && b != '>'
}

// text scans one text node from state s. It returns the node's new text,
// or nil when nothing changed, and the state at its end.
func (c *compacter) text(dst []byte, in string, s scanState) ([]byte, scanState) {
	out := dst[:0]
	if cap(out) < len(in) {
		out = make([]byte, 0, len(in))
	}
	changed := false
	// kept is where the last whitespace run kept in this node was written,
	// while only comments follow it: html/template removes comments, so
	// for the minifier that run and the next are one.
	kept := -1
	for i := 0; i < len(in); {
		ch := in[i]
		switch s.at {
		case inText:
			switch {
			case isSpace(ch):
				j := i
				newline := false
				for j < len(in) && isSpace(in[j]) {
					newline = newline || in[j] == '\n' || in[j] == '\r'
					j++
				}
				drop := s.omit || blockFollows(in[j:], c.whole)
				switch {
				case drop:
					changed = true
					if newline && kept >= 0 && out[kept] == ' ' {
						out[kept] = '\n'
					}
				case j-i == 1 && (ch == ' ' || ch == '\n'):
					out = append(out, ch)
				default:
					changed = true
					if newline {
						out = append(out, '\n')
					} else {
						out = append(out, ' ')
					}
				}
				if !drop {
					s.omit = true // a second run after this one is dropped
					kept = len(out) - 1
				}
				i = j
				continue
			case ch == '<' && i+1 < len(in) && (isLetter(in[i+1]) || in[i+1] == '/' && i+2 < len(in) && isLetter(in[i+2])):
				kept = -1
				s.at, s.endTag = inTag, in[i+1] == '/'
				j := i + 1
				if s.endTag {
					j++
				}
				k := j
				for k < len(in) && isNameByte(in[k]) {
					k++
				}
				if k == len(in) || s.endTag && in[k] != '>' || in[k] == '/' && !strings.HasPrefix(in[k:], "/>") {
					// The name may go on in an action, or an end tag has
					// more in it than its name: unknown ground.
					c.confused = true
					return nil, s
				}
				s.tag, s.spelt = lower(in[j:k]), in[j:k]
				out = append(out, in[i:k]...)
				i = k
				continue
			case ch == '<' && i+1 < len(in) && in[i+1] == '!':
				if len(in)-i >= 4 && in[i:i+4] == "<!--" {
					s.at = inComment
					out = append(out, in[i:i+4]...)
					i += 4
					continue
				}
				if len(in)-i >= 9 && lower(in[i+2:i+9]) == "doctype" {
					// <!DOCTYPE …>: a tag that draws nothing.
					s.at, s.endTag, s.tag = inTag, false, "!doctype"
					out = append(out, ch)
					i++
					continue
				}
				s.omit, kept = false, -1 // any other "<!" is text
			default:
				s.omit = false
				kept = -1
				// Text runs to the next tag or white space other than
				// one space between words, which stays as it is: copied
				// whole.
				j := i + 1
				for j < len(in) {
					if byteClass[in[j]] == textByte {
						j++
						continue
					}
					if in[j] != ' ' || j+1 == len(in) || byteClass[in[j+1]] != textByte {
						break
					}
					j += 2
				}
				out = append(out, in[i:j]...)
				i = j
				continue
			}
		case inTag:
			switch {
			case ch == '"' || ch == '\'':
				s.at, s.quote = inQuote, ch
			case ch == '>':
				s.at = inText
				switch {
				case !s.endTag && isRawContent(s.tag):
					// The minifier's lexer ends it only at "</script" (say)
					// in lower case, and only when it was opened so.
					if s.spelt != s.tag {
						c.confused = true
						return nil, s
					}
					s.at, s.raw = inRaw, s.tag
				case isBlockTag(s.tag) || s.tag == "!doctype":
					s.omit = true
				case isObjectTag(s.tag):
					s.omit = false
				case !s.endTag && isPhrasingTag(s.tag) && c.emptyElement(in[i+1:], s.tag):
					// The minifier keeps the white space after an empty
					// phrasing element (an icon: "<i class=x></i> y").
					s.omit = false
				}
				s.tag = ""
			case isSpace(ch) && !s.endTag:
				// Between a start tag's attributes; an end tag has none
				// and is left as written.
				j := i
				for j < len(in) && isSpace(in[j]) {
					j++
				}
				if j-i > 1 || ch != ' ' {
					changed = true
				}
				out = append(out, ' ')
				i = j
				continue
			}
		case inQuote:
			if ch == s.quote {
				s.at, s.quote = inTag, 0
			} else if j := strings.IndexByte(in[i:], s.quote); j > 0 {
				// The value, copied whole.
				out = append(out, in[i:i+j]...)
				i += j
				continue
			}
		case inRaw:
			// Its end tag (see inTag's '>').
			if e := i + 2 + len(s.raw); ch == '<' && e <= len(in) && in[i+1] == '/' && in[i+2:e] == s.raw && (e == len(in) || !isNameByte(in[e])) {
				// Scanned as a tag from here.
				s.at, s.raw = inText, ""
				continue
			}
		case inComment:
			if ch == '-' && len(in)-i >= 3 && in[i:i+3] == "-->" {
				s.at = inText
				out = append(out, in[i:i+3]...)
				i += 3
				continue
			}
		}
		out = append(out, ch)
		i++
	}
	if !changed {
		return nil, s
	}
	return out, s
}

// blockFollows reports whether the text after a whitespace run, up to the
// first text or start tag, reaches a block-level tag: the minifier then
// drops the run. Reaching the end of the node decides nothing (an action
// comes next), so the run is kept, unless the node is the whole document
// (atEnd), whose end the minifier treats as a block.
func blockFollows(rest string, atEnd bool) bool {
	for i := 0; i < len(rest); {
		switch {
		case isSpace(rest[i]):
			i++
		case strings.HasPrefix(rest[i:], "<!--"):
			// Removed by html/template before anyone sees it.
			end := strings.Index(rest[i+4:], "-->")
			if end < 0 {
				return false
			}
			i += 4 + end + 3
		case rest[i] == '<' && i+1 < len(rest):
			j := i + 1
			end := rest[j] == '/'
			if end {
				j++
			}
			if j == len(rest) || !isLetter(rest[j]) {
				return false // "<" that opens no tag is text
			}
			k := j
			for k < len(rest) && isNameByte(rest[k]) {
				k++
			}
			if k == len(rest) || end && rest[k] != '>' || rest[k] == '/' && !strings.HasPrefix(rest[k:], "/>") {
				return false
			}
			name := lower(rest[j:k])
			if isBlockTag(name) {
				return true
			}
			if !end {
				return false
			}
			// An inline end tag: look past it.
			gt := k
			for gt < len(rest) && rest[gt] != '>' && rest[gt] != '<' {
				gt++
			}
			if gt == len(rest) || rest[gt] != '>' {
				return false
			}
			i = gt + 1
		default:
			return false
		}
	}
	return atEnd
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// isBlockTag reports the elements around which the minifier drops whitespace
// (tdewolff/minify's html table, blockTag trait).
func isBlockTag(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "br", "caption", "col", "colgroup", "dd",
		"details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
		"h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li",
		"main", "menu", "nav", "noscript", "ol", "option", "p", "pre", "section", "style",
		"summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul":
		return true
	}
	return false
}

// isObjectTag: these draw something, so whitespace after them is kept.
func isObjectTag(name string) bool {
	switch name {
	case "button", "canvas", "iframe", "img", "input", "meter", "object", "progress", "q", "rt",
		"select", "svg", "textarea", "video", "audio", "math", "wbr":
		return true
	}
	return false
}

// isPhrasingTag reports the elements the minifier's table marks as plain
// phrasing content (normalTag): after one that is empty it keeps white
// space.
func isPhrasingTag(name string) bool {
	switch name {
	case "abbr", "area", "b", "base", "bb", "bdi", "bdo", "body", "cite", "code", "data", "dfn",
		"dialog", "em", "embed", "i", "kbd", "link", "mark", "meta", "output", "param",
		"picture", "rp", "ruby", "s", "samp", "slot", "small", "source", "span", "strong", "sub",
		"sup", "template", "time", "track", "u", "var", "acronym", "applet", "basefont", "big",
		"font", "frame", "frameset", "menuitem", "nobr", "plaintext", "rb", "strike", "tt",
		"portal":
		return true
	}
	return false
}

// emptyElement reports whether rest, the text after the start tag of
// element tag, begins with its end tag. In a layout the text may end
// there, an action following: the element may be empty, and is taken to
// be, unless it is a void element (<meta>, <link>), which has no end tag.
func (c *compacter) emptyElement(rest, tag string) bool {
	if rest == "" {
		return !c.whole && !isVoidElement(tag)
	}
	if len(rest) < 2 || rest[0] != '<' || rest[1] != '/' {
		return false
	}
	k := 2
	for k < len(rest) && isNameByte(rest[k]) {
		k++
	}
	return lower(rest[2:k]) == tag
}

// isRawContent reports the elements whose content is left exactly as written.
func isRawContent(name string) bool {
	switch name {
	case "pre", "textarea", "script", "style", "svg", "math", "iframe", "listing", "xmp",
		"plaintext":
		return true
	}
	return false
}

// CompactHTML returns a page's converted Markdown with the whitespace the
// minifier would remove removed, by the rules compactTree applies to
// layouts, when that is all the minifier would change; ok is false
// otherwise, and the fragment should go through the minifier. For most
// pages the minifier changes nothing else (goldmark writes tags in lower
// case, quotes every attribute value and writes no comments), and this is
// several times cheaper. So that the result is the minifier's byte for
// byte, only plain markup qualifies: a known set of elements whose tags
// are lower case, every attribute name="value" with a single-line value
// of no needless spaces or character references, in text only the
// references goldmark writes (rewritten as the minifier does), and no
// comment or processing of any other kind (script, style, SVG, MathML,
// pre).
// FuzzCompactHTML checks the claim against the minifier.
//
// The result is written into dst's storage when it has room; dst must not
// share storage with html.
func CompactHTML(dst, html []byte) (out []byte, ok bool) {
	plain, refs := plainMarkup(html)
	if !plain {
		return nil, false
	}
	c := &compacter{whole: true}
	// The fragment is a document of its own to the minifier: white space
	// at its start and end goes.
	lead := 0
	for lead < len(html) && isSpace(html[lead]) {
		lead++
	}
	// The scan reads the bytes as a string without copying them (7 KB a
	// page): they do not change while it runs, and nothing it keeps of
	// them (tag names in the end state) outlives this call.
	var in string
	if lead < len(html) {
		in = unsafe.String(&html[lead], len(html)-lead)
	}
	res, end := c.text(dst, in, scanState{omit: true})
	if c.confused || end.at != inText {
		return nil, false
	}
	if res == nil {
		if !refs {
			res = html[lead:]
		} else { // rewritten below: not in the caller's bytes
			res = append(dst[:0], html[lead:]...)
		}
	}
	for len(res) > 0 && isSpace(res[len(res)-1]) {
		res = res[:len(res)-1]
	}
	if refs {
		// The references are in text (plainMarkup refuses them in tags),
		// where the minifier rewrites them with this function and these
		// tables: "&amp;" becomes "&" unless a name follows, "&hellip;"
		// "&mldr;", "&quot;" '"'.
		res = tdparse.ReplaceEntities(res, minhtml.EntitiesMap, minhtml.TextRevEntitiesMap)
	}
	return res, true
}

// plainMarkup reports whether html is text and plain tags only (see
// CompactHTML).
func plainMarkup(html []byte) (ok, refs bool) {
	// Open elements, as offsets of their names: the tags must nest, as
	// goldmark's do (the minifier reads stray end tags its own way).
	var open [32][2]int
	depth := 0
	for i := 0; i < len(html); i++ {
		if byteClass[html[i]] != markupByte {
			continue
		}
		switch html[i] {
		case '&':
			n := plainReference(html[i:])
			if n == 0 {
				return false, false
			}
			refs = true
			i += n - 1
		case '>', '\r', '\f', 0:
			return false, false
		case '<':
			n, lo, hi, end := plainTag(html[i:])
			if n == 0 {
				return false, false
			}
			name := html[i+lo : i+hi]
			switch {
			case isVoidElement(string(name)):
				if end {
					return false, false
				}
			case end:
				if depth == 0 {
					return false, false
				}
				o := open[depth-1]
				if string(html[o[0]:o[1]]) != string(name) {
					return false, false
				}
				depth--
			default:
				if depth == len(open) {
					return false, false
				}
				open[depth] = [2]int{i + lo, i + hi}
				depth++
			}
			i += n - 1
		}
	}
	return depth == 0, refs
}

// byteClass sorts bytes for the scans of plain markup: text (copied as
// is), white space, and markup ('<' and what plainMarkup refuses). It is
// computed once and never written again.
var byteClass = func() (t [256]uint8) {
	for _, c := range []byte(" \t\n\r\f") {
		t[c] = spaceByte
	}
	for _, c := range []byte("<&>\r\f\x00") {
		t[c] = markupByte
	}
	return t
}()

const (
	textByte = iota
	spaceByte
	markupByte
)

// isVoidElement reports whether HTML gives the element no content.
func isVoidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
		"source", "track", "wbr":
		return true
	}
	return false
}

// plainReference returns the length of the character reference b starts
// with when it is one goldmark writes in text (its escapes, and the
// typographer's quotes, dashes and ellipsis), else 0. None of them stands
// for white space, which the minifier would treat differently.
func plainReference(b []byte) int {
	end := 1
	for end < len(b) && end <= 8 && b[end] >= 'a' && b[end] <= 'z' {
		end++
	}
	if end == len(b) || b[end] != ';' {
		return 0
	}
	switch string(b[1:end]) {
	case "amp", "lt", "gt", "quot", "ldquo", "rdquo", "lsquo", "rsquo", "ndash", "mdash",
		"hellip", "laquo", "raquo":
		return end + 1
	}
	return 0
}

// isPlainTag reports whether name is one of the elements plainMarkup
// accepts: what Markdown makes, and the simple ones an editor may write
// as HTML.
func isPlainTag(name []byte) bool {
	switch string(name) {
	case "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
		"div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
		"h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "s", "small",
		"span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
		"tr", "u", "ul":
		return true
	}
	return false
}

// plainTag returns the length of the plain tag b starts with, or 0, the
// offsets of its name, and whether it is an end tag.
func plainTag(b []byte) (n, lo, hi int, end bool) {
	lo = 1
	end = len(b) > 1 && b[1] == '/'
	if end {
		lo = 2
	}
	hi = lo
	for hi < len(b) && (b[hi] >= 'a' && b[hi] <= 'z' || b[hi] >= '1' && b[hi] <= '6') {
		hi++
	}
	if !isPlainTag(b[lo:hi]) {
		return 0, 0, 0, false
	}
	n = plainTagEnd(b, hi, end)
	return n, lo, hi, end
}

// plainTagEnd returns the length of the tag whose name ends at j, or 0
// when what follows is not plain: nothing for an end tag, else
// ' name="value"' attributes.
func plainTagEnd(b []byte, j int, end bool) int {
	if end {
		if j < len(b) && b[j] == '>' {
			return j + 1
		}
		return 0
	}
	for {
		if j < len(b) && b[j] == '>' {
			return j + 1
		}
		// One attribute: ' name="value"'.
		if j >= len(b) || b[j] != ' ' {
			return 0
		}
		j++
		k := j
		for k < len(b) && (b[k] >= 'a' && b[k] <= 'z' || b[k] == '-') {
			k++
		}
		if k == j || k+1 >= len(b) || b[k] != '=' || b[k+1] != '"' {
			return 0
		}
		v := k + 2
		e := v
		for e < len(b) && b[e] != '"' {
			switch b[e] {
			case '\n', '\t', '\r', '\f', '<', '>', '&':
				return 0 // the minifier rewrites references in values
			case ' ':
				if e == v || e+1 >= len(b) || b[e+1] == '"' || b[e+1] == ' ' {
					return 0
				}
			}
			e++
		}
		if e >= len(b) || e == v {
			return 0
		}
		j = e + 1
	}
}

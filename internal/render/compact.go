package render

import (
	"strings"
	"text/template/parse"
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
		out, s = c.text(string(n.Text), s)
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
func (c *compacter) text(in string, s scanState) ([]byte, scanState) {
	var out []byte
	changed := false
	emit := func(b ...byte) { out = append(out, b...) }
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
				drop := s.omit || blockFollows(in[j:])
				switch {
				case drop:
					changed = true
					if newline && kept >= 0 && out[kept] == ' ' {
						out[kept] = '\n'
					}
				case j-i == 1 && (ch == ' ' || ch == '\n'):
					emit(ch)
				default:
					changed = true
					if newline {
						emit('\n')
					} else {
						emit(' ')
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
					emit(ch)
					i++
					continue
				}
				s.omit, kept = false, -1 // any other "<!" is text
			default:
				s.omit = false
				kept = -1
			}
		case inTag:
			switch {
			case ch == '"' || ch == '\'':
				s.at, s.quote = inQuote, ch
			case ch == '>':
				s.at = inText
				switch {
				case !s.endTag && rawContent[s.tag]:
					// The minifier's lexer ends it only at "</script" (say)
					// in lower case, and only when it was opened so.
					if s.spelt != s.tag {
						c.confused = true
						return nil, s
					}
					s.at, s.raw = inRaw, s.tag
				case blockTags[s.tag] || s.tag == "!doctype":
					s.omit = true
				case objectTags[s.tag]:
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
				emit(' ')
				i = j
				continue
			}
		case inQuote:
			if ch == s.quote {
				s.at, s.quote = inTag, 0
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
		emit(ch)
		i++
	}
	if !changed {
		return nil, s
	}
	if out == nil {
		out = []byte{}
	}
	return out, s
}

// blockFollows reports whether the text after a whitespace run, up to the
// first text or start tag, reaches a block-level tag: the minifier then
// drops the run. Reaching the end of the node decides nothing (an action
// comes next), so the run is kept.
func blockFollows(rest string) bool {
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
			if blockTags[name] {
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
	return false
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

// blockTags are the elements around which the minifier drops whitespace
// (tdewolff/minify's html table, blockTag trait).
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true,
	"caption": true, "col": true, "colgroup": true, "dd": true, "details": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "head": true, "header": true, "hgroup": true,
	"hr": true, "html": true, "legend": true, "li": true, "main": true, "menu": true,
	"nav": true, "noscript": true, "ol": true, "option": true, "p": true, "pre": true,
	"section": true, "style": true, "summary": true, "table": true, "tbody": true,
	"td": true, "tfoot": true, "th": true, "thead": true, "title": true, "tr": true,
	"ul": true,
}

// objectTags draw something, so whitespace after them is kept.
var objectTags = map[string]bool{
	"button": true, "canvas": true, "iframe": true, "img": true, "input": true,
	"meter": true, "object": true, "progress": true, "q": true, "rt": true,
	"select": true, "svg": true, "textarea": true, "video": true, "audio": true,
	"math": true, "wbr": true,
}

// rawContent are the elements whose content is left exactly as written.
var rawContent = map[string]bool{
	"pre": true, "textarea": true, "script": true, "style": true, "svg": true,
	"math": true, "iframe": true, "listing": true, "xmp": true, "plaintext": true,
}

// Package markdown converts page bodies to HTML with goldmark: GFM,
// footnotes, definition lists, typographer, Vietnamese-aware heading IDs,
// shortcodes, link rewriting and checking, and safe handling of raw HTML
// and script URLs.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"portal/internal/textutil"
)

// Options configure a Converter.
type Options struct {
	// Unsafe passes raw HTML through. Off by default: raw HTML is shown
	// escaped, as text, so nothing an editor pastes can run in a reader's
	// browser.
	Unsafe bool
	// Typographer turns straight quotes and dashes into typographic ones.
	Typographer bool
}

// Resolver maps the link and image destinations a page uses to the URLs to
// publish, and reports the ones that lead nowhere.
type Resolver interface {
	// Link returns the href for dest, written at line.
	Link(dest string, line int) (string, error)
	// Image returns the src for dest and, for local images, their size
	// (0 when unknown).
	Image(dest string, line int) (src string, width, height int, err error)
}

// Heading is one heading of a page, for tables of contents and anchors.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Problem is a mistake found while converting, at a source line.
type Problem struct {
	Line    int
	Msg     string
	Warning bool
}

// Result is a converted page body.
type Result struct {
	HTML     []byte
	Headings []Heading
	// Plain is the body's text without markup, for search and summaries.
	Plain string
	// Summary is the first paragraph's text.
	Summary   string
	WordCount int
	Problems  []Problem
}

// Input is one conversion's source and context.
type Input struct {
	Src []byte
	// FirstLine is the file line on which Src starts.
	FirstLine  int
	Resolver   Resolver
	Shortcodes ShortcodeFunc
	// Out, when set, is emptied and the HTML is rendered into it;
	// Result.HTML may then share its bytes, until Out is next used. A
	// build that copies the HTML at once reuses one buffer instead of
	// allocating a page's worth each time.
	Out *bytes.Buffer
}

// Converter turns Markdown into HTML. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// noLinks is md without GFM's autolinking of bare URLs and e-mail
	// addresses, for the many bodies that have none: its parser runs at
	// every space of the text, about a sixth of parsing Vietnamese prose.
	noLinks goldmark.Markdown
	opts    Options
	// Scratch reused across pages: goldmark wraps a writer that is not
	// buffered in a new 4 KB bufio.Writer per page, and the plain text is
	// gathered before it is copied into its string.
	writers sync.Pool // *bufio.Writer
	texts   sync.Pool // *[]byte
}

// New returns a Converter with the site's Markdown options.
func New(opts Options) *Converter {
	return &Converter{
		md:      newGoldmark(opts, extension.Linkify),
		noLinks: newGoldmark(opts),
		opts:    opts,
	}
}

// mayAutolink reports whether GFM's autolinking could find anything in
// src: it links only text starting "http://", "https://", "ftp://" or
// "www.", and e-mail addresses.
func mayAutolink(src []byte) bool {
	return bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www.")) || bytes.IndexByte(src, '@') >= 0
}

// newGoldmark returns goldmark with GFM (tables, strikethrough, task
// lists, plus the extra extensions given), footnotes and definition lists.
func newGoldmark(opts Options, extra ...goldmark.Extender) goldmark.Markdown {
	// Column alignment (|:-:|) becomes a class, not goldmark's default
	// style attribute, which the site's Content-Security-Policy (no
	// 'unsafe-inline') would block: see alignedCells.
	table := extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
	exts := append([]goldmark.Extender{table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.DefinitionList}, extra...)
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(alignedCells{}, 10))}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 10)))
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 1000)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

var stateKey = parser.NewContextKey()

type state struct {
	in       *Input
	lines    *lineMap
	problems []Problem
	headings []Heading
	ids      *headingIDs
	tok      *tokens
	// inner holds the headings of each paired shortcode's inner Markdown,
	// by placeholder number.
	inner map[int][]Heading
}

// lineMap turns byte offsets of the text goldmark sees into file lines,
// also when shortcodes were swapped for placeholders of another length.
type lineMap struct {
	src  []byte
	orig []int // file line of each line of the converted text
	// The last offset asked and its line index: offsets mostly come in
	// document order, so the next answer counts newlines from there.
	off, idx int
}

func newLineMap(src []byte, orig []int) *lineMap {
	return &lineMap{src: src, orig: orig}
}

func (m *lineMap) line(off int) int {
	off = min(max(off, 0), len(m.src))
	if off < m.off {
		m.off, m.idx = 0, 0
	}
	m.idx += bytes.Count(m.src[m.off:off], newline)
	m.off = off
	if m.idx < len(m.orig) {
		return m.orig[m.idx]
	}
	return m.orig[len(m.orig)-1]
}

var newline = []byte("\n")

// Convert renders in. Problems are returned in the result, not as an
// error, so one page can report every mistake it has.
func (c *Converter) Convert(in Input) Result {
	if line, n, over := markupLoad(in.Src); over {
		first := max(in.FirstLine, 1)
		return Result{Problems: []Problem{{Line: first + line, Msg: fmt.Sprintf(
			"đoạn văn có quá nhiều ký tự đánh dấu *, _ hoặc [ (%d, tối đa %d mỗi đoạn); hãy chia thành nhiều đoạn, hoặc đặt nội dung vào khối mã ``` (too much markup in one paragraph)", n, maxParagraphMarks)}}}
	}
	ids := &headingIDs{used: map[string]bool{}, next: map[string]int{}, lines: map[string]int{}}
	return c.convert(in, ids)
}

// goldmark matches emphasis delimiters and link brackets by scanning back
// over the ones before, so one paragraph of n of them costs n² steps:
// 20,000 took over a second and 100,000 about a minute. The limits keep a
// page's conversion near a second at worst; real prose has a few dozen.
const (
	maxParagraphMarks = 10_000
	maxMarkWork       = 400_000_000 // Σ n² over the file's paragraphs
)

// markupLoad finds the paragraph (text between blank lines, outside
// fenced code) whose count of '*', '_' and '[' passes maxParagraphMarks,
// or whose count brings the file's Σ n² past maxMarkWork. line is its
// first line, 0-based.
func markupLoad(src []byte) (line, n int, over bool) {
	if len(src) < maxParagraphMarks {
		return 0, 0, false // too short to hold that many
	}
	work, count, start, ln := 0, 0, 0, 0
	fence := byte(0)
	for off := 0; off < len(src); ln++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		l := bytes.TrimSpace(src[off:end])
		off = end + 1
		if fence != 0 {
			if bytes.HasPrefix(l, []byte{fence, fence, fence}) {
				fence = 0
			}
			continue
		}
		if bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~")) {
			fence = l[0]
			work += count * count
			count = 0
			continue
		}
		if len(l) == 0 {
			work += count * count
			count = 0
			continue
		}
		if count == 0 {
			start = ln
		}
		for _, c := range l {
			if c == '*' || c == '_' || c == '[' {
				count++
			}
		}
		if count > maxParagraphMarks || work+count*count > maxMarkWork {
			return start, count, true
		}
	}
	return 0, 0, false
}

// tokens are the placeholders that stand for one conversion's shortcodes
// while goldmark parses the page: prefix, number, "x". The prefix is one
// the page's text does not contain, so no word of the page is ever taken
// for a placeholder.
type tokens struct {
	prefix   string
	rendered []string
}

func newTokens(src []byte) *tokens {
	prefix := "pxsc"
	for bytes.Contains(src, []byte(prefix)) {
		prefix += "q"
	}
	return &tokens{prefix: prefix}
}

func (t *tokens) name(i int) string { return t.prefix + strconv.Itoa(i) + "x" }

// each calls fn with the byte range and number of every placeholder in b.
func (t *tokens) each(b []byte, fn func(start, end, n int)) {
	if t == nil || len(t.rendered) == 0 {
		return
	}
	p := []byte(t.prefix)
	for off := 0; ; {
		i := bytes.Index(b[off:], p)
		if i < 0 {
			return
		}
		start := off + i
		j := start + len(p)
		k := j
		for k < len(b) && '0' <= b[k] && b[k] <= '9' {
			k++
		}
		off = start + len(p)
		if k == j || k >= len(b) || b[k] != 'x' {
			continue
		}
		n, err := strconv.Atoi(string(b[j:k]))
		if err != nil || n >= len(t.rendered) {
			continue
		}
		fn(start, k+1, n)
		off = k + 1
	}
}

func (c *Converter) convert(in Input, ids *headingIDs) Result {
	if in.FirstLine < 1 {
		in.FirstLine = 1
	}
	st := &state{in: &in, ids: ids}
	src := in.Src
	firstLines := func(n int) []int {
		o := make([]int, n)
		for i := range o {
			o[i] = in.FirstLine + i
		}
		return o
	}
	origLineOf := func(off int) int { return in.FirstLine + bytes.Count(src[:off], []byte("\n")) }
	var tok *tokens
	var blockTokens []bool
	if bytes.Contains(src, []byte("{{<")) {
		var err error
		tok = newTokens(src)
		src, blockTokens, st.lines, err = c.expandShortcodes(in, ids, origLineOf, st, tok)
		if err != nil {
			st.problems = append(st.problems, problemFromErr(err, in.FirstLine))
			src = in.Src
			tok = nil
			st.lines = newLineMap(src, firstLines(bytes.Count(src, []byte("\n"))+1))
		}
	} else {
		st.lines = newLineMap(src, firstLines(bytes.Count(src, []byte("\n"))+1))
	}
	st.tok = tok
	prevTok := ids.tok
	ids.tok = tok
	defer func() { ids.tok = prevTok }()
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	md := c.md
	if !mayAutolink(src) {
		md = c.noLinks
	}
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	buf := in.Out
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	buf.Grow(len(src) + len(src)/2)
	bw, _ := c.writers.Get().(*bufio.Writer)
	if bw == nil {
		bw = bufio.NewWriter(buf)
	} else {
		bw.Reset(buf)
	}
	err := md.Renderer().Render(bw, src, doc)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	c.writers.Put(bw)
	if err != nil {
		st.problems = append(st.problems, Problem{Line: in.FirstLine, Msg: "lỗi khi dựng HTML (render error): " + err.Error()})
	}
	out := buf.Bytes()
	tb, _ := c.texts.Get().(*[]byte)
	if tb == nil {
		tb = new([]byte)
	}
	var plain, summary string
	*tb, plain, summary = plainText((*tb)[:0], doc, src)
	if cap(*tb) <= 1<<20 {
		c.texts.Put(tb)
	}
	if tok != nil && len(tok.rendered) > 0 {
		out = substituteTokens(out, tok, blockTokens)
		// Text views (summary, search text, heading text) get the
		// shortcodes' text, never their placeholders.
		plain, summary = tokensAsText(plain, tok), tokensAsText(summary, tok)
		for i := range st.headings {
			st.headings[i].Text = strings.TrimSpace(tokensAsText(st.headings[i].Text, tok))
		}
	}
	return Result{
		HTML:      out,
		Headings:  st.headings,
		Plain:     plain,
		Summary:   summary,
		WordCount: countWords(plain),
		Problems:  st.problems,
	}
}

func problemFromErr(err error, fallback int) Problem {
	msg := err.Error()
	line := fallback
	if strings.HasPrefix(msg, "dòng ") {
		rest := strings.TrimPrefix(msg, "dòng ")
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if v, e := strconv.Atoi(n); e == nil {
				line, msg = v, after
			}
		}
	}
	return Problem{Line: line, Msg: msg}
}

// expandShortcodes renders every top-level shortcode and replaces it by a
// placeholder token that goldmark passes through untouched.
func (c *Converter) expandShortcodes(in Input, ids *headingIDs, origLineOf func(int) int, st *state, tok *tokens) ([]byte, []bool, *lineMap, error) {
	src := in.Src
	tags, err := scanTags(src, origLineOf, c.indentedCode(src))
	if err != nil {
		return nil, nil, nil, err
	}
	// Pair tags with a stack; openers left without a closer are single.
	type call struct {
		open      scTag
		closeTag  *scTag
		depth     int
		innerFrom int
		innerTo   int
	}
	var calls []*call
	var stack []*call
	for i := range tags {
		t := tags[i]
		if t.closing {
			found := -1
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].open.name == t.name {
					found = j
					break
				}
			}
			if found < 0 {
				return nil, nil, nil, fmt.Errorf("dòng %d: thẻ đóng {{< /%s >}} không có thẻ mở tương ứng", t.line, t.name)
			}
			cl := stack[found]
			tt := t
			cl.closeTag = &tt
			cl.innerFrom, cl.innerTo = cl.open.end, t.start
			stack = stack[:found]
			continue
		}
		cl := &call{open: t, depth: len(stack)}
		calls = append(calls, cl)
		if !t.selfClose {
			stack = append(stack, cl)
		}
	}
	var out bytes.Buffer
	var orig []int
	cur := 0
	curLine := in.FirstLine
	appendOrig := func(b []byte) {
		for _, ch := range b {
			if ch == '\n' {
				orig = append(orig, curLine)
				curLine++
			}
		}
		out.Write(b)
	}
	orig = append(orig[:0], curLine) // line 0 of output
	orig = orig[:0]
	var block []bool
	lastEnd := -1
	for _, cl := range calls {
		start := cl.open.start
		end := cl.open.end
		if cl.closeTag != nil {
			end = cl.closeTag.end
		}
		if start < lastEnd {
			continue // nested inside a paired call: rendered with it
		}
		lastEnd = end
		sc := &Shortcode{Name: cl.open.name, Params: cl.open.params, Positional: cl.open.positional, Line: cl.open.line, Paired: cl.closeTag != nil, SelfClosed: cl.open.selfClose}
		lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
		lineEnd := bytes.IndexByte(src[end:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += end
		}
		isBlock := len(bytes.TrimSpace(src[lineStart:start])) == 0 && len(bytes.TrimSpace(src[end:lineEnd])) == 0
		sc.Inline = !isBlock
		if sc.Paired {
			inner := src[cl.innerFrom:cl.innerTo]
			innerIn := Input{Src: trimOneNewline(inner), FirstLine: origLineOf(cl.innerFrom) + leadingNewline(inner), Resolver: in.Resolver, Shortcodes: in.Shortcodes}
			r := c.convert(innerIn, ids)
			st.problems = append(st.problems, r.Problems...)
			sc.Inner = string(r.HTML)
			if !isBlock {
				// Inside a sentence the inner text must stay phrasing
				// content: a <p> there would split the paragraph.
				sc.Inner = unwrapParagraph(sc.Inner)
			}
			if len(r.Headings) > 0 {
				if st.inner == nil {
					st.inner = map[int][]Heading{}
				}
				st.inner[len(tok.rendered)] = r.Headings
			}
		}
		html := ""
		if in.Shortcodes == nil {
			st.problems = append(st.problems, Problem{Line: sc.Line, Msg: fmt.Sprintf("mã ngắn %q không dùng được ở đây", sc.Name)})
		} else if h, err := in.Shortcodes(sc); err != nil {
			st.problems = append(st.problems, Problem{Line: sc.Line, Msg: err.Error()})
		} else {
			html = h
		}
		appendOrig(src[cur:start])
		name := tok.name(len(tok.rendered))
		tok.rendered = append(tok.rendered, html)
		block = append(block, isBlock)
		scLine := sc.Line
		if isBlock {
			// Blank lines around the token make it a paragraph of its own,
			// which is then replaced whole.
			out.WriteString("\n\n" + name + "\n\n")
			orig = append(orig, scLine, scLine, scLine, scLine)
		} else {
			out.WriteString(name)
		}
		// Skip the source lines the call spanned, keeping the line count.
		curLine += bytes.Count(src[start:end], []byte("\n"))
		cur = end
	}
	appendOrig(src[cur:])
	orig = append(orig, curLine)
	newSrc := out.Bytes()
	return newSrc, block, newLineMap(newSrc, fixOrig(newSrc, orig)), nil
}

// indentedCode returns the byte ranges of indented code blocks. Whether
// an indented line is code or a list item's paragraph depends on the whole
// block structure, so goldmark decides; shortcode tags are plain text to
// it and do not change that structure.
func (c *Converter) indentedCode(src []byte) [][2]int {
	if !bytes.Contains(src, []byte("\n    ")) && !bytes.Contains(src, []byte("\n\t")) && !bytes.HasPrefix(src, []byte("    ")) && !bytes.HasPrefix(src, []byte("\t")) {
		return nil
	}
	doc := c.md.Parser().Parse(text.NewReader(src))
	var ranges [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindCodeBlock && n.Lines().Len() > 0 {
			ranges = append(ranges, [2]int{n.Lines().At(0).Start, n.Lines().At(n.Lines().Len() - 1).Stop})
		}
		return ast.WalkContinue, nil
	})
	return ranges
}

// unwrapParagraph returns the content of HTML that is one paragraph, and
// other HTML unchanged.
func unwrapParagraph(h string) string {
	t := strings.TrimSpace(h)
	if strings.HasPrefix(t, "<p>") && strings.HasSuffix(t, "</p>") && strings.Count(t, "<p>") == 1 {
		return t[3 : len(t)-4]
	}
	return h
}

// fixOrig pads the line table so every line of src has an entry.
func fixOrig(src []byte, orig []int) []int {
	n := bytes.Count(src, []byte("\n")) + 1
	for len(orig) < n {
		last := 1
		if len(orig) > 0 {
			last = orig[len(orig)-1]
		}
		orig = append(orig, last)
	}
	return orig[:n]
}

func trimOneNewline(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\n"))
	return b
}

func leadingNewline(b []byte) int {
	if bytes.HasPrefix(b, []byte("\n")) {
		return 1
	}
	return 0
}

// substituteTokens puts the shortcodes' HTML where goldmark wrote their
// placeholders, in one pass over goldmark's output: what a shortcode
// wrote is never searched for placeholders itself.
func substituteTokens(out []byte, tok *tokens, block []bool) []byte {
	var b bytes.Buffer
	b.Grow(len(out))
	last := 0
	tok.each(out, func(start, end, n int) {
		html := tok.rendered[n]
		// A block placeholder stands alone in a paragraph: the paragraph
		// is replaced.
		if block[n] && start-3 >= last && bytes.HasSuffix(out[:start], []byte("<p>")) && bytes.HasPrefix(out[end:], []byte("</p>")) {
			b.Write(out[last : start-3])
			b.WriteString(html)
			last = end + 4
			return
		}
		b.Write(out[last:start])
		// A placeholder inside a tag (heading id, alt, href) gets the
		// shortcode's text, escaped: its HTML there would break out of
		// the attribute.
		if bytes.LastIndexByte(out[:start], '<') > bytes.LastIndexByte(out[:start], '>') {
			b.WriteString(stdhtml.EscapeString(htmlText(html)))
		} else {
			b.WriteString(html)
		}
		last = end
	})
	b.Write(out[last:])
	return b.Bytes()
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

// tokensAsText replaces placeholders in plain text by the text of what the
// shortcodes rendered.
func tokensAsText(s string, tok *tokens) string {
	if tok == nil || !strings.Contains(s, tok.prefix) {
		return s
	}
	var b strings.Builder
	last := 0
	tok.each([]byte(s), func(start, end, n int) {
		b.WriteString(s[last:start])
		b.WriteString(htmlText(tok.rendered[n]))
		last = end
	})
	b.WriteString(s[last:])
	return b.String()
}

// headingIDs makes heading anchors from folded Vietnamese text, unique per
// page: "Mục đích, yêu cầu" → "muc-dich-yeu-cau", then "-1", "-2"...
type headingIDs struct {
	used map[string]bool
	// next is the suffix to try first for a base id: thousands of headings
	// with one text then cost one lookup each, not one per earlier twin.
	next map[string]int
	// lines holds the source line of each heading id given out, to name
	// both headings when an editor writes the same {#id} twice.
	lines map[string]int
	// tok holds the shortcode output of the conversion being parsed,
	// so a heading's ID is made from the text a reader sees.
	tok *tokens
}

var linkDestRE = regexp.MustCompile(`\]\([^)]*\)|[*_` + "`" + `]`)

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	text := tokensAsText(string(value), h.tok)
	if strings.ContainsAny(text, "]*_`") {
		text = linkDestRE.ReplaceAllString(text, "]")
	}
	base := textutil.Slugify(text)
	if base == "" {
		base = "muc"
	}
	id := base
	if h.used[id] {
		i := max(h.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); h.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		h.next[base] = i + 1
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// transformer rewrites links and images and collects headings.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(stateKey).(*state)
	if !ok {
		return
	}
	src := reader.Source()
	var unlink []*ast.Link
	var unauto []*ast.AutoLink
	var unimage []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			line := st.lines.line(headingOffset(n))
			checkHeadingAttributes(n, line, st)
			id := ""
			v, explicit := n.AttributeString("id")
			if explicit {
				id = string(v.([]byte)) // checked above: a safe token
				st.ids.Put(v.([]byte))
			} else {
				// Ids are made here rather than by goldmark's parser,
				// which would take an attribute of any type as the id.
				var text []byte
				if l := n.Lines().Len(); l > 0 {
					seg := n.Lines().At(l - 1)
					text = seg.Value(src)
				}
				gen := st.ids.Generate(text, ast.KindHeading)
				n.SetAttribute(attrID, gen)
				id = string(gen)
			}
			if explicit {
				if first, dup := st.ids.lines[id]; dup {
					st.problems = append(st.problems, Problem{Line: line, Msg: fmt.Sprintf("mã đề mục #%s đã dùng cho đề mục ở dòng %d; mỗi đề mục cần một mã riêng (duplicate heading id)", id, first)})
				} else {
					st.ids.lines[id] = line
				}
			}
			st.headings = append(st.headings, Heading{Level: n.Level, Text: inlineText(n, src), ID: id})
		case *ast.Link:
			dest := string(n.Destination)
			line := st.lines.line(nodeOffset(n))
			if isScriptURL(dest) {
				st.problems = append(st.problems, Problem{Line: line, Warning: true, Msg: fmt.Sprintf("liên kết %q bị vô hiệu hoá: không được dùng địa chỉ javascript:/data: (unsafe link neutralised)", truncate(dest, 60))})
				unlink = append(unlink, n)
				return ast.WalkContinue, nil
			}
			if st.in.Resolver != nil {
				u, err := st.in.Resolver.Link(dest, line)
				if err != nil {
					st.problems = append(st.problems, Problem{Line: line, Msg: err.Error()})
				} else {
					n.Destination = []byte(u)
				}
			}
		case *ast.AutoLink:
			// <javascript:…> is a CommonMark autolink, not an ast.Link;
			// with unsafeHTML the renderer would publish it as is.
			if u := string(n.URL(src)); isScriptURL(u) {
				line := st.lines.line(nodeOffset(n))
				st.problems = append(st.problems, Problem{Line: line, Warning: true, Msg: fmt.Sprintf("liên kết %q bị vô hiệu hoá: không được dùng địa chỉ javascript:/data: (unsafe link neutralised)", truncate(u, 60))})
				unauto = append(unauto, n)
			}
		case *ast.Text:
			// Shortcode placeholders: the headings of a paired shortcode's
			// inner Markdown belong here, in document order.
			if st.inner != nil {
				st.tok.each(n.Segment.Value(src), func(_, _, i int) {
					st.headings = append(st.headings, st.inner[i]...)
				})
			}
		case *ast.Image:
			dest := string(n.Destination)
			line := st.lines.line(nodeOffset(n))
			if isScriptURL(dest) && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(dest)), "data:image/") {
				st.problems = append(st.problems, Problem{Line: line, Warning: true, Msg: fmt.Sprintf("ảnh %q bị bỏ: địa chỉ không an toàn (unsafe image URL removed)", truncate(dest, 60))})
				// Its description stays, as text; an <img src=""> would
				// show a broken image.
				unimage = append(unimage, n)
				return ast.WalkSkipChildren, nil
			}
			n.SetAttributeString("loading", "lazy")
			n.SetAttributeString("decoding", "async")
			if st.in.Resolver != nil {
				u, w, h, err := st.in.Resolver.Image(dest, line)
				if err != nil {
					st.problems = append(st.problems, Problem{Line: line, Msg: err.Error()})
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
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
	for _, l := range unlink {
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
	}
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

// inlineText is the visible text of an inline container.
func inlineText(n ast.Node, src []byte) string {
	return string(appendInline(nil, n, src))
}

// appendInline appends the text of n's inline content to buf, trimmed of
// surrounding white space as strings.TrimSpace would.
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
		}
		return ast.WalkContinue, nil
	})
	text := bytes.TrimSpace(buf[start:])
	n0 := copy(buf[start:], text)
	return buf[:start+n0]
}

// plainText returns the document's text and its first paragraph; buf is
// scratch space, returned for reuse.
func plainText(buf []byte, doc ast.Node, src []byte) ([]byte, string, string) {
	buf = slices.Grow(buf, len(src))
	summary := ""
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		buf = appendBlockText(buf, c, src)
		if summary == "" && c.Kind() == ast.KindParagraph {
			summary = inlineText(c, src)
		}
	}
	return buf, string(bytes.TrimSpace(buf)), summary
}

func appendBlockText(buf []byte, n ast.Node, src []byte) []byte {
	switch n.Kind() {
	case ast.KindHTMLBlock:
		return buf
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			buf = append(buf, seg.Value(src)...)
		}
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

// alignedCells renders table cells with their column's alignment as a
// class (align-left, align-center, align-right). Writing it here rather
// than setting a class attribute on each cell spares every aligned cell
// goldmark's attribute list (400 bytes; 60 MB over 10,000 pages).
type alignedCells struct{}

func (alignedCells) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*east.TableCell)
		open, end, filter := "<td", "</td>\n", extension.TableTdCellAttributeFilter
		if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
			open, end, filter = "<th", "</th>\n", extension.TableThCellAttributeFilter
		}
		if !entering {
			_, _ = w.WriteString(end)
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(open)
		switch n.Alignment {
		case east.AlignLeft:
			_, _ = w.WriteString(` class="align-left"`)
		case east.AlignCenter:
			_, _ = w.WriteString(` class="align-center"`)
		case east.AlignRight:
			_, _ = w.WriteString(` class="align-right"`)
		}
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, filter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}

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
		b.WriteString(string(util.EscapeHTML([]byte(h.Text))))
		b.WriteString("</a>")
	}
	for depth > 0 {
		b.WriteString("</li></ol>")
		depth--
	}
	return b.String()
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

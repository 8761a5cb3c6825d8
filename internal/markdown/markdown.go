// Package markdown converts page bodies to HTML with goldmark: GFM,
// footnotes, definition lists, typographer, Vietnamese-aware heading ids,
// shortcodes as goldmark nodes, link rewriting and checking, and safe
// handling of raw HTML and script URLs.
//
// A conversion reads one page's Markdown with one read-only Context (the
// page's link resolver and shortcode renderer) and returns a Result
// value; it changes nothing else. One file per construct, as goldmark is
// laid out: headingid.go, attributes.go, links.go, shortcode*.go,
// rawhtml.go, table.go, text.go, limits.go.
package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"slices"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"portal/internal/diag"
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

// Context is what a conversion may ask of the rest of the site: both
// answer without changing anything. Either may be nil.
type Context struct {
	Links      Resolver
	Shortcodes Shortcodes
	// ReservedIDs are ids the layouts write on pages: headings do not
	// take them (an id made from a heading's text gets a suffix; one
	// written with {#id} is refused). Read only.
	ReservedIDs map[string]bool
}

// Resolver maps the link and image destinations a page uses to the URLs to
// publish, and reports the ones that lead nowhere.
type Resolver interface {
	// Link resolves dest, written at line: Href, and Target and Fragment
	// when it leads to a page.
	Link(dest string, line int) (Link, error)
	// Image returns the src for dest and, for local images, their size
	// (0 when unknown). An error that is a *diag.Problem of level
	// Warning is reported at the image's line and the image is kept.
	Image(dest string, line int) (src string, width, height int, err error)
}

// Link is one resolved link of a page.
type Link struct {
	Dest string // as written
	Line int
	Href string // as published
	// Target is the page the link leads to, as the Resolver names it
	// (nil for other addresses); Fragment is its #part, decoded.
	Target   any
	Fragment string
}

// Heading is one heading of a page, for tables of contents and anchors.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Input is one conversion's source and context.
type Input struct {
	Src []byte
	// File names the source in problems ("content/ke-hoach/_index.md").
	File string
	// FirstLine is the file line on which Src starts.
	FirstLine int
	Context   Context
	// Out, when set, is emptied and the HTML is rendered into it;
	// Result.HTML may then share its bytes, until Out is next used. A
	// build that copies the HTML at once reuses one buffer instead of
	// allocating a page's worth each time.
	Out *bytes.Buffer
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
	// Links are the page's resolved links, in document order.
	Links []Link
	// Problems are the body's mistakes, by line.
	Problems []*diag.Problem
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
// lists, plus the extra extensions given), footnotes, definition lists
// and shortcodes.
func newGoldmark(opts Options, extra ...goldmark.Extender) goldmark.Markdown {
	// Column alignment (|:-:|) becomes a class, not goldmark's default
	// style attribute, which the site's Content-Security-Policy (no
	// 'unsafe-inline') would block: see alignedCells.
	table := extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
	exts := append([]goldmark.Extender{table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.DefinitionList, shortcodes{}}, extra...)
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
			// Heading ids are made in the transformer (headingid.go), not
			// by goldmark's parser.
			parser.WithAttribute(),
			// After the footnote transformer (999), which moves the
			// footnotes to the end: a shortcode's content is rendered here
			// and must not hold them.
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

var stateKey = parser.NewContextKey()

// state is one conversion's working set, reached by the parsers and the
// transformer through goldmark's parser context.
type state struct {
	in       *Input
	md       goldmark.Markdown // for rendering a shortcode's content
	src      []byte
	lines    lineCounter
	problems []*diag.Problem
	headings []Heading
	links    []Link
	ids      *headingIDs
	// inlineOrder lists the containers of inline shortcode tags, in
	// document order; inlineParents holds them for lookup.
	inlineOrder   []ast.Node
	inlineParents map[ast.Node]bool
	// unknownOpened names the shortcodes called in the page that do not
	// exist (see Existing); nil until one is.
	unknownOpened map[string]bool
}

// problemAt is an error at a file line.
func (st *state) problemAt(line int, msg string) *diag.Problem {
	return &diag.Problem{File: st.in.File, Line: line, Msg: msg}
}

func (st *state) errorAt(off int, msg string) {
	st.problems = append(st.problems, &diag.Problem{File: st.in.File, Line: st.lines.line(off), Msg: msg})
}

func (st *state) warnAt(off int, msg string) {
	st.problems = append(st.problems, &diag.Problem{File: st.in.File, Line: st.lines.line(off), Level: diag.Warning, Msg: msg})
}

// lineCounter turns byte offsets of the source into file lines.
type lineCounter struct {
	src   []byte
	first int
	// The last offset asked and its line: offsets mostly come in
	// document order, so the next answer counts newlines from there.
	off, n int
}

func (l *lineCounter) line(off int) int {
	off = min(max(off, 0), len(l.src))
	if off < l.off {
		l.off, l.n = 0, 0
	}
	l.n += bytes.Count(l.src[l.off:off], newline)
	l.off = off
	return l.first + l.n
}

var newline = []byte("\n")

// Convert renders in. Problems are returned in the result, not as an
// error, so one page can report every mistake it has.
func (c *Converter) Convert(in Input) Result {
	if in.FirstLine < 1 {
		in.FirstLine = 1
	}
	if p := tooMuchMarkup(in); p != nil {
		return Result{Problems: []*diag.Problem{p}}
	}
	src := in.Src
	md := c.md
	if !mayAutolink(src) {
		md = c.noLinks
	}
	st := &state{in: &in, md: md, src: src, lines: lineCounter{src: src, first: in.FirstLine}, ids: newHeadingIDs(in.Context.ReservedIDs)}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
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
		st.errorAt(0, "lỗi khi dựng HTML (render error): "+err.Error())
	}
	tb, _ := c.texts.Get().(*[]byte)
	if tb == nil {
		tb = new([]byte)
	}
	var plain, summary string
	*tb, plain, summary = plainText((*tb)[:0], doc, src)
	if cap(*tb) <= 1<<20 {
		c.texts.Put(tb)
	}
	// Problems by line: the passes over the tree find them in their own
	// order.
	slices.SortStableFunc(st.problems, func(a, b *diag.Problem) int { return cmp.Compare(a.Line, b.Line) })
	return Result{
		HTML:      buf.Bytes(),
		Headings:  st.headings,
		Plain:     plain,
		Summary:   summary,
		WordCount: countWords(plain),
		Links:     st.links,
		Problems:  st.problems,
	}
}

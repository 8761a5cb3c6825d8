// Package render executes the site's Go html/template layouts: lookup,
// base templates with blocks, partials, shortcodes and the function map.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/markdown"
	"portal/internal/site"
	template "portal/internal/template/html"
	"portal/internal/textutil"
)

// MaxPartialDepth bounds nested partial calls, so a partial that includes
// itself fails with a message instead of exhausting the stack.
const MaxPartialDepth = 64

// Templates holds the parsed layouts. It is read-only once loaded and is
// shared by all workers; each worker renders through its own Executor.
type Templates struct {
	root    string
	files   map[string]string // layouts-relative path → source
	base    string            // baseof source ("" when absent)
	i18n    map[string]map[string]string
	lang    string
	extra   template.FuncMap
	mu      sync.Mutex
	parsed  map[string]*parsedSet
	common  *template.Template
	commonE error
	// compact removes the whitespace a minifier would from the layouts'
	// text as they are parsed (see compact.go).
	compact bool
}

type parsedSet struct {
	t       *template.Template
	useBase bool
	err     error
}

// Load reads every template under siteRoot/layouts. extra adds functions
// (such as chart) to the documented map. With compact, the HTML layouts'
// text loses the whitespace a minifier would remove, so their output needs
// no minifying.
func Load(siteRoot, lang string, extra template.FuncMap, compact bool) (*Templates, []*diag.Problem) {
	t := &Templates{root: siteRoot, files: map[string]string{}, i18n: map[string]map[string]string{}, lang: lang, extra: extra, parsed: map[string]*parsedSet{}, compact: compact}
	dir := filepath.Join(siteRoot, "layouts")
	paths, probs := content.Walk(siteRoot, dir, "layouts")
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		// Without it no page has a layout: one cause, not a mistake on
		// every page.
		probs = append(probs, diag.Causef("", 0, "không có thư mục layouts/ (mẫu trình bày) trong thư mục trang; hãy chép lại thư mục này, ví dụ từ một trang tạo bằng \"portal init\" (no layouts folder)"))
	}
	for _, rel := range paths {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			// Every page may need it: the cause, not one mistake.
			probs = append(probs, diag.Causef("layouts/"+rel, 0, "không đọc được mẫu trình bày (cannot read layout): %v", unwrapPath(err)))
			continue
		}
		b, err = textutil.CleanInput(b)
		if err != nil {
			line, msg := 0, err.Error()
			var ie *textutil.InputError
			if errors.As(err, &ie) {
				line, msg = ie.Line, ie.Msg
			}
			probs = append(probs, diag.Errorf("layouts/"+rel, line, "%s", msg))
			continue
		}
		switch {
		case strings.HasPrefix(rel, "i18n/"):
			ext := path.Ext(rel)
			if ext != ".yaml" && ext != ".yml" {
				continue
			}
			m := map[string]string{}
			if err := yaml.Unmarshal(b, &m); err != nil {
				for _, p := range config.DescribeYAMLError(err, b, 1) {
					probs = append(probs, diag.Errorf("layouts/"+rel, p.Line, "YAML không hợp lệ (invalid YAML): %s", p.Msg))
				}
				continue
			}
			t.i18n[strings.TrimSuffix(path.Base(rel), ext)] = m
		case strings.HasPrefix(rel, "_archetypes/"):
		case strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".xml") || strings.HasSuffix(rel, ".txt"):
			t.files[rel] = string(b)
		}
	}
	t.base = t.files["_default/baseof.html"]
	// Parse the common set now so its errors are reported with the rest.
	if _, err := t.commonSet(); err != nil {
		probs = append(probs, templateProblem(err))
	}
	return t, probs
}

// Broken reports whether the partials and shortcodes failed to parse, so
// no page can be rendered (the parse error is among Load's problems).
func (t *Templates) Broken() bool {
	_, err := t.commonSet()
	return err != nil
}

// Has reports whether a layout file exists.
func (t *Templates) Has(rel string) bool { _, ok := t.files[rel]; return ok }

// Lookup returns the layout used for p, in the documented order.
func (t *Templates) Lookup(p *site.Page) (string, error) {
	var cands []string
	sec := p.Section
	switch p.Kind {
	case site.KindHome:
		cands = []string{"index.html", "home.html", "_default/list.html"}
	case site.KindSection:
		if p.Layout != "" {
			cands = append(cands, sec+"/"+p.Layout+".html", "_default/"+p.Layout+".html")
		}
		cands = append(cands, sec+"/list.html", "_default/list.html")
	case site.KindTaxonomy:
		cands = []string{"_default/taxonomy.html", "_default/list.html"}
	case site.KindTerm:
		cands = []string{"_default/term.html", "_default/list.html"}
	case site.Kind404:
		cands = []string{"404.html"}
	default:
		if p.Layout != "" {
			cands = []string{sec + "/" + p.Layout + ".html", "_default/" + p.Layout + ".html"}
			found := false
			for _, c := range cands {
				if t.Has(c) {
					found = true
				}
			}
			if !found {
				return "", fmt.Errorf("layout: không có mẫu %q (đã tìm %s) (layout not found)", p.Layout, strings.Join(prefix("layouts/", cands), ", "))
			}
		}
		cands = append(cands, sec+"/single.html", "_default/single.html")
	}
	for _, c := range cands {
		c = strings.TrimPrefix(c, "/")
		if t.Has(c) {
			return c, nil
		}
	}
	return "", &NoLayoutError{Kind: string(p.Kind), Tried: prefix("layouts/", cands)}
}

// NoLayoutError is Lookup's failure to find any layout for a page. The
// last layout tried is the one every page of the kind falls back to:
// its absence is the site's, not the page's.
type NoLayoutError struct {
	Kind  string
	Tried []string
}

func (e *NoLayoutError) Error() string {
	return fmt.Sprintf("không có mẫu trình bày cho trang loại %q (đã tìm %s) (no layout found)", e.Kind, strings.Join(e.Tried, ", "))
}

// Fallback is the layout every page of the kind uses when nothing nearer
// is found.
func (e *NoLayoutError) Fallback() string { return e.Tried[len(e.Tried)-1] }

func prefix(p string, s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = p + strings.TrimPrefix(v, "/")
	}
	return out
}

// commonSet parses partials and shortcodes once, with placeholder
// functions; executors clone it and bind their own functions.
func (t *Templates) commonSet() (*template.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.common != nil || t.commonE != nil {
		return t.common, t.commonE
	}
	root := newSet(t.extra)
	names := make([]string, 0, len(t.files))
	for rel := range t.files {
		if strings.HasPrefix(rel, "partials/") || strings.HasPrefix(rel, "shortcodes/") {
			names = append(names, rel)
		}
	}
	sort.Strings(names)
	for _, rel := range names {
		if err := parseInto(root, rel, t.files[rel]); err != nil {
			t.commonE = err
			return nil, err
		}
		t.compactParsed(root, rel)
	}
	t.common = root
	return root, nil
}

// newSet starts an empty template set with placeholder functions. A
// partial called on its own in HTML text is streamed: it writes into the
// page as it runs instead of into a string that is then copied in.
func newSet(extra template.FuncMap) *template.Template {
	return template.New("").Funcs(placeholderFuncs(extra)).StreamTwin("partial", partialStream)
}

var onlyDefinesRE = regexp.MustCompile(`(?s)^\s*(\{\{-?\s*/\*.*?\*/\s*-?\}\}\s*)*\{\{-?\s*define\s`)

// templateCallRE finds {{ template "…" }} calls, which may name a template
// defined in a partial file.
var templateCallRE = regexp.MustCompile(`\{\{-?\s*template\s`)

// set returns the parsed template set for a layout: the base template and
// the layout itself, plus the partials and shortcodes when either calls
// {{ template }}. Partials run in each executor's common set (see
// partial), so a layout's set need not hold them: every worker clones
// every layout's set, and html/template copies and escapes whatever a
// clone holds.
func (t *Templates) set(layout string) (*parsedSet, error) {
	t.mu.Lock()
	if ps, ok := t.parsed[layout]; ok {
		t.mu.Unlock()
		return ps, ps.err
	}
	t.mu.Unlock()
	common, err := t.commonSet()
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if ps, ok := t.parsed[layout]; ok {
		return ps, ps.err
	}
	ps := &parsedSet{}
	src := t.files[layout]
	var clone *template.Template
	if templateCallRE.MatchString(src) || templateCallRE.MatchString(t.base) {
		clone, err = common.Clone()
	} else {
		clone = newSet(t.extra)
	}
	if err != nil {
		ps.err = err
	} else {
		ps.useBase = t.base != "" && onlyDefinesRE.MatchString(src) && !strings.HasPrefix(layout, "shortcodes/")
		if ps.useBase {
			ps.err = parseInto(clone, "_default/baseof.html", t.base)
			t.compactParsed(clone, "_default/baseof.html")
		}
		if ps.err == nil {
			ps.err = parseInto(clone, layout, src)
			t.compactParsed(clone, layout)
		}
		ps.t = clone
	}
	t.parsed[layout] = ps
	return ps, ps.err
}

// compactParsed compacts the templates just parsed from the HTML layout
// rel into set: the file's own and those it defines.
func (t *Templates) compactParsed(set *template.Template, rel string) {
	if !t.compact || !strings.HasSuffix(rel, ".html") {
		return
	}
	name := "layouts/" + rel
	for _, x := range set.Templates() {
		if x.Tree != nil && x.Tree.ParseName == name {
			compactTree(x.Tree)
		}
	}
}

var literalIDRE = regexp.MustCompile(`\sid="([^"{}<>\s]+)"`)

// BaseIDs lists the ids written literally in _default/baseof.html (the
// skip link's target <main id="noi-dung">, say): they are on every page
// built from it, so a Markdown link to one is not a missing anchor.
func (t *Templates) BaseIDs() map[string]bool {
	ids := map[string]bool{}
	for _, m := range literalIDRE.FindAllStringSubmatch(t.base, -1) {
		ids[m[1]] = true
	}
	return ids
}

// LayoutIDs lists the ids written literally in any layout (the skip
// link's target, a banner's heading): a page's heading must not take one,
// or the page would hold the id twice.
func (t *Templates) LayoutIDs() map[string]bool {
	ids := map[string]bool{}
	for rel, src := range t.files {
		if strings.HasSuffix(rel, ".html") {
			for _, m := range literalIDRE.FindAllStringSubmatch(src, -1) {
				ids[m[1]] = true
			}
		}
	}
	return ids
}

// Translate returns the UI string for key in lang, and false when it is
// missing or empty (the key itself is returned, never an empty label: an
// empty aria-label is as bad as none).
func (t *Templates) Translate(lang, key string) (string, bool) {
	if m, ok := t.i18n[lang]; ok {
		if v, ok := m[key]; ok && strings.TrimSpace(v) != "" {
			return v, true
		}
	}
	return key, false
}

// Executor renders pages for one worker goroutine. It is not safe for
// concurrent use; make one per worker.
type Executor struct {
	t       *Templates
	s       *site.Site
	conv    *markdown.Converter
	assets  Assets
	sets    map[string]*template.Template
	current *template.Template
	depth   int
	page    *site.Page
	views   *Views
	cache   *PartialCache
	// out is where the template being executed writes, for streamed
	// partials; nil when unknown.
	out io.Writer
	// pbufs[d] collects the output of a partial called at depth d: kept
	// from page to page, they stop growing after the first pages.
	pbufs    []*bytes.Buffer
	Warnings diag.List
}

// SetSite points the executor at another language's site: its template
// clones do not depend on the site, only the functions' answers do.
func (e *Executor) SetSite(s *site.Site) { e.s = s }

// SetViews gives the executor the build's views: the pages templates see.
func (e *Executor) SetViews(v *Views) { e.views = v }

// SetCache makes partialCached share c; nil runs every call.
func (e *Executor) SetCache(c *PartialCache) { e.cache = c }

// Assets tells templates where static stylesheets and scripts are
// published and their integrity hashes: the output stage decides
// (output.Assets), before any page is rendered.
type Assets interface {
	// Name is the name a static file is published under, when not its own.
	Name(static string) (string, bool)
	// Integrity is a static file's Subresource Integrity hash, or "".
	Integrity(static string) string
}

// NewExecutor returns an executor for site s; assets may be nil (every
// static file under its own name, no integrity hashes).
func (t *Templates) NewExecutor(s *site.Site, conv *markdown.Converter, assets Assets) *Executor {
	return &Executor{t: t, s: s, conv: conv, assets: assets, sets: map[string]*template.Template{}}
}

func (e *Executor) bound(layout string) (*template.Template, error) {
	if tpl, ok := e.sets[layout]; ok {
		return tpl, nil
	}
	var src *template.Template
	if layout == "" {
		c, err := e.t.commonSet()
		if err != nil {
			return nil, err
		}
		src = c
	} else {
		ps, err := e.t.set(layout)
		if err != nil {
			return nil, err
		}
		src = ps.t
	}
	// Clone under the shared lock: html/template clones share namespace
	// state with their source until they are executed.
	e.t.mu.Lock()
	clone, err := src.Clone()
	e.t.mu.Unlock()
	if err != nil {
		return nil, err
	}
	clone.Funcs(e.funcs())
	e.sets[layout] = clone
	return clone, nil
}

// RenderPage executes p's layout into w.
func (e *Executor) RenderPage(w io.Writer, p *site.Page, layout string) error {
	tpl, err := e.bound(layout)
	if err != nil {
		return err
	}
	ps, _ := e.t.set(layout)
	name := "layouts/" + layout
	if ps != nil && ps.useBase {
		name = "layouts/_default/baseof.html"
	}
	prevCur, prevPage, prevOut := e.current, e.page, e.out
	e.current, e.page, e.out = tpl, p, w
	defer func() { e.current, e.page, e.out = prevCur, prevPage, prevOut }()
	return safeExecute(tpl, w, name, e.views.Page(p))
}

// safeExecute turns a panic inside a template function into an error: a
// template mistake must fail the build with a message, not crash it.
func safeExecute(t *template.Template, w io.Writer, name string, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = diag.Errorf(name, 0, "lỗi mẫu trình bày (template error): lỗi khi chạy mẫu (panic): %v", r)
		}
	}()
	return t.ExecuteTemplate(w, name, data)
}

// ShortcodeData is the context a shortcode template receives.
type ShortcodeData struct {
	Name     string
	Params   map[string]string
	Inner    template.HTML
	Page     *Page
	Site     *Site
	Position string
	sc       *markdown.Shortcode
}

// Get returns a named or positional argument.
func (d *ShortcodeData) Get(key any) string { return d.sc.Get(key) }

// IsNamedParams reports whether arguments were given by name.
func (d *ShortcodeData) IsNamedParams() bool { return len(d.Params) > 0 }

// Shortcodes returns the renderer of page p's shortcode calls, for its
// conversion.
func (e *Executor) Shortcodes(p *site.Page) markdown.Shortcodes { return pageShortcodes{e, p} }

type pageShortcodes struct {
	e *Executor
	p *site.Page
}

// Encloses implements markdown.Shortcodes: a shortcode whose template
// shows .Inner takes content, so its calls need a closing tag.
func (s pageShortcodes) Encloses(name string) bool {
	return strings.Contains(s.e.t.files["shortcodes/"+name+".html"], ".Inner")
}

// Has implements markdown.Existing: whether the layouts have shortcode
// name.
func (s pageShortcodes) Has(name string) bool { return s.e.t.Has("shortcodes/" + name + ".html") }

// Render implements markdown.Shortcodes. With layouts that do not parse,
// whose mistake is reported once, calls render nothing.
func (s pageShortcodes) Render(sc *markdown.Shortcode) (string, error) {
	if s.e.t.Broken() {
		return "", nil
	}
	return s.e.Shortcode(s.p, sc)
}

// Shortcode renders a shortcode for page p.
func (e *Executor) Shortcode(p *site.Page, sc *markdown.Shortcode) (string, error) {
	rel := "shortcodes/" + sc.Name + ".html"
	if !e.t.Has(rel) {
		return "", fmt.Errorf("mã ngắn %q không tồn tại: không có tệp layouts/%s (unknown shortcode)%s", sc.Name, rel, textutil.ChoiceHint(sc.Name, "mã ngắn", e.t.shortcodeNames()))
	}
	tpl, err := e.bound("")
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	prevCur, prevPage, prevOut := e.current, e.page, e.out
	e.current, e.page, e.out = tpl, p, &buf
	defer func() { e.current, e.page, e.out = prevCur, prevPage, prevOut }()
	// Inner is the call's content as the converter rendered it.
	data := &ShortcodeData{Name: sc.Name, Params: sc.Params, Inner: template.HTML(sc.Inner), Page: e.views.Page(p), Site: e.views.Site(e.s), Position: fmt.Sprintf("%s:%d", p.SourceName(), sc.Line), sc: sc}
	if err := safeExecute(tpl, &buf, "layouts/"+rel, data); err != nil {
		var ce *CallError
		if errors.As(err, &ce) {
			// The editor's mistake: said once, at the call. A layout
			// that names itself ("lienhe: …") is not named twice.
			return "", fmt.Errorf("mã ngắn %q: %s", sc.Name, strings.TrimPrefix(ce.Msg, sc.Name+": "))
		}
		return "", fmt.Errorf("mã ngắn %q: %s", sc.Name, cleanTemplateErr(err))
	}
	return buf.String(), nil
}

var _ fs.FS // keep io/fs for Walk callers

// Mentions reports whether any layout's source contains s. The preview
// server uses it to learn whether a page field (such as "WordCount") can
// show anywhere besides the page's own body.
func (t *Templates) Mentions(s string) bool {
	for _, src := range t.files {
		if strings.Contains(src, s) {
			return true
		}
	}
	return false
}

// unwrapPath drops the path an fs error repeats: the message names the
// file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

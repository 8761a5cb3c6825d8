package render

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"portal/internal/diag"
	"portal/internal/markdown"
	"portal/internal/site"
	template "portal/internal/template/html"
	"portal/internal/textutil"
)

// placeholderFuncs names every function for parsing; executors bind the
// real ones before running.
func placeholderFuncs(extra template.FuncMap) template.FuncMap {
	e := &Executor{}
	m := e.funcs()
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// funcs is the documented template function map, bound to this executor.
func (e *Executor) funcs() template.FuncMap {
	m := template.FuncMap{
		"dateVN": DateVN,
		"dateEN": DateEN,
		"dateShort": func(v any) string {
			t, ok := toTime(v)
			if !ok || t.IsZero() {
				return ""
			}
			return t.Format("02/01/2006")
		},
		"isoDate": func(v any) string {
			t, ok := toTime(v)
			if !ok || t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"rfc3339": func(v any) string {
			t, ok := toTime(v)
			if !ok || t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02T15:04:05-07:00")
		},
		"numberVN":      NumberVN,
		"relURL":        e.relURL,
		"absURL":        e.absURL,
		"asset":         e.asset,
		"integrity":     e.integrity,
		"markdownify":   e.markdownify,
		"where":         where,
		"azIndex":       azIndex,
		"sortBy":        sortBy,
		"first":         first,
		"last":          last,
		"dict":          dict,
		"slice":         func(v ...any) []any { return v },
		"default":       defaultVal,
		"T":             e.translate,
		"i18n":          e.translate,
		"partial":       e.partial,
		"partialCached": e.partialCached,
		partialStream:   e.partialStream,
		"safeHTML":      func(v any) template.HTML { return template.HTML(toString(v)) },
		"safeURL":       func(v any) template.URL { return template.URL(toString(v)) },
		"safeJS":        func(v any) template.JS { return template.JS(toString(v)) },
		"safeCSS":       func(v any) template.CSS { return template.CSS(toString(v)) },
		"slugify":       func(v any) string { return textutil.Slugify(toString(v)) },
		"fold":          func(v any) string { return textutil.Fold(toString(v)) },
		"add":           arith("+"),
		"sub":           arith("-"),
		"mul":           arith("*"),
		"div":           arith("/"),
		"mod":           arith("%"),
		"jsonify":       jsonify,
		"upper":         func(v any) string { return strings.ToUpper(toString(v)) },
		"lower":         func(v any) string { return strings.ToLower(toString(v)) },
		"title":         func(v any) string { return titleCase(toString(v)) },
		"truncate":      truncateWords,
		"plainify":      plainify,
		"in":            inList,
		"seq":           seq,
		"hasPrefix":     func(s, p any) bool { return strings.HasPrefix(toString(s), toString(p)) },
		"split":         func(s, sep any) []string { return strings.Split(toString(s), toString(sep)) },
		"join":          join,
		"replace":       func(s, old, nw any) string { return strings.ReplaceAll(toString(s), toString(old), toString(nw)) },
		"trim":          func(s any) string { return strings.TrimSpace(toString(s)) },
		"isEmpty":       isEmpty,
		"toString":      toString,
		"int":           toInt,
		"float":         toFloat,
		"errorf":        errorf,
		"unknown":       unknown,
		"warnf": func(format string, args ...any) string {
			e.Warnings.Add(diag.Warnf(e.pageFile(), 0, format, args...))
			return ""
		},
		"firstUpper": func(s any) string {
			r := []rune(toString(s))
			if len(r) == 0 {
				return ""
			}
			return strings.ToUpper(string(r[0])) + string(r[1:])
		},
	}
	if e.t != nil {
		for k, v := range e.t.extra {
			m[k] = v
		}
	}
	return m
}

func join(list any, sep any) (string, error) {
	items, err := listOf(list)
	if err != nil {
		return "", err
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprint(it)
	}
	return strings.Join(parts, toString(sep)), nil
}

// hasBasePath reports whether u is already under the site's base path,
// as .RelPermalink and menu URLs are: relURL and absURL must not add it a
// second time ("/papi/papi/ve-papi/").
func (e *Executor) hasBasePath(u string) bool {
	bp := e.s.BasePath
	return bp != "/" && bp != "" && (strings.HasPrefix(u, bp) || u+"/" == bp)
}

// unsafeURL refuses a value with a scheme that runs script or opens a
// document ("javascript://%0aalert(1)" holds "://" like a web address):
// relURL and absURL return a URL html/template trusts as it is, and the
// value may come from front matter or a data file.
func unsafeURL(u string) error {
	scheme, ok := site.SafeURL(u)
	if ok {
		return nil
	}
	if r := []rune(u); len(r) > 60 {
		u = string(r[:60]) + "…"
	}
	return fmt.Errorf("địa chỉ %q dùng %s:, có thể chạy mã hoặc mở nội dung lạ trong trình duyệt của người đọc; chỉ dùng đường dẫn trong cổng hoặc địa chỉ http:, https:, mailto:, tel: (unsafe URL)", u, scheme)
}

func (e *Executor) relURL(v any) (template.URL, error) {
	s := toString(v)
	if err := unsafeURL(s); err != nil {
		return "", err
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "#") || e.hasBasePath(s) {
		return template.URL(s), nil
	}
	if u, ok := e.assetURL(strings.TrimPrefix(s, "/")); ok {
		return template.URL(u), nil
	}
	return template.URL(e.s.RelURL(e.s.WithLang(s))), nil
}

func (e *Executor) absURL(v any) (template.URL, error) {
	s := toString(v)
	if err := unsafeURL(s); err != nil {
		return "", err
	}
	if e.hasBasePath(s) {
		s = "/" + strings.TrimPrefix(s, e.s.BasePath)
	}
	return template.URL(e.s.AbsURL(s)), nil
}

// asset returns the published URL of a static file, failing the build
// when it does not exist so a typo never ships a broken stylesheet.
func (e *Executor) asset(v any) (template.URL, error) {
	p := strings.TrimPrefix(toString(v), "/")
	if out, ok := e.assetURL(p); ok {
		return template.URL(out), nil
	}
	return "", fmt.Errorf("asset: không có tệp static/%s (static file not found)", p)
}

// assetURL returns the published URL of static file p ("css/style.css"),
// its fingerprinted name when the build fingerprints it.
func (e *Executor) assetURL(p string) (string, bool) {
	if e.assets != nil {
		if name, ok := e.assets.Name(p); ok {
			return e.s.RelURL(name), true
		}
	}
	if _, ok := e.s.Statics[p]; ok {
		return e.s.RelURL(p), true
	}
	return "", false
}

// integrity returns the Subresource Integrity hash of a fingerprinted
// static file, or "" where it cannot be checked (see output.Assets).
func (e *Executor) integrity(v any) string {
	if e.assets == nil {
		return ""
	}
	return e.assets.Integrity(strings.TrimPrefix(toString(v), "/"))
}

func (e *Executor) markdownify(v any) (template.HTML, error) {
	if e.conv == nil {
		return template.HTML(template.HTMLEscapeString(toString(v))), nil
	}
	r := e.conv.Convert(markdown.Input{Src: []byte(toString(v)), FirstLine: 1})
	for _, p := range r.Problems {
		if p.Level == diag.Error {
			return "", fmt.Errorf("markdownify: %s", p.Msg)
		}
	}
	h := bytes.TrimSpace(r.HTML)
	// A single paragraph is returned without its <p>, as Hugo does, so it
	// can be used inline.
	if bytes.HasPrefix(h, []byte("<p>")) && bytes.HasSuffix(h, []byte("</p>")) && bytes.Count(h, []byte("<p>")) == 1 {
		h = h[3 : len(h)-4]
	}
	return template.HTML(h), nil
}

func (e *Executor) translate(key any) string {
	k := toString(key)
	lang := "vi"
	if e.s != nil {
		lang = e.s.LanguageCode
	}
	if e.page != nil && e.page.Lang != "" {
		lang = e.page.Lang
	}
	v, ok := e.t.Translate(lang, k)
	if !ok {
		e.Warnings.Add(diag.Warnf("layouts/i18n/"+lang+".yaml", 0, "thiếu chuỗi giao diện %q, hoặc chuỗi để trống (missing or empty i18n string)", k))
	}
	return v
}

func (e *Executor) partial(name string, ctx ...any) (template.HTML, error) {
	buf := e.partialBuffer()
	if err := e.runPartial(buf, name, ctx); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// partialStream is the name under which a partial called on its own in
// HTML text runs (see newSet).
const partialStream = "_portal_partial_stream"

// partialStream is partial writing straight into the output of the
// template that calls it. It is only called where printing partial's
// result would write it there unchanged, so the page is the same.
func (e *Executor) partialStream(name string, ctx ...any) (template.HTML, error) {
	if e.out == nil {
		return e.partial(name, ctx...)
	}
	if err := e.runPartial(e.out, name, ctx); err != nil {
		return "", err
	}
	return "", nil
}

// runPartial executes the partial name with ctx[0] as its data into w.
func (e *Executor) runPartial(w io.Writer, name string, ctx []any) error {
	if e.current == nil {
		return fmt.Errorf("partial %q: không có mẫu đang chạy", name)
	}
	rel := "partials/" + strings.TrimPrefix(name, "partials/")
	if !strings.HasSuffix(rel, ".html") {
		rel += ".html"
	}
	if !e.t.Has(rel) {
		return fmt.Errorf("partial %q: không có tệp layouts/%s (missing partial)", name, rel)
	}
	if e.depth >= MaxPartialDepth {
		return fmt.Errorf("partial %q: gọi lồng nhau quá %d lần; có lẽ partial tự gọi chính nó (runaway recursion)", name, MaxPartialDepth)
	}
	e.depth++
	prevOut := e.out
	e.out = w
	defer func() { e.depth--; e.out = prevOut }()
	var data any
	if len(ctx) > 0 {
		data = ctx[0]
	}
	// Partials run in the executor's common set, escaped once per worker,
	// not in the clone of each layout that calls them.
	set, err := e.bound("")
	if err != nil {
		return err
	}
	return set.ExecuteTemplate(w, "layouts/"+rel, data)
}

// partialBuffer is the empty buffer for a partial running at e.depth.
// Partials nest, so each depth has its own; one that grew past maxKeep
// (a sitemap of every page) is not kept for the next page.
func (e *Executor) partialBuffer() *bytes.Buffer {
	const maxKeep = 1 << 20
	for len(e.pbufs) <= e.depth {
		e.pbufs = append(e.pbufs, new(bytes.Buffer))
	}
	b := e.pbufs[e.depth]
	if b.Cap() > maxKeep {
		b = new(bytes.Buffer)
		e.pbufs[e.depth] = b
	}
	b.Reset()
	return b
}

// partialCached is partial, executed once per build for each name and
// list of variant keys (as in Hugo): the context of later calls is not
// looked at. It is for fragments that are the same on many pages — a
// footer per language, a site-wide block — so a 10,000-page site runs them
// a handful of times instead of 10,000.
func (e *Executor) partialCached(name string, ctx any, variants ...any) (template.HTML, error) {
	if e.cache == nil {
		return e.partial(name, ctx)
	}
	key := cacheKey{name: name, n: len(variants)}
	if len(variants) > len(key.v) {
		return "", fmt.Errorf("partialCached %q: tối đa %d khoá (at most %d variant keys)", name, len(key.v), len(key.v))
	}
	for i, v := range variants {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", fmt.Errorf("partialCached %q: khoá thứ %d kiểu %T không dùng làm khoá được (variant key not comparable)", name, i+1, v)
		}
		key.v[i] = v
	}
	if out, ok := e.cache.get(key); ok {
		return out, nil
	}
	out, err := e.partial(name, ctx)
	if err != nil {
		return "", err
	}
	return e.cache.put(key, out), nil
}

// PartialCache holds the outputs of partialCached for one render pass;
// executors of every worker share it. A new pass (a rebuild) needs a new
// cache, since data, layouts or pages may have changed.
type PartialCache struct {
	mu sync.Mutex
	m  map[cacheKey]template.HTML
}

type cacheKey struct {
	name string
	n    int
	v    [4]any
}

// NewPartialCache returns an empty cache.
func NewPartialCache() *PartialCache { return &PartialCache{m: map[cacheKey]template.HTML{}} }

func (c *PartialCache) get(k cacheKey) (template.HTML, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.m[k]
	return out, ok
}

// put stores out unless another worker stored the key first, and returns
// the stored value, so every page gets the same bytes.
func (c *PartialCache) put(k cacheKey, out template.HTML) template.HTML {
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[k]; ok {
		return prev
	}
	c.m[k] = out
	return out
}

func (e *Executor) pageFile() string {
	if e.page != nil {
		return e.page.SourceName()
	}
	return "layouts"
}

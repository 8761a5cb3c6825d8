package output

import (
	"bytes"
	"io"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies by media type; safe for concurrent use.
type Minifier struct {
	m *minify.M
	// styles remembers the minified form of short style attributes:
	// Markdown tables put style="text-align:right" on every aligned cell,
	// and starting the CSS minifier for each costs more than the rest of
	// the cell.
	styles    sync.Map // string → []byte
	memoCount atomic.Int64
}

// maxMemoStyle bounds the style attributes remembered, by length and count.
const (
	maxMemoStyle  = 64
	maxMemoStyles = 4096
)

// inlineCSS is the CSS minifier for style attributes, remembering results.
func (mf *Minifier) inlineCSS(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	br, ok := r.(interface{ Bytes() []byte })
	if params["inline"] != "1" || !ok || len(br.Bytes()) > maxMemoStyle {
		return css.Minify(m, w, r, params)
	}
	in := br.Bytes()
	if out, ok := mf.styles.Load(string(in)); ok {
		_, err := w.Write(out.([]byte))
		return err
	}
	var buf bytes.Buffer
	if err := css.Minify(m, &buf, bytes.NewReader(in), params); err != nil {
		return err
	}
	if mf.memoCount.Load() < maxMemoStyles {
		if _, had := mf.styles.LoadOrStore(string(in), buf.Bytes()); !had {
			mf.memoCount.Add(1)
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// NewMinifier returns a minifier for HTML, CSS, JS, SVG, XML and JSON.
func NewMinifier() *Minifier {
	m := minify.New()
	mf := &Minifier{m: m}
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", mf.inlineCSS)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return mf
}

// TypeOf returns the media type the minifier uses for a path, or "".
func TypeOf(rel string) string {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	case ".json", ".webmanifest":
		return "application/json"
	}
	return ""
}

// Minify returns data minified as mediatype, appending to dst's storage.
// On a minifier error the input is returned unchanged: a file that cannot
// be minified is still correct.
func (mf *Minifier) Minify(dst *bytes.Buffer, mediatype string, data []byte) []byte {
	if mf == nil || mediatype == "" {
		return data
	}
	dst.Reset()
	dst.Grow(len(data))
	// A *bytes.Buffer hands its bytes to the minifier's parser directly; a
	// bytes.Reader would be copied whole with io.ReadAll first.
	if err := mf.m.Minify(mediatype, dst, bytes.NewBuffer(data)); err != nil {
		return data
	}
	return dst.Bytes()
}

package output

import (
	"bytes"
	"sync"
	"sync/atomic"

	"portal/internal/diag"
)

// Emitter writes a build's files through a Writer. Every writer of the
// site (pages, feeds, sitemap, robots.txt, alias pages, fingerprinted
// assets, static files, the search index) is one of its methods, so each
// minifies, rewrites links for the offline copy and reports a failed
// write the same way: as a problem in the list it was given. It is safe
// for concurrent use.
type Emitter struct {
	w   Writer
	min *Minifier
	// offline rewrites the site's links in HTML to relative ones under
	// basePath, for a copy read from file://.
	offline  bool
	basePath string
	workers  int
	// sitemapLimit is the most URLs of one sitemap file.
	sitemapLimit int
	problems     *diag.List
	bufs         sync.Pool
	// stopped is set once the build has failed (the disk failed, or a
	// mistake was found before writing began): what it would write is
	// thrown away, and a write that follows from the mistake (a file where
	// a clashing page made a folder) would only be reported again.
	stopped atomic.Bool
	mu      sync.Mutex
	disk    map[string]bool // the disk failures reported, by kind
	// photosCleaned and photosLocated count the photos published without
	// their metadata, and those of them that held a GPS position.
	photosCleaned, photosLocated atomic.Int64
}

// EmitOptions are how an Emitter writes.
type EmitOptions struct {
	// Minifier minifies what is written; nil writes files as produced.
	Minifier *Minifier
	// Offline writes a copy readable from file://; BasePath is the
	// site's base path ("/papi/"), which its own links start with.
	Offline  bool
	BasePath string
	// Workers bounds the files written at once.
	Workers int
	// SitemapLimit is the most URLs one sitemap file lists; zero means
	// MaxSitemapURLs, the protocol's limit (tests set fewer).
	SitemapLimit int
}

// NewEmitter writes into w, adding failures to problems.
func NewEmitter(w Writer, problems *diag.List, o EmitOptions) *Emitter {
	limit := o.SitemapLimit
	if limit <= 0 {
		limit = MaxSitemapURLs
	}
	return &Emitter{w: w, min: o.Minifier, offline: o.Offline, basePath: o.BasePath, workers: max(o.Workers, 1), sitemapLimit: limit, problems: problems}
}

// To returns an Emitter that writes the same way into w, adding failures
// to problems: the preview server sends each update to its own writer.
func (e *Emitter) To(w Writer, problems *diag.List) *Emitter {
	return NewEmitter(w, problems, EmitOptions{Minifier: e.min, Offline: e.offline, BasePath: e.basePath, Workers: e.workers, SitemapLimit: e.sitemapLimit})
}

// Discard makes every later write do nothing: the build has failed.
func (e *Emitter) Discard() { e.stopped.Store(true) }

// Write minifies data by its type (unless the build does not) and
// writes it at rel.
func (e *Emitter) Write(rel string, data []byte) { e.write(rel, data, false) }

// write writes data at rel; compact says it is minified already.
func (e *Emitter) write(rel string, data []byte, compact bool) {
	mt := TypeOf(rel)
	if e.offline && mt == "text/html" {
		data = offlineLinks(data, rel, e.basePath)
	}
	out := data
	if !compact && e.min != nil {
		mbuf := e.buffer()
		defer e.bufs.Put(mbuf)
		out = e.min.Minify(mbuf, mt, data)
	}
	e.writeRaw(rel, out)
}

// writeRaw writes data at rel as it is.
func (e *Emitter) writeRaw(rel string, data []byte) {
	if e.stopped.Load() {
		return
	}
	if err := e.w.WriteFile(rel, data); err != nil {
		e.writeFailed(rel, err)
	}
}

// buffer returns an empty scratch buffer from the pool.
func (e *Emitter) buffer() *bytes.Buffer {
	if buf, ok := e.bufs.Get().(*bytes.Buffer); ok {
		buf.Reset()
		return buf
	}
	return bytes.NewBuffer(make([]byte, 0, 32<<10))
}

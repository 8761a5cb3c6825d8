package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"portal/internal/check"
	"portal/internal/diag"
	"portal/internal/output"
)

// MaxURLBytes bounds the request target; longer ones get 414. No page of
// the site has an address anywhere near this long.
const MaxURLBytes = 2048

//go:embed live.js
var liveJS []byte

// StylePath is the reserved address of the stylesheet of the error box
// and the draft banner: a file, as the site's policy (style-src 'self')
// allows no style attribute.
const StylePath = "/__portal/live.css"

//go:embed live.css
var liveCSS []byte

var textTypes = map[string]string{
	".html":        "text/html",
	".htm":         "text/html",
	".css":         "text/css",
	".js":          "text/javascript",
	".mjs":         "text/javascript",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".txt":         "text/plain",
	".csv":         "text/csv",
	".md":          "text/markdown",
	".svg":         "image/svg+xml",
}

var binaryTypes = map[string]string{
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".zip":   "application/zip",
	".docx":  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".doc":   "application/msword",
	".xls":   "application/vnd.ms-excel",
}

// ContentType names the media type of an output file by its extension,
// with charset=utf-8 for text (the build writes every text file as
// UTF-8). The table is built in so the answer does not depend on the
// host's mime.types; unknown extensions are sniffed.
func ContentType(rel string, data []byte) string {
	ext := strings.ToLower(path.Ext(rel))
	if t, ok := textTypes[ext]; ok {
		return t + "; charset=utf-8"
	}
	if t, ok := binaryTypes[ext]; ok {
		return t
	}
	t := mime.TypeByExtension(ext)
	if t == "" {
		t = http.DetectContentType(data)
	}
	if strings.HasPrefix(t, "text/") && !strings.Contains(t, "charset") {
		t += "; charset=utf-8"
	}
	return t
}

// cleanRequestPath decodes the request path once and refuses anything
// that is not a plain path: encoded slashes, backslashes, percent signs
// left after decoding (double encoding), NUL and other control
// characters, and "." or ".." segments. Files are then looked up by exact
// name in memory, so nothing outside the built site is reachable anyway;
// refusing early keeps the answers simple and uniform.
func cleanRequestPath(escaped string) (string, bool) {
	if !strings.HasPrefix(escaped, "/") || strings.Contains(escaped, "\\") {
		return "", false
	}
	low := strings.ToLower(escaped)
	for _, bad := range []string{"%2f", "%5c", "%00", "%25"} {
		if strings.Contains(low, bad) {
			return "", false
		}
	}
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return "", false
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r == '\\' || r == '%' {
			return "", false
		}
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	return p, true
}

// ServeHTTP serves the built site from memory. Every answer, errors and
// the live-reload endpoints included, carries the site's security headers;
// a request for another host name gets 421.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.policy.Load().apply(w.Header(), sitePath(r.URL.Path, s.cur.Load().basePath))
	if !s.hostAllowed(r) {
		refuseHost(w, r)
		return
	}
	if len(r.RequestURI) > MaxURLBytes {
		http.Error(w, "Địa chỉ quá dài (URI too long)", http.StatusRequestURITooLong)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Chỉ hỗ trợ GET và HEAD (method not allowed)", http.StatusMethodNotAllowed)
		return
	}
	p, ok := cleanRequestPath(r.URL.EscapedPath())
	if !ok {
		http.Error(w, "Địa chỉ không hợp lệ (bad request)", http.StatusBadRequest)
		return
	}
	switch p {
	case EventsPath:
		s.serveEvents(w, r)
		return
	case ScriptPath:
		s.send(w, r, http.StatusOK, "live.js", liveJS, nil)
		return
	case StylePath:
		s.send(w, r, http.StatusOK, "live.css", liveCSS, nil)
		return
	}
	if strings.Contains(p, "/search/") {
		// The search script is fetching the index: bring it up to date
		// with the edits made since it was last written.
		s.ensureIndex()
	}
	snap := s.cur.Load()
	if !snap.good {
		s.send(w, r, http.StatusInternalServerError, "index.html", []byte(brokenPage), snap)
		return
	}
	base := snap.basePath
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	key := strings.TrimPrefix(p, base)
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	if output.SafeRel(key) != nil {
		s.notFound(w, r, snap)
		return
	}
	data, found := snap.files.Get(key)
	if !found {
		// "/ve-papi" → "/ve-papi/", as a static host would answer.
		if path.Ext(key) == "" {
			if _, ok := snap.files.Get(key + "/index.html"); ok {
				// The query goes along: /tim-kiem?q=x must still search.
				http.Redirect(w, r, (&url.URL{Path: p + "/", RawQuery: r.URL.RawQuery}).String(), http.StatusMovedPermanently)
				return
			}
		}
		s.notFound(w, r, snap)
		return
	}
	s.send(w, r, http.StatusOK, key, data, snap)
}

// sitePath is p as a path of the site ("/ve-papi/"), which _headers rules
// match; "/" outside the site.
func sitePath(p, base string) string {
	if rest, ok := strings.CutPrefix(p, base); ok {
		return "/" + rest
	}
	return "/"
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if data, ok := snap.files.Get("404.html"); ok {
		s.send(w, r, http.StatusNotFound, "404.html", data, snap)
		return
	}
	s.send(w, r, http.StatusNotFound, "404.txt", []byte("Không tìm thấy trang (404 not found)\n"), snap)
}

// send writes one file; HTML gets the live-reload script, the error
// overlay while the build is broken and the draft banner on drafts.
func (s *Server) send(w http.ResponseWriter, r *http.Request, status int, key string, data []byte, snap *snapshot) {
	ct := ContentType(key, data)
	if snap != nil && strings.HasPrefix(ct, "text/html") {
		data = inject(data, snap.problems, snap.drafts[key], s.draftFindings(snap, key))
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(data)
}

const brokenPage = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Chưa dựng được trang</title></head><body><h1>Chưa dựng được trang</h1><p>Bản dựng đầu tiên thất bại; hãy xem lỗi bên dưới và trong cửa sổ dòng lệnh.</p></body></html>`

// overlayHTML is the error box, drawn by the server so it shows without
// JavaScript too; the script replaces or removes it as events arrive.
func overlayHTML(texts []string) string {
	var b strings.Builder
	b.WriteString(`<div id="portal-overlay" role="alert">`)
	b.WriteString(`<p class="portal-overlay-title">Lỗi khi dựng trang — đang hiển thị bản dựng tốt gần nhất</p>`)
	b.WriteString(`<pre>`)
	b.WriteString(html.EscapeString(strings.Join(texts, "\n")))
	b.WriteString(`</pre><p>Sửa tệp và lưu lại; thông báo này tự biến mất khi trang dựng được.</p></div>`)
	return b.String()
}

const draftBanner = `<div id="portal-draft" role="note">Bản nháp — trang này chưa được xuất bản</div>`

// findingsHTML lists what the checker found on a draft, so the editor
// fixes it before setting "draft: false" (a published page with an error
// would stop "portal build --strict").
func findingsHTML(findings []*diag.Problem) string {
	errs := 0
	texts := make([]string, len(findings))
	for i, f := range findings {
		texts[i] = check.Format(f)
		if f.Level == diag.Error {
			errs++
		}
	}
	var b strings.Builder
	b.WriteString(`<div id="portal-findings" role="note">`)
	fmt.Fprintf(&b, `<p class="portal-findings-title">Kiểm tra bản nháp (portal check --drafts): %d lỗi, %d cảnh báo</p><pre>`, errs, len(findings)-errs)
	b.WriteString(html.EscapeString(strings.Join(texts, "\n")))
	b.WriteString(`</pre><p>Sửa các lỗi trước khi đặt draft: false; bản xuất bản (portal build --strict) không nhận trang có lỗi.</p></div>`)
	return b.String()
}

func inject(page []byte, problems []*diag.Problem, draft bool, findings []*diag.Problem) []byte {
	var tail strings.Builder
	if len(findings) > 0 {
		tail.WriteString(findingsHTML(findings))
	}
	if len(problems) > 0 {
		texts := make([]string, len(problems))
		for i, p := range problems {
			texts[i] = p.Error()
		}
		tail.WriteString(overlayHTML(texts))
	}
	tail.WriteString(`<link rel="stylesheet" href="` + StylePath + `"><script src="` + ScriptPath + `" defer></script>`)
	out := make([]byte, 0, len(page)+tail.Len()+len(draftBanner))
	rest := page
	if draft {
		if i := indexFold(rest, "<body"); i >= 0 {
			if j := bytes.IndexByte(rest[i:], '>'); j >= 0 {
				out = append(out, rest[:i+j+1]...)
				out = append(out, draftBanner...)
				rest = rest[i+j+1:]
			}
		}
	}
	if i := lastIndexFold(rest, "</body>"); i >= 0 {
		out = append(out, rest[:i]...)
		out = append(out, tail.String()...)
		return append(out, rest[i:]...)
	}
	out = append(out, rest...)
	return append(out, tail.String()...)
}

// asciiLower lowers ASCII letters only, so byte offsets stay valid (a
// Unicode lower-casing may change a character's length).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

func indexFold(b []byte, s string) int { return bytes.Index(asciiLower(b), []byte(s)) }

func lastIndexFold(b []byte, s string) int { return bytes.LastIndex(asciiLower(b), []byte(s)) }

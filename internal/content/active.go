package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"portal/internal/diag"
	"portal/internal/fileio"
)

// Only the site's own scripts run on it. A file of content/ is published
// as it is, on the site's own address, where the site's
// Content-Security-Policy (script-src 'self') lets any of its scripts run
// and a host without the policy lets every script run. So content/ may
// not publish what a browser runs or opens as a document that can run
// script (JavaScript, HTML, XSLT), nor the files a host reads as its own
// settings (redirects, headers). Such a file is refused, not altered: the
// editor learns at once what to do, and what is published is what was
// uploaded. The site's own scripts and pages live in static/.

// scriptExts are refused in content/: the browser runs them.
var scriptExts = map[string]bool{".js": true, ".mjs": true, ".cjs": true}

// documentExts are refused in content/: the browser opens them as a
// document that runs script (".svgz" cannot be checked as SVG is).
var documentExts = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true,
	".xsl": true, ".xslt": true, ".svgz": true,
}

// serverScriptExts are refused in content/ wherever they appear in a
// name: a host that runs PHP, CGI, ASP or JSP runs such a file on the
// server when it is asked for, and Apache's mod_mime does so for
// "x.php.jpg" too, one extension of several.
var serverScriptExts = map[string]bool{
	"php": true, "php3": true, "php4": true, "php5": true, "php7": true, "php8": true,
	"phtml": true, "pht": true, "phar": true, "phps": true, "cgi": true, "pl": true,
	"asp": true, "aspx": true, "ashx": true, "asmx": true, "cshtml": true, "jsp": true,
	"jspx": true, "shtm": true, "stm": true,
}

// xmlExts are the names hosts serve with an XML type (RSS, Atom, MathML,
// maps…), which browsers render as an XML document: checked as .xml is.
var xmlExts = map[string]bool{
	".xml": true, ".rss": true, ".atom": true, ".rdf": true, ".mml": true,
	".kml": true, ".gpx": true, ".xsd": true, ".opml": true, ".xspf": true,
}

// serverScript reports whether a lower-case file name has a server-side
// script extension among its extensions (not its first part: "php.pdf"
// is a PDF).
func serverScript(base string) bool {
	parts := strings.Split(base, ".")
	for _, ext := range parts[1:] {
		if serverScriptExts[ext] {
			return true
		}
	}
	return false
}

// hostFiles are the names static hosts read from the published folder as
// their settings (Netlify, Cloudflare Pages, Vercel, Azure Static Web
// Apps, IIS, Apache, GitHub Pages), lower-cased.
var hostFiles = map[string]bool{
	"_redirects": true, "_headers": true, "_routes.json": true, "_worker.js": true,
	"netlify.toml": true, "vercel.json": true, "now.json": true,
	"staticwebapp.config.json": true, "routes.json": true, "web.config": true,
	".htaccess": true, "cname": true,
}

// maxActiveCheck bounds the size of an SVG or XML file that is read to be
// checked, as MaxFileSize does for pages.
const maxActiveCheck = MaxFileSize

// checkContentFile refuses a content/ file that is not a page and may not
// be published; name is its path in messages.
func checkContentFile(name, rel, abs string) *diag.Problem {
	base := strings.ToLower(path.Base(rel))
	ext := path.Ext(base)
	switch {
	case strings.HasSuffix(base, ".md.txt") || strings.HasSuffix(base, ".markdown.txt"):
		// Notepad adds .txt when "Save as type" is left on Text
		// Documents, and Explorer hides the extension: the page would be
		// copied as a text file and never appear, with no word said.
		md := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		return diag.Errorf(name, 0, "tệp %s có thêm đuôi .txt nên không được dựng thành trang (có lẽ Notepad đã thêm khi lưu); hãy đổi tên thành %s. Trong File Explorer, bật View (Xem) → File name extensions (Phần mở rộng tên tệp) để thấy đuôi .txt; khi lưu bằng Notepad, chọn Save as type (Lưu dưới dạng): All files (Tất cả tệp) (page saved as .md.txt)", path.Base(rel), md)
	case hostFiles[base]:
		return diag.Errorf(name, 0, "tệp %s là tệp cấu hình của máy chủ web (chuyển hướng, tiêu đề…) và sẽ đổi cách cả trang web được phục vụ; content/ không được chứa nó. Cấu hình máy chủ của trang đặt trong static/ (host control file in content)", path.Base(rel))
	case serverScript(base):
		return diag.Errorf(name, 0, "tệp %s là mã chạy trên máy chủ (PHP, CGI, ASP, JSP): máy chủ web có thể chạy nó khi ai đó mở địa chỉ của tệp; content/ không được chứa nó. Nếu đây là tài liệu để tải về, hãy nén nó (.zip) (server-side script in content)", path.Base(rel))
	case scriptExts[ext]:
		return diag.Errorf(name, 0, "tệp JavaScript không được đăng từ content/: nó sẽ chạy trên địa chỉ của trang. Script của trang đặt trong static/js/ và được layouts nạp (script in content)")
	case documentExts[ext]:
		return diag.Errorf(name, 0, "tệp %s không được đăng từ content/: trình duyệt mở nó như một trang và chạy script trong đó. Hãy viết trang bằng Markdown (.md); trang HTML của chính trang web đặt trong static/ (HTML in content)", ext)
	case ext == ".svg":
		return checkActiveFile(name, abs, activeSVG)
	case xmlExts[ext]:
		return checkActiveFile(name, abs, activeXML)
	case ext == "":
		// A host may send a file without an extension with a type it
		// guesses from the bytes (and the preview does): one that reads
		// as markup is checked as an SVG, the strictest check.
		return checkActiveFile(name, abs, func(data []byte) (int, string) {
			if !looksLikeMarkup(data) {
				return 0, ""
			}
			return activeSVG(data)
		})
	}
	return nil
}

// looksLikeMarkup reports whether data begins, after a byte order mark
// and white space, with "<": what content sniffing reads as HTML or XML.
func looksLikeMarkup(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n\f")
	return len(data) > 0 && data[0] == '<'
}

// CheckStatic refuses static/ SVG files with script, as in content/:
// static/ is where the site's own scripts go, as .js files its layouts
// load; an SVG icon is a picture, and one with script in it is nearly
// always a download nobody read.
func CheckStatic(root string, paths []string) []*diag.Problem {
	var probs []*diag.Problem
	for _, p := range paths {
		if strings.EqualFold(path.Ext(p), ".svg") {
			if pr := checkActiveFile("static/"+p, filepath.Join(root, "static", filepath.FromSlash(p)), activeSVG); pr != nil {
				probs = append(probs, pr)
			}
		}
	}
	return probs
}

func checkActiveFile(name, abs string, check func([]byte) (int, string)) *diag.Problem {
	data, err := fileio.ReadFile(abs, maxActiveCheck)
	if err != nil {
		var tl *fileio.TooLargeError
		if errors.As(err, &tl) {
			return diag.Errorf(name, 0, "tệp quá lớn (%d MB, tối đa %d MB) (file too large)", tl.Size>>20, MaxFileSize>>20)
		}
		return diag.Errorf(name, 0, "không đọc được (cannot read): %v", unwrapPath(err))
	}
	if line, msg := check(data); msg != "" {
		return diag.Errorf(name, line, "%s", msg)
	}
	return nil
}

const svgAdvice = "; hãy xuất lại hình không có phần này, hoặc dùng ảnh PNG (active content in SVG)"

// Namespaces whose elements a browser renders inside an SVG or XML file.
const (
	nsXHTML  = "http://www.w3.org/1999/xhtml"
	nsSVG    = "http://www.w3.org/2000/svg"
	nsMathML = "http://www.w3.org/1998/Math/MathML"
)

// svgForbidden are elements that run script or hold a document that can.
var svgForbidden = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true,
	"object": true, "handler": true, "listener": true, "frame": true,
	"frameset": true, "applet": true, "base": true, "meta": true,
}

// rasterData are data: URLs an SVG may embed: pictures, which never run.
var rasterData = regexp.MustCompile(`^data:image/(png|jpeg|jpg|gif|webp|avif|bmp)[;,]`)

// cssURL finds url(…) and @import in CSS, in a <style> or an attribute.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")\s]*)|@import`)

// activeSVG returns the line and the reason an SVG file may not be
// published: anything that runs script when the file is opened directly
// (script, event handlers, foreignObject, HTML, script URLs, animating a
// link) or loads something from outside it. An SVG shown through <img>
// runs and loads nothing, but anyone can open its address. A file that
// does not parse is refused too: browsers do not draw it either.
func activeSVG(data []byte) (int, string) { return scanMarkup(data, true) }

// activeXML returns why an XML file may not be published: a browser
// renders XHTML, SVG and MathML elements in any XML document, and runs an
// XSLT stylesheet it names.
func activeXML(data []byte) (int, string) { return scanMarkup(data, false) }

// entityDecl is one internal general entity of a DOCTYPE.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+(%?)\s*([^\s"']+)\s+(SYSTEM|PUBLIC|"([^"]*)"|'([^']*)')`)

func scanMarkup(data []byte, svg bool) (int, string) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// The markup is only looked at, never decoded as text: any encoding
	// that keeps ASCII as ASCII reads the same.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	line, seen := 1, int64(0)
	lineAt := func(off int64) int {
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		line += bytes.Count(data[seen:off], []byte("\n"))
		seen = off
		return line
	}
	inStyle := 0
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			return 0, ""
		}
		at := lineAt(start)
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				at = se.Line
			}
			return at, fmt.Sprintf("tệp không phải XML hợp lệ, trình duyệt không hiển thị được: %v (invalid XML)", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if msg := doctype(d, string(t)); msg != "" {
				return at, msg
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				return at, "tệp gọi một bảng định kiểu ngoài (<?xml-stylesheet?>), có thể là XSLT chạy script" + svgAdvice
			}
		case xml.StartElement:
			if attr, msg := element(t, svg); msg != "" {
				return at + attrLine(data[start:min(d.InputOffset(), int64(len(data)))], attr), msg
			}
			if strings.EqualFold(t.Name.Local, "style") {
				inStyle++
			}
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, "style") && inStyle > 0 {
				inStyle--
			}
		case xml.CharData:
			if inStyle > 0 {
				if i, msg := cssRefs(string(t)); msg != "" {
					return at + strings.Count(string(t)[:i], "\n"), msg
				}
			}
		}
	}
}

// doctype allows a DOCTYPE whose internal entities are plain text (as
// drawing programs write them) and teaches the decoder those entities;
// one that declares markup, a parameter entity or an external entity is
// refused, since the browser would expand it where this check cannot see.
func doctype(d *xml.Decoder, dir string) string {
	if !strings.HasPrefix(dir, "DOCTYPE") {
		return ""
	}
	open := strings.IndexByte(dir, '[')
	if open < 0 {
		return ""
	}
	subset := dir[open:]
	decls := entityDecl.FindAllStringSubmatch(subset, -1)
	if strings.Count(subset, "<!ENTITY") != len(decls) {
		return "DOCTYPE khai báo thực thể (ENTITY) không đọc được" + svgAdvice
	}
	for _, m := range decls {
		val := m[4] + m[5]
		if m[1] == "%" || m[3] == "SYSTEM" || m[3] == "PUBLIC" || strings.ContainsAny(val, "<&") {
			return fmt.Sprintf("DOCTYPE khai báo thực thể (ENTITY) %q chứa mã hoặc tham chiếu ra ngoài", m[2]) + svgAdvice
		}
		if d.Entity == nil {
			d.Entity = map[string]string{}
		}
		d.Entity[m[2]] = val
	}
	return ""
}

// attrLine is how many lines into a start tag (its raw bytes) the
// attribute named local is; 0 for the tag itself.
func attrLine(tag []byte, local string) int {
	if local == "" {
		return 0
	}
	re := regexp.MustCompile(`[\s:]` + regexp.QuoteMeta(local) + `\s*=`)
	if loc := re.FindIndex(tag); loc != nil {
		return bytes.Count(tag[:loc[0]+1], []byte("\n"))
	}
	return 0
}

// element checks one start tag; it returns the reason it may not be
// published, and the attribute that is the reason, if one is.
func element(t xml.StartElement, svg bool) (attr, msg string) {
	name := strings.ToLower(t.Name.Local)
	switch t.Name.Space {
	case nsXHTML:
		return "", "tệp chứa phần tử HTML <" + t.Name.Local + ">, nơi có thể chạy script" + svgAdvice
	case nsMathML:
		return "", "tệp chứa phần tử MathML <" + t.Name.Local + ">, có thể mang liên kết chạy script" + svgAdvice
	}
	if !svg {
		if t.Name.Space == nsSVG {
			return "", "tệp XML chứa hình SVG <" + t.Name.Local + ">, nơi có thể chạy script; hãy đăng hình dưới dạng tệp .svg (SVG inside XML)"
		}
		return "", ""
	}
	if svgForbidden[name] {
		return "", "SVG có phần tử <" + t.Name.Local + ">: mã trong đó chạy khi ai đó mở thẳng địa chỉ của hình" + svgAdvice
	}
	for _, a := range t.Attr {
		key := strings.ToLower(a.Name.Local)
		v := a.Value
		switch {
		case strings.HasPrefix(key, "on"):
			return a.Name.Local, "SVG có thuộc tính sự kiện " + a.Name.Local + "=\"…\" (event handler): mã trong đó chạy khi ai đó mở thẳng địa chỉ của hình" + svgAdvice
		case key == "attributename" && (name == "set" || strings.HasPrefix(name, "animate")) && strings.HasSuffix(strings.ToLower(strings.TrimSpace(v)), "href"):
			return a.Name.Local, "SVG có <" + t.Name.Local + "> thay đổi liên kết (animated href), cách quen thuộc để chèn liên kết chạy script" + svgAdvice
		case key == "href" || key == "src":
			if msg := reference(v, name == "a"); msg != "" {
				return a.Name.Local, msg
			}
		}
		if _, msg := cssRefs(v); msg != "" {
			return a.Name.Local, msg
		}
	}
	return "", ""
}

// reference checks a link or resource address in an SVG: a link (<a>)
// may go anywhere but to a script; anything else must point inside the
// file, or be a picture embedded in it.
func reference(v string, link bool) string {
	s := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v))
	for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(s, bad) && !(bad == "data:" && !link && rasterData.MatchString(s)) {
			return fmt.Sprintf("SVG có liên kết chạy script hoặc mở tài liệu khác (%.40q)", v) + svgAdvice
		}
	}
	if link || s == "" || strings.HasPrefix(s, "#") || rasterData.MatchString(s) {
		return ""
	}
	return fmt.Sprintf("SVG tham chiếu tới %.60q bên ngoài tệp (external reference): qua <img> hình không tải được nó, mở thẳng thì tải từ nơi khác", v) + svgAdvice
}

// cssRefs checks CSS (a <style> element or an attribute value) for what
// it loads; it returns the offset of the first reference to outside the
// file, and why it may not be published.
func cssRefs(css string) (int, string) {
	for _, m := range cssURL.FindAllStringSubmatchIndex(css, -1) {
		if strings.EqualFold(css[m[0]:m[1]], "@import") {
			return m[0], "SVG nạp CSS từ tệp khác (@import, external reference)" + svgAdvice
		}
		raw := css[m[2]:m[3]]
		target := strings.ToLower(raw)
		if target != "" && !strings.HasPrefix(target, "#") && !rasterData.MatchString(target) {
			return m[0], fmt.Sprintf("SVG tham chiếu tới %.60q bên ngoài tệp trong CSS (url(), external reference)", raw) + svgAdvice
		}
	}
	return 0, ""
}

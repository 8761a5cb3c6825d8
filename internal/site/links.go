package site

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"portal/internal/diag"
	"portal/internal/photo"
	"portal/internal/textutil"
)

// AnchorRef is a link to an anchor, checked once every page is converted.
type AnchorRef struct {
	From   *Page
	Target *Page
	ID     string
	Line   int
}

// AssetNames tells under which name a static file is published when it
// is not its own: stylesheets and scripts go out under a name carrying a
// hash of their bytes, and links to them must name that. The output stage
// decides (output.Assets).
type AssetNames interface {
	Name(static string) (string, bool)
}

// Resolver resolves the links of one page, and changes nothing: what it
// finds is returned.
type Resolver struct {
	s      *Site
	p      *Page
	assets AssetNames
}

// NewResolver returns the link resolver for p; assets names the static
// files published under other names (nil: none are).
func (s *Site) NewResolver(p *Page, assets AssetNames) *Resolver {
	return &Resolver{s: s, p: p, assets: assets}
}

// LinkTarget is where a link leads.
type LinkTarget struct {
	// Href is the link as published.
	Href string
	// Page is the page it leads to, if any, and Fragment its #part,
	// decoded.
	Page     *Page
	Fragment string
}

// Link resolves a link's destination dest.
func (r *Resolver) Link(dest string) (LinkTarget, error) {
	u, target, frag, err := r.resolve(dest)
	if err != nil {
		return LinkTarget{}, err
	}
	l := LinkTarget{Href: u}
	if target != nil {
		l.Page, l.Fragment = target, frag
	}
	return l, nil
}

// Image resolves an image's source dest: the src to publish and, for a
// local image, its size as browsers display it (0 when unknown). A photo
// the page may use but should not (too heavy, unreadable) comes with its
// src and size and, as the error, a *diag.Problem of level Warning
// without file or line: the caller places it.
func (r *Resolver) Image(dest string) (string, int, int, error) {
	u, _, _, err := r.resolve(dest)
	if err != nil {
		return "", 0, 0, err
	}
	// The portal makes no request to another host: an image from one
	// would break the privacy promise, the offline copy and, under the
	// Content-Security-Policy (img-src 'self' data:), the page itself.
	if lower := strings.ToLower(u); (hasScheme(u) && !strings.HasPrefix(lower, "data:")) || strings.HasPrefix(u, "//") {
		if !r.s.Config.Absolute() || !strings.HasPrefix(u, r.s.Config.BaseURL) {
			return "", 0, 0, fmt.Errorf("ảnh %q ở máy chủ khác: cổng không tải gì từ nơi khác; hãy tải ảnh về, đặt cạnh trang rồi ghi tên tệp (external image)", truncURL(dest))
		}
	}
	if file := r.s.localFile(u); file != "" {
		im := r.s.imageInfo(file)
		if im.refused != "" {
			return "", 0, 0, errors.New(im.refused)
		}
		if im.warning != "" {
			return u, im.w, im.h, &diag.Problem{Level: diag.Warning, Msg: im.warning}
		}
		return u, im.w, im.h, nil
	}
	return u, 0, 0, nil
}

func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return false
	}
	j := strings.IndexAny(dest, "/?#")
	return j < 0 || i < j
}

// resolve returns the URL to publish for dest, the page it leads to (if
// any) and its fragment.
func (r *Resolver) resolve(dest string) (string, *Page, string, error) {
	if dest == "" {
		return "", nil, "", nil
	}
	if strings.HasPrefix(dest, "#") {
		frag, _ := url.PathUnescape(dest[1:])
		return dest, r.p, frag, nil
	}
	if hasScheme(dest) || strings.HasPrefix(dest, "//") {
		return dest, nil, "", nil
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, query, _ := strings.Cut(p, "?")
	suffix := ""
	if query != "" {
		suffix += "?" + query
	}
	if frag != "" {
		suffix += "#" + frag
	}
	fragDecoded, _ := url.PathUnescape(frag)
	unescaped, err := url.PathUnescape(p)
	if err != nil {
		unescaped = p
	}
	if strings.HasPrefix(p, "/") {
		if page, out, ok := r.s.lookupOutput(unescaped); ok {
			if page != nil {
				return page.RelPermalink + suffix, page, fragDecoded, nil
			}
			return r.s.RelURL(prettyOut(r.publishedName(out))) + suffix, nil, "", nil
		}
		return "", nil, "", fmt.Errorf("liên kết tới %q: không có trang hay tệp nào ở địa chỉ này (broken link)%s", dest, r.s.suggestURL(unescaped))
	}
	joined := path.Join(r.p.Dir(), unescaped)
	if strings.HasPrefix(joined, "../") || joined == ".." {
		// Not a file of content/, but it may still be an address read
		// from the page's URL (/tin-tuc/x/ + ../../vendor/lib.js).
		if page, out, ok := r.s.lookupOutput(r.fromURL(unescaped)); ok {
			if page != nil {
				return page.RelPermalink + suffix, page, fragDecoded, nil
			}
			return r.s.RelURL(prettyOut(r.publishedName(out))) + suffix, nil, "", nil
		}
		return "", nil, "", fmt.Errorf("liên kết tới %q đi ra ngoài thư mục content/%s (link leaves content/%s)", dest, r.s.LangPrefix, r.s.LangPrefix)
	}
	lower := strings.ToLower(joined)
	if strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") {
		page := r.s.pageFile(joined)
		if page == nil {
			alt := ""
			switch path.Base(joined) {
			case "index.md":
				alt = path.Dir(joined) + "/_index.md"
			case "_index.md":
				alt = path.Dir(joined) + "/index.md"
			}
			if alt != "" {
				page = r.s.pageFile(strings.TrimPrefix(alt, "./"))
			}
		}
		if page == nil && r.s.failed[joined] {
			// The target's own error is reported; the build fails anyway.
			return dest, nil, "", nil
		}
		if why := r.s.leftOut[norm.NFC.String(joined)]; page == nil && why != "" {
			return "", nil, "", fmt.Errorf("liên kết tới %q: trang content/%s%s chưa được xuất bản vì %s, nên người đọc sẽ gặp trang lỗi; hãy bỏ liên kết hoặc chờ trang được xuất bản (link to an unpublished page)", dest, r.s.LangPrefix, joined, why)
		}
		if page == nil {
			return "", nil, "", fmt.Errorf("liên kết tới %q: không tìm thấy trang content/%s%s (có thể tệp đã đổi tên hoặc bị xoá) (broken link)%s", dest, r.s.LangPrefix, joined, r.suggestFile(joined))
		}
		return page.RelPermalink + suffix, page, fragDecoded, nil
	}
	// A file beside the page in content/.
	if out, ok := r.s.resourceOut(joined); ok {
		return r.s.RelURL(prettyOut(out)) + suffix, nil, "", nil
	}
	if page := r.s.pageFile(path.Join(joined, "_index.md")); page != nil {
		return page.RelPermalink + suffix, page, fragDecoded, nil
	}
	if page := r.s.pageFile(path.Join(joined, "index.md")); page != nil {
		return page.RelPermalink + suffix, page, fragDecoded, nil
	}
	// Otherwise relative to the page's URL, as a browser reads it.
	if page, out, ok := r.s.lookupOutput(r.fromURL(unescaped)); ok {
		if page != nil {
			return page.RelPermalink + suffix, page, fragDecoded, nil
		}
		return r.s.RelURL(prettyOut(r.publishedName(out))) + suffix, nil, "", nil
	}
	return "", nil, "", fmt.Errorf("liên kết tới %q: không có trang hay tệp nào ở địa chỉ này (broken link)%s", dest, r.s.suggestURL(r.fromURL(unescaped)))
}

// suggestFile names the page file nearest to content path file (see
// textutil.ClosestPath), as the link to write from this page:
// `; có phải ý bạn là "../ket-qua/tong-diem-2018-2024.md"?`; "" when no
// page is near. Only a broken link pays for it.
func (r *Resolver) suggestFile(file string) string {
	files := make([]string, 0, len(r.s.byFile))
	for f, p := range r.s.byFile {
		if p != r.p { // a page is not the one it meant to link to
			files = append(files, f)
		}
	}
	sort.Strings(files)
	c := textutil.ClosestPath(file, files)
	if c == "" {
		return ""
	}
	return fmt.Sprintf("; có phải ý bạn là %q?", relativeTo(r.p.Dir(), c))
}

// suggestURL names the address nearest to site path u among the pages
// and the files published as they are: `; có phải ý bạn là
// "/ket-qua/2024/"?`; "" when none is near.
func (s *Site) suggestURL(u string) string {
	seen := make(map[string]bool, len(s.byURL)+len(s.Statics)+len(s.Resources))
	for _, p := range s.byURL {
		seen[p.URL] = true
	}
	for out := range s.Statics {
		seen[prettyOut(out)] = true
	}
	for out := range s.Resources {
		seen[prettyOut(out)] = true
	}
	urls := make([]string, 0, len(seen))
	for u := range seen {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	c := textutil.ClosestPath(u, urls)
	if c == "" {
		return ""
	}
	return fmt.Sprintf("; có phải ý bạn là %q?", c)
}

// relativeTo is slash path target as a relative link from folder dir
// ("." for the top): from "hoi-dap", "ket-qua/a.md" is "../ket-qua/a.md".
func relativeTo(dir, target string) string {
	if dir == "." || dir == "" {
		return target
	}
	from, to := strings.Split(dir, "/"), strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// fromURL resolves a relative link against the page's URL, as a browser
// does.
func (r *Resolver) fromURL(rel string) string {
	base := r.p.URL
	if !strings.HasSuffix(base, "/") {
		base = path.Dir(base) + "/"
	}
	abs := path.Join(base, rel)
	if strings.HasSuffix(rel, "/") && !strings.HasSuffix(abs, "/") {
		abs += "/"
	}
	return abs
}

// publishedName is the name static file out is written under: CSS and
// JavaScript are published only under their fingerprinted names, so a
// link to static/vendor/lib.js must point at lib.<hash>.js.
func (r *Resolver) publishedName(out string) string {
	if r.assets != nil {
		if fp, ok := r.assets.Name(out); ok {
			return fp
		}
	}
	return out
}

// prettyOut turns an output file into the address readers use:
// "tags/index.html" is "/tags/", as pages' own URLs are.
func prettyOut(out string) string {
	if out == "index.html" || strings.HasSuffix(out, "/index.html") {
		return "/" + strings.TrimSuffix(out, "index.html")
	}
	return "/" + out
}

// lookupOutput finds what the site publishes at site path p.
func (s *Site) lookupOutput(p string) (*Page, string, bool) {
	if page := s.PageByURL(p); page != nil {
		return page, "", true
	}
	if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
		if page := s.PageByURL(p + "/"); page != nil {
			return page, "", true
		}
	}
	if strings.HasSuffix(p, "/index.html") {
		if page := s.PageByURL(strings.TrimSuffix(p, "index.html")); page != nil {
			return page, "", true
		}
	}
	out := strings.TrimPrefix(p, "/")
	if strings.HasSuffix(out, "/") || out == "" {
		out += "index.html"
	}
	if _, ok := s.Statics[out]; ok {
		return nil, out, true
	}
	if _, ok := s.Resources[out]; ok {
		return nil, out, true
	}
	if _, ok := s.Aliases[out]; ok {
		return nil, out, true
	}
	if s.generated != nil && s.generated(out) {
		return nil, out, true
	}
	return nil, "", false
}

func (s *Site) resourceOut(contentPath string) (string, bool) {
	s.resOnce.Do(func() {
		s.resByFile = make(map[string]string, len(s.Resources))
		for out, f := range s.Resources {
			s.resByFile[norm.NFC.String(f.Path)] = out
		}
	})
	out, ok := s.resByFile[norm.NFC.String(contentPath)]
	return out, ok
}

// localFile returns the file on disk behind a published URL, if any.
func (s *Site) localFile(u string) string {
	if !strings.HasPrefix(u, s.BasePath) {
		return ""
	}
	out, err := url.PathUnescape(strings.TrimPrefix(u, s.BasePath))
	if err != nil {
		return ""
	}
	out, _, _ = strings.Cut(out, "?")
	if f, ok := s.Resources[out]; ok {
		return f.Abs
	}
	if src, ok := s.Statics[out]; ok {
		return filepath.Join(s.root, filepath.FromSlash(src))
	}
	return ""
}

var (
	svgWidthRE   = regexp.MustCompile(`(?s)<svg[^>]*?\swidth="([\d.]+)(?:px)?"`)
	svgHeightRE  = regexp.MustCompile(`(?s)<svg[^>]*?\sheight="([\d.]+)(?:px)?"`)
	svgViewBoxRE = regexp.MustCompile(`(?s)<svg[^>]*?\sviewBox="[\d.\-]+[ ,]+[\d.\-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"`)
)

// Photo limits. A photo over PhotoWarnBytes or PhotoWarnSide draws a
// warning from the build: citizens read on cheap phones over slow links,
// and a phone photo as taken (3–5 MB, 4000 px) costs them a minute of
// loading for what 1600 px and 200 KB show as well. The build does not
// stop for it — a notice with a heavy photo is still worth publishing —
// but `portal check` (and so build --strict) refuses photos over
// check's hard limit.
const (
	PhotoWarnBytes = 500 << 10
	PhotoWarnSide  = 2560
)

// imageFacts is what a page's image costs and whether it may be shown:
// read once per file per build, from the header only.
type imageFacts struct {
	w, h    int
	refused string // an error: a format browsers do not show
	warning string // a warning: too heavy, or unreadable
}

// imageExts are the names of the formats browsers show, for the warning
// on a file that carries one but is not an image.
var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true}

// imageInfo reads an image's header, caching per file: its size as
// displayed (EXIF orientation applied), and the problems it brings.
func (s *Site) imageInfo(file string) imageFacts {
	if v, ok := s.sizes.Load(file); ok {
		return v.(imageFacts)
	}
	var im imageFacts
	name := s.shownFile(file)
	if f, err := os.Open(file); err == nil {
		if strings.EqualFold(filepath.Ext(file), ".svg") {
			im.w, im.h = svgSize(f)
		} else {
			im = s.photoFacts(f, file, name)
		}
		f.Close()
	}
	s.sizes.Store(file, im)
	return im
}

// photoFacts sizes a raster image and judges it.
func (s *Site) photoFacts(f *os.File, file, name string) imageFacts {
	var im imageFacts
	info, err := photo.Inspect(f, file)
	if info.Format == photo.Unknown {
		info.Format = photo.FormatByName(file)
	}
	if !photo.Browsable(info.Format) && info.Format != photo.Unknown {
		im.refused = unsupportedFormat(name, info.Format)
		return im
	}
	if err != nil {
		im.warning = fmt.Sprintf("không đọc được ảnh %s: %v; ảnh có thể không hiện ra. Hãy mở ảnh trên máy rồi lưu lại dưới dạng JPEG (unreadable image)", name, err)
		return im
	}
	if info.Format == photo.Unknown {
		if imageExts[strings.ToLower(filepath.Ext(file))] {
			im.warning = fmt.Sprintf("tệp %s không phải là ảnh dù tên có đuôi %s; ảnh sẽ không hiện ra (not an image)", name, filepath.Ext(file))
		}
		return im
	}
	im.w, im.h = info.Width, info.Height
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	if size > PhotoWarnBytes || max(im.w, im.h) > PhotoWarnSide {
		im.warning = fmt.Sprintf("ảnh %s nặng %s, %d×%d điểm ảnh: người dân xem trên điện thoại phải tải lâu; hãy thu nhỏ ảnh còn khoảng 1600 px chiều rộng và nén JPEG chất lượng khoảng 80 (trên Windows: mở ảnh bằng ứng dụng Photos → Resize, hoặc Paint → Resize) (heavy photo)", name, HumanSize(size), im.w, im.h)
	}
	return im
}

// unsupportedFormat is the error for an image browsers do not show.
func unsupportedFormat(name, format string) string {
	switch format {
	case photo.HEIC:
		return fmt.Sprintf("ảnh %s là ảnh HEIC (định dạng mặc định của iPhone): trình duyệt không hiển thị được ảnh HEIC; hãy lưu ảnh dưới dạng JPEG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất) rồi đặt lại (unsupported image format)", name)
	case photo.RAW:
		return fmt.Sprintf("ảnh %s là ảnh RAW của máy ảnh: trình duyệt không hiển thị được; hãy xuất ảnh dưới dạng JPEG rồi đặt lại (unsupported image format)", name)
	}
	return fmt.Sprintf("ảnh %s là ảnh %s: trình duyệt không hiển thị được hoặc tệp quá nặng; hãy lưu ảnh dưới dạng JPEG (ảnh chụp) hoặc PNG (hình vẽ, ảnh chụp màn hình) rồi đặt lại (unsupported image format)", name, format)
}

// HumanSize writes a file size as editors read it: "740 KB", "3.4 MB".
func HumanSize(n int64) string {
	if n < 1<<10 {
		return fmt.Sprintf("%d byte", n)
	}
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// shownFile names a file of the site as editors know it: relative to the
// site's root ("content/tin-tuc/x/anh.jpg").
func (s *Site) shownFile(file string) string {
	if rel, err := filepath.Rel(s.root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

// svgSize reads an SVG's size from its root element's attributes.
func svgSize(f *os.File) (int, int) {
	head := make([]byte, 4096)
	n, _ := f.Read(head)
	head = head[:n]
	if m := svgWidthRE.FindSubmatch(head); m != nil {
		if h := svgHeightRE.FindSubmatch(head); h != nil {
			return atoi(m[1]), atoi(h[1])
		}
	}
	if m := svgViewBoxRE.FindSubmatch(head); m != nil {
		return atoi(m[1]), atoi(m[2])
	}
	return 0, 0
}

func atoi(b []byte) int {
	f, err := strconv.ParseFloat(string(bytes.TrimSpace(b)), 64)
	if err != nil {
		return 0
	}
	return int(f + 0.5)
}

// siteCaches are lazily filled lookups shared by concurrent renders.
type siteCaches struct {
	resOnce   sync.Once
	resByFile map[string]string
	sizes     sync.Map
	root      string
	failed    map[string]bool
}

func truncURL(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}

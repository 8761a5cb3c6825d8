package site

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/textutil"
)

// RelURL puts a site path under the base path.
func (s *Site) RelURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	return s.BasePath + strings.TrimPrefix(p, "/")
}

// AbsURL makes a site path absolute when the base URL names a host.
func (s *Site) AbsURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	if !s.Config.Absolute() {
		return s.RelURL(p)
	}
	return s.Config.BaseURL + strings.TrimPrefix(p, "/")
}

// WithLang puts a site path under this site's language prefix.
func (s *Site) WithLang(u string) string { return s.withLang(u) }

func (s *Site) withLang(u string) string {
	if s.LangPrefix == "" || strings.HasPrefix(u, "/"+s.LangPrefix) {
		return u
	}
	return "/" + s.LangPrefix + strings.TrimPrefix(u, "/")
}

// setURL decides p's URL from url, slug or its file name. It returns the
// problem that leaves p without one, and warnings.
func (s *Site) setURL(p *Page, sectionDir string) []*diag.Problem {
	var warn []*diag.Problem
	fail := func(err *diag.Problem) []*diag.Problem { return append(warn, err) }
	if _, r := textutil.StripBidi(p.Slug); r != 0 {
		// Slugify drops it, as it drops every invisible character.
		warn = append(warn, bidiWarning(p, "slug", r))
	}
	for _, k := range []string{"slug", "url"} {
		v := p.Slug
		if k == "url" {
			if p.src == nil {
				continue
			}
			v = p.src.FM.URL
		}
		if w, a, b, mixed := textutil.MixedScriptWord(v); mixed {
			warn = append(warn, diag.Warnf(p.name(), p.line(k), "%s: từ %q trộn chữ %s với chữ %s: địa chỉ trông giống hệt một địa chỉ khác nhưng dẫn tới trang khác; hãy gõ lại bằng một bộ chữ (mixed scripts in an address)", k, w, a, b))
		}
	}
	var u string
	switch {
	case p.src != nil && p.src.FM.URL != "":
		raw, r := textutil.StripBidi(p.src.FM.URL)
		if r != 0 {
			warn = append(warn, bidiWarning(p, "url", r))
		}
		clean, err := CleanURLPath(raw)
		if err != nil {
			return fail(diag.Errorf(p.name(), p.line("url"), "url: %v", err))
		}
		u = s.withLang(clean)
	case p.Kind == KindSection:
		parentURL, mid, err := p.parentPath(path.Dir(sectionDir))
		if err != nil {
			return fail(err)
		}
		seg := textutil.Slugify(path.Base(sectionDir))
		if p.Slug != "" {
			seg = textutil.Slugify(p.Slug)
		}
		if seg == "" {
			return fail(diag.Errorf(p.name(), p.line("slug"), "không tạo được địa chỉ cho mục %q: tên thư mục không có chữ hay số nào (empty slug)", sectionDir))
		}
		u = parentURL + mid + seg + "/"
	default:
		dir := path.Dir(p.File)
		name := strings.TrimSuffix(path.Base(p.File), path.Ext(p.File))
		if name == "index" {
			name = path.Base(dir)
			dir = path.Dir(dir)
		}
		parentURL, mid, err := p.parentPath(dir)
		if err != nil {
			return fail(err)
		}
		seg := textutil.Slugify(name)
		key := "title"
		if p.Slug != "" {
			seg = textutil.Slugify(p.Slug)
			key = "slug"
		}
		if seg == "" {
			return fail(diag.Errorf(p.name(), p.line(key), "không tạo được địa chỉ trang: tên tệp hoặc slug không có chữ hay số nào; hãy đặt 'slug: ten-trang' (empty slug)"))
		}
		u = parentURL + mid + seg + "/"
	}
	p.URL = u
	p.RelPermalink = s.RelURL(u)
	p.Permalink = s.AbsURL(u)
	return warn
}

// bidiWarning says that a bidi control character was left out of p's
// address, written at key: "/tai-lieu\u202Efdp.exe/" shows as
// "/tai-lieuexe.pdf/" but is another address.
func bidiWarning(p *Page, key string, r rune) *diag.Problem {
	return diag.Warnf(p.name(), p.line(key), "%s: có ký tự đảo chiều văn bản vô hình U+%04X, làm địa chỉ hiện ra khác với thực tế; ký tự này đã được bỏ khỏi địa chỉ, hãy xoá nó (bidi control character removed)", key, r)
}

// parentPath returns the URL of p's parent section and the folded folders
// between that section's folder and dir, so folders without _index.md
// ("ke-hoach/2024/") stay in the URL as the contract's "section path"
// says. It also refuses a slug that is more than one path segment.
func (p *Page) parentPath(dir string) (string, string, *diag.Problem) {
	if p.Slug != "" && (strings.ContainsAny(p.Slug, "/\\") || strings.Contains(p.Slug, "..")) {
		return "", "", diag.Errorf(p.name(), p.line("slug"), "slug: %q chỉ được là một đoạn địa chỉ, không chứa '/', '\\' hay '..'; dùng 'url' để đặt cả đường dẫn (slug must be one path segment)", p.Slug)
	}
	parentURL, parentDir := "/", "."
	if p.Parent != nil {
		if p.Parent.URL != "" {
			parentURL = p.Parent.URL
		}
		switch {
		case p.Parent.syntheticDir != "":
			parentDir = p.Parent.syntheticDir
		case p.Parent.File != "":
			parentDir = path.Dir(p.Parent.File)
		}
	}
	if dir == "." || dir == parentDir || dir == "" {
		return parentURL, "", nil
	}
	rel := dir
	if parentDir != "." {
		rel = strings.TrimPrefix(dir, parentDir+"/")
	}
	var mid strings.Builder
	for _, seg := range strings.Split(rel, "/") {
		f := textutil.Slugify(seg)
		if f == "" {
			return "", "", diag.Errorf(p.name(), 0, "tên thư mục %q không dùng được trong địa chỉ: không có chữ hay số nào (empty folder slug)", seg)
		}
		mid.WriteString(f + "/")
	}
	return parentURL, mid.String(), nil
}

// CleanURLPath validates a url or alias from front matter and returns it
// as a site path. Anything that could leave the output folder or that a
// web server would not serve as written is refused.
func CleanURLPath(raw string) (string, error) {
	u := strings.TrimSpace(raw)
	if u == "" {
		return "", fmt.Errorf("địa chỉ trống (empty)")
	}
	if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
		return "", fmt.Errorf("%q phải là đường dẫn trong trang, không phải địa chỉ trang khác (must be a site path)", raw)
	}
	if strings.ContainsAny(u, "\\?#%\"'<>` \t") {
		return "", fmt.Errorf("%q chứa ký tự không được phép trong địa chỉ (\\ ? # %% dấu cách, dấu nháy, < >)", raw)
	}
	for _, r := range u {
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("%q chứa ký tự điều khiển (control character)", raw)
		}
	}
	for _, seg := range strings.Split(u, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("%q không được chứa '.' hay '..': địa chỉ phải nằm trong thư mục trang (path escapes the site)", raw)
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	u = path.Clean(u)
	if u == "/" {
		return "/", nil
	}
	ext := path.Ext(u)
	if ext == ".html" || ext == ".htm" || ext == ".xml" || ext == ".json" || ext == ".txt" {
		return u, nil
	}
	if _, err := url.Parse(u); err != nil {
		return "", fmt.Errorf("%q không phải đường dẫn hợp lệ", raw)
	}
	return u + "/", nil
}

// resourcePath decides where a non-Markdown content file is published: a
// bundle's files beside the bundle page, others under their section's URL.
// resourcePath is the output path of content file rel, or "" when it
// belongs to a page bundle that is not published.
func (s *Site) resourcePath(rel string, sections map[string]*Page, bundles map[string]bool) (string, error) {
	dir := path.Dir(rel)
	base, _ := textutil.StripBidi(path.Base(rel))
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if bundles[d] {
			if p := s.pageFile(d + "/index.md"); p != nil {
				// A bidi control character is left out of the address
				// (content.CheckNames warns).
				sub, _ := textutil.StripBidi(strings.TrimPrefix(rel, d+"/"))
				return strings.TrimPrefix(p.URL, "/") + sub, nil
			}
			// A bundle whose page is a draft, not yet due or expired
			// keeps its files too: they are as unpublished as its text.
			return "", nil
		}
	}
	if dir == "." {
		return s.LangPrefix + base, nil
	}
	// Keep the folder names as written, folded, so links written against
	// the folder structure keep working.
	segs := strings.Split(dir, "/")
	for i, sg := range segs {
		if sp, ok := sections[strings.Join(segs[:i+1], "/")]; ok && i == len(segs)-1 && sp.URL != "" {
			return strings.TrimPrefix(sp.URL, "/") + base, nil
		}
		segs[i] = textutil.Slugify(sg)
		if segs[i] == "" {
			return "", fmt.Errorf("tên thư mục %q không dùng được trong địa chỉ", sg)
		}
	}
	return s.LangPrefix + strings.Join(segs, "/") + "/" + base, nil
}

// AddressLine is the line of p's url, else of its slug, in its front
// matter; set is false when p's address comes from its file name.
// Messages about where a page is written point there.
func AddressLine(p *Page) (line int, set bool) { return p.addressLine() }

// FrontMatterLine is the line of key in p's front matter, or 0.
func FrontMatterLine(p *Page, key string) int { return p.line(key) }

// addressLine is the line of the page's url, else of its slug; set is
// false when the page's address comes from its file name.
func (p *Page) addressLine() (line int, set bool) {
	if p.src != nil && p.src.FM != nil {
		for _, k := range []string{"url", "slug"} {
			if n, ok := p.src.FM.Lines[k]; ok {
				return n, true
			}
		}
	}
	return p.line("url"), false
}

func (p *Page) line(key string) int {
	if p.src != nil && p.src.FM != nil {
		return p.src.FM.Line(key)
	}
	return 0
}

// registerURLs records the URL of every page, refusing collisions
// (case-insensitively: Windows and macOS hosts cannot hold both).
func (s *Site) registerURLs(all []*Page) []*diag.Problem {
	var probs []*diag.Problem
	for _, p := range all {
		if p.URL == "" {
			continue
		}
		key := strings.ToLower(p.URL)
		if other, ok := s.byURL[key]; ok {
			// Point at the page whose url or slug made the clash, on
			// that line, when only one of the two set its address.
			here, there := p, other
			if _, set := p.addressLine(); !set {
				if _, otherSet := other.addressLine(); otherSet {
					here, there = other, p
				}
			}
			line, _ := here.addressLine()
			probs = append(probs, diag.Errorf(here.name(), line, "trang này và %s cùng có địa chỉ %s; hãy đổi 'slug' hoặc 'url' của một trang (duplicate URL)", there.name(), p.URL))
			continue
		}
		s.byURL[key] = p
	}
	return probs
}

// addResources publishes the content files that are not Markdown at their
// folder's URL (a bundle's files beside its page).
func (s *Site) addResources(files []*content.File, sections map[string]*Page, bundles map[string]bool) []*diag.Problem {
	var probs []*diag.Problem
	for _, f := range files {
		if f.Markdown {
			continue
		}
		out, err := s.resourcePath(f.Path, sections, bundles)
		if err != nil {
			probs = append(probs, diag.Errorf(f.Name(), 0, "%v", err))
			continue
		}
		if out == "" {
			continue // in the folder of a page that is not published
		}
		if other, ok := s.Resources[out]; ok {
			// Two names that differ only by a bidi control character.
			probs = append(probs, diag.Errorf(f.Name(), 0, "tệp này và %s cùng được đưa ra %s sau khi bỏ ký tự đảo chiều văn bản (two files publish one address)", other.Name(), out))
			continue
		}
		s.Resources[out] = f
	}
	return probs
}

package check

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/site"
	"portal/internal/textutil"
)

// isAlias reports whether out is a redirect page for an old address; those
// are not pages a reader stays on, so page rules skip them.
func (c *checker) isAlias(out string) bool {
	for _, s := range c.sites {
		if _, ok := s.Aliases[out]; ok {
			return true
		}
	}
	return false
}

// target is where an internal URL leads.
type target struct {
	key      string // output path ("ve-papi/index.html")
	frag     string
	internal bool
	exists   bool
}

// resolve reads a URL found in output file from.
func (c *checker) resolve(from, raw string) (target, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return target{}, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return target{internal: true}, fmt.Errorf("địa chỉ %q không hợp lệ", raw)
	}
	p := u.Path
	switch {
	case u.Scheme != "" || u.Host != "":
		own, _ := url.Parse(c.cfg.BaseURL)
		if (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") || own == nil || own.Host == "" || !strings.EqualFold(u.Host, own.Host) {
			return target{}, nil // another site, mailto:, tel: …
		}
	case raw[0] == '#':
		t := target{key: from, frag: u.Fragment, internal: true}
		t.exists = c.exists[from]
		return t, nil
	case !strings.HasPrefix(p, "/"):
		base := path.Dir("/" + from)
		p = path.Join(c.s.BasePath, base, p)
		if strings.HasSuffix(u.Path, "/") || u.Path == "" {
			p += "/"
		}
	}
	t := target{frag: u.Fragment, internal: true}
	if !strings.HasPrefix(p, c.s.BasePath) && p+"/" != c.s.BasePath {
		return t, nil
	}
	key := strings.TrimPrefix(p, c.s.BasePath)
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	t.key = key
	if c.exists[key] {
		t.exists = true
	} else if path.Ext(key) == "" {
		if c.exists[key+"/index.html"] {
			t.key, t.exists = key+"/index.html", true
		}
	}
	return t, nil
}

// checkLinks: every internal href/src leads to a built file, and every
// #fragment to an id in it; pages no other page links to are reported.
func (c *checker) checkLinks() {
	inbound := map[string]bool{}
	sitemaps := map[string]bool{}
	for _, p := range c.allPages() {
		if p.Layout == "sitemap" {
			sitemaps[p.OutputPath()] = true
		}
	}
	for _, out := range c.order {
		d := c.docs[out]
		for _, r := range d.refs {
			t, err := c.resolve(out, r.val)
			if err != nil {
				c.report(out, Error, err.Error(), r.text, r.val)
				continue
			}
			if !t.internal {
				continue
			}
			what := "liên kết"
			if r.tag != "a" {
				what = fmt.Sprintf("tệp dùng trong <%s %s>", r.tag, r.attr)
			}
			// A link the layout wrote is one mistake in layouts/, however
			// many pages show it, and no line of any page's Markdown.
			fromLayout := !c.inBody(out, r)
			if !t.exists {
				msg := fmt.Sprintf("%s tới %q: không có trang hay tệp nào ở địa chỉ này (broken link)", what, r.val) + c.suggest(t.key)
				if fromLayout {
					// Grouped by where the link leads: an offline copy
					// writes one layout link relative to each page
					// ("../mat/index.html"), still one mistake.
					key := t.key
					if key == "" {
						key = r.val
					}
					c.reportKey(out, Error, what+"\x00"+key, msg)
				} else {
					c.report(out, Error, msg, needles(r)...)
				}
				continue
			}
			if t.key != out && !c.isAlias(out) && !sitemaps[out] {
				inbound[t.key] = true
			}
			if t.frag == "" || !strings.HasSuffix(t.key, ".html") {
				continue
			}
			td := c.docs[t.key]
			if td != nil && !td.ids[t.frag] {
				msg := fmt.Sprintf("liên kết tới %q: trang %s không có phần nào có mã #%s (missing anchor)", r.val, t.key, t.frag)
				if fromLayout {
					c.reportKey(out, Error, "missing anchor\x00"+t.key+"#"+t.frag, msg)
				} else {
					c.report(out, Error, msg, needles(r)...)
				}
			}
		}
	}
	for _, p := range c.allPages() {
		if p.IsHome() || p.URL == "" || p.Source() == nil || sitemaps[p.OutputPath()] {
			continue
		}
		if !inbound[p.OutputPath()] {
			c.add(&diag.Problem{File: p.Source().Name(), Line: 1, Level: Warning, Msg: "không trang nào liên kết tới trang này (ngoài sơ đồ trang); người đọc khó tìm thấy nó (orphan page)"})
		}
	}
}

// suggest names the built page or file whose address is nearest to
// output path key's (see textutil.ClosestPath): `; có phải ý bạn là
// "/ket-qua/2024/"?`; "" when none is near.
func (c *checker) suggest(key string) string {
	address := func(out string) string { return "/" + strings.TrimSuffix(out, "index.html") }
	if c.addresses == nil {
		files := c.files.Files()
		c.addresses = make([]string, len(files))
		for i, f := range files {
			c.addresses[i] = address(f)
		}
	}
	best := textutil.ClosestPath(address(key), c.addresses)
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; có phải ý bạn là %q?", c.s.BasePath+best[1:])
}

// inBody reports whether ref r of output file out is in its page's
// Markdown body (its converted HTML holds the same attribute value),
// rather than written by a layout. Each body is scanned once.
func (c *checker) inBody(out string, r ref) bool {
	p := c.byOut[out]
	if p == nil || p.Source() == nil {
		return false
	}
	vals, ok := c.bodyRefs[out]
	if !ok {
		vals = map[string]bool{}
		for _, m := range bodyRefRE.FindAllStringSubmatch(string(c.views.Page(p).Content), -1) {
			v := html.UnescapeString(m[2])
			if m[1] != "srcset" {
				vals[m[1]+"\x00"+v] = true
				continue
			}
			for _, cand := range strings.Split(v, ",") { // "a.png 1x, b.png 2x"
				if f := strings.Fields(cand); len(f) > 0 {
					vals["srcset\x00"+f[0]] = true
				}
			}
		}
		c.bodyRefs[out] = vals
	}
	return vals[r.attr+"\x00"+r.val]
}

// bodyRefRE finds the attributes parse.go collects refs from.
var bodyRefRE = regexp.MustCompile(`\s(href|src|data|srcset)="([^"]*)"`)

func needles(r ref) []string {
	n := []string{}
	if r.text != "" {
		n = append(n, "["+r.text+"]", r.text)
	}
	if u, err := url.Parse(r.val); err == nil {
		if u.Fragment != "" {
			n = append(n, "#"+u.Fragment)
		}
		if b := path.Base(u.Path); b != "/" && b != "." && b != "index.html" {
			n = append(n, b)
		}
	}
	return append(n, r.val)
}

// checkContent: titles, descriptions, duplicates and dates.
func (c *checker) checkContent() {
	maxT, maxD := c.cfg.Check.MaxTitle, c.cfg.Check.MaxDescription
	byTitle := map[string][]*site.Page{}
	for _, p := range c.allPages() {
		f := p.Source()
		if f == nil {
			continue
		}
		if n := utf8.RuneCountInString(p.Title); n > maxT {
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("title"), Level: Warning, Msg: fmt.Sprintf("tiêu đề dài %d ký tự, quá %d: kết quả tìm kiếm sẽ cắt bớt (title too long)", n, maxT)})
		}
		switch n := utf8.RuneCountInString(strings.TrimSpace(p.Description)); {
		case n == 0:
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("title"), Level: Warning, Msg: "thiếu mô tả: hãy thêm dòng 'description: \"…\"' tóm tắt trang trong một câu (missing description)"})
		case n > maxD:
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("description"), Level: Warning, Msg: fmt.Sprintf("mô tả dài %d ký tự, quá %d (description too long)", n, maxD)})
		}
		// Case and spacing aside, but not diacritics: "Bài một" and
		// "Bãi mốt" are different titles.
		key := strings.ToLower(norm.NFC.String(strings.Join(strings.Fields(p.Title), " ")))
		byTitle[key] = append(byTitle[key], p)
	}
	for _, ps := range byTitle {
		if len(ps) < 2 {
			continue
		}
		for _, p := range ps {
			var others []string
			for _, q := range ps {
				if q != p {
					others = append(others, q.Source().Name())
				}
			}
			f := p.Source()
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("title"), Level: Error, Msg: fmt.Sprintf("tiêu đề %q trùng với %s; mỗi trang cần một tiêu đề riêng (duplicate title)", p.Title, strings.Join(others, ", "))})
		}
	}
	// Dates are read from every file, published or not: a page dated in
	// the future is missing from the site until then.
	files, _ := content.Load(c.opts.Source, c.cfg.Location)
	now := c.opts.Now
	viPage := strings.HasPrefix(strings.ToLower(c.cfg.LanguageCode), "vi")
	for _, f := range files {
		if !f.Markdown || f.FM == nil {
			continue
		}
		if pub := f.FM.PublishDate; !pub.IsZero() && pub.After(now) {
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("publishDate"), Level: Warning, Msg: fmt.Sprintf("trang hẹn đăng %s, còn ở tương lai: trang chưa hiện trên cổng cho tới ngày đó (future date)", textutil.DateVN(pub))})
		} else if d := f.FM.Date; pub.IsZero() && !d.IsZero() && d.After(now) {
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("date"), Level: Warning, Msg: fmt.Sprintf("%s còn ở tương lai: trang chưa hiện trên cổng cho tới ngày đó (future date)", textutil.DateVN(d))})
		}
		if e := f.FM.ExpiryDate; !e.IsZero() && !e.After(now) {
			c.add(&diag.Problem{File: f.Name(), Line: f.FM.Line("expiryDate"), Level: Warning, Msg: fmt.Sprintf("trang đã hết hạn %s và không còn được xuất bản (expired)", textutil.DateVN(e))})
		}
		if viPage && !c.inOtherLanguage(f.Path) {
			c.checkVietnameseLines(f)
		}
		c.checkPipeTables(f)
	}
}

// inOtherLanguage reports whether a content path belongs to a language
// other than the default one (content/en/…).
func (c *checker) inOtherLanguage(rel string) bool {
	langs := c.cfg.AllLanguages()
	for _, l := range langs[1:] {
		if l.Prefix != "" && strings.HasPrefix(rel, l.Prefix) {
			return true
		}
	}
	return false
}

// checkVietnameseLines runs the rules for the lines of a Vietnamese page
// (fenced code skipped):
//   - dates written as numbers ("8/2/2023"), read as month/day by some
//     readers and by screen readers as a fraction: they should read "ngày 8
//     tháng 2 năm 2023". Document numbers such as 20/2008/NĐ-CP do not match
//     (the middle part has four digits).
//   - Ð/ð (U+00D0/U+00F0, the eth), which looks like Đ/đ and which text
//     converted from the old TCVN3 and VNI fonts often holds instead: a
//     screen reader reads it as another letter.
func (c *checker) checkVietnameseLines(f *content.File) {
	raw, err := os.ReadFile(f.Abs)
	if err != nil {
		return
	}
	// Line ends as the build reads them (CRLF and old-Mac CR too).
	src, err := textutil.CleanInput(raw)
	if err != nil {
		return
	}
	lines := strings.Split(string(src), "\n")
	for i, code := range fencedLines(lines) {
		if code {
			continue
		}
		if d, m, y, ok := numericDate(lines[i]); ok {
			c.add(&diag.Problem{File: f.Name(), Line: i + 1, Level: Warning, Msg: fmt.Sprintf("ngày viết bằng số %q dễ đọc nhầm; hãy viết \"ngày %d tháng %d năm %d\" (numeric date)", fmt.Sprintf("%s/%s/%s", d, m, y), atoi(d), atoi(m), atoi(y))})
		}
		if j := strings.IndexAny(lines[i], "Ðð"); j >= 0 {
			eth, _ := utf8.DecodeRuneInString(lines[i][j:])
			want := "Đ"
			if eth == 'ð' {
				want = "đ"
			}
			// The whole word, for the editor to find it.
			word := lines[i][strings.LastIndexFunc(lines[i][:j], unicode.IsSpace)+1:]
			if k := strings.IndexFunc(word, unicode.IsSpace); k >= 0 {
				word = word[:k]
			}
			c.add(&diag.Problem{File: f.Name(), Line: i + 1, Level: Warning, Msg: fmt.Sprintf("trong %q, chữ %q (U+%04X) trông giống %q nhưng là chữ khác, thường có khi chuyển văn bản từ phông chữ cũ (TCVN3, VNI): trình đọc màn hình đọc sai. Hãy gõ lại %q (eth instead of Đ)", word, string(eth), eth, want, want)})
		}
	}
}

// checkPipeTables finds rows of a table that never became one: lines
// written | a | b | with no |---| line under the first, which Markdown
// shows as a paragraph of bars.
func (c *checker) checkPipeTables(f *content.File) {
	lines := strings.Split(string(f.Body), "\n")
	for i, code := range fencedLines(lines) {
		t := strings.TrimSpace(lines[i])
		if code || !isPipeRow(t) || i > 0 && isPipeRow(strings.TrimSpace(lines[i-1])) {
			continue
		}
		// The first row of a run of rows: a table needs a delimiter
		// row right under it.
		if i+1 < len(lines) && isPipeRow(strings.TrimSpace(lines[i+1])) && !isDelimiterRow(strings.TrimSpace(lines[i+1])) {
			c.add(&diag.Problem{File: f.Name(), Line: f.BodyLine + i, Level: Error, Msg: "bảng thiếu dòng |---| dưới dòng tên cột nên hiện ra như chữ thường; thêm dòng như | --- | --- | (table without a delimiter row)"})
		}
	}
}

// fencedLines marks the lines of fenced code blocks (``` or ~~~), fences
// included: text rules skip them.
func fencedLines(lines []string) []bool {
	code := make([]bool, len(lines))
	fence := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case fence != "":
			code[i] = true
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			code[i] = true
			fence = t[:3]
		}
	}
	return code
}

func isPipeRow(t string) bool {
	return len(t) >= 3 && t[0] == '|' && t[len(t)-1] == '|'
}

// isDelimiterRow reports a GFM delimiter row: | --- | :-: | ---: |.
func isDelimiterRow(t string) bool {
	cells := strings.Split(strings.Trim(t, "|"), "|")
	for _, c := range cells {
		c = strings.TrimSpace(c)
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// numericDate finds the first d/m/yyyy date in s that is not part of a
// longer number or path (a digit or "/" right before or after it), nor
// inside “ ” quotation marks: a legal text quoted word for word keeps its
// own way of writing dates.
func numericDate(s string) (d, m, y string, ok bool) {
	quoted := 0
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "“") {
			quoted++
		} else if strings.HasPrefix(s[i:], "”") && quoted > 0 {
			quoted--
		}
		if quoted > 0 || !isDigit(s[i]) || (i > 0 && (isDigit(s[i-1]) || s[i-1] == '/')) {
			continue
		}
		j := i
		part := func(minN, maxN int) string {
			k := j
			for k < len(s) && isDigit(s[k]) && k-j < maxN+1 {
				k++
			}
			if k-j < minN || k-j > maxN {
				return ""
			}
			p := s[j:k]
			j = k
			return p
		}
		if d = part(1, 2); d == "" || j >= len(s) || s[j] != '/' {
			continue
		}
		j++
		if m = part(1, 2); m == "" || j >= len(s) || s[j] != '/' {
			continue
		}
		j++
		if y = part(4, 4); y == "" {
			continue
		}
		if j < len(s) && (isDigit(s[j]) || s[j] == '/') {
			continue
		}
		if dd, mm := atoi(d), atoi(m); dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 {
			return d, m, y, true
		}
	}
	return "", "", "", false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// vague are link texts that say nothing out of context (folded).
var vague = map[string]bool{"xem them": true, "tai day": true, "click here": true, "day": true, "chi tiet": true, "bam vao day": true, "nhan vao day": true, "here": true, "read more": true}

func foldLinkText(s string) string {
	s = textutil.Fold(s)
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// checkPages: rules on each built page's HTML.
func (c *checker) checkPages() {
	for _, out := range c.order {
		if c.isAlias(out) {
			continue
		}
		d := c.docs[out]
		if strings.TrimSpace(d.lang) == "" {
			c.report(out, Error, "thẻ <html> thiếu thuộc tính lang: trình đọc màn hình không biết đọc tiếng Việt (missing <html lang>)")
		}
		for _, im := range d.imgs {
			msg := fmt.Sprintf("ảnh %q thiếu văn bản thay thế: viết mô tả trong ![mô tả](…) (missing alt)", im.src)
			switch {
			case !im.hasAlt:
				c.report(out, Error, msg, "![]("+path.Base(im.src), path.Base(im.src))
			case strings.TrimSpace(im.alt) == "":
				// alt="" marks a decorative image in a layout; in an
				// editor's Markdown, ![](…) is a description forgotten.
				if p := c.byOut[out]; p != nil && p.Source() != nil {
					if line := findLine(p.Source().Body, []string{"![](" + path.Base(im.src), "![]("}); line > 0 {
						c.add(&diag.Problem{File: p.Source().Name(), Line: p.Source().BodyLine + line - 1, Level: Error, Msg: msg})
					}
				}
			}
		}
		prev := 0
		for _, h := range d.headings {
			if prev > 0 && h.level > prev+1 {
				c.reportKey(out, Error, fmt.Sprintf("heading h%d after h%d", h.level, prev), fmt.Sprintf("đề mục h%d %q đứng sau h%d: bỏ qua cấp đề mục; hãy dùng %s (heading level skipped)", h.level, h.text, prev, strings.Repeat("#", prev+1)), strings.Repeat("#", h.level)+" "+h.text, h.text)
			}
			prev = h.level
		}
		for _, a := range d.anchors {
			if a.text == "" && strings.TrimSpace(a.label) == "" && !a.hasImgAlt {
				c.report(out, Error, fmt.Sprintf("liên kết tới %q không có chữ: người đọc không biết nó dẫn tới đâu (empty link)", a.href), "[]("+a.href, "[](")
				continue
			}
			if vague[foldLinkText(a.text)] && strings.TrimSpace(a.label) == "" {
				c.report(out, Warning, fmt.Sprintf("chữ liên kết %q không nói nó dẫn tới đâu; hãy ghi tên trang hoặc văn bản, ví dụ \"Kế hoạch 19/KH-UBND\" (vague link text)", a.text), "["+a.text+"]", a.text)
			}
		}
		for _, t := range d.tables {
			if !t.hasTH {
				c.report(out, Error, "bảng không có hàng tiêu đề: thêm dòng tên cột và dòng |---| bên dưới (table without header row)", t.firstText)
			}
		}
	}
}

// checkObligations: the portal's own rules.
func (c *checker) checkObligations() {
	c.checkRequiredData()
	c.checkSitemap()
	c.checkUnconfirmed()
}

// expected returns the text the footer must show for "file.field" on a
// page in language lang, and the field's label there: a page in another
// language than the site's shows the field's label_LANG (when data has
// one) and its layouts/i18n/LANG.yaml "pending" string.
func (c *checker) expected(spec, lang string) (string, string, error) {
	file, field, ok := strings.Cut(spec, ".")
	if !ok || file == "" || field == "" {
		return "", "", fmt.Errorf("check.requiredData: %q phải có dạng tệp.trường, ví dụ lien-he.dien_thoai", spec)
	}
	m, ok := c.s.Data[file].(map[string]any)
	if !ok {
		return "", "", fmt.Errorf("check.requiredData: %q: không có tệp data/%s.yaml", spec, file)
	}
	v, ok := m[field]
	if !ok {
		return "", "", fmt.Errorf("check.requiredData: %q: data/%s.yaml không có trường %q", spec, file, field)
	}
	if fm, ok := v.(map[string]any); ok {
		label, _ := fm["label"].(string)
		if l, ok := fm["label_"+lang].(string); ok && l != "" && lang != c.cfg.LanguageCode {
			label = l
		}
		if label == "" {
			label = field
		}
		value := strings.TrimSpace(fmt.Sprint(fm["value"]))
		if fm["value"] == nil {
			value = ""
		}
		if confirmed, ok := fm["confirmed"].(bool); (ok && !confirmed) || value == "" {
			return c.placeholder(lang), label, nil
		}
		return value, label, nil
	}
	return strings.TrimSpace(fmt.Sprint(v)), field, nil
}

// Placeholder is what pages show for a value not yet confirmed.
const Placeholder = "đang cập nhật"

// placeholder is Placeholder in language lang: the "pending" string of
// layouts/i18n/LANG.yaml for a language other than the site's, when it
// has one.
func (c *checker) placeholder(lang string) string {
	if lang == "" || lang == c.cfg.LanguageCode {
		return Placeholder
	}
	b, err := os.ReadFile(filepath.Join(c.opts.Source, "layouts", "i18n", lang+".yaml"))
	if err != nil {
		return Placeholder
	}
	var m map[string]any
	if yaml.Unmarshal(b, &m) != nil {
		return Placeholder
	}
	if p, ok := m["pending"].(string); ok && strings.TrimSpace(p) != "" {
		return p
	}
	return Placeholder
}

func normText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

func (c *checker) checkRequiredData() {
	type want struct{ spec, text, label, pending string }
	var specs []string
	for _, spec := range c.cfg.Check.RequiredData {
		if _, _, err := c.expected(spec, c.cfg.LanguageCode); err != nil {
			c.add(&diag.Problem{File: config.FileName, Line: c.siteYAMLLine(spec), Level: Error, Msg: err.Error()})
			continue
		}
		specs = append(specs, spec)
	}
	if len(specs) == 0 {
		return
	}
	// What the footer must show depends on the page's language.
	byLang := map[string][]want{}
	wantsFor := func(lang string) []want {
		if w, ok := byLang[lang]; ok {
			return w
		}
		var ws []want
		for _, spec := range specs {
			text, label, _ := c.expected(spec, lang)
			ws = append(ws, want{spec, text, label, c.placeholder(lang)})
		}
		byLang[lang] = ws
		return ws
	}
	for _, out := range c.order {
		if c.isAlias(out) {
			continue
		}
		d := c.docs[out]
		wants := wantsFor(strings.TrimSpace(d.lang))
		if !d.hasFooter {
			c.report(out, Error, "trang không có chân trang <footer>: không hiện được thông tin liên hệ bắt buộc (missing footer)")
			continue
		}
		foot := normText(d.footer)
		for _, w := range wants {
			if !strings.Contains(foot, normText(w.text)) || (w.text == w.pending && !strings.Contains(foot, normText(w.label))) {
				c.report(out, Error, fmt.Sprintf("chân trang không hiện %s (%s): cần %q (required data missing from footer)", w.label, w.spec, w.text))
			}
		}
	}
}

// siteYAMLLine finds the line of s in site.yaml, for findings about it.
func (c *checker) siteYAMLLine(s string) int {
	b, err := os.ReadFile(filepath.Join(c.opts.Source, config.FileName))
	if err != nil {
		return 0
	}
	return findLine(b, []string{s})
}

func (c *checker) checkSitemap() {
	for _, s := range c.sites {
		c.checkSitemapOf(s)
	}
}

// checkSitemapOf checks that one language's text sitemap lists every page
// of that language.
func (c *checker) checkSitemapOf(s *site.Site) {
	var maps []*site.Page
	for _, p := range s.AllPages {
		if p.Layout == "sitemap" {
			maps = append(maps, p)
		}
	}
	if len(maps) == 0 {
		c.add(&diag.Problem{File: strings.TrimSuffix("content/"+s.LangPrefix, "/"), Level: Error, Msg: "thiếu trang sơ đồ trang: tạo một trang có 'layout: sitemap' liệt kê mọi trang (no text sitemap page)"})
		return
	}
	sm := maps[0]
	d := c.docs[sm.OutputPath()]
	if d == nil {
		return
	}
	linked := map[string]bool{}
	for _, r := range d.refs {
		if t, err := c.resolve(sm.OutputPath(), r.val); err == nil && t.exists {
			linked[t.key] = true
		}
	}
	for _, p := range s.AllPages {
		if p == sm || p.URL == "" {
			continue
		}
		if !linked[p.OutputPath()] {
			c.add(&diag.Problem{File: c.sourceName(p), Line: 0, Level: Error, Msg: fmt.Sprintf("trang %s không có trong sơ đồ trang %s (page missing from the sitemap)", p.RelPermalink, c.sourceName(sm))})
		}
	}
}

// checkUnconfirmed lists data values still marked confirmed: false, so
// nobody publishes a placeholder without knowing.
func (c *checker) checkUnconfirmed() {
	dir := filepath.Join(c.opts.Source, "data")
	paths, _ := content.Walk(c.opts.Source, dir, "data")
	for _, rel := range paths {
		ext := strings.ToLower(path.Ext(rel))
		if ext != ".yaml" && ext != ".yml" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		src, err := textutil.CleanInput(raw)
		if err != nil {
			continue
		}
		var root yaml.Node
		if yaml.Unmarshal(src, &root) != nil {
			continue // the build reports invalid YAML
		}
		name := "data/" + rel
		var walk func(n *yaml.Node, keyPath string, keyLine int)
		walk = func(n *yaml.Node, keyPath string, keyLine int) {
			switch n.Kind {
			case yaml.DocumentNode, yaml.SequenceNode:
				for i, ch := range n.Content {
					kp := keyPath
					if n.Kind == yaml.SequenceNode {
						kp = fmt.Sprintf("%s[%d]", keyPath, i)
					}
					walk(ch, kp, ch.Line)
				}
			case yaml.MappingNode:
				label := ""
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					if k.Value == "label" && v.Kind == yaml.ScalarNode {
						label = v.Value
					}
				}
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					if k.Value == "confirmed" && v.Kind == yaml.ScalarNode && v.Tag == "!!bool" && strings.EqualFold(v.Value, "false") {
						what := keyPath
						if label != "" {
							what += " (" + label + ")"
						}
						c.add(&diag.Problem{File: name, Line: keyLine, Level: Warning, Msg: fmt.Sprintf("%s chưa được xác nhận (confirmed: false): trang đang hiện %q thay cho giá trị; cần cơ quan xác nhận trước khi công bố (unconfirmed placeholder)", strings.TrimPrefix(what, "."), Placeholder)})
					}
				}
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					walk(v, keyPath+"."+k.Value, k.Line)
				}
			}
		}
		walk(&root, "", 1)
	}
}

// checkWeight: each page's HTML plus the CSS and JS it loads, gzipped,
// against the budget.
func (c *checker) checkWeight() {
	budget := c.cfg.Check.PageBudgetKB
	if budget <= 0 {
		budget = DefaultBudgetKB
	}
	sizes := map[string]int{}
	gz := func(key string) int {
		if n, ok := sizes[key]; ok {
			return n
		}
		b, _ := c.files.Get(key)
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = w.Write(b)
		_ = w.Close()
		sizes[key] = buf.Len()
		return buf.Len()
	}
	for _, out := range c.order {
		if c.isAlias(out) {
			continue
		}
		d := c.docs[out]
		htmlSize := gz(out)
		seen := map[string]bool{}
		cssSize, jsSize := 0, 0
		for _, list := range []struct {
			urls []string
			sum  *int
		}{{d.stylesheets, &cssSize}, {d.scripts, &jsSize}} {
			for _, u := range list.urls {
				t, err := c.resolve(out, u)
				if err != nil || !t.internal || !t.exists || seen[t.key] {
					continue
				}
				seen[t.key] = true
				*list.sum += gz(t.key)
			}
		}
		total := htmlSize + cssSize + jsSize
		if total > budget*1024 {
			file := c.built(out)
			if p := c.byOut[out]; p != nil && p.Source() != nil {
				file = p.Source().Name()
			}
			c.add(&diag.Problem{File: file, Level: Error, Msg: fmt.Sprintf("trang %s nặng %.1f KB khi nén gzip (HTML %.1f + CSS %.1f + JS %.1f), vượt ngân sách %d KB (page over budget)", out, kb(total), kb(htmlSize), kb(cssSize), kb(jsSize), budget)})
		}
	}
}

func kb(n int) float64 { return float64(n) / 1024 }

// checkPhotos: each image a page shows, as published, against the photo
// limit; reported at the Markdown line that shows it.
func (c *checker) checkPhotos() {
	limit := c.cfg.Check.PhotoMaxKB
	if limit <= 0 {
		limit = DefaultPhotoMaxKB
	}
	sizes := map[string]int{}
	for _, out := range c.order {
		imgs := c.docs[out].imgs
		if len(imgs) == 0 || c.isAlias(out) {
			continue
		}
		seen := make(map[string]bool, len(imgs))
		for _, im := range imgs {
			t, err := c.resolve(out, im.src)
			if err != nil || !t.internal || !t.exists || seen[t.key] {
				continue
			}
			seen[t.key] = true
			n, ok := sizes[t.key]
			if !ok {
				// Read once: a logo on every page is one file.
				b, _ := c.files.Get(t.key)
				n = len(b)
				sizes[t.key] = n
			}
			if n <= limit*1024 {
				continue
			}
			name := t.key
			if f, ok := c.s.Resources[t.key]; ok {
				name = f.Name()
			} else if src, ok := c.s.Statics[t.key]; ok {
				name = src
			}
			c.report(out, Error, fmt.Sprintf("ảnh %s nặng %s, vượt giới hạn %d KB cho một ảnh: người dân xem trên điện thoại phải chờ rất lâu và tốn dung lượng; hãy thu nhỏ ảnh còn khoảng 1600 px chiều rộng và nén JPEG chất lượng khoảng 80 (trên Windows: mở ảnh bằng ứng dụng Photos → Resize, hoặc Paint → Resize) (photo over limit)", name, site.HumanSize(int64(n)), limit), path.Base(t.key))
		}
	}
}

// Package newpage creates a content page from an archetype, for
// `portal new`: the editor gets a file with the right front matter,
// marked as a draft, and never overwrites an existing page by mistake.
package newpage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/textutil"
)

// Builtin is the archetype used when the site has none.
const Builtin = `---
title: {{ quote .Title }}
date: {{ .Date }}
draft: true
# Mô tả ngắn (dưới 160 ký tự), hiện trong danh sách trang và kết quả tìm kiếm.
description: ""
---

Viết nội dung ở đây. Khi trang đã sẵn sàng, đổi "draft: true" thành "draft: false".
`

// Data is what an archetype template sees.
type Data struct {
	// Title is the page title as typed (NFC).
	Title string
	// Date is the creation time, RFC 3339 in the site's time zone.
	Date string
	// Section is the top content folder ("" for a page at the root).
	Section string
}

// Options describe the page to create: either Path ("tin-tuc/ten.md",
// relative to content/) or Section and Title (the file name is then the
// title's slug). Folder names are folded as every slug is ("Văn bản" →
// van-ban), and so is the file name of Path ("Cách gửi.md" →
// cach-gui.md).
type Options struct {
	Source  string
	Path    string
	Section string
	// Title is the page's title; with Path and no Title, one is made from
	// the file name (Result.TitleFromName says so).
	Title string
	// NewSection lets the page's folder be created; without it a folder
	// that does not exist is refused with an *UnknownSectionError, since a
	// misspelt section would otherwise silently become a new one.
	NewSection bool
	// Now is the creation time; zero means the clock.
	Now time.Time
}

// Result is what Create wrote.
type Result struct {
	// Path is the new page, relative to the site folder
	// ("content/tin-tuc/ten.md").
	Path string
	// Title is the title written into it.
	Title string
	// TitleFromName is true when the title was made from the file name
	// and the editor should correct it.
	TitleFromName bool
	// Sections lists the section pages created for new folders
	// ("content/van-ban/_index.md"), with NewSection.
	Sections []string
}

// UnknownSectionError refuses a page in a folder that does not exist.
type UnknownSectionError struct {
	// Folder is the missing folder, relative to the site
	// ("content/van-bna").
	Folder string
	// Existing are the folders beside it, sorted.
	Existing []string
	// Closest is the existing folder the editor probably meant, or "".
	Closest string
}

func (e *UnknownSectionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "mục %s chưa có (unknown section)", e.Folder)
	if e.Closest != "" {
		fmt.Fprintf(&b, "; có phải ý bạn là %q?", e.Closest)
	}
	if len(e.Existing) > 0 {
		fmt.Fprintf(&b, "\nCác mục hiện có: %s", strings.Join(e.Existing, ", "))
	} else {
		b.WriteString("\nChưa có mục nào ở đó.")
	}
	b.WriteString("\nĐể tạo mục mới, thêm --new-section.")
	return b.String()
}

// ErrExists is returned, wrapped, when the page already exists.
var ErrExists = errors.New("tệp đã tồn tại")

// Plan returns the page Create would write ("content/tin-tuc/ten.md"),
// or the mistake it would refuse, without writing anything: a command
// asks the editor for a title only once the rest is known to be right.
func Plan(opts Options) (string, error) {
	t, err := plan(&opts)
	if err != nil {
		return "", err
	}
	return "content/" + t.rel, nil
}

func plan(opts *Options) (*targetPage, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if _, err := os.Stat(filepath.Join(opts.Source, config.FileName)); err != nil {
		return nil, fmt.Errorf("%s không phải thư mục trang: không thấy tệp %s. Hãy chạy lệnh trong thư mục trang, hoặc thêm --source THƯ-MỤC-TRANG", opts.Source, config.FileName)
	}
	return target(*opts, filepath.Join(opts.Source, "content"))
}

// Create writes the new page. A page that exists is never overwritten
// (ErrExists).
func Create(opts Options) (*Result, error) {
	t, err := plan(&opts)
	if err != nil {
		return nil, err
	}
	contentDir := filepath.Join(opts.Source, "content")
	rel := t.rel
	loc := loadLocation(opts.Source)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	section := ""
	if i := strings.IndexByte(rel, '/'); i > 0 {
		section = rel[:i]
	}
	page, err := render(opts.Source, section, Data{Title: t.title, Date: now.In(loc).Format(time.RFC3339), Section: section}, loc)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(contentDir, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục content/: %w", err)
	}
	full := filepath.Join(contentDir, filepath.FromSlash(rel))
	res := &Result{Path: "content/" + rel, Title: t.title, TitleFromName: t.fromName}
	// A symbolic link inside content/ must not lead the new file out: the
	// deepest folder that exists is checked before any is made.
	if err := inside(contentDir, existingAncestor(filepath.Dir(full))); err != nil {
		return nil, err
	}
	// Another file whose name folds to the same address ("Le-Hoi.md"
	// beside "le-hoi.md") would make the next build refuse both.
	if err := sameAddress(filepath.Dir(full), path.Base(rel)); err != nil {
		return nil, err
	}
	created, err := makeFolders(contentDir, path.Dir(rel), t.newNames, now.In(loc))
	if err != nil {
		return nil, err
	}
	res.Sections = created
	if err := inside(contentDir, filepath.Dir(full)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s: %w; portal không ghi đè trang đã có. Hãy chọn tên khác hoặc mở tệp đó để sửa", res.Path, ErrExists)
	}
	if err != nil {
		return nil, fmt.Errorf("tạo %s: %w", res.Path, err)
	}
	if _, err := f.Write(page); err != nil {
		f.Close()
		_ = os.Remove(full)
		return nil, fmt.Errorf("ghi %s: %w", res.Path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("ghi %s: %w", res.Path, err)
	}
	return res, nil
}

// render fills the section's archetype and checks that it gives a page
// the build accepts.
func render(source, section string, data Data, loc *time.Location) ([]byte, error) {
	tmplText, tmplName, err := archetype(source, section)
	if err != nil {
		return nil, err
	}
	tpl, err := template.New(tmplName).Funcs(template.FuncMap{"quote": Quote}).Option("missingkey=error").Parse(tmplText)
	if err != nil {
		return nil, fmt.Errorf("mẫu trang %s không hợp lệ: %w", tmplName, err)
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("mẫu trang %s: %w", tmplName, err)
	}
	fmText, _, _, err := content.Split(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("mẫu trang %s tạo ra tệp không hợp lệ: %w", tmplName, err)
	}
	if _, probs := content.ParseFrontMatter("content/"+section, fmText, 2, loc); len(probs) > 0 {
		return nil, fmt.Errorf("mẫu trang %s tạo ra phần đầu trang không hợp lệ: %s", tmplName, probs[0].Error())
	}
	return buf.Bytes(), nil
}

// existingAncestor is dir or its nearest ancestor that exists.
func existingAncestor(dir string) string {
	for {
		if _, err := os.Lstat(dir); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// makeFolders creates the page's folders that do not exist yet. A new
// top-level section gets its own page (_index.md), titled as the editor
// typed the section's name, so the section has a title and a place for
// its description from the start.
func makeFolders(contentDir, relDir string, typed map[string]string, now time.Time) ([]string, error) {
	if relDir == "." {
		return nil, nil
	}
	var created []string
	segs := strings.Split(relDir, "/")
	for i := range segs {
		sub := strings.Join(segs[:i+1], "/")
		dir := filepath.Join(contentDir, filepath.FromSlash(sub))
		if _, err := os.Stat(dir); err == nil {
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return created, fmt.Errorf("tạo thư mục content/%s: %w", sub, err)
		}
		if i > 0 {
			continue
		}
		title := typed[sub]
		if title == "" {
			title = titleFromName(sub)
		}
		text := fmt.Sprintf("---\ntitle: %s\ndate: %s\n# Mô tả ngắn của mục (dưới 160 ký tự).\ndescription: \"\"\n---\n", Quote(title), now.Format(time.RFC3339))
		if err := os.WriteFile(filepath.Join(dir, "_index.md"), []byte(text), 0o644); err != nil {
			return created, fmt.Errorf("tạo content/%s/_index.md: %w", sub, err)
		}
		created = append(created, "content/"+sub+"/_index.md")
	}
	return created, nil
}

// targetPage is where the new page goes and its title.
type targetPage struct {
	rel      string // relative to content/, slash-separated
	title    string
	fromName bool
	// newNames maps each folder to be created to its name as typed.
	newNames map[string]string
}

// target decides the content path and the title.
func target(opts Options, contentDir string) (*targetPage, error) {
	title := strings.TrimSpace(norm.NFC.String(opts.Title))
	t := &targetPage{title: title, newNames: map[string]string{}}
	var dirs []string
	var file string
	switch {
	case opts.Path != "" && opts.Section != "":
		return nil, errors.New("hãy cho đường dẫn tệp HOẶC --section với tiêu đề, không cả hai")
	case opts.Path != "":
		rel := sitePath(opts.Path)
		if err := checkRel(rel); err != nil {
			return nil, err
		}
		if strings.ToLower(path.Ext(rel)) != ".md" {
			return nil, fmt.Errorf("%q: tên tệp trang phải kết thúc bằng .md", opts.Path)
		}
		if i := strings.LastIndexByte(rel, '/'); i >= 0 {
			dirs = strings.Split(rel[:i], "/")
		}
		stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		switch stem {
		case "index", "_index":
			// A page bundle's page or a section's page keeps its name.
			file = stem + ".md"
		default:
			slug := shortSlug(textutil.Slugify(stem))
			if slug == "" {
				return nil, fmt.Errorf("%q: tên tệp không có chữ hay số nào", opts.Path)
			}
			file = slug + ".md"
		}
		if t.title == "" {
			name := stem
			if stem == "index" || stem == "_index" {
				name = "trang"
				if len(dirs) > 0 {
					name = dirs[len(dirs)-1]
				}
			}
			t.title, t.fromName = titleFromName(name), true
		}
	case opts.Section != "" || title != "":
		if title == "" {
			return nil, errors.New("thiếu tiêu đề: portal new --section TEN-MUC \"Tiêu đề có dấu\"")
		}
		sec := strings.Trim(sitePath(opts.Section), "/")
		if sec != "" {
			if err := checkRel(sec); err != nil {
				return nil, err
			}
			dirs = strings.Split(sec, "/")
		}
		slug := shortSlug(textutil.Slugify(title))
		if slug == "" {
			return nil, fmt.Errorf("tiêu đề %q không có chữ hay số nào để đặt tên tệp", title)
		}
		file = slug + ".md"
	default:
		return nil, errors.New("cần đường dẫn trang (ví dụ tin-tuc/ten-trang.md) hoặc --section và tiêu đề")
	}
	resolved, err := resolveDirs(contentDir, dirs, opts.NewSection, t.newNames)
	if err != nil {
		return nil, err
	}
	t.rel = path.Join(append(resolved, file)...)
	if err := checkRel(t.rel); err != nil {
		return nil, err
	}
	return t, nil
}

// sitePath reads a path as an editor types it: with Windows backslashes
// (PowerShell completes "content\hoi-dap\"), a leading ".\" or "./", and
// content/ or not. ".." and absolute paths are left for checkRel to refuse.
func sitePath(p string) string {
	p = strings.ReplaceAll(norm.NFC.String(p), "\\", "/")
	p = strings.TrimPrefix(p, "./")
	return strings.TrimPrefix(p, "content/")
}

// resolveDirs folds each folder name as a slug and finds it among the
// folders that exist, so "Văn bản", "van-ban" and "Van-Ban" all name
// content/van-ban. A folder that does not exist is refused unless
// create is set; then newNames records it with its name as typed.
func resolveDirs(contentDir string, dirs []string, create bool, newNames map[string]string) ([]string, error) {
	var out []string
	missing := false
	for _, typed := range dirs {
		slug := textutil.Slugify(typed)
		if slug == "" {
			return nil, fmt.Errorf("tên mục %q không có chữ hay số nào", typed)
		}
		parent := filepath.Join(contentDir, filepath.FromSlash(path.Join(out...)))
		existing := []string{}
		if !missing {
			existing = folders(parent)
		}
		name := ""
		for _, e := range existing {
			if e == typed || textutil.Slugify(e) == slug {
				name = e
				break
			}
		}
		if name == "" {
			if !create {
				return nil, &UnknownSectionError{Folder: "content/" + path.Join(append(out, slug)...), Existing: existing, Closest: textutil.Closest(slug, existing)}
			}
			missing = true
			name = slug
			newNames[path.Join(append(out, name)...)] = strings.TrimSpace(typed)
		}
		out = append(out, name)
	}
	return out, nil
}

// folders lists the folders in dir that a build reads, sorted.
func folders(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := norm.NFC.String(e.Name())
		if content.Ignored(n) {
			continue
		}
		if e.IsDir() {
			out = append(out, n)
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(dir, e.Name())); err == nil && st.IsDir() {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// sameAddress refuses a new page file whose name gives the address of a
// page already in dir (the same name but for case or diacritics). An
// existing file of exactly that name is left to O_EXCL's own message.
func sameAddress(dir, base string) error {
	stem := func(n string) string { return textutil.Slugify(strings.TrimSuffix(n, path.Ext(n))) }
	want := stem(base)
	if want == "" || want == "index" || want == "_index" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		n := norm.NFC.String(e.Name())
		if n == base || e.IsDir() || !strings.EqualFold(path.Ext(n), ".md") {
			continue
		}
		if stem(n) == want {
			return fmt.Errorf("đã có trang %s cùng địa chỉ …/%s/ với tệp mới %s; hãy mở trang đó hoặc chọn tiêu đề khác (same address)", n, want, base)
		}
	}
	return nil
}

// maxSlug bounds a file name made from a title (file systems take 255
// bytes; a URL that long helps nobody): it is cut at a word.
const maxSlug = 80

func shortSlug(slug string) string {
	if len(slug) <= maxSlug {
		return slug
	}
	cut := slug[:maxSlug]
	if i := strings.LastIndexByte(cut, '-'); i > maxSlug/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-")
}

// checkRel refuses paths that leave content/ or that no build would read.
func checkRel(rel string) error {
	if rel == "" || strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) || strings.ContainsAny(rel, "\\\x00:") {
		return fmt.Errorf("%q: đường dẫn phải nằm trong thư mục content/, dạng muc/ten-trang.md", rel)
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("%q: đường dẫn không được chứa '..' hay '//': trang phải nằm trong content/", rel)
		}
		if content.Ignored(seg) {
			return fmt.Errorf("%q: tên %q bị bỏ qua khi dựng trang (bắt đầu bằng dấu chấm, #, hoặc là tệp tạm)", rel, seg)
		}
	}
	return nil
}

// inside checks that dir, symbolic links resolved, is within root.
func inside(root, dir string) error {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("thư mục content/: %w", err)
	}
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(r, d)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("thư mục %s trỏ ra ngoài content/ (liên kết tượng trưng); portal không tạo trang ở đó", dir)
	}
	return nil
}

// archetype finds the template for a section.
func archetype(source, section string) (string, string, error) {
	var cands []string
	if section != "" {
		cands = append(cands, "layouts/_archetypes/"+section+".md")
	}
	cands = append(cands, "layouts/_archetypes/default.md")
	for _, c := range cands {
		b, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(c)))
		if err == nil {
			clean, err := textutil.CleanInput(b)
			if err != nil {
				return "", "", fmt.Errorf("%s: %w", c, err)
			}
			return string(clean), c, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", "", fmt.Errorf("đọc %s: %w", c, err)
		}
	}
	return Builtin, "mẫu có sẵn (built-in archetype)", nil
}

func loadLocation(source string) *time.Location {
	if cfg, err := config.Load(filepath.Join(source, config.FileName)); err == nil && cfg.Location != nil {
		return cfg.Location
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// titleFromName makes a provisional title from a file or folder name:
// "Cách gửi phản ánh" stays as typed, "ke-hoach-moi" becomes "Ke hoach
// moi", which the editor is expected to correct, with diacritics.
func titleFromName(name string) string {
	s := strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(norm.NFC.String(name))), " ")
	r := []rune(s)
	if len(r) == 0 {
		return name
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Quote writes s as a YAML double-quoted string, so any title (with
// quotes, colons, a leading dash) stays one string value.
func Quote(s string) string {
	return strconv.Quote(s)
}

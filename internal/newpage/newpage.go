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
// title's slug).
type Options struct {
	Source  string
	Path    string
	Section string
	Title   string
	// Now is the creation time; zero means the clock.
	Now time.Time
}

// ErrExists is returned, wrapped, when the page already exists.
var ErrExists = errors.New("tệp đã tồn tại")

// Create writes the new page and returns its path relative to the site
// folder ("content/tin-tuc/ten.md").
func Create(opts Options) (string, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	rel, title, err := target(opts)
	if err != nil {
		return "", err
	}
	loc := loadLocation(opts.Source)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	section := ""
	if i := strings.IndexByte(rel, '/'); i > 0 {
		section = rel[:i]
	}
	tmplText, tmplName, err := archetype(opts.Source, section)
	if err != nil {
		return "", err
	}
	tpl, err := template.New(tmplName).Funcs(template.FuncMap{"quote": Quote}).Option("missingkey=error").Parse(tmplText)
	if err != nil {
		return "", fmt.Errorf("mẫu trang %s không hợp lệ: %w", tmplName, err)
	}
	var buf bytes.Buffer
	data := Data{Title: title, Date: now.In(loc).Format(time.RFC3339), Section: section}
	if err := tpl.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("mẫu trang %s: %w", tmplName, err)
	}
	// The archetype must give a page the build accepts.
	name := "content/" + rel
	fmText, _, _, err := content.Split(buf.Bytes())
	if err != nil {
		return "", fmt.Errorf("mẫu trang %s tạo ra tệp không hợp lệ: %w", tmplName, err)
	}
	if _, probs := content.ParseFrontMatter(name, fmText, 2, loc); len(probs) > 0 {
		return "", fmt.Errorf("mẫu trang %s tạo ra phần đầu trang không hợp lệ: %s", tmplName, probs[0].Error())
	}
	contentDir := filepath.Join(opts.Source, "content")
	full := filepath.Join(contentDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", fmt.Errorf("tạo thư mục cho %s: %w", name, err)
	}
	// A symbolic link inside content/ must not lead the new file out.
	if err := inside(contentDir, filepath.Dir(full)); err != nil {
		return "", err
	}
	// Another file whose name folds to the same address ("Le-Hoi.md"
	// beside "le-hoi.md") would make the next build refuse both.
	if err := sameAddress(filepath.Dir(full), path.Base(rel)); err != nil {
		return "", err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s: %w; portal không ghi đè trang đã có. Hãy chọn tên khác hoặc mở tệp đó để sửa", name, ErrExists)
	}
	if err != nil {
		return "", fmt.Errorf("tạo %s: %w", name, err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		_ = os.Remove(full)
		return "", fmt.Errorf("ghi %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("ghi %s: %w", name, err)
	}
	return name, nil
}

// target decides the content path and the title.
func target(opts Options) (string, string, error) {
	title := strings.TrimSpace(norm.NFC.String(opts.Title))
	var rel string
	switch {
	case opts.Path != "" && opts.Section != "":
		return "", "", errors.New("hãy cho đường dẫn tệp HOẶC --section với tiêu đề, không cả hai")
	case opts.Path != "":
		rel = norm.NFC.String(opts.Path)
		rel = strings.TrimPrefix(rel, "content/")
		if err := checkRel(rel); err != nil {
			return "", "", err
		}
		ext := strings.ToLower(path.Ext(rel))
		if ext != ".md" {
			return "", "", fmt.Errorf("%q: tên tệp trang phải kết thúc bằng .md", opts.Path)
		}
		if title == "" {
			title = titleFromName(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))
		}
	case opts.Section != "" || title != "":
		if title == "" {
			return "", "", errors.New("thiếu tiêu đề: portal new --section TEN-MUC \"Tiêu đề có dấu\"")
		}
		sec := strings.Trim(norm.NFC.String(opts.Section), "/")
		sec = strings.TrimPrefix(sec, "content/")
		slug := shortSlug(textutil.Slugify(title))
		if slug == "" {
			return "", "", fmt.Errorf("tiêu đề %q không có chữ hay số nào để đặt tên tệp", title)
		}
		rel = slug + ".md"
		if sec != "" {
			rel = sec + "/" + rel
		}
		if err := checkRel(rel); err != nil {
			return "", "", err
		}
	default:
		return "", "", errors.New("cần đường dẫn trang (ví dụ tin-tuc/ten-trang.md) hoặc --section và tiêu đề")
	}
	return rel, title, nil
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

// titleFromName makes a provisional title from a file name: "ke-hoach-moi"
// → "Ke hoach moi". The editor is expected to write the real one, with
// diacritics.
func titleFromName(name string) string {
	s := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
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

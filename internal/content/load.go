package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"portal/internal/diag"
	"portal/internal/fileio"
	"portal/internal/parallel"
	"portal/internal/textutil"
)

// MaxFileSize bounds one content file. Larger files are refused rather than
// read, so one stray export cannot take the machine's memory.
const MaxFileSize = 32 << 20

// File is one file found under content/.
type File struct {
	// Path is slash-separated and relative to content/.
	Path string
	// Abs is the file on disk.
	Abs string
	// Markdown files have front matter and a body; other files are
	// published as they are.
	Markdown bool
	FM       *FrontMatter
	Body     []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// Size is the file's size in bytes.
	Size int64
	// Prefix is the language folder ("en/") stripped from Path for pages of
	// a translation; Name puts it back.
	Prefix string
}

// Name is the path used in messages: relative to the site root.
func (f *File) Name() string { return "content/" + f.Prefix + f.Path }

// Ignored reports whether a file or folder name is an editor's or the
// system's by-product that must never be published.
func Ignored(name string) bool {
	// "~$x.docx" is the lock file Office leaves beside an open document,
	// "__MACOSX" the resource folder of zips made on a Mac.
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasPrefix(name, "~$") || name == "__MACOSX" ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "Thumbs.db" || name == "desktop.ini"
}

// Walk lists the files below dir (slash paths relative to it), skipping
// ignored names. Symbolic links are followed only when they point to a
// regular file inside root; anything else is reported, never read, so a
// link cannot publish a file from outside the site.
func Walk(root, dir, label string) ([]string, []*diag.Problem) {
	var files []string
	var probs []*diag.Problem
	rootReal, err := filepath.EvalSymlinks(root)
	if err != nil {
		rootReal = root
	}
	// A top folder that is a symlink (data -> shared/data) is followed
	// when it stays inside the site, as a symlinked file is; WalkDir alone
	// would list nothing, and the site would lose its data silently.
	walkDir := dir
	if fi, lerr := os.Lstat(dir); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return nil, []*diag.Problem{diag.Errorf(label, 0, "thư mục %s/ là liên kết tượng trưng hỏng hoặc lặp vòng (broken or looping symlink): %v", label, unwrapPath(err))}
		}
		if !within(rootReal, target) {
			return nil, []*diag.Problem{diag.Errorf(label, 0, "thư mục %s/ là liên kết tượng trưng trỏ ra ngoài thư mục trang (symlink points outside the site): bị từ chối; hãy chép thư mục vào trang", label)}
		}
		walkDir = target
	}
	err = filepath.WalkDir(walkDir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(walkDir, p)
		relSlash := filepath.ToSlash(rel)
		name := label + "/" + relSlash
		if err != nil {
			if p == walkDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			if p == walkDir || (d != nil && d.IsDir()) {
				// A folder that cannot be listed hides every file in it:
				// the cause, not the editors' mistake, of each link to,
				// list of or layout for what it holds.
				folder := label + "/"
				if p != walkDir {
					folder = name + "/"
				}
				probs = append(probs, diag.Causef("", 0, "không đọc được thư mục %s (cannot read folder): %v", folder, unwrapPath(err)))
				return fs.SkipDir
			}
			probs = append(probs, diag.Errorf(name, 0, "không đọc được (cannot read): %v", unwrapPath(err)))
			return nil
		}
		if p == walkDir {
			if !d.IsDir() {
				return notFolder(label)
			}
			return nil
		}
		if Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if r, bad := controlInName(d.Name()); bad {
			// A newline in a name would end a line of every list the name
			// goes into: the output's manifest, messages, logs. Shown
			// escaped, so this message stays on its line.
			probs = append(probs, diag.Errorf(label+"/"+escapeName(relSlash), 0, "tên tệp hoặc thư mục chứa ký tự điều khiển vô hình U+%04X (ví dụ dấu xuống dòng); hãy đổi tên (control character in file name)", r))
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				probs = append(probs, diag.Errorf(name, 0, "liên kết tượng trưng hỏng hoặc lặp vòng (broken or looping symlink): %v", unwrapPath(err)))
				return nil
			}
			if !within(rootReal, target) {
				probs = append(probs, diag.Errorf(name, 0, "liên kết tượng trưng trỏ ra ngoài thư mục trang (symlink points outside the site): bị từ chối"))
				return nil
			}
			st, err := os.Stat(target)
			if err != nil || !st.Mode().IsRegular() {
				probs = append(probs, diag.Warnf(name, 0, "bỏ qua liên kết tượng trưng tới thư mục (symlinked folder skipped)"))
				return nil
			}
			files = append(files, relSlash)
			return nil
		}
		if d.IsDir() {
			if label == "content" && strings.Count(relSlash, "/")+1 > MaxDepth {
				// Sections are drawn nested in menus, breadcrumbs and the
				// site map; deeper than this is a mistake (a folder
				// copied into itself), not an outline.
				probs = append(probs, diag.Errorf(name, 0, "thư mục lồng quá sâu: %d cấp dưới content/, tối đa %d cấp; các trang trong thư mục này không được dựng. Hãy chuyển chúng lên mục cao hơn (folder nested too deep)", strings.Count(relSlash, "/")+1, MaxDepth))
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		files = append(files, relSlash)
		return nil
	})
	var nf *notFolderError
	if errors.As(err, &nf) {
		probs = append(probs, diag.Causef("", 0, "%s không phải thư mục mà là một tệp; hãy đổi tên tệp đó và đặt lại thư mục %s/ của trang (not a folder)", label, label))
	} else if err != nil {
		probs = append(probs, diag.Causef("", 0, "không duyệt được thư mục %s/ (cannot walk): %v", label, err))
	}
	sort.Strings(files)
	return files, probs
}

// MaxDepth is how many folders deep content/ may nest (content/a/b is
// two): enough for any outline, and the bound on how deep the templates
// that draw sections inside sections recurse.
const MaxDepth = 16

// notFolderError stops a walk whose top folder is a file.
type notFolderError struct{ label string }

func (e *notFolderError) Error() string { return e.label + " is not a folder" }

func notFolder(label string) error { return &notFolderError{label} }

// controlInName finds a C0 or C1 control character or DEL in a name.
func controlInName(name string) (rune, bool) {
	for _, r := range name {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return r, true
		}
	}
	return 0, false
}

// CheckNames warns about the names in paths (slash paths below folder
// label) that publish an address which is not what it looks like: a bidi
// control character, which the address drops, and a word that mixes two
// scripts ("bаi" with a Cyrillic "а"), whose address looks exactly like
// another's. Each file or folder is named once.
func CheckNames(label string, paths []string) []*diag.Problem {
	var probs []*diag.Problem
	seen := map[string]bool{}
	for _, p := range paths {
		for end := 0; end < len(p); {
			next := strings.IndexByte(p[end+1:], '/')
			if next < 0 {
				end = len(p)
			} else {
				end += 1 + next
			}
			sub := p[:end]
			if seen[sub] {
				continue
			}
			seen[sub] = true
			name := path.Base(sub)
			if isASCII(name) {
				continue
			}
			// Shown escaped: printed as is, the character would turn
			// the rest of the message's line around too.
			where := label + "/" + escapeName(sub)
			if _, r := textutil.StripBidi(name); r != 0 {
				probs = append(probs, diag.Warnf(where, 0, "tên tệp hoặc thư mục chứa ký tự đảo chiều văn bản vô hình U+%04X, làm tên hiện ra khác với thực tế; ký tự này đã được bỏ khỏi địa chỉ, hãy đổi tên cho sạch (bidi control character in file name)", r))
			}
			if word, a, b, mixed := textutil.MixedScriptWord(name); mixed {
				probs = append(probs, diag.Warnf(where, 0, "tên tệp hoặc thư mục có từ %q trộn chữ %s với chữ %s: địa chỉ trông giống hệt một địa chỉ khác nhưng dẫn tới trang khác; hãy gõ lại tên bằng một bộ chữ (mixed scripts in file name)", word, a, b))
			}
		}
	}
	return probs
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// escapeName writes a name with its control characters escaped (\n).
func escapeName(name string) string {
	q := strconv.Quote(name)
	return strings.ReplaceAll(strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`), `\\`, `\`)
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load reads every file under siteRoot/content in parallel. Markdown files
// are cleaned (BOM, line ends, NFC) and their front matter decoded.
func Load(siteRoot string, loc *time.Location) ([]*File, []*diag.Problem) {
	dir := filepath.Join(siteRoot, "content")
	paths, probs := Walk(siteRoot, dir, "content")
	probs = append(probs, CheckNames("content", paths)...)
	files := make([]*File, len(paths))
	perFile := make([][]*diag.Problem, len(paths))
	idx := make([]int, len(paths))
	for i := range idx {
		idx[i] = i
	}
	parallel.Each(runtime.GOMAXPROCS(0), idx, func(i int) {
		files[i], perFile[i] = loadOne(dir, paths[i], loc)
	})
	out := files[:0]
	for i, f := range files {
		probs = append(probs, perFile[i]...)
		if f != nil {
			out = append(out, f)
		}
	}
	return out, probs
}

// LoadFile reads one content file, as Load does; rel is relative to
// content/. The live preview uses it to re-read only what changed.
func LoadFile(siteRoot, rel string, loc *time.Location) (*File, []*diag.Problem) {
	return loadOne(filepath.Join(siteRoot, "content"), rel, loc)
}

func loadOne(dir, rel string, loc *time.Location) (*File, []*diag.Problem) {
	f := &File{Path: rel, Abs: filepath.Join(dir, filepath.FromSlash(rel))}
	name := f.Name()
	cannotRead := func(err error) (*File, []*diag.Problem) {
		return nil, []*diag.Problem{diag.Errorf(name, 0, "không đọc được (cannot read): %v", unwrapPath(err))}
	}
	tooLarge := func(size int64) (*File, []*diag.Problem) {
		return nil, []*diag.Problem{diag.Errorf(name, 0, "tệp quá lớn (%d MB, tối đa %d MB) (file too large)", size>>20, MaxFileSize>>20)}
	}
	if !IsMarkdown(rel) {
		st, err := os.Stat(f.Abs)
		if err != nil {
			return cannotRead(err)
		}
		f.Size = st.Size()
		if p := checkContentFile(name, rel, f.Abs); p != nil {
			// Kept in the list, so links to it are not reported as
			// broken too: the refusal is the one mistake.
			return f, []*diag.Problem{p}
		}
		return f, nil
	}
	f.Markdown = true
	raw, err := fileio.ReadFile(f.Abs, MaxFileSize)
	if err != nil {
		var tl *fileio.TooLargeError
		if errors.As(err, &tl) {
			f.Size = tl.Size
			return tooLarge(tl.Size)
		}
		// Report as a stat then a read would: an unreadable file that is
		// also too large is too large.
		if st, serr := os.Stat(f.Abs); serr == nil && st.Size() > MaxFileSize {
			return tooLarge(st.Size())
		}
		return cannotRead(err)
	}
	f.Size = int64(len(raw))
	src, err := textutil.CleanInput(raw)
	if err != nil {
		var ie *textutil.InputError
		line := 0
		if errors.As(err, &ie) {
			line = ie.Line
		}
		return nil, []*diag.Problem{diag.Errorf(name, line, "%s", msgOf(err))}
	}
	fmText, body, bodyLine, err := Split(src)
	if err != nil {
		return nil, []*diag.Problem{diag.Errorf(name, 1, "%v", err)}
	}
	fm, probs := ParseFrontMatter(name, fmText, 2, loc)
	if fm == nil {
		return nil, probs
	}
	if hasErrors(probs) {
		return nil, probs
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return nil, []*diag.Problem{diag.Errorf(name, bodyLine+bytes.Count(body[:i], []byte("\n")), "tệp chứa ký tự NUL: có lẽ không phải văn bản (NUL byte; not a text file)")}
	}
	if i, r := controlChar(body); i >= 0 {
		// Invisible in the editor, invalid in HTML: usually pasted from a
		// word processor or a terminal. Naming the line lets it be deleted.
		return nil, []*diag.Problem{diag.Errorf(name, bodyLine+bytes.Count(body[:i], []byte("\n")), "tệp chứa ký tự điều khiển vô hình U+%04X; hãy xoá nó (control character)", r)}
	}
	f.FM, f.Body, f.BodyLine = fm, body, bodyLine
	return f, probs
}

// controlChar finds the first character HTML forbids in text: C0 controls
// other than tab, line feed and form feed, DEL, and the C1 controls that
// text decoded with the wrong code page is full of. It looks at bytes
// rather than decoding characters: a C0 control or DEL is one byte that
// never occurs inside another character, and a C1 control is 0xC2, which
// is never a continuation byte, followed by 0x80–0x9F.
func controlChar(b []byte) (int, rune) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(b); i++ {
		// Skip eight bytes at a time while none is below 0x20, 0x7F or
		// 0xC2 (each test can only err towards looking closer).
		for i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			below20 := (x - 0x20*ones) &^ x & highs
			is7F := (x ^ 0x7F*ones - ones) &^ (x ^ 0x7F*ones) & highs
			isC2 := (x ^ 0xC2*ones - ones) &^ (x ^ 0xC2*ones) & highs
			if below20|is7F|isC2 != 0 {
				break
			}
			i += 8
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\f' {
				return i, rune(c)
			}
		case c == 0x7f:
			return i, 0x7f
		case c == 0xC2:
			if i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f {
				return i, rune(b[i+1])
			}
		}
	}
	return -1, 0
}

func msgOf(err error) string {
	var ie *textutil.InputError
	if errors.As(err, &ie) {
		return ie.Msg
	}
	return err.Error()
}

func hasErrors(ps []*diag.Problem) bool {
	for _, p := range ps {
		if p.Level == diag.Error {
			return true
		}
	}
	return false
}

// IsMarkdown reports whether a content path is a page source.
func IsMarkdown(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".markdown"
}

// String describes a file for debugging.
func (f *File) String() string { return fmt.Sprintf("content/%s%s", f.Prefix, f.Path) }

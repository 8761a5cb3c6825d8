// Package output writes the built site: into a fresh folder beside the
// destination that replaces it only when the build succeeded, or into
// memory for the preview server and the checker.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"portal/internal/fileio"
)

// ManifestName is the file, in the output root, that lists what the tool
// wrote, so it can tell its own output from a folder of someone's files.
const ManifestName = ".portal-manifest"

// Writer receives the built files.
type Writer interface {
	// WriteFile stores data at rel, a slash path inside the site.
	WriteFile(rel string, data []byte) error
	// CopyFile publishes the file at src unchanged at rel.
	CopyFile(rel, src string) error
}

// Reader reads a built site back: the checker reviews a site built into
// memory or into the folder about to be published.
type Reader interface {
	// Get returns a file's bytes.
	Get(rel string) ([]byte, bool)
	// Files lists the site's paths, sorted.
	Files() []string
}

// SafeRel checks that rel stays inside the output: no absolute paths, no
// "..", no backslashes or NULs. Every path the build writes passes here,
// whatever a slug, url or alias said.
func SafeRel(rel string) error {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.ContainsAny(rel, "\\\x00") || filepath.IsAbs(rel) {
		return fmt.Errorf("đường dẫn đầu ra không hợp lệ (unsafe output path) %q", rel)
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return fmt.Errorf("đường dẫn đầu ra không hợp lệ (unsafe output path) %q", rel)
		}
	}
	return nil
}

// DirWriter writes into a folder. It is safe for concurrent use.
type DirWriter struct {
	Root string
	// Name is the folder as messages name it (the destination the user
	// gave, not the staging folder written); empty means Root.
	Name  string
	mu    sync.Mutex
	dirs  map[string]bool
	files []string
}

// NewDirWriter writes below root, which must exist.
func NewDirWriter(root string) *DirWriter {
	return &DirWriter{Root: root, dirs: map[string]bool{}}
}

func (w *DirWriter) prepare(rel string) (string, error) {
	if err := SafeRel(rel); err != nil {
		return "", err
	}
	full := filepath.Join(w.Root, filepath.FromSlash(rel))
	dir := filepath.Dir(full)
	w.mu.Lock()
	known := w.dirs[dir]
	w.files = append(w.files, rel)
	w.mu.Unlock()
	if !known {
		// Every page has a folder of its own whose parent was made for an
		// earlier page: one mkdir then, not MkdirAll's stat of each level.
		w.mu.Lock()
		parentKnown := w.dirs[filepath.Dir(dir)]
		w.mu.Unlock()
		made := false
		if parentKnown {
			err := os.Mkdir(dir, 0o755)
			made = err == nil || errors.Is(err, fs.ErrExist)
		}
		if !made {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", &WriteError{Path: w.shown(path.Dir(rel)), Err: err}
			}
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	return full, nil
}

// WriteFile implements Writer.
func (w *DirWriter) WriteFile(rel string, data []byte) error {
	full, err := w.prepare(rel)
	if err != nil {
		return err
	}
	if err := fileio.WriteFile(full, data, 0o644); err != nil {
		return &WriteError{Path: w.shown(rel), Err: err}
	}
	return nil
}

// shown is how messages name rel: under the destination.
func (w *DirWriter) shown(rel string) string {
	name := w.Name
	if name == "" {
		name = w.Root
	}
	return filepath.Join(name, filepath.FromSlash(rel))
}

// CopyFile implements Writer. The bytes are copied, never hard-linked: a
// link would share the file with the source, and an editor saving over it
// in place would change the published site without a build.
func (w *DirWriter) CopyFile(rel, src string) error {
	full, err := w.prepare(rel)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("đọc %s: %w", src, err)
	}
	if err := fileio.WriteFile(full, data, 0o644); err != nil {
		return &WriteError{Path: w.shown(rel), Err: err}
	}
	return nil
}

// Get reads back a file written under Root.
func (w *DirWriter) Get(rel string) ([]byte, bool) {
	if SafeRel(rel) != nil {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(w.Root, filepath.FromSlash(rel)))
	return b, err == nil
}

// Files lists what was written, sorted.
func (w *DirWriter) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := append([]string(nil), w.files...)
	sort.Strings(out)
	return out
}

// MemWriter keeps the site in memory. It is safe for concurrent use.
type MemWriter struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemWriter returns an empty in-memory site.
func NewMemWriter() *MemWriter { return &MemWriter{files: map[string][]byte{}} }

// WriteFile implements Writer.
func (m *MemWriter) WriteFile(rel string, data []byte) error {
	if err := SafeRel(rel); err != nil {
		return err
	}
	cp := append([]byte(nil), data...)
	m.mu.Lock()
	m.files[rel] = cp
	m.mu.Unlock()
	return nil
}

// CopyFile implements Writer.
func (m *MemWriter) CopyFile(rel, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("đọc %s: %w", src, err)
	}
	return m.WriteFile(rel, data)
}

// Get returns a file's bytes.
func (m *MemWriter) Get(rel string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[rel]
	return b, ok
}

// Remove deletes a file.
func (m *MemWriter) Remove(rel string) {
	m.mu.Lock()
	delete(m.files, rel)
	m.mu.Unlock()
}

// Files lists the stored paths, sorted.
func (m *MemWriter) Files() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for k := range m.files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CheckDest refuses destinations that would destroy someone's work: the
// source folder, a folder holding the source, or a non-empty folder this
// tool did not write (it has no manifest, or holds files the manifest
// does not list). It is CheckDestPaths and then CheckDestFiles.
func CheckDest(source, dest string) error {
	if err := CheckDestPaths(source, dest); err != nil {
		return err
	}
	return CheckDestFiles(dest)
}

// CheckDestPaths is the quick part of CheckDest: dest is not the source,
// does not hold it, is not inside a folder the build reads, and is
// missing, empty or has a manifest.
func CheckDestPaths(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if r, err := filepath.EvalSymlinks(src); err == nil {
		src = r
	}
	if r, err := filepath.EvalSymlinks(dst); err == nil {
		dst = r
	}
	if src == dst {
		return fmt.Errorf("thư mục đích %s chính là thư mục nguồn; hãy chọn thư mục khác, ví dụ %s (destination is the source folder)", dest, filepath.Join(source, "public"))
	}
	// "..x" is a folder name, not the parent: compare whole segments.
	if rel, err := filepath.Rel(dst, src); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("thư mục đích %s chứa thư mục nguồn; xoá nó sẽ xoá nội dung của bạn (destination contains the source)", dest)
	}
	// Output inside a folder the build reads would be read back, and
	// published again inside itself, on the next build.
	for _, sub := range []string{"content", "static", "layouts", "data"} {
		in := filepath.Join(src, sub)
		if rel, err := filepath.Rel(in, dst); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("thư mục đích %s nằm trong %s/ của trang; lần dựng sau sẽ đọc lại chính nó. Hãy chọn thư mục khác, ví dụ %s (destination inside a source folder)", dest, sub, filepath.Join(source, "public"))
		}
	}
	if outer := outputAbove(dst); outer != "" {
		return fmt.Errorf("thư mục đích %s nằm bên trong %s, nơi portal đã xuất bản một trang khác: lần dựng sau vào %s sẽ coi các tệp của nó là tệp lạ và dừng. Hãy chọn thư mục đích nằm ngoài %s (destination inside another build's output)", dest, outer, outer, outer)
	}
	_, err = readManifest(dst, dest)
	return err
}

// outputAbove returns the nearest folder above dst that is a build's
// output (it holds a manifest), or "". A build into a folder inside
// another's output puts its lock and working folders there, files the
// outer site's manifest does not list.
func outputAbove(dst string) string {
	dir := filepath.Dir(dst)
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	for {
		if fi, err := os.Lstat(filepath.Join(dir, ManifestName)); err == nil && fi.Mode().IsRegular() {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// readManifest returns the manifest of the site in dst (nil when dst is
// missing or empty), or why dst is not a folder this tool wrote.
func readManifest(dst, dest string) ([]byte, error) {
	entries, err := os.ReadDir(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("không đọc được thư mục đích %s: %w", dest, err)
	}
	if len(entries) == 0 {
		return nil, nil
	}
	manifest, err := os.ReadFile(filepath.Join(dst, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("thư mục đích %s đã có tệp không do portal tạo ra; portal sẽ không xoá chúng. Hãy chọn thư mục trống hoặc tự dọn thư mục này (destination holds files portal did not write)", dest)
	}
	return manifest, nil
}

// CheckDestFiles is the slow part of CheckDest: dest holds only files its
// manifest lists. At 10,000 pages it walks 30,000 entries, so a build
// runs it beside its own work.
func CheckDestFiles(dest string) error {
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if r, err := filepath.EvalSymlinks(dst); err == nil {
		dst = r
	}
	manifest, err := readManifest(dst, dest)
	if err != nil || manifest == nil {
		return err
	}
	m, err := parseManifest(manifest, filepath.Join(dest, ManifestName), dest)
	if err != nil {
		return err
	}
	var foreign []string
	_ = filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dst {
			return nil
		}
		rel, _ := filepath.Rel(dst, p)
		rel = filepath.ToSlash(rel)
		if !m.has(rel) {
			foreign = append(foreign, rel)
			if d.IsDir() {
				return fs.SkipDir
			}
		}
		return nil
	})
	if len(foreign) > 0 {
		sort.Strings(foreign)
		return fmt.Errorf("thư mục đích %s có tệp không do portal tạo ra (%s); portal sẽ không xoá chúng (destination holds files portal did not write)", dest, nameList(foreign, 5))
	}
	return nil
}

// Clone returns a copy of m sharing the files' bytes, which are never
// modified in place: the preview server updates a clone and swaps it in,
// so readers see either the old site or the new one.
func (m *MemWriter) Clone() *MemWriter {
	m.mu.RLock()
	defer m.mu.RUnlock()
	c := &MemWriter{files: make(map[string][]byte, len(m.files))}
	for k, v := range m.files {
		c.files[k] = v
	}
	return c
}

// Len is the number of files stored.
func (m *MemWriter) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// PublishOptions say where and how a build publishes.
type PublishOptions struct {
	// Source is the site folder; Dest the destination folder.
	Source, Dest string
	// Offline: the build also writes OfflineZipName beside Dest, so the
	// one there must be portal's own before anything is built.
	Offline bool
	// Log receives notices: waiting for another build, an interrupted
	// publish finished, an old tree kept. Nil means standard error.
	Log io.Writer
	// NoExchange publishes as on a file system without an atomic exchange
	// (NFS, CIFS), so tests can take that path anywhere.
	NoExchange bool
	// Step, when set, is called with the name of each step of the publish
	// just before it is taken; tests kill the process there.
	Step func(step string)
}

// A Publication is one build's hold on its destination, from Begin, which
// locks it and makes the folder the new site is written into, to Commit,
// which swaps that folder in, and Close, which lets go.
//
// The folders it makes beside the destination DEST, all named from it:
//
//	.DEST.lock        the lock (kept; see lockDest)
//	.DEST.new-N       the new site while it is written
//	.DEST.old-N       a site that was swapped out, or is about to be swapped in
//	.DEST.site-N      a site the destination links to, where it is a link
//	.DEST.link-N      the link about to replace the destination
//	.DEST.journal     what a publish by two renames is doing
//	DEST.giu-lai-…    an old site kept because it holds someone's files
//
// Only a build holding the lock touches them: whatever a new build finds
// there belongs to a build that is over, and is finished, undone or
// removed (removed only as far as its manifest lists).
type Publication struct {
	opts         PublishOptions
	dest         string // absolute; a link portal made stays a link
	parent, base string
	suffix       string // of the staging folder, reused for its other names
	lock         *destLock
	staging      string // where the new site is now, until it is published
	zipTmp       string
	published    bool
}

// Begin takes the destination's lock, finishes or clears what an earlier
// build left, checks the destination and makes the folder to build into.
func Begin(opts PublishOptions) (*Publication, error) {
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	abs, err := filepath.Abs(opts.Dest)
	if err != nil {
		return nil, err
	}
	// A destination that is a symlink (public -> /var/www/papi) means its
	// target: the new site is built beside the target and swapped in
	// there, and the link keeps pointing at it. A link portal made itself
	// (see publishLink) is the destination.
	if abs, err = resolveDest(abs); err != nil {
		return nil, fmt.Errorf("thư mục đích %s là liên kết hỏng (broken symlink): %w", opts.Dest, err)
	}
	// The quick refusals first, so a refused build leaves no trace (not
	// even a lock file); they are made again under the lock.
	if err := CheckDestPaths(opts.Source, opts.Dest); err != nil {
		return nil, err
	}
	p := &Publication{opts: opts, dest: abs, parent: filepath.Dir(abs), base: filepath.Base(abs)}
	if err := os.MkdirAll(p.parent, 0o755); err != nil {
		return nil, publishFailed("tạo thư mục chứa thư mục đích", opts.Dest, p.parent, err)
	}
	if isMountPoint(abs) {
		return nil, mountPointError(opts.Dest)
	}
	p.lock, err = lockDest(filepath.Join(p.parent, "."+p.base+".lock"), opts.Dest, opts.Log)
	if err != nil {
		return nil, err
	}
	if err := p.begin(); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// resolveDest follows the links a destination is, one at a time, and
// stops at a link portal made: a link (www -> public) to a destination
// that portal turned into its own link (public -> .public.site-N) means
// public, whose lock the builds into public take. Resolving it all the
// way would lock and publish into .public.site-N, beside the lock of
// builds into public.
func resolveDest(abs string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(abs)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 || ownLink(abs) {
			return abs, nil
		}
		t, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(t) {
			// The folder holding the link, without links, so that ".." in
			// the target climbs as the kernel does.
			dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
			if err != nil {
				return "", err
			}
			t = filepath.Join(dir, t)
		}
		if _, err := os.Stat(t); err != nil {
			return "", err
		}
		abs = t
	}
	return "", syscall.ELOOP
}

// begin is Begin's work under the lock.
func (p *Publication) begin() error {
	if err := p.recover(); err != nil {
		return err
	}
	p.clearStale()
	if err := CheckDestPaths(p.opts.Source, p.opts.Dest); err != nil {
		return err
	}
	if p.opts.Offline {
		if err := zipIsOurs(p.zipPath(), p.base); err != nil {
			return err
		}
	}
	dir, err := os.MkdirTemp(p.parent, "."+p.base+".new-")
	if err != nil {
		return p.failed("tạo thư mục cho bản dựng mới", err)
	}
	p.staging = dir
	p.suffix = strings.TrimPrefix(filepath.Base(dir), "."+p.base+".new-")
	// MkdirTemp makes the folder private (0700); the published site must be
	// readable by the web server's user.
	if err := os.Chmod(dir, 0o755); err != nil {
		return p.failed("mở quyền đọc thư mục của bản dựng mới", err)
	}
	return nil
}

// Dest is the destination's absolute path (the target of a link to it).
func (p *Publication) Dest() string { return p.dest }

// Dir is the folder to write the new site into.
func (p *Publication) Dir() string { return p.staging }

// Leftovers lists what builds into dest have left beside it, other than
// the lock file: after a build that ended, nothing, unless an old site was
// kept because it held someone's files.
func Leftovers(dest string) []string {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	current, _ := os.Readlink(abs) // the site a link portal made points to
	entries, _ := os.ReadDir(parent)
	var out []string
	for _, e := range entries {
		n := e.Name()
		if _, ok := siblingKind(n, base); (ok && n != current) || strings.HasPrefix(n, base+".giu-lai-") {
			out = append(out, filepath.Join(parent, n))
		}
	}
	return out
}

// siblingKind reads the kind of a name a build into the destination base
// gives what it makes beside it (see Publication); ok is false for any
// other name, the lock file's included.
func siblingKind(name, base string) (kind string, ok bool) {
	rest, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return "", false
	}
	if rest == "journal" {
		return rest, true
	}
	kind, _, ok = strings.Cut(rest, "-")
	switch kind {
	case "new", "old", "site", "link", "zip", "probe", "journal":
		return kind, ok
	}
	return "", false
}

// sibling names a folder of kind beside the destination for this build.
func (p *Publication) sibling(kind string) string {
	return filepath.Join(p.parent, "."+p.base+"."+kind+"-"+p.suffix)
}

func (p *Publication) step(name string) {
	if p.opts.Step != nil {
		p.opts.Step(name)
	}
}

// Close removes the new site if it was not published and releases the
// lock. It is safe to call more than once.
func (p *Publication) Close() {
	if !p.published && p.staging != "" {
		_ = removeTree(p.staging)
		_ = os.Remove(p.sibling("link"))
		p.staging = ""
	}
	if p.zipTmp != "" {
		_ = os.Remove(p.zipTmp)
		p.zipTmp = ""
	}
	p.lock.unlock()
}

// Commit writes the manifest of files into the new site and swaps it in
// for the old one, then removes the old one as far as its manifest lists
// it. A *KeptError says the new site is published but the old one held
// files portal did not write, and was kept.
func (p *Publication) Commit(files []string) error {
	p.step("manifest")
	if err := writeManifest(p.staging, files); err != nil {
		return p.failed("ghi danh sách tệp "+ManifestName+" vào bản dựng mới", err)
	}
	fi, err := os.Lstat(p.dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p.publishFirst()
	case err != nil:
		return p.failed("đọc thư mục đích", err)
	case fi.Mode()&os.ModeSymlink != 0:
		return p.publishLink()
	case !fi.IsDir():
		return fmt.Errorf("thư mục đích %s không phải là thư mục (destination is not a folder)", p.opts.Dest)
	}
	if !p.opts.NoExchange {
		// Named as an old tree before the exchange: if the build dies
		// after it, the name holds the old site, which a later build must
		// clear by its manifest, never wholesale.
		ready, err := p.moveStaging("old")
		if err != nil {
			return err
		}
		p.step("exchange")
		if exchange(ready, p.dest) == nil {
			p.published = true
			p.step("discard")
			return p.discard(ready)
		}
	}
	return p.publishRenames()
}

// moveStaging renames the new site to its name of the given kind, as the
// step of that name ("old" is the step "ready").
func (p *Publication) moveStaging(kind string) (string, error) {
	to := p.sibling(kind)
	step := kind
	if kind == "old" {
		step = "ready"
	}
	p.step(step)
	if err := os.Rename(p.staging, to); err != nil {
		return "", p.renameError(err)
	}
	p.staging = to
	return to, nil
}

// publishFirst publishes into a destination that does not exist yet: by
// a rename, or, where the file system cannot exchange two folders, as a
// link to the new site, so the next build can replace it in one step.
func (p *Publication) publishFirst() error {
	if !p.canExchange() {
		site, err := p.moveStaging("site")
		if err != nil {
			return err
		}
		link := p.sibling("link")
		if linksReplaceable && os.Symlink(filepath.Base(site), link) == nil {
			p.step("link")
			if err := os.Rename(link, p.dest); err != nil {
				return p.renameError(err)
			}
			p.published = true
			return nil
		}
	}
	p.step("rename")
	if err := os.Rename(p.staging, p.dest); err != nil {
		return p.renameError(err)
	}
	p.published = true
	return nil
}

// linksReplaceable: a rename replaces a symlink in one step. Not on
// Windows, where a link to a folder is a reparse point that a rename does
// not replace (and making one needs a privilege): there every publish
// without an exchange is two journalled renames.
const linksReplaceable = runtime.GOOS != "windows"

// canExchange tries an exchange of two empty folders beside the
// destination.
func (p *Publication) canExchange() bool {
	if p.opts.NoExchange {
		return false
	}
	a, b := p.sibling("probe"), p.sibling("probe")+"b"
	defer os.Remove(a)
	defer os.Remove(b)
	if os.Mkdir(a, 0o700) != nil || os.Mkdir(b, 0o700) != nil {
		return false
	}
	return exchange(a, b) == nil
}

// ownLink reports whether the symlink at dest is one portal made: it
// points to ".DEST.site-N" beside it.
func ownLink(dest string) bool {
	t, err := os.Readlink(dest)
	return err == nil && isOwnTarget(t, filepath.Base(dest))
}

func isOwnTarget(target, base string) bool {
	return strings.HasPrefix(target, "."+base+".site-") && !strings.ContainsAny(target, `/\`)
}

// publishLink publishes where the destination is a link portal made: a
// new link replaces it in one rename, on any file system with links.
func (p *Publication) publishLink() error {
	old, _ := os.Readlink(p.dest)
	site, err := p.moveStaging("site")
	if err != nil {
		return err
	}
	link := p.sibling("link")
	p.step("link")
	if err := os.Symlink(filepath.Base(site), link); err != nil {
		return p.failed("tạo liên kết tới bản dựng mới", err)
	}
	p.step("swap-link")
	if err := os.Rename(link, p.dest); err != nil {
		return p.renameError(err)
	}
	p.published = true
	p.step("discard")
	if isOwnTarget(old, p.base) {
		return p.discard(filepath.Join(p.parent, old))
	}
	return nil
}

// publishRenames publishes where the file system cannot exchange two
// folders and the destination is a folder: it is moved aside and a link
// to the new site (a folder, where links cannot be made) put in its
// place. Between the two renames there is no destination; a journal
// written first lets the next build finish the publish, or undo it.
// After this first time the destination is a link, and later builds
// replace it in one step (publishLink).
func (p *Publication) publishRenames() error {
	site, err := p.moveStaging("site")
	if err != nil {
		return err
	}
	in := site
	link := p.sibling("link")
	if linksReplaceable && os.Symlink(filepath.Base(site), link) == nil {
		in = link
	}
	old := p.sibling("old")
	p.step("journal")
	if err := p.writeJournal(filepath.Base(old), filepath.Base(in)); err != nil {
		return err
	}
	p.step("move-old")
	if err := os.Rename(p.dest, old); err != nil {
		_ = os.Remove(p.journalPath())
		return p.renameError(err)
	}
	p.step("move-new")
	if err := os.Rename(in, p.dest); err != nil {
		_ = os.Rename(old, p.dest)
		_ = os.Remove(p.journalPath())
		return p.renameError(err)
	}
	p.published = true
	p.step("journal-done")
	if err := os.Remove(p.journalPath()); err != nil {
		return p.failed("xoá nhật ký xuất bản "+p.journalPath()+" (bản dựng mới đã được xuất bản)", err)
	}
	p.step("discard")
	return p.discard(old)
}

// renameError explains a failed rename; "device or resource busy" alone
// did not say that the destination is a mount point.
func (p *Publication) renameError(err error) error {
	return p.failed("đưa bản dựng mới vào "+p.opts.Dest, err)
}

// failed explains a step of this publish that the system refused.
func (p *Publication) failed(what string, err error) error {
	return publishFailed(what, p.opts.Dest, p.parent, err)
}

func mountPointError(dest string) error {
	sub := filepath.Join(dest, "papi")
	return fmt.Errorf("thư mục đích %s là một điểm gắn kết (ổ đĩa, thư mục mạng hoặc volume của container): không đổi tên được nó, nên portal không thể thay cả thư mục bằng bản dựng mới. Hãy dựng vào một thư mục con, ví dụ --dest %s, và cho máy chủ web phục vụ thư mục con đó (destination is a mount point)", dest, sub)
}

func (p *Publication) journalPath() string {
	return filepath.Join(p.parent, "."+p.base+".journal")
}

const journalHeader = "portal-publish 1"

// writeJournal records the two renames about to be made. It is written
// whole before the first of them: a journal cut short by a kill means
// neither was made.
func (p *Publication) writeJournal(old, in string) error {
	tmp := p.journalPath() + "-" + p.suffix
	text := journalHeader + "\nold " + old + "\nnew " + in + "\n"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		_ = os.Remove(tmp)
		return p.failed("ghi nhật ký xuất bản "+p.journalPath(), err)
	}
	if err := os.Rename(tmp, p.journalPath()); err != nil {
		_ = os.Remove(tmp)
		return p.failed("ghi nhật ký xuất bản "+p.journalPath(), err)
	}
	return nil
}

// readJournal returns the names a journal records, or ok false for a
// journal that is incomplete or names anything but this destination's own
// folders.
func (p *Publication) readJournal(b []byte) (old, in string, ok bool) {
	lines := strings.Split(string(b), "\n")
	if len(lines) != 4 || lines[0] != journalHeader || lines[3] != "" {
		return "", "", false
	}
	old, ok1 := strings.CutPrefix(lines[1], "old ")
	in, ok2 := strings.CutPrefix(lines[2], "new ")
	own := func(name string, kinds ...string) bool {
		for _, k := range kinds {
			if strings.HasPrefix(name, "."+p.base+"."+k+"-") && !strings.ContainsAny(name, `/\`) {
				return true
			}
		}
		return false
	}
	return old, in, ok1 && ok2 && own(old, "old") && own(in, "site", "link")
}

// recover finishes a publish by two renames that was killed between them,
// or undoes it when the new site is not there.
func (p *Publication) recover() error {
	jpath := p.journalPath()
	b, err := os.ReadFile(jpath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return p.failed("đọc nhật ký xuất bản "+jpath, err)
	}
	if old, in, ok := p.readJournal(b); ok {
		if _, err := os.Lstat(p.dest); errors.Is(err, fs.ErrNotExist) {
			from, what := filepath.Join(p.parent, in), "hoàn tất"
			if _, err := os.Lstat(from); err != nil {
				from, what = filepath.Join(p.parent, old), "hoàn tác"
			}
			if err := os.Rename(from, p.dest); err != nil {
				return p.failed(what+" lần xuất bản bị ngắt giữa chừng vào "+p.opts.Dest+" (interrupted publish)", err)
			}
			fmt.Fprintf(p.opts.Log, "Đã %s lần xuất bản bị ngắt giữa chừng vào %s (interrupted publish recovered)\n", what, p.opts.Dest)
		}
	}
	if err := os.Remove(jpath); err != nil {
		return p.failed("xoá nhật ký xuất bản "+jpath, err)
	}
	return nil
}

// clearStale clears what builds that are over left beside the
// destination. Holding the lock, this build knows none of it is in use.
func (p *Publication) clearStale() {
	entries, err := os.ReadDir(p.parent)
	if err != nil {
		return
	}
	current, _ := os.Readlink(p.dest)
	for _, e := range entries {
		name := e.Name()
		kind, ok := siblingKind(name, p.base)
		if !ok || name == "."+p.base+".journal" {
			continue // the journal is recover's
		}
		full := filepath.Join(p.parent, name)
		switch kind {
		case "new":
			// A site that was being written: no manifest lists it yet,
			// and nothing but the build that made it writes there.
			_ = removeTree(full)
		case "old", "site":
			if name == current {
				continue
			}
			if kept, foreign, err := discardTree(full, p.keptPath); err == nil && kept != "" {
				fmt.Fprintln(p.opts.Log, (&KeptError{Dest: p.opts.Dest, Kept: kept, Files: foreign, stale: true}).Error())
			}
		default: // link, zip, probe, a journal half written
			_ = os.RemoveAll(full)
		}
	}
}

// discard removes the swapped-out tree as far as its manifest lists it.
func (p *Publication) discard(tree string) error {
	kept, foreign, err := discardTree(tree, p.keptPath)
	if err != nil {
		return p.failed("xoá bản cũ "+tree+" (bản dựng mới đã được xuất bản)", err)
	}
	if kept != "" {
		return &KeptError{Dest: p.opts.Dest, Kept: kept, Files: foreign}
	}
	return nil
}

// keptPath is a visible name beside the destination for an old tree that
// is kept: "public.giu-lai-1", "public.giu-lai-2", … (giữ lại: kept).
func (p *Publication) keptPath() string {
	for i := 1; ; i++ {
		k := filepath.Join(p.parent, fmt.Sprintf("%s.giu-lai-%d", p.base, i))
		if _, err := os.Lstat(k); errors.Is(err, fs.ErrNotExist) {
			return k
		}
	}
}

// KeptError reports an old site that was not removed because it held
// files portal did not write. The new site was published.
type KeptError struct {
	Dest, Kept string
	Files      []string
	// stale: the tree was left by an earlier build, not swapped out by
	// this one.
	stale bool
}

func (e *KeptError) Error() string {
	what := "Đã xuất bản bản dựng mới vào " + e.Dest + ", nhưng bản cũ"
	if e.stale {
		what = "Một bản cũ của " + e.Dest + " còn lại từ lần dựng trước"
	}
	return fmt.Sprintf("%s có tệp không do portal tạo ra: %s. Portal không xoá chúng: chúng được giữ lại trong %s; hãy chuyển các tệp đó tới nơi cần rồi xoá thư mục này (files portal did not write were kept)", what, nameList(e.Files, 10), e.Kept)
}

// nameList lists names for a message, quoting any that would not read as
// one name on one line, and says how many more there are past max.
func nameList(names []string, max int) string {
	var b strings.Builder
	for i, n := range names {
		if i == max {
			fmt.Fprintf(&b, " và %d tệp khác", len(names)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if strings.ContainsFunc(n, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ',' || r == ' ' }) {
			fmt.Fprintf(&b, "%q", n)
		} else {
			b.WriteString(n)
		}
	}
	return b.String()
}

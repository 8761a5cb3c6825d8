package output

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/testkit"
)

// Any name is recorded exactly, and read back; the old line format is
// still read, a name with a newline in it included.
func TestManifestNames(t *testing.T) {
	names := []string{"a\nb.txt", `c"d.txt`, `tin-tức/ảnh đẹp.png`, "e\rf", "g\u2028h", "index.html"}
	m, err := parseManifest(encodeManifest(names), ManifestName, "public")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !m.has(n) {
			t.Errorf("%q lost in the manifest", n)
		}
	}
	for _, n := range []string{"a", "b.txt", "tin-tức", ManifestName} {
		if want := n != "a" && n != "b.txt"; m.has(n) != want {
			t.Errorf("has(%q) = %v", n, !want)
		}
	}
	old, err := parseManifest([]byte("index.html\ntin/a\nb.txt\n"), ManifestName, "public")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"index.html", "tin/a\nb.txt", "tin"} {
		if !old.has(n) {
			t.Errorf("old format: %q not known", n)
		}
	}
	if old.has("index.html\ntin") {
		t.Error("old format: a run of lines that is not a whole name is known")
	}
	for _, bad := range []string{manifestHeader + "\nindex.html\n", manifestHeader + "\n\"../x\"\n", manifestHeader + "\n\"a\n"} {
		if _, err := parseManifest([]byte(bad), ManifestName, "public"); err == nil || !strings.Contains(err.Error(), ManifestName+":2:") {
			t.Errorf("%q: err = %v, want line 2 refused", bad, err)
		}
	}
}

// Clearing an old site never reads through a link: a listed folder that
// someone replaced with a link to elsewhere loses the link only, and what
// it pointed to, listed names included, stays.
func TestDiscardNeverFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "old")
	outside := filepath.Join(dir, "ngoai")
	testkit.WriteFiles(t, dir, map[string]string{
		"old/a/index.html": "x",
		"ngoai/index.html": "giữ",
	})
	if err := os.Symlink(outside, filepath.Join(tree, "b")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := writeManifest(tree, []string{"a/index.html", "b/index.html"}); err != nil {
		t.Fatal(err)
	}
	kept, foreign, err := discardTree(tree, func() string { return filepath.Join(dir, "giu-lai") })
	if err != nil || kept != "" || foreign != nil {
		t.Fatalf("discard = %q, %v, %v", kept, foreign, err)
	}
	if _, err := os.Lstat(tree); !os.IsNotExist(err) {
		t.Errorf("old tree still there: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(outside, "index.html")); err != nil || string(b) != "giữ" {
		t.Errorf("a file behind a link was removed: %v", err)
	}
}

// A damaged or missing manifest vouches for nothing: the whole tree is
// kept.
func TestDiscardWithoutManifestKeepsAll(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "old")
	testkit.WriteFiles(t, tree, map[string]string{"x/index.html": "x", ManifestName: "/etc/passwd\n"})
	kept, foreign, err := discardTree(tree, func() string { return filepath.Join(dir, "giu-lai") })
	if err != nil || kept == "" || len(foreign) != 1 || foreign[0] != "x" {
		t.Fatalf("discard = %q, %v, %v", kept, foreign, err)
	}
	if _, err := os.Stat(filepath.Join(kept, "x", "index.html")); err != nil {
		t.Errorf("kept tree lost a file: %v", err)
	}
}

// A second build into one destination says it waits, and goes on when the
// first lets go; a build into another destination does not wait.
func TestLockQueuesBuilds(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	first, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	other, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: filepath.Join(dir, "khac"), Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	// A file takes the notices: a write to it is safe beside a read.
	log, err := os.Create(filepath.Join(dir, "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	done := make(chan *Publication)
	go func() {
		p, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: log})
		if err != nil {
			t.Error(err)
		}
		done <- p
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(log.Name())
		if strings.Contains(string(b), "Đang chờ bản dựng khác vào "+dest+" kết thúc, tiến trình PID "+strconv.Itoa(os.Getpid())+"…") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no waiting message: %q", b)
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case <-done:
		t.Fatal("the second build went on while the first held the lock")
	case <-time.After(100 * time.Millisecond):
	}
	if err := first.Commit(nil); err != nil {
		t.Fatal(err)
	}
	first.Close()
	second := <-done
	if second == nil {
		t.FailNow()
	}
	second.Close()
}

// What builds that are over left beside the destination is cleared by the
// next one: a half-written site wholesale, an old site as far as its
// manifest lists it, the rest kept with a notice; a journal that names
// anything but the destination's own folders is not obeyed.
func TestStaleFoldersCleared(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	testkit.WriteFiles(t, dir, map[string]string{
		".public.new-1/index.html":    "nửa chừng",
		".public.old-2/index.html":    "cũ",
		".public.old-2/ghi-chu.txt":   "của ai đó",
		".public.site-3/index.html":   "cũ",
		".public.journal":             journalHeader + "\nold ../../etc\nnew .public.site-3\n",
		".public.zip-4":               "PK",
		"khac/index.html":             "không liên quan",
		".publicity.new-5/index.html": "không liên quan",
		".public.v2.new-6/index.html": "không liên quan",
	})
	for _, d := range []string{".public.old-2", ".public.site-3"} {
		if err := writeManifest(filepath.Join(dir, d), []string{"index.html"}); err != nil {
			t.Fatal(err)
		}
	}
	var log bytes.Buffer
	p, err := Begin(PublishOptions{Source: filepath.Join(dir, "src"), Dest: dest, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a journal naming another folder was obeyed: %v", err)
	}
	left := Leftovers(dest)
	if len(left) != 1 || filepath.Base(left[0]) != "public.giu-lai-1" {
		t.Fatalf("left %v, want only the kept old site", left)
	}
	if b, err := os.ReadFile(filepath.Join(left[0], "ghi-chu.txt")); err != nil || string(b) != "của ai đó" {
		t.Errorf("foreign file not kept: %v", err)
	}
	if !strings.Contains(log.String(), "ghi-chu.txt") || !strings.Contains(log.String(), left[0]) {
		t.Errorf("no notice naming the kept file: %q", log.String())
	}
	for _, f := range []string{"khac/index.html", ".publicity.new-5/index.html", ".public.v2.new-6/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s, not this destination's, was removed: %v", f, err)
		}
	}
}

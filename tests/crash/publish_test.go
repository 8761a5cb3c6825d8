package crash_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"portal/internal/build"
	"portal/internal/output"
	"portal/internal/testkit"
)

// The test binary doubles as a helper process that the tests kill: a real
// SIGKILL, so no deferred clean-up runs, as when a machine loses power.
func TestMain(m *testing.M) {
	if mode := os.Getenv("PORTAL_CRASH_HELPER"); mode != "" {
		os.Exit(helper(mode))
	}
	os.Exit(m.Run())
}

// helper is the process the tests start: "publish" writes a small fake
// site, version $VERSION, into $DEST through the publishing steps, killing
// itself just before step $KILL_AT; "build" builds $SRC into $DEST.
// $NO_EXCHANGE=1 publishes as on a file system without RENAME_EXCHANGE.
func helper(mode string) int {
	noExchange := os.Getenv("NO_EXCHANGE") == "1"
	switch mode {
	case "build":
		_, err := build.Build(build.Options{Source: os.Getenv("SRC"), Dest: os.Getenv("DEST"), NoExchange: noExchange, Log: io.Discard})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return 0
	case "publish":
		killAt := os.Getenv("KILL_AT")
		pub, err := output.Begin(output.PublishOptions{
			Source: os.Getenv("SRC"), Dest: os.Getenv("DEST"), NoExchange: noExchange, Log: io.Discard,
			Step: func(s string) {
				if s == killAt {
					_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
					time.Sleep(time.Minute)
				}
			},
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer pub.Close()
		files := fakeSite(os.Getenv("VERSION"))
		var names []string
		for name, text := range files {
			p := filepath.Join(pub.Dir(), filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			names = append(names, name)
		}
		sort.Strings(names)
		if err := pub.Commit(names); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return 0
	}
	fmt.Fprintln(os.Stderr, "unknown helper mode", mode)
	return 2
}

func fakeSite(version string) map[string]string {
	files := map[string]string{"index.html": "trang chủ " + version}
	for i := range 40 {
		files[fmt.Sprintf("s%d/p%d/index.html", i%5, i)] = fmt.Sprintf("trang %d, bản %s", i, version)
	}
	return files
}

// runHelper runs the helper and says whether it was killed.
func runHelper(t *testing.T, env ...string) (killed bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true
		}
	}
	if err != nil {
		t.Fatalf("helper %v: %v\n%s", env, err, out)
	}
	return false
}

// siteDigest is digest of the site at dest, through a link portal made;
// ok is false when there is no site there at all.
func siteDigest(t *testing.T, dest string) (string, bool) {
	t.Helper()
	if _, err := os.Stat(dest); err != nil {
		return "", false
	}
	return digest(t, dest+string(filepath.Separator)), true
}

// Kill the publish just before each of its steps, on every path it can
// take: with RENAME_EXCHANGE or without, into a missing destination, a
// folder or a link. Afterwards the destination holds the whole old site or
// the whole new one; the one exception is the first publish into a folder
// without RENAME_EXCHANGE, which must move it aside before its link takes
// its place: killed there, the destination is missing until the next
// build, which finishes the publish from its journal. Every next build
// succeeds and leaves nothing beside the destination.
func TestKillAtEveryPublishStep(t *testing.T) {
	refs := map[string]string{}
	for _, v := range []string{"a", "b"} {
		ref := filepath.Join(t.TempDir(), "ref")
		runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+t.TempDir(), "DEST="+ref, "VERSION="+v)
		refs[v], _ = siteDigest(t, ref)
	}
	for _, sc := range []struct {
		name       string
		noExchange bool
		start      string // "", "dir" or "link": what the destination is before
		steps      []string
	}{
		{"exchange into a folder", false, "dir", []string{"manifest", "ready", "exchange", "discard"}},
		{"exchange into nothing", false, "", []string{"manifest", "rename"}},
		{"no exchange into nothing", true, "", []string{"manifest", "site", "link"}},
		{"no exchange into a folder", true, "dir", []string{"manifest", "site", "journal", "move-old", "move-new", "journal-done", "discard"}},
		{"no exchange into a link", true, "link", []string{"manifest", "site", "link", "swap-link", "discard"}},
	} {
		for _, step := range sc.steps {
			t.Run(sc.name+"/"+step, func(t *testing.T) {
				dir := t.TempDir()
				src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "out", "public")
				flag := "NO_EXCHANGE=0"
				if sc.noExchange {
					flag = "NO_EXCHANGE=1"
				}
				switch sc.start {
				case "dir":
					runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+dest, "VERSION=a")
				case "link":
					runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+dest, "VERSION=a", "NO_EXCHANGE=1")
					if fi, err := os.Lstat(dest); err != nil || fi.Mode()&os.ModeSymlink == 0 {
						t.Fatalf("without RENAME_EXCHANGE a new destination is not a link: %v", err)
					}
				}
				if !runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+dest, "VERSION=b", "KILL_AT="+step, flag) {
					t.Fatal("the publish never reached this step: the test no longer follows the code")
				}
				got, ok := siteDigest(t, dest)
				switch {
				case !ok && sc.start == "":
				case !ok && sc.noExchange && sc.start == "dir" && step == "move-new":
					if _, err := os.Stat(filepath.Join(filepath.Dir(dest), ".public.journal")); err != nil {
						t.Fatalf("killed between the two renames without a journal: %v", err)
					}
				case !ok:
					t.Fatal("killed, it left no site at the destination")
				case got != refs["a"] && got != refs["b"]:
					t.Fatal("killed, it left a site that is neither the old nor the new one")
				case sc.start == "" && got != refs["b"]:
					t.Fatal("killed, it left a partial first site")
				}
				for _, v := range []string{"a", "b"} {
					runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+dest, "VERSION="+v, flag)
					if got, _ := siteDigest(t, dest); got != refs[v] {
						t.Fatalf("the next build (%s) did not publish its site", v)
					}
				}
				if left := output.Leftovers(dest); len(left) > 0 {
					t.Errorf("left beside the destination: %v", left)
				}
			})
		}
	}
}

// Many builds into one destination at once (issue 17, case 2) queue on
// its lock: each succeeds, says it waited, and the destination is always
// a whole site, with nothing left beside it. Run in one process, so the
// race detector sees them all, with RENAME_EXCHANGE and without.
func TestConcurrentBuilds(t *testing.T) {
	n := 40
	if testing.Short() {
		n = 8
	}
	for _, noExchange := range []bool{false, true} {
		t.Run(fmt.Sprintf("noExchange=%v", noExchange), func(t *testing.T) {
			src := testkit.Site(t, "small")
			dest := filepath.Join(t.TempDir(), "public")
			stop := make(chan struct{})
			var watch sync.WaitGroup
			watch.Go(func() {
				// Once there is a site, it is there at every moment.
				seen := false
				for {
					select {
					case <-stop:
						return
					default:
					}
					_, err := os.Stat(filepath.Join(dest, "index.html"))
					if err == nil {
						seen = true
					} else if seen {
						t.Errorf("the site disappeared while builds ran: %v", err)
						return
					}
				}
			})
			// A file takes the builds' notices: writes to it are safe
			// from many goroutines.
			logs, err := os.Create(filepath.Join(t.TempDir(), "log"))
			if err != nil {
				t.Fatal(err)
			}
			defer logs.Close()
			var wg sync.WaitGroup
			for range n {
				wg.Go(func() {
					if _, err := build.Build(build.Options{Source: src, Dest: dest, NoExchange: noExchange, Log: logs, Workers: 1}); err != nil {
						t.Errorf("concurrent build: %v", err)
					}
				})
			}
			wg.Wait()
			close(stop)
			watch.Wait()
			if b, _ := os.ReadFile(logs.Name()); !bytes.Contains(b, []byte("Đang chờ bản dựng khác vào")) {
				t.Error("no build said it was waiting for another")
			}
			ref := filepath.Join(t.TempDir(), "ref")
			if _, err := build.Build(build.Options{Source: src, Dest: ref, Log: io.Discard}); err != nil {
				t.Fatal(err)
			}
			if got, _ := siteDigest(t, dest); got != digest(t, ref) {
				t.Error("after the concurrent builds the destination is not the site")
			}
			if left := output.Leftovers(dest); len(left) > 0 {
				t.Errorf("left beside the destination: %v", left)
			}
		})
	}
}

// A file put into the destination while a build runs (issue 17, case 1)
// is never deleted. Put there before the swap, it goes out with the old
// site: the new site is published, the old one is cleared of portal's
// files and kept, holding only that file, under a visible name; the build
// names the file and where it is, and fails so that someone moves it.
func TestForeignFileDuringBuildIsKept(t *testing.T) {
	dir := t.TempDir()
	src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	for _, noExchange := range []bool{false, true} {
		runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+dest, "VERSION=a")
		pub, err := output.Begin(output.PublishOptions{Source: src, Dest: dest, NoExchange: noExchange, Log: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pub.Dir(), "index.html"), []byte("mới"), 0o644); err != nil {
			t.Fatal(err)
		}
		// The editor drops a report into the published folder meanwhile.
		if err := os.MkdirAll(filepath.Join(dest, "s1", "tai-lieu"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dest, "bao-cao.pdf"), []byte("giữ"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dest, "s1", "tai-lieu", "a\nb.txt"), []byte("giữ"), 0o644); err != nil {
			t.Fatal(err)
		}
		err = pub.Commit([]string{"index.html"})
		pub.Close()
		var kept *output.KeptError
		if !errors.As(err, &kept) {
			t.Fatalf("noExchange=%v: err = %v, want the old site kept", noExchange, err)
		}
		msg := err.Error()
		for _, want := range []string{"bao-cao.pdf", "s1/tai-lieu", kept.Kept, "không do portal tạo ra"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message lacks %q: %s", want, msg)
			}
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("the message is not one line: %q", msg)
		}
		if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "mới" {
			t.Errorf("new site not published: %q %v", b, err)
		}
		left := map[string]bool{}
		_ = filepath.WalkDir(kept.Kept, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(kept.Kept, p)
				left[filepath.ToSlash(rel)] = true
			}
			return nil
		})
		if len(left) != 2 || !left["bao-cao.pdf"] || !left["s1/tai-lieu/a\nb.txt"] {
			t.Errorf("kept tree holds %v, want only the two foreign files", left)
		}
		if err := os.RemoveAll(kept.Kept); err != nil {
			t.Fatal(err)
		}
		if left := output.Leftovers(dest); len(left) > 0 {
			t.Errorf("left beside the destination: %v", left)
		}
	}
}

// The same through the command line, with the file dropped in at several
// moments of a real build of the portal: however the race falls (before
// the build checks the destination, after, or after the build), the file
// survives; where it is not in the destination any more, the build exited
// 1 and said which file and where it is.
func TestForeignFileDuringBuildCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds the portal")
	}
	bin := testkit.PortalBinary(t)
	src := testkit.Portal(t)
	dest := filepath.Join(t.TempDir(), "d", "public")
	if out, err := exec.Command(bin, "build", "--source", src, "--dest", dest, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for i, delay := range []time.Duration{0, 50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 500 * time.Millisecond} {
		cmd := exec.Command(bin, "build", "--source", src, "--dest", dest, "--quiet")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		name := fmt.Sprintf("bao-cao-%d.pdf", i)
		if err := os.WriteFile(filepath.Join(dest, name), []byte("giữ"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		found, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "*", name))
		switch {
		case len(found) != 1:
			t.Fatalf("after %v: %s is gone (%v)\n%s", delay, name, found, out.String())
		case filepath.Dir(found[0]) != dest && (err == nil || !strings.Contains(out.String(), name) || !strings.Contains(out.String(), filepath.Dir(found[0]))):
			t.Errorf("after %v: %s moved to %s, but the build (exit %v) did not say so:\n%s", delay, name, found[0], err, out.String())
		case filepath.Dir(found[0]) == dest && err != nil && !strings.Contains(out.String(), name):
			t.Errorf("after %v: the build failed without naming %s:\n%s", delay, name, out.String())
		}
		t.Logf("after %v: %s in %s, exit %v", delay, name, filepath.Base(filepath.Dir(found[0])), err)
		// Clear the way for the next round.
		_ = os.Remove(found[0])
		kept, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "public.giu-lai-*"))
		for _, k := range kept {
			_ = os.RemoveAll(k)
		}
	}
}

// --offline never overwrites a portal-offline.zip portal did not write
// (issue 17, case 4); it replaces its own, and one written before the mark.
func TestOfflineZipNotOurs(t *testing.T) {
	src := testkit.Site(t, "small")
	dir := t.TempDir()
	dest := filepath.Join(dir, "cong-papi")
	zipPath := filepath.Join(dir, output.OfflineZipName)
	theirs := []byte("PK\x03\x04 bản của phòng khác")
	if err := os.WriteFile(zipPath, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := build.Build(build.Options{Source: src, Dest: dest, Offline: true, Log: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "không do portal tạo ra") || !strings.Contains(err.Error(), zipPath) {
		t.Fatalf("err = %v, want a refusal naming %s", err, zipPath)
	}
	if b, _ := os.ReadFile(zipPath); !bytes.Equal(b, theirs) {
		t.Fatal("someone's portal-offline.zip was overwritten")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the refused build published: %v", err)
	}
	// A zip portal wrote before it marked its zips: replaced.
	var legacy bytes.Buffer
	zw := zip.NewWriter(&legacy)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "cong-papi/index.html", Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	_, _ = w.Write([]byte("cũ"))
	_ = zw.Close()
	if err := os.WriteFile(zipPath, legacy.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time over its own, marked zip
		if _, err := build.Build(build.Options{Source: src, Dest: dest, Offline: true, Log: io.Discard}); err != nil {
			t.Fatal(err)
		}
		r, err := zip.OpenReader(zipPath)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.File) < 5 || r.Comment == "" {
			t.Errorf("zip not replaced: %d files, comment %q", len(r.File), r.Comment)
		}
		r.Close()
	}
	// A zip of the same layout but someone else's time stamps: refused.
	legacy.Reset()
	zw = zip.NewWriter(&legacy)
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "cong-papi/index.html", Modified: time.Now()})
	_, _ = w.Write([]byte("của người khác"))
	_ = zw.Close()
	if err := os.WriteFile(zipPath, legacy.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(build.Options{Source: src, Dest: dest, Offline: true, Log: io.Discard}); err == nil {
		t.Error("a zip with someone else's time stamps was overwritten")
	}
}

// A destination that is a mount point (issue 17, case 6) is refused at
// once, with the reason and what to do, before anything is built.
func TestMountPointDestination(t *testing.T) {
	dir := t.TempDir()
	dest, disk := filepath.Join(dir, "public"), filepath.Join(dir, "o-dia")
	for _, d := range []string{dest, disk} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	err := syscall.Mount(disk, dest, "", syscall.MS_BIND, "")
	if err == nil {
		t.Cleanup(func() { _ = syscall.Unmount(dest, 0) })
	}
	testkit.Need(t, "a mount point (bind mount)", err, "run the tests as root, as CI does")
	start := time.Now()
	_, err = build.Build(build.Options{Source: testkit.Site(t, "small"), Dest: dest, Log: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "điểm gắn kết") || !strings.Contains(err.Error(), "--dest "+filepath.Join(dest, "papi")) {
		t.Fatalf("err = %v, want the mount-point refusal with the way out", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("refused only after %v: not at once", time.Since(start))
	}
	if left := output.Leftovers(dest); len(left) > 0 {
		t.Errorf("the refused build left %v", left)
	}
	// The way out works: a folder inside the mount.
	if _, err := build.Build(build.Options{Source: testkit.Site(t, "small"), Dest: filepath.Join(dest, "papi"), Log: io.Discard}); err != nil {
		t.Fatalf("build into a folder of the mount: %v", err)
	}
}

// A destination written by an older portal, whose line-a-name manifest
// split a name with a newline in two (issue 17, case 5), is still known
// as portal's own: the next build replaces it instead of refusing it.
func TestOldManifestWithNewlineName(t *testing.T) {
	src := testkit.Site(t, "small")
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(filepath.Join(dest, "tin-tuc"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "tin-tuc/a\nb.txt"} {
		if err := os.WriteFile(filepath.Join(dest, f), []byte("cũ"), 0o644); err != nil {
			t.Skip("file system refuses the name:", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dest, output.ManifestName), []byte("index.html\ntin-tuc/a\nb.txt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time over a manifest in the new format
		if _, err := build.Build(build.Options{Source: src, Dest: dest, Log: io.Discard}); err != nil {
			t.Fatalf("build over its own older output: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "tin-tuc", "a\nb.txt")); !os.IsNotExist(err) {
		t.Errorf("the old file is still published: %v", err)
	}
	if left := output.Leftovers(dest); len(left) > 0 {
		t.Errorf("left beside the destination: %v", left)
	}
}

// A full disk is one cause (issue 17: "no space left on device" was
// repeated 2–89 times, each counted as a mistake): at every level of
// fullness the build exits 1, its first line says the disk is full, once,
// no mistake in the content is counted, and the previous site is as it
// was. The disk is a small tmpfs holding the previous site.
func TestDiskFull(t *testing.T) {
	probe := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		t.Fatal(err)
	}
	err := syscall.Mount("tmpfs", probe, "tmpfs", 0, "size=64k")
	if err == nil {
		_ = syscall.Unmount(probe, 0)
	}
	testkit.Need(t, "a small file system to fill (tmpfs)", err, "run the tests as root, as CI does")
	bin := testkit.PortalBinary(t)
	srcA, srcB := testkit.Portal(t), testkit.Portal(t)
	page := "content/hoi-dap/_index.md"
	testkit.WriteFile(t, srcB, page, testkit.ReadFile(t, srcB, page)+"\n\nPhiên bản B của trang.\n")
	ref := filepath.Join(t.TempDir(), "public")
	if out, err := exec.Command(bin, "build", "--source", srcA, "--dest", ref, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	// What the site takes on tmpfs: whole pages of 4 KiB a file.
	var used int64
	for _, f := range testkit.ReadTree(t, ref) {
		used += (int64(len(f)) + 4095) / 4096 * 4096
	}
	for _, fill := range []int{5, 50, 90} {
		t.Run(fmt.Sprintf("%d%%", fill), func(t *testing.T) {
			disk := filepath.Join(t.TempDir(), "disk")
			if err := os.Mkdir(disk, 0o755); err != nil {
				t.Fatal(err)
			}
			// Room for the previous site and fill% of the new one.
			size := used + used*int64(fill)/100
			if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = syscall.Unmount(disk, syscall.MNT_DETACH) })
			dest := filepath.Join(disk, "public")
			testkit.CopyTree(t, ref, dest)
			before := digest(t, dest)
			cmd := exec.Command(bin, "build", "--source", srcB, "--dest", dest)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			if ee, ok := errors.AsType[*exec.ExitError](err); !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit %v, want 1\n%s", err, stderr.String())
			}
			out := stderr.String()
			first, _, _ := strings.Cut(out, "\n")
			const cause = "Không dựng được trang: đĩa đã đầy (no space left on device) khi ghi " // + the file
			if !strings.HasPrefix(first, cause+dest+string(filepath.Separator)) {
				t.Errorf("first line %q; want the full disk, under %s", first, dest)
			}
			if n := strings.Count(out, "no space left on device"); n != 1 {
				t.Errorf("the full disk is reported %d times:\n%s", n, out)
			}
			if !strings.Contains(out, "không phải vì lỗi trong nội dung (build failed)") {
				t.Errorf("knock-on failures counted as mistakes in the content:\n%s", out)
			}
			if got := digest(t, dest); got != before {
				t.Error("the previous site changed")
			}
			if left := output.Leftovers(dest); len(left) > 0 {
				t.Errorf("left beside the destination: %v", left)
			}
		})
	}
}

// A link someone made to a destination that portal has turned into its
// own link (www -> public -> .public.site-N, on a file system without
// RENAME_EXCHANGE) means public: builds through www take public's lock
// and replace public's link. They once resolved www all the way, locked
// .public.site-N instead and published into it, so a build through www
// and one through public did not wait for each other, and the site
// folder became a chain of links.
func TestLinkToOwnLinkDestination(t *testing.T) {
	dir := t.TempDir()
	src, dest, www := filepath.Join(dir, "site"), filepath.Join(dir, "public"), filepath.Join(dir, "www")
	runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+dest, "VERSION=a", "NO_EXCHANGE=1")
	if err := os.Symlink("public", www); err != nil {
		t.Skip("no symlinks:", err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+ref, "VERSION=b")
	want, _ := siteDigest(t, ref)
	for _, flag := range []string{"NO_EXCHANGE=1", "NO_EXCHANGE=0"} {
		runHelper(t, "PORTAL_CRASH_HELPER=publish", "SRC="+src, "DEST="+www, "VERSION=b", flag)
		if got, _ := siteDigest(t, www); got != want {
			t.Fatalf("%s: the build through the link did not publish its site", flag)
		}
		target, err := os.Readlink(dest)
		if err != nil {
			t.Fatalf("%s: the destination is no longer portal's link: %v", flag, err)
		}
		if fi, err := os.Lstat(filepath.Join(dir, target)); err != nil || !fi.IsDir() {
			t.Errorf("%s: public -> %s, which is not the site folder: %v", flag, target, err)
		}
		if left := output.Leftovers(dest); len(left) > 0 {
			t.Errorf("%s: left beside the destination: %v", flag, left)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "..") {
				t.Errorf("%s: a build made %s, named from portal's own site folder", flag, e.Name())
			}
		}
	}
}

// A destination inside another build's output (public/en, say) is
// refused before anything is touched: its lock and working folders, and
// then its site, would be files the outer site's manifest does not list,
// so the next build of the outer site refused to run.
func TestDestinationInsideAnotherOutput(t *testing.T) {
	src := testkit.Site(t, "small")
	outer := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: src, Dest: outer, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	before := digest(t, outer)
	for _, inner := range []string{filepath.Join(outer, "ban-sao"), filepath.Join(outer, "a", "b")} {
		_, err := build.Build(build.Options{Source: src, Dest: inner, Log: io.Discard})
		if err == nil || !strings.Contains(err.Error(), "nằm bên trong "+outer) {
			t.Errorf("build into %s: err = %v, want it refused as inside %s", inner, err, outer)
		}
	}
	if digest(t, outer) != before {
		t.Error("the refused builds changed the outer site")
	}
	if entries, _ := os.ReadDir(outer); len(entries) == 0 || func() bool {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".ban-sao") || e.Name() == "a" {
				return true
			}
		}
		return false
	}() {
		t.Error("a refused build left its lock or folders in the outer site")
	}
	if _, err := build.Build(build.Options{Source: src, Dest: outer, Log: io.Discard}); err != nil {
		t.Errorf("the outer site no longer builds: %v", err)
	}
}

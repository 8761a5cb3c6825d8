package hostile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"portal/internal/build"
	"portal/internal/diag"
	"portal/internal/testkit"
)

// The test binary doubles as the build of an unprivileged user: root
// reads a folder of mode 000 all the same, and CI runs as root.
func TestMain(m *testing.M) {
	if os.Getenv("PORTAL_HOSTILE_HELPER") == "build" {
		os.Exit(helperBuild())
	}
	os.Exit(m.Run())
}

// outcome is what a build in the helper process returned.
type outcome struct {
	Problems []*diag.Problem // a *build.Failed's
	Message  string          // the error as printed
	Err      string          // any other error
}

// helperBuild builds $SRC into $DEST as user nobody and writes its
// outcome as JSON on standard output. It drops root itself: exec as
// another user would need the test binary, in go test's private
// folder, to be that user's to read.
func helperBuild() int {
	if err := dropRoot(); err != nil {
		fmt.Fprintln(os.Stderr, "drop root:", err)
		return 3
	}
	_, err := buildSite(os.Getenv("SRC"), os.Getenv("DEST"), true)
	if err := json.NewEncoder(os.Stdout).Encode(outcomeOf(err)); err != nil {
		return 2
	}
	return 0
}

// outcomeOf is what a build's error says, as the helper reports it.
func outcomeOf(err error) outcome {
	var o outcome
	var failed *build.Failed
	switch {
	case errors.As(err, &failed):
		o.Problems, o.Message = failed.Problems, failed.Error()
	case err != nil:
		o.Err = err.Error()
	}
	return o
}

// nobody is the user the helper runs as when the tests run as root.
const nobody = 65534

// buildUnprivileged builds src into dest as a user that a mode-000
// folder stops: the test's own when it is not root, else nobody, in a
// helper process (src and dest then become nobody's).
func buildUnprivileged(t *testing.T, src, dest string) outcome {
	t.Helper()
	if os.Geteuid() != 0 {
		_, err := buildSite(src, dest, true)
		return outcomeOf(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PORTAL_HOSTILE_HELPER=build", "SRC="+src, "DEST="+dest)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := errors.AsType[*exec.ExitError](err); ok && ee.ExitCode() == 3 {
		testkit.Need(t, "switching to an unprivileged user", errors.New(strings.TrimSpace(stderr.String())), "run the tests as root with CAP_SETUID, as CI does, or as a user other than root")
	}
	if err != nil {
		t.Fatalf("helper build: %v\n%s", err, stderr.String())
	}
	var o outcome
	if err := json.Unmarshal(out, &o); err != nil {
		t.Fatalf("helper output %q: %v", out, err)
	}
	return o
}

// dropRoot makes the process user nobody (every thread: Go's Setuid is
// the process's on Linux).
func dropRoot() error {
	if err := syscall.Setgroups(nil); err != nil {
		return err
	}
	if err := syscall.Setgid(nobody); err != nil {
		return err
	}
	return syscall.Setuid(nobody)
}

// giveToNobody makes the folders holding src and dest nobody's, for a
// helper build as nobody; t.TempDir's parent is root's alone.
func giveToNobody(t *testing.T, dirs ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	for _, dir := range dirs {
		if err := os.Chmod(filepath.Dir(dir), 0o755); err != nil {
			t.Fatal(err)
		}
		err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, nobody, nobody)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// A folder or layout the build cannot read is the cause of the failure:
// reported once, on the first line, and nothing that follows from it
// (every page without its layout, every link into the folder, every
// chart without its data) is counted as an editor's mistake. Issue 17:
// layouts/ unreadable gave 216 errors with the cause on line 216.
func TestUnreadableFolder(t *testing.T) {
	for _, c := range []struct{ path, cause string }{
		{"layouts", "không đọc được thư mục layouts/ (cannot read folder): permission denied"},
		{"content/tin-tuc", "không đọc được thư mục content/tin-tuc/ (cannot read folder): permission denied"},
		{"data", "không đọc được thư mục data/ (cannot read folder): permission denied"},
		{"static", "không đọc được thư mục static/ (cannot read folder): permission denied"},
		{"layouts/_default/single.html", "layouts/_default/single.html: không đọc được mẫu trình bày (cannot read layout): permission denied"},
	} {
		t.Run(strings.ReplaceAll(c.path, "/", "_"), func(t *testing.T) {
			src := testkit.Site(t, "small")
			// A link into content/tin-tuc/, which is broken when the
			// folder cannot be read: not the editor's mistake.
			testkit.WriteFile(t, src, "content/lien-ket.md", "---\ntitle: \"Liên kết\"\n---\nXem [bài một](tin-tuc/bai-mot.md).\n")
			dest := filepath.Join(t.TempDir(), "out", "public")
			if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
				t.Fatal(err)
			}
			giveToNobody(t, filepath.Dir(src), filepath.Dir(dest))
			if o := buildUnprivileged(t, src, dest); o.Message != "" || o.Err != "" {
				t.Fatalf("base site does not build: %s%s", o.Message, o.Err)
			}
			before := testkit.Snapshot(t, dest)
			p := filepath.Join(src, c.path)
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(p, st.Mode().Perm()) })

			o := buildUnprivileged(t, src, dest)
			if o.Err != "" || o.Message == "" {
				t.Fatalf("want the build refused with its problems; got %+v", o)
			}
			var causes, mistakes []string
			for _, p := range o.Problems {
				switch {
				case p.Cause:
					causes = append(causes, p.Error())
				case p.Level == diag.Error:
					mistakes = append(mistakes, p.Error())
				}
			}
			if len(causes) != 1 || !strings.Contains(causes[0], c.cause) {
				t.Errorf("causes %q; want one: %q", causes, c.cause)
			}
			if len(mistakes) > 0 {
				t.Errorf("what follows from the cause is counted as editors' mistakes:\n%s", strings.Join(mistakes, "\n"))
			}
			lines := strings.Split(o.Message, "\n")
			if want := diag.CausePrefix; !strings.HasPrefix(lines[0], want) || !strings.Contains(lines[0], c.cause) {
				t.Errorf("first line %q; want the cause", lines[0])
			}
			if n := strings.Count(o.Message, c.cause); n != 1 {
				t.Errorf("the cause is printed %d times:\n%s", n, o.Message)
			}
			if last := lines[len(lines)-1]; !strings.Contains(last, "không phải vì lỗi trong nội dung") {
				t.Errorf("summary %q; want no mistakes in the content counted", last)
			}
			if d := testkit.Diff(before, testkit.Snapshot(t, dest)); len(d) > 0 {
				t.Errorf("failed build changed the previous output: %v", d)
			}
		})
	}
}

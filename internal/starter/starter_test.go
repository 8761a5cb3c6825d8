package starter_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/build"
	"portal/internal/check"
	"portal/internal/starter"
	"portal/internal/testkit"
	"portal/internal/textutil"
)

// The starter's layouts/ and static/ are the repository's, byte for byte:
// a change to either must be followed by `go generate ./internal/starter`.
func TestCopyIsCurrent(t *testing.T) {
	for _, dir := range []string{"layouts", "static"} {
		want := testkit.ReadTree(t, filepath.Join(testkit.Root(t), dir))
		sub, err := fs.Sub(starter.Root(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if stale := testkit.Diff(want, testkit.ReadFS(t, sub)); len(stale) > 0 {
			t.Errorf("the starter's copy of %s/ is out of date (~ differs, - missing, + removed from the repository); run `go generate ./internal/starter` and commit the result:\n  %s", dir, strings.Join(stale, "\n  "))
		}
	}
}

// A new site builds with no error and no warning, and `portal check`
// finds nothing but the contact values the agency has yet to confirm.
func TestStarterBuildsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cong-moi")
	written, err := starter.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) < 20 {
		t.Fatalf("only %d files written", len(written))
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: dir, Dest: dest})
	if err != nil {
		t.Fatalf("the starter does not build:\n%v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("build warning: %s", w.Error())
	}
	// One page of each kind, as the layouts render them.
	for out, want := range map[string]string{
		"index.html":                    "8 chỉ số nội dung của PAPI",  // home, with its grid from data/chi-so.yaml
		"ve-papi/index.html":            `href="/ve-papi/papi-la-gi/"`, // a section lists its pages
		"ve-papi/papi-la-gi/index.html": "<svg",                        // a regular page, with a chart from a CSV
		"van-ban/luat-thuc-hien-dan-chu-o-co-so/index.html":  "10/2022/QH15", // a document page
		"ve-papi/cach-chon-nguoi-tra-loi/index.html":         `src="/ve-papi/cach-chon-nguoi-tra-loi/so-do-chon-mau.svg"`,
		"ve-papi/cach-chon-nguoi-tra-loi/so-do-chon-mau.svg": "<svg", // the bundle's image, published beside it
		"so-do-trang/index.html":                             "Sơ đồ trang",
		"tim-kiem/index.html":                                `role="search"`,
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(out)))
		if err != nil {
			t.Errorf("%s: %v", out, err)
			continue
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", out, want)
		}
	}
	findings, err := check.Run(check.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Level == check.Error || !strings.Contains(f.Msg, "(unconfirmed placeholder)") {
			t.Errorf("check: %s", check.Format(f))
		}
	}
}

// The starter speaks for no particular locality: whatever the portal's
// own content says of Hưng Yên stays out of another agency's site.
func TestStarterHasNoLocalFacts(t *testing.T) {
	err := fs.WalkDir(starter.Root(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "static/") {
			return err
		}
		b, err := fs.ReadFile(starter.Root(), p)
		if err != nil {
			return err
		}
		folded := textutil.Fold(string(b))
		for _, word := range []string{"hung yen", "hung-yen", "hungyen"} {
			if strings.Contains(folded, word) {
				t.Errorf("%s names %q", p, word)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "ghi-chu.txt")
	if err := os.WriteFile(mine, []byte("của tôi"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := starter.Write(dir); !errors.Is(err, starter.ErrNotEmpty) {
		t.Fatalf("Write into a folder with a file: %v; want ErrNotEmpty", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files added to a non-empty folder: %v", entries)
	}
	if b, _ := os.ReadFile(mine); string(b) != "của tôi" {
		t.Error("the existing file changed")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if _, err := starter.Write(empty); err != nil {
		t.Errorf("Write into an empty folder: %v", err)
	}
	// A path that is a file is refused.
	if _, err := starter.Write(mine); err == nil {
		t.Error("Write onto a file succeeded")
	}
}

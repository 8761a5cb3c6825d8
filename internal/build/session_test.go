package build

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/internal/output"
	"portal/internal/testkit"
)

func newSession(t *testing.T) (string, *Session, *output.MemWriter) {
	t.Helper()
	dir := testkit.Site(t, "engine")
	mem := output.NewMemWriter()
	ss, err := RunSession(Options{Source: dir}, mem)
	if err != nil {
		t.Fatal(err)
	}
	return dir, ss, mem
}

func edit(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, "content", filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateBodyWritesThePage(t *testing.T) {
	dir, ss, mem := newSession(t)
	edit(t, dir, "ve-papi/gioi-thieu/index.md", "Nghị định 42/2022/NĐ-CP.", "Nghị định 42/2022/NĐ-CP (sửa).")
	u, err := ss.UpdateBody("ve-papi/gioi-thieu/index.md", mem)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(u.Written, "ve-papi/gioi-thieu/index.html") || slices.Contains(u.Written, "ke-hoach/index.html") {
		t.Errorf("written %v", u.Written)
	}
	b, _ := mem.Get("ve-papi/gioi-thieu/index.html")
	if !strings.Contains(string(b), "(sửa)") {
		t.Error("page not updated")
	}
	// The same session takes further edits.
	edit(t, dir, "ve-papi/gioi-thieu/index.md", "(sửa)", "(sửa lần hai)")
	if _, err := ss.UpdateBody("ve-papi/gioi-thieu/index.md", mem); err != nil {
		t.Fatal(err)
	}
	if b, _ := mem.Get("ve-papi/gioi-thieu/index.html"); !strings.Contains(string(b), "(sửa lần hai)") {
		t.Error("second edit not written")
	}
}

func TestUpdateBodyNeedsFullBuild(t *testing.T) {
	dir, ss, mem := newSession(t)
	edit(t, dir, "ve-papi/gioi-thieu/index.md", "tags: [PAPI]", "tags: [PAPI, Mới]")
	if _, err := ss.UpdateBody("ve-papi/gioi-thieu/index.md", mem); !errors.Is(err, ErrNeedFull) {
		t.Errorf("front matter edit: %v; want ErrNeedFull", err)
	}
	if _, err := ss.UpdateBody("khong-co.md", mem); !errors.Is(err, ErrNeedFull) {
		t.Errorf("unknown page: %v; want ErrNeedFull", err)
	}
	if _, err := ss.UpdateStatic("css/moi.css", mem); !errors.Is(err, ErrNeedFull) {
		t.Errorf("new static file: %v; want ErrNeedFull", err)
	}
}

// Renaming a heading breaks links to it from other pages: the update must
// say so, as a full build would.
func TestUpdateBodyChecksAnchorsIntoThePage(t *testing.T) {
	dir, ss, mem := newSession(t)
	edit(t, dir, "ke-hoach/_index.md", "## Mục đích, yêu cầu", "## Mục tiêu")
	_, err := ss.UpdateBody("ke-hoach/_index.md", mem)
	var failed *Failed
	if !errors.As(err, &failed) {
		t.Fatalf("err = %v; want *Failed", err)
	}
	found := false
	for _, p := range failed.Problems {
		if p.File == "content/_index.md" && p.Line == 5 && strings.Contains(p.Msg, "#muc-dich-yeu-cau") {
			found = true
		}
	}
	if !found {
		t.Errorf("problems %v; want the broken anchor in content/_index.md:5", failed.Problems)
	}
	// After a failed update only a full build can be trusted.
	edit(t, dir, "ke-hoach/_index.md", "## Mục tiêu", "## Mục đích, yêu cầu")
	if _, err := ss.UpdateBody("ke-hoach/_index.md", mem); !errors.Is(err, ErrNeedFull) {
		t.Errorf("after a failure: %v; want ErrNeedFull", err)
	}
}

func TestUpdateStaticKeepsNameWithoutFingerprints(t *testing.T) {
	dir := testkit.Site(t, "engine")
	mem := output.NewMemWriter()
	ss, err := RunSession(Options{Source: dir, NoFingerprint: true}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "css", "style.css"), []byte("main { color: #abcdef; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := ss.UpdateStatic("css/style.css", mem)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u.Written, []string{"css/style.css"}) {
		t.Errorf("written %v", u.Written)
	}
	if b, _ := mem.Get("css/style.css"); !strings.Contains(string(b), "#abcdef") {
		t.Errorf("css/style.css = %q", b)
	}
	// With fingerprints, pages name the file by its hash: full build.
	_, ss2, mem2 := newSession(t)
	if _, err := ss2.UpdateStatic("css/style.css", mem2); !errors.Is(err, ErrNeedFull) {
		t.Errorf("fingerprinted: %v; want ErrNeedFull", err)
	}
}

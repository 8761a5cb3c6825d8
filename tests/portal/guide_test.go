package portal_test

// The editors' guide teaches by example: each ```markdown block of
// docs/editors-guide.md (and of README.md, which carries a copy of the
// guide) must build in the real site, with its links leading to pages that
// exist. The test finds whatever examples the guide has, so the guide can
// be reorganised freely.

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/build"
	"portal/internal/check"
	"portal/internal/testkit"
)

// guideExample is one ```markdown block of a document.
type guideExample struct {
	doc  string // file, relative to the repository
	line int    // line of the opening fence
	text string // the block, without the indentation of its fence
}

var fenceOpen = regexp.MustCompile("^([ \t]*)(```+|~~~+)[ \t]*(markdown|md)[ \t]*$")

// markdownExamples extracts the fenced blocks marked markdown (or md) of a
// Markdown document, with the indentation of a fence nested in a list
// removed from its lines.
func markdownExamples(doc, src string) ([]guideExample, error) {
	var out []guideExample
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		m := fenceOpen.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		indent, fence := m[1], m[2]
		var body []string
		closed := false
		j := i + 1
		for ; j < len(lines); j++ {
			// A closing fence is the fence's character, at least as many
			// times as the opening one, alone on its line.
			if l := strings.TrimSpace(lines[j]); len(l) >= len(fence) && strings.Trim(l, fence[:1]) == "" {
				closed = true
				break
			}
			body = append(body, strings.TrimPrefix(lines[j], indent))
		}
		if !closed {
			return nil, fmt.Errorf("%s:%d: the ```markdown block never closes", doc, i+1)
		}
		out = append(out, guideExample{doc: doc, line: i + 1, text: strings.Join(body, "\n") + "\n"})
		i = j
	}
	return out, nil
}

func TestMarkdownExamplesExtraction(t *testing.T) {
	src := "Văn bản\n\n```markdown\n## A\n```\n\n1. Bước\n\n   ```md\n   [x](../a.md)\n   ```\n\n```\nkhông phải ví dụ\n```\n````markdown\n```\nlồng\n```\n````\n"
	got, err := markdownExamples("g.md", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []guideExample{{"g.md", 3, "## A\n"}, {"g.md", 9, "[x](../a.md)\n"}, {"g.md", 16, "```\nlồng\n```\n"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if _, err := markdownExamples("g.md", "```markdown\nmở mãi\n"); err == nil {
		t.Error("an unclosed block is not reported")
	}
}

// localImages lists the local images an example shows (not http(s), not
// root-relative): an editor puts them beside the page, so the test does.
var imageRef = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)>?`)

func localImages(md string) []string {
	var out []string
	for _, m := range imageRef.FindAllStringSubmatch(md, -1) {
		ref := m[1]
		if strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "data:") {
			continue
		}
		out = append(out, ref)
	}
	return out
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 11, G: 58, B: 102, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEditorsGuideExamplesBuild puts each example in a copy of the site as a
// page of a section of its own (so "../van-ban/…" links behave as in any
// section), builds it with drafts, and fails on any build error and on any
// error the checker finds in the example pages (a broken link, a missing
// anchor, a skipped heading level…).
func TestEditorsGuideExamplesBuild(t *testing.T) {
	var examples []guideExample
	for _, doc := range []string{"docs/editors-guide.md", "README.md"} {
		b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(doc)))
		if err != nil {
			t.Fatal(err)
		}
		ex, err := markdownExamples(doc, string(b))
		if err != nil {
			t.Fatal(err)
		}
		if doc == "docs/editors-guide.md" && len(ex) == 0 {
			t.Fatalf("%s has no ```markdown example: mark its Markdown examples so that they are built", doc)
		}
		examples = append(examples, ex...)
	}

	src := testkit.Portal(t)
	const section = "vi-du-huong-dan"
	dir := filepath.Join(src, "content", section)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	where := map[string]guideExample{} // content file → example
	for i, ex := range examples {
		body := ex.text
		if !strings.HasPrefix(body, "---\n") {
			body = fmt.Sprintf("---\ntitle: \"Ví dụ %d của hướng dẫn\"\ndescription: \"Ví dụ ở %s dòng %d.\"\n---\n\n", i+1, ex.doc, ex.line) + body
		}
		name := fmt.Sprintf("vi-du-%d.md", i+1)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		where[path.Join("content", section, name)] = ex
		for _, img := range localImages(ex.text) {
			p := filepath.Join(dir, filepath.FromSlash(img))
			if !strings.HasPrefix(p, dir+string(filepath.Separator)) {
				t.Errorf("%s:%d: image %q leaves the page's folder", ex.doc, ex.line, img)
				continue
			}
			testkit.WriteFile(t, dir, img, tinyPNG(t))
		}
	}
	// Which document and line an error in an example's file comes from.
	origin := func(file string) string {
		file = filepath.ToSlash(file)
		for f, ex := range where {
			if strings.HasSuffix(file, f) {
				return fmt.Sprintf("%s:%d (example written to %s)", ex.doc, ex.line, f)
			}
		}
		return file
	}

	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: src, Dest: dest, Drafts: true, Workers: 2}); err != nil {
		var failed *build.Failed
		if errors.As(err, &failed) {
			for _, p := range failed.Problems {
				t.Errorf("%s: %v", origin(p.File), p)
			}
			return
		}
		t.Fatalf("build with the guide's examples: %v", err)
	}
	findings, err := check.Run(check.Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Level == check.Error && strings.Contains(filepath.ToSlash(f.File), section+"/") {
			t.Errorf("%s: %s", origin(f.File), f.Msg)
		}
	}
	t.Logf("built %d examples of the editors' guide and README", len(examples))
}

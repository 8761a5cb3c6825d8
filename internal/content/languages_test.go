package content

import (
	"strings"
	"testing"

	"portal/internal/config"
	"portal/internal/diag"
)

func TestFilesFor(t *testing.T) {
	langs := []config.LanguageInfo{{Code: "vi"}, {Code: "en", Prefix: "en/"}}
	files := []*File{{Path: "_index.md"}, {Path: "en/_index.md"}, {Path: "en/a/b.md"}, {Path: "tin/a.md"}, {Path: "english.md"}}
	names := func(fs []*File) string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Path+"@"+f.Name())
		}
		return strings.Join(out, " ")
	}
	if got := names(FilesFor(files, langs[0], langs)); got != "_index.md@content/_index.md tin/a.md@content/tin/a.md english.md@content/english.md" {
		t.Errorf("vi: %s", got)
	}
	if got := names(FilesFor(files, langs[1], langs)); got != "_index.md@content/en/_index.md a/b.md@content/en/a/b.md" {
		t.Errorf("en: %s", got)
	}
	if files[1].Path != "en/_index.md" {
		t.Error("FilesFor changed the loaded file")
	}
}

func TestFailedFiles(t *testing.T) {
	failed := FailedFiles([]*diag.Problem{
		diag.Errorf("content/tin/a.md", 3, "x"),
		diag.Errorf("content/en/b.md", 1, "x"),
		diag.Warnf("content/tin/c.md", 1, "only a warning"),
		diag.Errorf("content/anh.png", 0, "not Markdown"),
		diag.Errorf("data/x.yaml", 1, "not content"),
	})
	if len(failed) != 2 || !failed["tin/a.md"] || !failed["en/b.md"] {
		t.Errorf("FailedFiles = %v", failed)
	}
	if en := FailedFor(failed, config.LanguageInfo{Code: "en", Prefix: "en/"}); len(en) != 1 || !en["b.md"] {
		t.Errorf("FailedFor(en) = %v", en)
	}
	if vi := FailedFor(failed, config.LanguageInfo{Code: "vi"}); len(vi) != 2 {
		t.Errorf("FailedFor(vi) = %v", vi)
	}
}

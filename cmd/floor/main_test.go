package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/corpus"
	"portal/internal/testkit"
)

func TestOutputPath(t *testing.T) {
	for in, want := range map[string]string{
		"_index.md":           "index.html",
		"a/_index.md":         "a/index.html",
		"a/b.md":              "a/b/index.html",
		"a/b/index.md":        "a/b/index.html",
		"a/b/c/page-00001.md": "a/b/c/page-00001/index.html",
		"top.md":              "top/index.html",
	} {
		if got := filepath.ToSlash(OutputPath(filepath.FromSlash(in))); got != want {
			t.Errorf("OutputPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuildCorpus(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	const n = 30
	st, err := corpus.Generate(corpus.Options{Pages: n, Seed: 1, Out: src})
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	got, err := Build(src, dest, 3)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if got != st.Files {
		t.Errorf("Build reported %d pages, corpus has %d files", got, st.Files)
	}
	var html []string
	err = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			html = append(html, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(html) != n+corpus.NumSections+1 {
		t.Errorf("%d files written, want %d", len(html), n+corpus.NumSections+1)
	}
	for _, h := range html {
		if filepath.Base(h) != "index.html" {
			t.Errorf("unexpected output file %s", h)
		}
	}
	for _, want := range []string{"index.html", "section-01/index.html", "section-20/index.html", "section-03/page-00023/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}

	page, err := os.ReadFile(filepath.Join(dest, "section-03", "page-00023", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{"<title>", "<h2 id=", "<table>", "<blockquote>", "<strong>", "<ol>"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(s, "title:") || strings.Contains(s, "\n<p>") {
		t.Error("front matter leaked or HTML not minified")
	}
}

func TestBuildErrors(t *testing.T) {
	cases := map[string]map[string]string{
		"bad.md":     {"a/bad.md": "---\ntitle: [unclosed\n---\nx\n"},
		"no title":   {"a/untitled.md": "---\ndescription: x\n---\nx\n"},
		"b/index.md": {"b.md": "---\ntitle: B\n---\n", "b/index.md": "---\ntitle: B2\n---\n"},
	}
	for want, files := range cases {
		src := t.TempDir()
		for name, body := range files {
			testkit.WriteFile(t, src, "content/"+name, body)
		}
		if _, err := Build(src, t.TempDir(), 2); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("files %v: err = %v, want one mentioning %q", files, err, want)
		}
	}
	if _, err := Build(t.TempDir(), t.TempDir(), 2); err == nil {
		t.Error("missing content/ accepted")
	}
	if _, err := Build(t.TempDir(), t.TempDir(), 0); err == nil {
		t.Error("0 workers accepted")
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testkit"
)

func TestRunFlags(t *testing.T) {
	layouts := t.TempDir()
	if err := os.WriteFile(filepath.Join(layouts, "baseof.html"), []byte("<html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	static := testkit.Files(t, map[string]string{"css/style.css": "css/style.css", "favicon.svg": "favicon.svg"})
	out := filepath.Join(t.TempDir(), "site")
	var stderr bytes.Buffer
	if err := run([]string{"-n", "25", "-seed", "2", "-out", out, "-layouts", layouts, "-static", static}, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(stderr.String(), "25 pages, 20 sections, 46 content files, 1 layout files, 2 static files") {
		t.Errorf("summary = %q", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "layouts", "baseof.html")); err != nil {
		t.Errorf("layouts not copied: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "static", "css", "style.css")); err != nil || string(b) != "css/style.css" {
		t.Errorf("static not copied: %q, %v", b, err)
	}

	for _, args := range [][]string{
		{"-n", "5"}, // no -out
		{"-n", "5", "-out", t.TempDir(), "extra"}, // stray argument
		{"-n", "5", "-out", t.TempDir(), "-layouts", filepath.Join(t.TempDir(), "missing")},
		{"-n", "5", "-out", t.TempDir(), "-static", filepath.Join(t.TempDir(), "missing")},
		{"-n", "-3", "-out", t.TempDir()},
		{"-bogus"},
	} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

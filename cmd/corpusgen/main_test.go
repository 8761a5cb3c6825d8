package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunFlags(t *testing.T) {
	layouts := t.TempDir()
	if err := os.WriteFile(filepath.Join(layouts, "baseof.html"), []byte("<html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	var stderr bytes.Buffer
	if err := run([]string{"-n", "25", "-seed", "2", "-out", out, "-layouts", layouts}, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(stderr.String(), "25 pages, 20 sections, 46 content files, 1 layout files") {
		t.Errorf("summary = %q", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "layouts", "baseof.html")); err != nil {
		t.Errorf("layouts not copied: %v", err)
	}

	for _, args := range [][]string{
		{"-n", "5"}, // no -out
		{"-n", "5", "-out", t.TempDir(), "extra"}, // stray argument
		{"-n", "5", "-out", t.TempDir(), "-layouts", filepath.Join(t.TempDir(), "missing")},
		{"-n", "-3", "-out", t.TempDir()},
		{"-bogus"},
	} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

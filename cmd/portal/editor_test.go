package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommandJSONAndExitCode(t *testing.T) {
	good := filepath.Join("..", "..", "internal", "check", "testdata", "good")
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", good, "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("good site: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("good site JSON = %s; want []", out.String())
	}
	// The engine's fixture has no sitemap page: an error, exit 1.
	out.Reset()
	fixture := filepath.Join("..", "..", "internal", "build", "testdata", "site")
	if code := run([]string{"check", "--source", fixture, "--format", "json"}, &out, &errb); code != 1 {
		t.Fatalf("fixture: exit %d; want 1", code)
	}
	var fs []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Level   string `json:"level"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	found := false
	for _, f := range fs {
		if f.Level == "error" && strings.Contains(f.Message, "sơ đồ trang") {
			found = true
		}
	}
	if !found {
		t.Errorf("no sitemap error in %+v", fs)
	}
	out.Reset()
	run([]string{"check", "--source", fixture}, &out, &errb)
	if !strings.Contains(out.String(), ": error: thiếu trang sơ đồ trang") {
		t.Errorf("text format:\n%s", out.String())
	}
	if code := run([]string{"check", "--format", "xml"}, &out, &errb); code != 2 {
		t.Errorf("bad --format: exit %d", code)
	}
}

func TestNewCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: \"Thử\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	args := []string{"new", "--source", dir, "--section", "tin-tuc", "Thông báo lịch tiếp công dân"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "tin-tuc", "thong-bao-lich-tiep-cong-dan.md")); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := run(args, &out, &errb); code != 1 || !strings.Contains(errb.String(), "không ghi đè") {
		t.Errorf("second run: exit %d, %q; want 1 and a clear message", code, errb.String())
	}
	if code := run([]string{"new", "--source", dir, "../ngoai.md"}, &out, &errb); code != 1 {
		t.Errorf("path outside content/: exit %d", code)
	}
	if code := run([]string{"new", "--source", dir}, &out, &errb); code != 2 {
		t.Errorf("no arguments: exit %d", code)
	}
}

package fileio

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := bytes.Repeat([]byte("Hưng Yên "), 10000)
	tests := []struct {
		name    string
		path    string
		max     int64
		want    []byte
		tooBig  bool
		missing bool
	}{
		{"text", write("a.md", []byte("# Tiêu đề\n")), 100, []byte("# Tiêu đề\n"), false, false},
		{"empty", write("empty.md", nil), 100, []byte{}, false, false},
		{"exactly the limit", write("ten.md", []byte("0123456789")), 10, []byte("0123456789"), false, false},
		{"one over the limit", write("eleven.md", []byte("0123456789a")), 10, nil, true, false},
		{"larger than one read", write("big.md", big), 1 << 20, big, false, false},
		{"missing", filepath.Join(dir, "none.md"), 100, nil, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadFile(tc.path, tc.max)
			switch {
			case tc.tooBig:
				var tl *TooLargeError
				if !errors.As(err, &tl) || tl.Size != 11 || tl.Name != tc.path {
					t.Fatalf("err = %v, want TooLargeError of 11 bytes", err)
				}
			case tc.missing:
				var pe *fs.PathError
				if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != tc.path {
					t.Fatalf("err = %v, want a PathError for a missing file", err)
				}
			case err != nil:
				t.Fatal(err)
			case !bytes.Equal(got, tc.want):
				t.Fatalf("got %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
}

func TestReadFileDirectory(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(dir, 1<<20); err == nil {
		t.Fatal("reading a folder succeeded")
	} else if !strings.Contains(err.Error(), dir) {
		t.Fatalf("error %q does not name the folder", err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	if err := WriteFile(p, []byte("<p>một hai ba</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A second, shorter write replaces the file: it is truncated.
	if err := WriteFile(p, []byte("<p>x</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "<p>x</p>" {
		t.Fatalf("file holds %q", got)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir.html"), []byte("x"), 0o644); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("writing into a missing folder: err = %v, want not-exist", err)
	}
	empty := filepath.Join(dir, "empty")
	if err := WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(empty); err != nil || st.Size() != 0 {
		t.Fatalf("empty file: %v, %v", st, err)
	}
}

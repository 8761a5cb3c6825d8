// Command mkarchive writes the release archives of scripts/release.sh, the
// same bytes every time for the same input: entries sorted, one fixed time
// (the commit's), fixed modes, no owner, no host names, gzip without a
// name or time. It also writes SHA256SUMS. Written in Go, not with zip and
// tar, because those differ between systems in what they record.
//
//	mkarchive -o dist/portal_v1_linux_amd64.tar.gz -mtime 1733560000 -prefix portal_v1_linux_amd64/ -exec portal DIR
//	mkarchive -sums dist/SHA256SUMS dist/portal_*.zip dist/portal_*.tar.gz
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "the archive to write: NAME.zip or NAME.tar.gz")
	mtime := flag.Int64("mtime", 0, "the time of every entry, in seconds since 1970 (the commit's time)")
	prefix := flag.String("prefix", "", "a folder every entry is put in, ending in /")
	execs := flag.String("exec", "", "comma-separated file names (at any depth) made executable")
	sums := flag.String("sums", "", "write SHA256SUMS of the files given as arguments to this path, instead of an archive")
	flag.Parse()
	var err error
	switch {
	case *sums != "":
		err = writeSums(*sums, flag.Args())
	case *out != "" && flag.NArg() == 1:
		err = writeArchive(*out, flag.Arg(0), Options{Time: time.Unix(*mtime, 0).UTC(), Prefix: *prefix, Exec: split(*execs)})
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkarchive:", err)
		os.Exit(1)
	}
}

func split(s string) map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Split(s, ",") {
		if n != "" {
			m[n] = true
		}
	}
	return m
}

// Options fix what an archive records besides the files' bytes.
type Options struct {
	Time   time.Time
	Prefix string
	// Exec names the files given mode 0755; everything else is 0644 and
	// folders 0755.
	Exec map[string]bool
}

// entry is one file or folder to archive.
type entry struct {
	name string // slash path inside the archive, folders ending in /
	src  string // file on disk; "" for a folder
	mode fs.FileMode
}

// collect lists dir's tree in byte order of the archive names.
func collect(dir string, opts Options) ([]entry, error) {
	var out []entry
	if opts.Prefix != "" {
		out = append(out, entry{name: strings.TrimSuffix(opts.Prefix, "/") + "/", mode: fs.ModeDir | 0o755})
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := opts.Prefix + filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			out = append(out, entry{name: name + "/", mode: fs.ModeDir | 0o755})
		case d.Type().IsRegular():
			mode := fs.FileMode(0o644)
			if opts.Exec[path.Base(name)] {
				mode = 0o755
			}
			out = append(out, entry{name: name, src: p, mode: mode})
		default:
			return fmt.Errorf("%s: not a regular file or folder", p)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, err
}

func writeArchive(out, dir string, opts Options) (err error) {
	entries, err := collect(dir, opts)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}()
	switch {
	case strings.HasSuffix(out, ".zip"):
		return writeZip(f, entries, opts.Time)
	case strings.HasSuffix(out, ".tar.gz"):
		return writeTarGz(f, entries, opts.Time)
	}
	return errors.New(out + ": the name must end in .zip or .tar.gz")
}

func writeZip(w io.Writer, entries []entry, t time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: t}
		if e.src == "" {
			h.Method = zip.Store
		}
		h.SetMode(e.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if e.src != "" {
			if err := copyFile(fw, e.src); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

func writeTarGz(w io.Writer, entries []entry, t time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode.Perm()), ModTime: t, Typeflag: tar.TypeDir}
		if e.src != "" {
			fi, err := os.Stat(e.src)
			if err != nil {
				return err
			}
			h.Typeflag, h.Size = tar.TypeReg, fi.Size()
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if e.src != "" {
			if err := copyFile(tw, e.src); err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func copyFile(w io.Writer, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// writeSums writes "HASH  NAME" lines, sorted by name, as sha256sum does,
// so `sha256sum -c SHA256SUMS` checks a download.
func writeSums(out string, files []string) error {
	sort.Slice(files, func(i, j int) bool { return filepath.Base(files[i]) < filepath.Base(files[j]) })
	var b strings.Builder
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), filepath.Base(p))
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

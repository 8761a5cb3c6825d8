package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"portal/internal/build"
)

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts build.Options
	var quiet, verbose, offline bool
	fs.StringVar(&opts.Source, "source", ".", "thư mục trang (site folder)")
	fs.StringVar(&opts.Dest, "dest", "", "thư mục đầu ra (output folder; default SOURCE/public)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "địa chỉ gốc, ví dụ https://example.org/papi/ (overrides site.yaml)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "gồm cả bản nháp (include drafts)")
	fs.BoolVar(&opts.Future, "future", false, "gồm cả trang có ngày đăng trong tương lai (include future pages)")
	fs.BoolVar(&opts.Expired, "expired", false, "gồm cả trang đã hết hạn (include expired pages)")
	fs.BoolVar(&opts.NoMinify, "no-minify", false, "không rút gọn HTML/CSS/JS (do not minify)")
	fs.BoolVar(&offline, "offline", false, "bản đọc không cần máy chủ (offline copy, file://)")
	fs.BoolVar(&quiet, "quiet", false, "không in dòng tóm tắt")
	fs.BoolVar(&verbose, "verbose", false, "liệt kê các tệp đã ghi")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "portal build: tham số thừa %q\n", fs.Args())
		return 2
	}
	opts.Offline = offline
	defer tuneGC(opts.Source)()
	res, err := build.Build(opts)
	if err != nil {
		var failed *build.Failed
		if errors.As(err, &failed) {
			fmt.Fprintln(stderr, failed.Error())
			fmt.Fprintln(stderr, "Bản dựng trước (nếu có) được giữ nguyên. (previous output left untouched)")
			return 1
		}
		fmt.Fprintf(stderr, "portal build: %v\n", err)
		return 1
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	if verbose {
		for _, f := range res.Files {
			fmt.Fprintln(stdout, f)
		}
	}
	if !quiet {
		fmt.Fprintf(stdout, "Đã xây dựng %d trang (%d tệp) trong %d ms\n", res.Pages, len(res.Files), res.Elapsed.Round(time.Millisecond).Milliseconds())
	}
	return 0
}

// Memory budget of a build: the heap may grow to gcFloor, or to
// gcPerContentByte times the size of content/ when that is more (the
// rendered HTML, plain text and search index of a page take a few times its
// Markdown), before the garbage collector runs.
const (
	gcFloor          = 256 << 20
	gcPerContentByte = 5
)

// tuneGC sets the garbage collector for one build and returns what puts it
// back. A build is a batch job whose data mostly lives to the end: instead
// of collecting whenever the heap doubles (GOGC=100), it collects only when
// the heap nears the budget. A small site then builds without collecting
// at all, and a 10,000-page one stays near the budget instead of at twice
// its live data. GOGC or GOMEMLIMIT in the environment take precedence.
func tuneGC(source string) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prevLimit := debug.SetMemoryLimit(gcFloor)
	prevPercent := debug.SetGCPercent(-1)
	// Measuring content/ takes a walk over every file: the build starts
	// meanwhile under the floor, and the budget grows when it is known.
	done := make(chan struct{})
	go func() {
		defer close(done)
		if n := gcPerContentByte * contentBytes(filepath.Join(source, "content")); n > gcFloor {
			debug.SetMemoryLimit(n)
		}
	}()
	return func() {
		<-done
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// contentBytes is the size of the files under dir; unreadable entries are
// left to the build to report.
func contentBytes(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

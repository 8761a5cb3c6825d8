package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
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
	defer tuneGC()()
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

// A build's garbage collection: below gcStart of heap it never collects, so
// a small site (the portal's own: ~30 MB) builds without collecting at all;
// from its first collection on, it collects when the heap has grown by
// gcPercent since the last one. A later first collection costs more than
// it saves: every page of a heap that only grows is fresh memory the
// kernel must fault in and zero (128 MiB: a 1,000-page build 0.59 s, at
// 32 MiB 0.45 s).
const (
	gcStart   = 32 << 20
	gcPercent = 40
)

// tuneGC sets the garbage collector for one build and returns what puts it
// back. A build is a batch job whose data mostly lives to the end: the
// default GOGC=100 would let the heap reach twice its live data. A fixed
// memory limit was tried and is slower: near the limit the runtime returns
// freed pages to the system on every cycle (madvise) and faults them back
// in, 0.5 s of a 10,000-page build. So the limit serves only to delay the
// first collection; after it, a GC percent bounds the heap in proportion to
// what the site keeps. GOGC or GOMEMLIMIT in the environment take precedence.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prevLimit := debug.SetMemoryLimit(gcStart)
	prevPercent := debug.SetGCPercent(-1)
	var mu sync.Mutex
	restored := false
	// The sentinel becomes unreachable at once; its cleanup runs after the
	// first collection has found it.
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		mu.Lock()
		defer mu.Unlock()
		if !restored {
			debug.SetGCPercent(gcPercent)
			debug.SetMemoryLimit(prevLimit)
		}
	}, struct{}{})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		restored = true
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

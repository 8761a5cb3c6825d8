package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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

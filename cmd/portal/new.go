package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"portal/internal/newpage"
)

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts newpage.Options
	fs.StringVar(&opts.Source, "source", ".", "thư mục trang (site folder)")
	fs.StringVar(&opts.Section, "section", "", "mục (thư mục trong content/) của trang mới; khi đó tham số là tiêu đề")
	fs.StringVar(&opts.Title, "title", "", "tiêu đề (khi đã cho đường dẫn tệp)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Cách dùng: portal new [--source DIR] MUC/TEN-TRANG.md\n       portal new [--source DIR] --section MUC \"Tiêu đề có dấu\"\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	switch {
	case opts.Section != "":
		if fs.NArg() == 0 && opts.Title == "" {
			fs.Usage()
			return 2
		}
		if fs.NArg() > 0 {
			opts.Title = strings.Join(fs.Args(), " ")
		}
	case fs.NArg() == 1:
		opts.Path = fs.Arg(0)
	default:
		fs.Usage()
		return 2
	}
	created, err := newpage.Create(opts)
	if err != nil {
		if errors.Is(err, newpage.ErrExists) {
			fmt.Fprintf(stderr, "portal new: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "portal new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Đã tạo %s (bản nháp, draft: true). Mở tệp để viết nội dung; xem trước bằng \"portal serve --drafts\".\n", created)
	return 0
}

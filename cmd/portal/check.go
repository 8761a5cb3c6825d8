package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"portal/internal/check"
	"portal/internal/diag"
)

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts check.Options
	var format string
	fs.StringVar(&opts.Source, "source", ".", "thư mục trang (site folder)")
	fs.StringVar(&format, "format", "text", "định dạng kết quả: text hoặc json")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "portal check: tham số thừa %q\n", fs.Args())
		return 2
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "portal check: --format phải là text hoặc json, không phải %q\n", format)
		return 2
	}
	findings, err := check.Run(opts)
	if err != nil {
		fmt.Fprintf(stderr, "portal check: %v\n", err)
		return 2
	}
	if format == "json" {
		if findings == nil {
			findings = []*diag.Problem{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			fmt.Fprintf(stderr, "portal check: %v\n", err)
			return 2
		}
	} else {
		errs, warns := 0, 0
		for _, f := range findings {
			fmt.Fprintln(stdout, check.Format(f))
			if f.Level == check.Error {
				errs++
			} else {
				warns++
			}
		}
		fmt.Fprintf(stderr, "Kiểm tra xong: %d lỗi, %d cảnh báo.\n", errs, warns)
	}
	if check.HasErrors(findings) {
		return 1
	}
	return 0
}

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"portal/internal/check"
	"portal/internal/diag"
	"portal/internal/parallel"
)

func checkCommand() *command {
	c := &command{
		name:    "check",
		summary: "tìm lỗi trước khi người dân thấy (liên kết hỏng, ảnh thiếu mô tả…)",
		usage:   "portal check [tuỳ chọn]",
		about: `Dựng thử toàn bộ cổng trong bộ nhớ (không ghi gì ra đĩa) và liệt kê mọi vấn đề,
mỗi dòng dạng "tệp:dòng: mức: nội dung". Mức "error" phải sửa trước khi xuất bản;
"warning" nên xem và sửa nếu có thể. Có lỗi thì lệnh kết thúc với mã 1.

Bản nháp (draft: true) chỉ được kiểm tra khi có --drafts: hãy kiểm tra bản nháp
với --drafts trước khi đổi sang draft: false.`,
		examples: `  portal check
  portal check --drafts                kiểm tra cả bản nháp
  portal check --now 2026-01-01        kiểm tra cổng như vào ngày 1/1/2026
  portal check --format json > ket-qua.json`,
	}
	c.flags = func(fs *flag.FlagSet) func([]string, *streams) int {
		var opts check.Options
		var format, now string
		fs.StringVar(&opts.Source, "source", ".", "thư mục trang `DIR` (site folder)")
		fs.StringVar(&format, "format", "text", "định dạng kết quả `text|json`")
		fs.StringVar(&now, "now", "", "kiểm tra như vào ngày `NGÀY` (2026-01-01)")
		fs.BoolVar(&opts.Drafts, "drafts", false, "kiểm tra cả bản nháp (include drafts)")
		return func(args []string, st *streams) int {
			if len(args) > 0 {
				return c.usageErr(st, "tham số thừa %q; lệnh check chỉ nhận tuỳ chọn", args)
			}
			if format != "text" && format != "json" {
				return c.usageErr(st, "--format phải là text hoặc json, không phải %q", format)
			}
			if code, ok := c.site(st, opts.Source, now, &opts.Now); !ok {
				return code
			}
			return runCheck(opts, format, st)
		}
	}
	return c
}

func runCheck(opts check.Options, format string, st *streams) int {
	findings, err := check.Run(opts)
	var p *parallel.Panic
	if errors.As(err, &p) {
		return internalError(st, p, false)
	}
	if err != nil {
		fmt.Fprintf(st.err, "portal check: %v\n", err)
		return exitFailed
	}
	if format == "json" {
		if findings == nil {
			findings = []*diag.Problem{}
		}
		enc := json.NewEncoder(st.out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			fmt.Fprintf(st.err, "portal check: %v\n", err)
			return exitFailed
		}
	} else {
		errs, warns := 0, 0
		for _, f := range findings {
			fmt.Fprintln(st.out, check.Format(f))
			if f.Level == check.Error {
				errs++
			} else {
				warns++
			}
		}
		fmt.Fprintf(st.err, "Kiểm tra xong: %d lỗi, %d cảnh báo.\n", errs, warns)
	}
	if check.HasErrors(findings) {
		return exitFailed
	}
	return exitOK
}

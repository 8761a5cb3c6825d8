package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"runtime"

	"portal/internal/starter"
)

func initCommand() *command {
	c := &command{
		name:    "init",
		summary: "tạo một cổng thông tin mới từ trang mẫu, sẵn sàng để sửa",
		usage:   "portal init THƯ-MỤC",
		about: `Tạo một thư mục trang mới: site.yaml, giao diện (layouts/, static/), dữ liệu mẫu
(data/) và một trang mẫu của mỗi loại (trang chủ, một mục, một trang thường, một
trang văn bản, một trang có ảnh đi kèm). Trang mẫu dựng được ngay; sau đó hãy sửa
site.yaml, data/lien-he.yaml và các trang trong content/ cho đơn vị của bạn.
THƯ-MỤC phải chưa có hoặc đang trống: portal không ghi đè tệp nào.`,
		examples: `  portal init D:\cong-thong-tin
  portal init cong-thong-tin`,
	}
	c.flags = func(fs *flag.FlagSet) func([]string, *streams) int {
		return func(args []string, st *streams) int {
			switch len(args) {
			case 0:
				return c.usageErr(st, "thiếu thư mục cho cổng mới")
			case 1:
			default:
				return c.usageErr(st, "chỉ cho một thư mục; tên có dấu cách phải nằm trong dấu ngoặc kép")
			}
			dir := args[0]
			files, err := starter.Write(dir)
			if err != nil {
				fmt.Fprintf(st.err, "portal init: %v\n", err)
				return exitFailed
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				abs = dir
			}
			fmt.Fprintf(st.out, "Đã tạo cổng mới trong %s (%d tệp).\n\n%s", abs, len(files), nextSteps(abs, runtime.GOOS))
			return exitOK
		}
	}
	return c
}

// nextSteps tells a new site's editor what to do next, in the commands of
// their system.
func nextSteps(dir, goos string) string {
	prog := "portal"
	if goos == "windows" {
		prog = `.\portal.exe`
	}
	return fmt.Sprintf(`Tiếp theo:
  1. Xem trước:   %[1]s serve --source "%[2]s"
     rồi mở địa chỉ được in ra trong trình duyệt.
  2. Sửa site.yaml (tên cổng, địa chỉ), data/lien-he.yaml (thông tin liên hệ đã
     được xác nhận) và các trang trong content/.
  3. Kiểm tra:    %[1]s check --source "%[2]s"
  4. Xuất bản:    %[1]s build --strict --source "%[2]s"
     rồi đưa thư mục public lên máy chủ (xem hướng dẫn đi kèm).
`, prog, dir)
}

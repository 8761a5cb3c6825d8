package main

import (
	"bufio"
	"flag"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"portal/internal/newpage"
)

func newCommand() *command {
	c := &command{
		name:    "new",
		summary: "tạo trang mới (bản nháp) từ tiêu đề có dấu hoặc tên tệp",
		usage:   "portal new [tuỳ chọn] MỤC/\"Tiêu đề có dấu\"  |  portal new [tuỳ chọn] MỤC/ten-tep.md",
		about: `Tạo một trang mới trong content/, là bản nháp (draft: true), với tiêu đề, ngày
giờ hiện tại và phần mô tả để điền. Không bao giờ ghi đè trang đã có.

Cho tiêu đề có dấu, portal tự đặt tên tệp: "tin-tuc/Lịch tiếp công dân" tạo
content/tin-tuc/lich-tiep-cong-dan.md. Cho tên tệp .md, portal hỏi tiêu đề (hoặc
lấy --title). Tên mục được viết như địa chỉ trang: "Văn bản" là van-ban.
Mục chưa có thì bị từ chối, kèm danh sách các mục hiện có, để gõ nhầm tên mục
không tạo ra mục mới; muốn tạo mục mới, thêm --new-section.`,
		examples: `  portal new "tin-tuc/Thông báo lịch tiếp công dân tháng 3"
  portal new --section "Văn bản" "Kế hoạch số 19/KH-UBND"
  portal new hoi-dap/cach-gui-phan-anh.md --title "Cách gửi phản ánh"
  portal new --section "Sự kiện" --new-section "Hội nghị triển khai"`,
	}
	c.flags = func(fs *flag.FlagSet) func([]string, *streams) int {
		var opts newpage.Options
		fs.StringVar(&opts.Source, "source", ".", "thư mục trang `DIR` (site folder)")
		fs.StringVar(&opts.Section, "section", "", "trang mới thuộc `MỤC` (thư mục trong content/); khi đó tham số là tiêu đề")
		fs.StringVar(&opts.Title, "title", "", "tiêu đề có dấu `TIÊU-ĐỀ` của trang, khi đã cho tên tệp")
		fs.BoolVar(&opts.NewSection, "new-section", false, "cho phép tạo mục (thư mục) chưa có")
		return func(args []string, st *streams) int {
			if len(args) == 0 {
				return c.usageErr(st, "thiếu tiêu đề hoặc tên tệp của trang mới")
			}
			arg := strings.Join(args, " ")
			isFile := len(args) == 1 && strings.HasSuffix(strings.ToLower(arg), ".md")
			switch {
			case opts.Section != "" && isFile:
				return c.usageErr(st, "với --section, hãy cho tiêu đề, không phải tên tệp %q", arg)
			case opts.Section != "":
				if opts.Title != "" {
					return c.usageErr(st, "tiêu đề được cho hai lần: %q và --title %q", arg, opts.Title)
				}
				opts.Title = arg
			case isFile:
				opts.Path = arg
			case len(args) > 1:
				return c.usageErr(st, "tiêu đề có dấu cách phải nằm trong dấu ngoặc kép: portal new \"MỤC/%s\"", arg)
			default:
				// "hoi-dap/Tiêu đề", or "hoi-dap\Tiêu đề" as PowerShell completes it.
				i := strings.IndexAny(arg, `/\`)
				sec, title := "", ""
				if i >= 0 {
					sec, title = arg[:i], arg[i+1:]
				}
				if i < 0 || strings.TrimSpace(title) == "" {
					return c.usageErr(st, "thiếu mục của trang: viết \"MỤC/%s\" hoặc --section MỤC \"%s\"", arg, arg)
				}
				if opts.Title != "" {
					return c.usageErr(st, "tiêu đề được cho hai lần: %q và --title %q", title, opts.Title)
				}
				opts.Section, opts.Title = sec, title
			}
			if opts.Path != "" && opts.Title == "" && st.interactive {
				// Ask only for a page that can be made.
				if _, err := newpage.Plan(opts); err != nil {
					fmt.Fprintf(st.err, "portal new: %v\n", err)
					return exitFailed
				}
				opts.Title = askTitle(st, opts.Path)
			}
			return runNew(opts, st)
		}
	}
	return c
}

// askTitle asks for the title of a page named by its file, on the
// terminal; Enter alone keeps the one made from the file name.
func askTitle(st *streams, path string) string {
	fmt.Fprintf(st.err, "Tiêu đề của trang (có dấu), ví dụ \"Cách gửi phản ánh\".\nGõ tiêu đề rồi nhấn Enter (bỏ trống để dùng tên tệp): ")
	line, err := bufio.NewReader(st.in).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(st.err)
		return ""
	}
	return strings.TrimSpace(norm.NFC.String(line))
}

func runNew(opts newpage.Options, st *streams) int {
	res, err := newpage.Create(opts)
	if err != nil {
		fmt.Fprintf(st.err, "portal new: %v\n", err)
		return exitFailed
	}
	for _, s := range res.Sections {
		fmt.Fprintf(st.out, "Đã tạo mục mới %s (hãy điền mô tả của mục).\n", s)
	}
	fmt.Fprintf(st.out, "Đã tạo %s (bản nháp, draft: true). Mở tệp để viết nội dung; xem trước bằng \"portal serve --drafts\".\n", res.Path)
	if res.TitleFromName {
		fmt.Fprintf(st.out, "Tiêu đề tạm \"%s\" lấy từ tên tệp: hãy sửa dòng title: trong tệp cho đúng, có dấu (hoặc dùng --title).\n", res.Title)
	}
	return exitOK
}

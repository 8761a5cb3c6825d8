package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"portal/internal/parallel"
	"portal/internal/serve"
)

func serveCommand() *command {
	c := &command{
		name:    "serve",
		summary: "xem trước trên máy này trong khi soạn; tự tải lại khi lưu tệp",
		usage:   "portal serve [tuỳ chọn]",
		about: `Dựng cổng trong bộ nhớ và mở bản xem trước tại http://127.0.0.1:1313/ (nếu cổng
1313 đang bận, portal dùng cổng trống kế tiếp và in địa chỉ ra). Mỗi lần lưu một
tệp, trang trong trình duyệt tự tải lại; tệp có lỗi thì trang vẫn giữ bản tốt gần
nhất, phủ lên một khung ghi tệp, dòng và lỗi. Nhấn Ctrl+C để dừng.

Thư mục trang nằm trên ổ mạng, thư mục đồng bộ (OneDrive…) hoặc /mnt/c trong WSL
có thể không báo thay đổi: dùng --poll để portal tự kiểm tra định kỳ. Khi thấy
thư mục không theo dõi được, portal tự chuyển sang cách này và báo ra.`,
		examples: `  portal serve --drafts
  portal serve --source D:\cong-papi --poll        ổ mạng: kiểm tra mỗi giây
  portal serve --poll 3s                           kiểm tra mỗi 3 giây
  portal serve --now 2026-01-01                    xem cổng như vào ngày 1/1/2026`,
	}
	c.flags = func(fs *flag.FlagSet) func([]string, *streams) int {
		var opts serve.Options
		var port int
		var bind, now string
		fs.StringVar(&opts.Source, "source", ".", "thư mục trang `DIR` (site folder)")
		fs.IntVar(&port, "port", serve.DefaultPort, "cổng `SỐ` (port); không ghi thì dùng 1313 hoặc cổng trống kế tiếp")
		fs.StringVar(&bind, "bind", "127.0.0.1", "địa chỉ lắng nghe `ĐỊA-CHỈ`; mặc định chỉ máy này (listen address)")
		fs.BoolVar(&opts.Drafts, "drafts", false, "hiện cả bản nháp, có dải \"Bản nháp\" (show drafts)")
		fs.Var(pollFlag{&opts.Poll}, "poll", "kiểm tra thay đổi định kỳ mỗi `KHOẢNG` (mặc định 1s; ví dụ 500ms, 3s) thay vì chờ hệ điều hành báo")
		fs.StringVar(&now, "now", "", "xem trước như vào ngày `NGÀY` (2026-01-01)")
		return func(args []string, st *streams) int {
			if len(args) > 0 {
				return c.usageErr(st, "tham số thừa %q; lệnh serve chỉ nhận tuỳ chọn", args)
			}
			if port < 0 || port > 65535 {
				return c.usageErr(st, "cổng %d không hợp lệ (0–65535)", port)
			}
			if code, ok := c.site(st, opts.Source, now, &opts.Now); !ok {
				return code
			}
			fixed := false
			fs.Visit(func(f *flag.Flag) { fixed = fixed || f.Name == "port" })
			return runServe(opts, bind, port, fixed, st)
		}
	}
	return c
}

func runServe(opts serve.Options, bind string, port int, fixed bool, st *streams) int {
	ip := net.ParseIP(bind)
	if bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(st.err, "CẢNH BÁO: đang mở bản xem trước cho mọi máy truy cập được %s, kể cả bản nháp. Chỉ dùng trong mạng tin cậy. (warning: not loopback)\n", bind)
	}
	ln, err := serve.Listen(bind, port, fixed)
	if err != nil {
		fmt.Fprintf(st.err, "portal serve: %v\n", err)
		return exitFailed
	}
	if got := ln.Addr().(*net.TCPAddr).Port; got != port && port != 0 {
		fmt.Fprintf(st.out, "Cổng %d đang được dùng (có thể bởi một bản portal serve khác); dùng cổng %d.\n", port, got)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts.Log = st.out
	opts.Bind = bind
	if err := serve.Run(ctx, ln, opts); err != nil {
		var p *parallel.Panic
		if errors.As(err, &p) {
			return internalError(st, p, false)
		}
		fmt.Fprintf(st.err, "portal serve: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(st.out, "Đã dừng.")
	return exitOK
}

// pollFlag is --poll [INTERVAL]: alone it polls every serve.DefaultPoll.
type pollFlag struct{ d *time.Duration }

func (p pollFlag) String() string {
	if p.d == nil || *p.d == 0 {
		return ""
	}
	return p.d.String()
}

func (p pollFlag) IsBoolFlag() bool { return true }

func (p pollFlag) Set(s string) error {
	switch s {
	case "true":
		*p.d = serve.DefaultPoll
		return nil
	case "false":
		*p.d = 0
		return nil
	}
	d, err := parseInterval(s)
	if err != nil {
		return err
	}
	*p.d = d
	return nil
}

func (p pollFlag) TakeValue(s string) bool {
	d, err := parseInterval(s)
	if err != nil {
		return false
	}
	*p.d = d
	return true
}

// parseInterval reads "500ms", "2s", "1m" or a number of seconds ("2").
func parseInterval(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		n, nerr := strconv.ParseFloat(s, 64)
		if nerr != nil || strings.ContainsAny(s, "eE") {
			return 0, errors.New("cần một khoảng thời gian như 500ms, 2s hoặc 1m")
		}
		d = time.Duration(n * float64(time.Second))
	}
	if d < serve.MinPoll {
		return 0, fmt.Errorf("khoảng %v quá ngắn; tối thiểu %v", d, serve.MinPoll)
	}
	return d, nil
}

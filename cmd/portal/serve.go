package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"portal/internal/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts serve.Options
	var port int
	var bind string
	fs.StringVar(&opts.Source, "source", ".", "thư mục trang (site folder)")
	fs.IntVar(&port, "port", 1313, "cổng (port)")
	fs.StringVar(&bind, "bind", "127.0.0.1", "địa chỉ lắng nghe; mặc định chỉ máy này (listen address; loopback by default)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "hiện cả bản nháp, có dải \"Bản nháp\" (show drafts)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "portal serve: tham số thừa %q\n", fs.Args())
		return 2
	}
	if port < 0 || port > 65535 {
		fmt.Fprintf(stderr, "portal serve: cổng %d không hợp lệ (0–65535)\n", port)
		return 2
	}
	ip := net.ParseIP(bind)
	if bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "CẢNH BÁO: đang mở bản xem trước cho mọi máy truy cập được %s, kể cả bản nháp. Chỉ dùng trong mạng tin cậy. (warning: not loopback)\n", bind)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintf(stderr, "portal serve: không mở được cổng %d trên %s: %v\nCó thể một bản portal serve khác đang chạy; hãy đóng nó hoặc dùng --port khác.\n", port, bind, err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts.Log = stdout
	opts.Bind = bind
	if err := serve.Run(ctx, ln, opts); err != nil {
		fmt.Fprintf(stderr, "portal serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Đã dừng.")
	return 0
}

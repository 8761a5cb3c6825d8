// Command portal builds, previews and checks the PAPI Hưng Yên portal (or
// any site laid out the same way).
//
//	portal build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future] [--expired] [--no-minify] [--quiet] [--verbose]
//	portal serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts]
//	portal new SECTION/NAME.md | portal new --section SECTION "Tiêu đề"
//	portal check [--source DIR] [--format text|json]
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

func main() {
	stop, err := startProfile(os.Getenv("PORTAL_CPUPROFILE"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "portal: PORTAL_CPUPROFILE: %v\n", err)
		os.Exit(2)
	}
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole command to path, when
// set: scripts/pgo.sh gathers the profile the compiler optimises the
// binary with (cmd/portal/default.pgo) this way.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

const usage = `portal: trình tạo trang tĩnh cho Cổng thông tin PAPI (static site generator)

Cách dùng (usage):
  portal build  [--source DIR] [--dest DIR] [--base-url URL] [--offline] [--drafts] [--future] [--expired] [--no-minify] [--quiet] [--verbose]
  portal serve  [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts]
  portal new    SECTION/NAME.md  |  portal new --section SECTION "Tiêu đề có dấu"
  portal check  [--source DIR] [--format text|json]

Chạy "portal LỆNH -h" để xem các tuỳ chọn của từng lệnh.
`

// run is main without the process: it returns the exit code, so tests can
// drive the whole command line.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// No panic reaches the user as a stack dump: report it plainly.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "portal: lỗi nội bộ (internal error): %v\nHãy báo lỗi này cho nhóm phát triển.\n", r)
			code = 2
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "serve", "server":
		return cmdServe(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "portal: lệnh %q không tồn tại\n\n%s", args[0], usage)
		return 2
	}
}

// Command portal builds, previews and checks the PAPI Hưng Yên portal (or
// any site laid out the same way).
//
//	portal build [--source DIR] [--dest DIR] [--base-url URL] [--now DATE] [--strict] [--drafts] [--future] [--expired] [--no-minify] [--quiet] [--verbose]
//	portal serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts] [--poll [INTERVAL]] [--now DATE]
//	portal new MUC/TEN.md | portal new --section MUC "Tiêu đề"
//	portal check [--source DIR] [--format text|json] [--now DATE] [--drafts]
//	portal init DIR
//	portal version
//
// Exit codes follow Go's tools: 0 success, 1 a mistake in the site (or a
// failed check), 2 a mistake in the command line, 3 an internal error.
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime/pprof"
)

func main() {
	stop, err := startProfile(os.Getenv("PORTAL_CPUPROFILE"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "portal: PORTAL_CPUPROFILE: %v\n", err)
		os.Exit(exitUsage)
	}
	if len(os.Args) == 1 && ownConsole() {
		// Opened by a double click: the window would close before the
		// usage could be read.
		fmt.Fprint(os.Stderr, doubleClick)
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
		os.Exit(exitUsage)
	}
	st := &streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, interactive: isTerminal(os.Stdin)}
	code := runWith(os.Args[1:], st, commands())
	stop()
	os.Exit(code)
}

// doubleClick is shown when portal.exe is opened from File Explorer.
const doubleClick = `portal là chương trình chạy bằng dòng lệnh, không mở bằng cách bấm đúp.

Cách dùng: trong File Explorer, mở thư mục có portal.exe, bấm vào thanh địa chỉ,
gõ powershell rồi nhấn Enter. Trong cửa sổ PowerShell, gõ:

    .\portal.exe help

Xem thêm tệp HUONG-DAN.md đi kèm.

Nhấn Enter để đóng cửa sổ này.`

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

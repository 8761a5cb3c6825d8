// Command portal builds, previews and checks the PAPI Hưng Yên portal (or
// any site laid out the same way).
//
//	portal build [--source DIR] [--dest DIR] [--base-url URL] [--now DATE] [--drafts] [--future] [--expired] [--no-minify] [--quiet] [--verbose]
//	portal serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts] [--poll [INTERVAL]] [--now DATE]
//	portal new MUC/TEN.md | portal new --section MUC "Tiêu đề"
//	portal check [--source DIR] [--format text|json] [--now DATE]
//	portal init DIR
//	portal version
//
// Exit codes follow Go's tools: 0 success, 1 a mistake in the site (or a
// failed check), 2 a mistake in the command line, 3 an internal error.
package main

import (
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
	st := &streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, interactive: isTerminal(os.Stdin)}
	code := runWith(os.Args[1:], st, commands())
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

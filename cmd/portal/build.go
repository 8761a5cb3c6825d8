package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"portal/internal/build"
	"portal/internal/check"
	"portal/internal/config"
	"portal/internal/content"
	"portal/internal/diag"
	"portal/internal/parallel"
)

func buildCommand() *command { return buildCommandWith(build.Build) }

// buildCommandWith is the build command building with do: tests give it a
// build that fails in ways a real site cannot make it fail.
func buildCommandWith(do func(build.Options) (*build.Result, error)) *command {
	c := &command{
		name:    "build",
		summary: "dựng toàn bộ trang vào thư mục đầu ra (mặc định public/)",
		usage:   "portal build [tuỳ chọn]",
		about: `Dựng toàn bộ cổng thông tin từ thư mục trang (site.yaml, content/, layouts/,
static/, data/) vào thư mục đầu ra. Nếu có lỗi, portal liệt kê từng lỗi kèm tệp và
dòng, kết thúc với mã 1, và giữ nguyên bản dựng trước: trang đang xuất bản không
bao giờ bị hỏng dở dang.

Bản nháp (draft: true), trang có ngày đăng (publishDate) trong tương lai và trang
đã hết hạn (expiryDate) không được dựng, trừ khi dùng --drafts, --future, --expired.
--now xem trước cổng vào một ngày khác: trang nào sẽ hiện, trang nào sẽ ẩn.

--strict kiểm tra bản dựng như "portal check" trước khi xuất bản: nếu trang sắp
xuất bản có lỗi (ví dụ ảnh thiếu mô tả, liên kết hỏng), lệnh dừng với mã 1 và giữ
nguyên bản dựng trước. Khi xuất bản lên cổng thật, luôn dùng --strict. Đây là tuỳ
chọn chứ không phải mặc định vì bản xem trước (portal serve) và bản dựng thử phải
vẫn hiện trang trong lúc biên tập viên đang sửa lỗi.`,
		examples: `  portal build
  portal build --strict                  xuất bản: dừng nếu "portal check" thấy lỗi
  portal build --source D:\cong-papi --dest D:\xuat-ban
  portal build --now 2026-01-01          cổng sẽ trông thế nào từ ngày 1/1/2026
  portal build --offline --dest ban-doc   bản đọc không cần máy chủ (mở bằng file://)`,
	}
	c.flags = func(fs *flag.FlagSet) func([]string, *streams) int {
		var opts build.Options
		var quiet, verbose, strict bool
		var now string
		fs.StringVar(&opts.Source, "source", ".", "thư mục trang `DIR` (site folder)")
		fs.StringVar(&opts.Dest, "dest", "", "thư mục đầu ra `DIR` (mặc định SOURCE/public)")
		fs.StringVar(&opts.BaseURL, "base-url", "", "địa chỉ gốc `URL`, ví dụ https://example.org/papi/ (thay baseURL của site.yaml)")
		fs.StringVar(&now, "now", "", "dựng như vào ngày `NGÀY` (2026-01-01, hoặc 2026-01-01T08:00): xem trước publishDate/expiryDate")
		fs.BoolVar(&opts.Drafts, "drafts", false, "gồm cả bản nháp (include drafts)")
		fs.BoolVar(&opts.Future, "future", false, "gồm cả trang có ngày đăng trong tương lai (include future pages)")
		fs.BoolVar(&opts.Expired, "expired", false, "gồm cả trang đã hết hạn (include expired pages)")
		fs.BoolVar(&opts.NoMinify, "no-minify", false, "không rút gọn HTML/CSS/JS (do not minify)")
		fs.BoolVar(&opts.Offline, "offline", false, "bản đọc không cần máy chủ (offline copy, file://)")
		fs.BoolVar(&strict, "strict", false, "không xuất bản nếu \"portal check\" thấy lỗi trên trang sắp xuất bản (dùng khi xuất bản)")
		fs.BoolVar(&quiet, "quiet", false, "không in dòng tóm tắt")
		fs.BoolVar(&verbose, "verbose", false, "liệt kê các tệp đã ghi; khi có lỗi nội bộ, in cả chi tiết kỹ thuật (Go stack)")
		return func(args []string, st *streams) int {
			if len(args) > 0 {
				return c.usageErr(st, "tham số thừa %q; lệnh build chỉ nhận tuỳ chọn", args)
			}
			if code, ok := c.site(st, opts.Source, now, &opts.Now); !ok {
				return code
			}
			if strict {
				dest := opts.Dest
				if dest == "" {
					dest = filepath.Join(opts.Source, "public")
				}
				opts.Review = check.Gate(check.Options{Source: opts.Source, Now: opts.Now, Output: dest})
			}
			return runBuild(do, opts, quiet, verbose, now != "", st)
		}
	}
	return c
}

func runBuild(do func(build.Options) (*build.Result, error), opts build.Options, quiet, verbose, showNow bool, st *streams) int {
	defer tuneGC()()
	res, err := do(opts)
	if err != nil {
		var p *parallel.Panic
		if errors.As(err, &p) {
			code := internalError(st, p, verbose)
			fmt.Fprintln(st.err, "Bản dựng trước (nếu có) được giữ nguyên. (previous output left untouched)")
			return code
		}
		var failed *build.Failed
		if errors.As(err, &failed) {
			if failed.Reviewed {
				n := 0
				for _, p := range failed.Problems {
					if p.Level == diag.Error {
						n++
					}
				}
				fmt.Fprintf(st.err, "portal build --strict: không xuất bản vì kiểm tra (portal check) thấy %d lỗi trên các trang sắp xuất bản (check failed):\n", n)
			}
			fmt.Fprintln(st.err, failed.Error())
			fmt.Fprintln(st.err, "Bản dựng trước (nếu có) được giữ nguyên. (previous output left untouched)")
			return exitFailed
		}
		fmt.Fprintf(st.err, "portal build: %v\n", err)
		return exitFailed
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(st.err, w.Error())
	}
	if verbose {
		for _, f := range res.Files {
			fmt.Fprintln(st.out, f)
		}
		if res.PhotosCleaned > 0 {
			fmt.Fprintf(st.out, "Đã xoá thông tin đi kèm (tên máy, người chụp, thời gian) khỏi %d ảnh, trong đó %d ảnh có vị trí GPS (photo metadata removed)\n", res.PhotosCleaned, res.PhotosLocated)
		}
	}
	if !quiet {
		when := ""
		if showNow {
			when = ", tính như vào " + opts.Now.Format("2006-01-02 15:04 (-07:00)")
		}
		fmt.Fprintf(st.out, "Đã xây dựng %d trang (%d tệp) trong %d ms%s\n", res.Pages, len(res.Files), res.Elapsed.Round(time.Millisecond).Milliseconds(), when)
	}
	return exitOK
}

// site checks what build, check and serve share before any work: the
// folder is a site, and --now (when given) is a date, stored in dst. ok is
// false with the exit code when not.
func (c *command) site(st *streams, source, now string, dst *time.Time) (code int, ok bool) {
	if now != "" {
		t, err := parseNow(now, source)
		if err != nil {
			return c.usageErr(st, "--now: %v", err), false
		}
		*dst = t
	}
	if err := siteFolder(source); err != nil {
		fmt.Fprintf(st.err, "portal %s: %v\n", c.name, err)
		return exitFailed, false
	}
	return exitOK, true
}

// parseNow reads --now: a date is the start of that day in the site's
// time zone (what the daily publishing run just after midnight shows);
// a date and time, or RFC 3339, is that moment.
func parseNow(s, source string) (time.Time, error) {
	loc := siteLocation(source)
	t, err := content.ParseDate(s, loc)
	if err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// siteFolder refuses a folder that is not a site before any work, with
// what to do instead; a site.yaml that cannot be read for another reason
// is left to the build to report.
func siteFolder(source string) error {
	_, err := os.Stat(filepath.Join(source, config.FileName))
	if !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	abs, aerr := filepath.Abs(source)
	if aerr != nil {
		abs = source
	}
	return fmt.Errorf("%s không phải thư mục trang: không thấy tệp %s. Hãy chạy lệnh trong thư mục trang, thêm --source THƯ-MỤC-TRANG, hoặc tạo cổng mới bằng \"portal init THƯ-MỤC\"", abs, config.FileName)
}

// siteLocation is the site's time zone, or Việt Nam's when site.yaml
// cannot be read (the build reports that itself).
func siteLocation(source string) *time.Location {
	if cfg, err := config.Load(filepath.Join(source, config.FileName)); err == nil && cfg.Location != nil {
		return cfg.Location
	}
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

// A build's garbage collection: below gcStart of heap it never collects, so
// a small site (the portal's own: ~30 MB) builds without collecting at all;
// from its first collection on, it collects when the heap has grown by
// gcPercent since the last one. A later first collection costs more than
// it saves: every page of a heap that only grows is fresh memory the
// kernel must fault in and zero (128 MiB: a 1,000-page build 0.59 s, at
// 32 MiB 0.45 s).
const (
	gcStart   = 32 << 20
	gcPercent = 40
)

// tuneGC sets the garbage collector for one build and returns what puts it
// back. A build is a batch job whose data mostly lives to the end: the
// default GOGC=100 would let the heap reach twice its live data. A fixed
// memory limit was tried and is slower: near the limit the runtime returns
// freed pages to the system on every cycle (madvise) and faults them back
// in, 0.5 s of a 10,000-page build. So the limit serves only to delay the
// first collection; after it, a GC percent bounds the heap in proportion to
// what the site keeps. GOGC or GOMEMLIMIT in the environment take precedence.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prevLimit := debug.SetMemoryLimit(gcStart)
	prevPercent := debug.SetGCPercent(-1)
	var mu sync.Mutex
	restored := false
	// The sentinel becomes unreachable at once; its cleanup runs after the
	// first collection has found it.
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		mu.Lock()
		defer mu.Unlock()
		if !restored {
			debug.SetGCPercent(gcPercent)
			debug.SetMemoryLimit(prevLimit)
		}
	}, struct{}{})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		restored = true
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

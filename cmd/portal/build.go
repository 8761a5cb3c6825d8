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
	"runtime/metrics"
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
	defer tuneGC(&opts)()
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
//
// Until its pages are converted, a large site's build also lets the heap
// grow to a floor of heapPerByte times the size of its Markdown before it
// collects. That is about the heap rendering reaches anyway: while pages
// render, the heap holds every page's HTML, its text for the search index
// and the index, ~3 times the Markdown (10,000 generated pages: ~155 MB
// live for 52 MB), and gcPercent more. Collections below that while pages
// load and convert do not lower the build's peak memory; they only mark
// the same pages again and again (10,000 pages: 26 collections marking
// 2.8 GB before, 22 marking 2.4 GB with the floor). The GC percent that
// gives the floor is set after each collection, by a cleanup that may run
// late (on one core, hundreds of milliseconds): a memory limit a quarter
// above the floor keeps a percent set for a smaller heap from letting a
// larger one grow past it. A site with less than gcStart/heapPerByte of
// Markdown (8 MB, ~1,500 pages) gets no floor.
//
// gcPercent was 40 until the pages became views for the templates (more
// live data while rendering); at 35, with the memory conversion freed
// handed back before rendering (gcTuner.converted), a 10,000-page build
// peaks at 251 MiB, below the 255 MiB of before (265 MiB at 40).
const (
	gcStart     = 32 << 20
	gcPercent   = 35
	heapPerByte = 4
)

// tuneGC sets the garbage collector for one build, through opts's hooks,
// and returns what puts it back; the settings are the process's, so one
// build at a time. A build is a batch job whose data mostly
// lives to the end: the default GOGC=100 would let the heap reach twice
// its live data. A fixed memory limit for the whole build was tried and
// is slower: near the limit the runtime returns freed pages to the system
// on every cycle (madvise) and faults them back in, 0.5 s of a
// 10,000-page build. So limits serve only to delay the first collection
// and to cap the floor; a GC percent bounds the heap in proportion to what
// the site keeps. GOGC or GOMEMLIMIT in the environment take precedence.
func tuneGC(opts *build.Options) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &gcTuner{prevLimit: debug.SetMemoryLimit(gcStart), prevPercent: debug.SetGCPercent(-1)}
	t.arm()
	opts.Loaded, opts.Converted = t.sized, t.converted
	return t.restore
}

// gcTuner is tuneGC's state; its methods run on the build's goroutine and
// on the runtime's cleanup goroutine, hence the lock.
type gcTuner struct {
	mu          sync.Mutex
	done        bool  // the build is over: leave the settings alone
	collected   bool  // a collection has run
	floor       int64 // heap size below which no collection starts; 0 for none
	rendering   bool  // the pages are converted: the floor no longer holds
	prevLimit   int64
	prevPercent int
}

// arm has afterGC run once the next collection has ended: the sentinel is
// unreachable at once, and its cleanup runs after the collection that
// finds it.
func (t *gcTuner) arm() {
	runtime.AddCleanup(new([64]byte), func(struct{}) { t.afterGC() }, struct{}{})
}

func (t *gcTuner) afterGC() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return
	}
	t.collected = true
	t.apply()
	t.arm()
}

// apply sets the collector for the tuner's state; t.mu is held.
func (t *gcTuner) apply() {
	if t.done {
		return
	}
	if !t.collected {
		// The GC percent is off until the first collection, which the
		// limit starts: at gcStart, or at the floor.
		debug.SetMemoryLimit(max(gcStart, t.floor))
		return
	}
	floor := t.floor
	if t.rendering {
		floor = 0
	}
	percent, limit := percentFor(floor, liveHeap()), t.prevLimit
	if percent > gcPercent {
		// Only while the floor is further than gcPercent: a cap at or
		// below what the live data needs would collect without end (a
		// site of many short pages holds more per byte of Markdown).
		limit = min(limit, floor+floor/4)
	}
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
}

// sized sets the floor for a site with markdownBytes of Markdown: only
// more than gcStart counts.
func (t *gcTuner) sized(markdownBytes int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f := heapPerByte * markdownBytes; f > gcStart {
		t.floor = f
		t.apply()
	}
}

// converted ends the floor (a build that has not collected yet keeps it
// as the limit that starts its first collection: gcStart, below the
// heap, would start one at every allocation until the cleanup ran), and
// hands the memory conversion freed back to
// the system before pages render. Conversion allocates most of a build's
// memory (goldmark's trees, dropped page by page) in object sizes
// rendering has little use for, and the runtime gives freed pages back
// only slowly: kept, they would add to what rendering needs at its peak
// (10,000 pages: 5–15 MB). A build that has not collected yet (a small
// site) has nothing worth a collection to free.
func (t *gcTuner) converted() {
	t.mu.Lock()
	t.rendering = true
	t.apply()
	collected := t.collected && !t.done
	t.mu.Unlock()
	if collected {
		debug.FreeOSMemory()
	}
}

func (t *gcTuner) restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done = true
	debug.SetGCPercent(t.prevPercent)
	debug.SetMemoryLimit(t.prevLimit)
}

// percentFor is the GC percent that lets a heap with live bytes of live
// data grow by gcPercent, or to floor if that is more.
func percentFor(floor, live int64) int {
	if live <= 0 || floor <= live {
		return gcPercent
	}
	return max(gcPercent, int((floor-live)*100/live))
}

// liveHeap is the heap the last collection found live.
func liveHeap() int64 { return readMetric("/gc/heap/live:bytes") }

// readMetric is the runtime metric name, a count; 0 if the runtime has
// no such count.
func readMetric(name string) int64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

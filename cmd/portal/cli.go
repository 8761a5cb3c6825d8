package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"portal/internal/parallel"
	"portal/internal/textutil"
)

// Exit codes, as Go's own tools use them: a mistake in the site is 1, a
// mistake in the command line 2; 3 is portal's own fault.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitInternal = 3
)

// streams are the process's standard files, given to every command so
// tests can drive the whole command line.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
	// interactive is true when in is a terminal someone types at: only
	// then does a command ask a question.
	interactive bool
	// reportDir is where an internal error's report is written; empty
	// means the system's temporary folder.
	reportDir string
}

// command is one subcommand.
type command struct {
	name string
	// summary is its line in "portal help".
	summary string
	// usage is the synopsis, without "Cách dùng: ".
	usage string
	// about is the help's description; examples follow the options.
	about    string
	examples string
	// flags declares the command's options on fs and returns what runs
	// the command once they are parsed.
	flags func(fs *flag.FlagSet) func(args []string, st *streams) int
}

// commands lists portal's subcommands, in the order help shows them.
func commands() []*command {
	return []*command{buildCommand(), serveCommand(), newCommand(), checkCommand(), initCommand(), versionCommand()}
}

// run is main without the process and with no terminal: tests drive the
// command line through it.
func run(args []string, stdout, stderr io.Writer) int {
	return runWith(args, &streams{in: strings.NewReader(""), out: stdout, err: stderr}, commands())
}

// runWith runs one command line and returns its exit code. A panic on the
// command's own goroutine, or one a worker goroutine passed on to it
// (*parallel.Panic), is reported plainly and exits 3 (see internalError).
func runWith(args []string, st *streams, cmds []*command) (code int) {
	defer func() {
		if r := recover(); r != nil {
			p, ok := r.(*parallel.Panic)
			if !ok {
				p = &parallel.Panic{Value: r, Stack: debug.Stack()}
			}
			code = internalError(st, p, slices.Contains(args, "--verbose") || slices.Contains(args, "-verbose"))
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(st.err, mainUsage(cmds))
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(st.out, mainUsage(cmds))
		return exitOK
	case "-v", "-version", "--version":
		fmt.Fprintln(st.out, currentVersion())
		return exitOK
	case "help":
		return help(args[1:], st, cmds)
	}
	c := find(cmds, args[0])
	if c == nil {
		fmt.Fprintf(st.err, "portal: lệnh %q không tồn tại (unknown command)%s\n\n%s", args[0], suggest(args[0], names(cmds), ""), mainUsage(cmds))
		return exitUsage
	}
	return c.exec(args[1:], st)
}

// internalError reports portal's own failure, exit 3: what happened, that
// it is not the editor's mistake, and whom to tell with what. The Go stack
// means nothing to an editor, so it goes to a file for the report, and
// to the terminal too with --verbose.
func internalError(st *streams, p *parallel.Panic, verbose bool) int {
	// The value may hold a page's text; a terminal gets no control
	// characters from it.
	what := fmt.Sprint(p.Value)
	if strings.IndexFunc(what, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		what = strconv.Quote(what)
	}
	fmt.Fprintf(st.err, "portal: lỗi nội bộ (internal error): %s\n", what)
	report := fmt.Sprintf("portal %s\nlỗi nội bộ (internal error): %v\n\n%s", currentVersion(), p.Value, p.Stack)
	file, err := writeReport(st.reportDir, report)
	if err != nil {
		fmt.Fprintf(st.err, "Đây là lỗi của chương trình portal, không phải của trang. Hãy báo cho nhóm kỹ thuật, gửi kèm toàn bộ thông báo này và phiên bản: %s\n(không ghi được tệp báo lỗi: %v)\n\n%s", currentVersion(), err, p.Stack)
		return exitInternal
	}
	fmt.Fprintf(st.err, "Đây là lỗi của chương trình portal, không phải của trang. Hãy báo cho nhóm kỹ thuật, gửi kèm thông báo này, tệp %s và phiên bản: %s\n", file, currentVersion())
	if verbose {
		fmt.Fprintf(st.err, "\n%s", p.Stack)
	}
	return exitInternal
}

// writeReport writes an internal error's report into dir (the temporary
// folder when empty) and returns its path.
func writeReport(dir, report string) (string, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.CreateTemp(dir, "portal-loi-noi-bo-*.txt")
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(report); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

func names(cmds []*command) []string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.name)
	}
	return out
}

func find(cmds []*command, name string) *command {
	if name == "server" {
		name = "serve" // Hugo's name for it
	}
	for _, c := range cmds {
		if c.name == name {
			return c
		}
	}
	return nil
}

// help answers "portal help [COMMAND]".
func help(args []string, st *streams, cmds []*command) int {
	switch {
	// "portal help --help" and "portal help help" ask what help does: the
	// main usage says it.
	case len(args) == 0, len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help"):
		fmt.Fprint(st.out, mainUsage(cmds))
		return exitOK
	case len(args) > 1:
		fmt.Fprintf(st.err, "portal help: chỉ hỏi về một lệnh mỗi lần, ví dụ \"portal help build\"\n")
		return exitUsage
	}
	c := find(cmds, args[0])
	if c == nil {
		fmt.Fprintf(st.err, "portal help: lệnh %q không tồn tại (unknown command)%s\n\n%s", args[0], suggest(args[0], names(cmds), ""), mainUsage(cmds))
		return exitUsage
	}
	return c.exec([]string{"--help"}, st)
}

// mainUsage is the answer to "portal help".
func mainUsage(cmds []*command) string {
	var b strings.Builder
	b.WriteString("portal: dựng, xem trước và kiểm tra cổng thông tin (static site generator)\n\n")
	b.WriteString("Cách dùng (usage):\n  portal LỆNH [tuỳ chọn] [tham số]\n\nCác lệnh (commands):\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString(`  help     in hướng dẫn của một lệnh: portal help LỆNH

Chạy "portal LỆNH --help" để xem các tuỳ chọn của từng lệnh.
"portal --version" in phiên bản.

Mã thoát (exit codes): 0 thành công; 1 trang có lỗi hoặc kiểm tra thấy lỗi;
2 gõ sai lệnh hoặc tuỳ chọn; 3 lỗi nội bộ của portal (hãy báo cho nhóm kỹ thuật).
`)
	return b.String()
}

// exec parses the command's options, wherever they stand among its
// arguments, and runs it.
func (c *command) exec(args []string, st *streams) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	runCmd := c.flags(fs)
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(st.out, c.help(fs))
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(st.err, "portal %s: %s\n\n%s", c.name, flagError(err, fs), c.shortUsage(fs))
		return exitUsage
	}
	return runCmd(pos, st)
}

// usageErr reports a mistake in a command's arguments found after the
// options were parsed.
func (c *command) usageErr(st *streams, format string, args ...any) int {
	fmt.Fprintf(st.err, "portal %s: %s\n\nCách dùng: %s\nChạy \"portal %s --help\" để xem hướng dẫn đầy đủ.\n", c.name, fmt.Sprintf(format, args...), c.usage, c.name)
	return exitUsage
}

// help is the full help of the command.
func (c *command) help(fs *flag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Cách dùng: %s\n\n%s\n", c.usage, strings.TrimSpace(c.about))
	b.WriteString("\n" + options(fs))
	if c.examples != "" {
		fmt.Fprintf(&b, "\nVí dụ:\n%s\n", strings.TrimRight(c.examples, "\n"))
	}
	return b.String()
}

// shortUsage is what follows a mistake: the synopsis and the options.
func (c *command) shortUsage(fs *flag.FlagSet) string {
	return fmt.Sprintf("Cách dùng: %s\n\n%s\nChạy \"portal %s --help\" để xem hướng dẫn đầy đủ.\n", c.usage, options(fs), c.name)
}

// options lists the flags as users type them ("--source DIR").
func options(fs *flag.FlagSet) string {
	type row struct{ left, right string }
	var rows []row
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		switch {
		case isOptional(f):
			left += " [" + name + "]"
		case name != "":
			left += " " + name
		}
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			if _, err := strconv.Atoi(def); err != nil {
				def = strconv.Quote(def)
			}
			usage += fmt.Sprintf(" (mặc định %s)", def)
		}
		rows = append(rows, row{left, usage})
	})
	rows = append(rows, row{"-h, --help", "in hướng dẫn này"})
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r.left))
	}
	var b strings.Builder
	b.WriteString("Tuỳ chọn (options):\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "  %s%s  %s\n", r.left, strings.Repeat(" ", width-utf8.RuneCountInString(r.left)), r.right)
	}
	return b.String()
}

// optionalValue is a flag whose value may be left out ("--poll" or
// "--poll 2s"): it parses as a boolean flag, and a value standing after
// it as the next argument is taken by parseInterleaved.
type optionalValue interface {
	flag.Value
	IsBoolFlag() bool
	// TakeValue reports whether s is a value for the flag, and takes it.
	TakeValue(s string) bool
}

func isOptional(f *flag.Flag) bool {
	_, ok := f.Value.(optionalValue)
	return ok
}

// parseInterleaved parses fs's flags wherever they stand among the
// positional arguments, as Go's own tools and most others do ("portal new
// hoi-dap/x.md --source D"). Everything after "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		used := args[:len(args)-len(rest)]
		if len(used) > 0 && used[len(used)-1] == "--" {
			return append(pos, rest...), nil
		}
		// "--poll 2s": the value of an optional-value flag given last.
		if len(used) > 0 {
			if f := fs.Lookup(strings.TrimLeft(used[len(used)-1], "-")); f != nil && strings.HasPrefix(used[len(used)-1], "-") {
				if ov, ok := f.Value.(optionalValue); ok && ov.TakeValue(rest[0]) {
					args = rest[1:]
					continue
				}
			}
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

var (
	undefinedRE = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	needsArgRE  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	badValueRE  = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): (.*)$`)
	badSyntaxRE = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagError says in Vietnamese what the flag package found wrong.
func flagError(err error, fs *flag.FlagSet) string {
	msg := err.Error()
	if m := undefinedRE.FindStringSubmatch(msg); m != nil {
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		return fmt.Sprintf("không có tuỳ chọn --%s (unknown flag)%s", m[1], suggest(m[1], known, "--"))
	}
	if m := needsArgRE.FindStringSubmatch(msg); m != nil {
		name, _ := flag.UnquoteUsage(fs.Lookup(m[1]))
		if name == "" {
			name = "GIÁ-TRỊ"
		}
		return fmt.Sprintf("tuỳ chọn --%s cần một giá trị: --%s %s (flag needs an argument)", m[1], m[1], name)
	}
	if m := badValueRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("giá trị %q của --%s không hợp lệ: %s (invalid value)", m[1], m[2], valueProblem(m[3]))
	}
	if m := badSyntaxRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("tuỳ chọn viết sai: %s; hãy viết --ten hoặc --ten=giá-trị (bad flag syntax)", m[1])
	}
	return msg
}

// valueProblem turns the reasons strconv and time give into Vietnamese;
// a reason from portal's own flag types is already Vietnamese.
func valueProblem(s string) string {
	switch {
	case strings.Contains(s, "parse error"), strings.Contains(s, "invalid syntax"):
		return "cần một số"
	case strings.Contains(s, "value out of range"):
		return "số quá lớn"
	}
	return s
}

// suggest names the closest of choices to s, when one is close enough to
// be a typing mistake: "; có phải ý bạn là --source?".
func suggest(s string, choices []string, prefix string) string {
	best := textutil.Closest(s, choices)
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; có phải ý bạn là %s%s?", prefix, best)
}

package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by release builds (scripts/release.sh):
//
//	-ldflags "-X main.version=v1.2.0 -X main.commit=<hash> -X main.date=<RFC 3339>"
//
// A plain "go build" from a checkout leaves them empty; the build
// information Go records (the VCS revision and time) is used instead.
var (
	version string
	commit  string
	date    string
)

// versionInfo is what "portal version" reports.
type versionInfo struct {
	Version  string // "v1.2.0", or "(devel)"
	Commit   string // full hash; "" when unknown
	Date     string // the commit's time, RFC 3339; "" when unknown
	Modified bool   // built from a checkout with uncommitted changes
	Go       string // "go1.26.0"
	Platform string // "windows/amd64"
}

// readVersion combines the stamped values with the build information; a
// stamped value wins.
func readVersion(stampVersion, stampCommit, stampDate string, bi *debug.BuildInfo) versionInfo {
	v := versionInfo{Version: stampVersion, Commit: stampCommit, Date: stampDate, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if bi.GoVersion != "" {
			v.Go = bi.GoVersion
		}
		var rev, at string
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if v.Commit == "" {
			v.Commit, v.Modified = rev, modified
		} else if v.Commit == rev {
			v.Modified = modified
		}
		if v.Date == "" {
			v.Date = at
		}
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			// Go 1.24 and later derive it from the checkout's tag and
			// commit: "v1.2.0", or "v0.0.0-20261206100000-5cb3db6e9a1f+dirty".
			v.Version = bi.Main.Version
		}
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	return v
}

// String is the one line "portal version" prints: everything a bug report
// needs, in one line to copy.
func (v versionInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "portal %s", v.Version)
	if v.Commit != "" {
		c := v.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		fmt.Fprintf(&b, ", commit %s", c)
		if v.Modified {
			b.WriteString(" (có thay đổi chưa commit)")
		}
		if v.Date != "" {
			fmt.Fprintf(&b, " ngày %s", v.Date)
		}
	} else {
		b.WriteString(", không rõ commit")
	}
	fmt.Fprintf(&b, ", %s %s", v.Go, v.Platform)
	return b.String()
}

func currentVersion() versionInfo {
	bi, _ := debug.ReadBuildInfo()
	return readVersion(version, commit, date, bi)
}

func versionCommand() *command {
	c := &command{
		name:    "version",
		summary: "in phiên bản, commit và phiên bản Go của chương trình",
		usage:   "portal version",
		about: `In phiên bản của portal, mã commit và ngày của commit đã dựng ra chương trình,
phiên bản Go và hệ điều hành. Khi báo lỗi, hãy gửi kèm dòng này.
"portal --version" và "portal -v" in cùng một dòng.`,
	}
	c.flags = func(fs *flag.FlagSet) func([]string, *streams) int {
		return func(args []string, st *streams) int {
			if len(args) > 0 {
				return c.usageErr(st, "lệnh version không nhận tham số %q", args[0])
			}
			fmt.Fprintln(st.out, currentVersion())
			return exitOK
		}
	}
	return c
}
